//! Fields whose codes are the lawful values a rule lists: the purpose of an inquiry, the class
//! of an administrative message, the investigation, requester category, subject role and
//! necessity of an SOS act. A value outside the list is not only an invalid code: it is refused
//! citing the paragraph that lists the lawful ones, and the refusal says what they are.

use crate::error::{Edit, FieldError};
use crate::fields::{AMC, PUR};
use crate::rules::{Cite, PURPOSE_PARAGRAPH, RuleId};
use crate::sos::{Category, Necessity, SubjectRole};

/// The rule that lists a field's lawful values, and the values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawfulValues {
    /// The rule, at the paragraph that lists them.
    pub cite: Cite,
    /// What the operator is told: the lawful values.
    pub text: String,
}

/// The lawful values of the field `tag`, for the fields whose values a rule lists.
pub fn lawful_values(tag: &str) -> Option<LawfulValues> {
    let (cite, text) = match tag {
        "PUR" => (
            RuleId::D1.at(PURPOSE_PARAGRAPH),
            format!("THE LAWFUL PURPOSES ARE {}", codes(PUR.entries)),
        ),
        "AMC" => (
            RuleId::D1.at("20 Ill. Adm. Code 1240.80(b)"),
            format!("THE OFFICIAL MESSAGE CLASSES ARE {}", codes(AMC.entries)),
        ),
        "INV" => (
            RuleId::P1.at("92 Ill. Adm. Code 1030.140(b)(1)(D) and (E)"),
            "A LAWFUL INVESTIGATION IS CRIMINAL OR CIVIL".to_owned(),
        ),
        "CAT" => (
            RuleId::P1.at("92 Ill. Adm. Code 1030.140(b)(1)"),
            format!(
                "THE REQUESTER CATEGORIES OF 1030.140(b)(1) ARE {}",
                Category::ALL
                    .iter()
                    .map(|c| format!("({}) {}", c.letter(), c.name()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        "ROL" => (
            RuleId::P3.at("92 Ill. Adm. Code 1030.140(b)(3)"),
            format!(
                "THE HOLDER'S ROLE IS ONE OF {}",
                SubjectRole::ALL.map(SubjectRole::name).join(", ")
            ),
        ),
        "NEC" => (
            RuleId::P4.at("92 Ill. Adm. Code 1030.140(b)(2)"),
            format!(
                "A RELEASE IS NECESSARY ONLY TO {}",
                Necessity::ALL.map(Necessity::name).join(", ")
            ),
        ),
        _ => return None,
    };
    Some(LawfulValues { cite, text })
}

impl FieldError {
    /// For a value outside a rule's list of lawful values, that rule and the list.
    pub fn lawful(&self) -> Option<LawfulValues> {
        if self.edit() == Edit::InvalidCode {
            lawful_values(self.tag())
        } else {
            None
        }
    }
}

fn codes(entries: &[(&str, &str)]) -> String {
    entries
        .iter()
        .map(|(code, meaning)| format!("{code} {meaning}"))
        .collect::<Vec<_>>()
        .join(", ")
}

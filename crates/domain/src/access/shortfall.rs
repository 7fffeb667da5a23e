//! A fact that keeps something from happening, and the rule it comes from.

use crate::rules::Cite;

/// A fact that keeps something from happening, with the rule (and the paragraph of its
/// regulation) it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub rule: Cite,
    pub text: String,
}

impl Shortfall {
    /// `rule` is a rule id (cited at its regulation) or a rule at a paragraph
    /// (`RuleId::A4.at("20 Ill. Adm. Code 1240.40(a)(1)")`).
    pub fn new(rule: impl Into<Cite>, text: impl Into<String>) -> Shortfall {
        Shortfall {
            rule: rule.into(),
            text: text.into(),
        }
    }
}

//! The numbered rules, each with the regulation it comes from (docs/RULES.md is generated from
//! this catalogue). A refusal always names one of these, so an operator and an auditor see
//! which rule decided and where it is written.

use std::fmt;

macro_rules! rules {
    ($( $id:ident => $cite:literal, $summary:literal; )*) => {
        /// A rule id (A1…N5).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId { $($id),* }

        impl RuleId {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$id),*];

            /// The id, e.g. `H2`.
            pub const fn id(self) -> &'static str {
                match self { $(RuleId::$id => stringify!($id)),* }
            }

            /// The regulation or policy the rule comes from.
            pub const fn citation(self) -> &'static str {
                match self { $(RuleId::$id => $cite),* }
            }

            /// What the rule requires, in one line.
            pub const fn summary(self) -> &'static str {
                match self { $(RuleId::$id => $summary),* }
            }

            /// Looks a rule up by its id (`"H2"`).
            pub fn from_id(id: &str) -> Option<RuleId> {
                match id { $(stringify!($id) => Some(RuleId::$id),)* _ => None }
            }
        }
    };
}

rules! {
    A1 => "20 Ill. Adm. Code 1240.30(c)(1)", "full access only for an agency meeting one of 1240.30(c)(1)(A)-(E)";
    A2 => "20 Ill. Adm. Code 1240.30(c)(2)", "no access without a signed LEADS interagency agreement";
    A3 => "20 Ill. Adm. Code 1240.30(b)(5)", "less-than-full access grants only the named data and services";
    A4 => "20 Ill. Adm. Code 1240.40", "connection needs a written request 90 days ahead, a conference and approved equipment";
    S1 => "20 Ill. Adm. Code 1240.50(b)(1)", "no access until a fingerprint-based state and FBI background check is on file";
    S2 => "20 Ill. Adm. Code 1240.50(b)(2)-(3)", "a felony or moral-turpitude conviction bars access";
    S3 => "20 Ill. Adm. Code 1240.50(b)(4)", "terminals are used only for authorized purposes by authorized requesters";
    S4 => "20 Ill. Adm. Code 1240.50(b)(5)", "each agency keeps written discipline standards";
    S5 => "20 Ill. Adm. Code 1240.50(c)", "a transaction comes from a terminal registered to the agency";
    H1 => "20 Ill. Adm. Code 1240.60(a)(1)", "an agency with hot-file records staffs its terminal 24 hours a day";
    H2 => "20 Ill. Adm. Code 1240.60(a)(2)", "every record names its supporting document; a telephone report alone is not enough";
    H3 => "20 Ill. Adm. Code 1240.60(a)(3)-(4)", "enter as soon as facts allow; warrants within 24 hours";
    H4 => "20 Ill. Adm. Code 1240.60(a)(5)", "a second party checks every entry within 24 hours";
    H5 => "20 Ill. Adm. Code 1240.60(a)(5)", "serious errors are corrected or removed by the end of the shift";
    H6 => "20 Ill. Adm. Code 1240.60(a)(6)", "confirmation requests are answered at the requested priority";
    H7 => "20 Ill. Adm. Code 1240.60(a)(7), 1240.70(b)", "the entering agency keeps its records accurate and removes them promptly";
    H8 => "20 Ill. Adm. Code 1240.70(a),(c)", "records are valid only while supported by documentation";
    D1 => "20 Ill. Adm. Code 1240.80", "no personal use; every inquiry states its purpose and case number";
    T1 => "20 Ill. Adm. Code 1240.90(a)", "every terminal agency has exactly one certified LEADS Agency Coordinator";
    T2 => "20 Ill. Adm. Code 1240.90(b)(1)-(4)", "every user is certified for the level of access sought";
    T3 => "20 Ill. Adm. Code 1240.90(b)(5)-(8)", "agencies keep training records and train indirect users";
    T4 => "20 Ill. Adm. Code 1240.90(b)(9)", "certification is suspended only after notice and a chance to respond";
    O1 => "20 Ill. Adm. Code 1240.100(a)-(c)", "periodic audits with notice and a written report";
    O2 => "20 Ill. Adm. Code 1240.100(d)-(f)", "a non-compliant agency answers within 30 days with a plan";
    O3 => "20 Ill. Adm. Code 1240.110", "sanctions by severity; a suspension is enforced on exactly the services suspended";
    O4 => "20 Ill. Adm. Code 1240.20", "the Advisory Policy Board's recommendations are recorded";
    I1 => "LEADS bulletin 2023-02-16", "images are entered, modified, cancelled and queried by the record owner";
    I2 => "LEADS bulletin 2023-02-16", "sex-offender images go to LEADS and NCIC; VOAY images are LEADS-only";
    I3 => "LEADS bulletin 2023-02-16", "registrant photos are replaced every year";
    I4 => "LEADS bulletin 2023-02-16", "the photo is sized into the frame and stored normalized";
    P1 => "92 Ill. Adm. Code 1030.140(b)(1)", "SOS images are disclosed only to the listed categories";
    P2 => "92 Ill. Adm. Code 1030.140(a)", "no agency keeps a file of SOS images; only inside a case record";
    P3 => "92 Ill. Adm. Code 1030.140(b)(3)", "only the suspect's SOS image may be used in a line-up";
    P4 => "92 Ill. Adm. Code 1030.140(b)(2)", "public dissemination needs necessity, verification, disclaimer and SOS approval";
    P5 => "92 Ill. Adm. Code 1030.140(c)", "secondary dissemination only to eligible agencies, recorded";
    P6 => "92 Ill. Adm. Code 1030.140(c)(3)", "every SOS image response carries the disclaimer";
    N1 => "Nlets photo-sharing policy", "only approved criminal-justice users request driver photos";
    N2 => "Nlets photo-sharing policy", "identification during duty with suspected criminal activity";
    N3 => "Nlets photo-sharing policy", "suspect photos shared only among criminal-justice personnel";
    N4 => "Nlets photo-sharing policy", "public disclosure only after verification and an arrest warrant";
    N5 => "Nlets photo-sharing policy", "driver photos are never used for line-ups except the one suspect";
}

/// The paragraph that forbids personal use and so makes every inquiry state its purpose and
/// case (D1).
pub const PURPOSE_PARAGRAPH: &str = "20 Ill. Adm. Code 1240.80(a)";

/// A rule with the paragraph of its regulation that decides a case — `D1` at
/// `20 Ill. Adm. Code 1240.80(b)` — so a refusal cites the most specific paragraph it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cite {
    rule: RuleId,
    citation: &'static str,
}

impl Cite {
    /// The rule.
    pub const fn rule(self) -> RuleId {
        self.rule
    }

    /// The paragraph cited.
    pub const fn citation(self) -> &'static str {
        self.citation
    }
}

impl RuleId {
    /// The rule at one paragraph of its regulation, written in full
    /// (`RuleId::D1.at("20 Ill. Adm. Code 1240.80(b)")`).
    pub const fn at(self, citation: &'static str) -> Cite {
        Cite {
            rule: self,
            citation,
        }
    }
}

impl From<RuleId> for Cite {
    fn from(rule: RuleId) -> Cite {
        rule.at(rule.citation())
    }
}

impl fmt::Display for Cite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RULE {} ({})", self.rule.id(), self.citation)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RULE {} ({})", self.id(), self.citation())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_round_trips_and_cites_a_source() {
        assert_eq!(RuleId::ALL.len(), 41);
        for rule in RuleId::ALL {
            assert_eq!(RuleId::from_id(rule.id()), Some(*rule));
            assert!(!rule.citation().is_empty() && !rule.summary().is_empty());
        }
        assert_eq!(RuleId::from_id("Z9"), None);
    }

    #[test]
    fn h2_rule_renders_with_its_citation() {
        assert_eq!(
            RuleId::H2.to_string(),
            "RULE H2 (20 Ill. Adm. Code 1240.60(a)(2))"
        );
    }
}

//! A fact that keeps something from happening, and the rule it comes from.

use crate::rules::RuleId;

/// A fact that keeps something from happening, with the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub rule: RuleId,
    pub text: String,
}

impl Shortfall {
    pub(crate) fn new(rule: RuleId, text: impl Into<String>) -> Shortfall {
        Shortfall {
            rule,
            text: text.into(),
        }
    }
}

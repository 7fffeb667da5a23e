//! Who acts: the person signed in, their agency and the terminal of the session.

use super::agency::Agency;
use super::person::Person;
use super::terminal::Terminal;

/// The person signed in, their agency and the terminal the session is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub person: Person,
    pub agency: Agency,
    pub terminal: Terminal,
}

impl Principal {
    /// The person's id.
    pub fn id(&self) -> &str {
        &self.person.id
    }
}

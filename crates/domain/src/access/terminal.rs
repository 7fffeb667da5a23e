//! Terminals (1240.50(c), rule S5): registered to an agency, at a secure, supervised location,
//! approved before use; a terminal of a new connection is approved only once the connection's
//! configuration is (A4).

use serde::{Deserialize, Serialize};

use crate::fields::{FieldDate, Ori};

/// A registered terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terminal {
    pub id: String,
    pub ori: Ori,
    /// Where it stands (room, building): a place under criminal-justice control.
    pub location: String,
    /// The connection request it belongs to, if it came with one.
    pub connection: Option<i64>,
    /// When the Administrator (or coordinator) approved it.
    pub approved_on: Option<FieldDate>,
    pub active: bool,
}

impl Terminal {
    /// A newly registered terminal: not approved, not active.
    pub fn register(id: &str, ori: Ori, location: &str, connection: Option<i64>) -> Terminal {
        Terminal {
            id: id.trim().to_ascii_uppercase(),
            ori,
            location: location.trim().to_owned(),
            connection,
            approved_on: None,
            active: false,
        }
    }

    /// Whether it may be used.
    pub fn usable(&self) -> bool {
        self.active && self.approved_on.is_some()
    }
}

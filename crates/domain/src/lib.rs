#![doc = include_str!("../README.md")]

pub mod access;
pub mod admin_message;
pub mod clock;
pub mod codes;
pub mod confirmation;
pub mod deadline;
pub mod dissemination;
pub mod error;
pub mod fields;
pub mod fieldset;
pub mod files;
pub mod image;
pub mod interstate;
pub mod lawful;
pub mod oversight;
pub mod record;
pub mod reply;
pub mod rules;
pub mod search;
pub mod sos;
pub mod staffing;
pub mod timeliness;
pub mod transaction;

pub use error::{Edit, FieldError};
pub use fieldset::FieldSet;
pub use files::{Action, FileKind, MessageKey, lookup_key};
pub use record::{Record, RecordStatus};
pub use rules::RuleId;
pub use transaction::{Transaction, TransactionError};

//! What the service does as itself: the deadline engine and its sweep, and provisioning.

pub(crate) mod deadlines;
mod inactivity;
pub(crate) mod provision;

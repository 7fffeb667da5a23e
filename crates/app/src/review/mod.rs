//! The misuse review (AU-6): the weekly run over the audit log and the queue of flags the
//! coordinators and the Administrator dispose of.

pub(crate) mod queue;
pub(crate) mod run;

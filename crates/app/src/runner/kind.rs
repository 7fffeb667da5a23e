//! Every kind of operation the service performs. The list is written once, in
//! [`operation_kinds!`], which makes both the enum and [`OperationKind::ALL`], so a test that
//! walks `ALL` cannot miss a kind added later.

macro_rules! operation_kinds {
    ($($(#[$doc:meta])* $kind:ident => $name:literal,)+) => {
        /// What an operation is, for its metrics, its log lines and the tests that must cover
        /// every kind.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum OperationKind {
            $($(#[$doc])* $kind,)+
        }

        impl OperationKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [OperationKind] = &[$(OperationKind::$kind,)+];

            /// The stable name (metrics labels, logs).
            pub fn name(self) -> &'static str {
                match self {
                    $(OperationKind::$kind => $name,)+
                }
            }
        }
    };
}

operation_kinds! {
    /// An entry, modification, cancellation, clear or locate in a hot file.
    Transaction => "transaction",
    /// An inquiry of the hot files (read; its entry joins the group commit).
    Inquiry => "inquiry",
    /// An image transaction (EIM, MII, XIM, QIM).
    Image => "image",
    /// A hit confirmation request or response (YQ, YR).
    Confirmation => "confirmation",
    /// An administrative message (AM) to agencies, a region or every agency.
    AdministrativeMessage => "administrative_message",
    /// A message the grammar or a field edit refused before it was understood.
    Malformed => "malformed",
    /// A secondary dissemination record.
    Dissemination => "dissemination",
    /// An act on the Secretary of State's images.
    Sos => "sos",
    /// An administrative command.
    Admin => "admin",
    /// An act or reading of the Department's oversight (audits, corrective action).
    Oversight => "oversight",
    /// A second-party check or a validation of a record.
    RecordCheck => "record_check",
    /// A Department act on a record (serious error, removal) or an agency's shifts.
    DepartmentAct => "department_act",
    /// A reading of a compliance list (photos due, deadlines, late entries, staffing).
    ComplianceReading => "compliance_reading",
    /// A reading of the mailbox, or the acknowledgement of a message.
    Mailbox => "mailbox",
    /// An audit report (a search of the log).
    AuditReport => "audit_report",
    /// An export or a verification of the whole log.
    AuditExport => "audit_export",
    /// A reading of the misuse review queue or a disposition.
    ReviewQueue => "review_queue",
    /// The weekly misuse review.
    ReviewRun => "review_run",
    /// A sign-in attempt.
    SignIn => "sign_in",
    /// A session event: the banner accepted, a sign-out, a password change.
    SessionEvent => "session_event",
    /// A batch of the deadline sweep.
    Sweep => "sweep",
    /// A batch of SOS image disposals.
    SosDisposal => "sos_disposal",
    /// Pruning the audit log past its retention.
    AuditPrune => "audit_prune",
    /// Re-wrapping the image data keys under a new master key.
    KeyRotation => "key_rotation",
    /// Provisioning by the system (the first administrator, the demo, fixtures).
    Provisioning => "provisioning",
    /// A bulk load of records.
    BulkLoad => "bulk_load",
}

impl OperationKind {
    /// Whether acts of this kind are decided by the policy engine. The others are the system's
    /// own (the sweep, pruning, provisioning), a person at the server's command line, a message
    /// refused before it was understood, or sign-in and session events (which the sign-in
    /// checks decide).
    pub fn asks_policy(self) -> bool {
        match self {
            OperationKind::Transaction
            | OperationKind::Inquiry
            | OperationKind::Image
            | OperationKind::Confirmation
            | OperationKind::AdministrativeMessage
            | OperationKind::Dissemination
            | OperationKind::Sos
            | OperationKind::Admin
            | OperationKind::Oversight
            | OperationKind::RecordCheck
            | OperationKind::DepartmentAct
            | OperationKind::ComplianceReading
            | OperationKind::Mailbox
            | OperationKind::AuditReport
            | OperationKind::ReviewQueue => true,
            OperationKind::Malformed
            | OperationKind::AuditExport
            | OperationKind::ReviewRun
            | OperationKind::SignIn
            | OperationKind::SessionEvent
            | OperationKind::Sweep
            | OperationKind::SosDisposal
            | OperationKind::AuditPrune
            | OperationKind::KeyRotation
            | OperationKind::Provisioning
            | OperationKind::BulkLoad => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OperationKind;

    #[test]
    fn every_kind_has_its_own_name() {
        let mut names: Vec<&str> = OperationKind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), OperationKind::ALL.len());
    }
}

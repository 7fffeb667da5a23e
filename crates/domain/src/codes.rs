//! The stable reply-code catalogue. Every answer and every error carries one of these codes;
//! the HTTP status follows from it, and `docs/ERROR-CODES.md` lists the same table (a test
//! keeps them equal). A code is a [`ReplyCode`], so a mistyped one does not compile.

use std::fmt;

macro_rules! reply_codes {
    ($($variant:ident => $name:literal, $status:literal, $meaning:literal;)+) => {
        /// A stable reply code (docs/ERROR-CODES.md).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ReplyCode {
            $(
                #[doc = $meaning]
                $variant,
            )+
        }

        impl ReplyCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ReplyCode] = &[$(ReplyCode::$variant,)+];

            /// The code as it travels (`snake_case`).
            pub fn name(self) -> &'static str {
                match self {
                    $(ReplyCode::$variant => $name,)+
                }
            }

            /// The HTTP status of an answer with this code.
            pub fn http_status(self) -> u16 {
                match self {
                    $(ReplyCode::$variant => $status,)+
                }
            }

            /// What the code means.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(ReplyCode::$variant => $meaning,)+
                }
            }
        }
    };
}

reply_codes! {
    Entered => "entered", 200, "the record was entered";
    Modified => "modified", 200, "the record was modified";
    Cancelled => "cancelled", 200, "the record was cancelled";
    Cleared => "cleared", 200, "the record was cleared";
    Located => "located", 200, "the record was located; its owner is notified";
    Hit => "hit", 200, "the inquiry found records (caution records first)";
    NoHit => "no_hit", 200, "the inquiry found nothing";
    MisuseFlags => "misuse_flags", 200, "the misuse review queue was read (the reading is audited)";
    PhotosDue => "photos_due", 200, "the registrant photos due for replacement were listed (the reading is audited)";
    RecordVerified => "record_verified", 200, "the second-party check of a record was recorded (H4)";
    SosImage => "sos_image", 200, "an SOS image was added to the stated case record (P1, P2)";
    SosCase => "sos_case", 200, "the SOS images of one case record were read (P2)";
    SosDisclosed => "sos_disclosed", 200, "the SOS desk disclosed an image to a requester of 1030.140(b)(1) (P1)";
    SosDisseminated => "sos_disseminated", 200, "an SOS image was passed to another criminal-justice agency and the dissemination recorded (P5)";
    SosDisseminations => "sos_disseminations", 200, "SOS image dissemination records were read (P5)";
    SosReleasePending => "sos_release_pending", 200, "a release to the public awaits the SOS Police's written decision (P4)";
    SosReleaseApproved => "sos_release_approved", 200, "the SOS Police approved a release in writing (P4)";
    SosReleaseDenied => "sos_release_denied", 200, "the SOS Police denied a release in writing (P4)";
    SosReleases => "sos_releases", 200, "release requests were read (P4)";
    SosReleaseFlyer => "sos_release_flyer", 200, "the flyer of an approved release, with the disclaimer (P4)";
    SosConsentRecorded => "sos_consent_recorded", 200, "a person's written consent to a photo array was recorded (P3)";
    SosPhotoArray => "sos_photo_array", 200, "a photo array was built; every SOS image in it passed P3";
    AdministrativeMessageSent => "administrative_message_sent", 200, "an administrative message went to the mailboxes of the agencies it names (D1)";
    ConfirmationRequested => "confirmation_requested", 200, "a hit confirmation request went to the record's owner (H6)";
    ConfirmationAnswered => "confirmation_answered", 200, "the owner's answer went to every agency that asked (H6)";
    RecordValidated => "record_validated", 200, "the validation of a record was recorded; the next falls a year later (H8)";
    SeriousErrorReported => "serious_error_reported", 200, "the Department reported a serious error; the owner corrects it by the end of its shift (H5)";
    RecordRemoved => "record_removed", 200, "the Department removed a record from the file (H5)";
    ShiftsDefined => "shifts_defined", 200, "an agency's shift changes were defined (H5)";
    ComplianceOverview => "compliance_overview", 200, "one agency's open deadlines, late entries, photos due and staffing gaps (audited)";
    Staffing => "staffing", 200, "the hours an agency had no certified operator signed in were listed (H1, audited)";
    Mailbox => "mailbox", 200, "the agency's message queue was read (audited)";
    MessageAcknowledged => "message_acknowledged", 200, "a message of the queue was acknowledged (audited)";
    Compliance => "compliance", 200, "the open deadlines of an agency were listed (audited)";
    LateEntries => "late_entries", 200, "the warrants an agency entered late were listed (audited)";
    FlagDisposed => "flag_disposed", 200, "the disposition of a misuse flag was recorded";
    ImageEntered => "image_entered", 200, "the image was entered on the record (rule I1)";
    ImageModified => "image_modified", 200, "the image's date, remarks or picture was changed";
    ImageCancelled => "image_cancelled", 200, "the image was cancelled and its picture deleted";
    Image => "image", 200, "the image asked for, with its picture";
    Images => "images", 200, "the images of the record asked for";
    NoImage => "no_image", 200, "the record has no image";
    Disseminated => "disseminated", 200, "the secondary dissemination was recorded with its verification";
    AuditReport => "audit_report", 200, "the audit report was produced (the reading is itself audited)";
    SignedIn => "signed_in", 200, "sign-in succeeded";
    SignedOut => "signed_out", 200, "sign-out succeeded";
    AdminDone => "admin_done", 200, "the administrative command was carried out";
    MessageEmpty => "message_empty", 422, "the message is empty";
    MessageTooLong => "message_too_long", 413, "the message exceeds the maximum length";
    MessageNonAscii => "message_non_ascii", 422, "the message contains a non-ASCII character";
    MessageTrailingPeriod => "message_trailing_period", 422, "the message ends with a period";
    MessageUnknownKey => "message_unknown_key", 422, "the message key is unknown";
    MessageBadHeader => "message_bad_header", 422, "the header ORIs are missing or invalid";
    MessageMalformed => "message_malformed", 422, "a field is not written TAG/value";
    FieldUnknown => "field_unknown", 422, "a field tag is unknown";
    FieldEdit => "field_edit", 422, "a field value failed its edit; the message names field and edit";
    FieldNotAllowed => "field_not_allowed", 422, "the message key does not take this field";
    FieldMissing => "field_missing", 422, "a mandatory field is missing";
    FieldRepeated => "field_repeated", 422, "a field appears more often than allowed";
    RecordReferenceMissing => "record_reference_missing", 422, "the message does not say which record (NIC, LRN or OCA)";
    CriteriaMissing => "criteria_missing", 422, "the inquiry has nothing to search by";
    NothingToModify => "nothing_to_modify", 422, "a modify message without changes";
    RejectOnFile => "reject_on_file", 409, "a duplicate entry; the record on file is returned";
    ImageNotFound => "image_not_found", 404, "no active image has that number";
    ImageLimit => "image_limit", 422, "the record already carries the most images allowed";
    RecordNotInFile => "record_not_in_file", 422, "the record was cancelled, cleared or retired; images cannot be added or changed, nor the record verified";
    ImageEncoding => "image_encoding", 400, "the IMG field is not base32";
    ImageEmpty => "image_empty", 422, "the image has no bytes";
    ImageTooLarge => "image_too_large", 413, "the image file exceeds the byte limit";
    ImageUnsupported => "image_unsupported", 415, "the image is neither JPEG nor PNG";
    ImageDimensions => "image_dimensions", 422, "the image exceeds the pixel limit";
    ImageCorrupt => "image_corrupt", 422, "the image is truncated, corrupt or larger than its header says";
    CropOutside => "crop_outside", 422, "the crop frame lies outside the picture";
    CropAspect => "crop_aspect", 422, "a mugshot crop frame must be 4:5 (width:height)";
    CropTooSmall => "crop_too_small", 422, "the crop frame is too small for the stored size";
    CropMalformed => "crop_malformed", 422, "the crop frame is not X,Y,WIDTH,HEIGHT";
    ImageEncode => "image_encode", 500, "the normalized picture could not be encoded";
    RecordNotFound => "record_not_found", 404, "no record matches the reference";
    NoConfirmationRequest => "no_confirmation_request", 422, "a YR answers an open hit confirmation request; there is none on that record";
    MessageNotFound => "message_not_found", 404, "no unacknowledged message with that id in the queue";
    SosNotFound => "sos_not_found", 404, "no holder of the SOS file matches";
    SosAmbiguous => "sos_ambiguous", 422, "several SOS holders match the name, date of birth and sex; ask by DLN";
    SosCaseImageNotFound => "sos_case_image_not_found", 404, "no SOS case image with that number";
    SosImageDisposed => "sos_image_disposed", 410, "the case image was disposed of (retention ended or transmitted)";
    SosReleaseNotFound => "sos_release_not_found", 404, "no release request with that number";
    SosReleaseDecided => "sos_release_decided", 409, "the release request was already decided";
    RecordWrongFile => "record_wrong_file", 422, "the referenced record belongs to another file";
    RecordAmbiguous => "record_ambiguous", 422, "several records match the OCA; use NIC or LRN";
    NumberExhausted => "number_exhausted", 503, "no record numbers are left in the series";
    RuleRefused => "rule_refused", 403, "a rule of docs/RULES.md refuses the transaction; reasons cite it";
    NotAuthorized => "not_authorized", 403, "a policy refuses the transaction; reasons cite the rules";
    AuthRequired => "auth_required", 401, "no valid session token";
    AuthExpired => "auth_expired", 401, "the session has expired";
    AuthInvalidCredentials => "auth_invalid_credentials", 401, "operator, password or terminal is wrong";
    AuthRefused => "auth_refused", 403, "sign-in refused for a stated reason (disabled, terminal); a locked account answers as bad credentials do";
    AuthIdleTimeout => "auth_idle_timeout", 401, "the session ended after 30 minutes without activity";
    AuthBannerRequired => "auth_banner_required", 403, "the system-use notification must be accepted first";
    AuthPasswordRejected => "auth_password_rejected", 422, "the new password breaks the password rules; the message says which";
    NotFound => "not_found", 404, "the agency, person, terminal or request named does not exist";
    FlagAlreadyDisposed => "flag_already_disposed", 409, "the misuse flag already has a disposition";
    AlreadyExists => "already_exists", 409, "the agency, person or terminal already exists";
    InvalidRequest => "invalid_request", 422, "the command's values are inconsistent; the message says how";
    RequestInvalid => "request_invalid", 400, "the HTTP request body is not valid JSON or text";
    RequestTooLarge => "request_too_large", 413, "the HTTP request body exceeds 64 KiB";
    StorageUnavailable => "storage_unavailable", 503, "the database failed; nothing was changed";
    Internal => "internal", 500, "an internal error; nothing was changed";
    SignOut => "sign_out", 200, "a session was ended by its person (audited)";
    BannerAccepted => "banner_accepted", 200, "the system-use notification was accepted (audited)";
    PasswordChanged => "password_changed", 200, "a person changed the own password (audited)";
    SessionTimeout => "session_timeout", 200, "a session ended after its idle limit (audited)";
    AccountLocked => "account_locked", 200, "an account was locked after repeated failed sign-ins (audited)";
    AccountDisabled => "account_disabled", 200, "an account unused past the inactivity limit was disabled (audited)";
    DeadlineSweep => "deadline_sweep", 200, "a batch of the deadline sweep was carried out (each step audited)";
    DeadlineNotice => "deadline_notice", 200, "a deadline's notice was sent, or escalated to the Administrator (audited)";
    RecordRetired => "record_retired", 200, "a record was retired when its deadline passed (audited)";
    DeadlineClosed => "deadline_closed", 200, "a deadline on a record no longer in the file was closed (audited)";
    SosDisposal => "sos_disposal", 200, "a batch of SOS image disposals was carried out (each disposal audited)";
    RetentionExpired => "retention_expired", 200, "an SOS case image was disposed of when its case record's retention ended (audited)";
    TransmissionWindowExpired => "transmission_window_expired", 200, "an SOS image kept only for transmission was disposed of when its window closed (audited)";
    MisuseReview => "misuse_review", 200, "the weekly misuse review was run and its flags stored (audited)";
    AlreadyReviewed => "already_reviewed", 409, "that week was reviewed already";
    AuditPrune => "audit_prune", 200, "audit entries past retention were pruned (audited)";
    AuditExport => "audit_export", 200, "the whole audit log was exported (the reading is audited)";
    AuditVerify => "audit_verify", 200, "the live audit log was verified (the reading is audited)";
    ImageKeyRotation => "image_key_rotation", 200, "image data keys were re-wrapped under the current master key (audited)";
    IdentityMismatch => "identity_mismatch", 409, "an identifying field of the message does not match the record its number names";
    Provisioned => "provisioned", 200, "the system provisioned the directory or the SOS file (audited)";
    OversightDone => "oversight_done", 200, "the oversight act was carried out (audited)";
    OversightRead => "oversight_read", 200, "audits or the audit schedule were read (the reading is audited)";
    AuditNotFound => "audit_not_found", 404, "no audit of an agency has that number";
    OversightRecordNotFound => "oversight_record_not_found", 404, "no violation case, board member or meeting, trainee or bulletin has that number";
    OutOfOrder => "out_of_order", 409, "the oversight step may not be taken now; the reason cites the paragraph that orders the steps";
    AgencyNonCompliant => "agency_non_compliant", 200, "a missed oversight step made the agency non-compliant; it and the Administrator were told (audited)";
}

impl ReplyCode {
    /// The code named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<ReplyCode> {
        ReplyCode::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl PartialEq<str> for ReplyCode {
    fn eq(&self, other: &str) -> bool {
        self.name() == other
    }
}

impl PartialEq<&str> for ReplyCode {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

impl From<ReplyCode> for String {
    fn from(code: ReplyCode) -> String {
        code.name().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::ReplyCode;

    #[test]
    fn codes_are_unique_snake_case_and_read_back() {
        let mut names: Vec<&str> = ReplyCode::ALL.iter().map(|c| c.name()).collect();
        assert!(
            names
                .iter()
                .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ReplyCode::ALL.len());
        for code in ReplyCode::ALL {
            assert_eq!(ReplyCode::from_name(code.name()), Some(*code));
        }
        assert_eq!(ReplyCode::RejectOnFile.http_status(), 409);
        assert_eq!(ReplyCode::ImageUnsupported.http_status(), 415);
        assert_eq!(ReplyCode::from_name("something_new"), None);
    }
}

//! The stable error-code catalogue. Every reply and error carries one of these codes; the HTTP
//! status follows from it. docs/ERROR-CODES.md lists the same table (a test keeps them equal).

/// `(code, HTTP status, meaning)`.
pub const CATALOGUE: &[(&str, u16, &str)] = &[
    ("entered", 200, "the record was entered"),
    ("modified", 200, "the record was modified"),
    ("cancelled", 200, "the record was cancelled"),
    ("cleared", 200, "the record was cleared"),
    (
        "located",
        200,
        "the record was located; its owner is notified",
    ),
    (
        "hit",
        200,
        "the inquiry found records (caution records first)",
    ),
    ("no_hit", 200, "the inquiry found nothing"),
    (
        "misuse_flags",
        200,
        "the misuse review queue was read (the reading is audited)",
    ),
    (
        "photos_due",
        200,
        "the registrant photos due for replacement were listed (the reading is audited)",
    ),
    (
        "record_verified",
        200,
        "the second-party check of a record was recorded (H4)",
    ),
    (
        "sos_image",
        200,
        "an SOS image was added to the stated case record (P1, P2)",
    ),
    (
        "sos_case",
        200,
        "the SOS images of one case record were read (P2)",
    ),
    (
        "sos_disclosed",
        200,
        "the SOS desk disclosed an image to a requester of 1030.140(b)(1) (P1)",
    ),
    (
        "sos_disseminated",
        200,
        "an SOS image was passed to another criminal-justice agency and the dissemination recorded (P5)",
    ),
    (
        "sos_disseminations",
        200,
        "SOS image dissemination records were read (P5)",
    ),
    (
        "sos_release_pending",
        200,
        "a release to the public awaits the SOS Police's written decision (P4)",
    ),
    (
        "sos_release_approved",
        200,
        "the SOS Police approved a release in writing (P4)",
    ),
    (
        "sos_release_denied",
        200,
        "the SOS Police denied a release in writing (P4)",
    ),
    ("sos_releases", 200, "release requests were read (P4)"),
    (
        "sos_release_flyer",
        200,
        "the flyer of an approved release, with the disclaimer (P4)",
    ),
    (
        "sos_consent_recorded",
        200,
        "a person's written consent to a photo array was recorded (P3)",
    ),
    (
        "sos_photo_array",
        200,
        "a photo array was built; every SOS image in it passed P3",
    ),
    (
        "confirmation_requested",
        200,
        "a hit confirmation request went to the record's owner (H6)",
    ),
    (
        "confirmation_answered",
        200,
        "the owner's answer went to every agency that asked (H6)",
    ),
    (
        "record_validated",
        200,
        "the validation of a record was recorded; the next falls a year later (H8)",
    ),
    (
        "serious_error_reported",
        200,
        "the Department reported a serious error; the owner corrects it by the end of its shift (H5)",
    ),
    (
        "record_removed",
        200,
        "the Department removed a record from the file (H5)",
    ),
    (
        "shifts_defined",
        200,
        "an agency's shift changes were defined (H5)",
    ),
    (
        "compliance_overview",
        200,
        "one agency's open deadlines, late entries, photos due and staffing gaps (audited)",
    ),
    (
        "staffing",
        200,
        "the hours an agency had no certified operator signed in were listed (H1, audited)",
    ),
    (
        "mailbox",
        200,
        "the agency's message queue was read (audited)",
    ),
    (
        "message_acknowledged",
        200,
        "a message of the queue was acknowledged (audited)",
    ),
    (
        "compliance",
        200,
        "the open deadlines of an agency were listed (audited)",
    ),
    (
        "late_entries",
        200,
        "the warrants an agency entered late were listed (audited)",
    ),
    (
        "flag_disposed",
        200,
        "the disposition of a misuse flag was recorded",
    ),
    (
        "image_entered",
        200,
        "the image was entered on the record (rule I1)",
    ),
    (
        "image_modified",
        200,
        "the image's date, remarks or picture was changed",
    ),
    (
        "image_cancelled",
        200,
        "the image was cancelled and its picture deleted",
    ),
    ("image", 200, "the image asked for, with its picture"),
    ("images", 200, "the images of the record asked for"),
    ("no_image", 200, "the record has no image"),
    (
        "disseminated",
        200,
        "the secondary dissemination was recorded with its verification",
    ),
    (
        "audit_report",
        200,
        "the audit report was produced (the reading is itself audited)",
    ),
    ("signed_in", 200, "sign-in succeeded"),
    ("signed_out", 200, "sign-out succeeded"),
    (
        "admin_done",
        200,
        "the administrative command was carried out",
    ),
    ("message_empty", 422, "the message is empty"),
    (
        "message_too_long",
        413,
        "the message exceeds the maximum length",
    ),
    (
        "message_non_ascii",
        422,
        "the message contains a non-ASCII character",
    ),
    (
        "message_trailing_period",
        422,
        "the message ends with a period",
    ),
    ("message_unknown_key", 422, "the message key is unknown"),
    (
        "message_bad_header",
        422,
        "the header ORIs are missing or invalid",
    ),
    ("message_malformed", 422, "a field is not written TAG/value"),
    ("field_unknown", 422, "a field tag is unknown"),
    (
        "field_edit",
        422,
        "a field value failed its edit; the message names field and edit",
    ),
    (
        "field_not_allowed",
        422,
        "the message key does not take this field",
    ),
    ("field_missing", 422, "a mandatory field is missing"),
    (
        "field_repeated",
        422,
        "a field appears more often than allowed",
    ),
    (
        "record_reference_missing",
        422,
        "the message does not say which record (NIC, LRN or OCA)",
    ),
    (
        "criteria_missing",
        422,
        "the inquiry has nothing to search by",
    ),
    ("nothing_to_modify", 422, "a modify message without changes"),
    (
        "reject_on_file",
        409,
        "a duplicate entry; the record on file is returned",
    ),
    ("image_not_found", 404, "no active image has that number"),
    (
        "image_limit",
        422,
        "the record already carries the most images allowed",
    ),
    (
        "record_not_in_file",
        422,
        "the record was cancelled, cleared or retired; images cannot be added or changed, nor the record verified",
    ),
    ("image_encoding", 400, "the IMG field is not base32"),
    ("image_empty", 422, "the image has no bytes"),
    (
        "image_too_large",
        413,
        "the image file exceeds the byte limit",
    ),
    (
        "image_unsupported",
        415,
        "the image is neither JPEG nor PNG",
    ),
    ("image_dimensions", 422, "the image exceeds the pixel limit"),
    (
        "image_corrupt",
        422,
        "the image is truncated, corrupt or larger than its header says",
    ),
    (
        "crop_outside",
        422,
        "the crop frame lies outside the picture",
    ),
    (
        "crop_aspect",
        422,
        "a mugshot crop frame must be 4:5 (width:height)",
    ),
    (
        "crop_too_small",
        422,
        "the crop frame is too small for the stored size",
    ),
    (
        "crop_malformed",
        422,
        "the crop frame is not X,Y,WIDTH,HEIGHT",
    ),
    (
        "image_encode",
        500,
        "the normalized picture could not be encoded",
    ),
    ("record_not_found", 404, "no record matches the reference"),
    (
        "no_confirmation_request",
        422,
        "a YR answers an open hit confirmation request; there is none on that record",
    ),
    (
        "message_not_found",
        404,
        "no unacknowledged message with that id in the queue",
    ),
    ("sos_not_found", 404, "no holder of the SOS file matches"),
    (
        "sos_ambiguous",
        422,
        "several SOS holders match the name, date of birth and sex; ask by DLN",
    ),
    (
        "sos_case_image_not_found",
        404,
        "no SOS case image with that number",
    ),
    (
        "sos_image_disposed",
        410,
        "the case image was disposed of (retention ended or transmitted)",
    ),
    (
        "sos_release_not_found",
        404,
        "no release request with that number",
    ),
    (
        "sos_release_decided",
        409,
        "the release request was already decided",
    ),
    (
        "record_wrong_file",
        422,
        "the referenced record belongs to another file",
    ),
    (
        "record_ambiguous",
        422,
        "several records match the OCA; use NIC or LRN",
    ),
    (
        "number_exhausted",
        503,
        "no record numbers are left in the series",
    ),
    (
        "rule_refused",
        403,
        "a rule of PRODUCT.md refuses the transaction; reasons cite it",
    ),
    (
        "not_authorized",
        403,
        "a policy refuses the transaction; reasons cite the rules",
    ),
    ("auth_required", 401, "no valid session token"),
    ("auth_expired", 401, "the session has expired"),
    (
        "auth_invalid_credentials",
        401,
        "operator, password or terminal is wrong",
    ),
    (
        "auth_refused",
        403,
        "sign-in refused for a stated reason (locked, disabled, terminal)",
    ),
    (
        "auth_idle_timeout",
        401,
        "the session ended after 30 minutes without activity",
    ),
    (
        "auth_banner_required",
        403,
        "the system-use notification must be accepted first",
    ),
    (
        "auth_password_rejected",
        422,
        "the new password breaks the password rules; the message says which",
    ),
    (
        "not_found",
        404,
        "the agency, person, terminal or request named does not exist",
    ),
    (
        "flag_already_disposed",
        409,
        "the misuse flag already has a disposition",
    ),
    (
        "already_exists",
        409,
        "the agency, person or terminal already exists",
    ),
    (
        "invalid_request",
        422,
        "the command's values are inconsistent; the message says how",
    ),
    (
        "request_invalid",
        400,
        "the HTTP request body is not valid JSON or text",
    ),
    (
        "request_too_large",
        413,
        "the HTTP request body exceeds 64 KiB",
    ),
    (
        "storage_unavailable",
        503,
        "the database failed; nothing was changed",
    ),
    ("internal", 500, "an internal error; nothing was changed"),
];

/// The HTTP status for a code (500 for a code not in the catalogue).
pub fn http_status(code: &str) -> u16 {
    CATALOGUE
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(500, |(_, status, _)| *status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut codes: Vec<&str> = CATALOGUE.iter().map(|(c, _, _)| *c).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        );
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CATALOGUE.len());
        assert_eq!(http_status("reject_on_file"), 409);
        assert_eq!(http_status("image_entered"), 200);
        assert_eq!(http_status("image_unsupported"), 415);
        assert_eq!(http_status("something_new"), 500);
    }

    #[test]
    fn the_documented_catalogue_matches() {
        let doc = include_str!("../../../docs/ERROR-CODES.md");
        for (code, status, meaning) in CATALOGUE {
            let row = format!("| `{code}` | {status} | {meaning} |");
            assert!(doc.contains(&row), "docs/ERROR-CODES.md lacks: {row}");
        }
    }
}

//! Caution and medical conditions (CMC): NCIC's codes, and which of them warn of a danger to
//! the officer.

use crate::error::{Edit, FieldError};

/// Caution and medical conditions (CMC), NCIC's codes. Officer-safety cautions are shown in a
/// banner before anything else in a hit; medical conditions follow them in the caution block.
///
/// A stored record keeps the code its operator typed. A stored code that is not in the NCIC
/// table (entered before the table followed NCIC) is kept as it is and shown as an unlisted
/// caution, so the operator confirms its meaning with the entering agency; a new entry or a
/// modification must use a listed code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caution {
    kind: CautionCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CautionCode {
    /// An entry of [`CAUTION_CODES`], by index.
    Listed(u8),
    /// A two-digit code read back from storage that the NCIC table does not list.
    Unlisted([u8; 2]),
}

/// Whether a CMC code warns of a danger to the officer or describes a medical condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CautionKind {
    /// Officer safety: shown in the caution banner, first.
    OfficerSafety,
    /// A medical condition: shown in the caution block after the officer-safety cautions.
    Medical,
}

/// NCIC's caution and medical condition codes (NCIC Code Manual, Personal Descriptors, CMC; the
/// list NIEM carries as `ncic:CMCCodeType`), in code order, with the kind each one is shown as.
///
/// Codes 00 to 40 are NCIC's caution indicators. Of the medical conditions, 70 SUICIDAL is shown
/// as an officer-safety caution as well: a person at risk of harming himself is a danger at the
/// contact (officers are trained to treat it so), and a banner costs nothing when it is wrong.
pub const CAUTION_CODES: &[(&str, &str, CautionKind)] = &[
    ("00", "ARMED AND DANGEROUS", CautionKind::OfficerSafety),
    ("01", "OTHER - SEE MIS FIELD", CautionKind::OfficerSafety),
    ("05", "VIOLENT TENDENCIES", CautionKind::OfficerSafety),
    ("10", "MARTIAL ARTS EXPERT", CautionKind::OfficerSafety),
    ("15", "EXPLOSIVE EXPERTISE", CautionKind::OfficerSafety),
    ("20", "KNOWN TO ABUSE DRUGS", CautionKind::OfficerSafety),
    ("25", "ESCAPE RISK", CautionKind::OfficerSafety),
    (
        "30",
        "SEXUALLY VIOLENT PREDATOR - CONTACT ORI",
        CautionKind::OfficerSafety,
    ),
    ("35", "SEX OFFENDER", CautionKind::OfficerSafety),
    (
        "40",
        "INTERNATIONAL FLIGHT RISK",
        CautionKind::OfficerSafety,
    ),
    ("50", "HEART CONDITION", CautionKind::Medical),
    ("55", "ALCOHOLIC", CautionKind::Medical),
    ("60", "ALLERGIES", CautionKind::Medical),
    ("65", "EPILEPSY", CautionKind::Medical),
    ("70", "SUICIDAL", CautionKind::OfficerSafety),
    ("80", "MEDICATION REQUIRED", CautionKind::Medical),
    ("85", "HEMOPHILIAC", CautionKind::Medical),
    ("90", "DIABETIC", CautionKind::Medical),
];

/// What an unlisted stored code is shown as.
const UNLISTED_MEANING: &str = "UNLISTED CODE - CONFIRM MEANING WITH ENTERING AGENCY";

impl Caution {
    /// Parses a two-digit CMC code of the NCIC table.
    pub fn parse(raw: &str) -> Result<Caution, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new("CMC", raw, Edit::Empty));
        }
        CAUTION_CODES
            .iter()
            .position(|(code, _, _)| *code == value)
            .and_then(|i| u8::try_from(i).ok())
            .map(|index| Caution {
                kind: CautionCode::Listed(index),
            })
            .ok_or_else(|| FieldError::new("CMC", raw, Edit::InvalidCode))
    }

    /// Reads a stored CMC code back: a listed code as [`Caution::parse`] does, any other two
    /// digits as an unlisted caution (see the type's documentation).
    pub fn parse_stored(raw: &str) -> Result<Caution, FieldError> {
        if let Ok(listed) = Caution::parse(raw) {
            return Ok(listed);
        }
        match raw.trim().as_bytes() {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Ok(Caution {
                kind: CautionCode::Unlisted([*a, *b]),
            }),
            _ => Err(FieldError::new("CMC", raw, Edit::InvalidCode)),
        }
    }

    fn entry(self) -> Option<(&'static str, &'static str, CautionKind)> {
        match self.kind {
            CautionCode::Listed(index) => CAUTION_CODES.get(usize::from(index)).copied(),
            CautionCode::Unlisted(_) => None,
        }
    }

    /// The two-digit code, as entered.
    pub fn code(&self) -> &str {
        match &self.kind {
            CautionCode::Listed(_) => self.entry().map_or("", |e| e.0),
            CautionCode::Unlisted(digits) => std::str::from_utf8(digits).unwrap_or(""),
        }
    }

    /// What it means, e.g. `ARMED AND DANGEROUS`.
    pub fn meaning(self) -> &'static str {
        self.entry().map_or(UNLISTED_MEANING, |e| e.1)
    }

    /// Whether the code is an officer-safety caution or a medical condition. An unlisted stored
    /// code is treated as a caution: its meaning is not known.
    pub fn kind(self) -> CautionKind {
        self.entry().map_or(CautionKind::OfficerSafety, |e| e.2)
    }

    /// True for officer-safety cautions (as opposed to medical conditions).
    pub fn is_officer_safety(self) -> bool {
        self.kind() == CautionKind::OfficerSafety
    }

    /// True for a stored code the NCIC table does not list.
    pub fn is_unlisted(self) -> bool {
        matches!(self.kind, CautionCode::Unlisted(_))
    }

    /// Lower sorts first: officer-safety cautions in code order (00 armed and dangerous first),
    /// unlisted codes after them, then medical conditions in code order.
    pub fn rank(self) -> u8 {
        match (self.kind, self.kind()) {
            (CautionCode::Listed(index), CautionKind::OfficerSafety) => index,
            (CautionCode::Unlisted(_), _) => 99,
            (CautionCode::Listed(index), CautionKind::Medical) => 100_u8.saturating_add(index),
        }
    }
}

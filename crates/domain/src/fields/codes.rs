//! Code tables (NCIC Code Manual style). A [`Code`] can only hold an entry of its table.
//!
//! The tables follow `reference/domain.md` §1.3; where the source was garbled or silent the
//! table is ours and says so in `docs/MESSAGES.md`.

use std::fmt;

use crate::error::{Edit, FieldError};

/// A table of codes and their meanings for one field.
#[derive(Debug)]
pub struct CodeTable {
    /// The field code the table belongs to.
    pub tag: &'static str,
    /// `(code, meaning)` pairs.
    pub entries: &'static [(&'static str, &'static str)],
}

impl CodeTable {
    /// Parses a value against the table, reporting errors under the table's own field code.
    pub fn parse(&'static self, raw: &str) -> Result<Code, FieldError> {
        self.parse_as(self.tag, raw)
    }

    /// Parses a value against the table for the field `tag` (tables such as the state codes
    /// serve several fields).
    pub fn parse_as(&'static self, tag: &'static str, raw: &str) -> Result<Code, FieldError> {
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(FieldError::new(tag, raw, Edit::Empty));
        }
        self.entries
            .iter()
            .position(|(code, _)| *code == value)
            .and_then(|i| u16::try_from(i).ok())
            .map(|index| Code { table: self, index })
            .ok_or_else(|| FieldError::new(tag, raw, Edit::InvalidCode))
    }
}

/// One entry of a [`CodeTable`].
#[derive(Clone, Copy)]
pub struct Code {
    table: &'static CodeTable,
    index: u16,
}

impl Code {
    fn entry(&self) -> (&'static str, &'static str) {
        self.table
            .entries
            .get(usize::from(self.index))
            .copied()
            .unwrap_or(("", ""))
    }

    /// The code as entered in a message.
    pub fn code(&self) -> &'static str {
        self.entry().0
    }

    /// What the code means.
    pub fn meaning(&self) -> &'static str {
        self.entry().1
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.table, other.table) && self.index == other.index
    }
}

impl Eq for Code {}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.table.tag, self.code())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Sex (SEX).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// M
    Male,
    /// F
    Female,
    /// U: unknown (missing and unidentified persons)
    Unknown,
}

impl Sex {
    /// Parses `M`, `F` or `U`.
    pub fn parse(raw: &str) -> Result<Sex, FieldError> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "M" => Ok(Sex::Male),
            "F" => Ok(Sex::Female),
            "U" => Ok(Sex::Unknown),
            "" => Err(FieldError::new("SEX", raw, Edit::Empty)),
            _ => Err(FieldError::new("SEX", raw, Edit::InvalidCode)),
        }
    }

    /// The one-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
            Sex::Unknown => "U",
        }
    }
}

/// Race (RAC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Race {
    /// A: Asian or Pacific Islander
    Asian,
    /// B: Black
    Black,
    /// I: American Indian or Alaskan Native
    Indian,
    /// W: White
    White,
    /// U: Unknown
    Unknown,
}

impl Race {
    /// Parses `A`, `B`, `I`, `W` or `U`.
    pub fn parse(raw: &str) -> Result<Race, FieldError> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "A" => Ok(Race::Asian),
            "B" => Ok(Race::Black),
            "I" => Ok(Race::Indian),
            "W" => Ok(Race::White),
            "U" => Ok(Race::Unknown),
            "" => Err(FieldError::new("RAC", raw, Edit::Empty)),
            _ => Err(FieldError::new("RAC", raw, Edit::InvalidCode)),
        }
    }

    /// The one-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Race::Asian => "A",
            Race::Black => "B",
            Race::Indian => "I",
            Race::White => "W",
            Race::Unknown => "U",
        }
    }

    /// The race a name inquiry with this race leaves out, as NCIC narrows: W excludes B,
    /// B excludes W, and A, I and U search all races.
    pub fn excludes(self) -> Option<Race> {
        match self {
            Race::White => Some(Race::Black),
            Race::Black => Some(Race::White),
            Race::Asian | Race::Indian | Race::Unknown => None,
        }
    }
}

/// Caution and medical conditions (CMC). Caution codes are shown before anything else in a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caution {
    index: u8,
}

/// `(code, meaning, is officer-safety caution)`; medical conditions are not cautions but are
/// still shown in the caution block.
const CAUTIONS: &[(&str, &str, bool)] = &[
    ("00", "ARMED AND DANGEROUS", true),
    ("01", "CAUTION - SEE MIS FIELD", true),
    ("05", "VIOLENT TENDENCIES", true),
    ("10", "MARTIAL ARTS EXPERT", true),
    ("15", "EXPLOSIVE EXPERTISE", true),
    ("20", "KNOWN TO ABUSE DRUGS", true),
    ("25", "ESCAPE RISK", true),
    ("30", "SEXUALLY VIOLENT PREDATOR", true),
    ("40", "RESISTS ARREST", true),
    ("45", "HEART CONDITION", false),
    ("50", "ALCOHOLIC", false),
    ("55", "ALLERGIES", false),
    ("60", "EPILEPSY", false),
    ("65", "SUICIDAL", true),
    ("70", "MEDICATION REQUIRED", false),
    ("75", "HEMOPHILIAC", false),
    ("80", "DIABETIC", false),
];

impl Caution {
    /// Parses a two-digit CMC code.
    pub fn parse(raw: &str) -> Result<Caution, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new("CMC", raw, Edit::Empty));
        }
        CAUTIONS
            .iter()
            .position(|(code, _, _)| *code == value)
            .and_then(|i| u8::try_from(i).ok())
            .map(|index| Caution { index })
            .ok_or_else(|| FieldError::new("CMC", raw, Edit::InvalidCode))
    }

    fn entry(self) -> (&'static str, &'static str, bool) {
        CAUTIONS
            .get(usize::from(self.index))
            .copied()
            .unwrap_or(("", "", false))
    }

    /// The two-digit code.
    pub fn code(self) -> &'static str {
        self.entry().0
    }

    /// What it means, e.g. `ARMED AND DANGEROUS`.
    pub fn meaning(self) -> &'static str {
        self.entry().1
    }

    /// True for officer-safety cautions (as opposed to medical conditions).
    pub fn is_officer_safety(self) -> bool {
        self.entry().2
    }

    /// Lower sorts first: the table's order is its order of urgency within each kind.
    pub fn rank(self) -> u8 {
        if self.is_officer_safety() {
            self.index
        } else {
            100 + self.index
        }
    }
}

/// Eye colour (EYE).
pub static EYE: CodeTable = CodeTable {
    tag: "EYE",
    entries: &[
        ("BLK", "BLACK"),
        ("BLU", "BLUE"),
        ("BRO", "BROWN"),
        ("GRY", "GRAY"),
        ("GRN", "GREEN"),
        ("HAZ", "HAZEL"),
        ("MAR", "MAROON"),
        ("PNK", "PINK"),
        ("MUL", "MULTICOLORED"),
        ("XXX", "UNKNOWN"),
    ],
};

/// Hair colour (HAI).
pub static HAI: CodeTable = CodeTable {
    tag: "HAI",
    entries: &[
        ("BLK", "BLACK"),
        ("BLN", "BLOND OR STRAWBERRY"),
        ("BLU", "BLUE"),
        ("BRO", "BROWN"),
        ("GRN", "GREEN"),
        ("GRY", "GRAY OR PARTIALLY GRAY"),
        ("ONG", "ORANGE"),
        ("PLE", "PURPLE"),
        ("PNK", "PINK"),
        ("RED", "RED OR AUBURN"),
        ("SDY", "SANDY"),
        ("WHI", "WHITE"),
        ("XXX", "UNKNOWN OR COMPLETELY BALD"),
    ],
};

/// Skin tone (SKN).
pub static SKN: CodeTable = CodeTable {
    tag: "SKN",
    entries: &[
        ("ALB", "ALBINO"),
        ("BLK", "BLACK"),
        ("DBR", "DARK BROWN"),
        ("DRK", "DARK"),
        ("FAR", "FAIR"),
        ("LBR", "LIGHT BROWN"),
        ("LGT", "LIGHT"),
        ("MBR", "MEDIUM BROWN"),
        ("MED", "MEDIUM"),
        ("OLV", "OLIVE"),
        ("RUD", "RUDDY"),
        ("SAL", "SALLOW"),
        ("YEL", "YELLOW"),
    ],
};

#[rustfmt::skip]
/// States, territories and provinces: the first two characters of an ORI, and LIS, OLS.
pub static STATES: CodeTable = CodeTable {
    tag: "LIS",
    entries: &[
        ("AL", "ALABAMA"), ("AK", "ALASKA"), ("AZ", "ARIZONA"), ("AR", "ARKANSAS"),
        ("CA", "CALIFORNIA"), ("CO", "COLORADO"), ("CT", "CONNECTICUT"), ("DE", "DELAWARE"),
        ("DC", "DISTRICT OF COLUMBIA"), ("FL", "FLORIDA"), ("GA", "GEORGIA"), ("HI", "HAWAII"),
        ("ID", "IDAHO"), ("IL", "ILLINOIS"), ("IN", "INDIANA"), ("IA", "IOWA"),
        ("KS", "KANSAS"), ("KY", "KENTUCKY"), ("LA", "LOUISIANA"), ("ME", "MAINE"),
        ("MD", "MARYLAND"), ("MA", "MASSACHUSETTS"), ("MI", "MICHIGAN"), ("MN", "MINNESOTA"),
        ("MS", "MISSISSIPPI"), ("MO", "MISSOURI"), ("MT", "MONTANA"), ("NE", "NEBRASKA"),
        ("NV", "NEVADA"), ("NH", "NEW HAMPSHIRE"), ("NJ", "NEW JERSEY"), ("NM", "NEW MEXICO"),
        ("NY", "NEW YORK"), ("NC", "NORTH CAROLINA"), ("ND", "NORTH DAKOTA"), ("OH", "OHIO"),
        ("OK", "OKLAHOMA"), ("OR", "OREGON"), ("PA", "PENNSYLVANIA"), ("RI", "RHODE ISLAND"),
        ("SC", "SOUTH CAROLINA"), ("SD", "SOUTH DAKOTA"), ("TN", "TENNESSEE"), ("TX", "TEXAS"),
        ("UT", "UTAH"), ("VT", "VERMONT"), ("VA", "VIRGINIA"), ("WA", "WASHINGTON"),
        ("WV", "WEST VIRGINIA"), ("WI", "WISCONSIN"), ("WY", "WYOMING"),
        ("AS", "AMERICAN SAMOA"), ("GU", "GUAM"), ("MP", "NORTHERN MARIANA ISLANDS"),
        ("PR", "PUERTO RICO"), ("VI", "U.S. VIRGIN ISLANDS"),
        ("AB", "ALBERTA"), ("BC", "BRITISH COLUMBIA"), ("MB", "MANITOBA"),
        ("NB", "NEW BRUNSWICK"), ("NL", "NEWFOUNDLAND AND LABRADOR"), ("NS", "NOVA SCOTIA"),
        ("NT", "NORTHWEST TERRITORIES"), ("NU", "NUNAVUT"), ("ON", "ONTARIO"),
        ("PE", "PRINCE EDWARD ISLAND"), ("QC", "QUEBEC"), ("SK", "SASKATCHEWAN"),
        ("YT", "YUKON"), ("MX", "MEXICO"), ("US", "UNITED STATES GOVERNMENT"),
    ],
};

/// Licence-plate type (LIT); a subset of the NCIC table.
pub static LIT: CodeTable = CodeTable {
    tag: "LIT",
    entries: &[
        ("PC", "PASSENGER AUTOMOBILE"),
        ("TK", "TRUCK"),
        ("TL", "TRAILER"),
        ("MC", "MOTORCYCLE"),
        ("CM", "COMMERCIAL"),
        ("AP", "APPORTIONED"),
        ("BU", "BUS"),
        ("DL", "DEALER"),
        ("FD", "FEDERAL GOVERNMENT"),
        ("MP", "MUNICIPAL"),
        ("ST", "STATE GOVERNMENT"),
        ("TX", "TAXI"),
        ("RV", "RECREATIONAL VEHICLE"),
        ("PR", "PERSONALIZED"),
        ("TP", "TEMPORARY"),
    ],
};

#[rustfmt::skip]
/// Vehicle colour (VCO); one code, or two joined by `/` (top over bottom).
pub static VCO: CodeTable = CodeTable {
    tag: "VCO",
    entries: &[
        ("BGE", "BEIGE"), ("BLK", "BLACK"), ("BLU", "BLUE"), ("BRO", "BROWN"),
        ("BRZ", "BRONZE"), ("CAM", "CAMOUFLAGE"), ("COM", "CHROME"), ("CPR", "COPPER"),
        ("CRM", "CREAM"), ("DBL", "DARK BLUE"), ("DGR", "DARK GREEN"), ("GLD", "GOLD"),
        ("GRN", "GREEN"), ("GRY", "GRAY"), ("LBL", "LIGHT BLUE"), ("LGR", "LIGHT GREEN"),
        ("MAR", "MAROON"), ("ONG", "ORANGE"), ("PLE", "PURPLE"), ("PNK", "PINK"),
        ("RED", "RED"), ("SIL", "SILVER"), ("TAN", "TAN"), ("TEA", "TEAL"),
        ("TPE", "TAUPE"), ("TRQ", "TURQUOISE"), ("WHI", "WHITE"), ("YEL", "YELLOW"),
    ],
};

/// Missing-person category (MNP).
pub static MNP: CodeTable = CodeTable {
    tag: "MNP",
    entries: &[
        ("MP", "MISSING PERSON"),
        ("CA", "CHILD ABDUCTION"),
        ("DV", "CATASTROPHE VICTIM"),
        ("AA", "AMBER ALERT"),
    ],
};

/// Missing-person circumstances (MPC); a subset of the NCIC table.
pub static MPC: CodeTable = CodeTable {
    tag: "MPC",
    entries: &[
        ("S", "ABDUCTED BY STRANGER"),
        ("N", "ABDUCTED BY NON-CUSTODIAL PARENT"),
        ("R", "RUNAWAY"),
        ("D", "DISABILITY"),
        ("E", "ENDANGERED"),
        ("I", "INVOLUNTARY"),
        ("V", "CATASTROPHE VICTIM"),
        ("U", "UNKNOWN CIRCUMSTANCES"),
    ],
};

/// Extradition limitation (EXL).
pub static EXL: CodeTable = CodeTable {
    tag: "EXL",
    entries: &[
        ("1", "FULL EXTRADITION"),
        ("2", "LIMITED EXTRADITION - SEE MIS"),
        ("3", "NO EXTRADITION"),
        ("4", "SURROUNDING STATES ONLY"),
        ("5", "NO EXTRADITION - INSTATE PICKUP ONLY"),
        ("6", "PENDING EXTRADITION DETERMINATION"),
    ],
};

/// Supporting document type (SDC, ours): what the record rests on (rule H2).
pub static SDC: CodeTable = CodeTable {
    tag: "SDC",
    entries: &[
        ("WAR", "ACTIVE WARRANT"),
        ("CMP", "COMPLAINT"),
        ("INV", "INVESTIGATIVE DOCUMENT"),
        ("TEL", "TELEPHONE REPORT BY VICTIM OR OWNER"),
    ],
};

/// Purpose of an inquiry (PUR, ours for hot files; after the III purpose codes). Rule D1.
pub static PUR: CodeTable = CodeTable {
    tag: "PUR",
    entries: &[
        ("C", "CRIMINAL INVESTIGATION OR ENFORCEMENT"),
        ("D", "DOMESTIC VIOLENCE OR STALKING"),
        ("F", "FIREARMS"),
        ("J", "CRIMINAL JUSTICE EMPLOYMENT"),
        ("S", "OFFICER OR PUBLIC SAFETY CONTACT"),
        ("X", "EXIGENT CIRCUMSTANCES"),
    ],
};

/// Image type (IMT): the bulletin names M = mugshot; S and I follow the NCIC image types.
pub static PRI: CodeTable = CodeTable {
    tag: "PRI",
    entries: &[
        ("U", "URGENT - ANSWER WITHIN 10 MINUTES"),
        ("R", "ROUTINE - ANSWER WITHIN 1 HOUR"),
    ],
};

pub static RNO: CodeTable = CodeTable {
    tag: "RNO",
    entries: &[
        ("1", "FIRST REQUEST"),
        ("2", "SECOND REQUEST"),
        ("3", "THIRD REQUEST"),
    ],
};

pub static CNF: CodeTable = CodeTable {
    tag: "CNF",
    entries: &[
        ("Y", "CONFIRMED"),
        ("N", "NOT CONFIRMED"),
        ("M", "MORE TIME NEEDED (MTM GIVES THE MINUTES)"),
    ],
};

pub static IMT: CodeTable = CodeTable {
    tag: "IMT",
    entries: &[
        ("M", "MUGSHOT"),
        ("S", "SIGNATURE"),
        ("I", "IDENTIFYING IMAGE (SCAR, MARK, TATTOO)"),
    ],
};

/// Expanded date-of-birth search flag (EXD, ours).
pub static EXD: CodeTable = CodeTable {
    tag: "EXD",
    entries: &[("Y", "DOB PLUS OR MINUS ONE YEAR"), ("N", "EXACT DOB")],
};

/// Registrant status (RGS, ours).
pub static RGS: CodeTable = CodeTable {
    tag: "RGS",
    entries: &[
        ("C", "COMPLIANT"),
        ("N", "NON-COMPLIANT"),
        ("A", "ABSCONDED"),
        ("I", "INCARCERATED"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_case_insensitively_and_keep_their_meaning() {
        let code = EYE.parse("bro").unwrap();
        assert_eq!(code.code(), "BRO");
        assert_eq!(code.meaning(), "BROWN");
        assert_eq!(code, EYE.parse("BRO").unwrap());
        assert_ne!(code, HAI.parse("BRO").unwrap());
    }

    #[test]
    fn unknown_codes_name_the_field() {
        assert_eq!(
            EYE.parse("PUR").unwrap_err().to_string(),
            "EYE/PUR INVALID CODE"
        );
        assert_eq!(HAI.parse("").unwrap_err().to_string(), "HAI/ MISSING DATA");
        assert_eq!(
            Sex::parse("X").unwrap_err().to_string(),
            "SEX/X INVALID CODE"
        );
        assert_eq!(
            Race::parse("Q").unwrap_err().to_string(),
            "RAC/Q INVALID CODE"
        );
    }

    #[test]
    fn race_narrowing_follows_ncic() {
        assert_eq!(Race::White.excludes(), Some(Race::Black));
        assert_eq!(Race::Black.excludes(), Some(Race::White));
        assert_eq!(Race::Asian.excludes(), None);
        assert_eq!(Race::Unknown.excludes(), None);
    }

    #[test]
    fn cautions_rank_officer_safety_before_medical() {
        let armed = Caution::parse("00").unwrap();
        let diabetic = Caution::parse("80").unwrap();
        let suicidal = Caution::parse("65").unwrap();
        assert!(armed.is_officer_safety() && !diabetic.is_officer_safety());
        assert!(armed.rank() < suicidal.rank() && suicidal.rank() < diabetic.rank());
        assert_eq!(
            Caution::parse("99").unwrap_err().to_string(),
            "CMC/99 INVALID CODE"
        );
    }

    #[test]
    fn every_table_has_unique_codes() {
        for table in [
            &EYE, &HAI, &SKN, &STATES, &LIT, &VCO, &MNP, &MPC, &EXL, &SDC, &PUR, &EXD, &RGS, &PRI,
            &RNO, &CNF,
        ] {
            let mut codes: Vec<_> = table.entries.iter().map(|(c, _)| *c).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), table.entries.len(), "{}", table.tag);
        }
    }
}

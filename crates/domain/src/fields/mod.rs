//! Message fields: one newtype per field, and the catalogue of field codes.
//!
//! [`FieldCode::parse_value`] is the only way to turn message text into a [`Value`], so a
//! [`Value`] is always one that passed its field's edits.

mod caution;
mod codes;
mod date;
mod ids;
mod image;
mod measure;
mod name;
mod personal;
mod property;
mod shape;
mod tables;
mod text;

use std::fmt;

use time::Date;

pub use caution::{CAUTION_CODES, Caution, CautionKind};
pub use codes::{Code, CodeTable, RETIRED_MEANING, Race, Sex};
pub use date::{FieldDate, TimeOfDay, iso_date_as_ccyymmdd};
pub use ids::{CaseNumber, Lrn, Nic, Oca, Ori};
pub use image::{CropBox, Imn, ImnScheme};
pub use measure::{Height, Weight};
pub use name::PersonName;
pub use personal::{FbiNumber, Mnu, Oln, Ssn};
pub use property::{Plate, Serial, Vin, Year, vin_check_digit};
pub use tables::{
    AMC, CNF, EXD, EXL, EYE, HAI, IMT, LIT, MNP, MPC, PRI, PUR, RGS, RNO, RTY, SDC, SKN, STATES,
    VCO,
};
pub use text::{CharClass, FreeText, Token};

use crate::error::{Edit, FieldError};

/// What a field parser needs to know about the world: today's date (no field date may be in the
/// future; two-digit years are resolved against it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseContext {
    today: Date,
    stored: bool,
}

impl ParseContext {
    /// A context for messages received on `today`.
    pub fn new(today: Date) -> Self {
        ParseContext {
            today,
            stored: false,
        }
    }

    /// A context for re-reading values already stored (which passed their edits when entered).
    pub fn stored() -> Self {
        ParseContext {
            today: Date::MAX,
            stored: true,
        }
    }

    /// Today's date.
    pub fn today(&self) -> Date {
        self.today
    }
}

/// A validated field value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Nic(Nic),
    Lrn(Lrn),
    Oca(Oca),
    Case(CaseNumber),
    Name(PersonName),
    Sex(Sex),
    Race(Race),
    Date(FieldDate),
    Time(TimeOfDay),
    Height(Height),
    Weight(Weight),
    Ssn(Ssn),
    Oln(Oln),
    Fbi(FbiNumber),
    Mnu(Mnu),
    Vin(Vin),
    Plate(Plate),
    Serial(Serial),
    Year(Year),
    Caution(Caution),
    Code(Code),
    Token(Token),
    Text(FreeText),
    Imn(Imn),
    Crop(CropBox),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nic(v) => v.fmt(f),
            Value::Lrn(v) => v.fmt(f),
            Value::Oca(v) => v.fmt(f),
            Value::Case(v) => v.fmt(f),
            Value::Name(v) => v.fmt(f),
            Value::Sex(v) => f.write_str(v.code()),
            Value::Race(v) => f.write_str(v.code()),
            Value::Date(v) => v.fmt(f),
            Value::Time(v) => v.fmt(f),
            Value::Height(v) => v.fmt(f),
            Value::Weight(v) => v.fmt(f),
            Value::Ssn(v) => v.fmt(f),
            Value::Oln(v) => v.fmt(f),
            Value::Fbi(v) => v.fmt(f),
            Value::Mnu(v) => v.fmt(f),
            Value::Vin(v) => v.fmt(f),
            Value::Plate(v) => v.fmt(f),
            Value::Serial(v) => v.fmt(f),
            Value::Year(v) => v.fmt(f),
            Value::Caution(v) => f.write_str(v.code()),
            Value::Code(v) => v.fmt(f),
            Value::Token(v) => v.fmt(f),
            Value::Text(v) => v.fmt(f),
            Value::Imn(v) => v.fmt(f),
            Value::Crop(v) => v.fmt(f),
        }
    }
}

/// How a field's text is parsed.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Nic,
    Lrn,
    Oca,
    Case,
    Name,
    Sex,
    Race,
    Date,
    Time,
    Height,
    Weight,
    Ssn,
    Oln,
    Fbi,
    Mnu,
    Vin,
    Plate,
    Serial,
    /// A year; `ahead` years after today are allowed; `nx` admits non-expiring.
    Year {
        ahead: i32,
        nx: bool,
    },
    Caution,
    Code(&'static CodeTable),
    Token(CharClass, usize, usize),
    Text(usize),
    /// One or two vehicle colour codes joined by `/`.
    Colors,
    Imn,
    Crop,
}

macro_rules! field_codes {
    ($( $variant:ident => $tag:literal, $meaning:literal, $kind:expr, $max:literal; )*) => {
        /// A field code (the tag before the slash). Declaration order is display order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FieldCode { $($variant),* }

        impl FieldCode {
            /// Every field code, in display order.
            pub const ALL: &'static [FieldCode] = &[$(FieldCode::$variant),*];

            /// The tag, e.g. `NAM`.
            pub const fn tag(self) -> &'static str {
                match self { $(FieldCode::$variant => $tag),* }
            }

            /// What the field holds.
            pub const fn meaning(self) -> &'static str {
                match self { $(FieldCode::$variant => $meaning),* }
            }

            /// How many times the field may appear in one message or record.
            pub const fn max_occurrences(self) -> usize {
                match self { $(FieldCode::$variant => $max),* }
            }

            const fn kind(self) -> Kind {
                match self { $(FieldCode::$variant => $kind),* }
            }

            /// Looks a field up by its tag.
            pub fn from_tag(tag: &str) -> Option<FieldCode> {
                match tag { $($tag => Some(FieldCode::$variant),)* _ => None }
            }
        }
    };
}

field_codes! {
    Nic => "NIC", "NCIC NUMBER", Kind::Nic, 1;
    Lrn => "LRN", "LEADS RECORD NUMBER", Kind::Lrn, 1;
    Nam => "NAM", "NAME", Kind::Name, 1;
    Aka => "AKA", "ALIAS", Kind::Name, 9;
    Sex => "SEX", "SEX", Kind::Sex, 1;
    Rac => "RAC", "RACE", Kind::Race, 1;
    Dob => "DOB", "DATE OF BIRTH", Kind::Date, 1;
    Pob => "POB", "PLACE OF BIRTH", Kind::Code(&STATES), 1;
    Hgt => "HGT", "HEIGHT", Kind::Height, 1;
    Wgt => "WGT", "WEIGHT", Kind::Weight, 1;
    Eye => "EYE", "EYE COLOR", Kind::Code(&EYE), 1;
    Hai => "HAI", "HAIR COLOR", Kind::Code(&HAI), 1;
    Skn => "SKN", "SKIN TONE", Kind::Code(&SKN), 1;
    Smt => "SMT", "SCARS, MARKS, TATTOOS", Kind::Token(CharClass::Words, 1, 10), 9;
    Fbi => "FBI", "FBI NUMBER", Kind::Fbi, 1;
    Soc => "SOC", "SOCIAL SECURITY NUMBER", Kind::Ssn, 1;
    Oln => "OLN", "OPERATOR LICENSE NUMBER", Kind::Oln, 1;
    Ols => "OLS", "OPERATOR LICENSE STATE", Kind::Code(&STATES), 1;
    Oly => "OLY", "OPERATOR LICENSE YEAR OF EXPIRATION", Kind::Year { ahead: 10, nx: true }, 1;
    Mnu => "MNU", "MISCELLANEOUS NUMBER", Kind::Mnu, 1;
    Cmc => "CMC", "CAUTION AND MEDICAL CONDITIONS", Kind::Caution, 10;
    Off => "OFF", "OFFENSE CODE", Kind::Token(CharClass::Digits, 4, 4), 1;
    Dow => "DOW", "DATE OF WARRANT", Kind::Date, 1;
    Exl => "EXL", "EXTRADITION LIMITATION", Kind::Code(&EXL), 1;
    Mnp => "MNP", "MISSING PERSON CATEGORY", Kind::Code(&MNP), 1;
    Mpc => "MPC", "MISSING PERSON CIRCUMSTANCES", Kind::Code(&MPC), 1;
    Dlc => "DLC", "DATE OF LAST CONTACT", Kind::Date, 1;
    Rgd => "RGD", "DATE OF REGISTRATION", Kind::Date, 1;
    Rgs => "RGS", "REGISTRANT STATUS", Kind::Code(&RGS), 1;
    Adr => "ADR", "REGISTERED ADDRESS", Kind::Text(60), 1;
    Vin => "VIN", "VEHICLE IDENTIFICATION NUMBER", Kind::Vin, 1;
    Vyr => "VYR", "VEHICLE YEAR", Kind::Year { ahead: 1, nx: false }, 1;
    Vma => "VMA", "VEHICLE MAKE", Kind::Token(CharClass::Letters, 2, 4), 1;
    Vmo => "VMO", "VEHICLE MODEL", Kind::Token(CharClass::Alphanumeric, 1, 3), 1;
    Vst => "VST", "VEHICLE STYLE", Kind::Token(CharClass::Alphanumeric, 2, 2), 1;
    Vco => "VCO", "VEHICLE COLOR", Kind::Colors, 1;
    Lic => "LIC", "LICENSE PLATE NUMBER", Kind::Plate, 1;
    Lis => "LIS", "LICENSE PLATE STATE", Kind::Code(&STATES), 1;
    Liy => "LIY", "LICENSE PLATE YEAR OF EXPIRATION", Kind::Year { ahead: 10, nx: true }, 1;
    Lit => "LIT", "LICENSE PLATE TYPE", Kind::Code(&LIT), 1;
    Ser => "SER", "SERIAL NUMBER", Kind::Serial, 1;
    Mak => "MAK", "MAKE", Kind::Token(CharClass::Words, 1, 23), 1;
    Cal => "CAL", "CALIBER", Kind::Token(CharClass::Alphanumeric, 1, 4), 1;
    Mod => "MOD", "MODEL", Kind::Token(CharClass::Words, 1, 20), 1;
    Typ => "TYP", "TYPE", Kind::Token(CharClass::Alphanumeric, 1, 7), 1;
    Bra => "BRA", "BRAND", Kind::Token(CharClass::Words, 1, 6), 1;
    Dot => "DOT", "DATE OF THEFT", Kind::Date, 1;
    Oca => "OCA", "ORIGINATING AGENCY CASE NUMBER", Kind::Oca, 1;
    Mis => "MIS", "MISCELLANEOUS", Kind::Text(500), 1;
    Sdc => "SDC", "SUPPORTING DOCUMENT TYPE", Kind::Code(&SDC), 3;
    Sdn => "SDN", "SUPPORTING DOCUMENT NUMBER", Kind::Case, 1;
    Dri => "DRI", "DATE INFORMATION RECEIVED", Kind::Date, 1;
    Tri => "TRI", "TIME INFORMATION RECEIVED", Kind::Time, 1;
    Edr => "EDR", "EMERGENCY DELAY REASON", Kind::Text(200), 1;
    Pri => "PRI", "CONFIRMATION PRIORITY", Kind::Code(&PRI), 1;
    Rno => "RNO", "REQUEST NUMBER", Kind::Code(&RNO), 1;
    Rty => "RTY", "CONFIRMATION REQUEST TYPE", Kind::Code(&RTY), 1;
    Rna => "RNA", "REQUESTER NAME", Kind::Text(30), 1;
    Rag => "RAG", "REQUESTING AGENCY", Kind::Text(60), 1;
    Pho => "PHO", "PHONE", Kind::Token(CharClass::Words, 7, 20), 1;
    Rem => "REM", "REMARKS", Kind::Text(500), 1;
    Cnf => "CNF", "CONFIRMATION ANSWER", Kind::Code(&CNF), 1;
    Mtm => "MTM", "MORE TIME NEEDED (MINUTES)", Kind::Token(CharClass::Digits, 1, 3), 1;
    Pur => "PUR", "PURPOSE CODE", Kind::Code(&PUR), 1;
    Cas => "CAS", "CASE OR INCIDENT NUMBER", Kind::Case, 1;
    Exd => "EXD", "EXPANDED DATE OF BIRTH SEARCH", Kind::Code(&EXD), 1;
    Doc => "DOC", "DATE OF CANCELLATION", Kind::Date, 1;
    Dcl => "DCL", "DATE OF CLEAR", Kind::Date, 1;
    Dol => "DOL", "DATE OF LOCATE", Kind::Date, 1;
    Lca => "LCA", "LOCATING AGENCY CASE NUMBER", Kind::Case, 1;
    Rps => "RPS", "REASON FOR REMOVAL", Kind::Text(60), 1;
    Imn => "IMN", "IMAGE NUMBER", Kind::Imn, 1;
    Imt => "IMT", "IMAGE TYPE", Kind::Code(&IMT), 1;
    Doi => "DOI", "DATE OF IMAGE", Kind::Date, 1;
    Crp => "CRP", "IMAGE CROP FRAME (X,Y,WIDTH,HEIGHT)", Kind::Crop, 1;
    Amc => "AMC", "ADMINISTRATIVE MESSAGE CLASS", Kind::Code(&AMC), 1;
    Dst => "DST", "DESTINATION (ORI, REGION OR ALL)", Kind::Token(CharClass::Alphanumeric, 3, 9), 10;
    Msg => "MSG", "MESSAGE TEXT", Kind::Text(2000), 1;
}

impl FieldCode {
    /// Whether the field holds a date (so a JSON caller may write it in ISO 8601).
    pub fn takes_date(self) -> bool {
        matches!(self.kind(), Kind::Date)
    }

    /// Parses `raw` as this field.
    pub fn parse_value(self, raw: &str, ctx: &ParseContext) -> Result<Value, FieldError> {
        let tag = self.tag();
        let year = ctx.today.year();
        Ok(match self.kind() {
            Kind::Nic => Value::Nic(Nic::parse(raw)?),
            Kind::Lrn => Value::Lrn(Lrn::parse(raw)?),
            Kind::Oca => Value::Oca(Oca::parse(raw)?),
            Kind::Case => Value::Case(CaseNumber::parse(tag, raw)?),
            Kind::Name => Value::Name(PersonName::parse_as(tag, raw)?),
            Kind::Sex => Value::Sex(Sex::parse(raw)?),
            Kind::Race => Value::Race(Race::parse(raw)?),
            Kind::Date => Value::Date(FieldDate::parse(tag, raw, ctx.today)?),
            Kind::Time => Value::Time(TimeOfDay::parse(tag, raw)?),
            Kind::Height => Value::Height(Height::parse(raw)?),
            Kind::Weight => Value::Weight(Weight::parse(raw)?),
            Kind::Ssn => Value::Ssn(Ssn::parse(raw)?),
            Kind::Oln => Value::Oln(Oln::parse(raw)?),
            Kind::Fbi => Value::Fbi(FbiNumber::parse(raw)?),
            Kind::Mnu => Value::Mnu(Mnu::parse(raw)?),
            Kind::Vin => Value::Vin(Vin::parse(raw)?),
            Kind::Plate => Value::Plate(Plate::parse(raw)?),
            Kind::Serial => Value::Serial(Serial::parse(raw)?),
            Kind::Year { ahead, nx } => {
                Value::Year(Year::parse(tag, raw, year.saturating_add(ahead), nx)?)
            }
            Kind::Caution if ctx.stored => Value::Caution(Caution::parse_stored(raw)?),
            Kind::Caution => Value::Caution(Caution::parse(raw)?),
            Kind::Code(table) if ctx.stored => Value::Code(table.parse_stored_as(tag, raw)?),
            Kind::Code(table) => Value::Code(table.parse_as(tag, raw)?),
            Kind::Token(class, min, max) => Value::Token(Token::parse(tag, raw, class, min, max)?),
            Kind::Text(max) => Value::Text(FreeText::parse(tag, raw, max)?),
            Kind::Colors => Value::Token(parse_colors(tag, raw)?),
            Kind::Imn => Value::Imn(Imn::parse(raw)?),
            Kind::Crop => Value::Crop(CropBox::parse(raw)?),
        })
    }

    /// The code table of a coded field, for documentation and forms.
    pub fn code_table(self) -> Option<&'static CodeTable> {
        match self.kind() {
            Kind::Code(table) => Some(table),
            Kind::Colors => Some(&VCO),
            _ => None,
        }
    }
}

/// The VCO code of a multicoloured vehicle, which carries a slash of its own.
const MULTICOLORED_VEHICLE: &str = "MUL/COL";

fn parse_colors(tag: &'static str, raw: &str) -> Result<Token, FieldError> {
    let value = raw.trim().to_ascii_uppercase();
    if value.is_empty() {
        return Err(FieldError::new(tag, raw, Edit::Empty));
    }
    // NCIC's one colour code with a slash in it.
    if value == MULTICOLORED_VEHICLE {
        return Ok(Token::checked(value));
    }
    let parts: Vec<&str> = value.split('/').collect();
    if parts.len() > 2 {
        return Err(FieldError::new(
            tag,
            raw,
            Edit::Format("MUST BE COLOR OR COLOR/COLOR"),
        ));
    }
    for part in &parts {
        VCO.parse_as(tag, part)?;
    }
    Ok(Token::checked(value))
}

impl fmt::Display for FieldCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> ParseContext {
        ParseContext::new(Date::from_calendar_date(2026, time::Month::November, 21).unwrap())
    }

    #[test]
    fn every_tag_round_trips_and_is_three_letters() {
        for code in FieldCode::ALL {
            assert_eq!(FieldCode::from_tag(code.tag()), Some(*code));
            assert_eq!(code.tag().len(), 3);
            assert!(code.max_occurrences() >= 1);
        }
        assert_eq!(FieldCode::from_tag("XYZ"), None);
    }

    #[test]
    fn values_render_in_canonical_form() {
        let cases = [
            (FieldCode::Nam, "doe,john", "DOE, JOHN"),
            (FieldCode::Dob, "011580", "19800115"),
            (FieldCode::Wgt, "95", "095"),
            (FieldCode::Eye, "bro", "BRO"),
            (FieldCode::Ols, "il", "IL"),
            (FieldCode::Vco, "red/whi", "RED/WHI"),
            (FieldCode::Vyr, "2027", "2027"),
            (FieldCode::Cmc, "00", "00"),
            (FieldCode::Mis, "wears  glasses", "WEARS GLASSES"),
        ];
        for (code, raw, canonical) in cases {
            let value = code.parse_value(raw, &ctx()).unwrap();
            assert_eq!(value.to_string(), canonical, "{code}");
            assert_eq!(
                code.parse_value(canonical, &ctx()).unwrap(),
                value,
                "{code}"
            );
        }
    }

    #[test]
    fn shared_tables_report_the_field_that_used_them() {
        assert_eq!(
            FieldCode::Ols
                .parse_value("XX", &ctx())
                .unwrap_err()
                .to_string(),
            "OLS/XX INVALID CODE"
        );
        assert_eq!(
            FieldCode::Vco
                .parse_value("RED/ZZZ", &ctx())
                .unwrap_err()
                .to_string(),
            "VCO/ZZZ INVALID CODE"
        );
        assert!(FieldCode::Vco.parse_value("RED/BLK/WHI", &ctx()).is_err());
        assert_eq!(
            FieldCode::Vyr
                .parse_value("2028", &ctx())
                .unwrap_err()
                .edit(),
            Edit::OutOfRange
        );
    }

    #[test]
    fn stored_values_reparse_without_a_today_limit() {
        let stored = ParseContext::stored();
        assert!(FieldCode::Dob.parse_value("20991231", &stored).is_ok());
        assert!(FieldCode::Dob.parse_value("20991231", &ctx()).is_err());
    }
}

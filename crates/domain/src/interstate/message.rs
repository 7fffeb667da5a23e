//! The messages states exchange over the interstate network, as values. Every message has one
//! envelope — key, sending ORI, destinations, control field — around a body of its key.

use std::fmt;

use super::address::{ControlField, Destination, StateCode};
use super::purpose::PhotoPurpose;
use crate::fields::{FieldDate, FreeText, Oln, Ori, PersonName, Sex};

/// The message keys of the interstate link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InterstateKey {
    /// Driver licence query.
    Dq,
    /// Driver licence response.
    Dr,
    /// Hit confirmation request between states.
    Yq,
    /// Hit confirmation response between states.
    Yr,
    /// Administrative message.
    Am,
    /// Status message (the hub's, highest priority).
    Sm,
    /// Error reply (the hub's).
    Er,
}

impl InterstateKey {
    /// Every key.
    pub const ALL: [InterstateKey; 7] = [
        InterstateKey::Dq,
        InterstateKey::Dr,
        InterstateKey::Yq,
        InterstateKey::Yr,
        InterstateKey::Am,
        InterstateKey::Sm,
        InterstateKey::Er,
    ];

    /// The key as written (`DQ`).
    pub fn code(self) -> &'static str {
        match self {
            InterstateKey::Dq => "DQ",
            InterstateKey::Dr => "DR",
            InterstateKey::Yq => "YQ",
            InterstateKey::Yr => "YR",
            InterstateKey::Am => "AM",
            InterstateKey::Sm => "SM",
            InterstateKey::Er => "ER",
        }
    }

    /// The key of a written code (`DQG`, a query to a region, is read as `DQ`).
    pub fn from_code(code: &str) -> Option<InterstateKey> {
        match code {
            "DQG" => Some(InterstateKey::Dq),
            "DRG" => Some(InterstateKey::Dr),
            _ => InterstateKey::ALL.into_iter().find(|k| k.code() == code),
        }
    }

    /// A query that expects an answer from each destination.
    pub fn is_query(self) -> bool {
        matches!(self, InterstateKey::Dq | InterstateKey::Yq)
    }

    /// The key of the answer to this query.
    pub fn response(self) -> Option<InterstateKey> {
        match self {
            InterstateKey::Dq => Some(InterstateKey::Dr),
            InterstateKey::Yq => Some(InterstateKey::Yr),
            _ => None,
        }
    }
}

impl fmt::Display for InterstateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One message: who sends it, where it goes, its control field and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub from: Ori,
    pub to: Vec<Destination>,
    pub control: Option<ControlField>,
    pub body: Body,
}

impl Envelope {
    /// The key of the body.
    pub fn key(&self) -> InterstateKey {
        self.body.key()
    }
}

/// What a message says, by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    DriverQuery(DriverQuery),
    DriverResponse(DriverResponse),
    Confirmation(Confirmation),
    /// Free text between agencies.
    Admin(String),
    /// The hub's status of a destination for a key.
    Status {
        code: StatusCode,
        state: StateCode,
        about: InterstateKey,
    },
    /// The hub's error reply: a two-digit number and its text.
    Error {
        number: u8,
        text: String,
    },
}

impl Body {
    /// The key of this body.
    pub fn key(&self) -> InterstateKey {
        match self {
            Body::DriverQuery(_) => InterstateKey::Dq,
            Body::DriverResponse(_) => InterstateKey::Dr,
            Body::Confirmation(c) if c.request => InterstateKey::Yq,
            Body::Confirmation(_) => InterstateKey::Yr,
            Body::Admin(_) => InterstateKey::Am,
            Body::Status { .. } => InterstateKey::Sm,
            Body::Error { .. } => InterstateKey::Er,
        }
    }
}

/// Status codes of the hub's status messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusCode {
    /// `.01` the destination does not answer this message type; not forwarded.
    DoesNotAnswer,
    /// `.02` the destination is out of service for this type; the message will be forwarded.
    OutOfService,
    /// `.04` the destination is on remove status; not forwarded.
    Removed,
}

impl StatusCode {
    /// The two digits.
    pub fn code(self) -> &'static str {
        match self {
            StatusCode::DoesNotAnswer => "01",
            StatusCode::OutOfService => "02",
            StatusCode::Removed => "04",
        }
    }

    /// Parses the two digits.
    pub fn from_code(code: &str) -> Option<StatusCode> {
        match code {
            "01" => Some(StatusCode::DoesNotAnswer),
            "02" => Some(StatusCode::OutOfService),
            "04" => Some(StatusCode::Removed),
            _ => None,
        }
    }

    /// The text of the status.
    pub fn text(self) -> &'static str {
        match self {
            StatusCode::DoesNotAnswer => "DOES NOT RESPOND TO THIS MESSAGE TYPE - NOT FORWARDED",
            StatusCode::OutOfService => "OUT OF SERVICE FOR THIS MESSAGE TYPE - WILL FORWARD",
            StatusCode::Removed => "ON REMOVE STATUS - NOT FORWARDED",
        }
    }

    /// Whether the message is kept and delivered later.
    pub fn forwards(self) -> bool {
        self == StatusCode::OutOfService
    }
}

/// A driver named by licence number or by name, date of birth and sex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriverLookup {
    Oln(Oln),
    Person {
        name: PersonName,
        dob: FieldDate,
        sex: Sex,
    },
}

impl DriverLookup {
    /// As written in a message (`OLN/…` or `NAM/….DOB/….SEX/…`).
    pub fn describe(&self) -> String {
        match self {
            DriverLookup::Oln(oln) => format!("OLN/{}", oln.as_str()),
            DriverLookup::Person { name, dob, sex } => {
                format!("NAM/{name}.DOB/{}.SEX/{}", dob.as_number(), sex.code())
            }
        }
    }
}

/// A driver licence query (DQ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverQuery {
    /// The Nlets reason code (`RSN/`: N, F, V, T, S, H or I), kept as given.
    pub reason: Option<char>,
    pub subject: DriverLookup,
    /// `IMQ/Y`: the photo is asked for.
    pub photo: bool,
    /// The stated purpose (N2–N5); a photo query without one is refused by the policy.
    pub purpose: Option<PhotoPurpose>,
}

impl DriverQuery {
    /// The facts the policy decides a query on: the purpose's conditions, whether the photo is
    /// asked for, and whether the query names one identified person in one place (by licence
    /// number, to one destination that is not `NL`), as a line-up's one suspect must be (N5).
    pub fn conditions(&self, destinations: &[Destination]) -> Vec<&'static str> {
        let mut met = self
            .purpose
            .as_ref()
            .map(PhotoPurpose::conditions)
            .unwrap_or_default();
        if self.photo {
            met.push("photo_requested");
        }
        let one_place = matches!(destinations, [d] if *d != Destination::Everyone);
        if one_place && matches!(self.subject, DriverLookup::Oln(_)) {
            met.push("one_identified_person");
        }
        met
    }
}

/// How the source state's law treats keeping a photo it sent (N3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retention {
    /// The photo may be attached to a record of the case.
    Permitted,
    /// The photo may be seen but not kept.
    Forbidden,
}

impl Retention {
    /// `Y` or `N` (field `RET`).
    pub fn code(self) -> &'static str {
        match self {
            Retention::Permitted => "Y",
            Retention::Forbidden => "N",
        }
    }
}

/// A photo carried in a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// `JPEG`.
    pub format: String,
    pub bytes: Vec<u8>,
    /// When the photo was taken, where the source knows.
    pub taken: Option<FieldDate>,
}

impl Photo {
    /// The size in kilobytes, rounded up (as Nlets states it).
    pub fn size_kb(&self) -> usize {
        self.bytes.len().div_ceil(1024)
    }
}

/// A driver record as a state reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverRecord {
    pub oln: Oln,
    pub name: PersonName,
    pub dob: FieldDate,
    pub sex: Sex,
    /// The licence status and class as the source words them (`VALID CLASS D`).
    pub status: Option<FreeText>,
}

/// What one state answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateOutcome {
    Record(DriverRecord),
    NotOnFile,
    /// The state's file could not be searched.
    Unavailable,
    /// The state did not answer within the hub's wait (merged responses only).
    NoResponse,
    /// The state does not answer this message type (`SM .01`; merged responses only).
    DoesNotAnswer,
}

/// One state's part of a driver response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateAnswer {
    pub state: StateCode,
    pub outcome: StateOutcome,
    pub photo: Option<Photo>,
    pub retention: Retention,
    /// The source's notices (a disclaimer, the use the photo may be put to).
    pub notice: Option<FreeText>,
}

/// A driver licence response (DR): one state's answer, or the hub's merge of many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverResponse {
    pub answers: Vec<StateAnswer>,
}

/// A hit confirmation between states (YQ or YR). Its fields are those of the Nlets layout
/// (`RTY`, `RNO`, `PRI`, `OCA`, `NIC`, `NAM`, `DOB`, `SEX`, `RNA`, `RAG`, `PHO`, `REM`; `CNF` in
/// a response), carried as written: the state that owns the record edits them with its own
/// grammar, as it would a confirmation from one of its agencies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// `true` for a request (YQ), `false` for a response (YR).
    pub request: bool,
    pub fields: Vec<(String, String)>,
}

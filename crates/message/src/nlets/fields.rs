//! A message body as its list of tagged fields, the same in both written forms: the text form
//! writes them `TAG/value` between periods, the XML form as elements. Reading the list back
//! applies every field edit of `leads_domain`.

use leads_domain::FieldError;
use leads_domain::error::Edit;
use leads_domain::fields::{FieldDate, FreeText, Oln, PersonName, Sex};
use leads_domain::interstate::{
    Body, Confirmation, DriverLookup, DriverQuery, DriverRecord, DriverResponse, InterstateKey,
    Photo, PhotoPurpose, PurposeFields, Retention, StateAnswer, StateCode, StateOutcome,
    StatusCode,
};
use time::Date;

use super::error::NletsError;

/// One field's value: text, or a picture's bytes (`IMG`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Item {
    Text(String),
    Image(Vec<u8>),
}

/// A field: its tag and value.
pub(super) type Field = (String, Item);

fn text(tag: &str, value: impl Into<String>) -> Field {
    (tag.to_owned(), Item::Text(value.into()))
}

/// The tags a confirmation carries (the Nlets YQ/YR layout).
const CONFIRM_TAGS: &[&str] = &[
    "RTY", "RNO", "PRI", "OCA", "NIC", "LRN", "NAM", "DOB", "SEX", "LIC", "LIS", "VIN", "SER",
    "RNA", "RAG", "PHO", "REM", "CNF", "MIS", "MIN",
];

/// The longest administrative message text.
pub(super) const MAX_ADMIN_TEXT: usize = 3000;

/// The body as fields, in the order they are written.
pub(super) fn to_fields(body: &Body) -> Vec<Field> {
    let mut out = Vec::new();
    match body {
        Body::DriverQuery(q) => {
            if let Some(reason) = q.reason {
                out.push(text("RSN", reason.to_string()));
            }
            if let Some(p) = &q.purpose {
                out.push(text("PUR", p.purpose().code()));
                out.push(text("USE", p.use_().code()));
                if let Some(case) = p.case() {
                    out.push(text("CAS", case.as_str()));
                }
                if let Some(v) = p.verified_by() {
                    out.push(text("VER", v.as_str()));
                }
                if let Some(w) = p.warrant() {
                    out.push(text("WAR", w.as_str()));
                }
            }
            lookup_fields(&q.subject, &mut out);
            out.push(text("IMQ", if q.photo { "Y" } else { "N" }));
        }
        Body::DriverResponse(r) => {
            for answer in &r.answers {
                answer_fields(answer, &mut out);
            }
        }
        Body::Confirmation(c) => {
            for (tag, value) in &c.fields {
                out.push(text(tag, value.as_str()));
            }
        }
        Body::Admin(message) => out.push(text("MSG", message.as_str())),
        Body::Status { code, state, about } => {
            out.push(text("STS", code.code()));
            out.push(text("STA", state.as_str()));
            out.push(text("KEY", about.code()));
            out.push(text("MSG", code.text()));
        }
        Body::Error {
            number,
            text: words,
        } => {
            out.push(text("ERR", format!("{number:02}")));
            out.push(text("MSG", words.as_str()));
        }
    }
    out
}

fn lookup_fields(lookup: &DriverLookup, out: &mut Vec<Field>) {
    match lookup {
        DriverLookup::Oln(oln) => out.push(text("OLN", oln.as_str())),
        DriverLookup::Person { name, dob, sex } => {
            out.push(text("NAM", name.to_string()));
            out.push(text("DOB", dob.as_number().to_string()));
            out.push(text("SEX", sex.code()));
        }
    }
}

fn answer_fields(answer: &StateAnswer, out: &mut Vec<Field>) {
    out.push(text("STA", answer.state.as_str()));
    let result = match &answer.outcome {
        StateOutcome::Record(_) => "REC",
        StateOutcome::NotOnFile => "NOF",
        StateOutcome::Unavailable => "UNA",
        StateOutcome::NoResponse => "NRS",
        StateOutcome::DoesNotAnswer => "DNA",
    };
    out.push(text("RES", result));
    if let StateOutcome::Record(record) = &answer.outcome {
        out.push(text("OLN", record.oln.as_str()));
        out.push(text("NAM", record.name.to_string()));
        out.push(text("DOB", record.dob.as_number().to_string()));
        out.push(text("SEX", record.sex.code()));
        if let Some(status) = &record.status {
            out.push(text("LST", status.as_str()));
        }
    }
    out.push(text("RET", answer.retention.code()));
    if let Some(notice) = &answer.notice {
        out.push(text("NOT", notice.as_str()));
    }
    if let Some(photo) = &answer.photo {
        out.push(text("IMF", photo.format.as_str()));
        out.push(text("IMS", photo.size_kb().to_string()));
        if let Some(taken) = photo.taken {
            out.push(text("IMD", taken.as_number().to_string()));
        }
        out.push(("IMG".to_owned(), Item::Image(photo.bytes.clone())));
    }
}

/// Reads fields in order, refusing what the key does not take.
struct Reader<'a> {
    key: InterstateKey,
    fields: &'a [Field],
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.fields.get(self.at).map(|(tag, _)| tag.as_str())
    }

    /// The text of the next field if it has this tag.
    fn take(&mut self, tag: &str) -> Result<Option<&'a str>, NletsError> {
        match self.fields.get(self.at) {
            Some((t, Item::Text(value))) if t == tag => {
                self.at += 1;
                Ok(Some(value.as_str()))
            }
            Some((t, Item::Image(_))) if t == tag => Err(NletsError::MalformedField(t.clone())),
            _ => Ok(None),
        }
    }

    fn need(&mut self, tag: &'static str) -> Result<&'a str, NletsError> {
        self.take(tag)?.ok_or(NletsError::Missing {
            tag,
            key: self.key.code(),
        })
    }

    fn finish(&self) -> Result<(), NletsError> {
        match self.fields.get(self.at) {
            None => Ok(()),
            Some((tag, _)) => {
                let seen = self.fields.iter().take(self.at).any(|(t, _)| t == tag);
                if seen {
                    Err(NletsError::Repeated(tag.clone()))
                } else {
                    Err(NletsError::NotAllowed {
                        tag: tag.clone(),
                        key: self.key.code(),
                    })
                }
            }
        }
    }
}

/// The body of a message of `key` from its fields.
pub(super) fn from_fields(
    key: InterstateKey,
    fields: &[Field],
    today: Date,
) -> Result<Body, NletsError> {
    let mut r = Reader { key, fields, at: 0 };
    let body = match key {
        InterstateKey::Dq => Body::DriverQuery(driver_query(&mut r, today)?),
        InterstateKey::Dr => {
            let mut answers = Vec::new();
            while r.peek() == Some("STA") {
                answers.push(state_answer(&mut r, today)?);
            }
            if answers.is_empty() {
                return Err(NletsError::Missing {
                    tag: "STA",
                    key: "DR",
                });
            }
            Body::DriverResponse(DriverResponse { answers })
        }
        InterstateKey::Yq | InterstateKey::Yr => {
            let mut carried = Vec::new();
            while let Some(tag) = r.peek().filter(|t| CONFIRM_TAGS.contains(t)) {
                let value = r
                    .take(tag)?
                    .ok_or_else(|| NletsError::MalformedField(tag.to_owned()))?;
                carried.push((tag.to_owned(), value.to_owned()));
            }
            if carried.is_empty() {
                return Err(NletsError::Missing {
                    tag: "NIC",
                    key: key.code(),
                });
            }
            Body::Confirmation(Confirmation {
                request: key == InterstateKey::Yq,
                fields: carried,
            })
        }
        InterstateKey::Am => Body::Admin(admin_text(r.need("MSG")?)?),
        InterstateKey::Sm => {
            let raw = r.need("STS")?;
            let code = StatusCode::from_code(raw)
                .ok_or_else(|| FieldError::new("STS", raw, Edit::InvalidCode))?;
            let state = StateCode::parse("STA", r.need("STA")?)?;
            let raw = r.need("KEY")?;
            let about = InterstateKey::from_code(raw)
                .ok_or_else(|| FieldError::new("KEY", raw, Edit::InvalidCode))?;
            r.take("MSG")?;
            Body::Status { code, state, about }
        }
        InterstateKey::Er => {
            let raw = r.need("ERR")?;
            let number = raw
                .parse::<u8>()
                .ok()
                .filter(|n| *n < 100 && raw.len() == 2)
                .ok_or_else(|| FieldError::new("ERR", raw, Edit::Format("MUST BE 2 DIGITS")))?;
            Body::Error {
                number,
                text: FreeText::parse("MSG", r.need("MSG")?, 200)?
                    .as_str()
                    .to_owned(),
            }
        }
    };
    r.finish()?;
    Ok(body)
}

/// Administrative text: printable ASCII, at most [`MAX_ADMIN_TEXT`] characters.
pub(super) fn admin_text(raw: &str) -> Result<String, NletsError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new("MSG", raw, Edit::Empty).into());
    }
    if value.len() > MAX_ADMIN_TEXT {
        return Err(FieldError::new(
            "MSG",
            raw,
            Edit::TooLong {
                max: MAX_ADMIN_TEXT,
            },
        )
        .into());
    }
    if !value.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return Err(FieldError::new("MSG", raw, Edit::InvalidCharacter).into());
    }
    Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn driver_query(r: &mut Reader<'_>, today: Date) -> Result<DriverQuery, NletsError> {
    let reason = match r.take("RSN")? {
        None => None,
        Some(raw) => {
            let mut chars = raw.trim().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if "NFVTSHI".contains(c) => Some(c),
                _ => return Err(FieldError::new("RSN", raw, Edit::InvalidCode).into()),
            }
        }
    };
    let purpose = match r.take("PUR")? {
        None => None,
        Some(purpose) => {
            let use_ = r.take("USE")?;
            let case = r.take("CAS")?;
            let verified_by = r.take("VER")?;
            let warrant = r.take("WAR")?;
            Some(PhotoPurpose::parse(PurposeFields {
                purpose: Some(purpose),
                use_: Some(use_.unwrap_or_default()),
                case,
                verified_by,
                warrant,
            })?)
        }
    };
    let subject = lookup(r, today)?;
    let photo = match r.take("IMQ")? {
        None | Some("N") => false,
        Some("Y") => true,
        Some(raw) => return Err(FieldError::new("IMQ", raw, Edit::InvalidCode).into()),
    };
    Ok(DriverQuery {
        reason,
        subject,
        photo,
        purpose,
    })
}

fn lookup(r: &mut Reader<'_>, today: Date) -> Result<DriverLookup, NletsError> {
    if let Some(oln) = r.take("OLN")? {
        return Ok(DriverLookup::Oln(Oln::parse(oln)?));
    }
    let Some(name) = r.take("NAM")? else {
        return Err(NletsError::Missing {
            tag: "OLN",
            key: r.key.code(),
        });
    };
    let name = PersonName::parse(name)?;
    let dob = FieldDate::parse("DOB", r.need("DOB")?, today)?;
    let sex = Sex::parse(r.need("SEX")?)?;
    Ok(DriverLookup::Person { name, dob, sex })
}

fn state_answer(r: &mut Reader<'_>, today: Date) -> Result<StateAnswer, NletsError> {
    let state = StateCode::parse("STA", r.need("STA")?)?;
    let raw = r.need("RES")?;
    let outcome = match raw {
        "REC" => {
            let oln = Oln::parse(r.need("OLN")?)?;
            let name = PersonName::parse(r.need("NAM")?)?;
            let dob = FieldDate::parse("DOB", r.need("DOB")?, today)?;
            let sex = Sex::parse(r.need("SEX")?)?;
            let status = r
                .take("LST")?
                .map(|s| FreeText::parse("LST", s, 60))
                .transpose()?;
            StateOutcome::Record(DriverRecord {
                oln,
                name,
                dob,
                sex,
                status,
            })
        }
        "NOF" => StateOutcome::NotOnFile,
        "UNA" => StateOutcome::Unavailable,
        "NRS" => StateOutcome::NoResponse,
        "DNA" => StateOutcome::DoesNotAnswer,
        _ => return Err(FieldError::new("RES", raw, Edit::InvalidCode).into()),
    };
    let retention = match r.need("RET")? {
        "Y" => Retention::Permitted,
        "N" => Retention::Forbidden,
        raw => return Err(FieldError::new("RET", raw, Edit::InvalidCode).into()),
    };
    let notice = r
        .take("NOT")?
        .map(|n| FreeText::parse("NOT", n, 400))
        .transpose()?;
    let photo = match r.take("IMF")? {
        None => None,
        Some(format) => {
            if format != "JPEG" {
                return Err(FieldError::new("IMF", format, Edit::InvalidCode).into());
            }
            let size = r.need("IMS")?;
            let taken = r
                .take("IMD")?
                .map(|d| FieldDate::parse("IMD", d, today))
                .transpose()?;
            let bytes = match r.fields.get(r.at) {
                Some((tag, Item::Image(bytes))) if tag == "IMG" => {
                    r.at += 1;
                    bytes.clone()
                }
                _ => {
                    return Err(NletsError::Missing {
                        tag: "IMG",
                        key: "DR",
                    });
                }
            };
            let photo = Photo {
                format: format.to_owned(),
                bytes,
                taken,
            };
            if size.parse::<usize>().ok() != Some(photo.size_kb()) {
                return Err(FieldError::new(
                    "IMS",
                    size,
                    Edit::Format("NOT THE SIZE OF IMG IN KILOBYTES"),
                )
                .into());
            }
            Some(photo)
        }
    };
    Ok(StateAnswer {
        state,
        outcome,
        photo,
        retention,
        notice,
    })
}

//! The Nlets NIEM XML form: root `n2:NLETS` (`n2:version="4.00"`), the header
//! `n2:NLETSMessageHeader` (key, originating ORI, destinations, control field), and the body in
//! `n2:NLETSInquiryData` (DQ, YQ), `n2:NLETSResponseData` (DR, YR) or `n2:NLETSMailData` (AM,
//! SM, ER). Each field is one element; a photo is an `nc:Image` with its base64 object, format,
//! size in kilobytes and capture date. Dates are `yyyy-mm-dd`. Elements are matched by local
//! name; a DOCTYPE, an unknown element, text outside a field, or nesting deeper than a field
//! is refused.

use std::borrow::Cow;

use data_encoding::BASE64;
use leads_domain::fields::iso_date_as_ccyymmdd;
use leads_domain::interstate::{
    ControlField, Destination, Envelope, InterstateKey, MAX_DESTINATIONS, parse_network_ori,
};
use quick_xml::escape::escape;
use quick_xml::events::Event;
use time::Date;

use super::error::NletsError;
use super::fields::{Field, Item, from_fields, to_fields};
use super::text::MAX_TEXT_LEN;

const N2: &str = "http://www.nlets.org/niem/1.0";
const NH2: &str = "http://www.nlets.org/niem/nlets-hdr/1.0";
const NC: &str = "http://niem.gov/niem/niem-core/2.0";

/// Field tags and their element names (in `n2:`).
const ELEMENTS: &[(&str, &str)] = &[
    ("RSN", "ReasonCode"),
    ("PUR", "PurposeCode"),
    ("USE", "PurposeUseCode"),
    ("CAS", "CaseNumberText"),
    ("VER", "IdentityVerifiedByText"),
    ("WAR", "ArrestWarrantText"),
    ("OLN", "DriverLicenseID"),
    ("NAM", "PersonName"),
    ("DOB", "PersonBirthDate"),
    ("SEX", "PersonSexCode"),
    ("IMQ", "ImageRequestIndicator"),
    ("STA", "StateCode"),
    ("RES", "ResultCode"),
    ("LST", "LicenseStatusText"),
    ("RET", "RetentionPermittedIndicator"),
    ("NOT", "NoticeText"),
    ("MSG", "MessageText"),
    ("STS", "StatusCode"),
    ("KEY", "StatusMessageKeyCode"),
    ("ERR", "ErrorNumber"),
];

/// Fields carried by a hit confirmation are written `<n2:ConfirmationField n2:tag="RTY">`.
const CONFIRMATION_FIELD: &str = "ConfirmationField";

/// Image parts inside `nc:Image`, by their tags.
const IMAGE_PARTS: &[(&str, &str)] = &[
    ("IMF", "BinaryFormatID"),
    ("IMS", "BinarySizeValue"),
    ("IMD", "BinaryCaptureDate"),
    ("IMG", "BinaryBase64Object"),
];

fn body_element(key: InterstateKey) -> &'static str {
    match key {
        InterstateKey::Dq | InterstateKey::Yq => "NLETSInquiryData",
        InterstateKey::Dr | InterstateKey::Yr => "NLETSResponseData",
        InterstateKey::Am | InterstateKey::Sm | InterstateKey::Er => "NLETSMailData",
    }
}

fn is_date(tag: &str) -> bool {
    matches!(tag, "DOB" | "IMD")
}

/// `ccyymmdd` as `yyyy-mm-dd`.
fn iso(value: &str) -> String {
    match (value.get(..4), value.get(4..6), value.get(6..8)) {
        (Some(y), Some(m), Some(d)) if value.len() == 8 => format!("{y}-{m}-{d}"),
        _ => value.to_owned(),
    }
}

/// Writes a message in the XML form.
pub fn render_xml(envelope: &Envelope) -> String {
    let key = envelope.key();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<n2:NLETS xmlns:n2=\"{N2}\" xmlns:nh2=\"{NH2}\" xmlns:nc=\"{NC}\" n2:version=\"4.00\">\n<n2:NLETSMessageHeader>\n<nh2:MessageKeyCodeText>{}</nh2:MessageKeyCodeText>\n<nh2:OriginatingORIID>{}</nh2:OriginatingORIID>\n",
        key.code(),
        envelope.from.as_str()
    );
    for destination in &envelope.to {
        out.push_str(&format!(
            "<nh2:DestinationORIID>{destination}</nh2:DestinationORIID>\n"
        ));
    }
    if let Some(control) = &envelope.control {
        out.push_str(&format!(
            "<nh2:DocumentControlFieldText>{control}</nh2:DocumentControlFieldText>\n"
        ));
    }
    out.push_str("</n2:NLETSMessageHeader>\n");
    let body = body_element(key);
    out.push_str(&format!("<n2:{body}>\n"));
    let confirmation = matches!(key, InterstateKey::Yq | InterstateKey::Yr);
    let mut image_open = false;
    for (tag, item) in to_fields(&envelope.body) {
        let part = IMAGE_PARTS.iter().find(|(t, _)| *t == tag).map(|(_, e)| *e);
        match (part, image_open) {
            (Some(_), false) => {
                out.push_str("<nc:Image>\n");
                image_open = true;
            }
            (None, true) => {
                out.push_str("</nc:Image>\n");
                image_open = false;
            }
            _ => {}
        }
        let value = match item {
            Item::Text(value) if is_date(&tag) => iso(&value),
            Item::Text(value) => value,
            Item::Image(bytes) => BASE64.encode(&bytes),
        };
        let value = escape(value.as_str()).into_owned();
        match part {
            Some(element) => out.push_str(&format!("<nc:{element}>{value}</nc:{element}>\n")),
            None if confirmation => out.push_str(&format!(
                "<n2:{CONFIRMATION_FIELD} n2:tag=\"{tag}\">{value}</n2:{CONFIRMATION_FIELD}>\n"
            )),
            None => {
                let element = ELEMENTS
                    .iter()
                    .find(|(t, _)| *t == tag)
                    .map_or(tag.as_str(), |(_, e)| e);
                out.push_str(&format!("<n2:{element}>{value}</n2:{element}>\n"));
            }
        }
    }
    if image_open {
        out.push_str("</nc:Image>\n");
    }
    out.push_str(&format!("</n2:{body}>\n</n2:NLETS>\n"));
    out
}

fn malformed(what: impl Into<String>) -> NletsError {
    NletsError::Xml(what.into())
}

/// Where the reader is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Prolog,
    Root,
    Header,
    Body,
    Image,
    Done,
}

/// The document as read: header values and the body's fields in order.
#[derive(Debug, Default)]
struct Read {
    key: Option<String>,
    from: Option<String>,
    to: Vec<String>,
    control: Option<String>,
    body: Option<String>,
    fields: Vec<(String, String)>,
}

/// Reads a message in the XML form.
pub fn parse_xml(bytes: &[u8], today: Date) -> Result<Envelope, NletsError> {
    if bytes.len() > MAX_TEXT_LEN {
        return Err(NletsError::TooLong {
            len: bytes.len(),
            max: MAX_TEXT_LEN,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| NletsError::NotText)?;
    if text.trim().is_empty() {
        return Err(NletsError::Empty);
    }
    let read = read_document(text)?;
    let code = read
        .key
        .ok_or(NletsError::Header("MessageKeyCodeText IS MISSING"))?;
    let key = InterstateKey::from_code(&code)
        .ok_or_else(|| NletsError::UnknownKey(code.chars().take(8).collect()))?;
    if read.body.as_deref() != Some(body_element(key)) {
        return Err(malformed(format!(
            "{code} TRAVELS IN n2:{}",
            body_element(key)
        )));
    }
    let from = parse_network_ori(
        &read
            .from
            .ok_or(NletsError::Header("OriginatingORIID IS MISSING"))?,
    )?;
    if read.to.len() > MAX_DESTINATIONS {
        return Err(NletsError::TooManyDestinations);
    }
    let to = read
        .to
        .iter()
        .map(|d| Destination::parse(d))
        .collect::<Result<Vec<_>, _>>()?;
    if to.is_empty() {
        return Err(NletsError::Header("DestinationORIID IS MISSING"));
    }
    let control = read
        .control
        .as_deref()
        .map(ControlField::parse)
        .transpose()?;
    let fields = read
        .fields
        .into_iter()
        .map(|(tag, value)| field_of(tag, value))
        .collect::<Result<Vec<Field>, _>>()?;
    let body = from_fields(key, &fields, today)?;
    Ok(Envelope {
        from,
        to,
        control,
        body,
    })
}

fn field_of(tag: String, value: String) -> Result<Field, NletsError> {
    if tag == "IMG" {
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = BASE64
            .decode(compact.as_bytes())
            .map_err(|_| malformed("BinaryBase64Object IS NOT BASE64"))?;
        return Ok((tag, Item::Image(bytes)));
    }
    if is_date(&tag) {
        let digits = iso_date_as_ccyymmdd(&value).ok_or_else(|| {
            leads_domain::FieldError::new(
                if tag == "DOB" { "DOB" } else { "IMD" },
                &value,
                leads_domain::Edit::Format("MUST BE YYYY-MM-DD"),
            )
        })?;
        return Ok((tag, Item::Text(digits)));
    }
    Ok((tag, Item::Text(value)))
}

fn tag_of_element(place: Place, local: &str) -> Option<&'static str> {
    let table = if place == Place::Image {
        IMAGE_PARTS
    } else {
        ELEMENTS
    };
    table.iter().find(|(_, e)| *e == local).map(|(t, _)| *t)
}

fn read_document(text: &str) -> Result<Read, NletsError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut read = Read::default();
    let mut place = Place::Prolog;
    // The element whose text is being read: its tag, or a header part, and the text so far.
    let mut open: Option<(String, String)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(e.to_string().chars().take(80).collect::<String>()))?;
        match event {
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) => {}
            Event::DocType(_) => return Err(malformed("A DOCTYPE IS NOT ACCEPTED")),
            Event::PI(_) => return Err(malformed("PROCESSING INSTRUCTIONS ARE NOT ACCEPTED")),
            Event::Start(start) => {
                if open.is_some() {
                    return Err(malformed("A FIELD MAY NOT CONTAIN ELEMENTS"));
                }
                let name = start.local_name();
                let local = std::str::from_utf8(name.as_ref())
                    .map_err(|_| NletsError::NotText)?
                    .to_owned();
                let tag_attribute = start
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"tag")
                    .and_then(|a| String::from_utf8(a.value.to_vec()).ok());
                place = match (place, local.as_str()) {
                    (Place::Prolog, "NLETS") => Place::Root,
                    (Place::Root, "NLETSMessageHeader") => Place::Header,
                    (
                        Place::Root,
                        body @ ("NLETSInquiryData" | "NLETSResponseData" | "NLETSMailData"),
                    ) if read.body.is_none() => {
                        read.body = Some(body.to_owned());
                        Place::Body
                    }
                    (Place::Header, _) => {
                        open = Some((format!("header:{local}"), String::new()));
                        Place::Header
                    }
                    (Place::Body, "Image") => Place::Image,
                    (Place::Body, CONFIRMATION_FIELD) => {
                        let tag = tag_attribute
                            .filter(|t| t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase()))
                            .ok_or_else(|| {
                                malformed("ConfirmationField NEEDS A tag OF 3 LETTERS")
                            })?;
                        open = Some((tag, String::new()));
                        Place::Body
                    }
                    (Place::Body | Place::Image, _) => {
                        let tag = tag_of_element(place, &local)
                            .ok_or_else(|| malformed(format!("UNKNOWN ELEMENT {local}")))?;
                        open = Some((tag.to_owned(), String::new()));
                        place
                    }
                    (_, _) => return Err(malformed(format!("UNEXPECTED ELEMENT {local}"))),
                };
            }
            Event::Empty(start) => {
                let name = start.local_name();
                let local = String::from_utf8_lossy(name.as_ref()).into_owned();
                return Err(malformed(format!("EMPTY ELEMENT {local}")));
            }
            Event::Text(t) => {
                let value = t.decode().map_err(|_| NletsError::NotText)?;
                append(&mut open, &value)?;
            }
            Event::CData(c) => {
                let value = c.decode().map_err(|_| NletsError::NotText)?;
                append(&mut open, &value)?;
            }
            Event::GeneralRef(r) => {
                let resolved: Cow<'_, str> = match r.resolve_char_ref() {
                    Ok(Some(c)) => Cow::Owned(c.to_string()),
                    _ => {
                        let name = r.decode().map_err(|_| NletsError::NotText)?;
                        Cow::Borrowed(match name.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => return Err(malformed("UNKNOWN ENTITY")),
                        })
                    }
                };
                append(&mut open, &resolved)?;
            }
            Event::End(_) => {
                if let Some((tag, value)) = open.take() {
                    match tag.strip_prefix("header:") {
                        Some("MessageKeyCodeText") => read.key = Some(value),
                        Some("OriginatingORIID") => read.from = Some(value),
                        Some("DestinationORIID") => read.to.push(value),
                        Some("DocumentControlFieldText") => read.control = Some(value),
                        Some(other)
                            if other.ends_with("Date")
                                || other.ends_with("Time")
                                || other.ends_with("Counter") => {}
                        Some(other) => {
                            return Err(malformed(format!("UNKNOWN HEADER ELEMENT {other}")));
                        }
                        None => read.fields.push((tag, value)),
                    }
                    continue;
                }
                place = match place {
                    Place::Image => Place::Body,
                    Place::Header | Place::Body => Place::Root,
                    Place::Root => Place::Done,
                    Place::Prolog | Place::Done => return Err(malformed("UNBALANCED END TAG")),
                };
            }
        }
    }
    if place != Place::Done {
        return Err(malformed("THE DOCUMENT ENDS BEFORE n2:NLETS IS CLOSED"));
    }
    Ok(read)
}

fn append(open: &mut Option<(String, String)>, value: &str) -> Result<(), NletsError> {
    match open {
        Some((_, text)) => {
            text.push_str(value);
            Ok(())
        }
        None if value.trim().is_empty() => Ok(()),
        None => Err(malformed("TEXT OUTSIDE A FIELD")),
    }
}

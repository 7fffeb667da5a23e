//! The legacy text form:
//!
//! ```text
//! message = key "." sender 1*5("." destination) ["." "*" control] "." "TXT" " " body
//! body    = field *("." field)          ; AM: free text, periods allowed
//! field   = tag "/" value               ; IMG/ carries a photo in RFC 4648 base32
//! ```
//! Upper case, ASCII, and never ending with a period.

use leads_domain::interstate::{
    Body, ControlField, Destination, Envelope, InterstateKey, MAX_DESTINATIONS, parse_network_ori,
};
use time::Date;

use super::error::NletsError;
use super::fields::{Field, Item, MAX_ADMIN_TEXT, from_fields, to_fields};

/// The longest text message, photos included (five photos of about a megabyte in base32).
pub const MAX_TEXT_LEN: usize = 8 * 1024 * 1024;

/// Reads a message in the text form.
pub fn parse_text(text: &str, today: Date) -> Result<Envelope, NletsError> {
    if text.len() > MAX_TEXT_LEN {
        return Err(NletsError::TooLong {
            len: text.len(),
            max: MAX_TEXT_LEN,
        });
    }
    if !text.is_ascii() {
        return Err(NletsError::NotText);
    }
    let cleaned = crate::grammar::upper_without_controls(text);
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Err(NletsError::Empty);
    }
    if cleaned.ends_with('.') {
        return Err(NletsError::TrailingPeriod);
    }
    let (header, body) = split_txt(cleaned)?;
    let mut tokens = header.split('.').map(str::trim);
    let code = tokens.next().unwrap_or_default();
    let key = InterstateKey::from_code(code)
        .ok_or_else(|| NletsError::UnknownKey(code.chars().take(8).collect()))?;
    let from = parse_network_ori(tokens.next().ok_or(NletsError::Header(
        "THE SENDING ORI FOLLOWS THE MESSAGE KEY",
    ))?)?;
    let mut to = Vec::new();
    let mut control = None;
    for token in tokens {
        if let Some(ctrl) = token.strip_prefix('*') {
            if control.is_some() {
                return Err(NletsError::Header("ONE CONTROL FIELD ONLY"));
            }
            control = Some(ControlField::parse(ctrl)?);
        } else if control.is_some() {
            return Err(NletsError::Header(
                "THE CONTROL FIELD FOLLOWS THE DESTINATIONS",
            ));
        } else {
            if to.len() == MAX_DESTINATIONS {
                return Err(NletsError::TooManyDestinations);
            }
            to.push(Destination::parse(token)?);
        }
    }
    if to.is_empty() {
        return Err(NletsError::Header(
            "AT LEAST ONE DESTINATION FOLLOWS THE SENDING ORI",
        ));
    }
    let fields: Vec<Field> = if key == InterstateKey::Am {
        vec![("MSG".to_owned(), Item::Text(body.to_owned()))]
    } else {
        body_fields(body)?
    };
    let body = from_fields(key, &fields, today)?;
    Ok(Envelope {
        from,
        to,
        control,
        body,
    })
}

/// Splits the header from the body at the `TXT` token.
fn split_txt(text: &str) -> Result<(&str, &str), NletsError> {
    let mut start = 0;
    while let Some(found) = text.get(start..).and_then(|rest| rest.find(".TXT")) {
        let at = start + found;
        let after = text.get(at + 4..).unwrap_or_default();
        if after.is_empty() || after.starts_with(' ') {
            let header = text.get(..at).unwrap_or_default();
            return Ok((header, after.trim()));
        }
        start = at + 4;
    }
    Err(NletsError::Header("THE HEADER ENDS WITH TXT"))
}

fn body_fields(body: &str) -> Result<Vec<Field>, NletsError> {
    if body.is_empty() {
        return Err(NletsError::Header("NO FIELDS AFTER TXT"));
    }
    body.split('.')
        .map(str::trim)
        .map(|token| {
            let (tag, value) = token
                .split_once('/')
                .filter(|(tag, _)| tag.len() == 3 && tag.bytes().all(|b| b.is_ascii_uppercase()))
                .ok_or_else(|| NletsError::MalformedField(token.chars().take(24).collect()))?;
            let item = if tag == "IMG" {
                let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                let unpadded = compact.trim_end_matches('=');
                Item::Image(
                    data_encoding::BASE32_NOPAD
                        .decode(unpadded.as_bytes())
                        .map_err(|_| NletsError::ImageEncoding)?,
                )
            } else {
                Item::Text(value.trim().to_owned())
            };
            Ok((tag.to_owned(), item))
        })
        .collect()
}

/// Writes a message in the text form.
pub fn render_text(envelope: &Envelope) -> String {
    let mut out = String::from(envelope.key().code());
    out.push('.');
    out.push_str(envelope.from.as_str());
    for destination in &envelope.to {
        out.push('.');
        out.push_str(&destination.to_string());
    }
    if let Some(control) = &envelope.control {
        out.push_str(".*");
        out.push_str(control.as_str());
    }
    out.push_str(".TXT ");
    if let Body::Admin(text) = &envelope.body {
        out.push_str(
            text.get(..MAX_ADMIN_TEXT)
                .unwrap_or(text)
                .trim_end_matches('.'),
        );
        return out;
    }
    let fields: Vec<String> = to_fields(&envelope.body)
        .into_iter()
        .map(|(tag, item)| match item {
            Item::Text(value) => format!("{tag}/{value}"),
            Item::Image(bytes) => format!("{tag}/{}", data_encoding::BASE32_NOPAD.encode(&bytes)),
        })
        .collect();
    out.push_str(&fields.join("."));
    out
}

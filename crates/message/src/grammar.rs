//! The shape of a formatted message, before any field is interpreted.
//!
//! ```text
//! message  = key "." ori *2("." ori) ( "." "TXT" sep fields / "." fields )
//! fields   = field *("." field)
//! field    = tag "/" value        ; tag is three letters; value has no "."
//! ```
//! The message is upper-cased, may not exceed [`MAX_MESSAGE_LEN`] bytes, must be ASCII and must not
//! end with a period. Control characters are ignored (as Nlets does), except that a line break
//! after `TXT` separates the header from the body.

use leads_domain::codes::ReplyCode;
use std::fmt;

/// The longest message accepted, in bytes (not counting an attached image).
pub const MAX_MESSAGE_LEN: usize = 4096;

/// The longest encoded image a message may carry: base32 of 5 MiB.
pub const MAX_ATTACHMENT_LEN: usize = 5 * 1024 * 1024 / 5 * 8 + 8;

/// An image travels as the last field, `.IMG/` followed by the bytes in RFC 4648 base32
/// (upper case, so it survives the message's upper-casing; padding and line breaks optional).
const ATTACHMENT_MARK: &str = ".IMG/";

/// A tagged field as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawField {
    pub tag: String,
    pub value: String,
}

/// A message split into its parts, nothing interpreted yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMessage {
    /// Message key (MKE).
    pub key: String,
    /// Header ORIs: the sender first, then up to two destinations.
    pub oris: Vec<String>,
    /// The body was introduced by `TXT` (Nlets-style header).
    pub txt: bool,
    pub fields: Vec<RawField>,
    /// The image of an image message (EIM, MII), decoded.
    pub attachment: Option<Vec<u8>>,
}

/// Why a text is not a well-formed message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrammarError {
    #[error("EMPTY MESSAGE")]
    Empty,
    #[error("MESSAGE EXCEEDS {max} CHARACTERS ({len})")]
    TooLong { len: usize, max: usize },
    #[error("NON-ASCII CHARACTER AT POSITION {position}")]
    NonAscii { position: usize },
    #[error("MESSAGE MUST NOT END WITH A PERIOD")]
    TrailingPeriod,
    #[error("INVALID MESSAGE KEY {key}")]
    BadKey { key: String },
    #[error("{key} NEEDS THE ORIGINATING AGENCY ORI AFTER THE MESSAGE KEY")]
    MissingOri { key: String },
    #[error("AT MOST 3 HEADER ORIS")]
    TooManyOris,
    #[error("EMPTY FIELD (TWO PERIODS IN A ROW)")]
    EmptyField,
    #[error("MALFORMED FIELD {token} - EXPECTED TAG/VALUE")]
    MalformedField { token: String },
    #[error("NO FIELDS AFTER TXT")]
    EmptyBody,
    #[error("IMG EXCEEDS {max} CHARACTERS ({len})")]
    AttachmentTooLong { len: usize, max: usize },
    #[error("IMG NOT BASE32 - ENCODE THE IMAGE IN RFC 4648 BASE32")]
    AttachmentEncoding,
}

impl GrammarError {
    /// The stable error code.
    pub fn code(&self) -> leads_domain::codes::ReplyCode {
        match self {
            GrammarError::Empty => ReplyCode::MessageEmpty,
            GrammarError::TooLong { .. } | GrammarError::AttachmentTooLong { .. } => {
                ReplyCode::MessageTooLong
            }
            GrammarError::AttachmentEncoding => ReplyCode::ImageEncoding,
            GrammarError::NonAscii { .. } => ReplyCode::MessageNonAscii,
            GrammarError::TrailingPeriod => ReplyCode::MessageTrailingPeriod,
            GrammarError::BadKey { .. } => ReplyCode::MessageUnknownKey,
            GrammarError::MissingOri { .. } | GrammarError::TooManyOris => {
                ReplyCode::MessageBadHeader
            }
            GrammarError::EmptyField
            | GrammarError::MalformedField { .. }
            | GrammarError::EmptyBody => ReplyCode::MessageMalformed,
        }
    }
}

fn is_key(token: &str) -> bool {
    (2..=4).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_tag(token: &str) -> bool {
    token.len() == 3 && token.bytes().all(|b| b.is_ascii_uppercase())
}

fn shown(token: &str) -> String {
    token.chars().take(24).collect()
}

/// Splits an attached image (`.IMG/…`, last) off the message text and decodes it.
fn split_attachment(text: &str) -> Result<(&str, Option<Vec<u8>>), GrammarError> {
    let Some(at) = text.to_ascii_uppercase().find(ATTACHMENT_MARK) else {
        return Ok((text, None));
    };
    let (message, rest) = text.split_at_checked(at).unwrap_or((text, ""));
    let encoded = rest.get(ATTACHMENT_MARK.len()..).unwrap_or_default();
    if encoded.len() > MAX_ATTACHMENT_LEN {
        return Err(GrammarError::AttachmentTooLong {
            len: encoded.len(),
            max: MAX_ATTACHMENT_LEN,
        });
    }
    let compact: Vec<u8> = encoded
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_uppercase())
        .collect();
    let end = compact
        .iter()
        .rposition(|b| *b != b'=')
        .map_or(0, |i| i + 1);
    let unpadded = compact.get(..end).unwrap_or_default();
    let bytes = data_encoding::BASE32_NOPAD
        .decode(unpadded)
        .map_err(|_| GrammarError::AttachmentEncoding)?;
    Ok((message, Some(bytes)))
}

/// Encodes an image for the `IMG` field of a formatted message.
pub fn encode_attachment(bytes: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(bytes)
}

/// The text upper-cased, line breaks and tabs as spaces (they matter only after TXT), other
/// control characters left out (as Nlets does).
pub(crate) fn upper_without_controls(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_ascii_control() => None,
            c => Some(c.to_ascii_uppercase()),
        })
        .collect()
}

/// Splits a message into key, header ORIs, fields and an attached image.
pub fn parse_raw(text: &str) -> Result<RawMessage, GrammarError> {
    if let Some(position) = text.chars().position(|c| !c.is_ascii()) {
        return Err(GrammarError::NonAscii {
            position: position + 1,
        });
    }
    let (text, attachment) = split_attachment(text)?;
    if text.len() > MAX_MESSAGE_LEN {
        return Err(GrammarError::TooLong {
            len: text.len(),
            max: MAX_MESSAGE_LEN,
        });
    }
    let cleaned = upper_without_controls(text);
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Err(GrammarError::Empty);
    }
    if cleaned.ends_with('.') {
        return Err(GrammarError::TrailingPeriod);
    }
    let mut tokens = cleaned.split('.').map(str::trim);
    let key = tokens.next().unwrap_or_default().to_owned();
    if !is_key(&key) {
        return Err(GrammarError::BadKey { key: shown(&key) });
    }
    let mut oris = Vec::new();
    let mut txt = false;
    let mut fields = Vec::new();
    for token in tokens {
        let in_header = fields.is_empty() && !txt;
        let txt_rest = token
            .strip_prefix("TXT")
            .filter(|r| r.is_empty() || r.starts_with(' '));
        let field_text = match (in_header, txt_rest) {
            (true, Some(rest)) => {
                txt = true;
                match rest.trim() {
                    "" => continue,
                    first => first,
                }
            }
            (true, None) if !token.contains('/') => {
                if oris.len() == 3 {
                    return Err(GrammarError::TooManyOris);
                }
                oris.push(token.to_owned());
                continue;
            }
            _ => token,
        };
        if field_text.is_empty() {
            return Err(GrammarError::EmptyField);
        }
        let (tag, value) = field_text
            .split_once('/')
            .filter(|(tag, _)| is_tag(tag))
            .ok_or_else(|| GrammarError::MalformedField {
                token: shown(field_text),
            })?;
        fields.push(RawField {
            tag: tag.to_owned(),
            value: value.trim().to_owned(),
        });
    }
    if oris.is_empty() {
        return Err(GrammarError::MissingOri { key });
    }
    if txt && fields.is_empty() {
        return Err(GrammarError::EmptyBody);
    }
    Ok(RawMessage {
        key,
        oris,
        txt,
        fields,
        attachment,
    })
}

impl RawMessage {
    /// A message with the given key, originating ORI and fields in display order.
    pub fn from_fields(key: &str, ori: &str, fields: &leads_domain::FieldSet) -> RawMessage {
        RawMessage {
            key: key.to_owned(),
            oris: vec![ori.to_owned()],
            txt: false,
            fields: fields
                .to_pairs()
                .into_iter()
                .map(|(tag, value)| RawField { tag, value })
                .collect(),
            attachment: None,
        }
    }
}

impl fmt::Display for RawMessage {
    /// Renders the message in its canonical text form (`TXT` bodies on a new line).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key)?;
        for ori in &self.oris {
            write!(f, ".{ori}")?;
        }
        let mut separator = ".";
        if self.txt {
            f.write_str(".TXT")?;
            separator = "\n";
        }
        for field in &self.fields {
            write!(f, "{separator}{}/{}", field.tag, field.value)?;
            separator = ".";
        }
        if let Some(bytes) = &self.attachment {
            write!(f, "{separator}IMG/{}", encode_attachment(bytes))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(tag: &str, value: &str) -> RawField {
        RawField {
            tag: tag.into(),
            value: value.into(),
        }
    }

    #[test]
    fn a_plain_message_splits_into_key_ori_and_fields() {
        let raw = parse_raw("qw.il0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115").unwrap();
        assert_eq!(raw.key, "QW");
        assert_eq!(raw.oris, ["IL0160000"]);
        assert!(!raw.txt);
        assert_eq!(
            raw.fields,
            [
                field("NAM", "DOE, JOHN"),
                field("SEX", "M"),
                field("DOB", "19800115")
            ]
        );
    }

    #[test]
    fn nlets_style_headers_carry_destinations_and_a_txt_body() {
        let raw = parse_raw("QW.IL0160000.IL0000000.TXT\r\nNAM/DOE, JOHN.SEX/M").unwrap();
        assert_eq!(raw.oris, ["IL0160000", "IL0000000"]);
        assert!(raw.txt);
        assert_eq!(raw.fields.len(), 2);
        assert_eq!(
            raw.to_string(),
            "QW.IL0160000.IL0000000.TXT\nNAM/DOE, JOHN.SEX/M"
        );
        assert_eq!(parse_raw(&raw.to_string()).unwrap(), raw);
        assert_eq!(
            parse_raw("QW.IL0160000.TXT NAM/DOE, JOHN")
                .unwrap()
                .fields
                .len(),
            1
        );
    }

    #[test]
    fn bad_shapes_get_precise_errors() {
        assert_eq!(parse_raw(""), Err(GrammarError::Empty));
        assert_eq!(parse_raw(" \n "), Err(GrammarError::Empty));
        assert_eq!(
            parse_raw("QW.IL0160000.NAM/DOE, JOHN."),
            Err(GrammarError::TrailingPeriod)
        );
        assert_eq!(
            parse_raw("QW.IL0160000.NAM/DOÉ, JOHN"),
            Err(GrammarError::NonAscii { position: 20 })
        );
        assert_eq!(
            parse_raw("Q1.IL0160000"),
            Err(GrammarError::BadKey { key: "Q1".into() })
        );
        assert_eq!(
            parse_raw("QW"),
            Err(GrammarError::MissingOri { key: "QW".into() })
        );
        assert_eq!(
            parse_raw("QW.NAM/DOE, JOHN"),
            Err(GrammarError::MissingOri { key: "QW".into() })
        );
        assert_eq!(parse_raw("QW.A.B.C.D"), Err(GrammarError::TooManyOris));
        assert_eq!(
            parse_raw("QW.IL0160000.SEX/M..DOB/1"),
            Err(GrammarError::EmptyField)
        );
        assert_eq!(
            parse_raw("QW.IL0160000.SEX/M.DOB19800115"),
            Err(GrammarError::MalformedField {
                token: "DOB19800115".into()
            })
        );
        assert_eq!(parse_raw("QW.IL0160000.TXT"), Err(GrammarError::EmptyBody));
        let long = format!("QW.IL0160000.MIS/{}", "A".repeat(MAX_MESSAGE_LEN));
        assert!(matches!(
            parse_raw(&long),
            Err(GrammarError::TooLong { .. })
        ));
    }

    #[test]
    fn control_characters_inside_the_text_are_ignored() {
        let raw = parse_raw("QW.IL01\u{7}60000.SEX/M").unwrap();
        assert_eq!(raw.oris, ["IL0160000"]);
    }
}

//! Control characters are refused at the edge (docs/ERROR-CODES.md `request_invalid`): a NUL
//! or another C0 control (tab, line feed and carriage return excepted) or DEL in the path, a
//! query parameter, a JSON string or key, or a text body is answered with a field error naming
//! where it was, before any handler or store sees it. PostgreSQL cannot store a NUL at all;
//! no backend should store the others.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leads_domain::codes::ReplyCode;
use serde_json::Value;

use crate::error::ApiError;

/// A control character a request may not carry.
fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

fn first_forbidden(text: &str) -> Option<char> {
    text.chars().find(|c| forbidden(*c))
}

/// Where in a JSON value a forbidden character is: `operator`, `allegations[0].text`.
fn in_json(value: &Value, path: &str) -> Option<(String, char)> {
    match value {
        Value::String(s) => first_forbidden(s).map(|c| (path.to_owned(), c)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| in_json(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(key, v)| {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            first_forbidden(key)
                .map(|c| (at.clone(), c))
                .or_else(|| in_json(v, &at))
        }),
        _ => None,
    }
}

/// Where in the path or query a forbidden character is, once percent-decoded.
fn in_uri(request: &Request) -> Option<(String, char)> {
    let uri = request.uri();
    let path = percent_encoding_decode(uri.path());
    if let Some(c) = first_forbidden(&path) {
        return Some(("PATH".into(), c));
    }
    let query = uri.query()?;
    url_pairs(query).find_map(|(key, value)| {
        first_forbidden(&key)
            .or_else(|| first_forbidden(&value))
            .map(|c| (key.to_ascii_uppercase(), c))
    })
}

fn percent_encoding_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(b'%'), Some(h), Some(l)) if hex(*h).is_some() && hex(*l).is_some() => {
                let value = hex(*h).unwrap_or(0) * 16 + hex(*l).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'?'));
                i += 3;
            }
            (Some(b'+'), ..) => {
                out.push(b' ');
                i += 1;
            }
            (Some(b), ..) => {
                out.push(*b);
                i += 1;
            }
            (None, ..) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn url_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_encoding_decode(key), percent_encoding_decode(value))
    })
}

fn refusal(field: &str, c: char) -> Response {
    let message = format!(
        "{field}: CONTROL CHARACTER U+{:04X} IS NOT ALLOWED",
        u32::from(c)
    );
    ApiError {
        code: ReplyCode::RequestInvalid,
        message,
        operation_id: uuid::Uuid::new_v4().to_string(),
    }
    .into_response()
}

/// The middleware: refuses a request carrying a control character, else passes it on whole.
pub(crate) async fn refuse_control_characters(request: Request, next: Next) -> Response {
    if let Some((field, c)) = in_uri(&request) {
        return refusal(&field, c);
    }
    let binary = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.starts_with("image/")
                || t.starts_with("application/octet-stream")
                || t.starts_with("multipart/")
        });
    if binary {
        return next.run(request).await;
    }
    // Read no more than the route accepts: messages and transactions carry pictures, every
    // other route a small body (the route's own limit still applies after).
    let limit = match request.uri().path() {
        "/api/v1/messages" | "/api/v1/transactions" => crate::MESSAGE_BODY_LIMIT,
        _ => crate::BODY_LIMIT,
    };
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return ApiError::rejection(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                "THE REQUEST BODY IS TOO LARGE".into(),
                &uuid::Uuid::new_v4().to_string(),
            )
            .into_response();
        }
    };
    if !bytes.is_empty() {
        let found = match serde_json::from_slice::<Value>(&bytes) {
            Ok(value) => in_json(&value, ""),
            // Not JSON (a formatted message, or JSON the extractor will refuse): the raw text.
            Err(_) => {
                first_forbidden(&String::from_utf8_lossy(&bytes)).map(|c| ("MESSAGE".into(), c))
            }
        };
        if let Some((field, c)) = found {
            let field = if field.is_empty() {
                "BODY".into()
            } else {
                field
            };
            return refusal(&field, c);
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_of_a_control_character() {
        let value: Value = serde_json::from_str(
            r#"{"ori":"IL0160000","allegations":[{"rule":"S3","text":"A\u0000B"}]}"#,
        )
        .unwrap();
        assert_eq!(
            in_json(&value, ""),
            Some(("allegations[0].text".into(), '\0'))
        );
        let fine: Value = serde_json::from_str(r#"{"text":"LINE 1\nLINE 2\tTAB"}"#).unwrap();
        assert_eq!(in_json(&fine, ""), None);
        assert_eq!(percent_encoding_decode("a%00b%2"), "a\0b%2");
        assert!(forbidden('\u{1b}') && forbidden('\u{7f}') && !forbidden('\n'));
    }
}

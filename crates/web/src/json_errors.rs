//! A JSON body that could not be read, told in the error catalogue's words: the field by its
//! path and what is wrong with it (`HOLDER.DOB/1980-13-01 INVALID DATE`, `CASE_NUMBER MISSING`,
//! `COLOUR NOT ALLOWED - THE FIELDS ARE …`), never the deserializer's own message.

use std::error::Error as _;

use axum::extract::rejection::JsonRejection;

type PathError = serde_path_to_error::Error<serde_json::Error>;

/// What the caller is told about a rejected JSON body.
pub(crate) fn describe(rejection: &JsonRejection) -> String {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            "SEND THE BODY AS JSON WITH CONTENT-TYPE APPLICATION/JSON".to_owned()
        }
        JsonRejection::BytesRejection(_) => "THE BODY COULD NOT BE READ".to_owned(),
        _ => match path_error(rejection) {
            Some(error) => describe_path_error(error),
            None => "THE BODY IS NOT VALID JSON".to_owned(),
        },
    }
}

/// As [`describe`], for a body whose error may carry no path (the fields of an internally
/// tagged enum, such as an administrative command): an edit that echoes a value
/// (`DATE/2026-13-01 INVALID DATE`) is named by the top-level field that holds that value.
pub(crate) fn describe_in(rejection: &JsonRejection, body: &[u8]) -> String {
    let message = describe(rejection);
    let Some((tag, rest)) = message.split_once('/') else {
        return message;
    };
    if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_uppercase()) {
        return message;
    }
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_slice(body) else {
        return message;
    };
    let echoed = rest.split(' ').next().unwrap_or_default();
    let holder = fields.iter().find(|(_, value)| {
        value
            .as_str()
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(echoed))
    });
    match holder {
        Some((name, _)) => format!("{}/{rest}", name.to_ascii_uppercase()),
        None => message,
    }
}

/// The deserializer's error behind the rejection, with the path of the field.
fn path_error(rejection: &JsonRejection) -> Option<&PathError> {
    let mut source = rejection.source();
    while let Some(error) = source {
        if let Some(found) = error.downcast_ref::<PathError>() {
            return Some(found);
        }
        source = error.source();
    }
    None
}

fn describe_path_error(error: &PathError) -> String {
    let inner = error.inner();
    match inner.classify() {
        serde_json::error::Category::Data => {
            let path = error.path().to_string();
            let field = if path == "." {
                String::new()
            } else {
                path.to_ascii_uppercase()
            };
            describe_data(&field, &bare_message(inner))
        }
        _ => format!(
            "THE BODY IS NOT VALID JSON (LINE {}, COLUMN {})",
            inner.line(),
            inner.column()
        ),
    }
}

/// The message without serde_json's ` at line L column C`.
fn bare_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text.get(..at).unwrap_or(&text).to_owned(),
        None => text,
    }
}

/// `field.name` joined, upper case.
fn join(field: &str, name: &str) -> String {
    let name = name.to_ascii_uppercase();
    if field.is_empty() {
        name
    } else {
        format!("{field}.{name}")
    }
}

/// The text between the first pair of backticks.
fn quoted(text: &str) -> &str {
    text.split('`').nth(1).unwrap_or_default()
}

/// What follows `expected one of ` (the names, upper case, without backticks).
fn expected(text: &str) -> String {
    text.split_once("expected one of ")
        .map(|(_, names)| names.replace('`', "").to_ascii_uppercase())
        .unwrap_or_default()
}

fn describe_data(field: &str, message: &str) -> String {
    if message.starts_with("missing field") {
        return format!("{} MISSING", join(field, quoted(message)));
    }
    if message.starts_with("unknown field") {
        let list = expected(message);
        // The path already ends with the unknown field's name.
        let name = quoted(message).to_ascii_uppercase();
        let named = if field == name || field.ends_with(&format!(".{name}")) {
            field.to_owned()
        } else {
            join(field, &name)
        };
        return if list.is_empty() {
            format!("{named} NOT ALLOWED")
        } else {
            format!("{named} NOT ALLOWED - THE FIELDS ARE {list}")
        };
    }
    if message.starts_with("unknown variant") {
        return format!(
            "{}/{} INVALID CODE - EXPECTED ONE OF {}",
            if field.is_empty() { "VALUE" } else { field },
            quoted(message).to_ascii_uppercase(),
            expected(message)
        );
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        let shown = if field.is_empty() { "BODY" } else { field };
        let expected = if message.ends_with("FieldValues") {
            "EXPECTED TEXT OR A LIST OF TEXT"
        } else {
            "NOT A VALUE THIS FIELD TAKES"
        };
        return format!("{shown} INVALID TYPE - {expected}");
    }
    for (prefix, edit) in [
        ("invalid type: ", "INVALID TYPE"),
        ("invalid value: ", "INVALID VALUE"),
        ("invalid length ", "INVALID LENGTH"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let shown = if field.is_empty() { "BODY" } else { field };
            return format!(
                "{shown} {edit} - {}",
                rest.replace('`', "").to_ascii_uppercase()
            );
        }
    }
    // One of our own edits (`DATE/20261301 INVALID DATE`): named by the field's path.
    match message.split_once('/') {
        Some((tag, rest))
            if !field.is_empty()
                && !tag.is_empty()
                && tag.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            format!("{field}/{rest}")
        }
        _ if field.is_empty() => message.to_ascii_uppercase(),
        _ => format!("{field} {}", message.to_ascii_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_data;

    #[test]
    fn each_kind_of_json_error_names_its_field() {
        assert_eq!(
            describe_data("", "missing field `case_number`"),
            "CASE_NUMBER MISSING"
        );
        assert_eq!(
            describe_data(
                "HOLDER",
                "unknown field `colour`, expected one of `dln`, `name`"
            ),
            "HOLDER.COLOUR NOT ALLOWED - THE FIELDS ARE DLN, NAME"
        );
        assert_eq!(
            describe_data("COMMAND", "unknown variant `fly`, expected one of `a`, `b`"),
            "COMMAND/FLY INVALID CODE - EXPECTED ONE OF A, B"
        );
        assert_eq!(
            describe_data(
                "FIELDS.DOB",
                "invalid type: integer `19800115`, expected a string"
            ),
            "FIELDS.DOB INVALID TYPE - INTEGER 19800115, EXPECTED A STRING"
        );
        assert_eq!(
            describe_data(
                "FIELDS.DOB",
                "data did not match any variant of untagged enum FieldValues"
            ),
            "FIELDS.DOB INVALID TYPE - EXPECTED TEXT OR A LIST OF TEXT"
        );
        assert_eq!(
            describe_data("RECEIVED_ON", "DATE/20261301 INVALID DATE"),
            "RECEIVED_ON/20261301 INVALID DATE"
        );
    }
}

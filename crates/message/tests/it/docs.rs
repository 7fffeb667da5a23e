//! docs/MESSAGES.md carries tables generated from the file and field catalogues. This test fails
//! when they drift; run it with `UPDATE_DOCS=1` to rewrite them.

use leads_domain::fields::{CAUTION_CODES, CautionKind, FieldCode};
use leads_domain::files::{FILES, KeySource, all_keys};
use leads_domain::image::IMAGE_KEYS;
use leads_domain::transaction::allowed_fields;

fn source(s: KeySource) -> &'static str {
    match s {
        KeySource::Ncic => "NCIC",
        KeySource::NcicPattern => "ours, on the NCIC pattern",
        KeySource::Leads => "**ours (LEADS)**",
    }
}

fn key_table() -> String {
    let mut out = String::from(
        "| key | action | file | record type / files searched | source |\n|---|---|---|---|---|\n",
    );
    for key in all_keys() {
        let what = match (key.entry, key.query_files) {
            (Some(entry), _) => entry.name.to_owned(),
            (None, files) if !files.is_empty() => files
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", "),
            _ => key.file.name.to_owned(),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            key.key,
            key.action.name(),
            key.file.name,
            what,
            source(key.source)
        ));
    }
    out
}

fn image_key_table() -> String {
    let mut out = String::from(
        "| key | action | takes | mandatory | image (`IMG`) | source |\n|---|---|---|---|---|---|\n",
    );
    let tags = |codes: &[FieldCode]| codes.iter().map(|c| c.tag()).collect::<Vec<_>>().join(" ");
    for key in IMAGE_KEYS {
        let image = match key.key {
            "EIM" => "mandatory",
            "MII" => "optional (a new picture)",
            _ => "not allowed",
        };
        let from = if key.key == "QIM" {
            source(key.source)
        } else {
            "LEADS bulletin 2023-02-16"
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {image} | {from} |\n",
            key.key,
            key.name,
            tags(key.fields),
            tags(key.mandatory)
        ));
    }
    out
}

fn file_table() -> String {
    let mut out = String::from(
        "| file | code | NCIC number | mandatory on entry | optional | duplicate keys (same ORI) | searched by |\n|---|---|---|---|---|---|---|\n",
    );
    let tags = |codes: &[FieldCode]| codes.iter().map(|c| c.tag()).collect::<Vec<_>>().join(" ");
    for file in FILES {
        let nic = file.nic_prefix.map_or("none (LEADS only)".to_owned(), |p| {
            format!("`{p}` + 9 digits")
        });
        let dups = file
            .duplicate_keys
            .iter()
            .map(|k| tags(k))
            .collect::<Vec<_>>()
            .join("; ");
        let mut searched = Vec::new();
        if file.person {
            searched.push("NAM/SEX/DOB".to_owned());
        }
        searched.push(tags(file.identifiers));
        out.push_str(&format!(
            "| {} | `{}` | {nic} | {} OCA SDC SDN DRI | {} MIS TRI | {dups} | {} |\n",
            file.name,
            file.code,
            tags(file.mandatory),
            tags(file.optional),
            searched.join(", ")
        ));
    }
    out
}

fn field_table() -> String {
    let mut out = String::from("| tag | field | repeats | codes |\n|---|---|---|---|\n");
    for code in FieldCode::ALL {
        let codes = code
            .code_table()
            .map(|t| {
                t.entries
                    .iter()
                    .map(|(c, _)| *c)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            code.tag(),
            code.meaning(),
            code.max_occurrences(),
            codes
        ));
    }
    out
}

fn caution_table() -> String {
    let mut out = String::from("| `CMC` | meaning | shown as |\n|---|---|---|\n");
    for (code, meaning, kind) in CAUTION_CODES {
        let shown = match kind {
            CautionKind::OfficerSafety => "**officer-safety caution** (banner, first)",
            CautionKind::Medical => "medical condition (caution block, after the cautions)",
        };
        out.push_str(&format!("| `{code}` | {meaning} | {shown} |\n"));
    }
    out
}

fn replace_section(doc: &str, name: &str, table: &str) -> String {
    let begin = format!("<!-- {name}:begin -->\n");
    let end = format!("<!-- {name}:end -->");
    let start = doc
        .find(&begin)
        .unwrap_or_else(|| panic!("docs/MESSAGES.md lacks {begin}"))
        + begin.len();
    let stop = doc
        .find(&end)
        .unwrap_or_else(|| panic!("docs/MESSAGES.md lacks {end}"));
    format!("{}{table}{}", &doc[..start], &doc[stop..])
}

#[test]
fn messages_doc_tables_match_the_catalogues() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/MESSAGES.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let mut expected = replace_section(&doc, "keys", &key_table());
    expected = replace_section(&expected, "files", &file_table());
    expected = replace_section(&expected, "fields", &field_table());
    expected = replace_section(&expected, "image-keys", &image_key_table());
    expected = replace_section(&expected, "cautions", &caution_table());
    if std::env::var("UPDATE_DOCS").is_ok() {
        std::fs::write(path, &expected).unwrap();
    }
    assert!(
        doc == expected,
        "docs/MESSAGES.md is out of date; run: UPDATE_DOCS=1 cargo test -p leads-message --test docs"
    );
}

#[test]
fn every_key_takes_the_fields_its_table_row_implies() {
    for key in all_keys() {
        assert!(!allowed_fields(&key).is_empty(), "{}", key.key);
    }
}

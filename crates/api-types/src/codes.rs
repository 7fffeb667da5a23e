//! The stable reply-code catalogue on the wire: the codes are [`ReplyCode`] (in the domain);
//! every reply and error carries one, and the HTTP status follows from it. docs/ERROR-CODES.md
//! lists the same table (a test keeps them equal).

pub use leads_domain::codes::ReplyCode;

/// The HTTP status of an answer with `code`.
pub fn http_status(code: ReplyCode) -> u16 {
    code.http_status()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_catalogue_matches() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/ERROR-CODES.md");
        let doc = std::fs::read_to_string(path).unwrap_or_default();
        let mut table = String::from("| code | HTTP | meaning |\n|---|---|---|\n");
        for code in ReplyCode::ALL {
            table.push_str(&format!(
                "| `{}` | {} | {} |\n",
                code.name(),
                code.http_status(),
                code.meaning()
            ));
        }
        let (begin, end) = ("<!-- codes:begin -->\n", "<!-- codes:end -->");
        let start = doc.find(begin).map_or(0, |i| i + begin.len());
        let stop = doc.find(end).unwrap_or(doc.len());
        let expected = format!(
            "{}{table}{}",
            doc.get(..start).unwrap_or_default(),
            doc.get(stop..).unwrap_or_default()
        );
        if std::env::var("UPDATE_DOCS").is_ok() {
            let _ = std::fs::write(path, &expected);
        }
        assert!(
            doc == expected,
            "docs/ERROR-CODES.md is out of date; run: UPDATE_DOCS=1 cargo test -p leads-api-types"
        );
    }
}

//! Reading the audit log: in order (export, verification) and by report criteria.

use leads_audit::{AuditEntry, SealedEntry};
use leads_store::{AuditQuery, StoreResult};
use sqlx::AnyPool;
use sqlx::any::AnyRow;

use crate::classify;
use crate::columns::{corrupt, get};

fn sealed_from_row(row: &AnyRow) -> StoreResult<SealedEntry> {
    let canonical: String = get(row, "entry")?;
    let entry: AuditEntry = serde_json::from_str(&canonical).map_err(corrupt)?;
    Ok(SealedEntry {
        seq: u64::try_from(get::<i64>(row, "seq")?).map_err(corrupt)?,
        entry,
        canonical,
        leaf_hash: get(row, "leaf_hash")?,
    })
}

pub(crate) async fn audit_entries(
    pool: &AnyPool,
    from_seq: u64,
    limit: u32,
) -> StoreResult<Vec<SealedEntry>> {
    let rows = sqlx::query(
        "SELECT seq, entry, leaf_hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2",
    )
    .bind(i64::try_from(from_seq).unwrap_or(i64::MAX))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(classify)?;
    rows.iter().map(sealed_from_row).collect()
}

/// Upper-cased `LIKE` pattern for "contains `text`", with the wildcards in `text` escaped.
/// Matching is case-insensitive on both backends (SQLite's `LIKE` is, PostgreSQL's is not).
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_uppercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A statement under construction: conditions joined by `AND`, with their bound values in
/// placeholder order.
#[derive(Default)]
struct Filter {
    conditions: Vec<String>,
    values: Vec<Value>,
}

enum Value {
    Text(String),
    Number(i64),
}

impl Filter {
    fn placeholder(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    fn equals(&mut self, column: &str, value: &Option<String>) {
        if let Some(value) = value {
            let p = self.placeholder(Value::Text(value.clone()));
            self.conditions.push(format!("{column} = {p}"));
        }
    }

    fn contains_any(&mut self, needles: &[String]) {
        if needles.is_empty() {
            return;
        }
        let alternatives: Vec<String> = needles
            .iter()
            .map(|needle| {
                let p = self.placeholder(Value::Text(contains_pattern(needle)));
                format!("UPPER(entry) LIKE {p} ESCAPE '\\'")
            })
            .collect();
        self.conditions
            .push(format!("({})", alternatives.join(" OR ")));
    }

    fn compare(&mut self, column: &str, op: &str, value: Option<i64>) {
        if let Some(value) = value {
            let p = self.placeholder(Value::Number(value));
            self.conditions.push(format!("{column} {op} {p}"));
        }
    }
}

/// Whether a text value of the entry — never a key — contains one of the (upper-cased)
/// needles, case-insensitively.
fn names_subject(canonical: &str, needles: &[String]) -> bool {
    fn walk(value: &serde_json::Value, needles: &[String]) -> bool {
        match value {
            serde_json::Value::String(text) => {
                let text = text.to_uppercase();
                needles.iter().any(|n| text.contains(n.as_str()))
            }
            serde_json::Value::Array(items) => items.iter().any(|v| walk(v, needles)),
            serde_json::Value::Object(map) => map.values().any(|v| walk(v, needles)),
            _ => false,
        }
    }
    serde_json::from_str::<serde_json::Value>(canonical).is_ok_and(|v| walk(&v, needles))
}

/// The entries the query matches, in order, at most `limit`. A subject is matched in the
/// entry's values: the database narrows by text, then each entry's values are checked, page
/// by page until `limit` are found or the log ends.
pub(crate) async fn audit_search(
    pool: &AnyPool,
    query: &AuditQuery,
    limit: u32,
) -> StoreResult<Vec<SealedEntry>> {
    if query.subject.is_empty() || limit == 0 {
        return search_page(pool, query, query.after_seq, limit).await;
    }
    let needles: Vec<String> = query.subject.iter().map(|s| s.to_uppercase()).collect();
    let wanted = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut found = Vec::new();
    let mut after = query.after_seq;
    loop {
        let page = search_page(pool, query, after, limit).await?;
        let full = page.len() >= wanted;
        after = page.last().map(|e| e.seq).or(after);
        found.extend(
            page.into_iter()
                .filter(|e| names_subject(&e.canonical, &needles)),
        );
        if found.len() >= wanted || !full {
            break;
        }
    }
    found.truncate(wanted);
    Ok(found)
}

async fn search_page(
    pool: &AnyPool,
    query: &AuditQuery,
    after_seq: Option<u64>,
    limit: u32,
) -> StoreResult<Vec<SealedEntry>> {
    let mut filter = Filter::default();
    filter.equals("ori", &query.ori);
    filter.equals("operator", &query.operator);
    filter.equals("terminal", &query.terminal);
    filter.equals("event", &query.event);
    if let Some(record) = &query.record {
        // Record numbers appear quoted in the entry's `records` list.
        filter.contains_any(&[format!("\"{record}\"")]);
    }
    filter.contains_any(&query.subject);
    filter.compare("at", ">=", query.from_micros);
    filter.compare("at", "<", query.to_micros);
    filter.compare(
        "seq",
        ">",
        after_seq.map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
    );
    let limit_placeholder = filter.placeholder(Value::Number(i64::from(limit)));
    let filter_sql = if filter.conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", filter.conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT seq, entry, leaf_hash FROM audit_log{filter_sql} ORDER BY seq LIMIT {limit_placeholder}"
    );
    let mut statement = sqlx::query(sqlx::AssertSqlSafe(sql));
    for value in filter.values {
        statement = match value {
            Value::Text(text) => statement.bind(text),
            Value::Number(number) => statement.bind(number),
        };
    }
    let rows = statement.fetch_all(pool).await.map_err(classify)?;
    rows.iter().map(sealed_from_row).collect()
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn a_subject_is_found_in_values_not_in_keys() {
        let entry = r#"{"operation_id":"x","detail":"QW NAM/DOE, JOHN","records":["W26"]}"#;
        assert!(super::names_subject(entry, &["NAM/DOE".into()]));
        assert!(super::names_subject(entry, &["W26".into()]));
        assert!(!super::names_subject(entry, &["OPERATION_ID".into()]));
        assert!(!super::names_subject(entry, &["_".into()]));
    }

    #[test]
    fn like_wildcards_in_criteria_are_matched_literally() {
        assert_eq!(contains_pattern("a_b%c\\d"), "%A\\_B\\%C\\\\D%");
    }
}

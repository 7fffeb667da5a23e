//! docs/RULES.md, the project's rule catalogue, is generated from the code: each rule of
//! `leads_domain::rules` with what it requires, its citation, where it is enforced (the Cedar
//! policies that carry `@rule("…")`, and the source modules that name `RuleId::…`), and the
//! tests whose names carry its id. This test fails when the file drifts; run it with
//! `UPDATE_DOCS=1` to rewrite it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use leads_domain::RuleId;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(workspace())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Policy id → rule id, from the `@id` and `@rule` annotations of each policy.
fn policies_by_rule() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut cedar = Vec::new();
    files(
        &workspace().join("crates/policy/policies"),
        "cedar",
        &mut cedar,
    );
    for file in cedar {
        let text = std::fs::read_to_string(&file).unwrap();
        for policy in text.split(';') {
            let annotation = |name: &str| {
                let start = policy.find(&format!("@{name}(\""))? + name.len() + 3;
                let end = policy[start..].find('"')? + start;
                Some(policy[start..end].to_owned())
            };
            if let (Some(id), Some(rule)) = (annotation("id"), annotation("rule")) {
                out.entry(rule).or_default().insert(format!("`{id}`"));
            }
        }
    }
    out
}

/// Rule id → source files that name `RuleId::<id>` in production code.
fn modules_by_rule() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(workspace().join("crates"))
        .unwrap()
        .flatten()
    {
        files(&entry.path().join("src"), "rs", &mut sources);
    }
    for file in sources {
        let text = std::fs::read_to_string(&file).unwrap();
        let production = text.split("#[cfg(test)]").next().unwrap_or_default();
        if relative(&file).ends_with("domain/src/rules.rs") {
            continue;
        }
        for rule in RuleId::ALL {
            let name = format!("RuleId::{}", rule.id());
            let named = production.match_indices(&name).any(|(i, _)| {
                !production[i + name.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            });
            if named {
                out.entry(rule.id().to_owned())
                    .or_default()
                    .insert(format!("`{}`", relative(&file)));
            }
        }
    }
    out
}

/// Rule id → tests whose function name carries the id as a word (`h4_…`, `…_h4_…`).
fn tests_by_rule() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(workspace().join("crates"))
        .unwrap()
        .flatten()
    {
        files(&entry.path().join("tests"), "rs", &mut sources);
        files(&entry.path().join("src"), "rs", &mut sources);
    }
    for file in sources {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let is_test = i > 0
                && (lines[i - 1].contains("#[test]") || lines[i - 1].contains("#[tokio::test"));
            let Some(name) = line
                .trim()
                .strip_prefix("async fn ")
                .or_else(|| line.trim().strip_prefix("fn "))
            else {
                continue;
            };
            if !is_test {
                continue;
            }
            let name: String = name
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            for word in name.split('_') {
                if let Some(rule) = RuleId::from_id(&word.to_ascii_uppercase()) {
                    out.entry(rule.id().to_owned())
                        .or_default()
                        .insert(format!("`{name}`"));
                }
            }
        }
    }
    out
}

fn catalogue() -> String {
    let policies = policies_by_rule();
    let modules = modules_by_rule();
    let tests = tests_by_rule();
    let list = |m: &BTreeMap<String, BTreeSet<String>>, id: &str| {
        m.get(id)
            .map(|s| s.iter().cloned().collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|| "—".to_owned())
    };
    let mut out = String::from(
        "| rule | what it requires | citation | Cedar policies | enforced in | tests |\n|---|---|---|---|---|---|\n",
    );
    for rule in RuleId::ALL {
        let id = rule.id();
        out.push_str(&format!(
            "| **{id}** | {} | {} | {} | {} | {} |\n",
            rule.summary(),
            rule.citation(),
            list(&policies, id),
            list(&modules, id),
            list(&tests, id),
        ));
    }
    out
}

#[test]
fn the_rule_catalogue_is_generated_from_the_code() {
    let path = workspace().join("docs/RULES.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let (begin, end) = ("<!-- rules:begin -->\n", "<!-- rules:end -->");
    let expected = match (doc.find(begin), doc.find(end)) {
        (Some(b), Some(e)) => format!("{}{}{}", &doc[..b + begin.len()], catalogue(), &doc[e..]),
        _ => doc.clone(),
    };
    if std::env::var("UPDATE_DOCS").is_ok() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert!(
        doc.contains(begin) && doc == expected,
        "docs/RULES.md is out of date; run: UPDATE_DOCS=1 cargo test -p leads --test it rules_doc"
    );
}

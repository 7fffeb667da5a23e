//! The architecture, checked mechanically: the pure core depends on no async runtime, database
//! driver, web framework or HTTP stack, not even transitively; and only the adapter talks SQL.

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

/// Crates that must stay pure.
const PURE: &[&str] = &[
    "leads-domain",
    "leads-message",
    "leads-audit",
    "leads-policy",
    "leads-store",
    "leads-synth",
    "leads-api-types",
];

/// What the pure crates must never pull in.
const FORBIDDEN: &[&str] = &[
    "tokio",
    "sqlx",
    "sqlx-core",
    "axum",
    "hyper",
    "reqwest",
    "mio",
    "libsqlite3-sys",
];

/// Only these crates may depend on sqlx directly.
const SQL_ADAPTERS: &[&str] = &["leads-store-sql", "leads-testkit"];

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Package id → (name, ids of normal, non-dev dependencies).
fn graph(meta: &Value) -> HashMap<String, (String, Vec<String>)> {
    let names: HashMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| {
            let id = node["id"].as_str().unwrap().to_owned();
            let deps = node["deps"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| {
                    d["dep_kinds"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|k| k["kind"].is_null())
                })
                .map(|d| d["pkg"].as_str().unwrap().to_owned())
                .collect();
            (id.clone(), (names[id.as_str()].to_owned(), deps))
        })
        .collect()
}

fn closure(graph: &HashMap<String, (String, Vec<String>)>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = graph
        .iter()
        .filter(|(_, (n, _))| n == root)
        .map(|(id, _)| id.clone())
        .collect();
    while let Some(id) = stack.pop() {
        if let Some((_, deps)) = graph.get(&id) {
            for dep in deps {
                if seen.insert(dep.clone()) {
                    stack.push(dep.clone());
                }
            }
        }
    }
    seen.into_iter()
        .filter_map(|id| graph.get(&id).map(|(n, _)| n.clone()))
        .collect()
}

#[test]
fn the_pure_core_has_no_runtime_driver_or_web_dependency() {
    let graph = graph(&metadata());
    // The walk finds what is there: the edges do depend on the runtime and the drivers.
    assert!(closure(&graph, "leads-web").contains("axum"));
    assert!(closure(&graph, "leads-store-sql").contains("sqlx"));
    assert!(closure(&graph, "leads-app").contains("tokio"));
    for krate in PURE {
        let deps = closure(&graph, krate);
        assert!(
            !deps.is_empty() || *krate == "leads-domain",
            "{krate} not found in the workspace"
        );
        let bad: Vec<&String> = deps
            .iter()
            .filter(|d| FORBIDDEN.contains(&d.as_str()))
            .collect();
        assert!(bad.is_empty(), "{krate} depends on {bad:?}");
    }
}

#[test]
fn only_the_sql_adapter_depends_on_sqlx() {
    let graph = graph(&metadata());
    for (name, deps) in graph.values() {
        if !name.starts_with("leads") {
            continue;
        }
        let direct: Vec<&str> = deps
            .iter()
            .filter_map(|id| graph.get(id).map(|(n, _)| n.as_str()))
            .collect();
        if direct.contains(&"sqlx") {
            assert!(
                SQL_ADAPTERS.contains(&name.as_str()),
                "{name} uses sqlx directly"
            );
        }
    }
}

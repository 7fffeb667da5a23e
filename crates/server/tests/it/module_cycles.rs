//! No import cycles between the files of a crate: within every crate of the workspace, the
//! files (modules) and the paths each one names of another (`use`, `crate::…`, `super::…`, a
//! child module's name, globs) form an acyclic graph. References to the crate root are not
//! counted: the root declares every module and re-exports the public face.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module, as the path of names from its crate's root (empty for the root).
type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The production part of a file, without comments (unit tests sit after `#[cfg(test)]`).
fn production_text(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path written in `text`: names joined by `::`, with `use` groups (`a::{b, c}`)
/// expanded one level and globs (`a::*`) as their base.
fn paths(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while i < chars.len() {
        if !word(chars[i]) || (i > 0 && (word(chars[i - 1]) || chars[i - 1] == '.')) {
            i += 1;
            continue;
        }
        let mut path = Vec::new();
        loop {
            let start = i;
            while i < chars.len() && word(chars[i]) {
                i += 1;
            }
            path.push(chars[start..i].iter().collect::<String>());
            if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
                i += 2;
                match chars.get(i) {
                    Some('{') => {
                        let close = chars[i..]
                            .iter()
                            .position(|c| *c == '}')
                            .map_or(chars.len(), |p| i + p);
                        let inner: String = chars[i + 1..close].iter().collect();
                        for item in inner.split(',') {
                            let name: String =
                                item.trim().chars().take_while(|c| word(*c)).collect();
                            if !name.is_empty() {
                                let mut full = path.clone();
                                full.push(name);
                                out.push(full);
                            }
                        }
                        i = close;
                        break;
                    }
                    Some('*') => {
                        out.push(path.clone());
                        break;
                    }
                    Some(c) if word(*c) => continue,
                    _ => break,
                }
            }
            break;
        }
        if path.len() > 1 {
            out.push(path);
        }
    }
    out
}

/// The module a path written in `from` names, if it is another module of the crate.
fn target(from: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let (mut base, rest): (Module, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (vec![], &path[1..]),
        Some("super") => {
            let mut base = from.clone();
            base.pop();
            let mut rest = &path[1..];
            while rest.first().is_some_and(|p| p == "super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        Some("self") => (from.clone(), &path[1..]),
        Some(first) => {
            let mut child = from.clone();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
            (from.clone(), path)
        }
        None => return None,
    };
    let mut found = modules.contains(&base).then(|| base.clone());
    for name in rest {
        base.push(name.clone());
        if modules.contains(&base) {
            found = Some(base.clone());
        } else {
            break;
        }
    }
    found.filter(|m| m != from && !m.is_empty())
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'g> {
        graph: &'g BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        next: usize,
        found: Vec<Vec<Module>>,
    }
    fn visit(s: &mut State<'_>, v: &Module) {
        s.index.insert(v.clone(), s.next);
        s.low.insert(v.clone(), s.next);
        s.next += 1;
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v.clone(), low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

fn crate_cycles(src: &Path) -> Vec<Vec<Module>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(src, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let from = module_of(src, file);
        let text = production_text(&std::fs::read_to_string(file).unwrap());
        let edges: BTreeSet<Module> = paths(&text)
            .iter()
            .filter_map(|p| target(&from, p, &modules))
            .collect();
        graph.insert(from, edges);
    }
    cycles(&graph)
}

#[test]
fn the_files_of_each_crate_import_each_other_without_cycles() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap().flatten() {
        let src = entry.path().join("src");
        if !src.is_dir() {
            continue;
        }
        for component in crate_cycles(&src) {
            let names: Vec<String> = component.iter().map(|m| m.join("::")).collect();
            found.push(format!(
                "{}: {}",
                entry.file_name().to_string_lossy(),
                names.join(" <-> ")
            ));
        }
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_check_sees_a_cycle_through_a_glob_and_a_child_call() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("area")).unwrap();
    std::fs::write(src.join("lib.rs"), "mod area;\n").unwrap();
    std::fs::write(
        src.join("area/mod.rs"),
        "mod part;\npub fn run() { part::go() }\npub struct Shared;\n",
    )
    .unwrap();
    std::fs::write(src.join("area/part.rs"), "use super::*;\npub fn go() {}\n").unwrap();
    let found = crate_cycles(src);
    assert_eq!(found.len(), 1, "{found:?}");
    std::fs::write(src.join("area/part.rs"), "pub fn go() {}\n").unwrap();
    assert!(crate_cycles(src).is_empty());
}

/// The most lines a production file may have (its unit tests, after `#[cfg(test)]`, aside).
const MAX_PRODUCTION_LINES: usize = 600;

#[test]
fn no_production_file_is_longer_than_six_hundred_lines() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut long = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap().flatten() {
        let mut files = Vec::new();
        rust_files(&entry.path().join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let production = text.split("#[cfg(test)]").next().unwrap_or_default();
            let lines = production.lines().count();
            if lines > MAX_PRODUCTION_LINES {
                long.push(format!("{}: {lines} lines", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_PRODUCTION_LINES} lines:\n{}",
        long.join("\n")
    );
}

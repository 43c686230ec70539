//! The shape of the code, checked like behaviour: layers that point one way. Neither `core`'s
//! modules nor `api`'s form an import cycle; `api` reaches the database only in its start-up
//! wiring; route and page handlers leave transactions, audit entries and the mail worker to the
//! use cases; no folder grows into a heap.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_owned()
}

/// Every `.rs` file under `dir`, with its path relative to `dir`.
fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("readable source folder") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable source");
                found.push((path.strip_prefix(dir).expect("under dir").to_owned(), text));
            }
        }
    }
    found.sort();
    found
}

/// The module a file defines, as path segments (`services/mod.rs` → `services`).
fn module_of(file: &Path) -> Vec<String> {
    let mut segments: Vec<String> =
        file.with_extension("").iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if matches!(segments.last().map(String::as_str), Some("mod" | "lib")) {
        segments.pop();
    }
    segments
}

/// The code of a file without comments and without its unit tests (tests may reach anywhere).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines()
        .map(|line| match line.trim_start().starts_with("//") {
            true => "",
            false => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn identifier(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// The module paths a file names after `crate::` or `super::`, resolved against `module`: for
/// `use crate::{db, domain::Slug}` both `db` and `domain::Slug`; only lower-case segments (items
/// are not modules).
fn referenced_modules(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", module[..module.len().saturating_sub(1)].to_vec())] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let preceded_by_path = at > 0 && rest[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
            rest = &rest[at + prefix.len()..];
            if preceded_by_path {
                continue;
            }
            let mut groups = vec![(base.clone(), rest)];
            while let Some((mut path, text)) = groups.pop() {
                let named_before = path.len();
                if let Some(inner) = text.strip_prefix('{') {
                    let close = inner.find('}').unwrap_or(inner.len());
                    for part in inner[..close].split(',') {
                        groups.push((path.clone(), part.trim_start()));
                    }
                    continue;
                }
                let mut text = text;
                loop {
                    let name = identifier(text);
                    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) || name == "self" {
                        break;
                    }
                    path.push(name.to_owned());
                    text = &text[name.len()..];
                    match text.strip_prefix("::") {
                        Some(next) if next.starts_with('{') => {
                            groups.push((path.clone(), next));
                            break;
                        }
                        Some(next) => text = next,
                        None => break,
                    }
                }
                if path.len() > named_before {
                    found.push(path);
                }
            }
        }
    }
    found
}

/// The module graph of a crate at two levels: its top modules, and their direct submodules.
fn module_graph(src: &Path, depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(src);
    let node = |module: &[String]| module[..module.len().min(depth)].join("::");
    let nodes: BTreeSet<String> = files.iter().map(|(file, _)| node(&module_of(file))).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in &files {
        let module = module_of(file);
        let from = node(&module);
        for target in referenced_modules(&code_of(text), &module) {
            let mut target = target[..target.len().min(depth)].to_vec();
            while !target.is_empty() && !nodes.contains(&target.join("::")) {
                target.pop();
            }
            let to = target.join("::");
            let related = to.is_empty()
                || to == from
                || from.starts_with(&format!("{to}::"))
                || to.starts_with(&format!("{from}::"))
                || from.is_empty();
            if !related {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    graph
}

/// A cycle of the graph, if it has one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        graph: &BTreeMap<String, BTreeSet<String>>,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|seen| seen == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(graph, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

#[test]
fn core_modules_import_each_other_without_cycles() {
    let src = workspace().join("core/src");
    for depth in [1, 2] {
        let graph = module_graph(&src, depth);
        assert!(graph.values().map(BTreeSet::len).sum::<usize>() > 10, "the scan finds the imports: {graph:?}");
        if let Some(cycle) = find_cycle(&graph) {
            panic!("core modules import each other in a cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn api_modules_import_each_other_without_cycles() {
    let src = workspace().join("api/src");
    // Three levels: the pages' areas (`pages::signing_in`) and the pages inside them.
    for depth in [1, 2, 3] {
        let graph = module_graph(&src, depth);
        assert!(graph.values().map(BTreeSet::len).sum::<usize>() > 10, "the scan finds the imports: {graph:?}");
        if let Some(cycle) = find_cycle(&graph) {
            panic!("api modules import each other in a cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn no_api_source_folder_holds_more_than_twenty_files_nor_a_template_folder_more_than_sixteen() {
    fn crowded(dir: &Path, extension: &str, most: usize) -> Vec<String> {
        let mut crowded = Vec::new();
        let mut pending = vec![dir.to_owned()];
        while let Some(next) = pending.pop() {
            let mut files = 0;
            for entry in std::fs::read_dir(&next).expect("readable folder") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|ext| ext == extension) {
                    files += 1;
                }
            }
            if files > most {
                crowded.push(format!("{} ({files})", next.display()));
            }
        }
        crowded
    }
    let root = workspace();
    let mut found = crowded(&root.join("api/src"), "rs", 20);
    found.extend(crowded(&root.join("api/templates"), "html", 16));
    assert!(found.is_empty(), "folders to split by area: {found:?}");
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let module = vec!["services".to_owned(), "exhibitors".to_owned()];
    let code = "use super::{Cursor, invitations::{self, Invite}};\nuse crate::db::{self, outbox};\n// crate::config\n";
    let found = referenced_modules(&code_of(code), &module);
    let names: BTreeSet<String> = found.iter().map(|path| path.join("::")).collect();
    assert_eq!(names, ["db", "db::outbox", "services::invitations"].map(String::from).into_iter().collect());
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), ["b".to_owned()].into()),
        ("b".to_owned(), ["c".to_owned()].into()),
        ("c".to_owned(), ["a".to_owned()].into()),
    ]
    .into();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn the_api_reaches_the_database_only_in_its_start_up_wiring() {
    let wiring = ["lib.rs", "state.rs", "cli.rs"];
    let offenders: Vec<String> = rust_files(&workspace().join("api/src"))
        .into_iter()
        .filter(|(file, text)| {
            let code = code_of(text);
            !wiring.contains(&file.to_string_lossy().as_ref())
                && (code.contains("pavilion_core::db") || code.contains("DbConnection") || code.contains("diesel"))
        })
        .map(|(file, _)| file.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "api files naming the database: {offenders:?}");
}

#[test]
fn route_and_page_handlers_leave_transactions_audit_and_mail_to_the_use_cases() {
    let routes = rust_files(&workspace().join("api/src/routes"));
    assert!(routes.len() > 40, "found the route files");
    let pages = rust_files(&workspace().join("api/src/pages"));
    assert!(pages.len() > 40, "found the page files");
    let offenders: Vec<String> = routes
        .into_iter()
        .chain(pages)
        .filter(|(_, text)| {
            let code = code_of(text);
            ["transaction(", "mail_wake", "audit::record", "notify_one"].iter().any(|call| code.contains(call))
        })
        .map(|(file, _)| file.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "route files doing a use case's work: {offenders:?}");
}

#[test]
fn handlers_reach_the_database_only_through_the_states_database_threads() {
    // `AppState::db` is a handle that shows the backend and the pool's figures and holds the
    // database privately: a handler cannot open a connection on an HTTP worker.
    let state = std::fs::read_to_string(workspace().join("api/src/state.rs")).expect("state.rs");
    let code = code_of(&state);
    assert!(code.contains("pub db: DatabaseHandle"), "AppState holds the database behind its handle");
    assert!(code.contains("pub struct DatabaseHandle(Database);"), "the handle keeps the database private");
    let offenders: Vec<String> = rust_files(&workspace().join("api/src"))
        .into_iter()
        .filter(|(file, text)| file.to_string_lossy() != "state.rs" && code_of(text).contains(".db.0"))
        .map(|(file, _)| file.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "files reaching inside the database handle: {offenders:?}");
}

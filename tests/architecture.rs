//! Keeps `docs/architecture.md` true: every `crate::` path in `src/` points down the layers
//! (text, digest, site, error, aside -> config -> stages in their order -> pipeline -> commands ->
//! cli), and no set of modules imports itself in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first. A module may import its own layer's bottom modules, and any
/// lower layer; a stage only the stages before it (and `stages::item`, below them all).
const LAYERS: &[&[&str]] = &[
    &["text", "digest", "site", "error", "aside"],
    &["config"],
    &["stages::item"],
    &["stages::load"],
    &["stages::media"],
    &["stages::convert"],
    &["stages::markdown"],
    &["stages::index"],
    &["stages::render"],
    &["stages::lint"],
    &["stages::search"],
    &["stages::print"],
    &["stages::write"],
    &["stages", "pipeline"],
    &["check"],
    &["serve"],
    &["import"],
    &["deploy"],
    &["cli"],
];

/// The module a file defines: `src/stages/render/feeds.rs` -> `stages::render::feeds`.
fn module_of(path: &Path) -> String {
    let inside = path.strip_prefix("src").unwrap().with_extension("");
    let module = inside.to_string_lossy().replace('/', "::");
    match module.as_str() {
        "lib" | "main" => String::new(),
        _ => module,
    }
}

/// The layer of a module: that of the longest listed prefix.
fn layer_of(module: &str) -> Option<usize> {
    let within = |prefix: &str| module == prefix || module.starts_with(&format!("{prefix}::"));
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |n| (i, *n)))
        .filter(|(_, name)| within(name))
        .max_by_key(|(_, name)| name.len())
        .map(|(i, _)| i)
}

/// Every module each file names with a `crate::` path, resolved to the longest existing module.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<_> = walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let path = regex::Regex::new(r"crate((?:::[a-z_][a-z0-9_]*)+)").unwrap();
    let braces = regex::Regex::new(r"crate((?:::[a-z_][a-z0-9_]*)*)::\{([^{}]*)\}").unwrap();
    let mut graph = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let mut used = BTreeSet::new();
        // `crate::stages::{load, write}` names two modules: each braced name is a path too.
        let mut paths: Vec<String> = path
            .captures_iter(&text)
            .map(|found| found[1].to_string())
            .collect();
        for group in braces.captures_iter(&text) {
            for name in group[2].split(',').map(str::trim) {
                let name = name.split(' ').next().unwrap_or_default();
                if name != "self" && name.starts_with(|c: char| c.is_ascii_lowercase()) {
                    paths.push(format!("{}::{name}", &group[1]));
                }
            }
        }
        for found in &paths {
            let parts: Vec<&str> = found.trim_start_matches("::").split("::").collect();
            let target = (1..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|m| modules.contains(m));
            if let Some(target) = target {
                used.insert(target);
            }
        }
        graph.insert(module_of(file), used);
    }
    graph
}

#[test]
fn every_import_points_down_the_layers() {
    let graph = imports();
    let mut upward = Vec::new();
    for (module, used) in &graph {
        let Some(from) = layer_of(module) else {
            assert!(
                module.is_empty(),
                "{module} is in no layer: add it to LAYERS and docs/architecture.md"
            );
            continue;
        };
        for target in used {
            let to = layer_of(target).unwrap_or_else(|| panic!("{target} is in no layer"));
            let inside = target.starts_with(&format!("{module}::"))
                || module.starts_with(&format!("{target}::"));
            if to > from && !inside {
                upward.push(format!("{module} imports {target}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports against the layers:\n{}",
        upward.join("\n")
    );
    // The test can fail: the layers do order the real modules.
    assert!(layer_of("stages::write") > layer_of("stages::load"));
    assert!(graph["pipeline"].contains("stages::write"));
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let graph = imports();
    // Depth-first search for a path back to where it started, ignoring a module's own
    // submodules (a parent declares them; they may use its items).
    let edges = |m: &str| -> Vec<String> {
        graph[m]
            .iter()
            .filter(|t| {
                !t.starts_with(&format!("{m}::")) && !m.starts_with(&format!("{t}::")) && *t != m
            })
            .filter(|t| graph.contains_key(*t))
            .cloned()
            .collect()
    };
    fn visit(
        m: &str,
        edges: &dyn Fn(&str) -> Vec<String>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut circle = path[at..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in edges(m) {
            if let Some(circle) = visit(&next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(circle) = visit(module, &edges, &mut Vec::new(), &mut done) {
            panic!("an import circle: {}", circle.join(" -> "));
        }
    }
}

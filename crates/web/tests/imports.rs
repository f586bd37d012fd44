//! The workspace's module graph, read from the source: every crate's `src/**/*.rs`, with
//! an edge from a file to each file its `use crate::…`, `use super::…`, `self::…` and
//! in-code `crate::…`/`super::…` paths reach. It fails on an import circle in any
//! crate, and in the web crate on an import against the layering: `kit` knows no
//! workflow (nothing from `auth` or `flows`), `auth` imports no flow, and no flow
//! imports another.
//!
//! The web crate is rebuilt while this test exists, so today's violations are listed in
//! `KNOWN`, each exactly as the test prints it. The test also fails when a listed
//! violation no longer occurs: the list can only shrink, and is always true.
//!
//! Comments, string and character literals are skipped; `#[cfg(test)]` inline modules
//! are ignored (a test may reach anywhere without shaping the code's structure).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Violations tolerated for now, as the test prints them (a cycle as all the files that
/// reach each other). Empty: there are none, and a new one fails the test.
const KNOWN: &[&str] = &[];

#[test]
fn no_import_circle_and_no_import_against_the_layers_beyond_the_known() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = BTreeSet::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&crates)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("src").is_dir())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "crates found: {names:?}");
    for dir in names {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        found.extend(violations(&name, &dir.join("src")));
    }
    let known: BTreeSet<String> = KNOWN.iter().map(|s| (*s).to_owned()).collect();
    let new: Vec<&String> = found.difference(&known).collect();
    let gone: Vec<&String> = known.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "\nnew violations (break them, do not list them):\n  {}\n\
         listed in KNOWN but gone (remove them from KNOWN):\n  {}\n",
        join(&new),
        join(&gone)
    );
}

fn join(items: &[&String]) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    }
}

/// Every cycle in the crate, and for the web crate every edge against the layers.
fn violations(krate: &str, src: &Path) -> BTreeSet<String> {
    let graph = Graph::read(src);
    let mut found = BTreeSet::new();
    for cycle in graph.cycles() {
        found.insert(format!("{krate}: cycle {}", cycle.join(" ↔ ")));
    }
    if krate == "web" {
        for (from, tos) in &graph.edges {
            for to in tos {
                if against_the_layers(from, to) {
                    found.insert(format!("{krate}: {from} → {to}"));
                }
            }
        }
    }
    found
}

/// Where a file of the web crate sits in its layering.
#[derive(Debug, PartialEq, Eq)]
enum Layer<'a> {
    Kit,
    Auth,
    /// `flows/mod.rs`: the chain of every flow's routes.
    Flows,
    Flow(&'a str),
    Other,
}

fn layer(file: &str) -> Layer<'_> {
    let mut parts = file.split('/');
    match (parts.next(), parts.next()) {
        (Some("kit"), _) => Layer::Kit,
        (Some("auth"), _) => Layer::Auth,
        (Some("flows"), None | Some("mod")) => Layer::Flows,
        (Some("flows"), Some(flow)) => Layer::Flow(flow),
        _ => Layer::Other,
    }
}

fn against_the_layers(from: &str, to: &str) -> bool {
    match (layer(from), layer(to)) {
        (Layer::Kit, Layer::Auth | Layer::Flows | Layer::Flow(_)) => true,
        (Layer::Auth, Layer::Flows | Layer::Flow(_)) => true,
        (Layer::Flow(a), Layer::Flow(b)) => a != b,
        _ => false,
    }
}

/// A crate's files (named by their path under `src/` without `.rs`: `lib`, `auth/mod`,
/// `pages/family`) and which files each one's paths reach.
struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    fn read(src: &Path) -> Graph {
        let mut files = Vec::new();
        rust_files(src, &mut files);
        files.sort();
        // Module path (`["auth", "family"]`) → file name.
        let mut modules: BTreeMap<Vec<String>, String> = BTreeMap::new();
        for file in &files {
            let name = file_name(src, file);
            modules.insert(module_path(&name), name);
        }
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let name = file_name(src, file);
            let text = std::fs::read_to_string(file).unwrap();
            let here = module_path(&name);
            let targets = edges.entry(name.clone()).or_default();
            for path in references(&tokens(&text), &here, &modules) {
                if let Some(target) = file_of(&modules, &path)
                    && *target != name
                {
                    targets.insert(target.clone());
                }
            }
        }
        Graph { edges }
    }

    /// The strongly connected components of more than one file, each sorted, via
    /// Tarjan's algorithm: every file in a component reaches every other one.
    fn cycles(&self) -> Vec<Vec<String>> {
        struct Tarjan<'g> {
            graph: &'g Graph,
            index: BTreeMap<&'g str, usize>,
            low: BTreeMap<&'g str, usize>,
            stack: Vec<&'g str>,
            on_stack: BTreeSet<&'g str>,
            found: Vec<Vec<String>>,
        }
        impl<'g> Tarjan<'g> {
            fn visit(&mut self, v: &'g str) {
                let i = self.index.len();
                self.index.insert(v, i);
                self.low.insert(v, i);
                self.stack.push(v);
                self.on_stack.insert(v);
                for w in self.graph.edges.get(v).into_iter().flatten() {
                    let w = w.as_str();
                    if !self.index.contains_key(w) {
                        self.visit(w);
                        let low = self.low[v].min(self.low[w]);
                        self.low.insert(v, low);
                    } else if self.on_stack.contains(w) {
                        let low = self.low[v].min(self.index[w]);
                        self.low.insert(v, low);
                    }
                }
                if self.low[v] == self.index[v] {
                    let mut component = Vec::new();
                    loop {
                        let w = self.stack.pop().unwrap();
                        self.on_stack.remove(w);
                        component.push(w.to_owned());
                        if w == v {
                            break;
                        }
                    }
                    if component.len() > 1 {
                        component.sort();
                        self.found.push(component);
                    }
                }
            }
        }
        let mut t = Tarjan {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            found: Vec::new(),
        };
        for v in self.edges.keys() {
            if !t.index.contains_key(v.as_str()) {
                t.visit(v);
            }
        }
        t.found.sort();
        t.found
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn file_name(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `lib` and `main` are the crate root, `x/mod` is module `x`.
fn module_path(file: &str) -> Vec<String> {
    let mut segments: Vec<String> = file.split('/').map(str::to_owned).collect();
    if matches!(
        segments.last().map(String::as_str),
        Some("mod") | Some("lib") | Some("main")
    ) && (segments.len() > 1 || segments[0] != "mod")
    {
        segments.pop();
    }
    segments
}

/// The file holding the longest known module prefix of `path` (an item's module, or an
/// inline module inside that file).
fn file_of<'m>(modules: &'m BTreeMap<Vec<String>, String>, path: &[String]) -> Option<&'m String> {
    (0..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
}

fn is_ident(t: Option<&Tok>, s: &str) -> bool {
    matches!(t, Some(Tok::Ident(i)) if i == s)
}

/// Rust source as identifiers, `::` and punctuation; comments, string, byte-string,
/// raw-string and character literals, lifetimes and numbers are left out.
fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let raw_prefix = matches!(word.as_str(), "r" | "br" | "cr");
            if raw_prefix && (at(i) == '"' || (at(i) == '#' && matches!(at(i + 1), '"' | '#'))) {
                i = skip_raw_string(&c, i);
            } else if word == "r" && at(i) == '#' {
                // A raw identifier: r#type.
                i += 1;
            } else if matches!(word.as_str(), "b" | "c") && at(i) == '"' {
                i = skip_quoted(&c, i, '"');
            } else if word == "b" && at(i) == '\'' {
                i = skip_quoted(&c, i, '\'');
            } else {
                out.push(Tok::Ident(word));
            }
        } else if ch.is_ascii_digit() {
            while i < c.len()
                && (c[i].is_alphanumeric()
                    || c[i] == '_'
                    || (c[i] == '.' && at(i + 1).is_ascii_digit()))
            {
                i += 1;
            }
        } else if ch == '"' {
            i = skip_quoted(&c, i, '"');
        } else if ch == '\'' {
            if at(i + 1) == '\\' || at(i + 2) == '\'' {
                i = skip_quoted(&c, i, '\'');
            } else {
                // A lifetime or a label.
                i += 1;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
            }
        } else if ch == ':' && at(i + 1) == ':' {
            out.push(Tok::Sep);
            i += 2;
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// From an opening quote to just past its closing one, minding backslash escapes.
fn skip_quoted(c: &[char], mut i: usize, quote: char) -> usize {
    i += 1;
    while i < c.len() && c[i] != quote {
        if c[i] == '\\' {
            i += 1;
        }
        i += 1;
    }
    i + 1
}

/// From the `#`s or quote after `r` to just past the closing quote and as many `#`s.
fn skip_raw_string(c: &[char], mut i: usize) -> usize {
    let mut hashes = 0;
    while i < c.len() && c[i] == '#' {
        hashes += 1;
        i += 1;
    }
    i += 1;
    while i < c.len() {
        if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// The absolute module paths (from the crate root) that a file's `crate::`, `super::`
/// and `self::` paths name, in `use` trees and in code; `here` is the file's module.
/// A module imported that way (`use crate::pages;`) is followed where the code names
/// it: `pages::family::back()` reaches `pages/family`.
fn references(
    toks: &[Tok],
    here: &[String],
    modules: &BTreeMap<Vec<String>, String>,
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // Modules imported by name: the name → its absolute path.
    let mut imported: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Inline modules open at this point: (name, brace depth inside them).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        let current = || -> Vec<String> {
            here.iter()
                .cloned()
                .chain(inline.iter().map(|(n, _)| n.clone()))
                .collect()
        };
        match &toks[i] {
            Tok::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Tok::Punct('}') => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
                i += 1;
            }
            Tok::Ident(w) if w == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Punct('{'))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    if is_cfg_test(toks, i) {
                        i = past_block(toks, i + 2);
                    } else {
                        inline.push((name.clone(), depth + 1));
                        i += 2;
                    }
                } else {
                    i += 1;
                }
            }
            Tok::Ident(w)
                if w == "use"
                    && !matches!(toks.get(i + 1), Some(Tok::Punct('<') | Tok::Punct('$'))) =>
            {
                i += 1;
                let mut leaves = Vec::new();
                use_tree(toks, &mut i, Vec::new(), &mut leaves);
                let current = current();
                for (path, name) in leaves {
                    let Some(absolute) = resolve(&path, &current) else {
                        continue;
                    };
                    if let Some(name) = name
                        && modules.contains_key(&absolute)
                    {
                        imported.insert(name, absolute.clone());
                    }
                    out.push(absolute);
                }
            }
            Tok::Ident(w)
                if imported.contains_key(w)
                    && toks.get(i + 1) == Some(&Tok::Sep)
                    && !matches!(
                        i.checked_sub(1).map(|k| &toks[k]),
                        Some(Tok::Punct('$') | Tok::Sep)
                    ) =>
            {
                let mut path = imported[w].clone();
                i += 1;
                while toks.get(i) == Some(&Tok::Sep) {
                    let Some(Tok::Ident(next)) = toks.get(i + 1) else {
                        break;
                    };
                    path.push(next.clone());
                    i += 2;
                }
                out.push(path);
            }
            Tok::Ident(w)
                if matches!(w.as_str(), "crate" | "super" | "self")
                    && toks.get(i + 1) == Some(&Tok::Sep)
                    && !matches!(
                        i.checked_sub(1).map(|k| &toks[k]),
                        Some(Tok::Punct('$') | Tok::Sep)
                    )
                    && !is_ident(i.checked_sub(1).map(|k| &toks[k]), "in") =>
            {
                let mut path = vec![w.clone()];
                i += 1;
                while toks.get(i) == Some(&Tok::Sep) {
                    let Some(Tok::Ident(next)) = toks.get(i + 1) else {
                        break;
                    };
                    path.push(next.clone());
                    i += 2;
                }
                if let Some(p) = resolve(&path, &current()) {
                    out.push(p);
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether the `mod` at `at` carries `#[cfg(test)]` among its attributes.
fn is_cfg_test(toks: &[Tok], at: usize) -> bool {
    let mut k = at;
    // Visibility: `pub`, `pub(crate)`, `pub(super)`.
    if k >= 1 && toks[k - 1] == Tok::Punct(')') {
        while k > 0 && toks[k - 1] != Tok::Punct('(') {
            k -= 1;
        }
        k = k.saturating_sub(1);
    }
    if k >= 1 && is_ident(toks.get(k - 1), "pub") {
        k -= 1;
    }
    // Attributes, last first: `# [ … ]`.
    while k >= 1 && toks[k - 1] == Tok::Punct(']') {
        let end = k - 1;
        let mut open = end;
        let mut nesting = 0;
        loop {
            match toks[open] {
                Tok::Punct(']') => nesting += 1,
                Tok::Punct('[') => {
                    nesting -= 1;
                    if nesting == 0 {
                        break;
                    }
                }
                _ => {}
            }
            if open == 0 {
                return false;
            }
            open -= 1;
        }
        let attribute = &toks[open + 1..end];
        let cfg_test = [
            Tok::Ident("cfg".into()),
            Tok::Punct('('),
            Tok::Ident("test".into()),
            Tok::Punct(')'),
        ];
        if attribute == cfg_test {
            return true;
        }
        if open == 0 || toks[open - 1] != Tok::Punct('#') {
            return false;
        }
        k = open - 1;
    }
    false
}

/// Just past the block whose `{` is at `open`.
fn past_block(toks: &[Tok], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < toks.len() {
        match toks[i] {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// What a `use` leaf brings in: its full path, and the name it is known by here
/// (none for `*` and `as _`).
type Leaf = (Vec<String>, Option<String>);

/// One `use` tree from `i`: `a::b`, `a::{b, c::{d, self}}`, `a::*`, `a as b`; every
/// leaf goes to `out`.
fn use_tree(toks: &[Tok], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Leaf>) {
    let mut path = prefix;
    if toks.get(*i) == Some(&Tok::Sep) {
        *i += 1;
    }
    loop {
        match toks.get(*i) {
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *i += 1;
                if toks.get(*i) == Some(&Tok::Sep) {
                    *i += 1;
                } else {
                    break;
                }
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                while *i < toks.len() && toks[*i] != Tok::Punct('}') {
                    use_tree(toks, i, path.clone(), out);
                    if toks.get(*i) == Some(&Tok::Punct(',')) {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                out.push((path, None));
                return;
            }
            _ => break,
        }
    }
    let mut name = path.iter().rev().find(|s| *s != "self").cloned();
    if is_ident(toks.get(*i), "as") {
        name = match toks.get(*i + 1) {
            Some(Tok::Ident(alias)) => Some(alias.clone()),
            _ => None,
        };
        *i += 2;
    }
    out.push((path, name));
}

/// An absolute module path for a path starting with `crate`, `super` or `self`, seen
/// in module `current`; `None` for any other path (another crate, a local name).
fn resolve(path: &[String], current: &[String]) -> Option<Vec<String>> {
    let mut segments = path.iter();
    let mut base: Vec<String> = match segments.next()?.as_str() {
        "crate" => Vec::new(),
        "self" => current.to_vec(),
        "super" => {
            let mut b = current.to_vec();
            b.pop();
            b
        }
        _ => return None,
    };
    for s in segments {
        match s.as_str() {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => base.push(s.clone()),
        }
    }
    Some(base)
}

/// A crate laid out in a temporary directory: name → source.
fn synthetic(files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "eenplan_imports_{}_{}",
        std::process::id(),
        files.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn a_synthetic_tree_shows_what_the_test_catches_and_what_it_ignores() {
    let src = synthetic(&[
        (
            "lib.rs",
            "mod a; mod b; mod c; mod d; mod e; mod kit; mod auth; mod flows;",
        ),
        // a → b (grouped use with a nested self), b → a (in code, via super): a circle.
        (
            "a.rs",
            "use crate::{b::{self, X}, c as _};\npub fn g() {}\n",
        ),
        (
            "b.rs",
            "pub struct X;\nfn f() { super::a::g(); }\n\
             // crate::e in a comment\n/* crate::e /* nested */ crate::e */\n\
             const S: &str = \"crate::e::y\"; const R: &str = r#\"use crate::e; \"#;\n\
             const Q: char = '\"'; fn l<'a>(x: &'a str) -> &'a str { x }\n",
        ),
        (
            "c.rs",
            "pub use self::inner::Y;\nmod inner { pub struct Y; }\n",
        ),
        // d ↔ e only through a test module: not a circle.
        (
            "d.rs",
            "use crate::e::Z;\n#[cfg(test)]\n#[allow(unused)]\nmod tests { use crate::e; }\n",
        ),
        (
            "e.rs",
            "pub struct Z;\n#[cfg(test)]\nmod tests { use crate::d; }\n",
        ),
        ("kit/mod.rs", "pub mod ctx;"),
        (
            "kit/ctx.rs",
            "use crate::kit as k;\npub fn f() { crate::auth::guard(); k::g(); }",
        ),
        (
            "auth/mod.rs",
            "pub fn guard() {}\nuse crate::flows::family::pages;",
        ),
        ("flows/mod.rs", "pub mod family; pub mod crisis;"),
        ("flows/family/mod.rs", "pub mod pages;"),
        (
            "flows/family/pages.rs",
            "use super::super::crisis::Phone;\nuse super::Other;",
        ),
        ("flows/crisis.rs", "pub struct Phone;"),
        // A module imported by name, then named in code: flows/crisis reaches a.
        (
            "flows/start.rs",
            "use crate::{flows, a as alpha};\nfn f() { flows::crisis::g(); alpha::g(); }",
        ),
    ]);
    let graph = Graph::read(&src);
    assert_eq!(
        graph.edges["a"],
        BTreeSet::from(["b".to_owned(), "c".to_owned()])
    );
    assert_eq!(graph.edges["b"], BTreeSet::from(["a".to_owned()]));
    assert!(graph.edges["c"].is_empty(), "{:?}", graph.edges["c"]);
    assert_eq!(
        graph.edges["flows/family/pages"],
        BTreeSet::from(["flows/crisis".to_owned(), "flows/family/mod".to_owned()])
    );
    assert_eq!(
        graph.edges["flows/start"],
        BTreeSet::from([
            "a".to_owned(),
            "flows/crisis".to_owned(),
            "flows/mod".to_owned()
        ])
    );
    let found = violations("web", &src);
    let expected = [
        "web: cycle a ↔ b",
        "web: auth/mod → flows/family/pages",
        "web: flows/family/pages → flows/crisis",
        "web: flows/start → flows/crisis",
        "web: kit/ctx → auth/mod",
    ];
    assert_eq!(
        found,
        expected
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    );
    let _ = std::fs::remove_dir_all(&src);
}

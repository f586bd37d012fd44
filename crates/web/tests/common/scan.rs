//! A rendered page read as a person reads it, and everything on it no person should
//! see: an ISO date or time, a route pattern, a code from the domain's closed lists, or
//! an identifier in snake case (a journal kind such as `consent_given`). The codes come
//! from `eenplan_domain::code_registry::every_code()`, never typed in here, so a new list
//! is scanned for as soon as the domain has it. The browser crawl (`e2e/lib/scan.js`) does
//! the same over every page, with the list from `eenplan codes --json`.

use std::collections::BTreeSet;

/// What a person sees of `html`: the text between the tags (scripts and styles left
/// out, entities decoded) and the attributes a person reads or hears (`alt`, `title`,
/// `placeholder`, `aria-label`), separated by newlines. A form control's `value` is
/// left out: a date field holds its ISO value by the HTML standard and the browser
/// shows it the person's way.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode(&rest[..open]));
        let after = &rest[open..];
        let lower = after.get(..10).unwrap_or(after).to_ascii_lowercase();
        // Skip the whole element whose content is no text for a person.
        let skip_to = if lower.starts_with("<!--") {
            Some("-->")
        } else if lower.starts_with("<script") {
            Some("</script>")
        } else if lower.starts_with("<style") {
            Some("</style>")
        } else {
            None
        };
        if let Some(end) = skip_to {
            match after.to_ascii_lowercase().find(end) {
                Some(i) => rest = &after[i + end.len()..],
                None => rest = "",
            }
            continue;
        }
        let close = after.find('>').unwrap_or(after.len() - 1);
        let tag = &after[..=close];
        for attr in ["alt", "title", "placeholder", "aria-label"] {
            if let Some(value) = attribute(tag, attr) {
                out.push('\n');
                out.push_str(&decode(&value));
            }
        }
        out.push('\n');
        rest = &after[close + 1..];
    }
    out.push_str(&decode(rest));
    out
}

/// The value of `name` in one start tag, when it has one.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_owned())
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The page's language from `<html lang="…">`.
fn language(html: &str) -> &str {
    html.find("<html lang=\"")
        .map(|i| &html[i + 12..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("nl")
}

/// Words the scanner reads as one: letters, digits, `_` and `:` (so `system:demo` and
/// `consent_given` stay whole).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .map(|w| w.trim_matches(':'))
        .filter(|w| !w.is_empty())
}

/// Every finding on `html`, each as a short description with the text around it. An
/// empty list is a clean page.
pub fn findings(html: &str) -> Vec<String> {
    let text = visible_text(html);
    let dutch = language(html) == "nl";
    let codes = eenplan_domain::code_registry::every_code();
    // A single-word code that is also a word of some Dutch label ("school", "plan",
    // "partner") is Dutch as well; only the others betray a code on a Dutch page. An
    // English page is full of words that are also codes ("other", "done"), so there
    // only the codes that cannot be words count.
    let dutch_words: BTreeSet<String> = codes
        .iter()
        .flat_map(|c| words(c.label_nl).map(str::to_lowercase).collect::<Vec<_>>())
        .collect();
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut say = |what: String| found.push(format!("{what} in {line:?}"));
        if let Some(iso) = iso_date_or_time(line) {
            say(format!("ISO date or time {iso:?}"));
        }
        for pattern in ["/api/", "GET /", "POST /", "PUT /", "DELETE /"] {
            if line.contains(pattern) {
                say(format!("route {pattern:?}"));
            }
        }
        if let Some(open) = line.find('{')
            && let Some(close) = line[open..].find('}')
        {
            let inside = &line[open + 1..open + close];
            if !inside.is_empty()
                && inside
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '*')
            {
                say(format!("route pattern {{{inside}}}"));
            }
        }
        for word in words(line) {
            let structural = word.contains('_') || word.contains(':');
            if structural && word.chars().any(|c| c.is_ascii_lowercase()) && word.is_ascii() {
                say(format!("code-like word {word:?}"));
                continue;
            }
            if dutch
                && word.chars().all(|c| c.is_ascii_lowercase())
                && !dutch_words.contains(word)
                && let Some(c) = codes.iter().find(|c| c.code == word)
            {
                say(format!("code {:?} of {}", c.code, c.list));
            }
        }
    }
    found
}

/// The first ISO date (`2026-12-05`, also as the start of a timestamp) or time with
/// seconds (`14:05:33`) in `line`, not inside a longer run of letters and digits (an id).
fn iso_date_or_time(line: &str) -> Option<String> {
    let b = line.as_bytes();
    let digits = |from: usize, n: usize| {
        from + n <= b.len() && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let word_char = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    for i in 0..b.len() {
        if i > 0 && word_char(i - 1) {
            continue;
        }
        let date = digits(i, 4)
            && b.get(i + 4) == Some(&b'-')
            && digits(i + 5, 2)
            && b.get(i + 7) == Some(&b'-')
            && digits(i + 8, 2)
            && !b.get(i + 10).is_some_and(u8::is_ascii_digit);
        let seconds = digits(i, 2)
            && b.get(i + 2) == Some(&b':')
            && digits(i + 3, 2)
            && b.get(i + 5) == Some(&b':')
            && digits(i + 6, 2);
        if date || seconds {
            let end = (i + if date { 10 } else { 8 }).min(b.len());
            return Some(line[i..end].to_owned());
        }
    }
    None
}

/// Fails the test with every finding on the page `what` (a path, say).
pub fn assert_clean(what: &str, html: &str) {
    let found = findings(html);
    assert!(
        found.is_empty(),
        "{what} shows what no person should see:\n  {}",
        found.join("\n  ")
    );
}

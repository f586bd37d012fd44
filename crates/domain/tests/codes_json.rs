//! `e2e/lib/codes.json`: every code of the domain's closed lists with its labels, for the
//! browser crawl's scanner, which cannot call Rust. The file is written from
//! `every_code()` and this test keeps it equal to it, so the crawl never scans with a
//! stale list and nobody types codes into a test. After changing a list, rewrite it with
//! `EENPLAN_WRITE_CODES=1 cargo test -p eenplan-domain --test codes_json`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use eenplan_domain::codes::every_code;

fn rendered() -> String {
    let codes: Vec<serde_json::Value> = every_code()
        .iter()
        .map(|c| {
            serde_json::json!({
                "list": c.list,
                "code": c.code,
                "label_nl": c.label_nl,
                "label_en": c.label_en,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&serde_json::json!({ "codes": codes })).unwrap();
    text.push('\n');
    text
}

#[test]
fn the_code_list_for_the_browser_crawl_is_the_domains() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e/lib/codes.json");
    let want = rendered();
    if std::env::var_os("EENPLAN_WRITE_CODES").is_some() {
        std::fs::write(&path, &want).expect("e2e/lib/codes.json is writable");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "e2e/lib/codes.json differs from the domain's code lists; rewrite it with \
         EENPLAN_WRITE_CODES=1 cargo test -p eenplan-domain --test codes_json"
    );
}

//! The order in which files are listed by name.

use super::name_search::{fold, is_tussenvoegsel};

/// The key a file's label sorts by, the same on every backend: a database's collation
/// differs between PostgreSQL and SQLite (and between PostgreSQL installations), so the
/// store compares this key byte by byte instead. As in a Dutch phone book, case, runs of
/// spaces and accents do not count (the name search's `fold`: "Öztürk" sorts with
/// "Oz…") and a tussenvoegsel follows its surname: "de Vries" sorts under V, as
/// "vries de".
pub fn label_sort_key(label: &str) -> String {
    let words: Vec<String> = fold(label).split_whitespace().map(str::to_owned).collect();
    let bare = |w: &str| w.trim_matches(|c| matches!(c, '\'' | '’' | '‘')).to_owned();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut run: Vec<String> = Vec::new();
    for w in words {
        if is_tussenvoegsel(&bare(&w)) {
            run.push(w);
        } else {
            out.push(w);
            out.append(&mut run);
        }
    }
    // Tussenvoegsels with no surname after them stay where they were.
    out.append(&mut run);
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spaces_and_accents_do_not_count() {
        assert_eq!(label_sort_key("  Gezin   Öztürk "), "gezin ozturk");
        assert_eq!(label_sort_key("de Vries"), label_sort_key("De Vries"));
        let mut names = [
            "Gezin Zwart",
            "gezin de Vries",
            "Gezin Çelik",
            "Gezin Bakker",
        ];
        names.sort_by_key(|n| label_sort_key(n));
        assert_eq!(
            names,
            [
                "Gezin Bakker",
                "Gezin Çelik",
                "gezin de Vries",
                "Gezin Zwart"
            ]
        );
    }

    #[test]
    fn a_tussenvoegsel_sorts_after_its_surname() {
        assert_eq!(label_sort_key("Gezin van den Berg"), "gezin berg van den");
        assert_eq!(label_sort_key("Gezin 't Hart"), "gezin hart 't");
        let mut names = [
            "Gezin Visser",
            "Gezin de Vries",
            "Gezin Dekker",
            "Gezin van Wijk",
        ];
        names.sort_by_key(|n| label_sort_key(n));
        assert_eq!(
            names,
            [
                "Gezin Dekker",
                "Gezin Visser",
                "Gezin de Vries",
                "Gezin van Wijk"
            ]
        );
    }
}

//! Finding a person by name, the same way on every backend: a name is folded and cut
//! into tokens here, in Rust, and the store keeps those tokens in an indexed table
//! (issue 18 §1), so a search is an index range per typed word instead of a scan of
//! every member with `LIKE '%…%'`.
//!
//! Folding is what a professional expects of a phone book: case, spacing and accents do
//! not count ("Öztürk" is found by "ozturk"), and letters that Unicode does not
//! decompose are spelled out the way Dutch registries transliterate them (ı→i, ß→ss,
//! ø→o, ł→l, æ→ae). Hyphens separate parts of a double surname ("Jansen-de Vries" is
//! found by "vries"); apostrophes are dropped ("O'Brien" by "obrien", "'t Hart" by
//! "hart"). Each typed word must begin a word of the name, in any order: "vries"
//! finds "de Vries", "an jan" finds "Anna Jansen". A tussenvoegsel with its surname is
//! also one word ("devries", "vandenberg"), since people type it either way.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The most words of a search that narrow it in the index; the longest count (they are
/// the most selective). A name search of more words is rare, and each further word
/// would add a join; see the store's `name_search` for the query.
pub const MAX_QUERY_TOKENS: usize = 4;

/// Dutch tussenvoegsels (the prefixes of a surname, as the BRP records them): they sort
/// after the surname ("de Vries" under V) and join it as one more search word.
const TUSSENVOEGSELS: &[&str] = &[
    "van", "de", "der", "den", "het", "t", "te", "ten", "ter", "in", "op", "s", "la", "le", "du",
    "des", "da", "di", "del", "von", "zu", "el", "al", "d", "l", "vd", "v",
];

/// Whether `word` (folded) is a tussenvoegsel.
pub fn is_tussenvoegsel(word: &str) -> bool {
    TUSSENVOEGSELS.contains(&word)
}

/// `s` in lower case without accents, with the letters Unicode does not decompose
/// spelled out.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Decomposed first, so a compatibility form ("ℌ", "Ĳ") is lowered too; decomposed
    // again after lowering, whose result may itself carry an accent.
    for c in s.nfkd().flat_map(char::to_lowercase) {
        match c {
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'đ' | 'ð' => out.push('d'),
            'þ' => out.push_str("th"),
            'ħ' => out.push('h'),
            'ŀ' => out.push('l'),
            c => out.extend(std::iter::once(c).nfkd()),
        }
    }
    out.retain(|c| !is_combining_mark(c));
    out
}

/// The words of `s`, folded: apostrophes dropped, anything else that is not a letter or
/// a digit (hyphens, dots, spaces) separates words.
fn words(s: &str) -> Vec<String> {
    let folded: String = fold(s)
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | '`' | '´'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().map(str::to_owned).collect()
}

/// The tokens a member's name is found by: its words, and each run of tussenvoegsels
/// joined to the word after it ("van den Berg": van, den, berg, vandenberg, denberg).
/// Sorted and without repeats.
pub fn name_tokens(name: &str) -> Vec<String> {
    let words = words(name);
    let mut out = words.clone();
    for (i, w) in words.iter().enumerate() {
        if !is_tussenvoegsel(w) {
            continue;
        }
        // From this tussenvoegsel to the first word that is not one.
        if let Some(end) = (i..words.len()).find(|&j| !is_tussenvoegsel(&words[j])) {
            out.push(words[i..=end].concat());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The words of a typed search that narrow it, longest first, at most
/// [`MAX_QUERY_TOKENS`]. Empty when nothing searchable was typed.
pub fn query_tokens(query: &str) -> Vec<String> {
    let mut words = words(query);
    words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    words.dedup();
    words.truncate(MAX_QUERY_TOKENS);
    words
}

/// Whether the name is found by the typed search: every search word begins one of the
/// name's tokens. The store's index answers exactly this; the tests hold them equal.
pub fn name_matches(name: &str, query: &str) -> bool {
    let tokens = name_tokens(name);
    query_tokens(query)
        .iter()
        .all(|q| tokens.iter().any(|t| t.starts_with(q.as_str())))
}

/// The exclusive upper end of the tokens that begin with `prefix`, for an index range
/// `token >= prefix AND token < upper`: both backends compare the token column byte by
/// byte (PostgreSQL through `COLLATE "C"`), and no character sorts above U+10FFFF.
pub fn prefix_upper(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn letters_unicode_does_not_decompose_are_spelled_out() {
        assert_eq!(fold("Iğdır"), "igdir");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Søren Ærø"), "soren aero");
        assert_eq!(fold("Łukasz"), "lukasz");
        assert_eq!(fold("Öztürk Çelik"), "ozturk celik");
        assert_eq!(fold("Ĳsselmeer"), "ijsselmeer");
        assert_eq!(fold("Đorđević"), "dordevic");
    }

    #[test]
    fn tussenvoegsels_are_words_and_join_their_surname() {
        assert_eq!(
            name_tokens("Jan van den Berg"),
            ["berg", "den", "denberg", "jan", "van", "vandenberg"]
        );
        assert!(name_matches("Anna de Vries", "vries"));
        assert!(name_matches("Anna de Vries", "devries"));
        assert!(name_matches("Anna de Vries", "de vries"));
        assert!(name_matches("Anna de Vries", "VRIES anna"));
        assert!(!name_matches("Anna de Vries", "vriezen"));
    }

    #[test]
    fn hyphens_separate_and_apostrophes_join() {
        assert!(name_matches("Fatima Jansen-de Vries", "vries"));
        assert!(name_matches("Fatima Jansen-de Vries", "jansen"));
        assert!(name_matches("Sean O'Brien", "obrien"));
        assert!(name_matches("Kees 't Hart", "hart"));
        assert!(name_matches("Kees 't Hart", "thart"));
    }

    #[test]
    fn each_word_must_begin_a_name_word() {
        assert!(name_matches("Anna Jansen", "an jan"));
        assert!(!name_matches("Anna Jansen", "nna"));
        assert!(!name_matches("Anna Jansen", "anna pietersen"));
    }

    #[test]
    fn a_search_keeps_its_longest_words() {
        assert_eq!(
            query_tokens("a bb ccc dddd eeeee"),
            ["eeeee", "dddd", "ccc", "bb"]
        );
        assert!(query_tokens(" -- ' ").is_empty());
    }

    proptest! {
        /// The index range finds exactly the tokens a prefix test finds.
        #[test]
        fn the_range_is_the_prefix(token in "[a-z0-9\u{e0}-\u{ff}]{0,8}", prefix in "[a-z\u{e0}-\u{ff}]{0,4}") {
            let upper = prefix_upper(&prefix);
            let in_range = token.as_str() >= prefix.as_str() && token.as_str() < upper.as_str();
            prop_assert_eq!(in_range, token.starts_with(prefix.as_str()));
        }

        /// A name is always found by any of its own words, however it is typed.
        #[test]
        fn a_name_is_found_by_its_words(name in "[A-Za-zÀ-ÿ' -]{1,30}") {
            for w in words(&name) {
                prop_assert!(name_matches(&name, &w.to_uppercase()), "{name} by {w}");
            }
        }

        /// Folding is idempotent: a folded search finds what the typed one finds.
        #[test]
        fn folding_twice_changes_nothing(s in "\\PC{0,20}") {
            prop_assert_eq!(fold(&fold(&s)), fold(&s));
        }
    }
}

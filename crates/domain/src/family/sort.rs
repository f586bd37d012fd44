//! The order in which files are listed by name.

/// The key a file's label sorts by, the same on every backend: a database's collation
/// differs between PostgreSQL and SQLite (and between PostgreSQL installations), so the
/// store compares this key byte by byte instead. Case, runs of spaces and the accents of
/// the letters in Dutch and Turkish names do not count, as in a phone book: "Öztürk"
/// sorts with "Oz…", "de Vries" with "De Vries".
pub fn label_sort_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .flat_map(char::to_lowercase)
        .map(base_letter)
        .collect()
}

/// A lower-case letter without its accent; any other character as it is.
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' | 'į' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'ť' | 'ț' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
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
}

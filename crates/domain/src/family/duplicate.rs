//! The duplicate check when a local team opens a new file: one family, one file (DESIGN
//! rule 1), without telling an outsider anything about another family. Like the
//! Verwijsindex risicojongeren (Jeugdwet art. 7.1.1–7.1.4): someone outside a file's
//! circle learns only that a file with this child or address may exist and which
//! organisation leads it, so they can call; that organisation is told someone else has
//! a signal about the same child; and every such answer is logged and rate-limited,
//! so the check cannot be used to find out which children have a file.

use jiff::SignedDuration;

use crate::UtcTime;

/// How names are compared: case, spacing and accents do not make another child ("Nina
/// Bos", " nina bos" and "NINA BOS" are one name; "Émile" is "Emile"), folded as the
/// name search folds (`name_search::fold`). The duplicate check and the Veilig Thuis
/// radar compare the children's names by it (the search itself reads the name index).
pub fn name_key(name: &str) -> String {
    super::name_search::fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name-index token (`name_search::name_tokens`) that every name with the same
/// [`name_key`] as `name` also has: names that compare equal fold to the same words, so
/// they have the same tokens. The store finds the candidates by this one token in the
/// index and compares the key only on what it found, instead of reading every child
/// born that day. The longest token, as the most selective; `None` for a name without
/// a letter or digit, which has no tokens.
pub fn name_key_token(name: &str) -> Option<String> {
    super::name_search::name_tokens(name)
        .into_iter()
        .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a)))
}

/// Duplicate checks answered with a file outside the person's circle, per person, per
/// window. Opening twenty new files an hour whose child or address already has a file
/// elsewhere is far beyond a local team's real work; a probe does it in minutes.
pub const DUPLICATE_PROBES_PER_WINDOW: usize = 20;
pub const DUPLICATE_PROBE_WINDOW: SignedDuration = SignedDuration::from_hours(1);

/// How long the leading organisation's work list shows that someone else has a signal
/// about the same child: long enough to call back after a holiday.
pub const SIGNAL_SHOWN_FOR: SignedDuration = SignedDuration::from_hours(30 * 24);

/// Whether the person may run another duplicate check, given when their earlier checks
/// found a file outside their circle. When not, how long until the oldest of the window
/// falls out of it (the Retry-After).
pub fn duplicate_check_allowed(
    earlier_probes: &[UtcTime],
    now: UtcTime,
) -> Result<(), SignedDuration> {
    let window_start = now.timestamp() - DUPLICATE_PROBE_WINDOW;
    let mut in_window: Vec<jiff::Timestamp> = earlier_probes
        .iter()
        .map(|t| t.timestamp())
        .filter(|t| *t > window_start && *t <= now.timestamp())
        .collect();
    if in_window.len() < DUPLICATE_PROBES_PER_WINDOW {
        return Ok(());
    }
    in_window.sort();
    // The check becomes possible again when enough of the oldest have aged out.
    let frees_up =
        in_window[in_window.len() - DUPLICATE_PROBES_PER_WINDOW] + DUPLICATE_PROBE_WINDOW;
    let wait = now.timestamp().duration_until(frees_up);
    Err(wait.max(SignedDuration::from_secs(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_one_key_share_the_key_token() {
        assert_eq!(
            name_key_token("Anna van den Berg").as_deref(),
            Some("vandenberg")
        );
        assert_eq!(name_key_token(" - "), None);
        for (a, b) in [
            ("Nina  Bos", "NINA BOS"),
            ("Émile de Vries", " emile  DE vries "),
            ("Iğdır Öztürk", "igdir ozturk"),
            ("Jansen-de Vries", "jansen-de  vries"),
        ] {
            assert_eq!(name_key(a), name_key(b));
            let token = name_key_token(a).unwrap();
            assert_eq!(name_key_token(b).as_deref(), Some(token.as_str()));
            assert!(super::super::name_search::name_tokens(b).contains(&token));
        }
    }

    proptest::proptest! {
        #[test]
        fn a_name_with_other_spacing_or_case_has_the_key_token(name in "\\PC{0,24}") {
            let other = format!("  {}  ", name.to_uppercase().replace(' ', " \t "));
            if name_key(&name) == name_key(&other) {
                let tokens = super::super::name_search::name_tokens(&other);
                match name_key_token(&name) {
                    Some(token) => proptest::prop_assert!(tokens.contains(&token)),
                    None => proptest::prop_assert!(tokens.is_empty()),
                }
            }
        }
    }

    #[test]
    fn names_differing_only_in_spacing_or_case_are_one_name() {
        assert_eq!(name_key("Nina  Bos"), "nina bos");
        assert_eq!(name_key(" nina\tbos "), "nina bos");
        assert_eq!(name_key("NINA BOS"), name_key("Nina Bos"));
        assert_ne!(name_key("Nina Bosch"), name_key("Nina Bos"));
        // Folded as the name search folds: an accent typed or left out is one child.
        assert_eq!(name_key("Émile  Ørsted"), "emile orsted");
        assert_eq!(name_key("Emile Orsted"), name_key("ÉMILE ØRSTED"));
    }

    #[test]
    fn twenty_probes_an_hour_then_wait_until_the_oldest_ages_out() {
        let now = UtcTime::parse("2026-03-02T10:00:00Z").unwrap();
        let minutes_ago =
            |m: i64| UtcTime::from_timestamp(now.timestamp() - SignedDuration::from_mins(m));
        let nineteen: Vec<UtcTime> = (1..=19).map(minutes_ago).collect();
        assert_eq!(duplicate_check_allowed(&nineteen, now), Ok(()));
        let mut twenty = nineteen.clone();
        twenty.push(minutes_ago(50));
        assert_eq!(
            duplicate_check_allowed(&twenty, now),
            Err(SignedDuration::from_mins(10)),
            "the oldest (50 minutes ago) leaves the window in 10 minutes"
        );
        // Older than the window does not count.
        let mut old = nineteen;
        old.push(minutes_ago(61));
        assert_eq!(duplicate_check_allowed(&old, now), Ok(()));
    }
}

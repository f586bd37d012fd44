//! UI strings of who may learn what about a file: the
//! duplicate check that tells an outsider only whom to call,
//! the leading organisation's signals, the lead's household work, and what an
//! access-log line says was touched. Per language, a
//! struct so a missing translation does not compile.

use crate::kit::i18n::Lang;

crate::texts! {
    pub struct AccessTexts, texts {
        signals_title: "Signalen van anderen",
            "Signals from others";
        signals_intro: "Een andere organisatie wilde een dossier openen voor hetzelfde kind of adres. Zij kregen alleen jullie organisatie en algemeen telefoonnummer te zien.",
            "Another organisation wanted to open a file for the same child or address. They were shown only your organisation and its general phone number.";
        signals_has: "heeft een signaal over hetzelfde kind of adres",
            "has a signal about the same child or address";
        touched_file: "het dossier",
            "the file";
        touched_consent_missing: ", zonder de toestemming die nodig is: {step}",
            ", without the consent it needs: {step}";
        touched_asked: ", gevraagd naar {name}, geboren {birth}",
            ", asked for {name}, born {birth}";
        touched_asked_postcode: ", postcode {postcode}",
            ", postcode {postcode}";
        touched_duplicate_check: ", om te zien of het nieuwe dossier dubbel zou zijn",
            ", to see whether the new file would be a duplicate";
        document_uploaded: "document toegevoegd: {category} (kenmerk {digest})",
            "document added: {category} (reference {digest})";
        document_downloaded: "document gedownload: {category} (kenmerk {digest})",
            "document downloaded: {category} (reference {digest})";
        document_removed: "document verwijderd: {category} (kenmerk {digest})",
            "document removed: {category} (reference {digest})";
        document_destroyed: "inhoud van een document vernietigd door de privacyfunctionaris",
            "a document's content destroyed by the privacy officer";
        document_other: "een document",
            "a document";
    }
}

/// A document's access-log line (`"document {id} downloaded (signed_plan, sha256 …)"`,
/// as the documents flow writes it) in words: what happened, the category's name and
/// the digest's first characters, which identify the document in the export.
fn document_line(lang: Lang, rest: &str) -> String {
    let t = texts(lang);
    let mut words = rest.splitn(3, ' ');
    let (_id, what, tail) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
    );
    let template = match what {
        "uploaded" => t.document_uploaded,
        "downloaded" => t.document_downloaded,
        "removed" => t.document_removed,
        "content" => return t.document_destroyed.to_owned(),
        _ => return t.document_other.to_owned(),
    };
    let inner = tail.trim_start_matches('(').trim_end_matches(')');
    let (category, digest) = inner.split_once(", sha256 ").unwrap_or((inner, ""));
    let category = category
        .parse::<eenplan_domain::family::DocumentCategory>()
        .map_or(t.document_other, |c| {
            lang.pick((c.label_nl(), c.label_en()))
        });
    let digest: String = digest.chars().take(8).collect();
    crate::kit::texts::fill(template, &[("category", category), ("digest", &digest)])
}

/// A Dutch (or English) date with the time, as a person reads it: "3 maart 2026, 14:05".
pub fn moment(lang: Lang, at: eenplan_domain::UtcTime) -> String {
    let z = at
        .timestamp()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC));
    format!(
        "{}, {:02}:{:02}",
        crate::kit::dates::long_date(lang, z.date()),
        z.hour(),
        z.minute()
    )
}

/// What an access-log line's data names, in words: the log keeps the route as NEN 7513
/// wants it ("GET /gezinnen/{family}/notities"), a person reads "de notities". A path's
/// last segment with a name here says what was touched; ids and placeholders are passed
/// over, and a path this table does not know is "het dossier".
const TOUCHED: &[(&str, &str, &str)] = &[
    ("gezinnen", "de lijst met gezinnen", "the list of families"),
    ("families", "de lijst met gezinnen", "the list of families"),
    (
        "{family}",
        "het overzicht van het dossier",
        "the file's overview",
    ),
    ("nieuw", "een nieuw dossier", "a new file"),
    ("notities", "de notities", "the notes"),
    ("notes", "de notities", "the notes"),
    ("plan", "het plan", "the plan"),
    ("afdrukken", "het plan, afgedrukt", "the plan, printed"),
    (
        "akkoord",
        "het akkoord met het plan",
        "the agreement to the plan",
    ),
    ("tijdlijn", "de tijdlijn", "the timeline"),
    ("inzage", "het inzageoverzicht", "the access overview"),
    ("toestemming", "de toestemmingen", "the consents"),
    ("consents", "de toestemmingen", "the consents"),
    ("kader", "het kader", "the framework"),
    ("framework", "het kader", "the framework"),
    ("leden", "de gezinsleden", "the family members"),
    ("members", "de gezinsleden", "the family members"),
    ("netwerk", "het netwerk", "the network"),
    ("network", "het netwerk", "the network"),
    ("betrokkenen", "de betrokkenen", "who is involved"),
    ("involvements", "de betrokkenen", "who is involved"),
    (
        "save-begeleiding",
        "de SAVE-begeleiding",
        "the SAVE guidance",
    ),
    ("save-guidance", "de SAVE-begeleiding", "the SAVE guidance"),
    ("evu", "de aanmelding bij het EVU", "the EVU referral"),
    (
        "evu-referrals",
        "de aanmelding bij het EVU",
        "the EVU referral",
    ),
    ("referrals", "de aanmelding bij het EVU", "the EVU referral"),
    (
        "beoordeling",
        "de gezamenlijke beoordeling",
        "the joint assessment",
    ),
    (
        "joint-assessments",
        "de gezamenlijke beoordeling",
        "the joint assessment",
    ),
    (
        "verzoek-raad",
        "het verzoek aan de Raad",
        "the request to the Board",
    ),
    (
        "protection-order-requests",
        "het verzoek aan de Raad",
        "the request to the Board",
    ),
    (
        "raad",
        "het verzoek aan de Raad",
        "the request to the Board",
    ),
    (
        "requests",
        "het verzoek aan de Raad",
        "the request to the Board",
    ),
    (
        "save-consultations",
        "het overleg met SAVE op locatie",
        "the SAVE on site consultation",
    ),
    ("save-op-locatie", "SAVE op locatie", "SAVE on site"),
    (
        "consultations",
        "het overleg met SAVE op locatie",
        "the SAVE on site consultation",
    ),
    (
        "overleg",
        "het overleg met SAVE op locatie",
        "the SAVE on site consultation",
    ),
    (
        "boeken",
        "een overleg met SAVE op locatie",
        "a SAVE on site consultation",
    ),
    (
        "inloop",
        "de inloop van SAVE op locatie",
        "the SAVE on site walk-in",
    ),
    (
        "walk-ins",
        "de inloop van SAVE op locatie",
        "the SAVE on site walk-in",
    ),
    (
        "veilig-thuis",
        "het contact met Veilig Thuis",
        "the Veilig Thuis contact",
    ),
    (
        "contacts",
        "het contact met Veilig Thuis",
        "the Veilig Thuis contact",
    ),
    (
        "noodtoegang",
        "noodtoegang tot het dossier",
        "emergency access to the file",
    ),
    (
        "break-glass",
        "noodtoegang tot het dossier",
        "emergency access to the file",
    ),
    (
        "toegangslog.csv",
        "het toegangslog, geëxporteerd",
        "the access log, exported",
    ),
    ("start", "de startpagina", "the start page"),
    // The family portal's pages, read by a family member.
    (
        "mijn-gezin",
        "de startpagina van Mijn gezin",
        "the My family start page",
    ),
    ("afspraken", "de afspraken", "the appointments"),
    ("hulpverleners", "de hulpverleners", "the professionals"),
];

/// The data of an access-log line (`"GET /gezinnen/{family}/notities"`, with what the
/// line adds after the route) as a person reads it: what was touched, and of what
/// follows the route only what a person can read (the reason given for emergency
/// access, the consent that was missing). Codes, routes and ids stay in the log and its
/// export.
pub fn touched(lang: Lang, data: &str) -> String {
    let t = texts(lang);
    if let Some(rest) = data.strip_prefix("document ") {
        return document_line(lang, rest);
    }
    let Some((route, rest)) = split_route(data) else {
        return data.to_owned();
    };
    let segments: Vec<&str> = route
        .split('/')
        .filter(|s| !s.is_empty() && *s != "api" && *s != "v1")
        .collect();
    let named = segments.iter().rev().find_map(|s| {
        TOUCHED
            .iter()
            .find(|(seg, _, _)| seg == s)
            .map(|(_, nl, en)| lang.pick((nl, en)))
    });
    let mut words = named.unwrap_or(t.touched_file).to_owned();
    let emergency = segments
        .iter()
        .any(|s| *s == "noodtoegang" || *s == "break-glass");
    if let Some(missing) = rest.strip_prefix(" (toestemming nodig: ") {
        let mut codes = missing.trim_end_matches(')').split(", ");
        if let Ok(step) = codes
            .next()
            .unwrap_or("")
            .parse::<eenplan_domain::family::ConsentStep>()
        {
            let step = lang.pick((step.label_nl(), step.label_en()));
            words.push_str(&crate::kit::texts::fill(
                t.touched_consent_missing,
                &[("step", step)],
            ));
        }
    } else if rest.contains(" name=") {
        // A refused emergency ask: what was asked, as the log recorded it.
        let asked = |key: &str| quoted_after(rest, &format!("{key}=")).unwrap_or_default();
        let birth = asked("birth");
        let birth = birth
            .parse::<jiff::civil::Date>()
            .map_or(birth, |d| crate::kit::dates::dutch_date(lang, d));
        words.push_str(&crate::kit::texts::fill(
            t.touched_asked,
            &[("name", &asked("name")), ("birth", &birth)],
        ));
        let postcode = asked("postcode");
        if !postcode.is_empty() {
            words.push_str(&crate::kit::texts::fill(
                t.touched_asked_postcode,
                &[("postcode", &postcode)],
            ));
        }
    } else if rest.contains("possible duplicate") {
        words.push_str(t.touched_duplicate_check);
    } else if emergency && let Some(reason) = rest.strip_prefix(": ") {
        words.push_str(": ");
        words.push_str(reason);
    }
    words
}

/// The value after `key` written as Rust writes a string with `{:?}` (quoted, with quotes
/// and backslashes escaped), as the log holds what an emergency ask named.
fn quoted_after(text: &str, key: &str) -> Option<String> {
    let start = text.find(key)? + key.len();
    let mut chars = text[start..].chars();
    if chars.next()? != '"' {
        return None;
    }
    let mut value = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

/// `"GET /path rest"` as the path and the rest; `None` when the data does not start
/// with a method and a path.
fn split_route(data: &str) -> Option<(&str, &str)> {
    let (method, after) = data.split_once(' ')?;
    if !["GET", "POST", "PUT", "DELETE", "PATCH"].contains(&method) || !after.starts_with('/') {
        return None;
    }
    let end = after.find([' ', ':']).unwrap_or(after.len());
    Some(after.split_at(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documents_line_reads_as_what_happened_to_which_kind_of_document() {
        let line = "document 01a2 downloaded (signed_plan, sha256 b51e37d430f334cc52f7)";
        assert_eq!(
            touched(Lang::Nl, line),
            "document gedownload: Ondertekend plan (kenmerk b51e37d4)"
        );
        assert_eq!(
            touched(Lang::En, line),
            "document downloaded: Signed plan (reference b51e37d4)"
        );
        assert_eq!(
            touched(
                Lang::Nl,
                "document 01a2 content destroyed by the privacy officer"
            ),
            "inhoud van een document vernietigd door de privacyfunctionaris"
        );
    }

    #[test]
    fn a_logged_route_reads_as_what_was_touched() {
        assert_eq!(
            touched(Lang::Nl, "GET /gezinnen/{family}/notities"),
            "de notities"
        );
        assert_eq!(
            touched(Lang::En, "GET /api/v1/families/{family}/notes"),
            "the notes"
        );
        assert_eq!(
            touched(Lang::Nl, "GET /gezinnen/{family}"),
            "het overzicht van het dossier"
        );
        assert_eq!(
            touched(
                Lang::Nl,
                "POST /gezinnen/{family}/save-begeleiding/{guidance}/einde"
            ),
            "de SAVE-begeleiding"
        );
        assert_eq!(
            touched(Lang::Nl, "POST /noodtoegang: Politie belt"),
            "noodtoegang tot het dossier: Politie belt"
        );
        assert_eq!(
            touched(
                Lang::Nl,
                "GET /gezinnen/{family}/notities (toestemming nodig: data_sharing, notes)"
            ),
            "de notities, zonder de toestemming die nodig is: Gegevens delen met een organisatie"
        );
        assert_eq!(
            touched(
                Lang::Nl,
                "GET /privacy/toegangslog.csv: toegangslog als CSV, 3 regels"
            ),
            "het toegangslog, geëxporteerd"
        );
        assert_eq!(touched(Lang::Nl, "GET /mijn-gezin/plan"), "het plan");
        assert_eq!(
            touched(Lang::Nl, "GET /mijn-gezin"),
            "de startpagina van Mijn gezin"
        );
        assert_eq!(touched(Lang::Nl, "GET /onbekend/{x}"), "het dossier");
        assert_eq!(
            touched(
                Lang::Nl,
                r#"POST /noodtoegang refused (not a care role): name="Sam \"S\" Jansen" birth="2016-04-03" postcode="3562 JW""#
            ),
            "noodtoegang tot het dossier, gevraagd naar Sam \"S\" Jansen, geboren 3 apr 2016, postcode 3562 JW"
        );
    }
}

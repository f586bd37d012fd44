//! UI strings of who may learn what about a file: the
//! duplicate check that tells an outsider only whom to call,
//! the leading organisation's signals, and the lead's household work. Per language, a
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
    }
}

/// A Dutch (or English) date with the time, as a person reads it: "3 maart 2026, 14:05".
pub fn moment(lang: Lang, at: eenplan_domain::UtcTime) -> String {
    const NL_MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let z = at
        .timestamp()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC));
    let month = usize::try_from(z.month() - 1).unwrap_or(0).min(11);
    match lang {
        Lang::Nl => format!(
            "{} {} {}, {:02}:{:02}",
            z.day(),
            NL_MONTHS[month],
            z.year(),
            z.hour(),
            z.minute()
        ),
        Lang::En => format!(
            "{} {} {}, {:02}:{:02}",
            z.day(),
            EN_MONTHS[month],
            z.year(),
            z.hour(),
            z.minute()
        ),
    }
}

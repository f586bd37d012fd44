//! UI strings of who may learn what about a file (issue 12, sections 3–5): the
//! duplicate check that tells an outsider only whom to call,
//! the leading organisation's signals, and the lead's household work. Per language, a
//! struct so a missing translation does not compile.

use crate::i18n::Lang;

#[derive(Debug)]
pub struct AccessTexts {
    pub duplicates_outside_intro: &'static str,
    pub duplicates_led_by: &'static str,
    pub duplicates_no_phone: &'static str,
    pub duplicates_rate_limited: &'static str,
    pub signals_title: &'static str,
    pub signals_intro: &'static str,
    pub signals_has: &'static str,
    pub household_lead_only: &'static str,
    pub err_not_care_role: &'static str,
}

const NL: AccessTexts = AccessTexts {
    duplicates_outside_intro: "Mogelijk bestaat er al een dossier over dit kind of op dit adres bij een andere organisatie. Neem contact op met die organisatie voordat je een nieuw dossier opent.",
    duplicates_led_by: "Regie bij",
    duplicates_no_phone: "algemeen telefoonnummer onbekend",
    duplicates_rate_limited: "Je hebt het afgelopen uur te vaak dossiers van andere organisaties gevonden. Probeer het later opnieuw of neem contact op met je privacyfunctionaris.",
    signals_title: "Signalen van anderen",
    signals_intro: "Een andere organisatie wilde een dossier openen voor hetzelfde kind of adres. Zij kregen alleen jullie organisatie en algemeen telefoonnummer te zien.",
    signals_has: "heeft een signaal over hetzelfde kind of adres",
    household_lead_only: "Gezinsleden en netwerk wijzigt de organisatie van de regisseur of de organisatie met de wettelijke grondslag. Als partner lees je mee.",
    err_not_care_role: "Alleen een professional in een zorgrol kan partner worden.",
};

const EN: AccessTexts = AccessTexts {
    duplicates_outside_intro: "A file about this child or at this address may already exist at another organisation. Contact that organisation before you open a new file.",
    duplicates_led_by: "Led by",
    duplicates_no_phone: "general phone number unknown",
    duplicates_rate_limited: "You found other organisations' files too often in the past hour. Try again later or contact your privacy officer.",
    signals_title: "Signals from others",
    signals_intro: "Another organisation wanted to open a file for the same child or address. They were shown only your organisation and its general phone number.",
    signals_has: "has a signal about the same child or address",
    household_lead_only: "Household and network are changed by the regisseur's organisation or the organisation with the legal basis. As a partner you read along.",
    err_not_care_role: "Only a professional in a care role can become a partner.",
};

pub fn texts(lang: Lang) -> &'static AccessTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
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

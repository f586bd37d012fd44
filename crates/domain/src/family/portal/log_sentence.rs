//! Who looked at the file, as the family reads it: one sentence per access-log line,
//! "SAVE Jeugdbescherming, jeugdbeschermer, las het plan op 3 december 2026", in Dutch
//! or English, with no code, no ISO time and, by default, no person's name.
//!
//! Sources: AVG art. 15(1)(c) (the recipients or categories of recipients: the
//! organisation and the role answer it; staff names are not required, and
//! child-protection workers do receive threats); issue 17 §3 (the family's own
//! workers, those in its flower, are named: the family knows them already); NEN 7513
//! for the events ([`AccessEvent`]). The CJEU (C-579/21, Pankki S, 22 June 2023) holds
//! that the dates and purposes of consultations are part of the right of access and the
//! identity of the employees who consulted, in principle, not: so a line says when, and,
//! where the log holds it, on which basis ([`AccessBasis`]).

use crate::UtcTime;
use crate::access_log::{AccessBasis, AccessEvent};
use crate::calendar::written_date;
use crate::organisation::OrganisationKind;
use crate::role::Role;
use crate::time::amsterdam_date;

/// What part of the file the line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogObject {
    File,
    Plan,
    Consents,
    Members,
    Network,
    Notes,
    Documents,
    Meetings,
}

impl LogObject {
    fn words(self, english: bool) -> &'static str {
        match (self, english) {
            (LogObject::File, false) => "het dossier",
            (LogObject::File, true) => "the file",
            (LogObject::Plan, false) => "het plan",
            (LogObject::Plan, true) => "the plan",
            (LogObject::Consents, false) => "de toestemmingen",
            (LogObject::Consents, true) => "the consents",
            (LogObject::Members, false) => "de gezinsleden",
            (LogObject::Members, true) => "the family members",
            (LogObject::Network, false) => "het netwerk",
            (LogObject::Network, true) => "the network",
            (LogObject::Notes, false) => "de gespreksverslagen",
            (LogObject::Notes, true) => "the case notes",
            (LogObject::Documents, false) => "de documenten",
            (LogObject::Documents, true) => "the documents",
            (LogObject::Meetings, false) => "de afspraken",
            (LogObject::Meetings, true) => "the meetings",
        }
    }
}

/// One access-log line as the sentence needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogLine<'a> {
    pub organisation_name: &'a str,
    pub organisation_kind: OrganisationKind,
    pub role: Role,
    pub event: AccessEvent,
    pub object: LogObject,
    pub at: UtcTime,
    /// The worker's name; shown only when `in_flower`.
    pub worker_name: Option<&'a str>,
    /// The worker is one of the family's own workers (in its flower).
    pub in_flower: bool,
    /// Emergency access: whether the privacy officer has reviewed it.
    pub emergency_reviewed: Option<bool>,
    /// Why access was granted, when the log holds it (an emergency says so itself).
    pub basis: Option<AccessBasis>,
}

/// The worker's role in words a family uses, lower case for the middle of a sentence:
/// a care professional is named by what their organisation does.
pub fn role_word(kind: OrganisationKind, role: Role, english: bool) -> &'static str {
    use OrganisationKind as K;
    match (role, english) {
        (Role::Professional, _) => match (kind, english) {
            (K::CertifiedInstitution, false) => "jeugdbeschermer",
            (K::CertifiedInstitution, true) => "child protection worker",
            (K::LocalTeam, false) => "medewerker van het lokale team",
            (K::LocalTeam, true) => "local team worker",
            (K::VeiligThuis, false) => "medewerker van Veilig Thuis",
            (K::VeiligThuis, true) => "Veilig Thuis worker",
            (K::Rvdk, false) => "raadsonderzoeker",
            (K::Rvdk, true) => "Child Protection Board investigator",
            (K::CareProvider, false) => "hulpverlener",
            (K::CareProvider, true) => "care worker",
            (K::School | K::Police | K::Municipality, false) => "medewerker",
            (K::School | K::Police | K::Municipality, true) => "staff member",
        },
        (Role::BehaviouralScientist, false) => "gedragswetenschapper",
        (Role::BehaviouralScientist, true) => "behavioural scientist",
        (Role::TeamLead, false) => "teamleider",
        (Role::TeamLead, true) => "team lead",
        (Role::PrivacyOfficer, false) => "privacyfunctionaris",
        (Role::PrivacyOfficer, true) => "privacy officer",
        (Role::EvuCoordinator, false) => "EVU-coördinator",
        (Role::EvuCoordinator, true) => "EVU coordinator",
        (Role::FunctionalAdmin, false) => "functioneel beheerder",
        (Role::FunctionalAdmin, true) => "functional administrator",
        (Role::ChainAdmin, false) => "ketenbeheerder",
        (Role::ChainAdmin, true) => "chain administrator",
        (Role::PolicyOfficer, false) => "beleidsmedewerker",
        (Role::PolicyOfficer, true) => "policy officer",
        (Role::ComplaintsOfficer, false) => "klachtenfunctionaris",
        (Role::ComplaintsOfficer, true) => "complaints officer",
    }
}

fn basis_words(basis: AccessBasis, english: bool) -> Option<&'static str> {
    Some(match (basis, english) {
        (AccessBasis::Involved, false) => "als betrokkene bij het gezin",
        (AccessBasis::Involved, true) => "as someone involved with the family",
        (AccessBasis::TeamLeadOfRegisseur, false) => "als teamleider van de regisseur",
        (AccessBasis::TeamLeadOfRegisseur, true) => "as the lead professional's team lead",
        (AccessBasis::Consent, false) => "met toestemming van het gezin",
        (AccessBasis::Consent, true) => "with the family's consent",
        (AccessBasis::LegalBasis, false) => "op grond van de wet",
        (AccessBasis::LegalBasis, true) => "on a legal basis",
        (AccessBasis::RvdkRequest, false) => {
            "voor een verzoek aan de Raad voor de Kinderbescherming"
        }
        (AccessBasis::RvdkRequest, true) => "for a request to the Child Protection Board",
        (AccessBasis::EvuReferral, false) => "voor de aanmelding bij het EVU",
        (AccessBasis::EvuReferral, true) => "for the referral to the EVU",
        (AccessBasis::Emergency, _) => return None,
    })
}

fn verb_phrase(event: AccessEvent, object: LogObject, english: bool) -> String {
    let o = object.words(english);
    match (event, english) {
        (AccessEvent::Read, false) => format!("las {o}"),
        (AccessEvent::Read, true) => format!("read {o}"),
        (AccessEvent::Search, false) => "zocht het gezin op".to_owned(),
        (AccessEvent::Search, true) => "looked the family up".to_owned(),
        (AccessEvent::Create, false) => format!("legde iets vast in {o}"),
        (AccessEvent::Create, true) => format!("added to {o}"),
        (AccessEvent::Update, false) => format!("wijzigde {o}"),
        (AccessEvent::Update, true) => format!("changed {o}"),
        (AccessEvent::Print, false) => format!("drukte {o} af"),
        (AccessEvent::Print, true) => format!("printed {o}"),
        (AccessEvent::Export, false) => format!("maakte een kopie van {o}"),
        (AccessEvent::Export, true) => format!("made a copy of {o}"),
        (AccessEvent::Emergency, false) => "vroeg noodtoegang tot het dossier".to_owned(),
        (AccessEvent::Emergency, true) => "asked for emergency access to the file".to_owned(),
        (AccessEvent::DuplicateCheck, false) => "keek of er al een dossier was".to_owned(),
        (AccessEvent::DuplicateCheck, true) => "checked whether a file existed".to_owned(),
    }
}

/// The sentence for one line: "SAVE Jeugdbescherming, jeugdbeschermer, las het plan op
/// 3 december 2026"; a worker in the family's flower by name ("Fatima Ouali (SAVE
/// Jeugdbescherming, jeugdbeschermer) las …"); an emergency access says so and whether
/// it was reviewed. The day is the Dutch calendar day.
pub fn log_sentence(line: &LogLine<'_>, english: bool) -> String {
    let role = role_word(line.organisation_kind, line.role, english);
    let who = match line
        .worker_name
        .filter(|n| line.in_flower && !n.trim().is_empty())
    {
        Some(name) => format!("{} ({}, {role})", name.trim(), line.organisation_name),
        None => format!("{}, {role},", line.organisation_name),
    };
    let what = verb_phrase(line.event, line.object, english);
    let day = written_date(amsterdam_date(line.at), english);
    let on = if english { "on" } else { "op" };
    let emergency = match (line.emergency_reviewed, english) {
        (None, _) => "",
        (Some(true), false) => " met noodtoegang; de privacyfunctionaris heeft dit nagekeken",
        (Some(false), false) => " met noodtoegang; de privacyfunctionaris kijkt dit nog na",
        (Some(true), true) => " with emergency access; the privacy officer has reviewed it",
        (Some(false), true) => " with emergency access; the privacy officer has yet to review it",
    };
    let why = match (line.emergency_reviewed, line.basis) {
        (None, Some(b)) => basis_words(b, english)
            .map(|w| format!(", {w}"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    format!("{who} {what} {on} {day}{why}{emergency}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>() -> LogLine<'a> {
        LogLine {
            organisation_name: "SAVE Jeugdbescherming",
            organisation_kind: OrganisationKind::CertifiedInstitution,
            role: Role::Professional,
            event: AccessEvent::Read,
            object: LogObject::Plan,
            // 23:30 UTC on 2 December is 3 December in Amsterdam.
            at: UtcTime::parse("2026-12-02T23:30:00Z").unwrap_or_else(|_| UtcTime::now()),
            worker_name: Some("Fatima Ouali"),
            in_flower: false,
            emergency_reviewed: None,
            basis: None,
        }
    }

    #[test]
    fn organisation_and_role_not_the_name_by_default() {
        assert_eq!(
            log_sentence(&line(), false),
            "SAVE Jeugdbescherming, jeugdbeschermer, las het plan op 3 december 2026"
        );
        assert_eq!(
            log_sentence(&line(), true),
            "SAVE Jeugdbescherming, child protection worker, read the plan on 3 December 2026"
        );
    }

    #[test]
    fn the_familys_own_workers_by_name_and_emergencies_with_their_review() {
        let own = LogLine {
            in_flower: true,
            ..line()
        };
        assert_eq!(
            log_sentence(&own, false),
            "Fatima Ouali (SAVE Jeugdbescherming, jeugdbeschermer) las het plan op 3 december 2026"
        );
        let emergency = LogLine {
            organisation_name: "Veilig Thuis Utrecht",
            organisation_kind: OrganisationKind::VeiligThuis,
            object: LogObject::File,
            emergency_reviewed: Some(false),
            ..line()
        };
        assert_eq!(
            log_sentence(&emergency, false),
            "Veilig Thuis Utrecht, medewerker van Veilig Thuis, las het dossier op 3 december 2026 \
             met noodtoegang; de privacyfunctionaris kijkt dit nog na"
        );
    }

    #[test]
    fn the_basis_says_why_in_words() {
        let consent = LogLine {
            basis: Some(AccessBasis::Consent),
            ..line()
        };
        assert_eq!(
            log_sentence(&consent, false),
            "SAVE Jeugdbescherming, jeugdbeschermer, las het plan op 3 december 2026, \
             met toestemming van het gezin"
        );
        assert_eq!(
            log_sentence(&consent, true),
            "SAVE Jeugdbescherming, child protection worker, read the plan on 3 December 2026, \
             with the family's consent"
        );
    }

    #[test]
    fn no_sentence_carries_a_code_or_an_iso_date() {
        for &event in AccessEvent::ALL {
            for &role in Role::ALL {
                for &kind in OrganisationKind::ALL {
                    for &basis in AccessBasis::ALL {
                        for english in [false, true] {
                            let l = LogLine {
                                event,
                                role,
                                organisation_kind: kind,
                                basis: Some(basis),
                                ..line()
                            };
                            let s = log_sentence(&l, english);
                            assert!(!s.contains("2026-12"), "{s}");
                            assert!(!s.contains('_'), "{s}");
                            assert!(!s.contains("Fatima"), "{s}");
                        }
                    }
                }
            }
        }
    }
}

//! Whom to call, right now: the routing rule the seed pages open with ("Spoed of crisis
//! contact"), for anyone and for a family whose situation eenplan knows.
//!
//! Source: the seed texts (Veilig Thuis Utrecht and SAVE Jeugdbescherming, "Spoed of
//! crisis contact"): life-threatening danger → 112; not a client and a situation gets out
//! of hand → Veilig Thuis 0800-2000 (free, 24/7, also in doubt); a client of Veilig Thuis
//! → 0800-2000; a client of SAVE → during office hours the assigned SAVE worker,
//! outside them 0800-2000 in the province of Utrecht and 088-996 3000 in Flevoland.

use crate::UtcTime;
use crate::calendar::Calendar;
use crate::codes::code_list;

code_list! {
    /// Whose client the caller (or the family) is.
    CrisisClient, "client" {
        None = "none", "Geen van beide", "Neither";
        VeiligThuis = "veilig_thuis", "Veilig Thuis Utrecht", "Veilig Thuis Utrecht";
        Save = "save", "SAVE Jeugdbescherming", "SAVE Jeugdbescherming";
    }
}

code_list! {
    Province, "province" {
        Utrecht = "utrecht", "Provincie Utrecht", "Province of Utrecht";
        Flevoland = "flevoland", "Flevoland", "Flevoland";
    }
}

code_list! {
    CrisisAction, "action" {
        Call112 = "call_112", "Bel 112", "Call 112";
        CallVeiligThuis = "call_veilig_thuis", "Bel Veilig Thuis", "Call Veilig Thuis";
        CallAssignedSaveWorker = "call_assigned_save_worker", "Bel je SAVE-medewerker", "Call your SAVE worker";
        CallSaveAfterHours = "call_save_after_hours", "Bel de SAVE-crisisdienst", "Call SAVE's after-hours line";
    }
}

impl Province {
    /// From the CBS code of a province area (PV26 Utrecht, PV24 Flevoland).
    pub fn from_cbs_code(code: &str) -> Option<Province> {
        match code {
            "PV26" => Some(Province::Utrecht),
            "PV24" => Some(Province::Flevoland),
            _ => None,
        }
    }
}

/// Whose client a family is, from its file: under a court order, or with a certified
/// institution (SAVE; William Schrikker is treated alike) in its circle, SAVE's routing;
/// under a Veilig Thuis investigation or with Veilig Thuis involved, Veilig Thuis's.
pub fn family_client(
    framework: crate::family::Framework,
    involved: &[crate::organisation::OrganisationKind],
) -> CrisisClient {
    use crate::family::Framework;
    use crate::organisation::OrganisationKind;
    if framework == Framework::CourtOrder
        || involved.contains(&OrganisationKind::CertifiedInstitution)
    {
        CrisisClient::Save
    } else if framework == Framework::VeiligThuis
        || involved.contains(&OrganisationKind::VeiligThuis)
    {
        CrisisClient::VeiligThuis
    } else {
        CrisisClient::None
    }
}

pub const EMERGENCY: &str = "112";
/// Veilig Thuis: free, 24/7, also when in doubt; SAVE's after-hours line in the province
/// of Utrecht.
pub const VEILIG_THUIS: &str = "0800-2000";
pub const SAVE_FLEVOLAND_AFTER_HOURS: &str = "088-996 3000";
/// Every number a crisis answer can give: the one list pages and documents show them
/// from, so a number changes in this file alone.
pub const PHONES: [&str; 3] = [EMERGENCY, VEILIG_THUIS, SAVE_FLEVOLAND_AFTER_HOURS];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrisisAnswer {
    pub action: CrisisAction,
    /// `None` for the assigned SAVE worker: their number comes from the family's file.
    pub phone: Option<&'static str>,
    pub office_hours: bool,
    pub reason_nl: &'static str,
    pub reason_en: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CrisisError {
    /// Outside office hours a SAVE client's number depends on the province.
    #[error(
        "outside office hours the number for SAVE clients depends on the province: utrecht or flevoland"
    )]
    ProvinceNeeded,
}

/// The answer for a caller at instant `at`. `province` is needed only when it matters
/// (a SAVE client outside office hours); a missing one is an error, never a guess.
pub fn crisis_contact(
    danger: bool,
    client: CrisisClient,
    province: Option<Province>,
    at: UtcTime,
    calendar: &Calendar,
) -> Result<CrisisAnswer, CrisisError> {
    let office_hours = calendar.in_office_hours(at);
    let answer = |action, phone, reason_nl, reason_en| CrisisAnswer {
        action,
        phone,
        office_hours,
        reason_nl,
        reason_en,
    };
    if danger {
        return Ok(answer(
            CrisisAction::Call112,
            Some(EMERGENCY),
            "Bij direct levensgevaar bel je altijd 112.",
            "In life-threatening danger, always call 112.",
        ));
    }
    Ok(match client {
        CrisisClient::None => answer(
            CrisisAction::CallVeiligThuis,
            Some(VEILIG_THUIS),
            "Dreigt een situatie uit de hand te lopen, bel dan Veilig Thuis: gratis, dag en nacht bereikbaar, ook als je twijfelt.",
            "If a situation threatens to get out of hand, call Veilig Thuis: free, day and night, also when in doubt.",
        ),
        CrisisClient::VeiligThuis => answer(
            CrisisAction::CallVeiligThuis,
            Some(VEILIG_THUIS),
            "Als cliënt van Veilig Thuis Utrecht bel je altijd het hoofdnummer.",
            "As a client of Veilig Thuis Utrecht you always call the main number.",
        ),
        CrisisClient::Save if office_hours => answer(
            CrisisAction::CallAssignedSaveWorker,
            None,
            "Tijdens kantooruren bel je de SAVE-medewerker die aan jou is toegewezen.",
            "During office hours you call the SAVE worker assigned to you.",
        ),
        CrisisClient::Save => match province.ok_or(CrisisError::ProvinceNeeded)? {
            Province::Utrecht => answer(
                CrisisAction::CallSaveAfterHours,
                Some(VEILIG_THUIS),
                "Buiten kantooruren bel je in de provincie Utrecht 0800-2000.",
                "Outside office hours in the province of Utrecht you call 0800-2000.",
            ),
            Province::Flevoland => answer(
                CrisisAction::CallSaveAfterHours,
                Some(SAVE_FLEVOLAND_AFTER_HOURS),
                "Buiten kantooruren bel je in Flevoland 088-996 3000.",
                "Outside office hours in Flevoland you call 088-996 3000.",
            ),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use CrisisAction::*;
    use CrisisClient as C;

    const MONDAY_10H: &str = "2026-11-23T09:00:00Z"; // 10:00 in Amsterdam
    const MONDAY_08_30: &str = "2026-11-23T07:30:00Z";
    const MONDAY_17H: &str = "2026-11-23T16:00:00Z";
    const SATURDAY: &str = "2026-11-21T10:00:00Z";
    const CHRISTMAS: &str = "2026-12-25T10:00:00Z";
    const NIGHT: &str = "2026-11-23T23:00:00Z";

    type Outcome = Result<(CrisisAction, Option<&'static str>, bool), CrisisError>;
    /// danger, client, province, at, expected outcome
    type Case = (bool, CrisisClient, Option<Province>, &'static str, Outcome);

    fn ask(danger: bool, client: CrisisClient, province: Option<Province>, at: &str) -> Outcome {
        crisis_contact(
            danger,
            client,
            province,
            UtcTime::parse(at).unwrap(),
            &Calendar::default(),
        )
        .map(|a| (a.action, a.phone, a.office_hours))
    }

    #[test]
    fn every_branch_of_the_rule() {
        let u = Some(Province::Utrecht);
        let f = Some(Province::Flevoland);
        let table: &[Case] = &[
            // Danger beats everything, whoever's client, whenever.
            (
                true,
                C::None,
                None,
                MONDAY_10H,
                Ok((Call112, Some("112"), true)),
            ),
            (
                true,
                C::Save,
                None,
                NIGHT,
                Ok((Call112, Some("112"), false)),
            ),
            (
                true,
                C::VeiligThuis,
                f,
                SATURDAY,
                Ok((Call112, Some("112"), false)),
            ),
            // Not a client: Veilig Thuis, day and night.
            (
                false,
                C::None,
                None,
                MONDAY_10H,
                Ok((CallVeiligThuis, Some("0800-2000"), true)),
            ),
            (
                false,
                C::None,
                None,
                NIGHT,
                Ok((CallVeiligThuis, Some("0800-2000"), false)),
            ),
            // Client of Veilig Thuis: always the main number.
            (
                false,
                C::VeiligThuis,
                None,
                MONDAY_10H,
                Ok((CallVeiligThuis, Some("0800-2000"), true)),
            ),
            (
                false,
                C::VeiligThuis,
                f,
                NIGHT,
                Ok((CallVeiligThuis, Some("0800-2000"), false)),
            ),
            // Client of SAVE: the assigned worker in office hours (province not needed) ...
            (
                false,
                C::Save,
                None,
                MONDAY_10H,
                Ok((CallAssignedSaveWorker, None, true)),
            ),
            (
                false,
                C::Save,
                None,
                MONDAY_08_30,
                Ok((CallAssignedSaveWorker, None, true)),
            ),
            // ... and the province's line outside them.
            (
                false,
                C::Save,
                u,
                MONDAY_17H,
                Ok((CallSaveAfterHours, Some("0800-2000"), false)),
            ),
            (
                false,
                C::Save,
                f,
                MONDAY_17H,
                Ok((CallSaveAfterHours, Some("088-996 3000"), false)),
            ),
            (
                false,
                C::Save,
                f,
                SATURDAY,
                Ok((CallSaveAfterHours, Some("088-996 3000"), false)),
            ),
            (
                false,
                C::Save,
                u,
                CHRISTMAS,
                Ok((CallSaveAfterHours, Some("0800-2000"), false)),
            ),
            (
                false,
                C::Save,
                None,
                NIGHT,
                Err(CrisisError::ProvinceNeeded),
            ),
        ];
        for (danger, client, province, at, expected) in table {
            assert_eq!(
                &ask(*danger, *client, *province, at),
                expected,
                "danger={danger} client={client} province={province:?} at={at}"
            );
        }
    }

    #[test]
    fn a_familys_client_status_comes_from_its_file() {
        use crate::family::Framework;
        use crate::organisation::OrganisationKind::*;
        assert_eq!(family_client(Framework::Voluntary, &[LocalTeam]), C::None);
        assert_eq!(
            family_client(Framework::Voluntary, &[LocalTeam, CertifiedInstitution]),
            C::Save
        );
        assert_eq!(family_client(Framework::CourtOrder, &[LocalTeam]), C::Save);
        assert_eq!(
            family_client(Framework::VeiligThuis, &[LocalTeam]),
            C::VeiligThuis
        );
        assert_eq!(
            family_client(Framework::Voluntary, &[LocalTeam, VeiligThuis]),
            C::VeiligThuis
        );
        assert_eq!(
            family_client(Framework::VeiligThuis, &[VeiligThuis, CertifiedInstitution]),
            C::Save,
            "SAVE's assigned worker is the closer contact"
        );
        assert_eq!(Province::from_cbs_code("PV24"), Some(Province::Flevoland));
        assert_eq!(Province::from_cbs_code("GM0344"), None);
    }

    #[test]
    fn the_reason_is_one_dutch_sentence() {
        for client in CrisisClient::ALL {
            let a = crisis_contact(
                false,
                *client,
                Some(Province::Flevoland),
                UtcTime::parse(NIGHT).unwrap(),
                &Calendar::default(),
            )
            .unwrap();
            assert!(a.reason_nl.ends_with('.') && a.reason_nl.matches(". ").count() == 0);
        }
    }
}

//! A crisis answer as the call a person makes: who, which number (a `tel:` link), why.
//! The crisis page and the family page both show it; which call to make is the domain's
//! (`domain::crisis`).

use eenplan_domain::crisis::CrisisAnswer;

use crate::kit::texts::Lang;

/// A big `tel:` link with what it is for.
pub struct Call {
    pub title: String,
    pub phone: String,
    pub tel: String,
    pub reason: String,
    pub office_hours: bool,
}

/// A number as a person reads it and as a `tel:` link dials it.
pub struct Number {
    pub shown: &'static str,
    pub tel: String,
}

impl Number {
    pub fn new(shown: &'static str) -> Self {
        Self {
            shown,
            tel: tel(shown),
        }
    }

    /// Veilig Thuis: free, 24/7, also when in doubt.
    pub fn veilig_thuis() -> Self {
        Self::new(eenplan_domain::crisis::VEILIG_THUIS)
    }
}

/// `tel:` wants digits only.
pub fn tel(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The answer as a call to make; `worker` is the assigned SAVE worker's (name, phone)
/// when the family's file knows it.
pub fn call(lang: Lang, a: &CrisisAnswer, worker: Option<(&str, &str)>) -> Call {
    let (title, phone) = match (a.phone, worker) {
        (Some(p), _) => (label(lang, a), p.to_owned()),
        (None, Some((name, phone))) => (format!("{} {name}", label(lang, a)), phone.to_owned()),
        (None, None) => (label(lang, a), String::new()),
    };
    Call {
        tel: tel(&phone),
        title,
        phone,
        reason: if lang == Lang::Nl {
            a.reason_nl
        } else {
            a.reason_en
        }
        .to_owned(),
        office_hours: a.office_hours,
    }
}

fn label(lang: Lang, a: &CrisisAnswer) -> String {
    match lang {
        Lang::Nl => a.action.label_nl(),
        Lang::En => a.action.label_en(),
    }
    .to_owned()
}

/// The crisis answer from the family's real status: whose client it is, its province,
/// and the assigned SAVE worker's name and number during office hours.
pub fn for_family(
    lang: Lang,
    family: &eenplan_store::Family,
    province: Option<&str>,
    now: eenplan_domain::UtcTime,
) -> Option<crate::kit::crisis::Call> {
    use eenplan_domain::crisis::{Province, crisis_contact, family_client};
    let running: Vec<&eenplan_store::Involvement> =
        family.involvements.iter().filter(|i| !i.ended).collect();
    let kinds: Vec<_> = running.iter().map(|i| i.organisation_kind).collect();
    let client = family_client(family.framework, &kinds);
    let province = province.and_then(Province::from_cbs_code);
    let answer = crisis_contact(
        false,
        client,
        province,
        now,
        &eenplan_domain::calendar::Calendar::default(),
    )
    .ok()?;
    let worker = running
        .iter()
        .find(|i| {
            i.organisation_kind
                == eenplan_domain::organisation::OrganisationKind::CertifiedInstitution
        })
        .map(|i| (i.user_name.as_str(), i.user_phone.as_deref().unwrap_or("")));
    Some(call(lang, &answer, worker))
}

#[cfg(test)]
mod tests {
    use eenplan_domain::UtcTime;
    use eenplan_domain::family::{Framework, InvolvementRole};
    use eenplan_domain::organisation::OrganisationKind;
    use eenplan_store::{Family, Involvement};

    use super::for_family as family_crisis;
    use crate::kit::texts::Lang;

    fn involved(kind: OrganisationKind, name: &str, phone: Option<&str>) -> Involvement {
        Involvement {
            id: name.into(),
            role: InvolvementRole::Partner,
            organisation_id: name.into(),
            organisation_name: name.into(),
            user_id: name.into(),
            user_name: name.into(),
            user_email: format!("{name}@example.org"),
            user_phone: phone.map(str::to_owned),
            organisation_kind: kind,
            expertise: None,
            started_at: String::new(),
            ended: false,
        }
    }

    fn family(involvements: Vec<Involvement>) -> Family {
        Family {
            id: "f".into(),
            label: "Gezin".into(),
            street: String::new(),
            house_number: String::new(),
            postcode: String::new(),
            city: String::new(),
            area_id: None,
            framework: Framework::Voluntary,
            framework_organisation_id: None,
            closed: None,
            members: vec![],
            network: vec![],
            involvements,
        }
    }

    #[test]
    fn a_save_family_calls_its_worker_in_office_hours_and_its_provinces_line_after() {
        let monday_10h = UtcTime::parse("2026-11-23T09:00:00Z").unwrap();
        let monday_night = UtcTime::parse("2026-11-23T21:00:00Z").unwrap();
        let save = family(vec![
            involved(OrganisationKind::LocalTeam, "Sanne", None),
            involved(
                OrganisationKind::CertifiedInstitution,
                "Thomas",
                Some("06-0000 0123"),
            ),
        ]);
        let call = family_crisis(Lang::Nl, &save, Some("PV24"), monday_10h).unwrap();
        assert_eq!(
            (call.title.as_str(), call.tel.as_str()),
            ("Bel je SAVE-medewerker Thomas", "0600000123")
        );
        let call = family_crisis(Lang::Nl, &save, Some("PV24"), monday_night).unwrap();
        assert_eq!(call.tel, "0889963000");
        let call = family_crisis(Lang::Nl, &save, Some("PV26"), monday_night).unwrap();
        assert_eq!(call.tel, "08002000");
        assert!(
            family_crisis(Lang::Nl, &save, None, monday_night).is_none(),
            "province unknown: both numbers shown"
        );
        let plain = family(vec![involved(OrganisationKind::LocalTeam, "Sanne", None)]);
        assert_eq!(
            family_crisis(Lang::Nl, &plain, None, monday_night)
                .unwrap()
                .tel,
            "08002000"
        );
        let no_phone = family(vec![involved(
            OrganisationKind::CertifiedInstitution,
            "Eva",
            None,
        )]);
        let call = family_crisis(Lang::Nl, &no_phone, None, monday_10h).unwrap();
        assert_eq!(
            (call.title.as_str(), call.phone.as_str()),
            ("Bel je SAVE-medewerker Eva", "")
        );
    }
}

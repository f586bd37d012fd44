//! The file page: the flower of familiar faces, the household and the forms to change it.

use super::forms::*;
use crate::flows::family::texts::{FamilyTexts, family_texts};
use crate::kit::form_status;
use askama::Template;
use axum::response::Response;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{DataCategory, Expertise, MemberKind, NetworkRelation};
use eenplan_store::{Family, StoreError};

use crate::auth::family::FamilyCtx;
use crate::kit::form::{Input, label_of};
use crate::kit::i18n::Lang;
use crate::kit::{PageError, Shell, render};

struct Face {
    name: String,
    organisation: String,
    email: String,
    expertise: String,
}

#[derive(Template)]
#[template(path = "family/show.html")]
struct ShowPage {
    x: &'static FamilyTexts,
    shell: Shell,
    family: Family,
    regisseur: Option<Face>,
    partners: Vec<Face>,
    members: Vec<String>,
    network: Vec<String>,
    forms: Vec<FamilyForm>,
    /// For a partner: why the household and network forms are not there.
    household_note: Option<&'static str>,
    error: Option<&'static str>,
    /// Whom this family calls now; `None` when the province is unknown outside office
    /// hours (the page then lists both provinces' numbers).
    crisis: Option<crate::kit::crisis::Call>,
    /// The numbers the crisis block always shows, from the domain.
    emergency: crate::kit::crisis::Number,
    veilig_thuis: crate::kit::crisis::Number,
    save_flevoland: crate::kit::crisis::Number,
}

/// The crisis answer from the family's real status: whose client it is, its province,
/// and the assigned SAVE worker's name and number during office hours.
fn family_crisis(
    lang: Lang,
    family: &Family,
    province: Option<&str>,
    now: UtcTime,
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
    Some(crate::kit::crisis::call(lang, &answer, worker))
}

pub(super) async fn show_page(
    fam: &FamilyCtx,
    returned: Option<Returned>,
) -> Result<Response, PageError> {
    let (lang, grant) = (fam.lang, &fam.grant);
    let (t, ft) = (lang.texts(), family_texts(lang));
    let family_id = grant.family_id.as_str();
    let loaded = async {
        let mut tx = fam.store().read().await?;
        let family = tx.family(&grant.family_id).await?;
        let province = match family.as_ref().and_then(|f| f.area_id.clone()) {
            Some(area) => tx.province_code(&area).await?,
            None => None,
        };
        Ok::<_, StoreError>((family, tx.principals().await?, province))
    };
    let (family, people, province) = loaded.await?;
    let mut family = family.ok_or_else(PageError::not_found)?;
    let crisis = family_crisis(lang, &family, province.as_deref(), UtcTime::now());
    // A partner whose consent does not cover the network sees none of it, not even in
    // the forms' choices.
    let sees_network = grant.sees(DataCategory::Network);
    if !sees_network {
        family.network.clear();
    }
    let face = |i: &eenplan_store::Involvement| Face {
        name: i.user_name.clone(),
        organisation: i.organisation_name.clone(),
        email: i.user_email.clone(),
        expertise: i
            .expertise
            .map(|e| label_of(lang, e, Expertise::label_nl, Expertise::label_en))
            .unwrap_or_default(),
    };
    let members = family
        .members
        .iter()
        .filter(|m| !m.ended)
        .map(|m| {
            let mut s = format!(
                "{} ({})",
                m.name,
                label_of(lang, m.kind, MemberKind::label_nl, MemberKind::label_en)
            );
            if let Some(d) = m.date_of_birth {
                s.push_str(&format!(", {d}"));
            }
            if m.has_custody {
                s.push_str(&format!(", {}", ft.f_custody.to_lowercase()));
            }
            s
        })
        .collect();
    let network = family
        .network
        .iter()
        .filter(|n| !n.ended)
        .map(|n| {
            format!(
                "{} ({}): {} — {}",
                n.name,
                label_of(
                    lang,
                    n.relation,
                    NetworkRelation::label_nl,
                    NetworkRelation::label_en
                ),
                n.safety_role,
                n.contact
            )
        })
        .collect();
    let r = returned.as_ref();
    let mut forms = file_forms(lang, &family, &people, r);
    forms.retain(|f| sees_network || !f.action.contains("/netwerk"));
    // Household and network are the lead's work: a partner reads them, without the forms
    // to change them, and may end only involvements.
    let household_note = (!grant.lead).then(|| {
        forms.retain(|f| !f.action.contains("/leden") && !f.action.contains("/netwerk"));
        for f in forms
            .iter_mut()
            .filter(|f| f.action.ends_with("/beeindigen"))
        {
            for input in &mut f.inputs {
                if let Input::Select(choice) = input {
                    choice
                        .options
                        .retain(|o| o.value.starts_with("involvement:"));
                }
            }
        }
        family_texts(lang).household_lead_only
    });
    let has_errors = r.is_some_and(|r| !r.errors.is_empty() || r.warning);
    let page = ShowPage {
        emergency: crate::kit::crisis::Number::new(eenplan_domain::crisis::EMERGENCY),
        veilig_thuis: crate::kit::crisis::Number::veilig_thuis(),
        save_flevoland: crate::kit::crisis::Number::new(
            eenplan_domain::crisis::SAVE_FLEVOLAND_AFTER_HOURS,
        ),
        x: family_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}")),
        regisseur: family.regisseur().map(face),
        partners: family.partners().map(face).collect(),
        members,
        network,
        forms,
        household_note,
        error: has_errors.then_some(t.admin_fix),
        crisis,
        family,
    };
    Ok(render(form_status(!has_errors), &page))
}

pub async fn show(fam: FamilyCtx) -> Result<Response, PageError> {
    show_page(&fam, None).await
}

#[cfg(test)]
mod tests {
    use eenplan_domain::UtcTime;
    use eenplan_domain::family::{Framework, InvolvementRole};
    use eenplan_domain::organisation::OrganisationKind;
    use eenplan_store::{Family, Involvement};

    use super::family_crisis;
    use crate::kit::i18n::Lang;

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

//! The file's sub-pages where its household and its circle change: "Gezin en netwerk"
//! (members and network, drawn and listed, with the lead's forms) and "Betrokkenen"
//! (the flower, with the forms to add a professional or end a partner's part). Each form
//! waits closed behind its title, so a page shows what is there before what can be done;
//! a form that came back with messages opens again with everything typed kept.

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use eenplan_domain::family::DataCategory;
use eenplan_store::StoreError;

use super::ecomap::Ecomap;
use super::forms::{FamilyForm, Part, Returned, file_forms, part_of_ending};
use super::show::Petal;
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::flows::family::overview_texts::{OverviewTexts, overview_texts};
use crate::flows::family::texts::{FamilyTexts, family_texts};
use crate::kit::dates::today;
use crate::kit::form::Input;
use crate::kit::form_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Shell, render};

#[derive(Template)]
#[template(path = "family/part.html")]
struct PartPage {
    x: &'static FamilyTexts,
    o: &'static OverviewTexts,
    shell: Shell,
    nav: SubNav,
    title: &'static str,
    intro: &'static str,
    /// The household page: the network drawn, with its list.
    ecomap: Option<Ecomap>,
    /// The involvements page: the flower.
    flower: bool,
    regisseur: Option<Petal>,
    partners: Vec<Petal>,
    forms: Vec<FamilyForm>,
    /// For a partner on the household page: why the forms are not there.
    household_note: Option<&'static str>,
    summary: ErrorSummary,
    /// A form that came back without a message at a field (a handover warning).
    error: Option<&'static str>,
}

/// The form `?nieuw=` asks to open, if any.
fn asked(query: Option<&str>) -> String {
    query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("nieuw="))
        .unwrap_or("")
        .to_owned()
}

/// `GET /gezinnen/{family}/gezin`.
pub async fn household(fam: FamilyCtx, RawQuery(q): RawQuery) -> Result<Response, PageError> {
    part_page(&fam, Part::Household, None, &asked(q.as_deref())).await
}

/// `GET /gezinnen/{family}/betrokkenen`.
pub async fn involvements(fam: FamilyCtx, RawQuery(q): RawQuery) -> Result<Response, PageError> {
    part_page(&fam, Part::Involvements, None, &asked(q.as_deref())).await
}

/// The sub-page a form that came back belongs to, shown with it.
pub(super) async fn form_back(fam: &FamilyCtx, returned: Returned) -> Result<Response, PageError> {
    let part = match returned.form {
        "involvement" => Part::Involvements,
        "end" => part_of_ending(&returned.data.get("who")),
        _ => Part::Household,
    };
    part_page(fam, part, Some(returned), "").await
}

async fn part_page(
    fam: &FamilyCtx,
    part: Part,
    returned: Option<Returned>,
    asked: &str,
) -> Result<Response, PageError> {
    let (lang, grant) = (fam.lang, &fam.grant);
    let (o, ft) = (overview_texts(lang), family_texts(lang));
    let names = crate::auth::family_nav::nav_texts(lang);
    let family_id = grant.family_id.as_str();
    let loaded = async {
        let mut tx = fam.store().read().await?;
        let family = tx.family(&grant.family_id).await?;
        // Only the involvements page offers professionals to choose from.
        let people = match part {
            Part::Involvements => tx.principals().await?,
            Part::Household => Vec::new(),
        };
        Ok::<_, StoreError>((family, people))
    };
    let (family, people) = loaded.await?;
    let mut family = family.ok_or_else(PageError::not_found)?;
    // A partner whose consent does not cover the network sees none of it, not even in
    // the forms' choices.
    let sees_network = grant.sees(DataCategory::Network);
    if !sees_network {
        family.network.clear();
    }
    let r = returned.as_ref();
    let mut forms = file_forms(lang, &family, &people, r, (part, asked));
    forms.retain(|f| sees_network || !f.action.contains("/netwerk"));
    // Household and network are the lead's work: a partner reads them, without the forms
    // to change them.
    let household_note = (part == Part::Household && !grant.lead).then(|| {
        forms.clear();
        ft.household_lead_only
    });
    let has_errors = r.is_some_and(|r| !r.errors.is_empty() || r.warning);
    let (title, intro) = match part {
        Part::Household => (names.household_page, o.household_intro),
        Part::Involvements => (names.involvements_page, o.involvements_intro),
    };
    let summary = forms
        .iter()
        .fold(ErrorSummary::new(lang), |s, f| s.with_inputs(&f.inputs));
    let error = (has_errors && summary.is_empty()).then_some(lang.texts().admin_fix);
    let page = PartPage {
        x: ft,
        o,
        shell: fam.shell(&format!("/gezinnen/{family_id}{}", part.path())),
        nav: sub_nav(fam, part.path(), &family.label),
        title,
        intro: if forms.is_empty() { "" } else { intro },
        ecomap: (part == Part::Household).then(|| Ecomap::of(lang, &family, sees_network, today())),
        flower: part == Part::Involvements,
        regisseur: family.regisseur().map(|i| Petal::of(lang, i)),
        partners: family.partners().map(|i| Petal::of(lang, i)).collect(),
        forms,
        household_note,
        summary,
        error,
    };
    Ok(render(form_status(!has_errors), &page))
}

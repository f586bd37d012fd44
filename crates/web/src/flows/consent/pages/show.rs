//! The consent page: the framework, the consents with their state, what the lead still
//! has to ask, and the forms to record a consent or change the framework.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Framework, MemberKind};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{Family, Organisation, StoreError};

use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::flows::consent::texts::{ConsentTexts, consent as texts};
use crate::kit::dates::today;
use crate::kit::form::{
    Choice, ChoiceField, FormData, Input, TextField, choices, code_choices, code_label,
    code_select, with_none,
};
use crate::kit::i18n::Texts;
use crate::kit::outcome::Forms;
use crate::kit::pages::missing_consent_steps;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, PageError, Shell, render};

struct ConsentRow {
    id: String,
    step: String,
    organisation: String,
    purpose: String,
    categories: String,
    children: String,
    given_by: String,
    how: String,
    given_on: String,
    ends_on: String,
    status: &'static str,
    in_force: bool,
    /// The withdrawal reason as typed, and its message, when this withdrawal was refused.
    reason: String,
    reason_error: Option<&'static str>,
}

struct PageForm {
    title: &'static str,
    action: String,
    submit: &'static str,
    inputs: Vec<Input>,
}

#[derive(Template)]
#[template(path = "consent/consent.html")]
struct ConsentPage {
    shell: Shell,
    x: &'static ConsentTexts,
    nav: SubNav,
    family: Family,
    framework: String,
    framework_organisation: String,
    missing: Vec<String>,
    consents: Vec<ConsentRow>,
    forms: Vec<PageForm>,
    error: Option<String>,
    /// What was typed into a form that is no longer there (someone else was first).
    kept: Option<String>,
    summary: ErrorSummary,
}

/// A withdrawal refused because someone else withdrew the consent first: 409.
pub(super) const WITHDRAWN_MEANWHILE: &str = "withdrawn_meanwhile";

/// The page's forms as they stand: which came back (by name), and the sentence for the
/// top of the page.
pub(super) type ConsentForms = Forms<&'static str, String>;

fn names(people: &[(String, String)]) -> String {
    people
        .iter()
        .map(|(_, n)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn consent_forms(
    t: &'static Texts,
    lang: Lang,
    family: &Family,
    orgs: &[Organisation],
    forms: &ConsentForms,
) -> Vec<PageForm> {
    let x = texts(lang);
    let data_for = |form: &'static str| forms.of(form).0;
    let errors_of = |form: &'static str| forms.of(form).1;
    let err = |form: &'static str, id: &str| errors_of(form).get(id).copied();
    // A text field of form `form` as it came back.
    let field = |form: &'static str, data: &FormData, id: &'static str, label: &'static str| {
        TextField::new(id, label, &data.get(id), err(form, id))
    };
    let c = data_for("consent");
    let f = data_for("framework");
    let current = |kind: MemberKind| {
        family
            .members
            .iter()
            .filter(move |m| !m.ended && (kind == MemberKind::Household || m.kind == kind))
    };
    let people_choices = |id: &'static str, kind: MemberKind, data: &FormData| -> Vec<Choice> {
        let chosen = data.all(id);
        current(kind)
            .map(|m| Choice {
                value: m.id.clone(),
                label: match m.kind {
                    MemberKind::Child => {
                        crate::kit::dates::with_birth(lang, &m.name, m.date_of_birth)
                    }
                    _ => m.name.clone(),
                },
                selected: chosen.contains(&m.id),
            })
            .collect()
    };
    let org_choices = |id: &str, filter: &dyn Fn(&Organisation) -> bool| {
        with_none(
            t,
            choices(
                &orgs.iter().filter(|o| filter(o)).collect::<Vec<_>>(),
                |o| o.id.to_string(),
                |o| o.name.clone(),
                id,
            ),
            id,
        )
    };
    let categories_chosen = c.all("categories");
    vec![
        PageForm {
            title: t.record_consent,
            action: format!("/gezinnen/{}/toestemming", family.id),
            submit: t.record_consent,
            inputs: vec![
                code_select::<ConsentStep>("step", x.f_step, lang, c, errors_of("consent")),
                Input::Select(ChoiceField {
                    id: "organisation",
                    label: x.f_receiving_org,
                    options: org_choices(&c.get("organisation"), &|_| true),
                    error: err("consent", "organisation"),
                }),
                Input::Text(field("consent", c, "purpose", x.f_purpose)),
                Input::Checks(ChoiceField {
                    id: "categories",
                    label: x.f_categories,
                    options: DataCategory::ALL
                        .iter()
                        .map(|k| Choice {
                            value: k.code().into(),
                            label: code_label(lang, *k),
                            selected: categories_chosen.iter().any(|x| x == k.code()),
                        })
                        .collect(),
                    error: err("consent", "categories"),
                }),
                Input::Checks(ChoiceField {
                    id: "children",
                    label: x.f_children,
                    options: people_choices("children", MemberKind::Child, c),
                    error: err("consent", "children"),
                }),
                Input::Checks(ChoiceField {
                    id: "given_by",
                    label: x.f_given_by,
                    options: people_choices("given_by", MemberKind::Household, c),
                    error: err("consent", "given_by"),
                }),
                // Never an error of its own: `form` is where a field nobody types is refused.
                Input::Select(ChoiceField {
                    id: "form",
                    label: x.f_consent_form,
                    options: code_choices::<ConsentForm>(lang, &c.get("form")),
                    error: None,
                }),
                Input::Text(field("consent", c, "given_on", x.f_given_on).kind("date")),
                Input::Text(field("consent", c, "ends_on", x.f_ends_on).kind("date")),
            ],
        },
        PageForm {
            title: t.change_framework,
            action: format!("/gezinnen/{}/kader", family.id),
            submit: t.change_framework,
            inputs: vec![
                code_select::<Framework>(
                    "framework",
                    x.f_framework,
                    lang,
                    f,
                    errors_of("framework"),
                ),
                Input::Select(ChoiceField {
                    id: "basis_organisation",
                    label: x.f_basis_organisation,
                    options: org_choices(&f.get("basis_organisation"), &|o| {
                        matches!(
                            o.kind,
                            OrganisationKind::VeiligThuis | OrganisationKind::CertifiedInstitution
                        )
                    }),
                    error: err("framework", "basis_organisation"),
                }),
                Input::Text(field("framework", f, "ground", x.f_ground)),
                Input::Text(field("framework", f, "effective_on", x.f_effective_on).kind("date")),
            ],
        },
    ]
}

pub(super) async fn consent_page(
    fam: &FamilyCtx,
    forms: ConsentForms,
) -> Result<Response, PageError> {
    let (lang, t, x) = (fam.lang, fam.t(), texts(fam.lang));
    let family_id = fam.family_id();
    let loaded = async {
        let mut tx = fam.store().read().await?;
        let family = tx
            .family(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let consents = tx.consents(family_id).await?;
        let orgs = tx.organisations().await?;
        Ok::<_, StoreError>((family, consents, orgs))
    };
    let (family, consents, orgs) = loaded.await?;
    let today = today();
    let withdrawal = (forms.which() == Some(&"withdraw")).then_some(&forms);
    let org_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| orgs.iter().find(|o| &o.id == id))
            .map_or_else(String::new, |o| o.name.clone())
    };
    let rows: Vec<ConsentRow> = consents
        .iter()
        .map(|c| {
            let in_force = c.facts().in_force(today);
            ConsentRow {
                id: c.id.clone(),
                step: code_label(lang, c.step),
                organisation: c.organisation_name.clone().unwrap_or_default(),
                purpose: c.purpose.clone(),
                categories: c
                    .categories
                    .iter()
                    .map(|k| code_label(lang, *k))
                    .collect::<Vec<_>>()
                    .join(", "),
                children: names(&c.children),
                given_by: names(&c.given_by),
                how: code_label(lang, c.form),
                given_on: c.given_on.to_string(),
                ends_on: c.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                status: if c.withdrawn_at.is_some() {
                    x.status_withdrawn
                } else if in_force {
                    x.status_in_force
                } else {
                    x.status_not_in_force
                },
                in_force,
                reason: withdrawal
                    .filter(|r| r.data.get("consent") == c.id)
                    .map(|r| r.data.raw("reason"))
                    .unwrap_or_default(),
                reason_error: withdrawal
                    .filter(|r| r.data.get("consent") == c.id)
                    .and_then(|r| r.errs.get("reason").copied()),
            }
        })
        .collect();
    let status = match forms.which() {
        Some(&WITHDRAWN_MEANWHILE) => StatusCode::CONFLICT,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page_forms = consent_forms(t, lang, &family, &orgs, &forms);
    let summary = page_forms
        .iter()
        .fold(ErrorSummary::new(lang), |s, f| s.with_inputs(&f.inputs));
    let summary = rows.iter().fold(summary, |s, r| match r.reason_error {
        Some(message) => s.item(&format!("reason-{}", r.id), message),
        None => s,
    });
    Ok(render(
        status,
        &ConsentPage {
            shell: fam.shell(&format!("/gezinnen/{family_id}/toestemming")),
            x,
            nav: sub_nav(fam, "/toestemming", &family.label),
            framework: code_label(lang, family.framework),
            framework_organisation: org_name(&family.framework_organisation_id),
            missing: missing_consent_steps(lang, family.missing_consents(&consents, today)),
            consents: rows,
            forms: page_forms,
            summary,
            error: forms.problem.clone(),
            kept: (forms.which() == Some(&WITHDRAWN_MEANWHILE)).then(|| forms.data.raw("reason")),
            family,
        },
    ))
}

pub async fn show(fam: FamilyCtx) -> Result<Response, PageError> {
    consent_page(&fam, Forms::fresh()).await
}

//! Consent and framework screens for the regisseur, the "why can't I see this" page for
//! others in the circle, and break the glass. The rules are the domain's; these pages
//! collect input and show the verdict next to the field it concerns.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    ConsentError, ConsentForm, ConsentStep, DataCategory, EmergencyError, FileFacts, Framework,
    FrameworkError, Involved, MemberKind, may_join,
};
use eenplan_domain::family::{EmergencyPick, Postcode, pick_emergency_file};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{Consent, ConsentInput, Family, FrameworkInput, Organisation, StoreError};

use super::family::{back, failed, label_of, optional_date, principal, today};
use super::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, text_errors, with_none,
};
use super::{Shell, render};
use crate::AppState;
use crate::auth::Visitor;
use crate::auth::family::{FamilyGrant, access_entry, break_glass};
use crate::i18n::{Lang, Texts};

// ---- consent and framework ----

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
#[template(path = "families/consent.html")]
struct ConsentPage {
    shell: Shell,
    family: Family,
    framework: String,
    framework_organisation: String,
    missing: Vec<String>,
    consents: Vec<ConsentRow>,
    forms: Vec<PageForm>,
    error: Option<String>,
    /// What was typed into a form that is no longer there (someone else was first).
    kept: Option<String>,
}

/// A withdrawal refused because someone else withdrew the consent first: 409.
const WITHDRAWN_MEANWHILE: &str = "withdrawn_meanwhile";

/// A form coming back with errors.
struct Returned {
    form: &'static str,
    data: FormData,
    errors: Errors,
    message: Option<String>,
}

fn names(people: &[(String, String)]) -> String {
    people
        .iter()
        .map(|(_, n)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the regisseur still has to ask: the partners whose organisation the consents in
/// force do not (or no longer) let work with the family (the domain's `may_join`).
pub(super) fn missing_steps(lang: Lang, family: &Family, consents: &[Consent]) -> Vec<String> {
    let involved: Vec<Involved<'_>> = family
        .involvements
        .iter()
        .filter(|i| !i.ended)
        .map(|i| Involved {
            user_id: &i.user_id,
            role: i.role,
            organisation_id: &i.organisation_id,
            team_id: None,
        })
        .collect();
    let consents: Vec<_> = consents.iter().map(Consent::facts).collect();
    let facts = FileFacts {
        involved: &involved,
        framework: family.framework,
        basis_organisation: family.framework_organisation_id.as_deref(),
        consents: &consents,
        emergency_until: None,
    };
    let mut missing: Vec<String> = family
        .partners()
        .filter_map(|partner| {
            let step = may_join(
                facts,
                partner.role,
                &partner.organisation_id,
                partner.organisation_kind,
                today(),
            )
            .err()?;
            Some(format!(
                "{} — {} ({})",
                label_of(lang, step, ConsentStep::label_nl, ConsentStep::label_en),
                partner.organisation_name,
                partner.user_name
            ))
        })
        .collect();
    missing.sort();
    missing.dedup();
    missing
}

fn consent_forms(
    t: &'static Texts,
    lang: Lang,
    family: &Family,
    orgs: &[Organisation],
    returned: Option<&Returned>,
) -> Vec<PageForm> {
    let empty = FormData(vec![]);
    let data_for = |form: &str| {
        returned
            .filter(|r| r.form == form)
            .map_or(&empty, |r| &r.data)
    };
    let err = |form: &str, id: &str| {
        returned
            .filter(|r| r.form == form)
            .and_then(|r| r.errors.get(id).copied())
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
                label: match (m.kind, m.date_of_birth) {
                    (MemberKind::Child, Some(dob)) => format!("{} ({dob})", m.name),
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
                |o| o.id.clone(),
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
                Input::Select(ChoiceField {
                    id: "step",
                    label: t.f_step,
                    options: choices(
                        ConsentStep::ALL,
                        |s| s.code().into(),
                        |s| label_of(lang, *s, ConsentStep::label_nl, ConsentStep::label_en),
                        &c.get("step"),
                    ),
                    error: err("consent", "step"),
                }),
                Input::Select(ChoiceField {
                    id: "organisation",
                    label: t.f_receiving_org,
                    options: org_choices(&c.get("organisation"), &|_| true),
                    error: err("consent", "organisation"),
                }),
                Input::Text(TextField::new(
                    "purpose",
                    t.f_purpose,
                    &c.get("purpose"),
                    err("consent", "purpose"),
                )),
                Input::Checks(ChoiceField {
                    id: "categories",
                    label: t.f_categories,
                    options: DataCategory::ALL
                        .iter()
                        .map(|k| Choice {
                            value: k.code().into(),
                            label: label_of(
                                lang,
                                *k,
                                DataCategory::label_nl,
                                DataCategory::label_en,
                            ),
                            selected: categories_chosen.iter().any(|x| x == k.code()),
                        })
                        .collect(),
                    error: err("consent", "categories"),
                }),
                Input::Checks(ChoiceField {
                    id: "children",
                    label: t.f_children,
                    options: people_choices("children", MemberKind::Child, c),
                    error: err("consent", "children"),
                }),
                Input::Checks(ChoiceField {
                    id: "given_by",
                    label: t.f_given_by,
                    options: people_choices("given_by", MemberKind::Household, c),
                    error: err("consent", "given_by"),
                }),
                Input::Select(ChoiceField {
                    id: "form",
                    label: t.f_consent_form,
                    options: choices(
                        ConsentForm::ALL,
                        |s| s.code().into(),
                        |s| label_of(lang, *s, ConsentForm::label_nl, ConsentForm::label_en),
                        &c.get("form"),
                    ),
                    error: None,
                }),
                Input::Text(
                    TextField::new(
                        "given_on",
                        t.f_given_on,
                        &c.get("given_on"),
                        err("consent", "given_on"),
                    )
                    .kind("date"),
                ),
                Input::Text(
                    TextField::new(
                        "ends_on",
                        t.f_ends_on,
                        &c.get("ends_on"),
                        err("consent", "ends_on"),
                    )
                    .kind("date"),
                ),
            ],
        },
        PageForm {
            title: t.change_framework,
            action: format!("/gezinnen/{}/kader", family.id),
            submit: t.change_framework,
            inputs: vec![
                Input::Select(ChoiceField {
                    id: "framework",
                    label: t.f_framework,
                    options: choices(
                        Framework::ALL,
                        |s| s.code().into(),
                        |s| label_of(lang, *s, Framework::label_nl, Framework::label_en),
                        &f.get("framework"),
                    ),
                    error: err("framework", "framework"),
                }),
                Input::Select(ChoiceField {
                    id: "basis_organisation",
                    label: t.f_basis_organisation,
                    options: org_choices(&f.get("basis_organisation"), &|o| {
                        matches!(
                            o.kind,
                            OrganisationKind::VeiligThuis | OrganisationKind::CertifiedInstitution
                        )
                    }),
                    error: err("framework", "basis_organisation"),
                }),
                Input::Text(TextField::new(
                    "ground",
                    t.f_ground,
                    &f.get("ground"),
                    err("framework", "ground"),
                )),
                Input::Text(
                    TextField::new(
                        "effective_on",
                        t.f_effective_on,
                        &f.get("effective_on"),
                        err("framework", "effective_on"),
                    )
                    .kind("date"),
                ),
            ],
        },
    ]
}

async fn consent_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    family_id: &str,
    returned: Option<Returned>,
) -> Response {
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx
            .family(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let consents = tx.consents(family_id).await?;
        let orgs = tx.organisations().await?;
        Ok::<_, StoreError>((family, consents, orgs))
    };
    let (family, consents, orgs) = match loaded.await {
        Ok(x) => x,
        Err(e) => return failed(&e, headers),
    };
    let today = today();
    let withdrawal = returned.as_ref().filter(|r| r.form == "withdraw");
    let org_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| orgs.iter().find(|o| &o.id == id))
            .map_or_else(String::new, |o| o.name.clone())
    };
    let rows = consents
        .iter()
        .map(|c| {
            let in_force = c.facts().in_force(today);
            ConsentRow {
                id: c.id.clone(),
                step: label_of(lang, c.step, ConsentStep::label_nl, ConsentStep::label_en),
                organisation: c.organisation_name.clone().unwrap_or_default(),
                purpose: c.purpose.clone(),
                categories: c
                    .categories
                    .iter()
                    .map(|k| label_of(lang, *k, DataCategory::label_nl, DataCategory::label_en))
                    .collect::<Vec<_>>()
                    .join(", "),
                children: names(&c.children),
                given_by: names(&c.given_by),
                how: label_of(lang, c.form, ConsentForm::label_nl, ConsentForm::label_en),
                given_on: c.given_on.to_string(),
                ends_on: c.ends_on.map(|d| d.to_string()).unwrap_or_default(),
                status: if c.withdrawn_at.is_some() {
                    t.status_withdrawn
                } else if in_force {
                    t.status_in_force
                } else {
                    t.status_not_in_force
                },
                in_force,
                reason: withdrawal
                    .filter(|r| r.data.get("consent") == c.id)
                    .map(|r| r.data.raw("reason"))
                    .unwrap_or_default(),
                reason_error: withdrawal
                    .filter(|r| r.data.get("consent") == c.id)
                    .and_then(|r| r.errors.get("reason").copied()),
            }
        })
        .collect();
    let status = match &returned {
        Some(r) if r.form == WITHDRAWN_MEANWHILE => StatusCode::CONFLICT,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    render(
        status,
        &ConsentPage {
            shell: Shell::new(
                headers,
                visitor,
                &format!("/gezinnen/{family_id}/toestemming"),
            ),
            framework: label_of(
                lang,
                family.framework,
                Framework::label_nl,
                Framework::label_en,
            ),
            framework_organisation: org_name(&family.framework_organisation_id),
            missing: missing_steps(lang, &family, &consents),
            consents: rows,
            forms: consent_forms(t, lang, &family, &orgs, returned.as_ref()),
            error: returned.as_ref().and_then(|r| r.message.clone()),
            kept: returned
                .as_ref()
                .filter(|r| r.form == WITHDRAWN_MEANWHILE)
                .map(|r| r.data.raw("reason")),
            family,
        },
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    consent_page(&state, &headers, &visitor, &grant.family_id, None).await
}

/// Where a consent refusal points, and what to say there.
fn consent_error(t: &Texts, e: &ConsentError) -> (&'static str, &'static str, Option<String>) {
    match e {
        ConsentError::OrganisationNeeded => ("organisation", t.err_org_needed, None),
        ConsentError::NoOrganisationForStep => ("organisation", t.err_no_org_for_step, None),
        ConsentError::PurposeNeeded => ("purpose", t.err_required, None),
        ConsentError::CategoriesNeeded => ("categories", t.err_categories, None),
        ConsentError::NoChild | ConsentError::NotAChild(_) => ("children", t.err_children, None),
        ConsentError::NotAMember(_) => ("given_by", t.err_choose, None),
        ConsentError::InFuture => ("given_on", t.err_not_future, None),
        ConsentError::BeforeBirth { child } => (
            "given_on",
            t.err_before_birth,
            Some(format!("{} {child}.", t.err_before_birth)),
        ),
        ConsentError::EndsBeforeGiven => ("ends_on", t.err_ends_before, None),
        ConsentError::GivenOnImplausible(_) => ("given_on", t.err_date_range, None),
        ConsentError::EndsOnImplausible(_) => ("ends_on", t.err_date_range, None),
        ConsentError::NoCustodian { .. } => ("given_by", t.err_no_custodian, None),
        ConsentError::Missing(missing) => (
            "given_by",
            t.err_consent_missing,
            Some(format!(
                "{} {}",
                t.err_consent_missing,
                missing
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ),
    }
}

/// The consent as the form submitted it; field errors for what does not parse.
pub fn consent_input(data: &FormData, t: &Texts, errs: &mut Errors) -> Option<ConsentInput> {
    let step = data.get("step").parse::<ConsentStep>().ok();
    if step.is_none() {
        errs.insert("step", t.err_choose);
    }
    let form = data
        .get("form")
        .parse::<ConsentForm>()
        .unwrap_or(ConsentForm::Spoken);
    let categories: Vec<DataCategory> = data
        .all("categories")
        .iter()
        .filter_map(|c| c.parse().ok())
        .collect();
    let given_on = optional_date(data, "given_on", t, errs);
    if data.get("given_on").is_empty() {
        errs.insert("given_on", t.err_required);
    }
    let ends_on = optional_date(data, "ends_on", t, errs);
    let organisation = Some(data.get("organisation")).filter(|o| !o.is_empty());
    Some(ConsentInput {
        step: step?,
        organisation_id: organisation,
        purpose: data.get("purpose"),
        categories,
        children: data.all("children"),
        given_by: data.all("given_by"),
        form,
        given_on: given_on?,
        ends_on,
    })
}

pub async fn record(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return super::errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["purpose", "given_on", "ends_on"]);
    let mut message = None;
    if let Some(input) = consent_input(&data, t, &mut errs).filter(|_| errs.is_empty()) {
        let recorded = async {
            let mut tx = state.store.write().await?;
            tx.record_consent(&p.actor(), &grant.family_id, &p.user_id, &input, today())
                .await?;
            tx.commit().await
        };
        match recorded.await {
            Ok(()) => {
                return Redirect::to(&format!("/gezinnen/{}/toestemming", grant.family_id))
                    .into_response();
            }
            Err(StoreError::Consent(e)) => {
                let (field, msg, long) = consent_error(t, &e);
                errs.insert(field, msg);
                message = long;
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("organisation", t.err_choose);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    consent_page(
        &state,
        &headers,
        &visitor,
        &grant.family_id,
        Some(Returned {
            form: "consent",
            data,
            errors: errs,
            message,
        }),
    )
    .await
}

pub async fn withdraw(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, consent_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return super::errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let mut data = FormData::parse(&body);
    // Which consent's reason this is, so the page puts it back in that row.
    data.0.push(("consent".to_owned(), consent_id.clone()));
    let reason = data.get("reason");
    let mut errs = text_errors(&data, t, &["reason"]);
    let mut form = "withdraw";
    let mut message = None;
    if reason.is_empty() {
        errs.entry("reason").or_insert(t.err_required);
    }
    if errs.is_empty() {
        let withdrawn = async {
            let mut tx = state.store.write().await?;
            tx.withdraw_consent(
                &p.actor(),
                &grant.family_id,
                &consent_id,
                &p.user_id,
                &reason,
            )
            .await?;
            tx.commit().await
        };
        match withdrawn.await {
            Ok(()) => {
                return Redirect::to(&format!("/gezinnen/{}/toestemming", grant.family_id))
                    .into_response();
            }
            Err(StoreError::NotFound(_)) => {
                // Withdrawn by someone else in between, or no such consent at all.
                let known = async {
                    let mut tx = state.store.read().await?;
                    let consents = tx.consents(&grant.family_id).await?;
                    Ok::<_, StoreError>(consents.iter().any(|c| c.id == consent_id))
                };
                match known.await {
                    Ok(true) => {
                        form = WITHDRAWN_MEANWHILE;
                        message = Some(t.err_withdrawn_meanwhile.to_owned());
                    }
                    Ok(false) => {
                        return super::errors::not_found_page(&headers, &visitor, "/gezinnen");
                    }
                    Err(e) => return failed(&e, &headers),
                }
            }
            Err(StoreError::Invalid(_)) => {
                errs.insert("reason", t.err_required);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    if !errs.is_empty() {
        message = Some(t.admin_fix.to_owned());
    }
    consent_page(
        &state,
        &headers,
        &visitor,
        &grant.family_id,
        Some(Returned {
            form,
            data,
            errors: errs,
            message,
        }),
    )
    .await
}

pub async fn framework(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return super::errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["ground", "effective_on"]);
    let framework = data.get("framework").parse::<Framework>().ok();
    if framework.is_none() {
        errs.insert("framework", t.err_choose);
    }
    let effective_on = optional_date(&data, "effective_on", t, &mut errs);
    if data.get("effective_on").is_empty() {
        errs.entry("effective_on").or_insert(t.err_required);
    }
    if let (Some(framework), Some(effective_on), true) = (framework, effective_on, errs.is_empty())
    {
        let organisation = Some(data.get("basis_organisation")).filter(|o| !o.is_empty());
        let changed = async {
            let mut tx = state.store.write().await?;
            tx.change_framework(
                &p.actor(),
                &grant.family_id,
                &FrameworkInput {
                    framework,
                    organisation_id: organisation.clone(),
                    ground: data.get("ground"),
                    effective_on,
                },
                today(),
            )
            .await?;
            tx.commit().await
        };
        match changed.await {
            Ok(()) => return back(&grant.family_id),
            Err(StoreError::Framework(e)) => {
                let (field, msg) = framework_error(t, e);
                errs.insert(field, msg);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("basis_organisation", t.err_choose);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    consent_page(
        &state,
        &headers,
        &visitor,
        &grant.family_id,
        Some(Returned {
            form: "framework",
            data,
            errors: errs,
            message: None,
        }),
    )
    .await
}

pub fn framework_error(t: &Texts, e: FrameworkError) -> (&'static str, &'static str) {
    match e {
        FrameworkError::GroundNeeded => ("ground", t.err_required),
        FrameworkError::InFuture => ("effective_on", t.err_not_future),
        FrameworkError::Implausible(_) => ("effective_on", t.err_date_range),
        FrameworkError::OrganisationNeeded
        | FrameworkError::WrongOrganisationKind(_)
        | FrameworkError::NoOrganisationInVoluntary => ("basis_organisation", t.err_framework_org),
        FrameworkError::Unchanged => ("framework", t.err_framework_same),
    }
}

// ---- anonymous consultation ----

#[derive(Template)]
#[template(path = "families/anonymous.html")]
struct AnonymousPage {
    shell: Shell,
    family_id: String,
    rows: Vec<(&'static str, String)>,
}

/// The summary shown in an anonymous consultation: no consent needed, nothing that
/// identifies the family (the domain decides what that leaves).
pub async fn anonymous(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    let lang = Lang::from_headers(&headers);
    let t = lang.texts();
    let summary = match state.store.read().await {
        Ok(mut tx) => tx.anonymous_summary(&grant.family_id, today()).await,
        Err(e) => Err(e),
    };
    let s = match summary {
        Ok(Some(s)) => s,
        Ok(None) => return super::errors::not_found_page(&headers, &visitor, "/gezinnen"),
        Err(e) => return failed(&e, &headers),
    };
    let join = |items: Vec<String>| {
        if items.is_empty() {
            "—".to_owned()
        } else {
            items.join(", ")
        }
    };
    let rows = vec![
        (
            t.anon_children,
            join(
                s.children_ages
                    .iter()
                    .map(|a| format!("{a} {}", t.years))
                    .collect(),
            ),
        ),
        (
            t.anon_parents,
            format!("{} ({})", s.parents, s.parents_with_custody),
        ),
        (t.anon_household, s.other_household_members.to_string()),
        (
            t.f_framework,
            label_of(lang, s.framework, Framework::label_nl, Framework::label_en),
        ),
        (
            t.anon_scales,
            join(s.safety_scales.iter().map(u8::to_string).collect()),
        ),
        (
            t.anon_domains,
            join(
                s.life_domains
                    .iter()
                    .map(|d| {
                        label_of(
                            lang,
                            *d,
                            eenplan_domain::family::LifeDomain::label_nl,
                            eenplan_domain::family::LifeDomain::label_en,
                        )
                    })
                    .collect(),
            ),
        ),
        (
            t.anon_involved,
            join(
                s.involved
                    .iter()
                    .map(|(k, n)| {
                        format!(
                            "{} ({n})",
                            label_of(
                                lang,
                                *k,
                                OrganisationKind::label_nl,
                                OrganisationKind::label_en
                            )
                        )
                    })
                    .collect(),
            ),
        ),
        (
            t.anon_worries,
            format!("{} / {}", s.worries, s.danger_statements),
        ),
    ];
    render(
        StatusCode::OK,
        &AnonymousPage {
            shell: Shell::new(
                &headers,
                &visitor,
                &format!("/gezinnen/{}/anoniem", grant.family_id),
            ),
            family_id: grant.family_id.clone(),
            rows,
        },
    )
}

// ---- break the glass ----

#[derive(Template)]
#[template(path = "emergency.html")]
struct EmergencyPage {
    shell: Shell,
    inputs: Vec<Input>,
    message: Option<&'static str>,
    /// Not a care role: the form is not offered.
    refused: bool,
}

/// Why the page is shown again.
struct EmergencyNote {
    status: StatusCode,
    message: Option<&'static str>,
    ask_postcode: bool,
    refused: bool,
}

impl EmergencyNote {
    const FRESH: EmergencyNote = EmergencyNote {
        status: StatusCode::OK,
        message: None,
        ask_postcode: false,
        refused: false,
    };

    fn again(message: Option<&'static str>) -> Self {
        EmergencyNote {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message,
            ..Self::FRESH
        }
    }
}

fn emergency_page(
    headers: &HeaderMap,
    visitor: &Visitor,
    data: &FormData,
    errs: &Errors,
    note: EmergencyNote,
) -> Response {
    let lang = Lang::from_headers(headers);
    let (t, a) = (lang.texts(), crate::access_texts::texts(lang));
    let status = if errs.is_empty() {
        note.status
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut inputs = vec![
        Input::Text(TextField::new(
            "child_name",
            t.f_child_name,
            &data.get("child_name"),
            errs.get("child_name").copied(),
        )),
        Input::Text(
            TextField::new(
                "date_of_birth",
                t.f_birth_date,
                &data.get("date_of_birth"),
                errs.get("date_of_birth").copied(),
            )
            .kind("date"),
        ),
    ];
    // The second step: several files match, the postcode tells them apart.
    if note.ask_postcode || !data.get("postcode").is_empty() || errs.contains_key("postcode") {
        inputs.push(Input::Text(TextField::new(
            "postcode",
            a.emergency_postcode,
            &data.get("postcode"),
            errs.get("postcode").copied(),
        )));
    }
    inputs.push(Input::Text(
        TextField::new(
            "reason",
            t.f_emergency_reason,
            &data.get("reason"),
            errs.get("reason").copied(),
        )
        .kind("textarea"),
    ));
    render(
        status,
        &EmergencyPage {
            shell: Shell::new(headers, visitor, "/noodtoegang"),
            inputs,
            message: note.message,
            refused: note.refused,
        },
    )
}

pub async fn emergency_form(
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    let care = principal(&visitor)
        .is_some_and(|p| eenplan_domain::role::is_care_role(&p.roles, p.organisation_kind));
    let note = if care {
        EmergencyNote::FRESH
    } else {
        EmergencyNote {
            message: Some(
                crate::access_texts::texts(Lang::from_headers(&headers)).emergency_not_care,
            ),
            refused: true,
            ..EmergencyNote::FRESH
        }
    };
    emergency_page(&headers, &visitor, &FormData(vec![]), &Errors::new(), note)
}

/// A refused emergency ask, for the privacy officer: what was asked, never the reason
/// (it may describe the child's situation and is not needed to review a refusal).
fn refused_ask(data: &FormData, why: &str) -> String {
    format!(
        "POST /noodtoegang refused ({why}): name={:?} birth={:?} postcode={:?}",
        data.get("child_name"),
        data.get("date_of_birth"),
        data.get("postcode")
    )
}

/// Finds the child's file by name and date of birth (and, when several match, the
/// postcode) and opens that one file for an hour. Exact, so that an emergency is not a
/// way to browse: the professional must already know whom the emergency is about. Only
/// a care role may ask, and every ask that opens nothing is logged as refused.
pub async fn emergency(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    crate::client::Client(client): crate::client::Client,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return super::errors::internal(false, &headers);
    };
    let lang = Lang::from_headers(&headers);
    let (t, a) = (lang.texts(), crate::access_texts::texts(lang));
    let data = FormData::parse(&body);
    let refuse = async |why: &str, family_id: Option<String>| {
        let mut entry = access_entry(
            p,
            eenplan_domain::access_log::AccessEvent::Emergency,
            None,
            family_id,
            refused_ask(&data, why),
            &client,
        );
        entry.granted = false;
        state.store.log_access(entry).await
    };
    let now = UtcTime::now();
    // Text the platform cannot take comes back at its field before anything is looked
    // up or logged: nothing was accessed yet.
    let mut errs = text_errors(
        &data,
        t,
        &["reason", "child_name", "date_of_birth", "postcode"],
    );
    if !errs.is_empty() {
        return emergency_page(&headers, &visitor, &data, &errs, EmergencyNote::again(None));
    }
    match eenplan_domain::family::check_emergency_request(
        &p.roles,
        p.organisation_kind,
        &data.get("reason"),
    ) {
        Err(EmergencyError::NotACareRole) => {
            if let Err(e) = refuse("not a care role", None).await {
                return failed(&e, &headers);
            }
            let note = EmergencyNote {
                status: StatusCode::FORBIDDEN,
                message: Some(a.emergency_not_care),
                ask_postcode: false,
                refused: true,
            };
            return emergency_page(&headers, &visitor, &data, &Errors::new(), note);
        }
        Err(_) => {
            errs.insert("reason", t.err_emergency_reason);
        }
        Ok(()) => {}
    }
    if data.get("child_name").is_empty() {
        errs.insert("child_name", t.err_required);
    }
    let dob = optional_date(&data, "date_of_birth", t, &mut errs);
    if dob.is_none() && !errs.contains_key("date_of_birth") {
        errs.insert("date_of_birth", t.err_required);
    }
    let postcode = match data.get("postcode") {
        text if text.is_empty() => None,
        text => Postcode::parse(&text)
            .map_err(|_| errs.insert("postcode", t.err_postcode))
            .ok(),
    };
    let Some(dob) = dob.filter(|_| errs.is_empty()) else {
        if let Err(e) = refuse("incomplete or reason too short", None).await {
            return failed(&e, &headers);
        }
        return emergency_page(&headers, &visitor, &data, &errs, EmergencyNote::again(None));
    };
    let found = async {
        let mut tx = state.store.read().await?;
        tx.families_with_child(&data.get("child_name"), dob).await
    };
    let candidates: Vec<(String, Postcode)> = match found.await {
        Ok(f) => f
            .into_iter()
            .filter_map(|f| Postcode::parse(&f.postcode).ok().map(|pc| (f.id, pc)))
            .collect(),
        Err(e) => return failed(&e, &headers),
    };
    let family_id = match pick_emergency_file(&candidates, postcode.as_ref()) {
        EmergencyPick::One(id) => id,
        EmergencyPick::NoMatch => {
            if let Err(e) = refuse("no match", None).await {
                return failed(&e, &headers);
            }
            return emergency_page(
                &headers,
                &visitor,
                &data,
                &errs,
                EmergencyNote::again(Some(t.emergency_none)),
            );
        }
        EmergencyPick::AskPostcode => {
            if let Err(e) = refuse("several files match: postcode asked", None).await {
                return failed(&e, &headers);
            }
            let note = EmergencyNote {
                ask_postcode: true,
                ..EmergencyNote::again(Some(a.emergency_ask_postcode))
            };
            return emergency_page(&headers, &visitor, &data, &errs, note);
        }
        EmergencyPick::StillSeveral => {
            if let Err(e) = refuse("several files match at this postcode", None).await {
                return failed(&e, &headers);
            }
            let note = EmergencyNote {
                ask_postcode: true,
                ..EmergencyNote::again(Some(a.emergency_still_several))
            };
            return emergency_page(&headers, &visitor, &data, &errs, note);
        }
    };
    let opened = async {
        let mut tx = state.store.write().await?;
        let route = ("POST /noodtoegang", client.as_str());
        match break_glass(&mut tx, p, &family_id, &data.get("reason"), route, now).await {
            Ok(_) => tx.commit().await,
            // Already in the circle: nothing to break, just open the file.
            Err(StoreError::Emergency(EmergencyError::AlreadyHasAccess)) => Ok(()),
            Err(e) => Err(e),
        }
    };
    match opened.await {
        Ok(()) => back(&family_id),
        Err(e) => failed(&e, &headers),
    }
}

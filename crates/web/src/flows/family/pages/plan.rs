//! The family's one plan in the browser: the form, saving a version, comparing versions,
//! the family's agreement and the printable plan.
//!
//! Nothing typed is ever lost: the form is kept as the person typed it ([`PlanForm`]),
//! read into a [`Plan`] only to save it, and shown again exactly as typed, with each
//! message next to its field or row, when something is wrong (422) or when someone
//! else saved in between (409). A version is only ever saved from what was submitted,
//! and saving keeps every part of the plan, also the goals per life domain.

use crate::flows::family::refusal::agreement_sentence;
use crate::flows::family::texts::{FamilyTexts, family_texts};
use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::text::check_text;
use eenplan_store::{Family, StoreError};
use serde::Deserialize;

use super::plan_form::*;
use super::{back_to, file_and};
use crate::auth::family::FamilyCtx;
use crate::flows::family::texts::{PlanTexts, plan_texts};
use crate::kit::dates::dutch_date;
use crate::kit::form::{Choice, ChoiceField, FormData, Input, TextField};
use crate::kit::i18n::{Lang, Texts};
use crate::kit::{PageError, Shell, render};
use eenplan_domain::family::{
    ActionStatus, Framework, LifeDomain, MAX_SCALE, Plan, PlanAction, PlanChange, PlanLine,
    PlanSection, diff,
};
use eenplan_store::PlanSave;

/// A field of the form with its title, hint, text and message, for the template.
pub struct TextArea {
    pub id: &'static str,
    pub title: &'static str,
    pub text: String,
    pub error: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "family/plan.html")]
struct PlanPage {
    x: &'static FamilyTexts,
    shell: Shell,
    pt: &'static PlanTexts,
    family_id: String,
    label: String,
    version: i64,
    form: PlanForm,
    areas: Vec<TextArea>,
    domains: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    max_scale: u8,
    conflict: Vec<ChangeView>,
    not_saved: bool,
    agreed: Vec<String>,
    agree_inputs: Vec<Input>,
    agree_error: Option<String>,
}

/// What the page shows besides the stored plan: the form as typed, a conflict, and the
/// agreement form as it was sent.
#[derive(Default)]
struct Shown {
    form: Option<PlanForm>,
    conflict: Vec<PlanChange>,
    agree_selected: Vec<String>,
    agree_view: String,
    agree_error: Option<String>,
    agree_view_error: Option<&'static str>,
}

async fn plan_page(
    fam: &FamilyCtx,
    status: StatusCode,
    shown: Shown,
) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let ft = family_texts(lang);
    let (t, pt) = (lang.texts(), plan_texts(lang));
    let (family, (version, current, agreed)) = file_and(fam, async |tx| {
        let (version, plan) = tx.current_plan(family_id).await?;
        Ok((version, plan, tx.plan_agreements(family_id, version).await?))
    })
    .await?;
    let not_saved = shown.form.as_ref().is_some_and(PlanForm::has_errors);
    let form = shown
        .form
        .unwrap_or_else(|| PlanForm::from_plan(&current, version));
    let areas = sections(lang)
        .iter()
        .map(|(id, title)| TextArea {
            id,
            title,
            text: form
                .texts
                .iter()
                .find(|(f, _)| f == id)
                .map(|(_, text)| text.clone())
                .unwrap_or_default(),
            error: form.errors.get(id).copied(),
        })
        .collect();
    let label = |l: Lang, nl: &'static str, en: &'static str| if l == Lang::Nl { nl } else { en };
    let page = PlanPage {
        x: family_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}/plan")),
        pt,
        family_id: family_id.to_string(),
        label: family.label.clone(),
        version,
        areas,
        domains: LifeDomain::ALL
            .iter()
            .map(|d| (d.code(), label(lang, d.label_nl(), d.label_en())))
            .collect(),
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| (s.code(), label(lang, s.label_nl(), s.label_en())))
            .collect(),
        max_scale: MAX_SCALE,
        conflict: described(lang, &shown.conflict),
        not_saved,
        form,
        agreed: agreed_by(lang, &family, &agreed),
        agree_inputs: vec![Input::Checks(ChoiceField {
            id: "members",
            label: t.members,
            options: family
                .members
                .iter()
                .filter(|m| !m.ended)
                .map(|m| Choice {
                    value: m.id.clone(),
                    label: m.name.clone(),
                    selected: shown.agree_selected.contains(&m.id),
                })
                .collect(),
            error: None,
        })]
        .into_iter()
        .chain(
            // Under a court order the family's view is recorded instead of agreement.
            (family.framework == Framework::CourtOrder).then(|| {
                Input::Text(
                    TextField::new(
                        "view",
                        ft.f_family_view,
                        &shown.agree_view,
                        shown.agree_view_error,
                    )
                    .kind("textarea"),
                )
            }),
        )
        .collect(),
        agree_error: shown.agree_error,
    };
    Ok(render(status, &page))
}

/// "Kim Jansen (5 dec 2026)" for everyone who agreed to the version.
fn agreed_by(lang: Lang, family: &Family, agreed: &[(String, String)]) -> Vec<String> {
    agreed
        .iter()
        .map(|(member, at)| {
            let name = family
                .members
                .iter()
                .find(|m| &m.id == member)
                .map(|m| m.name.clone())
                .unwrap_or_default();
            let day = eenplan_domain::UtcTime::parse(at)
                .map(|t| dutch_date(lang, eenplan_domain::time::amsterdam_date(t)))
                .unwrap_or_default();
            format!("{name} ({day})")
        })
        .collect()
}

pub async fn plan_show(fam: FamilyCtx) -> Result<Response, PageError> {
    plan_page(&fam, StatusCode::OK, Shown::default()).await
}

pub async fn plan_save(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let mut form = PlanForm::from_submitted(&data);
    let Some(plan) = form.read(fam.lang) else {
        let shown = Shown {
            form: Some(form),
            ..Shown::default()
        };
        return plan_page(&fam, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
    };
    let saved = fam
        .change(p, async |tx, by| {
            tx.save_plan(&by.actor, by.user, by.family, form.based_on, &plan)
                .await
        })
        .await?;
    match saved {
        PlanSave::Saved { .. } => Ok(back_to(fam.family_id().as_str(), "/plan")),
        PlanSave::Conflict { current, changes } => {
            // Saving again is a deliberate choice to keep this version over theirs.
            form.based_on = current;
            let shown = Shown {
                form: Some(form),
                conflict: changes,
                ..Shown::default()
            };
            plan_page(&fam, StatusCode::CONFLICT, shown).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    van: i64,
    tot: i64,
}

#[derive(Template)]
#[template(path = "family/compare.html")]
struct ComparePage {
    x: &'static FamilyTexts,
    shell: Shell,
    family_id: String,
    label: String,
    from: i64,
    to: i64,
    changes: Vec<ChangeView>,
}

pub async fn plan_compare(
    fam: FamilyCtx,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let (f, versions) = file_and(&fam, async |tx| {
        Ok((
            tx.plan_version(family_id, q.van).await?,
            tx.plan_version(family_id, q.tot).await?,
        ))
    })
    .await?;
    let (Some(a), Some(b)) = versions else {
        return Err(PageError::not_found());
    };
    let page = ComparePage {
        x: family_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}/plan")),
        family_id: family_id.to_string(),
        label: f.label,
        from: q.van,
        to: q.tot,
        changes: described(lang, &diff(&a, &b)),
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn plan_agree(fam: FamilyCtx, form: FormData) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let ft = family_texts(lang);
    let (t, pt) = (lang.texts(), plan_texts(lang));
    let version: i64 = form.get("version").parse().unwrap_or(0);
    // The plan form shows the stored plan: nothing was typed into it on this request.
    let mut shown = Shown {
        agree_selected: form.all("members"),
        agree_view: form.raw("view"),
        ..Shown::default()
    };
    if let Err(problem) = check_text(crate::input::field_kind("view"), &shown.agree_view) {
        shown.agree_view_error = Some(crate::input::page_message(t, problem));
        return plan_page(&fam, StatusCode::UNPROCESSABLE_ENTITY, shown).await;
    }
    let (members, view) = (&shown.agree_selected, shown.agree_view.trim());
    let agreed = fam
        .change(p, async |tx, by| {
            tx.record_plan_agreement(&by.actor, by.user, by.family, version, members, view)
                .await
        })
        .await;
    let refusal = match agreed {
        Ok(_) => return Ok(back_to(fam.family_id().as_str(), "/plan")),
        Err(StoreError::Agreement(e)) => agreement_sentence(lang, &e),
        Err(StoreError::NotFound(_)) => ft.err_plan_version_unknown.to_owned(),
        Err(StoreError::Invalid(_) | StoreError::Duplicate(_)) => pt.err_agree_who.to_owned(),
        Err(e) => return Err(e.into()),
    };
    shown.agree_error = Some(refusal);
    plan_page(&fam, StatusCode::UNPROCESSABLE_ENTITY, shown).await
}

#[derive(Template)]
#[template(path = "family/print.html")]
struct PrintPage {
    t: &'static Texts,
    x: &'static FamilyTexts,
    label: String,
    version: i64,
    review_date: String,
    sections: Vec<(&'static str, Vec<String>)>,
}

/// The plan on paper for the family.
pub async fn plan_print(fam: FamilyCtx) -> Result<Response, PageError> {
    let lang = fam.lang;
    let (f, (version, plan)) =
        file_and(&fam, async |tx| tx.current_plan(fam.family_id()).await).await?;
    let page = PrintPage {
        t: lang.texts(),
        x: family_texts(lang),
        label: f.label,
        version,
        review_date: plan
            .review_date
            .map(|d| dutch_date(lang, d))
            .unwrap_or_default(),
        sections: printed_sections(lang, &plan),
    };
    Ok(render(StatusCode::OK, &page))
}

/// A life domain in the visitor's language.
fn domain_label(lang: Lang, d: LifeDomain) -> &'static str {
    match lang {
        Lang::Nl => d.label_nl(),
        Lang::En => d.label_en(),
    }
}

/// "Kim — intake bij schuldhulp, uiterlijk op 15 december 2026 (gepland)".
fn action_sentence(lang: Lang, a: &PlanAction) -> String {
    let pt = plan_texts(lang);
    let status = match lang {
        Lang::Nl => a.status.label_nl(),
        Lang::En => a.status.label_en(),
    };
    let due = a
        .due
        .map(|x| format!(", {} {}", pt.due.to_lowercase(), dutch_date(lang, x)))
        .unwrap_or_default();
    format!("{} — {}{due} ({})", a.who, a.what, status.to_lowercase())
}

/// The plan as sentences on paper, in the family's words and Dutch dates.
fn printed_sections(lang: Lang, plan: &Plan) -> Vec<(&'static str, Vec<String>)> {
    let (ft, pt) = (family_texts(lang), plan_texts(lang));
    let mut out: Vec<(&'static str, Vec<String>)> = sections(lang)
        .iter()
        .map(|(field, title)| (*title, section_items(plan, field).to_vec()))
        .collect();
    out.push((
        ft.p_scales,
        plan.scales
            .iter()
            .map(|s| format!("{}: {}", s.who, s.score))
            .collect(),
    ));
    out.push((
        pt.domain_goals,
        plan.domains
            .iter()
            .flat_map(|d| {
                d.goals
                    .iter()
                    .map(move |g| format!("{}: {g}", domain_label(lang, d.domain)))
            })
            .collect(),
    ));
    out.push((
        ft.p_actions,
        plan.domains
            .iter()
            .flat_map(|d| {
                d.actions.iter().map(move |a| {
                    format!(
                        "{}: {}",
                        domain_label(lang, d.domain),
                        action_sentence(lang, a)
                    )
                })
            })
            .collect(),
    ));
    out
}

/// One part of a comparison between two versions, in words: the section's title and the
/// lines added and removed as sentences, with Dutch dates and no codes.
#[derive(Debug)]
pub struct ChangeView {
    pub title: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

fn described(lang: Lang, changes: &[PlanChange]) -> Vec<ChangeView> {
    let (ft, pt) = (family_texts(lang), plan_texts(lang));
    let line = |l: &PlanLine| match l {
        PlanLine::Text(text) => text.clone(),
        PlanLine::Scale(s) => format!("{}: {}", s.who, s.score),
        PlanLine::Goal(goal) => format!("{}: {goal}", pt.goal),
        PlanLine::Action(a) => format!("{}: {}", pt.action, action_sentence(lang, a)),
        PlanLine::ReviewDate(d) => dutch_date(lang, *d),
    };
    changes
        .iter()
        .map(|c| ChangeView {
            title: match c.section {
                PlanSection::Worries => ft.p_worries,
                PlanSection::DangerStatements => ft.p_danger,
                PlanSection::WorkingWell => ft.p_working_well,
                PlanSection::NeedsToHappen => ft.p_needs,
                PlanSection::SafetyGoals => ft.p_goals,
                PlanSection::Conditions => ft.p_conditions,
                PlanSection::Scales => ft.p_scales,
                PlanSection::Domain(d) => domain_label(lang, d),
                PlanSection::ReviewDate => ft.p_review,
            }
            .to_owned(),
            added: c.added.iter().map(line).collect(),
            removed: c.removed.iter().map(line).collect(),
        })
        .collect()
}

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

use super::plan_form::{ChoiceGroup, Part, PlanForm, TextRow, people};
use super::{back_to, file_and};
use crate::auth::family::FamilyCtx;
use crate::flows::family::texts::{PlanTexts, plan_texts};
use crate::kit::dates::{dutch_date, long_date, when};
use crate::kit::form::{Choice, ChoiceField, FormData, Input, TextField};
use crate::kit::i18n::{Lang, Texts};
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Shell, render};
use eenplan_domain::family::{
    ActionStatus, Framework, InFile, LifeDomain, MAX_SCALE, Plan, PlanAction, PlanChange, PlanLine,
    PlanSection, SafetyGoal, Scale, ScoreBy, diff,
};
use eenplan_store::{PlanSave, PlanVersionInfo};
mod chart;
mod compare;
mod print;

use chart::{CHART_VERSIONS, ScoreChart, score_chart};
pub use compare::plan_compare;
use compare::{ChangeView, described};
pub use print::plan_print;

/// One of the text parts for the template: the safety map's lists and the conditions.
pub struct ListView {
    pub name: &'static str,
    pub title: &'static str,
    pub item: &'static str,
    pub rows: Vec<TextRow>,
}

/// A group of people a "who" offers: (group title, [(form value, name)]).
pub type PeopleGroup = (&'static str, Vec<(String, String)>);

/// A saved version in the list.
pub struct VersionView {
    pub number: i64,
    pub saved_on: String,
    pub saved_by: String,
}

#[derive(Template)]
#[template(path = "family/plan.html")]
struct PlanPage {
    x: &'static FamilyTexts,
    shell: Shell,
    nav: crate::auth::family_nav::SubNav,
    pt: &'static PlanTexts,
    family_id: String,
    label: String,
    version: i64,
    form: PlanForm,
    /// The safety map's three columns: worries with the danger statements, working
    /// well, needs to happen.
    columns: Vec<Vec<ListView>>,
    conditions: ListView,
    people: Vec<PeopleGroup>,
    domains: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    max_scale: u8,
    conflict: Vec<ChangeView>,
    /// The form's messages and the agreement's, each linked to its input.
    summary: ErrorSummary,
    announce: String,
    versions: Vec<VersionView>,
    compare_from: i64,
    chart: Option<ScoreChart>,
    may_agree: Vec<String>,
    agreed: Vec<String>,
    /// The signed plans attached to this version: link and title.
    signed: Vec<(String, String)>,
    agree_inputs: Vec<Input>,
    agree_error: Option<String>,
    /// The family's own scales and views (issue 17 §3), newest first, as sentences.
    family_added: Vec<String>,
}

impl PlanPage {
    /// Whether row `n` of `part` was just added, so its first input takes the focus.
    fn focused(&self, part: &str, n: &usize) -> bool {
        self.form
            .focus
            .is_some_and(|(p, at)| p.name() == part && at == *n)
    }

    /// Whether a row of `part` was just removed, so its add button takes the focus.
    fn add_focused(&self, part: &str) -> bool {
        self.form.removed_from.is_some_and(|p| p.name() == part)
    }
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

/// Everything a plan page reads, in one transaction.
struct Stored {
    family: Family,
    version: i64,
    plan: Plan,
    history: Vec<PlanVersionInfo>,
    /// The newest [`CHART_VERSIONS`] plans, newest first, for the scores over time.
    recent: Vec<(i64, Plan)>,
    agreed: Vec<(String, String)>,
    signed: Vec<eenplan_store::DocumentMeta>,
    may_agree: Vec<String>,
    /// The people of the file a plan's "who" chooses from.
    in_file: Vec<InFile>,
    /// What the family added through the portal, and their own agreements to this
    /// version.
    family_added: Vec<eenplan_store::FamilyAddition>,
    family_agreed: Vec<(String, String)>,
}

async fn stored(fam: &FamilyCtx) -> Result<Stored, PageError> {
    let family_id = fam.family_id();
    let (family, (version, plan, history, recent, (agreed, signed), may_agree, in_file)) =
        file_and(fam, async |tx| {
            let (version, plan) = tx.current_plan(family_id).await?;
            let history = tx.plan_history(family_id).await?;
            let recent = tx.recent_plans(family_id, CHART_VERSIONS).await?;
            let agreed = tx.plan_agreements(family_id, version).await?;
            let signed = tx.signed_plans(family_id, version).await?;
            // Under a court order nobody agrees (the family's view is recorded instead).
            let may_agree = match tx.who_agrees(family_id).await {
                Ok(ids) => ids,
                Err(StoreError::Agreement(_)) => Vec::new(),
                Err(e) => return Err(e),
            };
            let in_file = tx.plan_people_in_file(family_id).await?;
            let family_added = tx.family_plan_additions(family_id.as_str()).await?;
            let family_agreed = tx
                .family_plan_agreements(family_id.as_str(), version)
                .await?;
            let in_file = (in_file, family_added, family_agreed);
            let agreement = (agreed, signed);
            Ok((
                version, plan, history, recent, agreement, may_agree, in_file,
            ))
        })
        .await?;
    let (in_file, family_added, family_agreed) = in_file;
    Ok(Stored {
        family,
        version,
        plan,
        history,
        recent,
        agreed,
        signed,
        may_agree,
        in_file,
        family_added,
        family_agreed,
    })
}

fn member_name(family: &Family, id: &str) -> String {
    family
        .members
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

async fn plan_page(
    fam: &FamilyCtx,
    status: StatusCode,
    shown: Shown,
) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let ft = family_texts(lang);
    let (t, pt) = (lang.texts(), plan_texts(lang));
    let Stored {
        family,
        version,
        plan: current,
        history,
        recent,
        agreed,
        signed,
        may_agree,
        in_file,
        family_added,
        family_agreed,
    } = stored(fam).await?;
    let form = shown
        .form
        .unwrap_or_else(|| PlanForm::from_plan(&current, version));
    let list = |part: Part| {
        let rows = form
            .lists
            .iter()
            .find(|l| l.part == part)
            .map(|l| l.rows.clone())
            .unwrap_or_default();
        ListView {
            name: part.name(),
            title: part.title(lang),
            item: part.item(lang),
            rows,
        }
    };
    let columns = vec![
        vec![list(Part::Worries), list(Part::DangerStatements)],
        vec![list(Part::WorkingWell)],
        vec![list(Part::NeedsToHappen)],
    ];
    let conditions = list(Part::Conditions);
    let choices = people(&in_file, &current);
    let people = [
        (ChoiceGroup::Family, pt.group_family),
        (ChoiceGroup::Network, pt.group_network),
        (ChoiceGroup::Professionals, pt.group_professionals),
        (ChoiceGroup::Earlier, pt.group_earlier),
    ]
    .into_iter()
    .map(|(group, title)| {
        let in_group: Vec<(String, String)> = choices
            .iter()
            .filter(|c| c.group == group)
            .map(|c| (c.value.clone(), c.name.clone()))
            .collect();
        (title, in_group)
    })
    .filter(|(_, g)| !g.is_empty())
    .collect();
    let label = |l: Lang, nl: &'static str, en: &'static str| if l == Lang::Nl { nl } else { en };
    let announce = form.announcement(lang).unwrap_or_default();
    let agree_inputs: Vec<Input> = vec![Input::Checks(ChoiceField {
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
    .collect();
    // The agreement's own refusal leads to its first box.
    let agree_target = agree_inputs.first().map(crate::kit::summary::target);
    let mut summary = form
        .summary(lang)
        .note(if form.has_errors() { pt.not_saved } else { "" })
        .with_inputs(&agree_inputs);
    if let (Some(message), Some(target)) = (&shown.agree_error, &agree_target) {
        summary = summary.item(target, message);
    }
    let page = PlanPage {
        x: family_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}/plan")),
        nav: crate::auth::family_nav::sub_nav(fam, "/plan", &family.label),
        pt,
        family_id: family_id.to_string(),
        label: family.label.clone(),
        version,
        columns,
        conditions,
        people,
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
        announce,
        versions: history
            .iter()
            .map(|v| VersionView {
                number: v.version,
                saved_on: when(lang, &v.saved_at),
                saved_by: v.saved_by.clone(),
            })
            .collect(),
        compare_from: (version - 1).max(1),
        chart: score_chart(lang, &recent, history.len()),
        form,
        may_agree: may_agree
            .iter()
            .map(|id| member_name(&family, id))
            .collect(),
        agreed: agreed_by(lang, &family, &agreed)
            .into_iter()
            .chain(
                agreed_by(lang, &family, &family_agreed)
                    .into_iter()
                    .map(|a| format!("{a}, {}", pt.family_self)),
            )
            .collect(),
        family_added: family_added
            .iter()
            .map(|a| {
                format!(
                    "{} ({}, {} {}): {} {} — {}",
                    member_name(&family, &a.member_id),
                    long_date(lang, a.on),
                    pt.family_version,
                    a.version,
                    pt.family_said,
                    a.score,
                    a.view
                )
            })
            .collect(),
        signed: signed
            .iter()
            .map(|d| {
                let href = format!("/gezinnen/{family_id}/documenten/{}", d.id);
                (href, d.title.clone())
            })
            .collect(),
        summary,
        agree_inputs,
        agree_error: shown.agree_error,
    };
    Ok(render(status, &page))
}

/// "Kim Jansen (5 dec 2026)" for everyone who agreed to the version.
fn agreed_by(lang: Lang, family: &Family, agreed: &[(String, String)]) -> Vec<String> {
    agreed
        .iter()
        .map(|(member, at)| {
            let day = eenplan_domain::UtcTime::parse(at)
                .map(|t| dutch_date(lang, eenplan_domain::time::amsterdam_date(t)))
                .unwrap_or_default();
            format!("{} ({day})", member_name(family, member))
        })
        .collect()
}

pub async fn plan_show(fam: FamilyCtx) -> Result<Response, PageError> {
    plan_page(&fam, StatusCode::OK, Shown::default()).await
}

/// Saves the form, or adds or removes a row and shows the form again as typed: the
/// version it was based on travels along, so a save after adding rows still sees a
/// save by someone else in between.
pub async fn plan_save(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let mut form = PlanForm::from_submitted(&data);
    if let Some(change) = PlanForm::row_change(&data) {
        form.apply(change);
        let shown = Shown {
            form: Some(form),
            ..Shown::default()
        };
        return plan_page(&fam, StatusCode::OK, shown).await;
    }
    let (current, in_file) = fam
        .read(async |tx, id| {
            Ok((
                tx.current_plan(id).await?.1,
                tx.plan_people_in_file(id).await?,
            ))
        })
        .await?;
    let Some(plan) = form.read(fam.lang, &people(&in_file, &current)) else {
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
    saved_or_conflict(&fam, saved, form).await
}

async fn saved_or_conflict(
    fam: &FamilyCtx,
    saved: PlanSave,
    mut form: PlanForm,
) -> Result<Response, PageError> {
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
            plan_page(fam, StatusCode::CONFLICT, shown).await
        }
    }
}

/// Restores an older version as the newest, if nobody saved since the page was shown
/// (`based_on`); otherwise the page says what changed and offers the current version.
pub async fn plan_restore(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let version: i64 = data.get("version").parse().unwrap_or(0);
    let based_on: i64 = data.get("based_on").parse().unwrap_or(-1);
    let restored = fam
        .change(p, async |tx, by| {
            tx.restore_plan(&by.actor, by.user, by.family, based_on, version)
                .await
        })
        .await;
    match restored {
        Ok(PlanSave::Saved { .. }) => Ok(back_to(fam.family_id().as_str(), "/plan")),
        Ok(PlanSave::Conflict { changes, .. }) => {
            let shown = Shown {
                conflict: changes,
                ..Shown::default()
            };
            plan_page(&fam, StatusCode::CONFLICT, shown).await
        }
        Err(StoreError::NotFound(_)) => Err(PageError::not_found()),
        Err(e) => Err(e.into()),
    }
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

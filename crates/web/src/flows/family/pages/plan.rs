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
use crate::kit::{PageError, Shell, render};
use eenplan_domain::family::{
    ActionStatus, Framework, InFile, LifeDomain, MAX_SCALE, Plan, PlanAction, PlanChange, PlanLine,
    PlanSection, SafetyGoal, Scale, ScoreBy, diff,
};
use eenplan_store::{PlanSave, PlanVersionInfo};

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
    not_saved: bool,
    announce: String,
    versions: Vec<VersionView>,
    compare_from: i64,
    chart: Option<ScoreChart>,
    may_agree: Vec<String>,
    agreed: Vec<String>,
    agree_inputs: Vec<Input>,
    agree_error: Option<String>,
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
    may_agree: Vec<String>,
    /// The people of the file a plan's "who" chooses from.
    in_file: Vec<InFile>,
}

async fn stored(fam: &FamilyCtx) -> Result<Stored, PageError> {
    let family_id = fam.family_id();
    let (family, (version, plan, history, recent, agreed, may_agree, in_file)) =
        file_and(fam, async |tx| {
            let (version, plan) = tx.current_plan(family_id).await?;
            let history = tx.plan_history(family_id).await?;
            let recent = tx.recent_plans(family_id, CHART_VERSIONS).await?;
            let agreed = tx.plan_agreements(family_id, version).await?;
            // Under a court order nobody agrees (the family's view is recorded instead).
            let may_agree = match tx.who_agrees(family_id).await {
                Ok(ids) => ids,
                Err(StoreError::Agreement(_)) => Vec::new(),
                Err(e) => return Err(e),
            };
            let in_file = tx.plan_people_in_file(family_id).await?;
            Ok((version, plan, history, recent, agreed, may_agree, in_file))
        })
        .await?;
    Ok(Stored {
        family,
        version,
        plan,
        history,
        recent,
        agreed,
        may_agree,
        in_file,
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
        may_agree,
        in_file,
    } = stored(fam).await?;
    let not_saved = shown.form.as_ref().is_some_and(PlanForm::has_errors);
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
    let page = PlanPage {
        x: family_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}/plan")),
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
        not_saved,
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

/// The scores over the plan's versions as a small chart, drawn on the server: one line
/// per person (the family's own bold), oldest version on the left, 0 at the bottom and
/// 10 at the top. The same numbers are in a table beside it for those who cannot see it.
pub struct ScoreChart {
    pub svg: String,
    pub versions: Vec<i64>,
    /// (who, score per version, empty where none was given).
    pub rows: Vec<(String, Vec<String>)>,
    /// "De laatste 12 versies" when the plan has more versions than the chart draws.
    pub latest: Option<String>,
}

/// How many versions the scores over time draw: the newest, so a plan saved a hundred
/// times stays readable (and its page reads a dozen plans, not a hundred).
const CHART_VERSIONS: i64 = 12;

/// The chart of `recent` (newest first, at most [`CHART_VERSIONS`]) out of `all`
/// versions.
fn score_chart(lang: Lang, recent: &[(i64, Plan)], all: usize) -> Option<ScoreChart> {
    let pt = plan_texts(lang);
    let oldest_first: Vec<&(i64, Plan)> = recent.iter().rev().collect();
    let mut series: Vec<(ScoreBy, Vec<Option<u8>>)> = Vec::new();
    for (i, (_, plan)) in oldest_first.iter().enumerate() {
        for (by, score) in plan.scores() {
            let at = match series.iter().position(|(s, _)| s.same(&by)) {
                Some(at) => at,
                None => {
                    series.push((by, vec![None; oldest_first.len()]));
                    series.len() - 1
                }
            };
            series[at].1[i] = Some(score);
        }
    }
    if series.is_empty() {
        return None;
    }
    let (w, h, left, top, bottom) = (480.0_f64, 180.0_f64, 28.0_f64, 10.0_f64, 24.0_f64);
    let n = oldest_first.len().max(2) - 1;
    let x = |i: usize| left + (w - left - 10.0) * (i as f64) / (n as f64);
    let y = |s: u8| top + (h - top - bottom) * (1.0 - f64::from(s) / f64::from(MAX_SCALE));
    let mut svg = format!(
        r#"<svg class="plan-chart" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="scores-title"><title id="scores-title">{}</title>"#,
        escape(pt.scores_over_time)
    );
    for s in [0, 5, 10] {
        svg.push_str(&format!(
            r#"<line x1="{left}" x2="{}" y1="{y}" y2="{y}" class="plan-chart__grid"/><text x="4" y="{}" class="plan-chart__label">{s}</text>"#,
            w - 10.0,
            y(s) + 4.0,
            y = y(s)
        ));
    }
    for (i, v) in oldest_first.iter().enumerate() {
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" class="plan-chart__label" text-anchor="middle">{}</text>"#,
            x(i),
            h - 6.0,
            v.0
        ));
    }
    let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 5"];
    for (k, (by, scores)) in series.iter().enumerate() {
        let points: Vec<String> = scores
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| format!("{:.1},{:.1}", x(i), y(s))))
            .collect();
        let family = matches!(by, ScoreBy::Family);
        let dash = dashes[k % dashes.len()];
        svg.push_str(&format!(
            r#"<polyline points="{}" class="plan-chart__line{}" stroke-dasharray="{dash}"/>"#,
            points.join(" "),
            if family {
                " plan-chart__line--family"
            } else {
                ""
            }
        ));
        for p in &points {
            if let Some((px, py)) = p.split_once(',') {
                svg.push_str(&format!(
                    r#"<circle cx="{px}" cy="{py}" r="3" class="plan-chart__dot"/>"#
                ));
            }
        }
    }
    svg.push_str("</svg>");
    Some(ScoreChart {
        svg,
        versions: oldest_first.iter().map(|v| v.0).collect(),
        latest: (all > recent.len())
            .then(|| pt.scores_latest.replace("{n}", &recent.len().to_string())),
        rows: series
            .iter()
            .map(|(by, scores)| {
                let who = match by {
                    ScoreBy::Family => pt.family_score_short.to_owned(),
                    ScoreBy::Person(p) => p.name.clone(),
                };
                let scores = scores
                    .iter()
                    .map(|s| s.map(|s| s.to_string()).unwrap_or_default())
                    .collect();
                (who, scores)
            })
            .collect(),
    })
}

/// Text for inside the chart's markup, which the template shows as it is.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Which two versions to compare; opened without them (from a menu or a bookmark) the
/// page compares the newest version with the one before it.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    van: Option<i64>,
    tot: Option<i64>,
}

#[derive(Template)]
#[template(path = "family/compare.html")]
struct ComparePage {
    x: &'static FamilyTexts,
    pt: &'static PlanTexts,
    shell: Shell,
    family_id: String,
    label: String,
    from: i64,
    to: i64,
    versions: Vec<VersionView>,
    changes: Vec<ChangeView>,
}

/// Two versions side by side in words; the page offers the picker again, so another
/// pair is chosen from the list, not typed into the address.
pub async fn plan_compare(
    fam: FamilyCtx,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let (lang, family_id) = (fam.lang, fam.family_id());
    let (f, (history, versions)) = file_and(&fam, async |tx| {
        let history = tx.plan_history(family_id).await?;
        let newest = history.first().map_or(0, |v| v.version);
        let to = q.tot.unwrap_or(newest);
        let from = q.van.unwrap_or((to - 1).max(1));
        Ok((
            history,
            (
                tx.plan_version(family_id, from).await?.map(|p| (from, p)),
                tx.plan_version(family_id, to).await?.map(|p| (to, p)),
            ),
        ))
    })
    .await?;
    let (Some((from, a)), Some((to, b))) = versions else {
        return Err(PageError::not_found());
    };
    let page = ComparePage {
        x: family_texts(lang),
        pt: plan_texts(lang),
        shell: fam.shell(&format!("/gezinnen/{family_id}/plan")),
        family_id: family_id.to_string(),
        label: f.label,
        from,
        to,
        versions: history
            .iter()
            .map(|v| VersionView {
                number: v.version,
                saved_on: when(lang, &v.saved_at),
                saved_by: v.saved_by.clone(),
            })
            .collect(),
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

/// A part of the plan on paper: its title and its lines as sentences.
pub struct PrintedPart {
    pub title: String,
    pub lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "family/print.html")]
struct PrintPage {
    t: &'static Texts,
    x: &'static FamilyTexts,
    pt: &'static PlanTexts,
    label: String,
    version: i64,
    saved_on: String,
    review_date: String,
    parts: Vec<PrintedPart>,
    /// Those whose agreement the plan needs: a signature line each.
    signers: Vec<String>,
    /// The network drawn and listed, so the family's paper shows who stands around them.
    ecomap_title: &'static str,
    ecomap: super::ecomap::Ecomap,
}

/// The plan on paper for the family: every part in words, Dutch dates written out, and
/// a signature line for everyone whose agreement it needs.
pub async fn plan_print(fam: FamilyCtx) -> Result<Response, PageError> {
    let lang = fam.lang;
    let Stored {
        family,
        version,
        plan,
        history,
        may_agree,
        ..
    } = stored(&fam).await?;
    let page = PrintPage {
        t: lang.texts(),
        x: family_texts(lang),
        pt: plan_texts(lang),
        label: family.label.clone(),
        version,
        saved_on: history
            .first()
            .and_then(|v| eenplan_domain::UtcTime::parse(&v.saved_at).ok())
            .map(|t| long_date(lang, eenplan_domain::time::amsterdam_date(t)))
            .unwrap_or_default(),
        review_date: plan
            .review_date
            .map(|d| long_date(lang, d))
            .unwrap_or_default(),
        parts: printed_parts(lang, &plan),
        signers: may_agree
            .iter()
            .map(|id| member_name(&family, id))
            .collect(),
        ecomap_title: crate::flows::family::overview_texts::overview_texts(lang).ecomap_title,
        ecomap: super::ecomap::Ecomap::of(
            lang,
            &family,
            fam.grant
                .sees(eenplan_domain::family::DataCategory::Network),
            crate::kit::dates::today(),
        ),
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
        .map(|x| format!(", {} {}", pt.due.to_lowercase(), long_date(lang, x)))
        .unwrap_or_default();
    format!(
        "{} — {}{due} ({})",
        a.who.name,
        a.what,
        status.to_lowercase()
    )
}

/// "Kim: 4 (1 december 2026)".
fn scale_sentence(lang: Lang, s: &Scale) -> String {
    let on =
        s.on.map(|d| format!(" ({})", long_date(lang, d)))
            .unwrap_or_default();
    format!("{}: {}{on}", s.who.name, s.score)
}

/// "Sam is veilig thuis (Veiligheid)".
fn safety_goal_sentence(lang: Lang, g: &SafetyGoal) -> String {
    match g.domain {
        Some(d) => format!("{} ({})", g.text, domain_label(lang, d)),
        None => g.text.clone(),
    }
}

/// The plan as sentences on paper, part by part in the plan's order, in the family's
/// words and Dutch dates; every life domain with its goals and actions.
fn printed_parts(lang: Lang, plan: &Plan) -> Vec<PrintedPart> {
    let (ft, pt) = (family_texts(lang), plan_texts(lang));
    let part = |title: &str, lines: Vec<String>| PrintedPart {
        title: title.to_owned(),
        lines,
    };
    let mut out = vec![
        part(ft.p_worries, plan.worries.clone()),
        part(ft.p_danger, plan.danger_statements.clone()),
        part(ft.p_working_well, plan.working_well.clone()),
        part(ft.p_needs, plan.needs_to_happen.clone()),
        part(
            ft.p_goals,
            plan.safety_goals
                .iter()
                .map(|g| safety_goal_sentence(lang, g))
                .collect(),
        ),
        part(
            ft.p_scales,
            plan.family_score
                .map(|s| format!("{}: {s}", pt.family_score_short))
                .into_iter()
                .chain(plan.scales.iter().map(|s| scale_sentence(lang, s)))
                .collect(),
        ),
    ];
    for d in &plan.domains {
        out.push(part(
            domain_label(lang, d.domain),
            d.goals
                .iter()
                .map(|g| format!("{}: {g}", pt.goal))
                .chain(
                    d.actions
                        .iter()
                        .map(|a| format!("{}: {}", pt.action, action_sentence(lang, a))),
                )
                .collect(),
        ));
    }
    out.push(part(ft.p_conditions, plan.conditions.clone()));
    out.retain(|p| !p.lines.is_empty());
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
        PlanLine::SafetyGoal(g) => safety_goal_sentence(lang, g),
        PlanLine::Scale(s) => scale_sentence(lang, s),
        PlanLine::FamilyScore(score) => format!("{}: {score}", pt.family_score_short),
        PlanLine::Goal(goal) => format!("{}: {goal}", pt.goal),
        PlanLine::Action(a) => format!("{}: {}", pt.action, action_sentence(lang, a)),
        PlanLine::ReviewDate(d) => long_date(lang, *d),
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

//! The family's one plan in the browser: the form, saving a version, comparing versions,
//! the family's agreement and the printable plan.
//!
//! Nothing typed is ever lost: the form is kept as the person typed it ([`PlanForm`]),
//! read into a [`Plan`] only to save it, and shown again exactly as typed, with each
//! message next to its field or row, when something is wrong (422) or when someone
//! else saved in between (409). A version is only ever saved from what was submitted,
//! and saving keeps every part of the plan, also the goals per life domain.

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::{
    ActionStatus, AgreementError, DomainPlan, Framework, LifeDomain, MAX_SCALE, Plan, PlanAction,
    PlanChange, PlanError, PlanLine, PlanSection, Scale, diff,
};
use eenplan_domain::text::check_text;
use eenplan_store::{Family, PlanSave, StoreError};
use jiff::civil::Date;
use serde::Deserialize;

use super::family::{failed, principal};
use super::form::{Choice, ChoiceField, Errors, FormData, Input, TextField};
use super::{Shell, dutch_date, errors, render};
use crate::AppState;
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::i18n::{Lang, Texts};

/// Empty rows offered under the filled ones, so a scale, goal or action can be added
/// without JavaScript.
const BLANK_ROWS: usize = 2;

/// The plan page's own words, Dutch and English side by side; a missing translation
/// does not compile.
#[derive(Debug)]
pub struct PlanTexts {
    pub domain_goals: &'static str,
    pub domain_goals_hint: &'static str,
    pub scale: &'static str,
    pub goal: &'static str,
    pub action: &'static str,
    pub who: &'static str,
    pub score: &'static str,
    pub life_domain: &'static str,
    pub what: &'static str,
    pub due: &'static str,
    pub status: &'static str,
    pub choose: &'static str,
    pub rows_hint: &'static str,
    pub not_saved: &'static str,
    pub err_score: &'static str,
    pub err_scale_who: &'static str,
    pub err_domain: &'static str,
    pub err_status: &'static str,
    pub err_goal: &'static str,
    pub err_what: &'static str,
    pub err_action_who: &'static str,
    pub err_empty_line: &'static str,
    pub err_domain_twice: &'static str,
    pub err_agree_who: &'static str,
}

const NL: PlanTexts = PlanTexts {
    domain_goals: "Doelen per leefgebied",
    domain_goals_hint: "Kies het leefgebied en schrijf het doel op. Lege regels tellen niet mee.",
    scale: "Schaalvraag",
    goal: "Doel",
    action: "Actie",
    who: "Wie",
    score: "Cijfer (0 tot en met 10)",
    life_domain: "Leefgebied",
    what: "Wat",
    due: "Uiterlijk op",
    status: "Stand van zaken",
    choose: "Kies een leefgebied",
    rows_hint: "Lege regels tellen niet mee. Na het opslaan komen er nieuwe lege regels bij.",
    not_saved: "Het plan is niet opgeslagen. Verbeter wat hieronder is aangegeven; alles wat je had ingevuld staat er nog.",
    err_score: "Vul een heel getal in van 0 tot en met 10.",
    err_scale_who: "Vul in wie dit cijfer gaf.",
    err_domain: "Kies een leefgebied uit de lijst.",
    err_status: "Kies een stand van zaken uit de lijst.",
    err_goal: "Schrijf het doel op, of kies geen leefgebied.",
    err_what: "Vul in wat er moet gebeuren.",
    err_action_who: "Vul in wie dit doet.",
    err_empty_line: "Haal de lege regel weg.",
    err_domain_twice: "Dit leefgebied staat er twee keer in.",
    err_agree_who: "Kies wie van het gezin akkoord gaf.",
};

const EN: PlanTexts = PlanTexts {
    domain_goals: "Goals per life domain",
    domain_goals_hint: "Choose the life domain and write down the goal. Empty rows are ignored.",
    scale: "Safety scale",
    goal: "Goal",
    action: "Action",
    who: "Who",
    score: "Score (0 to 10)",
    life_domain: "Life domain",
    what: "What",
    due: "By",
    status: "Progress",
    choose: "Choose a life domain",
    rows_hint: "Empty rows are ignored. New empty rows appear after saving.",
    not_saved: "The plan was not saved. Correct what is marked below; everything you typed is still there.",
    err_score: "Enter a whole number from 0 to 10.",
    err_scale_who: "Enter who gave this score.",
    err_domain: "Choose a life domain from the list.",
    err_status: "Choose a progress from the list.",
    err_goal: "Write down the goal, or choose no life domain.",
    err_what: "Enter what needs to happen.",
    err_action_who: "Enter who does this.",
    err_empty_line: "Remove the empty line.",
    err_domain_twice: "This life domain appears twice.",
    err_agree_who: "Choose who in the family agreed.",
};

fn texts(lang: Lang) -> &'static PlanTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// A plan's free-text sections in the order the form shows them: (field, title).
fn sections(t: &Texts) -> [(&'static str, &'static str); 6] {
    [
        ("worries", t.p_worries),
        ("danger_statements", t.p_danger),
        ("working_well", t.p_working_well),
        ("needs_to_happen", t.p_needs),
        ("safety_goals", t.p_goals),
        ("conditions", t.p_conditions),
    ]
}

fn section_items<'p>(plan: &'p Plan, field: &str) -> &'p [String] {
    match field {
        "worries" => &plan.worries,
        "danger_statements" => &plan.danger_statements,
        "working_well" => &plan.working_well,
        "needs_to_happen" => &plan.needs_to_happen,
        "safety_goals" => &plan.safety_goals,
        _ => &plan.conditions,
    }
}

#[derive(Debug, Clone, Default)]
pub struct ScaleRow {
    pub who: String,
    pub score: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct GoalRow {
    pub domain: String,
    pub goal: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct ActionRow {
    pub domain: String,
    pub who: String,
    pub what: String,
    pub due: String,
    pub status: String,
    pub error: Mark,
}

impl ScaleRow {
    fn blank(&self) -> bool {
        self.who.trim().is_empty() && self.score.trim().is_empty()
    }
}

impl GoalRow {
    fn blank(&self) -> bool {
        self.domain.is_empty() && self.goal.trim().is_empty()
    }
}

impl ActionRow {
    fn blank(&self) -> bool {
        self.domain.is_empty()
            && self.who.trim().is_empty()
            && self.what.trim().is_empty()
            && self.due.trim().is_empty()
    }
}

/// The plan form exactly as typed (or as stored, before anything was typed).
#[derive(Debug, Clone, Default)]
pub struct PlanForm {
    pub based_on: i64,
    /// The free-text sections as typed: (field, text).
    pub texts: Vec<(&'static str, String)>,
    pub scales: Vec<ScaleRow>,
    pub goals: Vec<GoalRow>,
    pub actions: Vec<ActionRow>,
    pub review_date: String,
    /// Messages for the free-text sections and the review date, by field.
    pub errors: Errors,
}

/// Reading a row failed: (which input of the row, message).
type RowError = (&'static str, &'static str);

/// A row's message and the input it points at, for the template.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mark(Option<RowError>);

impl Mark {
    pub fn on(&self, input: &str) -> bool {
        self.0.is_some_and(|(i, _)| i == input)
    }

    pub fn text(&self) -> Option<&'static str> {
        self.0.map(|(_, text)| text)
    }

    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }
}

impl PlanForm {
    fn from_plan(plan: &Plan, version: i64) -> Self {
        let t = Lang::Nl.texts();
        let mut form = PlanForm {
            based_on: version,
            texts: sections(t)
                .iter()
                .map(|(field, _)| (*field, section_items(plan, field).join("\n")))
                .collect(),
            scales: plan
                .scales
                .iter()
                .map(|s| ScaleRow {
                    who: s.who.clone(),
                    score: s.score.to_string(),
                    error: Mark::default(),
                })
                .collect(),
            goals: plan
                .domains
                .iter()
                .flat_map(|d| {
                    d.goals.iter().map(|g| GoalRow {
                        domain: d.domain.code().to_owned(),
                        goal: g.clone(),
                        error: Mark::default(),
                    })
                })
                .collect(),
            actions: plan
                .domains
                .iter()
                .flat_map(|d| {
                    d.actions.iter().map(|a| ActionRow {
                        domain: d.domain.code().to_owned(),
                        who: a.who.clone(),
                        what: a.what.clone(),
                        due: a.due.map(|d| d.to_string()).unwrap_or_default(),
                        status: a.status.code().to_owned(),
                        error: Mark::default(),
                    })
                })
                .collect(),
            review_date: plan.review_date.map(|d| d.to_string()).unwrap_or_default(),
            errors: Errors::new(),
        };
        form.offer_blank_rows();
        form
    }

    fn offer_blank_rows(&mut self) {
        self.scales
            .extend(std::iter::repeat_with(ScaleRow::default).take(BLANK_ROWS));
        self.goals
            .extend(std::iter::repeat_with(GoalRow::default).take(BLANK_ROWS));
        self.actions.extend(
            std::iter::repeat_with(|| ActionRow {
                status: ActionStatus::Planned.code().to_owned(),
                ..ActionRow::default()
            })
            .take(BLANK_ROWS),
        );
    }

    /// Takes the submitted form as it is; rows are the repeated fields in order.
    fn from_submitted(data: &FormData) -> Self {
        let column = |name: &str| data.all(name);
        let rows = |names: &[&str]| -> Vec<Vec<String>> {
            let columns: Vec<Vec<String>> = names.iter().map(|n| column(n)).collect();
            let n = columns.iter().map(Vec::len).max().unwrap_or(0);
            (0..n)
                .map(|i| {
                    columns
                        .iter()
                        .map(|c| c.get(i).cloned().unwrap_or_default())
                        .collect()
                })
                .collect()
        };
        let t = Lang::Nl.texts();
        PlanForm {
            based_on: data.get("based_on").parse().unwrap_or(-1),
            texts: sections(t)
                .iter()
                .map(|(field, _)| (*field, data.raw(field).replace("\r\n", "\n")))
                .collect(),
            scales: rows(&["scale_who", "scale_score"])
                .into_iter()
                .map(|r| ScaleRow {
                    who: r[0].clone(),
                    score: r[1].clone(),
                    error: Mark::default(),
                })
                .collect(),
            goals: rows(&["goal_domain", "goal_text"])
                .into_iter()
                .map(|r| GoalRow {
                    domain: r[0].clone(),
                    goal: r[1].clone(),
                    error: Mark::default(),
                })
                .collect(),
            actions: rows(&[
                "action_domain",
                "action_who",
                "action_what",
                "action_due",
                "action_status",
            ])
            .into_iter()
            .map(|r| ActionRow {
                domain: r[0].clone(),
                who: r[1].clone(),
                what: r[2].clone(),
                due: r[3].clone(),
                status: r[4].clone(),
                error: Mark::default(),
            })
            .collect(),
            review_date: data.get("review_date"),
            errors: Errors::new(),
        }
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty()
            || self.scales.iter().any(|r| r.error.is_some())
            || self.goals.iter().any(|r| r.error.is_some())
            || self.actions.iter().any(|r| r.error.is_some())
    }

    /// Reads the form into a plan, marking every row or field that cannot be read; the
    /// domain's own check then runs on the result and is marked the same way.
    fn read(&mut self, pt: &PlanTexts, t: &Texts) -> Option<Plan> {
        let mut plan = Plan::default();
        // The domain's text rule first, at the field or row it is about.
        let refused = |name: &str, value: &str| {
            check_text(crate::input::field_kind(name), value)
                .err()
                .map(|p| crate::input::page_message(t, p))
        };
        for (field, text) in &self.texts {
            if let Some(message) = refused(field, text) {
                self.errors.insert(*field, message);
            }
        }
        if let Some(message) = refused("review_date", &self.review_date) {
            self.errors.insert("review_date", message);
        }
        for row in &mut self.scales {
            if let Some(m) = refused("scale_who", &row.who) {
                row.error = Mark(Some(("who", m)));
            }
        }
        for row in &mut self.goals {
            if let Some(m) = refused("goal_text", &row.goal) {
                row.error = Mark(Some(("goal", m)));
            }
        }
        for row in &mut self.actions {
            let cells = [("who", &row.who), ("what", &row.what), ("due", &row.due)];
            if let Some(e) = cells
                .iter()
                .find_map(|(input, v)| refused(input, v).map(|m| (*input, m)))
            {
                row.error = Mark(Some(e));
            }
        }
        if self.has_errors() {
            return None;
        }
        for (field, text) in &self.texts {
            let items: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            match *field {
                "worries" => plan.worries = items,
                "danger_statements" => plan.danger_statements = items,
                "working_well" => plan.working_well = items,
                "needs_to_happen" => plan.needs_to_happen = items,
                "safety_goals" => plan.safety_goals = items,
                _ => plan.conditions = items,
            }
        }
        // Which form row each scale of the plan came from, for the domain's refusals.
        let mut scale_rows = Vec::new();
        for (i, row) in self.scales.iter_mut().enumerate() {
            if row.blank() {
                continue;
            }
            match read_scale(row, pt) {
                Ok(scale) => {
                    scale_rows.push(i);
                    plan.scales.push(scale);
                }
                Err(e) => row.error = Mark(Some(e)),
            }
        }
        for row in &mut self.goals {
            if row.blank() {
                continue;
            }
            match read_goal(row, pt) {
                Ok((domain, goal)) => domain_plan(&mut plan.domains, domain).goals.push(goal),
                Err(e) => row.error = Mark(Some(e)),
            }
        }
        // Which form row each action came from: (life domain, place among its actions, row).
        let mut action_rows = Vec::new();
        for (i, row) in self.actions.iter_mut().enumerate() {
            if row.blank() {
                continue;
            }
            match read_action(row, pt, t) {
                Ok((domain, action)) => {
                    let actions = &mut domain_plan(&mut plan.domains, domain).actions;
                    action_rows.push((domain, actions.len(), i));
                    actions.push(action);
                }
                Err(e) => row.error = Mark(Some(e)),
            }
        }
        let review = self.review_date.trim();
        if !review.is_empty() {
            match review.parse::<Date>() {
                Ok(d) => plan.review_date = Some(d),
                Err(_) => {
                    self.errors.insert("review_date", t.err_date);
                }
            }
        }
        if self.has_errors() {
            return None;
        }
        match plan.check(super::family::today()) {
            Ok(()) => Some(plan),
            Err(e) => {
                self.refused(&e, &scale_rows, &action_rows, (pt, t));
                None
            }
        }
    }

    /// Puts a domain refusal next to what it is about.
    fn refused(
        &mut self,
        e: &PlanError,
        scale_rows: &[usize],
        action_rows: &[(LifeDomain, usize, usize)],
        (pt, t): (&PlanTexts, &Texts),
    ) {
        match e {
            PlanError::ReviewDateImplausible(_) => {
                self.errors.insert("review_date", t.err_date_range);
            }
            PlanError::DueDateImplausible { domain, index, .. } => {
                let row = action_rows
                    .iter()
                    .find(|(d, n, _)| d == domain && n == index)
                    .map_or(0, |(_, _, row)| *row);
                if let Some(r) = self.actions.get_mut(row) {
                    r.error = Mark(Some(("due", t.err_date_range)));
                }
            }
            PlanError::ScaleOutOfRange { index, .. } => {
                let row = scale_rows.get(*index).copied().unwrap_or(0);
                if let Some(r) = self.scales.get_mut(row) {
                    r.error = Mark(Some(("score", pt.err_score)));
                }
            }
            PlanError::EmptyItem(field) => {
                self.errors.insert(field, pt.err_empty_line);
            }
            PlanError::DomainTwice(_) => {
                self.errors.insert("domains", pt.err_domain_twice);
            }
        }
    }
}

fn domain_plan(domains: &mut Vec<DomainPlan>, domain: LifeDomain) -> &mut DomainPlan {
    let at = match domains.iter().position(|d| d.domain == domain) {
        Some(i) => i,
        None => {
            domains.push(DomainPlan {
                domain,
                goals: vec![],
                actions: vec![],
            });
            domains.len() - 1
        }
    };
    &mut domains[at]
}

fn read_scale(row: &ScaleRow, pt: &PlanTexts) -> Result<Scale, RowError> {
    if row.who.trim().is_empty() {
        return Err(("who", pt.err_scale_who));
    }
    let score = row
        .score
        .trim()
        .parse::<u8>()
        .map_err(|_| ("score", pt.err_score))?;
    Ok(Scale {
        who: row.who.trim().to_owned(),
        score,
    })
}

fn read_goal(row: &GoalRow, pt: &PlanTexts) -> Result<(LifeDomain, String), RowError> {
    let domain = row
        .domain
        .parse::<LifeDomain>()
        .map_err(|_| ("domain", pt.err_domain))?;
    if row.goal.trim().is_empty() {
        return Err(("goal", pt.err_goal));
    }
    Ok((domain, row.goal.trim().to_owned()))
}

fn read_action(
    row: &ActionRow,
    pt: &PlanTexts,
    t: &Texts,
) -> Result<(LifeDomain, PlanAction), RowError> {
    let domain = row
        .domain
        .parse::<LifeDomain>()
        .map_err(|_| ("domain", pt.err_domain))?;
    if row.who.trim().is_empty() {
        return Err(("who", pt.err_action_who));
    }
    if row.what.trim().is_empty() {
        return Err(("what", pt.err_what));
    }
    let due = match row.due.trim() {
        "" => None,
        text => Some(text.parse::<Date>().map_err(|_| ("due", t.err_date))?),
    };
    let status = row
        .status
        .parse::<ActionStatus>()
        .map_err(|_| ("status", pt.err_status))?;
    Ok((
        domain,
        PlanAction {
            who: row.who.trim().to_owned(),
            what: row.what.trim().to_owned(),
            due,
            status,
        },
    ))
}

/// A field of the form with its title, hint, text and message, for the template.
pub struct TextArea {
    pub id: &'static str,
    pub title: &'static str,
    pub text: String,
    pub error: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "families/plan.html")]
struct PlanPage {
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
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    family_id: &str,
    status: StatusCode,
    shown: Shown,
) -> Response {
    let lang = Lang::from_headers(headers);
    let (t, pt) = (lang.texts(), texts(lang));
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx.family(family_id).await?;
        let (version, plan) = tx.current_plan(family_id).await?;
        let agreed = tx.plan_agreements(family_id, version).await?;
        Ok::<_, StoreError>((family, version, plan, agreed))
    };
    let (family, version, current, agreed) = match loaded.await {
        Ok((Some(f), v, p, a)) => (f, v, p, a),
        Ok((None, ..)) => return errors::not_found_page(headers, visitor, "/gezinnen"),
        Err(e) => return failed(&e, headers),
    };
    let not_saved = shown.form.as_ref().is_some_and(PlanForm::has_errors);
    let form = shown
        .form
        .unwrap_or_else(|| PlanForm::from_plan(&current, version));
    let areas = sections(t)
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
        shell: Shell::new(headers, visitor, &format!("/gezinnen/{family_id}/plan")),
        pt,
        family_id: family_id.to_owned(),
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
                        t.f_family_view,
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
    render(status, &page)
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

pub async fn plan_show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    plan_page(
        &state,
        &headers,
        &visitor,
        &grant.family_id,
        StatusCode::OK,
        Shown::default(),
    )
    .await
}

pub async fn plan_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let lang = Lang::from_headers(&headers);
    let mut form = PlanForm::from_submitted(&FormData::parse(&body));
    let Some(plan) = form.read(texts(lang), lang.texts()) else {
        let shown = Shown {
            form: Some(form),
            ..Shown::default()
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return plan_page(&state, &headers, &visitor, &grant.family_id, status, shown).await;
    };
    let saved = async {
        let mut tx = state.store.write().await?;
        let outcome = tx
            .save_plan(
                &p.actor(),
                &p.user_id,
                &grant.family_id,
                form.based_on,
                &plan,
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(outcome)
    };
    match saved.await {
        Ok(PlanSave::Saved { .. }) => {
            Redirect::to(&format!("/gezinnen/{}/plan", grant.family_id)).into_response()
        }
        Ok(PlanSave::Conflict { current, changes }) => {
            // Saving again is a deliberate choice to keep this version over theirs.
            form.based_on = current;
            let shown = Shown {
                form: Some(form),
                conflict: changes,
                ..Shown::default()
            };
            plan_page(
                &state,
                &headers,
                &visitor,
                &grant.family_id,
                StatusCode::CONFLICT,
                shown,
            )
            .await
        }
        Err(e) => failed(&e, &headers),
    }
}

#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    van: i64,
    tot: i64,
}

#[derive(Template)]
#[template(path = "families/compare.html")]
struct ComparePage {
    shell: Shell,
    family_id: String,
    label: String,
    from: i64,
    to: i64,
    changes: Vec<ChangeView>,
}

pub async fn plan_compare(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Query(q): Query<CompareQuery>,
) -> Response {
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((
            tx.family(&grant.family_id).await?,
            tx.plan_version(&grant.family_id, q.van).await?,
            tx.plan_version(&grant.family_id, q.tot).await?,
        ))
    };
    match loaded.await {
        Ok((Some(f), Some(a), Some(b))) => render(
            StatusCode::OK,
            &ComparePage {
                shell: Shell::new(
                    &headers,
                    &visitor,
                    &format!("/gezinnen/{}/plan", grant.family_id),
                ),
                family_id: grant.family_id.clone(),
                label: f.label,
                from: q.van,
                to: q.tot,
                changes: described(Lang::from_headers(&headers), &diff(&a, &b)),
            },
        ),
        Ok(_) => errors::not_found_page(&headers, &visitor, "/gezinnen"),
        Err(e) => failed(&e, &headers),
    }
}

pub async fn plan_agree(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let lang = Lang::from_headers(&headers);
    let (t, pt) = (lang.texts(), texts(lang));
    let form = FormData::parse(&body);
    let version: i64 = form.get("version").parse().unwrap_or(0);
    let members = form.all("members");
    let view = form.raw("view");
    if let Err(problem) = check_text(crate::input::field_kind("view"), &view) {
        let shown = Shown {
            agree_selected: members,
            agree_view: view,
            agree_view_error: Some(crate::input::page_message(t, problem)),
            ..Shown::default()
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return plan_page(&state, &headers, &visitor, &grant.family_id, status, shown).await;
    }
    let agreed = async {
        let mut tx = state.store.write().await?;
        tx.record_plan_agreement(
            &p.actor(),
            &p.user_id,
            &grant.family_id,
            version,
            &members,
            view.trim(),
        )
        .await?;
        tx.commit().await
    };
    let refusal = match agreed.await {
        Ok(()) => {
            return Redirect::to(&format!("/gezinnen/{}/plan", grant.family_id)).into_response();
        }
        Err(StoreError::Agreement(AgreementError::NotAMember(_))) => pt.err_agree_who.to_owned(),
        Err(StoreError::Agreement(e)) => agreement_message(t, &e),
        Err(StoreError::NotFound(_)) => t.err_plan_version_unknown.to_owned(),
        Err(StoreError::Invalid(_) | StoreError::Duplicate(_)) => pt.err_agree_who.to_owned(),
        Err(e) => return failed(&e, &headers),
    };
    // The plan form shows the stored plan: nothing was typed into it on this request.
    let shown = Shown {
        agree_selected: members,
        agree_view: view,
        agree_error: Some(refusal),
        ..Shown::default()
    };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    plan_page(&state, &headers, &visitor, &grant.family_id, status, shown).await
}

#[derive(Template)]
#[template(path = "families/print.html")]
struct PrintPage {
    t: &'static Texts,
    label: String,
    version: i64,
    review_date: String,
    sections: Vec<(&'static str, Vec<String>)>,
}

/// The plan on paper for the family.
pub async fn plan_print(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    let lang = Lang::from_headers(&headers);
    let t = lang.texts();
    let loaded = async {
        let mut tx = state.store.read().await?;
        Ok::<_, StoreError>((
            tx.family(&grant.family_id).await?,
            tx.current_plan(&grant.family_id).await?,
        ))
    };
    match loaded.await {
        Ok((Some(f), (version, plan))) => {
            let sections = printed_sections(lang, &plan);
            render(
                StatusCode::OK,
                &PrintPage {
                    t,
                    label: f.label,
                    version,
                    review_date: plan
                        .review_date
                        .map(|d| dutch_date(lang, d))
                        .unwrap_or_default(),
                    sections,
                },
            )
        }
        Ok((None, _)) => errors::not_found_page(&headers, &visitor, "/gezinnen"),
        Err(e) => failed(&e, &headers),
    }
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
    let pt = texts(lang);
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
    let (t, pt) = (lang.texts(), texts(lang));
    let mut out: Vec<(&'static str, Vec<String>)> = sections(t)
        .iter()
        .map(|(field, title)| (*title, section_items(plan, field).to_vec()))
        .collect();
    out.push((
        t.p_scales,
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
        t.p_actions,
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
    let (t, pt) = (lang.texts(), texts(lang));
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
                PlanSection::Worries => t.p_worries,
                PlanSection::DangerStatements => t.p_danger,
                PlanSection::WorkingWell => t.p_working_well,
                PlanSection::NeedsToHappen => t.p_needs,
                PlanSection::SafetyGoals => t.p_goals,
                PlanSection::Conditions => t.p_conditions,
                PlanSection::Scales => t.p_scales,
                PlanSection::Domain(d) => domain_label(lang, d),
                PlanSection::ReviewDate => t.p_review,
            }
            .to_owned(),
            added: c.added.iter().map(line).collect(),
            removed: c.removed.iter().map(line).collect(),
        })
        .collect()
}

/// A refused agreement in the visitor's language, naming who may not agree and who is
/// missing.
fn agreement_message(t: &Texts, e: &AgreementError) -> String {
    match e {
        AgreementError::NotAMember(_) => t.err_choose.to_owned(),
        AgreementError::NoChild => t.err_agreement_no_child.to_owned(),
        AgreementError::NoCustodian { child } => format!("{} ({child})", t.err_no_custodian),
        AgreementError::Incomplete {
            not_entitled,
            missing,
        } => {
            let mut parts = Vec::new();
            if !not_entitled.is_empty() {
                let names: Vec<&str> = not_entitled.iter().map(|n| n.name.as_str()).collect();
                parts.push(format!(
                    "{} {}.",
                    t.err_agreement_not_entitled,
                    names.join(", ")
                ));
            }
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|m| m.name.as_str()).collect();
                parts.push(format!("{} {}.", t.err_agreement_missing, names.join(", ")));
            }
            parts.join(" ")
        }
        AgreementError::ViewNeeded => t.err_view_needed.to_owned(),
        AgreementError::ViewOnlyUnderCourtOrder => t.err_view_only_court_order.to_owned(),
        AgreementError::ViewTooLong => t.err_view_too_long.to_owned(),
    }
}

//! The joint assessment meeting in the browser: the family's meetings with the form to
//! schedule one (lead), and one meeting with the organisations' views side by side,
//! the visitor's organisation's own view, the joint judgement (lead) and its result in
//! the plan. The rules are `domain::joint_assessment`; access is decided by the
//! router's family guard (the plan to look and write a view, the lead for the rest).

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{
    Judgement, JudgementAction, MeetingError, MeetingKind, MeetingState, Owner, View,
    may_record_view, views_differ,
};
use eenplan_store::{Family, Meeting, NewMeeting, StoreError};
use jiff::civil::{Date, DateTime};

use super::family::{failed, label_of, principal, today};
use super::form::text_errors;
use super::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, choices};
use super::{Shell, errors, render};
use crate::AppState;
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::i18n::{Lang, Texts};

/// "2026-12-01 14:00".
fn when(dt: DateTime) -> String {
    format!("{} {:02}:{:02}", dt.date(), dt.hour(), dt.minute())
}

fn status(code: bool) -> StatusCode {
    if code {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// One meeting in the family's list.
struct Line {
    id: String,
    when: String,
    kind: String,
    state: String,
    views: String,
}

#[derive(Template)]
#[template(path = "joint_assessment/list.html")]
struct ListPage {
    shell: Shell,
    family_id: String,
    family_label: String,
    lines: Vec<Line>,
    /// The scheduling form, for the lead.
    inputs: Option<Vec<Input>>,
    has_errors: bool,
}

fn running_organisations(family: &Family) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for i in family.involvements.iter().filter(|i| !i.ended) {
        if !out.iter().any(|(id, _)| *id == i.organisation_id) {
            out.push((i.organisation_id.clone(), i.organisation_name.clone()));
        }
    }
    out
}

fn schedule_inputs(
    t: &'static Texts,
    lang: Lang,
    family: &Family,
    d: &FormData,
    errs: &Errors,
) -> Vec<Input> {
    let err = |id: &str| errs.get(id).copied();
    // A fresh form invites the whole circle and expects the family at the table.
    let fresh = d.0.is_empty();
    let invited = d.all("invited");
    vec![
        Input::Select(ChoiceField {
            id: "kind",
            label: t.ja_kind,
            options: choices(
                MeetingKind::ALL,
                |k| k.code().into(),
                |k| label_of(lang, *k, MeetingKind::label_nl, MeetingKind::label_en),
                &d.get("kind"),
            ),
            error: err("kind"),
        }),
        Input::Text(TextField::new("date", t.ja_date, &d.get("date"), err("date")).kind("date")),
        Input::Text(TextField::new("time", t.ja_time, &d.get("time"), err("time")).kind("time")),
        Input::Checks(ChoiceField {
            id: "invited",
            label: t.ja_invited,
            options: running_organisations(family)
                .into_iter()
                .map(|(id, name)| Choice {
                    selected: fresh || invited.contains(&id),
                    value: id,
                    label: name,
                })
                .collect(),
            error: err("invited"),
        }),
        Input::Checks(ChoiceField {
            id: "family_takes_part",
            label: t.ja_family_takes_part,
            options: vec![Choice {
                value: "ja".into(),
                label: t.ja_family_takes_part.into(),
                selected: fresh || !d.all("family_takes_part").is_empty(),
            }],
            error: None,
        }),
        Input::Text(
            TextField::new(
                "family_absence_reason",
                t.ja_absence_reason,
                &d.get("family_absence_reason"),
                err("family_absence_reason"),
            )
            .kind("textarea"),
        ),
    ]
}

async fn list_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    grant: &FamilyGrant,
    data: &FormData,
    errs: &Errors,
) -> Response {
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx.family(&grant.family_id).await?;
        let meetings = tx.meetings(&grant.family_id).await?;
        drop(tx);
        let lead = grant.lead;
        Ok::<_, StoreError>((family, meetings, lead))
    };
    let (family, meetings, lead) = match loaded.await {
        Ok((Some(f), m, lead)) => (f, m, lead),
        Ok((None, ..)) => return errors::not_found_page(headers, visitor, "/gezinnen"),
        Err(e) => return failed(&e, headers),
    };
    let lines = meetings
        .iter()
        .map(|m| Line {
            id: m.id.clone(),
            when: when(m.meets_at),
            kind: label_of(lang, m.kind, MeetingKind::label_nl, MeetingKind::label_en),
            state: label_of(
                lang,
                m.state,
                MeetingState::label_nl,
                MeetingState::label_en,
            ),
            views: format!("{} / {}", m.views.len(), m.invited.len()),
        })
        .collect();
    render(
        status(errs.is_empty()),
        &ListPage {
            shell: Shell::new(
                headers,
                visitor,
                &format!("/gezinnen/{}/beoordeling", grant.family_id),
            ),
            family_id: grant.family_id.clone(),
            family_label: family.label.clone(),
            lines,
            inputs: lead.then(|| schedule_inputs(t, lang, &family, data, errs)),
            has_errors: !errs.is_empty(),
        },
    )
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    list_page(
        &state,
        &headers,
        &visitor,
        &grant,
        &FormData(vec![]),
        &Errors::new(),
    )
    .await
}

fn meeting_error(t: &'static Texts, e: MeetingError) -> (&'static str, &'static str) {
    match e {
        MeetingError::InPast => ("date", t.err_ja_past),
        MeetingError::MeetingDateImplausible(_) => ("date", t.err_date_range),
        MeetingError::TooFewOrganisations
        | MeetingError::NotInvolved
        | MeetingError::RegisseurNotInvited => ("invited", t.err_ja_invited),
        MeetingError::AbsenceReasonNeeded => ("family_absence_reason", t.err_ja_absence),
        MeetingError::NotInvited => ("form", t.err_ja_not_invited),
        MeetingError::WorriesNeeded => ("worries", t.err_required),
        MeetingError::ViewNeedsNeeded => ("needs", t.err_required),
        MeetingError::AlreadyHeld | MeetingError::Cancelled => ("form", t.err_ja_done),
        MeetingError::BeforeMeeting => ("form", t.err_ja_too_early),
        MeetingError::NeedsRequired => ("judgement_needs", t.err_required),
        MeetingError::NoActions => ("form", t.err_ja_no_actions),
        MeetingError::ActionWhatNeeded(n) => (row_id(WHAT, n), t.err_ja_action_what),
        MeetingError::UnknownOwner(n) => (row_id(OWNER, n), t.err_ja_action_owner),
        MeetingError::DueDateNeeded(n) => (row_id(DUE, n), t.err_ja_action_due),
        MeetingError::DueDateImplausible(n, _) => (row_id(DUE, n), t.err_date_range),
        MeetingError::DifferencesNeeded => ("differences", t.err_ja_differences),
        MeetingError::CancelReasonNeeded => ("cancel_reason", t.err_required),
    }
}

pub async fn schedule(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["date", "time", "family_absence_reason"]);
    let kind = d.get("kind").parse::<MeetingKind>().ok();
    if kind.is_none() {
        errs.insert("kind", t.err_choose);
    }
    let date = d.get("date");
    let date = if date.is_empty() {
        errs.insert("date", t.err_required);
        None
    } else {
        date.parse::<Date>()
            .map_err(|_| errs.insert("date", t.err_date))
            .ok()
    };
    let time = d
        .get("time")
        .parse::<jiff::civil::Time>()
        .map_err(|_| errs.insert("time", t.err_time))
        .ok();
    if let (Some(kind), Some(date), Some(time), true) = (kind, date, time, errs.is_empty()) {
        let meeting = NewMeeting {
            kind,
            meets_at: date.to_datetime(time),
            invited: d.all("invited"),
            family_takes_part: !d.all("family_takes_part").is_empty(),
            family_absence_reason: d.get("family_absence_reason"),
        };
        let scheduled = async {
            let mut tx = state.store.write().await?;
            let id = tx
                .schedule_meeting(
                    &p.actor(),
                    &grant.family_id,
                    (&p.user_id, &p.organisation_id),
                    &meeting,
                    today(),
                )
                .await?;
            tx.commit().await?;
            Ok::<_, StoreError>(id)
        };
        match scheduled.await {
            Ok(id) => {
                return Redirect::to(&format!("/gezinnen/{}/beoordeling/{id}", grant.family_id))
                    .into_response();
            }
            Err(StoreError::Meeting(e)) => {
                let (field, msg) = meeting_error(t, e);
                errs.insert(field, msg);
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    list_page(&state, &headers, &visitor, &grant, &d, &errs).await
}

// ---- one meeting ----

/// The judgement form's rows: fixed names, so every field has its own id and error.
const ROWS: usize = 5;
const WHAT: [&str; ROWS] = ["what_1", "what_2", "what_3", "what_4", "what_5"];
const OWNER: [&str; ROWS] = ["owner_1", "owner_2", "owner_3", "owner_4", "owner_5"];
const DOMAIN: [&str; ROWS] = ["domain_1", "domain_2", "domain_3", "domain_4", "domain_5"];
const DUE: [&str; ROWS] = ["due_1", "due_2", "due_3", "due_4", "due_5"];

/// The field of row `n` (1-based) in `names`.
fn row_id(names: [&'static str; ROWS], n: usize) -> &'static str {
    names[n.clamp(1, ROWS) - 1]
}

/// One organisation's column in the views table.
struct Column {
    organisation: String,
    view: Option<(View, String)>,
}

struct ActionRow {
    legend: String,
    inputs: Vec<Input>,
}

struct Done {
    action: String,
    owner: String,
    domain: String,
    due: String,
}

#[derive(Template)]
#[template(path = "joint_assessment/show.html")]
struct ShowPage {
    shell: Shell,
    family_id: String,
    family_label: String,
    id: String,
    title: String,
    state: String,
    invited: String,
    family_absent: Option<String>,
    columns: Vec<Column>,
    /// The visitor's organisation's view form, when it is invited and the meeting is
    /// still to be held.
    view_inputs: Option<Vec<Input>>,
    judgement_inputs: Option<Vec<Input>>,
    rows: Vec<ActionRow>,
    cancel_inputs: Option<Vec<Input>>,
    differ: bool,
    form_error: Option<&'static str>,
    /// What was typed into a form someone else made go away first.
    kept: Option<String>,
    has_errors: bool,
    held: Option<(String, String, String, i64)>,
    done: Vec<Done>,
    cancelled: Option<(String, String)>,
}

/// Who an action can be given to: the circle, the family and its network.
fn owner_choices(t: &Texts, family: &Family, selected: &str) -> Vec<Choice> {
    let mut out = vec![Choice {
        value: String::new(),
        label: t.ja_choose_owner.into(),
        selected: selected.is_empty(),
    }];
    let mut push = |owner: Owner, label: String| {
        let value = owner.code();
        out.push(Choice {
            selected: value == selected,
            value,
            label,
        });
    };
    for (id, name) in running_organisations(family) {
        push(Owner::Organisation(id), name);
    }
    for i in family.involvements.iter().filter(|i| !i.ended) {
        push(
            Owner::Professional(i.user_id.clone()),
            format!("{} ({})", i.user_name, i.organisation_name),
        );
    }
    for m in family.members.iter().filter(|m| !m.ended) {
        push(
            Owner::Member(m.id.clone()),
            format!("{} ({})", m.name, t.ja_owner_member),
        );
    }
    for n in family.network.iter().filter(|n| !n.ended) {
        push(
            Owner::Network(n.id.clone()),
            format!("{} ({})", n.name, t.ja_owner_network),
        );
    }
    out
}

/// The free-text fields whose typed text is shown when their form is gone.
const KEPT_FIELDS: &[&str] = &[
    "worries",
    "strengths",
    "needs",
    "judgement_needs",
    "differences",
    "what_1",
    "what_2",
    "what_3",
    "what_4",
    "what_5",
    "cancel_reason",
];

/// Which form a page comes back with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    None,
    View,
    Judgement,
    Cancel,
}

async fn show_page(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    (grant, meeting_id): (&FamilyGrant, &str),
    (form, data, errs): (Form, &FormData, &Errors),
) -> Response {
    let Some(p) = principal(visitor) else {
        return errors::internal(false, headers);
    };
    let lang = Lang::from_headers(headers);
    let t = lang.texts();
    let loaded = async {
        let mut tx = state.store.read().await?;
        let family = tx.family(&grant.family_id).await?;
        let meeting = tx.meeting(&grant.family_id, meeting_id).await?;
        drop(tx);
        let lead = grant.lead;
        Ok::<_, StoreError>((family, meeting, lead))
    };
    let (family, m, lead): (Family, Meeting, bool) = match loaded.await {
        Ok((Some(f), Some(m), lead)) => (f, m, lead),
        Ok(_) => {
            return errors::not_found_page(
                headers,
                visitor,
                &format!("/gezinnen/{}/beoordeling", grant.family_id),
            );
        }
        Err(e) => return failed(&e, headers),
    };
    let empty = FormData(vec![]);
    let for_form = |f: Form| if form == f { data } else { &empty };
    let err = |id: &str| errs.get(id).copied();
    let scheduled = m.state.open();
    let columns = m
        .invited
        .iter()
        .map(|(id, name)| Column {
            organisation: name.clone(),
            view: m.view_of(id).map(|v| {
                (
                    v.view.clone(),
                    format!("{}, {} {}", v.recorded_by, t.ja_version, v.version),
                )
            }),
        })
        .collect();
    let view_inputs = may_record_view(m.state, &m.invited_ids(), &p.organisation_id).then(|| {
        let d = for_form(Form::View);
        let mine = m.view_of(&p.organisation_id).map(|v| &v.view);
        let value = |field: &str, current: Option<&String>| {
            if d.0.is_empty() {
                current.cloned().unwrap_or_default()
            } else {
                d.raw(field)
            }
        };
        vec![
            Input::Text(
                TextField::new(
                    "worries",
                    t.ja_worries,
                    &value("worries", mine.map(|v| &v.worries)),
                    err("worries"),
                )
                .kind("textarea"),
            ),
            Input::Text(
                TextField::new(
                    "strengths",
                    t.ja_strengths,
                    &value("strengths", mine.map(|v| &v.strengths)),
                    err("strengths"),
                )
                .kind("textarea"),
            ),
            Input::Text(
                TextField::new(
                    "needs",
                    t.ja_needs,
                    &value("needs", mine.map(|v| &v.needs)),
                    err("needs"),
                )
                .kind("textarea"),
            ),
        ]
    });
    let judging = scheduled && lead;
    let jd = for_form(Form::Judgement);
    let judgement_inputs = judging.then(|| {
        vec![
            Input::Text(
                TextField::new(
                    "judgement_needs",
                    t.ja_judgement_needs,
                    &jd.raw("judgement_needs"),
                    err("judgement_needs"),
                )
                .kind("textarea"),
            ),
            Input::Text(
                TextField::new(
                    "differences",
                    t.ja_differences,
                    &jd.raw("differences"),
                    err("differences"),
                )
                .hint(t.ja_differences_hint)
                .kind("textarea"),
            ),
        ]
    });
    let rows = if judging {
        (0..ROWS)
            .map(|i| ActionRow {
                legend: format!("{} {}", t.ja_action, i + 1),
                inputs: vec![
                    Input::Text(TextField::new(
                        WHAT[i],
                        t.ja_action_what,
                        &jd.get(WHAT[i]),
                        err(WHAT[i]),
                    )),
                    Input::Select(ChoiceField {
                        id: OWNER[i],
                        label: t.ja_action_owner,
                        options: owner_choices(t, &family, &jd.get(OWNER[i])),
                        error: err(OWNER[i]),
                    }),
                    Input::Select(ChoiceField {
                        id: DOMAIN[i],
                        label: t.ja_action_domain,
                        options: choices(
                            LifeDomain::ALL,
                            |k| k.code().into(),
                            |k| label_of(lang, *k, LifeDomain::label_nl, LifeDomain::label_en),
                            &jd.get(DOMAIN[i]),
                        ),
                        error: err(DOMAIN[i]),
                    }),
                    Input::Text(
                        TextField::new(DUE[i], t.ja_action_due, &jd.get(DUE[i]), err(DUE[i]))
                            .kind("date"),
                    ),
                ],
            })
            .collect()
    } else {
        Vec::new()
    };
    let cancel_inputs = judging.then(|| {
        vec![Input::Text(TextField::new(
            "cancel_reason",
            t.ja_cancel_reason,
            &for_form(Form::Cancel).get("cancel_reason"),
            err("cancel_reason"),
        ))]
    });
    let needs: Vec<&str> = m.views.iter().map(|v| v.view.needs.as_str()).collect();
    // Sent to a form the meeting no longer offers (someone else held or cancelled it
    // first, or the view can no longer be given): 409, and what was typed is shown.
    let gone = match form {
        Form::None => false,
        Form::View => view_inputs.is_none(),
        Form::Judgement => judgement_inputs.is_none(),
        Form::Cancel => cancel_inputs.is_none(),
    };
    let kept = gone
        .then(|| {
            let typed: Vec<String> = data
                .0
                .iter()
                .filter(|(name, value)| {
                    KEPT_FIELDS.contains(&name.as_str()) && !value.trim().is_empty()
                })
                .map(|(_, value)| value.clone())
                .collect();
            typed.join("\n\n")
        })
        .filter(|typed| !typed.is_empty());
    let page = ShowPage {
        shell: Shell::new(
            headers,
            visitor,
            &format!("/gezinnen/{}/beoordeling/{}", grant.family_id, m.id),
        ),
        family_id: grant.family_id.clone(),
        family_label: family.label.clone(),
        id: m.id.clone(),
        title: format!(
            "{} — {}",
            label_of(lang, m.kind, MeetingKind::label_nl, MeetingKind::label_en),
            when(m.meets_at)
        ),
        state: label_of(
            lang,
            m.state,
            MeetingState::label_nl,
            MeetingState::label_en,
        ),
        invited: m
            .invited
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        family_absent: (!m.family_takes_part).then(|| m.family_absence_reason.clone()),
        columns,
        view_inputs,
        judgement_inputs,
        rows,
        cancel_inputs,
        differ: scheduled && views_differ(&needs),
        form_error: err("form").or(gone.then_some(t.err_step_meanwhile)),
        kept,
        has_errors: !errs.is_empty() && !gone,
        held: m.held_on.map(|on| {
            (
                super::dutch_date(lang, on),
                m.needs.clone().unwrap_or_default(),
                m.differences.clone().unwrap_or_default(),
                m.plan_version.unwrap_or_default(),
            )
        }),
        done: m
            .actions
            .iter()
            .map(|a| Done {
                action: a.what.clone(),
                owner: a.owner_label.clone(),
                domain: label_of(lang, a.domain, LifeDomain::label_nl, LifeDomain::label_en),
                due: super::dutch_date(lang, a.due),
            })
            .collect(),
        cancelled: m.cancelled_on.map(|on| {
            (
                super::dutch_date(lang, on),
                m.cancel_reason.clone().unwrap_or_default(),
            )
        }),
    };
    render(
        if gone {
            StatusCode::CONFLICT
        } else {
            status(errs.is_empty())
        },
        &page,
    )
}

pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
) -> Response {
    show_page(
        &state,
        &headers,
        &visitor,
        (&grant, &meeting_id),
        (Form::None, &FormData(vec![]), &Errors::new()),
    )
    .await
}

fn back(family_id: &str, meeting_id: &str) -> Response {
    Redirect::to(&format!("/gezinnen/{family_id}/beoordeling/{meeting_id}")).into_response()
}

pub async fn view(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["worries", "strengths", "needs"]);
    let view = View {
        worries: d.raw("worries"),
        strengths: d.raw("strengths"),
        needs: d.raw("needs"),
    };
    let recorded = async {
        let mut tx = state.store.write().await?;
        tx.record_view(
            &p.actor(),
            &grant.family_id,
            &meeting_id,
            (&p.user_id, &p.organisation_id),
            &view,
        )
        .await?;
        tx.commit().await
    };
    if errs.is_empty() {
        match recorded.await {
            Ok(()) => return back(&grant.family_id, &meeting_id),
            Err(StoreError::Meeting(e)) => {
                let (field, msg) = meeting_error(t, e);
                errs.insert(field, msg);
            }
            Err(StoreError::NotFound(_)) => {
                return errors::not_found_page(&headers, &visitor, "/gezinnen");
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        (&grant, &meeting_id),
        (Form::View, &d, &errs),
    )
    .await
}

pub async fn judge(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let typed: Vec<&'static str> = ["judgement_needs", "differences"]
        .into_iter()
        .chain(WHAT)
        .chain(DUE)
        .collect();
    let mut errs = text_errors(&d, t, &typed);
    // The rows filled in, with the row each action came from (for its errors).
    let mut actions = Vec::new();
    let mut from_row = Vec::new();
    for i in 0..ROWS {
        let (what, owner, due) = (d.get(WHAT[i]), d.get(OWNER[i]), d.get(DUE[i]));
        if what.is_empty() && owner.is_empty() && due.is_empty() {
            continue;
        }
        let owner = Owner::parse(&owner)
            .ok_or_else(|| errs.insert(OWNER[i], t.err_ja_action_owner))
            .ok();
        let domain = d
            .get(DOMAIN[i])
            .parse::<LifeDomain>()
            .map_err(|_| errs.insert(DOMAIN[i], t.err_choose))
            .ok();
        let due = match due.as_str() {
            "" => None,
            s => s
                .parse::<Date>()
                .map_err(|_| errs.insert(DUE[i], t.err_date))
                .ok(),
        };
        if let (Some(owner), Some(domain)) = (owner, domain) {
            actions.push(JudgementAction {
                domain,
                what,
                owner,
                due,
            });
            from_row.push(i + 1);
        }
    }
    if errs.is_empty() {
        let judgement = Judgement {
            needs: d.raw("judgement_needs"),
            differences: d.raw("differences"),
            actions,
        };
        let judged = async {
            let mut tx = state.store.write().await?;
            tx.record_judgement(
                &p.actor(),
                &grant.family_id,
                &meeting_id,
                &p.user_id,
                &judgement,
                today(),
            )
            .await?;
            tx.commit().await
        };
        match judged.await {
            Ok(()) => return back(&grant.family_id, &meeting_id),
            Err(StoreError::Meeting(e)) => {
                // The domain counts the actions given; the form counts its rows.
                let e = match e {
                    MeetingError::ActionWhatNeeded(n) => {
                        MeetingError::ActionWhatNeeded(from_row[n - 1])
                    }
                    MeetingError::UnknownOwner(n) => MeetingError::UnknownOwner(from_row[n - 1]),
                    MeetingError::DueDateNeeded(n) => MeetingError::DueDateNeeded(from_row[n - 1]),
                    MeetingError::DueDateImplausible(n, range) => {
                        MeetingError::DueDateImplausible(from_row[n - 1], range)
                    }
                    other => other,
                };
                let (field, msg) = meeting_error(t, e);
                errs.insert(field, msg);
            }
            Err(StoreError::NotFound(_)) => {
                return errors::not_found_page(&headers, &visitor, "/gezinnen");
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        (&grant, &meeting_id),
        (Form::Judgement, &d, &errs),
    )
    .await
}

pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some(p) = principal(&visitor) else {
        return errors::internal(false, &headers);
    };
    let t = Lang::from_headers(&headers).texts();
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["cancel_reason"]);
    let cancelled = async {
        let mut tx = state.store.write().await?;
        tx.cancel_meeting(
            &p.actor(),
            &grant.family_id,
            &meeting_id,
            &p.user_id,
            &d.get("cancel_reason"),
            today(),
        )
        .await?;
        tx.commit().await
    };
    if errs.is_empty() {
        match cancelled.await {
            Ok(()) => return back(&grant.family_id, &meeting_id),
            Err(StoreError::Meeting(e)) => {
                let (field, msg) = meeting_error(t, e);
                errs.insert(field, msg);
            }
            Err(StoreError::NotFound(_)) => {
                return errors::not_found_page(&headers, &visitor, "/gezinnen");
            }
            Err(e) => return failed(&e, &headers),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        (&grant, &meeting_id),
        (Form::Cancel, &d, &errs),
    )
    .await
}

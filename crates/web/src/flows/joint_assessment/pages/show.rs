//! One meeting: the organisations' views side by side, the visitor's organisation's own
//! view, the joint judgement (lead) and its result in the plan.

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use eenplan_domain::OrganisationId;
use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{
    MeetingKind, MeetingState, Owner, View, may_record_view, views_differ,
};
use eenplan_store::Family;

use super::{DOMAIN, DUE, OWNER, ROWS, WHAT, running_organisations, when};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::flows::joint_assessment::texts::{JaTexts, joint_assessment};
use crate::kit::dates::dutch_date;
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, choices, label_of,
};
use crate::kit::form_status;
use crate::kit::render::step_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Shell, render};

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
    x: &'static JaTexts,
    nav: SubNav,
    family_id: String,
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
    summary: ErrorSummary,
    held: Option<(String, String, String, i64)>,
    done: Vec<Done>,
    cancelled: Option<(String, String)>,
}

/// Who an action can be given to: the circle, the family and its network.
fn owner_choices(x: &JaTexts, family: &Family, selected: &str) -> Vec<Choice> {
    let mut out = vec![Choice {
        value: String::new(),
        label: x.ja_choose_owner.into(),
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
            format!("{} ({})", m.name, x.ja_owner_member),
        );
    }
    for n in family.network.iter().filter(|n| !n.ended) {
        push(
            Owner::Network(n.id.clone()),
            format!("{} ({})", n.name, x.ja_owner_network),
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
pub(super) enum Form {
    None,
    View,
    Judgement,
    Cancel,
}

pub(super) async fn show_page(
    fam: &FamilyCtx,
    meeting_id: &str,
    (form, data, errs): (Form, &FormData, &Errors),
) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let lang = fam.lang;
    let (t, x) = (fam.t(), joint_assessment(lang));
    let mut tx = fam.store().read().await?;
    let family = tx.family(fam.family_id()).await?;
    let meeting = tx.meeting(fam.family_id(), meeting_id).await?;
    drop(tx);
    let (Some(family), Some(m)) = (family, meeting) else {
        return Err(PageError::not_found());
    };
    let lead = fam.grant.lead;
    let empty = FormData(vec![]);
    let for_form = |f: Form| if form == f { data } else { &empty };
    let err = |id: &str| errs.get(id).copied();
    let scheduled = m.state.open();
    let columns = m
        .invited
        .iter()
        .map(|(id, name)| Column {
            organisation: name.clone(),
            view: m.view_of(&OrganisationId::from(id.as_str())).map(|v| {
                (
                    v.view.clone(),
                    format!("{}, {} {}", v.recorded_by, x.ja_version, v.version),
                )
            }),
        })
        .collect();
    let view_inputs =
        may_record_view(m.state, &m.invited_ids(), p.organisation_id.as_str()).then(|| {
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
                        x.ja_worries,
                        &value("worries", mine.map(|v| &v.worries)),
                        err("worries"),
                    )
                    .kind("textarea"),
                ),
                Input::Text(
                    TextField::new(
                        "strengths",
                        x.ja_strengths,
                        &value("strengths", mine.map(|v| &v.strengths)),
                        err("strengths"),
                    )
                    .kind("textarea"),
                ),
                Input::Text(
                    TextField::new(
                        "needs",
                        x.ja_needs,
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
                    x.ja_judgement_needs,
                    &jd.raw("judgement_needs"),
                    err("judgement_needs"),
                )
                .kind("textarea"),
            ),
            Input::Text(
                TextField::new(
                    "differences",
                    x.ja_differences,
                    &jd.raw("differences"),
                    err("differences"),
                )
                .hint(x.ja_differences_hint)
                .kind("textarea"),
            ),
        ]
    });
    let rows = if judging {
        (0..ROWS)
            .map(|i| ActionRow {
                legend: format!("{} {}", x.ja_action, i + 1),
                inputs: vec![
                    Input::Text(TextField::new(
                        WHAT[i],
                        x.ja_action_what,
                        &jd.get(WHAT[i]),
                        err(WHAT[i]),
                    )),
                    Input::Select(ChoiceField {
                        id: OWNER[i],
                        label: x.ja_action_owner,
                        options: owner_choices(x, &family, &jd.get(OWNER[i])),
                        error: err(OWNER[i]),
                    }),
                    Input::Select(ChoiceField {
                        id: DOMAIN[i],
                        label: x.ja_action_domain,
                        options: choices(
                            LifeDomain::ALL,
                            |k| k.code().into(),
                            |k| label_of(lang, *k, LifeDomain::label_nl, LifeDomain::label_en),
                            &jd.get(DOMAIN[i]),
                        ),
                        error: err(DOMAIN[i]),
                    }),
                    Input::Text(
                        TextField::new(DUE[i], x.ja_action_due, &jd.get(DUE[i]), err(DUE[i]))
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
            x.ja_cancel_reason,
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
    let form_error = err("form").or(gone.then_some(t.err_step_meanwhile));
    let none = Vec::new();
    let summary = rows
        .iter()
        .fold(
            ErrorSummary::of_inputs(lang, view_inputs.as_ref().unwrap_or(&none))
                .with_inputs(judgement_inputs.as_ref().unwrap_or(&none)),
            |s, row| s.with_inputs(&row.inputs),
        )
        .with_inputs(cancel_inputs.as_ref().unwrap_or(&none))
        .or_refused(
            !errs.is_empty() && !gone && form_error.is_none(),
            [&view_inputs, &judgement_inputs, &cancel_inputs]
                .into_iter()
                .find_map(|i| i.as_deref())
                .unwrap_or_default(),
        );
    let page = ShowPage {
        shell: fam.shell(&format!("/gezinnen/{}/beoordeling/{}", family.id, m.id)),
        x,
        nav: sub_nav(fam, "/beoordeling", &family.label),
        family_id: family.id.to_string(),
        id: m.id.clone(),
        title: format!(
            "{} — {}",
            label_of(lang, m.kind, MeetingKind::label_nl, MeetingKind::label_en),
            when(lang, m.meets_at)
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
        form_error,
        kept,
        summary,
        held: m.held_on.map(|on| {
            (
                dutch_date(lang, on),
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
                due: dutch_date(lang, a.due),
            })
            .collect(),
        cancelled: m.cancelled_on.map(|on| {
            (
                dutch_date(lang, on),
                m.cancel_reason.clone().unwrap_or_default(),
            )
        }),
    };
    Ok(render(
        step_status(gone, form_status(errs.is_empty())),
        &page,
    ))
}

pub async fn show(
    fam: FamilyCtx,
    Path((_, meeting_id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let blank = (Form::None, &FormData(vec![]), &Errors::new());
    show_page(&fam, &meeting_id, blank).await
}

//! The lead's page of information requests: the recorded requests with their decision
//! (or a form to decide), and a form to record a new one. Refusals of the domain's
//! rules are said at the field they concern, with everything typed kept (422).

use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::MemberKind;
use eenplan_domain::family::portal::{
    Decision, DecisionError, InformationRequest, RefusalGround, RequestError, check_decision,
    may_ask,
};
use eenplan_store::{RecordedInformationRequest, StoreError};
use serde::Deserialize;

use super::texts::{RequestTexts, requests as texts};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::kit::dates::{long_date, today};
use crate::kit::extract::{Path, Query};
use crate::kit::form::{
    Choice, ChoiceField, Errors, FormData, Input, TextField, date, text_errors,
};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, PageError, Shell, form_status, render};

const PART: &str = "/informatieverzoeken";

struct Row {
    id: String,
    heading: String,
    question: String,
    recorded_by: String,
    /// The decision in words, once decided.
    outcome: Option<String>,
    /// The form to decide, for the one open request being decided (a page holds one
    /// such form, so its fields' ids are unique); empty for the others.
    inputs: Vec<Input>,
    action: String,
    /// The link that opens the form for this open request instead.
    decide_href: Option<String>,
}

#[derive(Template)]
#[template(path = "information_requests/page.html")]
struct RequestsPage {
    shell: Shell,
    r: &'static RequestTexts,
    nav: SubNav,
    notice: Option<&'static str>,
    summary: ErrorSummary,
    rows: Vec<Row>,
    record_inputs: Vec<Input>,
    action: String,
}

/// The form that came back refused, with what was typed and the messages.
enum Typed<'a> {
    Nothing,
    Record(&'a FormData, &'a Errors),
    Decide(&'a str, &'a FormData, &'a Errors),
}

#[derive(Debug, Deserialize)]
pub struct Done {
    klaar: Option<String>,
    /// The open request whose decision form the page shows (the oldest by default).
    besluit: Option<String>,
}

fn select(
    id: &'static str,
    label: &'static str,
    first: &str,
    options: Vec<(String, String)>,
    data: &FormData,
    errors: &Errors,
) -> Input {
    let chosen = data.get(id);
    Input::Select(ChoiceField {
        id,
        label,
        options: std::iter::once((String::new(), first.to_owned()))
            .chain(options)
            .map(|(value, label)| Choice {
                selected: value == chosen,
                value,
                label,
            })
            .collect(),
        error: errors.get(id).copied(),
    })
}

fn ground_label(r: &RequestTexts, g: RefusalGround) -> &'static str {
    match g {
        RefusalGround::ChildsInterest => r.ground_childs_interest,
        RefusalGround::NotGivenToCustodianEither => r.ground_not_to_custodian,
    }
}

fn outcome(lang: Lang, r: &RequestTexts, decided: &(jiff::civil::Date, Decision)) -> String {
    let (on, d) = decided;
    match d {
        Decision::Inform { information } => {
            format!("{} {}: {information}", r.informed_on, long_date(lang, *on))
        }
        Decision::Refuse { ground, reason } => format!(
            "{} {}: {} — {reason}",
            r.refused_on,
            long_date(lang, *on),
            ground_label(r, *ground)
        ),
    }
}

fn decide_inputs(r: &RequestTexts, id: &str, data: &FormData, errors: &Errors) -> Vec<Input> {
    let mut day = TextField::typed("decided_on", r.f_decided_on, data, errors)
        .kind("date")
        .suffix(id);
    if day.value.is_empty() {
        day.value = today().to_string();
    }
    let decision = select(
        "decision",
        r.f_decision,
        r.choose,
        vec![
            ("inform".into(), r.decision_inform.into()),
            ("refuse".into(), r.decision_refuse.into()),
        ],
        data,
        errors,
    );
    let ground = select(
        "ground",
        r.f_ground,
        r.ground_none,
        RefusalGround::ALL
            .into_iter()
            .map(|g| (g.code().to_owned(), ground_label(r, g).to_owned()))
            .collect(),
        data,
        errors,
    );
    vec![
        decision,
        Input::Text(
            TextField::typed("information", r.f_information, data, errors)
                .kind("textarea")
                .suffix(id),
        ),
        ground,
        Input::Text(
            TextField::typed("reason", r.f_reason, data, errors)
                .kind("textarea")
                .suffix(id),
        ),
        Input::Text(day),
    ]
}

async fn page(
    fam: &FamilyCtx,
    notice: Option<&'static str>,
    deciding: Option<&str>,
    typed: Typed<'_>,
) -> Result<Response, PageError> {
    let (lang, r) = (fam.lang, texts(fam.lang));
    let (family, list) = fam
        .read(async |tx, id| {
            let family = tx.family(id).await?;
            let list = tx.information_requests(id).await?;
            Ok::<_, StoreError>((family, list))
        })
        .await?;
    let Some(family) = family else {
        return Err(PageError::not_found());
    };
    let empty = (FormData(Vec::new()), Errors::new());
    let (rd, re) = match typed {
        Typed::Record(d, e) => (d, e),
        _ => (&empty.0, &empty.1),
    };
    let current = || family.members.iter().filter(|m| !m.ended);
    let parents = current()
        .filter(|m| m.kind != MemberKind::Child)
        .map(|m| (m.id.clone(), m.name.clone()))
        .collect();
    let children = current()
        .filter(|m| m.kind == MemberKind::Child)
        .map(|m| (m.id.clone(), m.name.clone()))
        .collect();
    let mut asked_on = TextField::typed("asked_on", r.f_asked_on, rd, re).kind("date");
    if asked_on.value.is_empty() {
        asked_on.value = today().to_string();
    }
    let record_inputs = vec![
        select("asker", r.f_asker, r.choose, parents, rd, re),
        select("child", r.f_child, r.choose, children, rd, re),
        Input::Text(asked_on),
        Input::Text(TextField::typed("question", r.f_question, rd, re).kind("textarea")),
    ];
    let mut summary = ErrorSummary::of_inputs(lang, &record_inputs);
    let base = format!("/gezinnen/{}{PART}", fam.family_id());
    let open = |q: &&RecordedInformationRequest| q.decided.is_none();
    let deciding = match &typed {
        Typed::Decide(id, _, _) => Some(id.to_string()),
        _ => deciding
            .filter(|d| list.iter().filter(open).any(|q| q.id == *d))
            .map(str::to_owned)
            .or_else(|| list.iter().rfind(open).map(|q| q.id.clone())),
    };
    let rows: Vec<Row> = list
        .iter()
        .map(|q: &RecordedInformationRequest| {
            let this = deciding.as_deref() == Some(q.id.as_str());
            let inputs = match &typed {
                _ if !this => Vec::new(),
                Typed::Decide(_, d, e) => decide_inputs(r, &q.id, d, e),
                _ => decide_inputs(r, &q.id, &empty.0, &empty.1),
            };
            Row {
                id: q.id.clone(),
                decide_href: (q.decided.is_none() && !this)
                    .then(|| format!("{base}?besluit={}#besluit", q.id)),
                heading: format!(
                    "{} {} {} {} {} {}",
                    r.asked_by,
                    q.asker_name,
                    r.about,
                    q.child_name,
                    r.asked_on,
                    long_date(lang, q.asked_on)
                ),
                question: q.question.clone(),
                recorded_by: format!("{} {}", r.recorded_by, q.recorded_by),
                outcome: q.decided.as_ref().map(|d| outcome(lang, r, d)),
                inputs,
                action: format!("{base}/{}/besluit", q.id),
            }
        })
        .collect();
    for row in &rows {
        summary = summary.with_inputs(&row.inputs);
    }
    let ok = summary.is_empty();
    Ok(render(
        form_status(ok),
        &RequestsPage {
            shell: fam.shell(&base),
            r,
            nav: sub_nav(fam, PART, &family.label),
            notice,
            summary,
            rows,
            record_inputs,
            action: base,
        },
    ))
}

pub async fn show(fam: FamilyCtx, Query(done): Query<Done>) -> Result<Response, PageError> {
    let r = texts(fam.lang);
    let notice = match done.klaar.as_deref() {
        Some("vastgelegd") => Some(r.recorded),
        Some("besloten") => Some(r.decided),
        Some("al-besloten") => Some(r.gone),
        _ => None,
    };
    page(&fam, notice, done.besluit.as_deref(), Typed::Nothing).await
}

fn request_error(
    r: &RequestTexts,
    t: &crate::kit::i18n::Texts,
    e: RequestError,
) -> (&'static str, &'static str) {
    match e {
        RequestError::NotAMember => ("asker", t.err_choose),
        RequestError::NotAParent => ("asker", r.err_not_parent),
        RequestError::HoldsCustody => ("asker", r.err_holds_custody),
        RequestError::NotAChild => ("child", r.err_not_child),
        RequestError::ChildIsAdult => ("child", r.err_adult),
        RequestError::QuestionNeeded => ("question", r.err_question),
        RequestError::InFuture => ("asked_on", t.err_not_future),
    }
}

/// Records a request, after the domain's `may_ask` on the family's facts.
pub async fn record(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?.clone();
    let (r, t) = (texts(fam.lang), fam.t());
    let mut errors = text_errors(&data, t, &["question"]);
    let asked_on = date(&data, "asked_on", t, &mut errors);
    let (asker, child) = (data.get("asker"), data.get("child"));
    if asker.is_empty() {
        errors.insert("asker", t.err_choose);
    }
    if child.is_empty() {
        errors.insert("child", t.err_choose);
    }
    if let (true, Some(asked_on)) = (errors.is_empty(), asked_on) {
        let req = InformationRequest {
            asker,
            child,
            asked_on,
            question: data.raw("question"),
        };
        let facts = fam
            .read(async |tx, id| tx.portal_family(id.as_str()).await)
            .await?;
        match may_ask(facts.facts(), &req, today()) {
            Err(e) => {
                let (field, message) = request_error(r, t, e);
                errors.insert(field, message);
            }
            Ok(()) => {
                let family_id = fam.family_id().clone();
                let done = fam
                    .store()
                    .change(async |tx| {
                        tx.record_information_request(
                            &p.actor(),
                            &family_id,
                            p.user_id.as_str(),
                            &req,
                            today(),
                        )
                        .await
                    })
                    .await;
                match done {
                    Ok(_) => {
                        return Ok(Redirect::to(&format!(
                            "/gezinnen/{family_id}{PART}?klaar=vastgelegd"
                        ))
                        .into_response());
                    }
                    // The family changed in between (a member ended): choose again.
                    Err(StoreError::Invalid(_)) => {
                        errors.insert("asker", t.err_choose);
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    page(&fam, None, None, Typed::Record(&data, &errors)).await
}

fn decision_error(
    r: &RequestTexts,
    t: &crate::kit::i18n::Texts,
    e: DecisionError,
) -> (&'static str, &'static str) {
    match e {
        DecisionError::InformationNeeded => ("information", r.err_information),
        DecisionError::ReasonNeeded => ("reason", r.err_reason),
        DecisionError::BeforeRequest => ("decided_on", r.err_before),
        DecisionError::InFuture => ("decided_on", t.err_not_future),
    }
}

/// Records the decision on one request: the domain's `check_decision` decides whether
/// it holds. A request someone decided in between is said on the list.
pub async fn decide(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, PageError> {
    let p = fam.principal()?.clone();
    let (r, t) = (texts(fam.lang), fam.t());
    let list = fam
        .read(async |tx, fid| tx.information_requests(fid).await)
        .await?;
    let Some(q) = list.into_iter().find(|q| q.id == id) else {
        return Err(PageError::not_found());
    };
    let base = format!("/gezinnen/{}{PART}", fam.family_id());
    if q.decided.is_some() {
        return Ok(Redirect::to(&format!("{base}?klaar=al-besloten")).into_response());
    }
    let mut errors = text_errors(&data, t, &["information", "reason"]);
    let decided_on = date(&data, "decided_on", t, &mut errors);
    let decision = match data.get("decision").as_str() {
        "inform" => Some(Decision::Inform {
            information: data.raw("information"),
        }),
        "refuse" => match RefusalGround::parse(&data.get("ground")) {
            Some(ground) => Some(Decision::Refuse {
                ground,
                reason: data.raw("reason"),
            }),
            None => {
                errors.insert("ground", r.err_ground);
                None
            }
        },
        _ => {
            errors.insert("decision", t.err_choose);
            None
        }
    };
    if let (true, Some(on), Some(decision)) = (errors.is_empty(), decided_on, decision) {
        let req = InformationRequest {
            asker: q.asker_id.clone(),
            child: q.child_id.clone(),
            asked_on: q.asked_on,
            question: q.question.clone(),
        };
        match check_decision(&req, &decision, on, today()) {
            Err(e) => {
                let (field, message) = decision_error(r, t, e);
                errors.insert(field, message);
            }
            Ok(()) => {
                let family_id = fam.family_id().clone();
                let done = fam
                    .store()
                    .change(async |tx| {
                        tx.decide_information_request(
                            &p.actor(),
                            &family_id,
                            &id,
                            p.user_id.as_str(),
                            (&decision, on),
                            today(),
                        )
                        .await
                    })
                    .await;
                let outcome = match done {
                    Ok(()) => "besloten",
                    Err(StoreError::Duplicate(_) | StoreError::Invalid(_)) => "al-besloten",
                    Err(e) => return Err(e.into()),
                };
                return Ok(Redirect::to(&format!("{base}?klaar={outcome}")).into_response());
            }
        }
    }
    page(&fam, None, None, Typed::Decide(&id, &data, &errors)).await
}

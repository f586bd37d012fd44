//! The professional's page of marks on the plan's lines (issue 17 §2): a line "niet
//! zichtbaar voor <member>" with a reason, or "gaat alleen over <child>", chosen from
//! the plan and the family; the young people's own sharing listed beside them. Whether
//! a mark holds is the domain's `check_mark`, asked again by the store.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::portal::{ItemKind, MarkKind};
use eenplan_store::{NewMark, StoreError};
use serde::Deserialize;

use super::plan_texts::{MarkTexts, marks as texts, portal_plan};
use super::plan_view::all_lines;
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::kit::extract::{Path, Query};
use crate::kit::form::{Choice, ChoiceField, Errors, FormData, Input, TextField};
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Shell, render};

const PART: &str = "/plan/markeringen";

struct Row {
    id: String,
    line: String,
    mark: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "family_portal/marks.html")]
struct MarksPage {
    shell: Shell,
    m: &'static MarkTexts,
    nav: SubNav,
    rows: Vec<Row>,
    notice: Option<&'static str>,
    inputs: Vec<Input>,
    summary: ErrorSummary,
    action: String,
    back: String,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

fn select(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: &str,
    errors: &Errors,
) -> Input {
    let mut all = vec![Choice {
        value: String::new(),
        label: String::new(),
        selected: chosen.is_empty(),
    }];
    all.extend(options.into_iter().map(|(value, label)| Choice {
        selected: value == chosen,
        value,
        label,
    }));
    Input::Select(ChoiceField {
        id,
        label,
        options: all,
        error: errors.get(id).copied(),
    })
}

async fn page(
    fam: &FamilyCtx,
    status: StatusCode,
    notice: Option<&'static str>,
    data: &FormData,
    errors: &Errors,
) -> Result<Response, PageError> {
    let (lang, m) = (fam.lang, texts(fam.lang));
    let (family, plan, marks) = fam
        .read(async |tx, id| {
            let family = tx.family(id).await?;
            let (_, plan) = tx.current_plan(id).await?;
            let marks = tx.portal_marks(id.as_str()).await?;
            Ok::<_, StoreError>((family, plan, marks))
        })
        .await?;
    let Some(family) = family else {
        return Err(PageError::not_found());
    };
    let lines = all_lines(lang, portal_plan(lang), &plan);
    let name = |id: &str| {
        family
            .members
            .iter()
            .find(|x| x.id == id)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let rows = marks
        .iter()
        .filter(|k| k.item_kind == ItemKind::PlanItem)
        .map(|k| Row {
            id: k.id.clone(),
            line: lines
                .iter()
                .find(|(r, _)| *r == k.item_ref)
                .map_or_else(|| m.not_in_plan.to_owned(), |(_, l)| l.clone()),
            mark: format!(
                "{} {}",
                match k.kind {
                    MarkKind::Hidden => m.hidden_for,
                    MarkKind::OnlyChild => m.only_about,
                    MarkKind::Shared => m.shared_with,
                },
                name(&k.member)
            ),
            reason: k.reason.clone(),
        })
        .collect();
    let members: Vec<(String, String)> = family
        .members
        .iter()
        .filter(|x| !x.ended)
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect();
    let kinds = vec![
        ("hidden".to_owned(), m.kind_hidden.to_owned()),
        ("only_child".to_owned(), m.kind_only.to_owned()),
    ];
    let inputs = vec![
        select("line", m.line_label, lines, &data.get("line"), errors),
        select("kind", m.kind_label, kinds, &data.get("kind"), errors),
        select(
            "member",
            m.member_label,
            members,
            &data.get("member"),
            errors,
        ),
        Input::Text(
            TextField::new(
                "reason",
                m.reason_label,
                &data.raw("reason"),
                errors.get("reason").copied(),
            )
            .hint(m.reason_hint)
            .kind("textarea"),
        ),
    ];
    let base = format!("/gezinnen/{}", fam.family_id());
    Ok(render(
        status,
        &MarksPage {
            shell: fam.shell(&format!("{base}{PART}")),
            m,
            nav: sub_nav(fam, "/plan", &family.label),
            rows,
            notice,
            summary: ErrorSummary::of_inputs(lang, &inputs).or_refused(!errors.is_empty(), &inputs),
            inputs,
            action: format!("{base}{PART}"),
            back: format!("{base}/plan"),
        },
    ))
}

pub async fn show(fam: FamilyCtx, Query(done): Query<Done>) -> Result<Response, PageError> {
    let m = texts(fam.lang);
    let notice = match done.klaar.as_deref() {
        Some("gemarkeerd") => Some(m.marked),
        Some("opgeheven") => Some(m.lifted),
        Some("niet-meer") => Some(m.gone),
        _ => None,
    };
    page(
        &fam,
        StatusCode::OK,
        notice,
        &FormData(Vec::new()),
        &Errors::new(),
    )
    .await
}

fn refusal(m: &MarkTexts, e: &str) -> (&'static str, &'static str) {
    // The store's refusal carries the domain's error text (`MarkError`).
    if e.contains("child") {
        ("member", m.not_a_child)
    } else if e.contains("says why") {
        ("reason", m.reason_missing)
    } else if e.contains("500") {
        ("reason", m.reason_long)
    } else {
        ("member", m.choose_member)
    }
}

pub async fn add(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?.clone();
    let m = texts(fam.lang);
    let mut errors = Errors::new();
    let line = data.get("line");
    let kind = match data.get("kind").as_str() {
        "hidden" => Some(MarkKind::Hidden),
        "only_child" => Some(MarkKind::OnlyChild),
        _ => None,
    };
    let member = data.get("member");
    let (_, plan) = fam.read(async |tx, id| tx.current_plan(id).await).await?;
    let lines = all_lines(fam.lang, portal_plan(fam.lang), &plan);
    if !lines.iter().any(|(r, _)| *r == line) {
        errors.insert("line", m.choose_line);
    }
    if kind.is_none() {
        errors.insert("kind", m.choose_kind);
    }
    if member.is_empty() {
        errors.insert("member", m.choose_member);
    }
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return page(&fam, StatusCode::UNPROCESSABLE_ENTITY, None, &data, &errors).await;
    };
    let mark = NewMark {
        item_kind: ItemKind::PlanItem,
        item_ref: line,
        kind,
        member_id: member,
        reason: data.raw("reason"),
    };
    let family = fam.family_id().to_string();
    let marked = fam
        .store()
        .change(async |tx| {
            tx.mark_portal_item(&p.actor(), p.user_id.as_str(), &family, &mark)
                .await
        })
        .await;
    match marked {
        Ok(_) => {
            Ok(Redirect::to(&format!("/gezinnen/{family}{PART}?klaar=gemarkeerd")).into_response())
        }
        Err(StoreError::Duplicate(_)) => {
            errors.insert("line", m.already);
            page(&fam, StatusCode::CONFLICT, None, &data, &errors).await
        }
        Err(StoreError::Invalid(e)) => {
            let (field, message) = refusal(m, &e);
            errors.insert(field, message);
            page(&fam, StatusCode::UNPROCESSABLE_ENTITY, None, &data, &errors).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn lift(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let p = fam.principal()?.clone();
    let family = fam.family_id().to_string();
    let by = format!("user:{}", p.user_id);
    let lifted = fam
        .store()
        .change(async |tx| tx.end_portal_mark(&p.actor(), &family, &id, &by).await)
        .await;
    let outcome = match lifted {
        Ok(()) => "opgeheven",
        Err(StoreError::NotFound(_)) => "niet-meer",
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("/gezinnen/{family}{PART}?klaar={outcome}")).into_response())
}

//! /mijn-gezin/plan: the plan through the family's door (issue 17 §2/§3). The current
//! version and the agreed ones, read only, line by line through `sight`; the member's
//! own scale and view; their own agreement when the domain asks it; and a young person's
//! switch, from 16, on what concerns only them. The family comes from the session,
//! never from the URL; every look is written in the access log as the member's.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::portal::{AdditionError, ItemKind, check_addition, may_add_to_plan};
use eenplan_domain::{FamilyId, UtcTime};
use eenplan_store::{AccessEntry, FamilyAddition, StoreError};
use serde::Deserialize;

use super::plan_texts::{PortalPlanTexts, portal_plan as texts};
use super::plan_view::{Reader, SectionView, sections};
use crate::auth::portal::member;
use crate::kit::dates::{long_date, today};
use crate::kit::extract::Query;
use crate::kit::form::{Errors, FormData, Input, TextField};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, Lang, PageError, Shell, render};

const PATH: &str = "/mijn-gezin/plan";

/// One version as the page shows it.
pub struct VersionBlock {
    pub heading: String,
    pub note: &'static str,
    pub sections: Vec<SectionView>,
    pub review: Option<String>,
}

#[derive(Template)]
#[template(path = "family_portal/plan.html")]
struct PlanPage {
    shell: Shell,
    p: &'static PortalPlanTexts,
    version: i64,
    now: Option<VersionBlock>,
    agreed: Vec<VersionBlock>,
    notice: Option<&'static str>,
    may_add: bool,
    inputs: Vec<Input>,
    summary: ErrorSummary,
    earlier: Vec<String>,
    may_agree: bool,
    agreed_on: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

fn day_of(lang: Lang, stored: &str) -> String {
    UtcTime::parse(stored)
        .map(|t| long_date(lang, eenplan_domain::time::amsterdam_date(t)))
        .unwrap_or_default()
}

async fn page(
    ctx: &Ctx,
    status: StatusCode,
    notice: Option<&'static str>,
    data: &FormData,
    errors: &Errors,
) -> Result<Response, PageError> {
    let m = member(ctx)?;
    let (lang, p) = (ctx.lang, texts(ctx.lang));
    let family_id = m.family_id.as_str();
    let fid = FamilyId::from(family_id);
    let mut tx = ctx.store().read().await?;
    let (version, current) = tx.current_plan(&fid).await?;
    let history = tx.plan_history(&fid).await?;
    let family = tx.portal_family(family_id).await?;
    let marks = tx.portal_marks(family_id).await?;
    let agreed_versions = tx.portal_agreed_versions(family_id).await?;
    let additions: Vec<FamilyAddition> = tx.family_plan_additions(family_id).await?;
    let may_agree = version > 0 && tx.family_may_agree(family_id, &m.member_id).await?;
    let own_agreement = tx
        .family_plan_agreements(family_id, version)
        .await?
        .into_iter()
        .find(|(who, _)| *who == m.member_id);
    let mut agreed_plans = Vec::new();
    for (v, at) in &agreed_versions {
        if let Some(plan) = tx.plan_version(&fid, *v).await? {
            agreed_plans.push((*v, at.clone(), plan));
        }
    }
    drop(tx);
    let on = today();
    let reader = Reader {
        facts: family.facts(),
        viewer: &m.member_id,
        on,
        marks: &marks,
    };
    let saved_on = |v: i64| {
        history
            .iter()
            .find(|h| h.version == v)
            .map(|h| day_of(lang, &h.saved_at))
            .unwrap_or_default()
    };
    let current_agreed = agreed_versions.iter().any(|(v, _)| *v == version);
    let now = (version > 0 && reader.sees_plan(current_agreed)).then(|| VersionBlock {
        heading: format!(
            "{} {version}, {} {}",
            p.version,
            p.written_on,
            saved_on(version)
        ),
        note: if current_agreed {
            p.now_agreed
        } else {
            p.now_draft
        },
        sections: sections(lang, p, &current, reader),
        review: current.review_date.map(|d| long_date(lang, d)),
    });
    let agreed = agreed_plans
        .iter()
        .filter(|(v, _, _)| *v != version && reader.sees_plan(true))
        .map(|(v, at, plan)| VersionBlock {
            heading: format!("{} {v}, {} {}", p.version, p.agreed_on, day_of(lang, at)),
            note: "",
            sections: sections(lang, p, plan, reader),
            review: None,
        })
        .collect();
    let may_add = version > 0 && may_add_to_plan(family.facts(), &m.member_id, on);
    let inputs = vec![
        Input::Text(
            TextField::typed("score", p.score_label, data, errors)
                .hint(p.score_hint)
                .kind("number"),
        ),
        Input::Text(
            TextField::new(
                "view",
                p.view_label,
                &data.raw("view"),
                errors.get("view").copied(),
            )
            .hint(p.view_hint)
            .kind("textarea"),
        ),
    ];
    let earlier = additions
        .iter()
        .filter(|a| a.member_id == m.member_id)
        .map(|a| format!("{}: {} — {}", long_date(lang, a.on), a.score, a.view))
        .collect();
    let page = PlanPage {
        shell: ctx.shell(PATH),
        p,
        version,
        now,
        agreed,
        notice,
        may_add,
        summary: ErrorSummary::of_inputs(lang, &inputs),
        inputs,
        earlier,
        may_agree: may_agree && own_agreement.is_none(),
        agreed_on: own_agreement.map(|(_, at)| day_of(lang, &at)),
    };
    // The member's read, in the access log (NEN 7513) as theirs.
    ctx.store()
        .log_access(AccessEntry::family_read(
            &m.account_id,
            family_id,
            format!("GET {PATH}"),
            ctx.client.0.as_str(),
        ))
        .await?;
    Ok(render(status, &page))
}

pub async fn show(ctx: Ctx, Query(done): Query<Done>) -> Result<Response, PageError> {
    let p = texts(ctx.lang);
    let notice = match done.klaar.as_deref() {
        Some("toegevoegd") => Some(p.added),
        Some("akkoord") => Some(p.agreed_done),
        Some("gedeeld") => Some(p.shared),
        _ => None,
    };
    page(
        &ctx,
        StatusCode::OK,
        notice,
        &FormData(Vec::new()),
        &Errors::new(),
    )
    .await
}

fn done(what: &str) -> Response {
    Redirect::to(&format!("{PATH}?klaar={what}")).into_response()
}

/// The member's own scale and view on the newest version; what was typed comes back
/// with the message next to its field when it does not hold.
pub async fn add(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let m = member(&ctx)?.clone();
    let p = texts(ctx.lang);
    let (score, view) = (data.get("score"), data.raw("view"));
    let mut errors = Errors::new();
    let (s, v) = check_addition(&score, &view);
    if s.is_err() {
        errors.insert("score", p.score_wrong);
    }
    match v {
        Err(AdditionError::ViewTooLong) => {
            errors.insert("view", p.view_long);
        }
        Err(_) => {
            errors.insert("view", p.view_empty);
        }
        Ok(()) => {}
    }
    if !errors.is_empty() {
        return page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, None, &data, &errors).await;
    }
    let version: i64 = data.get("version").parse().unwrap_or(0);
    let added = ctx
        .store()
        .change(async |tx| {
            tx.add_family_plan_view(
                &m.actor(),
                (&m.member_id, &m.account_id),
                &m.family_id,
                version,
                (&score, &view),
            )
            .await
        })
        .await;
    match added {
        Ok(()) => Ok(done("toegevoegd")),
        // No plan (any more) to add to, or no standing: the page shows what there is.
        Err(StoreError::NotFound(_) | StoreError::Invalid(_)) => {
            Ok(Redirect::to(PATH).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The member agrees to the version the page showed.
pub async fn agree(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let m = member(&ctx)?.clone();
    let version: i64 = data.get("version").parse().unwrap_or(0);
    let agreed = ctx
        .store()
        .change(async |tx| {
            tx.family_agree_plan(
                &m.actor(),
                (&m.member_id, &m.account_id),
                &m.family_id,
                version,
            )
            .await
        })
        .await;
    match agreed {
        Ok(()) => Ok(done("akkoord")),
        // Already agreed, not asked, or the version is gone: the page shows the state.
        Err(StoreError::NotFound(_) | StoreError::Invalid(_) | StoreError::Duplicate(_)) => {
            Ok(Redirect::to(PATH).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// A young person's switch "mijn ouders mogen dit zien" on a line about them only.
pub async fn share(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let m = member(&ctx)?.clone();
    let item_ref = data.get("item");
    let on = data.get("share") == "ja";
    let shared = ctx
        .store()
        .change(async |tx| {
            tx.share_with_parents(
                &m.actor(),
                (&m.member_id, &m.account_id),
                &m.family_id,
                (ItemKind::PlanItem, &item_ref),
                on,
            )
            .await
        })
        .await;
    match shared {
        Ok(()) => Ok(done("gedeeld")),
        Err(StoreError::Invalid(_) | StoreError::NotFound(_)) => {
            Ok(Redirect::to(PATH).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

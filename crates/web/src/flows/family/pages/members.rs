//! The household: adding and correcting members.

use crate::kit::Refusal;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use eenplan_domain::family::{MemberKind, NewMember};
use eenplan_store::StoreError;

use super::forms::Returned;
use super::show::show_page;
use super::*;
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::Ctx;
use crate::kit::PageError;
use crate::kit::dates::today;
use crate::kit::form::{FormData, optional_date, text_errors};

pub async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = lang.texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "date_of_birth"]);
    let kind = data
        .get("kind")
        .parse::<MemberKind>()
        .unwrap_or(MemberKind::Child);
    let dob = optional_date(&data, "date_of_birth", t, &mut errs);
    if errs.is_empty() {
        let member = NewMember {
            kind,
            name: data.get("name"),
            date_of_birth: dob,
            has_custody: !data.all("custody").is_empty(),
        };
        let added = state
            .store
            .change(async |tx| {
                tx.add_member(&p.actor(), &grant.family_id, member, today())
                    .await
            })
            .await;
        match added {
            Ok(_) => return Ok(back(grant.family_id.as_str())),
            Err(StoreError::Member(e)) => {
                e.place(lang, &mut errs);
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &ctx,
        &grant,
        Some(Returned::new("member", data, errs)),
    )
    .await
}

/// Corrects a member's details; the journal keeps the old ones.
pub async fn correct_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let t = lang.texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "date_of_birth", "reason"]);
    let kind = data
        .get("correct_kind")
        .parse::<MemberKind>()
        .unwrap_or(MemberKind::Child);
    let dob = optional_date(&data, "date_of_birth", t, &mut errs);
    if data.get("reason").is_empty() {
        errs.entry("reason").or_insert(t.err_required);
    }
    if errs.is_empty() {
        let member = NewMember {
            kind,
            name: data.get("name"),
            date_of_birth: dob,
            has_custody: !data.all("correct_custody").is_empty(),
        };
        let corrected = state
            .store
            .change(async |tx| {
                tx.correct_member(
                    &p.actor(),
                    &grant.family_id,
                    &data.get("member"),
                    member,
                    &data.get("reason"),
                    today(),
                )
                .await
            })
            .await;
        match corrected {
            Ok(()) => return Ok(back(grant.family_id.as_str())),
            Err(StoreError::Member(e)) => {
                e.place(lang, &mut errs);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("member", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &ctx,
        &grant,
        Some(Returned::new("correct", data, errs)),
    )
    .await
}

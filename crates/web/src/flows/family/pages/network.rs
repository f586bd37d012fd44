//! The network around the family: adding and correcting its members.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use eenplan_domain::family::NetworkRelation;
use eenplan_store::StoreError;

use super::forms::Returned;
use super::show::show_page;
use super::*;
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::Ctx;
use crate::kit::PageError;
use crate::kit::form::{FormData, text_errors};

pub async fn add_network(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact"]);
    if data.get("name").is_empty() {
        errs.entry("name").or_insert(t.err_required);
    }
    if errs.is_empty() {
        let relation = data
            .get("relation")
            .parse::<NetworkRelation>()
            .unwrap_or(NetworkRelation::Other);
        let added = state
            .store
            .change(async |tx| {
                tx.add_network_member(
                    &p.actor(),
                    &grant.family_id,
                    &network_details(&data, relation),
                )
                .await
            })
            .await;
        match added {
            Ok(_) => return Ok(back(grant.family_id.as_str())),
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &ctx,
        &grant,
        Some(Returned::new("network", data, errs)),
    )
    .await
}

/// Corrects a network member's details; the journal keeps the old ones.
pub async fn correct_network(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let t = ctx.t();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact", "reason"]);
    for field in ["name", "reason"] {
        if data.get(field).is_empty() {
            errs.entry(field).or_insert(t.err_required);
        }
    }
    if errs.is_empty() {
        let relation = data
            .get("network_relation")
            .parse::<NetworkRelation>()
            .unwrap_or(NetworkRelation::Other);
        let corrected = state
            .store
            .change(async |tx| {
                tx.correct_network_member(
                    &p.actor(),
                    &grant.family_id,
                    &data.get("network_member"),
                    &network_details(&data, relation),
                    &data.get("reason"),
                )
                .await
            })
            .await;
        match corrected {
            Ok(()) => return Ok(back(grant.family_id.as_str())),
            Err(StoreError::NotFound(_)) => {
                errs.insert("network_member", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &ctx,
        &grant,
        Some(Returned::new("network_fix", data, errs)),
    )
    .await
}

/// What the add and correct forms submit about a network member.
fn network_details(data: &FormData, relation: NetworkRelation) -> eenplan_store::NetworkDetails {
    eenplan_store::NetworkDetails {
        name: data.get("name"),
        relation,
        safety_role: data.get("safety_role"),
        contact: data.get("contact"),
    }
}

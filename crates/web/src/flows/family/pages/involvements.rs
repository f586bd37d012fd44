//! Who works with the family: joining the circle, handovers, and ending a part.

use crate::flows::family::texts::family_texts;
use crate::kit::Refusal;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use eenplan_domain::UserId;
use eenplan_domain::family::{ConsentStep, Expertise, InvolvementError, InvolvementRole};
use eenplan_store::{NewInvolvement, StoreError};

use super::forms::Returned;
use super::show::show_page;
use super::*;
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::kit::Ctx;
use crate::kit::PageError;
use crate::kit::form::{FormData, text_errors};

pub async fn add_involvement(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let (t, ft) = (lang.texts(), family_texts(lang));
    let data = FormData::parse(&body);
    let text = text_errors(&data, t, &["reason"]);
    let takes_over = Some(data.get("takes_over")).filter(|s| !s.is_empty());
    // The working model avoids handovers: warn first, proceed only once confirmed.
    if takes_over.is_some() && data.all("confirm").is_empty() {
        return show_page(
            &state,
            &ctx,
            &grant,
            Some(Returned::new("involvement", data, text).warned(true)),
        )
        .await;
    }
    let user_id = UserId::from(data.get("user_id"));
    let people = match async { state.store.read().await?.principal(&user_id).await }.await {
        Ok(p) => p,
        Err(e) => return Err(e.into()),
    };
    let mut errs = text;
    // A choice that is not on the list is refused at its field, never read as a default.
    let role = data
        .get("role")
        .parse::<InvolvementRole>()
        .map_err(|_| errs.insert("role", t.err_choose))
        .ok();
    let expertise = match data.get("expertise") {
        none if none.is_empty() => Some(None),
        code => code
            .parse::<Expertise>()
            .map_err(|_| errs.insert("expertise", t.err_choose))
            .ok()
            .map(Some),
    };
    let person = people.filter(|u| u.active);
    if person.is_none() {
        errs.insert("user_id", t.err_choose);
    }
    if let (Some(person), Some(role), Some(expertise)) = (person, role, expertise)
        && errs.is_empty()
    {
        let new = NewInvolvement {
            role,
            organisation_id: person.organisation_id.to_string(),
            user_id: person.user_id.to_string(),
            expertise,
            takes_over: takes_over.clone(),
            reason: Some(data.get("reason")).filter(|s| !s.is_empty()),
        };
        let added = state
            .store
            .change(async |tx| tx.add_involvement(&p.actor(), &grant.family_id, new).await)
            .await;
        match added {
            Ok(_) => return Ok(back(grant.family_id.as_str())),
            Err(StoreError::ConsentNeeded(step)) => {
                errs.insert(
                    "user_id",
                    if step == ConsentStep::SaveGuidance {
                        ft.err_needs_save_guidance
                    } else {
                        ft.err_needs_data_sharing
                    },
                );
            }
            Err(StoreError::Involvement(e)) => {
                e.place(lang, &mut errs);
            }
            Err(e) => return Err(e.into()),
        }
    }
    let warning = takes_over.is_some();
    show_page(
        &state,
        &ctx,
        &grant,
        Some(Returned::new("involvement", data, errs).warned(warning)),
    )
    .await
}

/// Ends a member's, network member's or partner's part: kept, marked ended, journaled.
pub async fn end_someone(
    State(state): State<AppState>,
    headers: HeaderMap,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let lang = ctx.lang;
    let (t, ft) = (lang.texts(), family_texts(lang));
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["end_reason"]);
    let reason = data.get("end_reason");
    if reason.is_empty() {
        errs.entry("end_reason").or_insert(t.err_required);
    }
    let who = data.get("who");
    let Some((kind, id)) = who.split_once(':') else {
        errs.insert("who", t.err_choose);
        return show_page(&state, &ctx, &grant, Some(Returned::new("end", data, errs))).await;
    };
    // Ending a member or network member changes the household: the lead's work. A
    // partner may end involvements (their own part) only.
    if matches!(kind, "member" | "network") && !grant.lead {
        return Ok(crate::auth::family::lead_only(
            &headers,
            &ctx.visitor,
            &grant.family_id,
            &state,
        )
        .await);
    }
    if errs.is_empty() {
        let ended = state
            .store
            .change(async |tx| {
                match kind {
                    "member" => {
                        tx.end_member(&p.actor(), &grant.family_id, id, &reason)
                            .await?
                    }
                    "network" => {
                        tx.end_network_member(&p.actor(), &grant.family_id, id, &reason)
                            .await?
                    }
                    _ => {
                        tx.end_involvement(&p.actor(), &grant.family_id, id, &reason)
                            .await?
                    }
                }
                Ok(())
            })
            .await;
        match ended {
            Ok(()) => return Ok(back(grant.family_id.as_str())),
            Err(StoreError::Involvement(InvolvementError::RegisseurCannotLeave)) => {
                errs.insert("who", ft.err_regisseur_leaves);
            }
            Err(StoreError::NotFound(_) | StoreError::Involvement(_)) => {
                errs.insert("who", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(&state, &ctx, &grant, Some(Returned::new("end", data, errs))).await
}

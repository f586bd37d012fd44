//! Who works with the family: joining the circle, handovers, and ending a part.

use crate::flows::family::texts::family_texts;
use axum::http::HeaderMap;
use axum::response::Response;
use eenplan_domain::UserId;
use eenplan_domain::family::{ConsentStep, Expertise, InvolvementError, InvolvementRole};
use eenplan_store::{NewInvolvement, StoreError};

use super::forms::{Part, Returned, part_of_ending};
use super::parts::form_back;
use super::*;
use crate::kit::form::{FormData, text_errors};
use crate::kit::respond::require;

pub async fn add_involvement(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let (t, ft) = (lang.texts(), family_texts(lang));
    let mut errs = text_errors(&data, t, &["reason"]);
    let takes_over = Some(data.get("takes_over")).filter(|s| !s.is_empty());
    let warned = |data, errs| Returned::new("involvement", data, errs).warned(takes_over.is_some());
    // The working model avoids handovers: warn first, proceed only once confirmed.
    if takes_over.is_some() && data.all("confirm").is_empty() {
        return form_back(&fam, warned(data, errs)).await;
    }
    let user_id = UserId::from(data.get("user_id"));
    let person = fam.store().read().await?.principal(&user_id).await?;
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
    let person = person.filter(|u| u.active);
    if person.is_none() {
        errs.insert("user_id", t.err_choose);
    }
    if let (Some(person), Some(role), Some(expertise)) = (person, role, expertise) {
        let new = NewInvolvement {
            role,
            organisation_id: person.organisation_id.to_string(),
            user_id: person.user_id.to_string(),
            expertise,
            takes_over: takes_over.clone(),
            reason: Some(data.get("reason")).filter(|s| !s.is_empty()),
        };
        let add = async |tx: &mut Tx| tx.add_involvement(&p.actor(), fam.family_id(), new).await;
        let place = |e, errs: &mut Errors| {
            match e {
                StoreError::ConsentNeeded(step) => {
                    let needed = if step == ConsentStep::SaveGuidance {
                        ft.err_needs_save_guidance
                    } else {
                        ft.err_needs_data_sharing
                    };
                    errs.insert("user_id", needed);
                }
                e => return place(lang)(e, errs),
            }
            Ok(())
        };
        if let Some(done) = settle(&fam, Part::Involvements.path(), &mut errs, add, place).await? {
            return Ok(done);
        }
    }
    form_back(&fam, warned(data, errs)).await
}

/// Ends a member's, network member's or partner's part: kept, marked ended, journaled.
pub async fn end_someone(
    fam: FamilyCtx,
    headers: HeaderMap,
    data: FormData,
) -> Result<Response, PageError> {
    let (p, lang) = (fam.principal()?, fam.lang);
    let (t, ft) = (lang.texts(), family_texts(lang));
    let mut errs = text_errors(&data, t, &["end_reason"]);
    require(&data, t, &mut errs, &["end_reason"]);
    let reason = data.get("end_reason");
    let who = data.get("who");
    let Some((kind, id)) = who.split_once(':') else {
        errs.insert("who", t.err_choose);
        return form_back(&fam, Returned::new("end", data, errs)).await;
    };
    // Ending a member or network member changes the household: the lead's work. A
    // partner may end involvements (their own part) only.
    if matches!(kind, "member" | "network") && !fam.grant.lead {
        let lead_only =
            crate::auth::family::lead_only(&headers, &fam.visitor, fam.family_id(), &fam.state);
        return Ok(lead_only.await);
    }
    let (actor, family_id) = (p.actor(), fam.family_id());
    let end = async |tx: &mut Tx| match kind {
        "member" => tx.end_member(&actor, family_id, id, &reason).await,
        "network" => tx.end_network_member(&actor, family_id, id, &reason).await,
        _ => tx.end_involvement(&actor, family_id, id, &reason).await,
    };
    let place = |e, errs: &mut Errors| {
        let message = match e {
            StoreError::Involvement(InvolvementError::RegisseurCannotLeave) => {
                ft.err_regisseur_leaves
            }
            StoreError::NotFound(_) | StoreError::Involvement(_) => t.err_choose,
            e => return Err(e.into()),
        };
        errs.insert("who", message);
        Ok(())
    };
    if let Some(done) = settle(&fam, part_of_ending(&who).path(), &mut errs, end, place).await? {
        return Ok(done);
    }
    form_back(&fam, Returned::new("end", data, errs)).await
}

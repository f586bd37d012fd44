//! Who works with the family: joining, handovers, and ending a part.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::UserId;
use eenplan_domain::family::{Expertise, InvolvementError, InvolvementRole, Placement};
use eenplan_store::{NewInvolvement, StoreError};
use serde_json::json;

use crate::Problem;
use crate::auth::family::FamilyCtx;
use crate::extract::Path;
use crate::flows::family::schemas::NewInvolvement as InvolvementIn;
use crate::kit::body::{Created, Reason};
use crate::kit::extract::Body;
use crate::kit::respond::{not_found, required};
use crate::kit::{ApiError, Refusal, fields};

pub async fn add_involvement(
    fam: FamilyCtx,
    Body(input): Body<InvolvementIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let role: InvolvementRole = fields::code("role", &input.role)?;
    let expertise: Option<Expertise> =
        fields::optional_code("expertise", input.expertise.as_deref())?;
    let user_id = UserId::from(input.user_id.as_str());
    let person = fam
        .store()
        .read()
        .await?
        .principal(&user_id)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| {
            ApiError::invalid(&[(
                "user_id",
                "unknown",
                super::FamilyApiTexts::both(|t| t.no_active_professional),
            )])
        })?;
    let new = NewInvolvement {
        role,
        organisation_id: person.organisation_id.to_string(),
        user_id: person.user_id.to_string(),
        expertise,
        takes_over: input.takes_over,
        reason: input.reason,
    };
    let refused = |e| match e {
        StoreError::ConsentNeeded(step) => Problem::titled(
            StatusCode::FORBIDDEN,
            "consent-needed",
            super::FamilyApiTexts::both(|t| t.consent_needed),
        )
        .detail_in({
            let (nl, en) = super::FamilyApiTexts::both(|t| t.consent_needed_detail);
            let fill = crate::kit::texts::fill;
            (
                fill(nl, &[("step", step.label_nl())]),
                fill(en, &[("step", step.label_en())]),
            )
        })
        .with(json!({ "consentStep": step.code() }))
        .into(),
        StoreError::Involvement(e) => e.problem().into(),
        e => e.into(),
    };
    let added = fam.write(refused, async |tx, by| {
        tx.add_involvement(&by.actor, by.family, new).await
    });
    let (id, placement) = added.await?;
    let handover = Some(matches!(placement, Placement::Handover { .. }));
    Ok((StatusCode::CREATED, Json(Created { id, handover })))
}

/// Which part of the family's circle an end request is about: the three end routes
/// differ only in this, so they share one handler.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Member,
    Network,
    Involvement,
}

pub async fn end(
    part: Part,
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
    Body(input): Body<Reason>,
) -> Result<StatusCode, ApiError> {
    let reason = required(
        "reason",
        &input.reason,
        super::FamilyApiTexts::both(|t| t.give_reason),
    )?;
    let refused = |e| match e {
        StoreError::Involvement(InvolvementError::RegisseurCannotLeave) => Problem::titled(
            StatusCode::CONFLICT,
            "handover-required",
            super::FamilyApiTexts::both(|t| t.lead_stays),
        )
        .detail_in(super::FamilyApiTexts::both(|t| t.lead_stays_detail))
        .into(),
        StoreError::NotFound(_) | StoreError::Involvement(_) => {
            not_found(super::FamilyApiTexts::both(|t| t.not_in_file))
        }
        e => e.into(),
    };
    fam.write(refused, async |tx, by| match part {
        Part::Member => tx.end_member(&by.actor, by.family, &id, reason).await,
        Part::Network => {
            tx.end_network_member(&by.actor, by.family, &id, reason)
                .await
        }
        Part::Involvement => tx.end_involvement(&by.actor, by.family, &id, reason).await,
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

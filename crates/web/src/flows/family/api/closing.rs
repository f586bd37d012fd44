//! `POST /api/v1/families/{family}/close` and `…/reopen`: the lead closes a file whose
//! help ended, or reopens it, by the domain's rule (`family::closing`). A missing reason
//! or note is a 400 at its member; a file that cannot close or reopen now a 409.

use axum::http::StatusCode;
use eenplan_domain::family::ClosingReason;
use eenplan_store::StoreError;

use crate::auth::family::FamilyCtx;
use crate::extract::Body;
use crate::flows::family::schemas::CloseFile;
use crate::kit::body::Reason;
use crate::kit::{ApiError, Refusal};

fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Closing(e) => e.problem().into(),
        e => e.into(),
    }
}

pub async fn close(fam: FamilyCtx, Body(input): Body<CloseFile>) -> Result<StatusCode, ApiError> {
    // An unknown code is no reason: the domain names the field.
    let reason = input.reason.parse::<ClosingReason>().ok();
    let note = input.note.unwrap_or_default();
    fam.write(refused, async |tx, by| {
        tx.close_file(&by.actor, by.family, reason, &note).await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn reopen(fam: FamilyCtx, Body(input): Body<Reason>) -> Result<StatusCode, ApiError> {
    fam.write(refused, async |tx, by| {
        tx.reopen_file(&by.actor, by.family, &input.reason).await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

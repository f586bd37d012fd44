//! Case notes.

use crate::kit::Ctx;
use crate::kit::Refusal;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use eenplan_domain::family::{Interaction, NoteChange, NoteError};
use eenplan_store::NoteContent;
use eenplan_store::StoreError;

use crate::auth::family::FamilyGrant;
use crate::flows::family::schemas::{NewNote as NoteIn, NoteChanged, Notes};
use crate::kit::ApiError;
use crate::kit::body::Created;
use crate::kit::extract::json_body;
use crate::kit::fields;
use crate::{AppState, Problem};

fn note_content(input: &NoteIn) -> Result<NoteContent, ApiError> {
    let interaction: Interaction = fields::code("interaction", &input.interaction)?;
    let happened_on = fields::date("happened_on", &input.happened_on)?;
    Ok(NoteContent {
        interaction,
        happened_on,
        text: input.text.clone(),
    })
}

/// A note rule as a field error.
fn note_invalid(e: NoteError) -> ApiError {
    match e {
        NoteError::Text(p) => crate::input::problem("text", p).into(),
        e => e.problem().into(),
    }
}

pub async fn notes(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Json<Notes>, ApiError> {
    let notes = state.store.read().await?.notes(&grant.family_id).await?;
    Ok(Json(Notes::from(notes.as_slice())))
}

pub async fn write_note(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let input: NoteIn = json_body(&bytes)?;
    let content = note_content(&input)?;
    let written = state
        .store
        .change(async |tx| {
            tx.write_note(&p.actor(), &grant.family_id, &p.user_id, content)
                .await
        })
        .await;
    match written {
        Ok(id) => Ok(Created::answer(id)),
        Err(StoreError::Note(e)) => Err(note_invalid(e)),
        Err(e) => Err(e.into()),
    }
}

pub async fn change_note(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, note_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Json<NoteChanged>, ApiError> {
    let p = ctx.caller()?;
    let input: NoteIn = json_body(&bytes)?;
    let content = note_content(&input)?;
    let changed = state
        .store
        .change(async |tx| {
            tx.change_note(
                &p.actor(),
                &grant.family_id,
                &note_id,
                &p.user_id,
                content,
                input.reason.as_deref(),
            )
            .await
        })
        .await;
    match changed {
        Ok((version, change)) => Ok(Json(NoteChanged::new(
            version,
            change == NoteChange::Correction,
        ))),
        Err(StoreError::Note(NoteError::NotAuthor)) => Err(Problem::new(
            StatusCode::FORBIDDEN,
            "not-author",
            "Alleen de auteur kan een notitie wijzigen",
        )
        .into()),
        Err(StoreError::Note(e)) => Err(note_invalid(e)),
        Err(StoreError::NotFound(_)) => Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Deze notitie bestaat niet",
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}

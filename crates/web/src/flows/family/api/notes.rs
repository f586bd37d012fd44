//! Case notes.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::family::{Interaction, NoteChange, NoteError};
use eenplan_store::{NoteContent, StoreError};

use crate::Problem;
use crate::auth::family::FamilyCtx;
use crate::extract::Path;
use crate::flows::family::ops;
use crate::flows::family::schemas::{NewNote as NoteIn, NoteChanged, Notes};
use crate::kit::body::Created;
use crate::kit::extract::Body;
use crate::kit::respond::not_found;
use crate::kit::{ApiError, Refusal, fields};

fn note_content(input: &NoteIn) -> Result<NoteContent, ApiError> {
    let interaction: Interaction = fields::code("interaction", &input.interaction)?;
    let happened_on = fields::date("happened_on", &input.happened_on)?;
    Ok(NoteContent {
        interaction,
        happened_on,
        text: input.text.clone(),
    })
}

/// A refused note: a note rule as a field error, a change by someone else than the
/// author as 403, a note that is not there as 404.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Note(NoteError::NotAuthor) => Problem::titled(
            StatusCode::FORBIDDEN,
            "not-author",
            super::FamilyApiTexts::both(|t| t.not_author),
        )
        .into(),
        StoreError::Note(NoteError::Text(p)) => crate::input::problem("text", p).into(),
        StoreError::Note(e) => e.problem().into(),
        StoreError::NotFound(_) => not_found(super::FamilyApiTexts::both(|t| t.no_note)),
        e => e.into(),
    }
}

pub async fn notes(fam: FamilyCtx) -> Result<Json<Notes>, ApiError> {
    let notes = fam.read(async |tx, family| tx.notes(family).await).await?;
    Ok(Json(Notes::from(notes.as_slice())))
}

pub async fn write_note(
    fam: FamilyCtx,
    Body(input): Body<NoteIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let content = note_content(&input)?;
    let written = fam.write(refused, async |tx, by| {
        tx.write_note(&by.actor, by.family, by.user, content).await
    });
    Ok(Created::answer(written.await?))
}

pub async fn change_note(
    fam: FamilyCtx,
    Path((_, note_id)): Path<(String, String)>,
    Body(input): Body<NoteIn>,
) -> Result<Json<NoteChanged>, ApiError> {
    let content = note_content(&input)?;
    let reason = input.reason.as_deref();
    let changed = fam.write(refused, async |tx, by| {
        ops::change_note(tx, by.principal, by.family, &note_id, content, reason).await
    });
    let (version, change) = changed.await?;
    Ok(Json(NoteChanged::new(
        version,
        change == NoteChange::Correction,
    )))
}

//! Case notes.

use crate::kit::Ctx;
use crate::kit::Refusal;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::family::{Interaction, NoteChange, NoteError};
use eenplan_store::NoteContent;
use eenplan_store::StoreError;
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::json;

use crate::auth::family::FamilyGrant;
use crate::kit::ApiError;
use crate::kit::extract::json_body;
use crate::{AppState, Problem};

#[derive(Debug, Deserialize)]
struct NoteIn {
    interaction: String,
    happened_on: String,
    #[serde(default)]
    text: String,
    reason: Option<String>,
}

fn note_content(input: &NoteIn) -> Result<NoteContent, ApiError> {
    let Ok(interaction) = input.interaction.parse::<Interaction>() else {
        return Err(ApiError::invalid(&[(
            "interaction",
            "enum",
            "Gebruik home_visit, office, phone, consultation of other.",
        )]));
    };
    let Ok(happened_on) = input.happened_on.parse::<Date>() else {
        return Err(ApiError::invalid(&[(
            "happened_on",
            "date",
            "Gebruik jjjj-mm-dd.",
        )]));
    };
    Ok(NoteContent {
        interaction,
        happened_on,
        text: input.text.clone(),
    })
}

/// A note rule as a field error.
fn note_invalid(e: NoteError) -> Response {
    match e {
        NoteError::Text(p) => crate::input::problem("text", p),
        e => ApiError::from(e.problem()).into_response(),
    }
}

pub async fn notes(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, ApiError> {
    Ok(match async { state.store.read().await?.notes(&grant.family_id).await }.await {
        Ok(notes) => Json(json!({ "notes": notes.iter().map(|n| json!({
            "id": n.id, "author": { "id": n.author_id, "name": n.author_name }, "created_at": n.created_at,
            "versions": n.versions.iter().map(|v| json!({
                "version": v.version, "interaction": v.interaction.code(), "happened_on": v.happened_on.to_string(),
                "text": v.text, "correction": v.correction, "reason": v.reason, "saved_at": v.saved_at,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>() }))
        .into_response(),
        Err(e) => return Err(e.into()),
    })
}

pub async fn write_note(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: NoteIn = json_body(&bytes)?;
    let content = note_content(&input)?;
    let written = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .write_note(&p.actor(), &grant.family_id, &p.user_id, content)
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    Ok(match written.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(StoreError::Note(e)) => note_invalid(e),
        Err(e) => return Err(e.into()),
    })
}

pub async fn change_note(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, note_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: NoteIn = json_body(&bytes)?;
    let content = note_content(&input)?;
    let changed = async {
        let mut tx = state.store.write().await?;
        let out = tx
            .change_note(
                &p.actor(),
                &grant.family_id,
                &note_id,
                &p.user_id,
                content,
                input.reason.as_deref(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(out)
    };
    Ok(match changed.await {
        Ok((version, change)) => {
            Json(json!({ "version": version, "correction": change == NoteChange::Correction }))
                .into_response()
        }
        Err(StoreError::Note(NoteError::NotAuthor)) => Problem::new(
            StatusCode::FORBIDDEN,
            "not-author",
            "Alleen de auteur kan een notitie wijzigen",
        )
        .into_response(),
        Err(StoreError::Note(e)) => note_invalid(e),
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Deze notitie bestaat niet",
        )
        .into_response(),
        Err(e) => return Err(e.into()),
    })
}

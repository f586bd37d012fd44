//! The household: adding and correcting members.

use crate::kit::Ctx;
use crate::kit::Lang;
use crate::kit::Refusal;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{MemberError, MemberKind, NewMember};
use eenplan_domain::time::amsterdam_date;
use eenplan_store::StoreError;
use serde::Deserialize;
use serde_json::json;

use crate::auth::family::FamilyGrant;
use crate::kit::ApiError;
use crate::kit::dates::parse_optional;
use crate::kit::extract::json_body;
use crate::{AppState, Problem};

#[derive(Debug, Deserialize)]
struct MemberIn {
    kind: String,
    #[serde(default)]
    name: String,
    date_of_birth: Option<String>,
    #[serde(default)]
    has_custody: bool,
}

pub async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: MemberIn = json_body(&bytes)?;
    let Ok(kind) = input.kind.parse::<MemberKind>() else {
        return Ok(
            ApiError::invalid(&[("kind", "enum", "Gebruik child, parent of household.")])
                .into_response(),
        );
    };
    let dob = match parse_optional(input.date_of_birth.as_deref()) {
        Ok(d) => d,
        Err(_) => {
            return Ok(
                ApiError::invalid(&[("date_of_birth", "date", "Gebruik jjjj-mm-dd.")])
                    .into_response(),
            );
        }
    };
    let added = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .add_member(
                &p.actor(),
                &grant.family_id,
                NewMember {
                    kind,
                    name: input.name.clone(),
                    date_of_birth: dob,
                    has_custody: input.has_custody,
                },
                amsterdam_date(UtcTime::now()),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    Ok(match added.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(StoreError::Member(MemberError::NameText(p))) => crate::input::problem("name", p),
        Err(StoreError::Member(e)) => ApiError::from(e.problem()).into_response(),
        Err(e) => return Err(e.into()),
    })
}

#[derive(Debug, Deserialize)]
struct CorrectionIn {
    #[serde(flatten)]
    member: MemberIn,
    #[serde(default)]
    reason: String,
}

pub async fn correct_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, member_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let input: CorrectionIn = json_body(&bytes)?;
    let Ok(kind) = input.member.kind.parse::<MemberKind>() else {
        return Ok(
            ApiError::invalid(&[("kind", "enum", "Gebruik child, parent of household.")])
                .into_response(),
        );
    };
    let dob = match parse_optional(input.member.date_of_birth.as_deref()) {
        Ok(d) => d,
        Err(_) => {
            return Ok(
                ApiError::invalid(&[("date_of_birth", "date", "Gebruik jjjj-mm-dd.")])
                    .into_response(),
            );
        }
    };
    if input.reason.trim().is_empty() {
        return Ok(
            ApiError::invalid(&[("reason", "required", "Geef de reden van de correctie.")])
                .into_response(),
        );
    }
    let member = NewMember {
        kind,
        name: input.member.name.clone(),
        date_of_birth: dob,
        has_custody: input.member.has_custody,
    };
    let corrected = async {
        let mut tx = state.store.write().await?;
        tx.correct_member(
            &p.actor(),
            &grant.family_id,
            &member_id,
            member,
            &input.reason,
            amsterdam_date(UtcTime::now()),
        )
        .await?;
        tx.commit().await
    };
    Ok(match corrected.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(StoreError::Member(e)) => {
            ApiError::invalid(&[("member", e.code(), e.text(Lang::Nl))]).into_response()
        }
        Err(StoreError::NotFound(_)) => Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen huidig gezinslid met dit id",
        )
        .into_response(),
        Err(e) => return Err(e.into()),
    })
}

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
use eenplan_domain::UtcTime;
use eenplan_domain::family::{MemberError, MemberKind, NewMember};
use eenplan_domain::time::amsterdam_date;
use eenplan_store::StoreError;

use crate::auth::family::FamilyGrant;
use crate::flows::family::schemas::{MemberCorrection, NewMember as MemberIn};
use crate::kit::ApiError;
use crate::kit::body::Created;
use crate::kit::extract::json_body;
use crate::kit::fields;
use crate::{AppState, Problem};

pub async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let input: MemberIn = json_body(&bytes)?;
    let kind: MemberKind = fields::code("kind", &input.kind)?;
    let dob = fields::optional_date("date_of_birth", input.date_of_birth.as_deref())?;
    let added = state
        .store
        .change(async |tx| {
            tx.add_member(
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
            .await
        })
        .await;
    match added {
        Ok(id) => Ok(Created::answer(id)),
        Err(StoreError::Member(MemberError::NameText(p))) => {
            Err(crate::input::problem("name", p).into())
        }
        Err(StoreError::Member(e)) => Err(e.problem().into()),
        Err(e) => Err(e.into()),
    }
}

pub async fn correct_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, member_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Result<StatusCode, ApiError> {
    let p = ctx.caller()?;
    let input: MemberCorrection = json_body(&bytes)?;
    let kind: MemberKind = fields::code("kind", &input.member.kind)?;
    let dob = fields::optional_date("date_of_birth", input.member.date_of_birth.as_deref())?;
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "reason",
            "required",
            "Geef de reden van de correctie.",
        )]));
    }
    let member = NewMember {
        kind,
        name: input.member.name.clone(),
        date_of_birth: dob,
        has_custody: input.member.has_custody,
    };
    let corrected = state
        .store
        .change(async |tx| {
            tx.correct_member(
                &p.actor(),
                &grant.family_id,
                &member_id,
                member,
                &input.reason,
                amsterdam_date(UtcTime::now()),
            )
            .await
        })
        .await;
    match corrected {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::Member(e)) => {
            Err(ApiError::invalid(&[("member", e.code(), e.text(Lang::Nl))]))
        }
        Err(StoreError::NotFound(_)) => Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Geen huidig gezinslid met dit id",
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}

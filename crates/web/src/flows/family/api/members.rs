//! The household: adding and correcting members.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::family::{MemberError, MemberKind, NewMember};
use eenplan_store::StoreError;

use crate::auth::family::FamilyCtx;
use crate::extract::Path;
use crate::flows::family::schemas::{MemberCorrection, NewMember as MemberIn};
use crate::kit::body::Created;
use crate::kit::extract::Body;
use crate::kit::respond::{not_found, required};
use crate::kit::{ApiError, Refusal, fields};

/// The member as the body describes it, or the problem naming the field at fault.
fn member(input: &MemberIn) -> Result<NewMember, ApiError> {
    Ok(NewMember {
        kind: fields::code::<MemberKind>("kind", &input.kind)?,
        name: input.name.clone(),
        date_of_birth: fields::optional_date("date_of_birth", input.date_of_birth.as_deref())?,
        has_custody: input.has_custody,
    })
}

pub async fn add_member(
    fam: FamilyCtx,
    Body(input): Body<MemberIn>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let member = member(&input)?;
    let refused = |e| match e {
        StoreError::Member(MemberError::NameText(p)) => crate::input::problem("name", p).into(),
        StoreError::Member(e) => e.problem().into(),
        e => e.into(),
    };
    let added = fam.write(refused, async |tx, by| {
        tx.add_member(&by.actor, by.family, member, by.today).await
    });
    Ok(Created::answer(added.await?))
}

pub async fn correct_member(
    fam: FamilyCtx,
    Path((_, member_id)): Path<(String, String)>,
    Body(input): Body<MemberCorrection>,
) -> Result<StatusCode, ApiError> {
    let member = member(&input.member)?;
    let reason = required(
        "reason",
        &input.reason,
        super::FamilyApiTexts::both(|t| t.give_correction_reason),
    )?;
    let refused = |e| match e {
        StoreError::Member(e) => ApiError::refused_at("member", &e),
        StoreError::NotFound(_) => not_found(super::FamilyApiTexts::both(|t| t.no_member)),
        e => e.into(),
    };
    fam.write(refused, async |tx, by| {
        tx.correct_member(&by.actor, by.family, &member_id, member, reason, by.today)
            .await
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

//! The on-site schedule: what the caller sees (their certified institution's, or their
//! local team's), and a team lead's part-days added and ended.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use eenplan_domain::UtcTime;
use eenplan_domain::save_on_site::{OnSiteDay, PartOfDay};
use eenplan_store::{NewSlot, StoreError};
use jiff::civil::Date;

use super::refused;
use crate::AppState;
use crate::flows::save_on_site::access::visible_slots;
use crate::flows::save_on_site::schemas::{
    NewSaveOnSiteSlot, SaveOnSiteSlot, SaveOnSiteSlotEnd, SaveOnSiteSlotEnded, SaveOnSiteSlots,
};
use crate::kit::body::Created;
use crate::kit::dates::{parse_optional, today};
use crate::kit::extract::{Path, json_body};
use crate::kit::{ApiError, Ctx};

pub async fn slots(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<SaveOnSiteSlots>, ApiError> {
    let p = ctx.caller()?;
    let today = today();
    let list = visible_slots(&mut state.store.read().await?, p).await?;
    Ok(Json(SaveOnSiteSlots {
        slots: list.iter().map(|s| SaveOnSiteSlot::new(s, today)).collect(),
    }))
}

pub async fn add_slot(
    State(state): State<AppState>,
    ctx: Ctx,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let p = ctx.caller()?;
    let input: NewSaveOnSiteSlot = json_body(&bytes)?;
    let Ok(day) = input.day.parse::<OnSiteDay>() else {
        return Err(ApiError::invalid(&[(
            "day",
            "enum",
            "Gebruik monday, tuesday, wednesday, thursday of friday.",
        )]));
    };
    let Ok(part) = input.part_of_day.parse::<PartOfDay>() else {
        return Err(ApiError::invalid(&[(
            "part_of_day",
            "enum",
            "Gebruik morning of afternoon.",
        )]));
    };
    let Ok(starts_on) = input.starts_on.parse::<Date>() else {
        return Err(ApiError::invalid(&[(
            "starts_on",
            "date",
            "Gebruik jjjj-mm-dd.",
        )]));
    };
    let Ok(ends_on) = parse_optional(input.ends_on.as_deref()) else {
        return Err(ApiError::invalid(&[(
            "ends_on",
            "date",
            "Gebruik jjjj-mm-dd.",
        )]));
    };
    let new = NewSlot {
        worker_id: input.worker_id,
        team_id: input.team_id,
        day,
        part,
        starts_on,
        ends_on,
    };
    let added = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .add_on_site_slot(&p.actor(), p, &new, UtcTime::now())
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match added.await {
        Ok(id) => Ok((StatusCode::CREATED, Json(Created::id(id)))),
        Err(e) => Err(refused(e, "dagdeel")),
    }
}

pub async fn end_slot(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slot_id): Path<String>,
    bytes: Bytes,
) -> Result<Json<SaveOnSiteSlotEnded>, ApiError> {
    let p = ctx.caller()?;
    let input: SaveOnSiteSlotEnd = json_body(&bytes)?;
    let Ok(ends_on) = input.ends_on.parse::<Date>() else {
        return Err(ApiError::invalid(&[(
            "ends_on",
            "date",
            "Gebruik jjjj-mm-dd.",
        )]));
    };
    let ended = async {
        let mut tx = state.store.write().await?;
        tx.end_on_site_slot(&p.actor(), p, &slot_id, ends_on, today())
            .await?;
        tx.commit().await
    };
    match ended.await {
        Ok(()) => Ok(Json(SaveOnSiteSlotEnded {
            id: slot_id,
            ends_on: ends_on.to_string(),
        })),
        Err(e) => Err(refused(e, "dagdeel van jouw organisatie")),
    }
}

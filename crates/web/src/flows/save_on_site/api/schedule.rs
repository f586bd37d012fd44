//! The on-site schedule: what the caller sees (their certified institution's, or their
//! local team's), and a team lead's part-days added and ended.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use eenplan_domain::UtcTime;
use eenplan_domain::save_on_site::{OnSiteDay, PartOfDay};
use eenplan_store::NewSlot;

use super::refused;
use crate::AppState;
use crate::flows::save_on_site::access::visible_slots;
use crate::flows::save_on_site::schemas::{
    NewSaveOnSiteSlot, SaveOnSiteSlot, SaveOnSiteSlotEnd, SaveOnSiteSlotEnded, SaveOnSiteSlots,
};
use crate::kit::body::Created;
use crate::kit::dates::today;
use crate::kit::extract::{Path, json_body};
use crate::kit::fields;
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
    let day: OnSiteDay = fields::code("day", &input.day)?;
    let part: PartOfDay = fields::code("part_of_day", &input.part_of_day)?;
    let starts_on = fields::date("starts_on", &input.starts_on)?;
    let ends_on = fields::optional_date("ends_on", input.ends_on.as_deref())?;
    let new = NewSlot {
        worker_id: input.worker_id,
        team_id: input.team_id,
        day,
        part,
        starts_on,
        ends_on,
    };
    let id = state
        .store
        .change(async |tx| {
            tx.add_on_site_slot(&p.actor(), p, &new, UtcTime::now())
                .await
        })
        .await
        .map_err(|e| refused(e, "dagdeel"))?;
    Ok(Created::answer(id))
}

pub async fn end_slot(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slot_id): Path<String>,
    bytes: Bytes,
) -> Result<Json<SaveOnSiteSlotEnded>, ApiError> {
    let p = ctx.caller()?;
    let input: SaveOnSiteSlotEnd = json_body(&bytes)?;
    let ends_on = fields::date("ends_on", &input.ends_on)?;
    state
        .store
        .change(async |tx| {
            tx.end_on_site_slot(&p.actor(), p, &slot_id, ends_on, today())
                .await
        })
        .await
        .map_err(|e| refused(e, "dagdeel van jouw organisatie"))?;
    Ok(Json(SaveOnSiteSlotEnded {
        id: slot_id,
        ends_on: ends_on.to_string(),
    }))
}

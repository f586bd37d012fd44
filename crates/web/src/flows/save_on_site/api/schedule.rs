//! The on-site schedule: what the caller sees (their certified institution's, or their
//! local team's), and a team lead's part-days added and ended.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::save_on_site::{OnSiteDay, PartOfDay};
use eenplan_store::NewSlot;

use super::refused;
use crate::flows::save_on_site::access::visible_slots;
use crate::flows::save_on_site::ops::{self, SlotChange};
use crate::flows::save_on_site::schemas::{
    NewSaveOnSiteSlot, SaveOnSiteSlot, SaveOnSiteSlotEnd, SaveOnSiteSlotEnded, SaveOnSiteSlots,
};
use crate::kit::body::Created;
use crate::kit::dates::today;
use crate::kit::extract::{Body, Path};
use crate::kit::fields;
use crate::kit::{ApiError, Ctx};

pub async fn slots(ctx: Ctx) -> Result<Json<SaveOnSiteSlots>, ApiError> {
    let today = today();
    let list = visible_slots(&mut ctx.store().read().await?, ctx.caller()?).await?;
    Ok(Json(SaveOnSiteSlots {
        slots: list.iter().map(|s| SaveOnSiteSlot::new(s, today)).collect(),
    }))
}

pub async fn add_slot(
    ctx: Ctx,
    Body(input): Body<NewSaveOnSiteSlot>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let new = NewSlot {
        worker_id: input.worker_id,
        team_id: input.team_id,
        day: fields::code::<OnSiteDay>("day", &input.day)?,
        part: fields::code::<PartOfDay>("part_of_day", &input.part_of_day)?,
        starts_on: fields::date("starts_on", &input.starts_on)?,
        ends_on: fields::optional_date("ends_on", input.ends_on.as_deref())?,
    };
    let id = ops::change_slot(ctx.store(), ctx.caller()?, SlotChange::Add(&new))
        .await
        .map_err(|e| refused(e, super::SLOT))?;
    Ok(Created::answer(id))
}

pub async fn end_slot(
    ctx: Ctx,
    Path(slot_id): Path<String>,
    Body(input): Body<SaveOnSiteSlotEnd>,
) -> Result<Json<SaveOnSiteSlotEnded>, ApiError> {
    let ends_on = fields::date("ends_on", &input.ends_on)?;
    let id = ops::change_slot(
        ctx.store(),
        ctx.caller()?,
        SlotChange::End(&slot_id, ends_on),
    )
    .await
    .map_err(|e| refused(e, super::OWN_SLOT))?;
    Ok(Json(SaveOnSiteSlotEnded {
        id,
        ends_on: ends_on.to_string(),
    }))
}

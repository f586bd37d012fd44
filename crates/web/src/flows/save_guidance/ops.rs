//! What the guidance's pages and its API write alike, written once: each is one step
//! in the caller's name, dated today, inside the caller's transaction.

use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{NewGuidance, Principal, ReviewInput, StoreError, Tx};
use jiff::civil::Date;

use crate::auth::family::FamilyGrant;
use crate::kit::dates::today;

/// Starts the guidance (lead work); its id.
pub(super) async fn start(
    tx: &mut Tx,
    p: &Principal,
    grant: &FamilyGrant,
    g: &NewGuidance,
) -> Result<String, StoreError> {
    tx.start_save_guidance(&p.actor(), &p.user_id, &grant.family_id, g, today())
        .await
}

/// A review by the SAVE organisation or the lead; the next review's date.
pub(super) async fn review(
    tx: &mut Tx,
    p: &Principal,
    grant: &FamilyGrant,
    guidance_id: &str,
    review: &ReviewInput,
) -> Result<Date, StoreError> {
    tx.review_save_guidance(
        &p.actor(),
        &p.organisation_id,
        grant.lead,
        &grant.family_id,
        guidance_id,
        review,
        today(),
    )
    .await
}

/// Ends the guidance with `outcome` for `reason`.
pub(super) async fn end(
    tx: &mut Tx,
    p: &Principal,
    grant: &FamilyGrant,
    guidance_id: &str,
    (outcome, reason): (GuidanceOutcome, &str),
) -> Result<(), StoreError> {
    tx.end_save_guidance(
        &p.actor(),
        &p.organisation_id,
        grant.lead,
        &p.user_id,
        &grant.family_id,
        guidance_id,
        outcome,
        reason,
        today(),
    )
    .await
}

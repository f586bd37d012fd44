//! What the guidance's pages and its API write alike, written once: each is one
//! transaction in the caller's name, dated today.

use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_store::{NewGuidance, Principal, ReviewInput, Store, StoreError};
use jiff::civil::Date;

use crate::auth::family::FamilyGrant;
use crate::kit::dates::today;

/// Starts the guidance (lead work); its id.
pub(super) async fn start(
    store: &Store,
    p: &Principal,
    grant: &FamilyGrant,
    g: &NewGuidance,
) -> Result<String, StoreError> {
    store
        .change(async |tx| {
            tx.start_save_guidance(&p.actor(), &p.user_id, &grant.family_id, g, today())
                .await
        })
        .await
}

/// A review by the SAVE organisation or the lead; the next review's date.
pub(super) async fn review(
    store: &Store,
    p: &Principal,
    grant: &FamilyGrant,
    guidance_id: &str,
    review: &ReviewInput,
) -> Result<Date, StoreError> {
    store
        .change(async |tx| {
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
        })
        .await
}

/// Ends the guidance with `outcome` for `reason`.
pub(super) async fn end(
    store: &Store,
    p: &Principal,
    grant: &FamilyGrant,
    guidance_id: &str,
    (outcome, reason): (GuidanceOutcome, &str),
) -> Result<(), StoreError> {
    store
        .change(async |tx| {
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
        })
        .await
}

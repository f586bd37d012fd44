//! What the meeting's pages and its API write alike, written once: each is one
//! transaction on the family's meeting in the caller's name, dated today.

use eenplan_domain::FamilyId;
use eenplan_domain::joint_assessment::{Judgement, View};
use eenplan_store::{NewMeeting, Principal, Store, StoreError};

use crate::kit::dates::today;

/// Schedules a meeting with `p` and their organisation as the organiser; its id.
pub(super) async fn schedule(
    store: &Store,
    p: &Principal,
    family_id: &FamilyId,
    meeting: &NewMeeting,
) -> Result<String, StoreError> {
    let by = (&p.user_id, &p.organisation_id);
    store
        .change(async |tx| {
            tx.schedule_meeting(&p.actor(), family_id, by, meeting, today())
                .await
        })
        .await
}

/// The view of `p`'s organisation on the meeting; its version.
pub(super) async fn record_view(
    store: &Store,
    p: &Principal,
    family_id: &FamilyId,
    meeting_id: &str,
    view: &View,
) -> Result<i64, StoreError> {
    let by = (&p.user_id, &p.organisation_id);
    store
        .change(async |tx| {
            tx.record_view(&p.actor(), family_id, meeting_id, by, view)
                .await
        })
        .await
}

/// The joint judgement, written into the plan; the plan's new version.
pub(super) async fn judge(
    store: &Store,
    p: &Principal,
    family_id: &FamilyId,
    meeting_id: &str,
    judgement: &Judgement,
) -> Result<i64, StoreError> {
    store
        .change(async |tx| {
            tx.record_judgement(
                &p.actor(),
                family_id,
                meeting_id,
                &p.user_id,
                judgement,
                today(),
            )
            .await
        })
        .await
}

/// Cancels the meeting for `reason`.
pub(super) async fn cancel(
    store: &Store,
    p: &Principal,
    family_id: &FamilyId,
    meeting_id: &str,
    reason: &str,
) -> Result<(), StoreError> {
    store
        .change(async |tx| {
            tx.cancel_meeting(
                &p.actor(),
                family_id,
                meeting_id,
                &p.user_id,
                reason,
                today(),
            )
            .await
        })
        .await
}

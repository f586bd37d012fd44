//! What Veilig Thuis's pages and its API read and write alike, written once: each
//! write is one step for the caller's organisation, in the caller's name, inside the
//! caller's transaction.

use eenplan_domain::UtcTime;
use eenplan_domain::veilig_thuis::{IntakeState, Outcome};
use eenplan_store::{Contact, NewContact, Principal, Radar, Store, StoreError, Tx};
use jiff::civil::Date;

use crate::kit::dates::today;

/// The organisation's contacts in progress, as of `today`.
pub(super) async fn work_list(
    store: &Store,
    p: &Principal,
    today: Date,
) -> Result<Vec<Contact>, StoreError> {
    store
        .read()
        .await?
        .vt_work_list(&p.organisation_id, today)
        .await
}

/// A contact comes in; its id and what the radar found.
pub(super) async fn receive(
    tx: &mut Tx,
    p: &Principal,
    contact: &NewContact,
) -> Result<(String, Radar), StoreError> {
    tx.receive_contact(
        &p.actor(),
        &p.organisation_id,
        &p.user_id,
        contact,
        UtcTime::now(),
    )
    .await
}

/// The safety assessment's outcome for a contact.
pub(super) async fn assess(
    tx: &mut Tx,
    p: &Principal,
    contact_id: &str,
    (outcome, follow_up_on): (Outcome, Option<Date>),
) -> Result<IntakeState, StoreError> {
    tx.assess_contact(
        &p.actor(),
        &p.organisation_id,
        contact_id,
        &p.user_id,
        outcome,
        follow_up_on,
        today(),
    )
    .await
}

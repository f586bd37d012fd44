//! What Veilig Thuis's pages and its API write alike, written once: each is one
//! transaction for the caller's organisation, in the caller's name.

use eenplan_domain::UtcTime;
use eenplan_domain::veilig_thuis::{IntakeState, Outcome};
use eenplan_store::{NewContact, Principal, Radar, Store, StoreError};
use jiff::civil::Date;

use crate::kit::dates::today;

/// A contact comes in; its id and what the radar found.
pub(super) async fn receive(
    store: &Store,
    p: &Principal,
    contact: &NewContact,
) -> Result<(String, Radar), StoreError> {
    store
        .change(async |tx| {
            tx.receive_contact(
                &p.actor(),
                &p.organisation_id,
                &p.user_id,
                contact,
                UtcTime::now(),
            )
            .await
        })
        .await
}

/// The safety assessment's outcome for a contact.
pub(super) async fn assess(
    store: &Store,
    p: &Principal,
    contact_id: &str,
    outcome: Outcome,
    follow_up_on: Option<Date>,
) -> Result<IntakeState, StoreError> {
    store
        .change(async |tx| {
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
        })
        .await
}

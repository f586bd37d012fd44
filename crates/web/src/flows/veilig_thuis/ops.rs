//! What Veilig Thuis's pages and its API read and write alike, written once: each
//! write is one step for the caller's organisation, in the caller's name, inside the
//! caller's transaction.

use eenplan_domain::UtcTime;
use eenplan_domain::veilig_thuis::IntakeState;
use eenplan_store::{
    AssessmentInput, Contact, ContactDetail, NewContact, Principal, Radar, Seek, Store, StoreError,
    Tx,
};

use crate::kit::paging::{Page, window};
use jiff::civil::Date;

use crate::kit::dates::today;

/// The tag the work list's cursors carry (it has one order).
pub(super) const WORK_SORT: &str = "vt";

/// One page of the organisation's contacts in progress, as of `today`, and how many
/// there are in all.
pub(super) async fn work_page(
    store: &Store,
    p: &Principal,
    today: Date,
    seek: &Seek,
    limit: i64,
) -> Result<(Page<Contact>, usize), StoreError> {
    let mut tx = store.read().await?;
    let rows = tx
        .vt_work_page(&p.organisation_id, today, seek, limit + 1)
        .await?;
    let (total, _, _) = tx.vt_work_counts(&p.organisation_id, today).await?;
    let page = window(rows, limit, seek, WORK_SORT, |(_, key)| key.clone());
    Ok((
        Page {
            items: page.items.into_iter().map(|(c, _)| c).collect(),
            next: page.next,
            previous: page.previous,
        },
        total,
    ))
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
    input: &AssessmentInput<'_>,
) -> Result<IntakeState, StoreError> {
    tx.assess_contact(
        &p.actor(),
        &p.organisation_id,
        contact_id,
        &p.user_id,
        input,
        today(),
    )
    .await
}

/// One contact of the organisation in full, for its own staff.
pub(super) async fn detail(
    store: &Store,
    p: &Principal,
    contact_id: &str,
) -> Result<Option<ContactDetail>, StoreError> {
    store
        .read()
        .await?
        .vt_contact(&p.organisation_id, contact_id)
        .await
}

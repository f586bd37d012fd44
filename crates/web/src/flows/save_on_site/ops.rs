//! The changes as the pages and the API both write them: the schedule's part-days, a
//! booking, a walk-in, the advice and the cancelling. A booking or walk-in does not
//! commit when the asker may not name the family: the refused attempt is handed back,
//! to be logged after the transaction is dropped.

use eenplan_domain::save_on_site::{self, ConsultationState, OnSiteError};
use eenplan_domain::{FamilyId, UserId, UtcTime};
use eenplan_store::{AccessEntry, AdviceInput, Ask, NewSlot, Principal, Store, StoreError};
use jiff::civil::Date;

use super::access::named_access;
use crate::kit::dates::today;

/// A booking or walk-in in the store: done, or the asker may not name the family.
pub(super) enum Asked {
    Done(String),
    /// The access-log line of the refused attempt, to write.
    NoAccess(AccessEntry),
}

/// The question as asked; an empty `family_id` asks anonymously.
pub(super) fn ask(slot_id: String, on: Date, family_id: Option<String>, question: String) -> Ask {
    Ask {
        slot_id,
        on,
        family_id: family_id.filter(|f| !f.is_empty()).map(FamilyId::from),
        question,
    }
}

/// `p` books a consultation for themselves (`route`: the log's name for the request).
pub(super) async fn book(
    store: &Store,
    p: &Principal,
    ask: &Ask,
    (route, client): (&str, &str),
) -> Result<Asked, StoreError> {
    let now = UtcTime::now();
    let mut tx = store.write().await?;
    if let Some(family) = &ask.family_id {
        let data = route.to_owned();
        if let Err(entry) = named_access(&mut tx, p, p, family, (data, client), now).await? {
            return Ok(Asked::NoAccess(entry));
        }
    }
    let id = tx.book_on_site(&p.actor(), p, ask, today(), now).await?;
    tx.commit().await?;
    Ok(Asked::Done(id))
}

/// The worker on site writes down a walk-in `asked_by` a professional of the team,
/// with the advice given.
pub(super) async fn walk_in(
    store: &Store,
    p: &Principal,
    (ask, asked_by): (&Ask, &UserId),
    advice: &AdviceInput,
    (route, client): (&str, &str),
) -> Result<Asked, StoreError> {
    let now = UtcTime::now();
    let mut tx = store.write().await?;
    // Only the worker on site, before anyone's access to a family is looked at.
    if let Some(slot) = tx.on_site_slot(&ask.slot_id).await? {
        save_on_site::walk_in_by(&slot.slot, p.user_id.as_str())?;
    }
    let Some(asker) = tx.principal(asked_by).await?.filter(|a| a.active) else {
        return Err(StoreError::SaveOnSite(OnSiteError::NotOfThisTeam));
    };
    if let Some(family) = &ask.family_id {
        let data = format!("{route} (gevraagd door {asked_by})");
        if let Err(entry) = named_access(&mut tx, p, &asker, family, (data, client), now).await? {
            return Ok(Asked::NoAccess(entry));
        }
    }
    let id = tx
        .walk_in_on_site(&p.actor(), p, &asker, ask, advice, today(), now)
        .await?;
    tx.commit().await?;
    Ok(Asked::Done(id))
}

/// What a team lead does to the schedule: add a part-day, or end one (its id) on a day.
#[derive(Clone, Copy)]
pub(super) enum SlotChange<'a> {
    Add(&'a NewSlot),
    End(&'a str, Date),
}

/// The team lead `p` changes the schedule, in one transaction; the part-day's id.
pub(super) async fn change_slot(
    store: &Store,
    p: &Principal,
    change: SlotChange<'_>,
) -> Result<String, StoreError> {
    store
        .change(async |tx| match change {
            SlotChange::Add(new) => {
                tx.add_on_site_slot(&p.actor(), p, new, UtcTime::now())
                    .await
            }
            SlotChange::End(slot_id, ends_on) => {
                tx.end_on_site_slot(&p.actor(), p, slot_id, ends_on, today())
                    .await?;
                Ok(slot_id.to_owned())
            }
        })
        .await
}

/// What settles a consultation: the worker's advice (it is held) or the cancelling, for
/// a reason.
#[derive(Clone, Copy)]
pub(super) enum Settle<'a> {
    Advice(&'a AdviceInput),
    Cancel(&'a str),
}

impl Settle<'_> {
    /// The state the consultation is left in.
    pub(super) fn leaves(self) -> ConsultationState {
        match self {
            Settle::Advice(_) => ConsultationState::Held,
            Settle::Cancel(_) => ConsultationState::Cancelled,
        }
    }
}

/// `p` settles consultation `id`, in one transaction.
pub(super) async fn settle(
    store: &Store,
    p: &Principal,
    id: &str,
    step: Settle<'_>,
) -> Result<(), StoreError> {
    let now = UtcTime::now();
    store
        .change(async |tx| match step {
            Settle::Advice(advice) => {
                tx.record_on_site_advice(&p.actor(), p, id, advice, today(), now)
                    .await
            }
            Settle::Cancel(reason) => tx.cancel_on_site(&p.actor(), p, id, reason, now).await,
        })
        .await
}

/// The team lead `p` cancels booking `id` at their institution's part-day `slot_id`.
pub(super) async fn lead_cancel(
    store: &Store,
    p: &Principal,
    (slot_id, id): (&str, &str),
    reason: &str,
) -> Result<(), StoreError> {
    let now = UtcTime::now();
    store
        .change(async |tx| {
            tx.lead_cancel_on_site(&p.actor(), p, (slot_id, id), reason, now)
                .await
        })
        .await
}

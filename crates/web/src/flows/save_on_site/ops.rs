//! The booking and the walk-in as the pages and the API both write them. Neither commits
//! when the asker may not name the family: the refused attempt is handed back, to be
//! logged after the transaction is dropped.

use eenplan_domain::save_on_site::{self, OnSiteError};
use eenplan_domain::{UserId, UtcTime};
use eenplan_store::{AccessEntry, AdviceInput, Ask, Principal, Store, StoreError};

use super::access::named_access;
use crate::kit::dates::today;

/// A booking or walk-in in the store: done, or the asker may not name the family.
pub(super) enum Asked {
    Done(String),
    /// The access-log line of the refused attempt, to write.
    NoAccess(AccessEntry),
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

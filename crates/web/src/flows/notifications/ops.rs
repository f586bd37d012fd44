//! What the pages and the API share: which families' labels the reader may see now
//! (the one access rule, as for opening the file), and the access-log lines for the
//! labels shown.

use std::collections::HashMap;

use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::family::{Basis, DataCategory, FamilyAccess, Need};
use eenplan_domain::{FamilyId, UtcTime};
use eenplan_store::{Notification, Principal, StoreError};

use crate::auth::family::{access_entry, decide};
use crate::kit::Ctx;

/// The families of `list` the reader may see now, with the basis they see them on.
pub async fn visible(
    ctx: &Ctx,
    p: &Principal,
    list: &[Notification],
) -> Result<HashMap<String, Basis>, StoreError> {
    let mut names: Vec<&str> = list.iter().filter_map(|n| n.family_id.as_deref()).collect();
    names.sort_unstable();
    names.dedup();
    let ids: Vec<FamilyId> = names.into_iter().map(FamilyId::from).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let now = UtcTime::now();
    let mut tx = ctx.store().read().await?;
    let facts = tx.access_facts_of(&ids).await?;
    let emergencies = tx.emergencies_of(&ids, &p.user_id, now).await?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            let f = facts.get(id)?;
            let until = emergencies.get(id).copied();
            match decide(p, f, until, Need::Data(DataCategory::Identity), now) {
                FamilyAccess::Granted(basis) => Some((id.to_string(), basis)),
                FamilyAccess::Refused(_) | FamilyAccess::Denied => None,
            }
        })
        .collect())
}

/// One access-log line per family whose label the list showed (NEN 7513: a list of
/// berichten reads the files' names, like the families list).
pub async fn log_labels_shown(
    ctx: &Ctx,
    p: &Principal,
    shown: &HashMap<String, Basis>,
    route: &str,
) -> Result<(), StoreError> {
    if shown.is_empty() {
        return Ok(());
    }
    let mut families: Vec<(&String, &Basis)> = shown.iter().collect();
    families.sort_by(|a, b| a.0.cmp(b.0));
    let entries = families
        .into_iter()
        .map(|(family, basis)| {
            access_entry(
                p,
                AccessEvent::Read,
                Some(*basis),
                Some(family.clone()),
                format!("{route}: label"),
                &ctx.client.0,
            )
        })
        .collect();
    ctx.store().log_access_all(entries).await
}

/// The family label `n` may show the reader: the file's current label, only when they
/// may see the file now.
pub fn label<'a>(n: &'a Notification, shown: &HashMap<String, Basis>) -> Option<&'a str> {
    n.family_id
        .as_deref()
        .filter(|f| shown.contains_key(*f))
        .and(n.family_label.as_deref())
}

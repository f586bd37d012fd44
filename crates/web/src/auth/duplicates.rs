//! The duplicate check for a new file, shared by page and API: the store finds the
//! candidates across all files, the domain's `family_access` decides per file whether
//! the person is in its circle (then they see the file), and outside it they learn only
//! which organisation leads it and its general phone number. Every file found outside
//! the circle is an access-log line against that file (the leading organisation's
//! signal), and those lines are the domain's rate limit's memory.

use eenplan_domain::FamilyId;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    DUPLICATE_PROBE_WINDOW, DataCategory, Need, Postcode, duplicate_check_allowed,
};
use eenplan_store::{
    DUPLICATE_CHECK_EVENT, FamilySummary, LeadOrganisation, Principal, StoreError,
};
use jiff::SignedDuration;
use jiff::civil::Date;

use super::family::{access_entry, decide};
use crate::AppState;

/// What the person may be told.
#[derive(Debug, Default)]
pub struct Duplicates {
    /// Files in the person's circle: shown as today, with a link.
    pub in_circle: Vec<FamilySummary>,
    /// The organisations leading files outside the circle, each once.
    pub outside: Vec<LeadOrganisation>,
}

impl Duplicates {
    pub fn is_empty(&self) -> bool {
        self.in_circle.is_empty() && self.outside.is_empty()
    }
}

#[derive(Debug)]
pub enum Checked {
    Answer(Duplicates),
    /// Too many files found outside the circle lately: wait this long.
    RateLimited(SignedDuration),
}

/// Seconds for a `Retry-After` header, at least one.
pub fn retry_after_seconds(wait: SignedDuration) -> String {
    wait.as_secs().max(1).to_string()
}

pub async fn check(
    state: &AppState,
    p: &Principal,
    children: &[(String, Date)],
    (postcode, house_number): (&Postcode, &str),
    (route, client): (&str, &str),
) -> Result<Checked, StoreError> {
    let now = UtcTime::now();
    let mut tx = state.store.read().await?;
    let since = UtcTime::from_timestamp(now.timestamp() - DUPLICATE_PROBE_WINDOW);
    let earlier = tx.duplicate_probes_since(&p.user_id, since).await?;
    if let Err(wait) = duplicate_check_allowed(&earlier, now) {
        return Ok(Checked::RateLimited(wait));
    }
    let found = tx
        .possible_duplicates(children, postcode, house_number)
        .await?;
    if found.is_empty() {
        return Ok(Checked::Answer(Duplicates::default()));
    }
    let ids: Vec<FamilyId> = found.iter().map(|f| f.id.clone()).collect();
    let facts = tx.access_facts_of(&ids).await?;
    let emergencies = tx.emergencies_of(&ids, &p.user_id, now).await?;
    let leads = tx.lead_organisations(&ids).await?;
    drop(tx);
    let mut answer = Duplicates::default();
    let mut lines = Vec::new();
    for f in found {
        let access = facts.get(&f.id).map(|facts| {
            decide(
                p,
                facts,
                emergencies.get(&f.id).copied(),
                Need::Data(DataCategory::Identity),
                now,
            )
        });
        let basis = match access {
            Some(eenplan_domain::family::FamilyAccess::Granted(b)) => Some(b),
            _ => None,
        };
        let mut entry = access_entry(
            p,
            DUPLICATE_CHECK_EVENT,
            basis,
            Some(f.id.to_string()),
            format!("{route}: possible duplicate of a new file"),
            client,
        );
        entry.granted = basis.is_some();
        lines.push(entry);
        if basis.is_some() {
            answer.in_circle.push(f);
        } else if let Some(lead) = leads.get(&f.id)
            && !answer.outside.iter().any(|o| o.id == lead.id)
        {
            answer.outside.push(lead.clone());
        }
    }
    state.store.log_access_all(lines).await?;
    Ok(Checked::Answer(answer))
}

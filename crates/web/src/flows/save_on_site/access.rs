//! What the pages and the API share: which part-days a visitor sees, who may name a
//! family in a consultation, and the access-log lines for consultations by name. A
//! consultation by name needs the asking professional to have the family in their
//! circle (the family guard's rule), and every touch of a named family is in the access
//! log.

use eenplan_domain::FamilyId;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{Basis, DataCategory, Need};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{AccessEntry, OnSiteConsultation, OnSiteSlot, Principal, StoreError, Tx};

use crate::AppState;
use crate::auth::family::{access_entry, decide};

/// How many coming on-site days a slot lists.
pub(super) const COMING_DAYS: usize = 4;

/// The schedule a visitor sees: their certified institution's, or their local team's.
pub(super) async fn visible_slots(
    tx: &mut Tx,
    p: &Principal,
) -> Result<Vec<OnSiteSlot>, StoreError> {
    match (p.organisation_kind, p.team_id.as_deref()) {
        (OrganisationKind::CertifiedInstitution, _) => {
            tx.on_site_slots_of_organisation(&p.organisation_id).await
        }
        (_, Some(team)) => tx.on_site_slots_at_team(team).await,
        _ => Ok(Vec::new()),
    }
}

/// Whether `asker` may name `family_id` in a consultation: the family guard's rule for
/// the family's identity, without emergency access (breaking the glass is for an
/// emergency, not for a consultation). The attempt is an access-log line for `actor`,
/// who writes the consultation: kept in `tx` when granted; handed back when refused, to
/// be logged after `tx` is dropped (its rollback would take the line with it).
pub(super) async fn named_access(
    tx: &mut Tx,
    actor: &Principal,
    asker: &Principal,
    family_id: &FamilyId,
    (data, client): (String, &str),
    now: UtcTime,
) -> Result<Result<(), AccessEntry>, StoreError> {
    let granted = match tx.access_facts(family_id).await? {
        Some(facts) => {
            decide(asker, &facts, None, Need::Data(DataCategory::Identity), now).granted()
        }
        None => false,
    };
    let basis = if actor.user_id == asker.user_id {
        granted.then_some(Basis::Involved)
    } else {
        // The worker writes about the family on the strength of its consent to the
        // named consultation (the domain checks that consent).
        granted.then_some(Basis::Consent)
    };
    let mut entry = access_entry(
        actor,
        eenplan_domain::access_log::AccessEvent::Update,
        basis,
        Some(family_id.to_string()),
        data,
        client,
    );
    if granted {
        tx.log_access(&entry).await?;
        Ok(Ok(()))
    } else {
        entry.granted = false;
        Ok(Err(entry))
    }
}

/// Reading consultations by name is reading those families' data: one access-log
/// line per family shown.
pub(super) async fn log_named_reads(
    state: &AppState,
    p: &Principal,
    shown: &[&OnSiteConsultation],
    data: &str,
    client: &str,
) -> Result<(), StoreError> {
    let families: Vec<&str> = shown
        .iter()
        .filter_map(|c| c.family_id.as_ref().map(FamilyId::as_str))
        .collect();
    log_family_reads(state, p, families, data, client).await
}

/// One "read" access-log line per family shown by name on the strength of its
/// consent to a named consultation.
pub(super) async fn log_family_reads(
    state: &AppState,
    p: &Principal,
    mut families: Vec<&str>,
    data: &str,
    client: &str,
) -> Result<(), StoreError> {
    families.sort_unstable();
    families.dedup();
    let entries = families
        .into_iter()
        .map(|family| {
            access_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Read,
                Some(Basis::Consent),
                Some(family.to_owned()),
                data.to_owned(),
                client,
            )
        })
        .collect();
    state.store.log_access_all(entries).await
}

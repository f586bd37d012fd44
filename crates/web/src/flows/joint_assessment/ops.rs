//! How the meeting's pages and its API write, said once: each change is one transaction
//! on the family's file in the caller's name, dated today.

use eenplan_domain::journal::Actor;
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_store::{Principal, StoreError, Tx};
use jiff::civil::Date;

use crate::auth::family::FamilyCtx;
use crate::kit::dates::today;

/// Who changes the family's meetings, where and when, as the store's calls take it.
pub(super) struct By<'a> {
    pub actor: Actor,
    pub family: &'a FamilyId,
    pub user: &'a UserId,
    pub organisation: &'a OrganisationId,
    pub today: Date,
}

impl By<'_> {
    /// The person and the organisation they act for.
    pub fn both(&self) -> (&UserId, &OrganisationId) {
        (self.user, self.organisation)
    }
}

/// Runs `write` as one transaction on the family's file, by `p`.
pub(super) async fn change<T>(
    fam: &FamilyCtx,
    p: &Principal,
    write: impl AsyncFnOnce(&mut Tx, &By<'_>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let by = By {
        actor: p.actor(),
        family: fam.family_id(),
        user: &p.user_id,
        organisation: &p.organisation_id,
        today: today(),
    };
    fam.store().change(async |tx| write(tx, &by).await).await
}

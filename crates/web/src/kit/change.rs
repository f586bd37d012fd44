//! A change in the caller's name, said once: the store's calls take who acts, for which
//! organisation, in which file and on which day, and every handler that writes hands
//! them over alike, so a handler names only its own call.

use eenplan_domain::journal::Actor;
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use eenplan_store::{Principal, StoreError, Tx};
use jiff::civil::Date;

use crate::kit::dates::today;
use crate::kit::{ApiError, Ctx};

/// Who changes a family's file, which file and when, as the store's calls take it.
#[derive(Debug)]
pub struct By<'a> {
    pub principal: &'a Principal,
    pub actor: Actor,
    pub family: &'a FamilyId,
    pub user: &'a UserId,
    pub organisation: &'a OrganisationId,
    pub today: Date,
}

impl<'a> By<'a> {
    /// `p` changing the file `family`, today.
    pub fn new(p: &'a Principal, family: &'a FamilyId) -> Self {
        By {
            principal: p,
            actor: p.actor(),
            family,
            user: &p.user_id,
            organisation: &p.organisation_id,
            today: today(),
        }
    }

    /// The person and the organisation they act for.
    pub fn both(&self) -> (&UserId, &OrganisationId) {
        (self.user, self.organisation)
    }
}

impl Ctx {
    /// An API operation's change outside a family's file: one transaction by the
    /// caller; a refusal as `refused` says it.
    pub async fn write<T>(
        &self,
        refused: impl FnOnce(StoreError) -> ApiError,
        write: impl AsyncFnOnce(&mut Tx, &Principal) -> Result<T, StoreError>,
    ) -> Result<T, ApiError> {
        let p = self.caller()?;
        self.store()
            .change(async |tx| write(tx, p).await)
            .await
            .map_err(refused)
    }
}

//! A family member withdrawing a consent through the family's door (issue 17 §3): the
//! domain decides whether this member may ([`check_withdrawal`]), the withdrawal is the
//! professionals' own ([`Tx::withdraw_consent`]'s), so the partner's access and a
//! SAVE-begeleiding resting on the consent end in the same transaction, and the journal
//! names the family member as the one who acted.

use eenplan_domain::FamilyId;
use eenplan_domain::family::{WithdrawalError, check_withdrawal};
use eenplan_domain::journal::Actor;
use jiff::civil::Date;

use crate::{StoreError, Tx};

impl Tx {
    /// Withdraws consent `consent_id` of the family as its member `member_id` (the
    /// family comes from the session, never from the request), with an optional reason.
    /// A consent of another family is not found; one this member may not withdraw (or
    /// no longer can) is refused with the domain's reason.
    pub async fn withdraw_consent_as_member(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        consent_id: &str,
        member_id: &str,
        reason: &str,
        today: Date,
    ) -> Result<(), StoreError> {
        let consent = self
            .consents(family_id)
            .await?
            .into_iter()
            .find(|c| c.id == consent_id)
            .ok_or_else(|| StoreError::NotFound(format!("consent {consent_id}")))?;
        let given_by: Vec<&str> = consent.given_by.iter().map(|(id, _)| id.as_str()).collect();
        check_withdrawal(&consent.facts(), &given_by, member_id, today)?;
        match self
            .end_consent(actor, family_id, consent_id, None, reason)
            .await
        {
            // Withdrawn by another member between the read and the update.
            Err(StoreError::NotFound(_)) => Err(WithdrawalError::AlreadyWithdrawn.into()),
            done => done,
        }
    }
}

//! The EVU in the bulk path ([`crate::Bulk`]): a local team's referral on the family's
//! consent, the combination the coordinator puts together, and its closing, written as
//! the store's own commands write them (`evu.rs`) and journaled with the same events.
//! As everywhere in the bulk path, the generator follows the domain's rules (consent
//! first, one open referral, the family in the EVU's area) by construction.

use eenplan_domain::evu::{ReferralSource, ReferralState};
use eenplan_domain::family::InvolvementRole;
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::{FamilyId, OrganisationId, UserId, UtcTime};
use jiff::civil::Date;

use crate::bulk::Bulk;
use crate::{Param, params};

/// Column position of the referral's state; its decision follows it.
const REFERRAL_STATE: usize = 8;

/// A worker of the EVU's combination: already involved (the regisseur), or joining.
#[derive(Debug, Clone, Copy)]
pub struct BulkEvuWorker<'a> {
    pub user_id: &'a UserId,
    pub organisation_id: &'a OrganisationId,
    /// The worker's involvement in the file when there is one already.
    pub involvement_id: Option<&'a str>,
}

impl Bulk {
    /// A local team's referral to the EVU on `on` (its consent given before).
    pub fn refer_to_evu(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        (organisation_id, user_id): (&OrganisationId, &UserId),
        reason: &str,
        on: Date,
    ) -> String {
        let id = crate::ids::new_id();
        self.referral_row
            .insert(id.clone(), self.evu_referrals.len());
        self.evu_referrals.push(params![
            &id,
            family_id,
            ReferralSource::LocalTeam.code(),
            Option::<String>::None,
            organisation_id,
            user_id,
            on.to_string(),
            reason.trim(),
            ReferralState::New.code(),
            Option::<String>::None,
            Option::<String>::None,
            ""
        ]);
        self.event(
            at,
            actor,
            Event::EvuReferred {
                family_id: family_id.to_string(),
                referral_id: id.clone(),
                source: ReferralSource::LocalTeam.code().to_owned(),
                vt_contact_id: None,
            },
        );
        id
    }

    /// The coordinator staffs the referral on `on`: each worker not yet involved joins
    /// as a partner. Returns the involvements made.
    pub fn assign_evu_combination(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        (referral_id, decided_by): (&str, &UserId),
        workers: &[BulkEvuWorker<'_>],
        on: Date,
    ) -> Vec<String> {
        let mut joined = Vec::new();
        for w in workers {
            let involvement = match w.involvement_id {
                Some(id) => id.to_owned(),
                None => {
                    let id = self.involve(
                        at,
                        actor,
                        family_id,
                        (InvolvementRole::Partner, w.user_id, w.organisation_id),
                        None,
                        None,
                    );
                    joined.push(id.clone());
                    id
                }
            };
            self.evu_assignments.push(params![
                referral_id,
                w.user_id,
                w.organisation_id,
                involvement
            ]);
        }
        self.decide_referral(referral_id, ReferralState::Assigned, (on, decided_by, ""));
        self.event(
            at,
            actor,
            Event::EvuCombinationAssigned {
                family_id: family_id.to_string(),
                referral_id: referral_id.to_owned(),
                user_ids: workers.iter().map(|w| w.user_id.to_string()).collect(),
            },
        );
        joined
    }

    /// The coordinator closes the staffed referral on `on`.
    pub fn close_evu_referral(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        (referral_id, decided_by): (&str, &UserId),
        reason: &str,
        on: Date,
    ) {
        self.decide_referral(referral_id, ReferralState::Closed, (on, decided_by, reason));
        self.event(
            at,
            actor,
            Event::EvuReferralClosed {
                family_id: family_id.to_string(),
                referral_id: referral_id.to_owned(),
            },
        );
    }

    fn decide_referral(
        &mut self,
        referral_id: &str,
        to: ReferralState,
        (on, by, reason): (Date, &UserId, &str),
    ) {
        if let Some(row) = self.referral_row.get(referral_id) {
            let row = &mut self.evu_referrals[*row];
            row[REFERRAL_STATE] = Param::from(to.code());
            row[REFERRAL_STATE + 1] = Param::from(on.to_string());
            row[REFERRAL_STATE + 2] = Param::from(by);
            row[REFERRAL_STATE + 3] = Param::from(reason.trim());
        }
    }
}

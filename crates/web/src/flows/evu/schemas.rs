//! The EVU's bodies and their schemas.

use eenplan_domain::evu::{ReferralSource, ReferralState};
use eenplan_store::{EvuReferral as StoredReferral, EvuWorker as StoredWorker};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::schema::codes;

/// A family's referrals, with the combination each got.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvuReferralList {
    referrals: Vec<EvuReferral>,
}

/// The coordinator's referrals, and the professionals a combination is chosen from.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvuWorkList {
    referrals: Vec<EvuReferral>,
    candidates: Vec<EvuWorker>,
}

/// A referral to the EVU and where it stands.
#[derive(Debug, Serialize, ToSchema)]
struct EvuReferral {
    id: String,
    family: EvuReferralFamily,
    #[schema(schema_with = codes::<ReferralSource>)]
    source: &'static str,
    /// The Veilig Thuis report it came from, when Veilig Thuis brought it in.
    #[schema(required = true)]
    vt_contact_id: Option<String>,
    referred_by_organisation: String,
    #[schema(format = Date)]
    referred_on: String,
    reason: String,
    #[schema(schema_with = codes::<ReferralState>)]
    state: &'static str,
    /// The last decision's date (staffed, declined or closed); null while new.
    #[schema(format = Date, required = true)]
    decided_on: Option<String>,
    /// Why it was declined or closed; empty while new or staffed.
    decision_reason: String,
    workers: Vec<EvuWorker>,
}

#[derive(Debug, Serialize, ToSchema)]
struct EvuReferralFamily {
    id: String,
    label: String,
}

/// A professional in (or for) a combination, with the organisation they work for.
#[derive(Debug, Serialize, ToSchema)]
struct EvuWorker {
    id: String,
    name: String,
    organisation: EvuWorkerOrganisation,
}

#[derive(Debug, Serialize, ToSchema)]
struct EvuWorkerOrganisation {
    id: String,
    name: String,
}

/// The professionals to assign at once, from several organisations, so the family keeps
/// the same faces. Read leniently: a missing list is refused with the field named.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EvuCombination {
    #[serde(default)]
    #[schema(required = true, min_items = 2)]
    pub user_ids: Vec<String>,
}

impl EvuReferralList {
    pub fn new(referrals: &[StoredReferral]) -> Self {
        Self {
            referrals: referrals.iter().map(EvuReferral::from).collect(),
        }
    }
}

impl EvuWorkList {
    pub fn new(referrals: &[StoredReferral], candidates: &[StoredWorker]) -> Self {
        Self {
            referrals: referrals.iter().map(EvuReferral::from).collect(),
            candidates: candidates.iter().map(EvuWorker::from).collect(),
        }
    }
}

impl From<&StoredReferral> for EvuReferral {
    fn from(r: &StoredReferral) -> Self {
        Self {
            id: r.id.clone(),
            family: EvuReferralFamily {
                id: r.family_id.to_string(),
                label: r.family_label.clone(),
            },
            source: r.source.code(),
            vt_contact_id: r.vt_contact_id.clone(),
            referred_by_organisation: r.organisation_name.clone(),
            referred_on: r.referred_on.to_string(),
            reason: r.reason.clone(),
            state: r.state.code(),
            decided_on: r.decided_on.map(|d| d.to_string()),
            decision_reason: r.decision_reason.clone(),
            workers: r.workers.iter().map(EvuWorker::from).collect(),
        }
    }
}

impl From<&StoredWorker> for EvuWorker {
    fn from(w: &StoredWorker) -> Self {
        Self {
            id: w.user_id.clone(),
            name: w.name.clone(),
            organisation: EvuWorkerOrganisation {
                id: w.organisation_id.clone(),
                name: w.organisation_name.clone(),
            },
        }
    }
}

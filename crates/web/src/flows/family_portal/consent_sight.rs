//! What the consent pages need to ask the domain's portal rule ([`sight`]) once per
//! request: the signed-in member, their family as [`FamilyFacts`] and today. The family
//! comes from the session, never from the URL. Every read of the family's data by the
//! member is written to the access log as theirs.
//!
//! The store keeps custody as "has custody" per parent, not per child and period, so a
//! parent with custody counts as holding it over every child of the family since the
//! child's birth; a granted custody termination puts the child under the certified
//! institution's guardianship, which [`sight`] lets no member's custody outlive.

use eenplan_domain::FamilyId;
use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::family::MemberKind;
use eenplan_domain::family::portal::{
    CustodyPeriod, FamilyFacts, Guardian, GuardianshipPeriod, Item, Member, Relation, sight,
};
use eenplan_store::{AccessEntry, FamilyPrincipal, StoreError, Tx};
use jiff::civil::Date;

use crate::kit::{Ctx, PageError};

/// The signed-in member and their family as the portal rule sees it.
pub struct PortalSight {
    pub member: FamilyPrincipal,
    pub family_id: FamilyId,
    pub today: Date,
    members: Vec<Member>,
    custody: Vec<CustodyPeriod>,
    guardianships: Vec<GuardianshipPeriod>,
}

/// The signed-in family member; the route's policy let only them through.
pub fn member(ctx: &Ctx) -> Result<FamilyPrincipal, PageError> {
    ctx.visitor.family.clone().ok_or_else(|| {
        tracing::error!("a family route ran without a family member");
        PageError::internal()
    })
}

impl PortalSight {
    /// Reads the member's family in `tx`; `None` when the file is gone.
    pub async fn load(
        tx: &mut Tx,
        member: FamilyPrincipal,
        today: Date,
    ) -> Result<Option<(Self, eenplan_store::Family)>, StoreError> {
        let family_id = FamilyId::from(member.family_id.as_str());
        let Some(family) = tx.family(&family_id).await? else {
            return Ok(None);
        };
        let current: Vec<_> = family.members.iter().filter(|m| !m.ended).collect();
        let members = current
            .iter()
            .map(|m| Member {
                id: m.id.clone(),
                relation: match m.kind {
                    MemberKind::Child => Relation::Child,
                    MemberKind::Parent => Relation::Parent,
                    MemberKind::Household => Relation::Carer,
                },
                date_of_birth: m.date_of_birth,
            })
            .collect();
        let children: Vec<_> = current
            .iter()
            .filter(|m| m.kind == MemberKind::Child)
            .collect();
        let custody = current
            .iter()
            .filter(|m| m.kind == MemberKind::Parent && m.has_custody)
            .flat_map(|parent| {
                children.iter().map(|child| CustodyPeriod {
                    holder: parent.id.clone(),
                    child: child.id.clone(),
                    from: child.date_of_birth.unwrap_or(Date::MIN),
                    until: None,
                })
            })
            .collect();
        let guardianships = tx
            .guardianships(&family_id)
            .await?
            .into_iter()
            .map(|g| GuardianshipPeriod {
                child: g.child_id,
                guardian: Guardian::Institution {
                    organisation_id: g.organisation_id,
                },
                from: Date::MIN,
                until: None,
            })
            .collect();
        Ok(Some((
            PortalSight {
                member,
                family_id,
                today,
                members,
                custody,
                guardianships,
            },
            family,
        )))
    }

    pub fn facts(&self) -> FamilyFacts<'_> {
        FamilyFacts {
            members: &self.members,
            custody: &self.custody,
            guardianships: &self.guardianships,
        }
    }

    /// Whether the member sees `item` today; what is not shown is left out silently.
    pub fn shows(&self, item: &Item) -> bool {
        sight(self.facts(), &self.member.member_id, item, self.today).is_shown()
    }

    /// Writes the member's read of `data` to the access log (NEN 7513), as the family
    /// member: the account in the user column, marked `family:`, with no organisation.
    pub async fn log_read(&self, ctx: &Ctx, data: &str) -> Result<(), PageError> {
        let entry = AccessEntry {
            event: AccessEvent::Read,
            granted: true,
            basis: None,
            user_id: format!("family:{}", self.member.account_id),
            organisation_id: String::new(),
            role: "family_member".to_owned(),
            on_behalf_of: None,
            family_id: Some(self.family_id.to_string()),
            data: data.to_owned(),
            client_address: ctx.client.0.clone(),
        };
        ctx.store().log_access(entry).await.map_err(|e| {
            tracing::error!(error = %e, "the access log refused a family member's read");
            PageError::internal()
        })
    }
}

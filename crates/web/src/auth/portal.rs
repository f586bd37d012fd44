//! One way for every family portal page to ask the domain's portal rule
//! (`family::portal::sight`) what the signed-in member sees: the family as the file
//! records it today, turned into the rule's facts once per request. A page builds an
//! `Item` per thing it would show and leaves out, silently, what [`PortalCtx::shows`]
//! answers `None` for; no page weighs age or custody itself.
//!
//! The family comes from the member's session, never from the URL, so a member sees
//! only their own family. Every page that reads the family's data logs the read as the
//! member's ([`PortalCtx::log_read`]), before the answer goes out.

use eenplan_domain::FamilyId;
use eenplan_domain::family::portal::{
    FamilyFacts, Item, ItemKind, RecordedFamily, Redaction, Sight, sight,
};
use eenplan_store::{AccessEntry, Family, FamilyPrincipal, StoreError, Tx};
use jiff::civil::Date;

use crate::kit::dates::today;
use crate::kit::{Ctx, PageError};

/// The signed-in member, their family as recorded and the day the rule is asked for.
#[derive(Debug)]
pub struct PortalCtx {
    pub member: FamilyPrincipal,
    pub today: Date,
    /// The family's file as the store holds it (current and ended members, network,
    /// involvements): pages take what they show from here, each item through
    /// [`PortalCtx::shows`].
    pub family: Family,
    recorded: RecordedFamily,
}

impl PortalCtx {
    /// The member of the session and their family. A family that no longer exists (or
    /// a member no longer in it) is a 404: nothing to show.
    pub async fn load(ctx: &Ctx) -> Result<Self, PageError> {
        let member = member(ctx)?.clone();
        let mut tx = ctx.state.store.read().await?;
        Self::load_in(&mut tx, member, today())
            .await?
            .ok_or_else(PageError::not_found)
    }

    /// [`PortalCtx::load`] inside a transaction the page also writes in (withdrawing a
    /// consent decides and writes on the same reading); `None` when the file is gone.
    pub async fn load_in(
        tx: &mut Tx,
        member: FamilyPrincipal,
        today: Date,
    ) -> Result<Option<Self>, StoreError> {
        let id = FamilyId::from(member.family_id.as_str());
        let Some(family) = tx.family(&id).await? else {
            return Ok(None);
        };
        let recorded = tx.portal_family(&member.family_id).await?;
        Ok(Some(PortalCtx {
            recorded,
            member,
            today,
            family,
        }))
    }

    pub fn facts(&self) -> FamilyFacts<'_> {
        self.recorded.facts()
    }

    pub fn member_id(&self) -> &str {
        &self.member.member_id
    }

    pub fn family_id(&self) -> &str {
        &self.member.family_id
    }

    /// The family's id as the store takes it.
    pub fn family(&self) -> FamilyId {
        FamilyId::from(self.member.family_id.as_str())
    }

    /// What of `item` the member may see: `None` when the rule leaves it out, else the
    /// parts to leave out of it.
    pub fn shows(&self, item: &Item) -> Option<Vec<Redaction>> {
        match sight(self.facts(), self.member_id(), item, self.today) {
            Sight::Shown { redactions, .. } => Some(redactions),
            Sight::NotShown(_) => None,
        }
    }

    /// Whether the member sees what concerns the whole family of this kind: whether a
    /// page of that kind has anything to offer them (the home page links to it).
    pub fn sees(&self, kind: ItemKind) -> bool {
        self.shows(&Item::family(kind)).is_some()
    }

    /// Logs that the member read `page` of their family's file (NEN 7513: every read of
    /// family data), committed before the page goes out.
    pub async fn log_read(&self, ctx: &Ctx, page: &str) -> Result<(), PageError> {
        ctx.state
            .store
            .log_access(AccessEntry::family_read(
                &self.member.account_id,
                self.family_id(),
                format!("GET {page}"),
                ctx.client.0.as_str(),
            ))
            .await?;
        Ok(())
    }
}

/// The signed-in family member; the route's policy let only them through.
pub fn member(ctx: &Ctx) -> Result<&FamilyPrincipal, PageError> {
    ctx.visitor.family.as_ref().ok_or_else(|| {
        tracing::error!("a family route ran without a family member");
        PageError::internal()
    })
}

//! The plan through the family's door (issue 17 §2/§3): the marks that steer what a
//! member sees of an item (`portal_marks`, any kind of item), and what the family adds
//! to a plan version (their scale and view, their own agreement). The rules are the
//! domain's `family::portal` (marks, `sight`) and `family::agreement` (`who_agrees`);
//! each write checks them again, so no page can store what the rule refuses.

use eenplan_domain::family::Plan;
use eenplan_domain::family::agreement::{AgreementFacts, who_agrees};
use eenplan_domain::family::portal::{
    ItemKind, Mark, MarkKind, RecordedFamily, RecordedMember, carried_marks, check_addition,
    check_mark, decides_sharing, marked, may_add_to_plan, parents_of,
};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::{FamilyId, UtcTime};
use jiff::civil::Date;

use crate::db::stored_date as parse_date;
use crate::{Row, StoreError, Tx, ids, params};

/// Who sets a mark.
#[derive(Debug, Clone, Copy)]
pub enum MarkBy<'a> {
    /// A professional (their user id).
    User(&'a str),
    /// A family member through their account: (member id, account id).
    Member(&'a str, &'a str),
}

/// A new mark as a professional sets it.
#[derive(Debug, Clone)]
pub struct NewMark {
    pub item_kind: ItemKind,
    pub item_ref: String,
    pub kind: MarkKind,
    pub member_id: String,
    pub reason: String,
}

/// A member's scale and view on a plan version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyAddition {
    pub member_id: String,
    pub version: i64,
    pub score: u8,
    pub view: String,
    pub on: Date,
}

fn refused(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

fn mark_of(r: &Row) -> Result<Mark, StoreError> {
    let at = UtcTime::parse(&r.text("at")?).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(Mark {
        id: r.text("id")?,
        item_kind: ItemKind::from_code(&r.text("item_kind")?)
            .ok_or_else(|| StoreError::Invalid("stored item kind".into()))?,
        item_ref: r.text("item_ref")?,
        kind: MarkKind::from_code(&r.text("kind")?)
            .ok_or_else(|| StoreError::Invalid("stored mark kind".into()))?,
        member: r.text("member_id")?,
        reason: r.text("reason")?,
        on: eenplan_domain::time::amsterdam_date(at),
    })
}

impl Tx {
    /// The family's current members, custody and guardianships as the portal's rule
    /// reads them: the one reading every portal page and request decides on, through
    /// the domain's one translation of the file ([`RecordedFamily::new`]).
    pub async fn portal_family(&mut self, family_id: &str) -> Result<RecordedFamily, StoreError> {
        let id = FamilyId::from(family_id);
        let members: Vec<RecordedMember> = self
            .consent_people(&id)
            .await?
            .into_iter()
            .map(|p| RecordedMember {
                id: p.id,
                kind: p.kind,
                date_of_birth: p.date_of_birth,
                has_custody: p.has_custody,
            })
            .collect();
        let guardians: Vec<(String, String)> = self
            .guardianships(&id)
            .await?
            .into_iter()
            .map(|g| (g.child_id, g.organisation_id))
            .collect();
        Ok(RecordedFamily::new(&members, &guardians))
    }

    /// The family's live marks, oldest first.
    pub async fn portal_marks(&mut self, family_id: &str) -> Result<Vec<Mark>, StoreError> {
        self.fetch_all(
            "SELECT id, item_kind, item_ref, kind, member_id, reason, at FROM portal_marks \
             WHERE family_id = $1 AND ended_at IS NULL ORDER BY at, id",
            params![family_id],
        )
        .await?
        .iter()
        .map(mark_of)
        .collect()
    }

    async fn insert_mark(
        &mut self,
        actor: &Actor,
        family_id: &str,
        by: MarkBy<'_>,
        mark: &NewMark,
    ) -> Result<String, StoreError> {
        let id = ids::new_id();
        let (by_user, by_member, by_account) = match by {
            MarkBy::User(u) => (Some(u.to_owned()), None, None),
            MarkBy::Member(m, a) => (None, Some(m.to_owned()), Some(a.to_owned())),
        };
        let reason = mark.reason.trim().to_owned();
        self.execute(
            "INSERT INTO portal_marks (id, family_id, item_kind, item_ref, kind, member_id, reason, \
             by_user, by_member, by_account, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            params![
                &id,
                family_id,
                mark.item_kind.code(),
                &mark.item_ref,
                mark.kind.code(),
                &mark.member_id,
                &reason,
                by_user,
                by_member,
                by_account,
                self.now_text()
            ],
        )
        .await
        .map_err(|e| e.duplicate_as(|| "that mark".into()))?;
        self.append(
            actor,
            Event::PortalMarked {
                family_id: family_id.to_owned(),
                mark_id: id.clone(),
                kind: mark.kind.code().to_owned(),
                item_kind: mark.item_kind.code().to_owned(),
                item_ref: mark.item_ref.clone(),
                member_id: mark.member_id.clone(),
                reason,
            },
        )
        .await?;
        Ok(id)
    }

    /// A professional's mark ("niet zichtbaar voor", "gaat alleen over"), after the
    /// domain's [`check_mark`]; a second identical live mark is `Duplicate`.
    pub async fn mark_portal_item(
        &mut self,
        actor: &Actor,
        user_id: &str,
        family_id: &str,
        mark: &NewMark,
    ) -> Result<String, StoreError> {
        let family = self.portal_family(family_id).await?;
        check_mark(family.facts(), mark.kind, &mark.member_id, &mark.reason).map_err(refused)?;
        self.insert_mark(actor, family_id, MarkBy::User(user_id), mark)
            .await
    }

    /// Carries the protective marks of `before`'s lines onto the lines of `after` that
    /// replace them (the domain's [`carried_marks`]), in the transaction that saves
    /// `after`, so no version is ever stored with an edited hidden line uncovered.
    /// A line already carrying the same mark keeps it; a line can be only about one
    /// child, so of two such marks carried onto one line the older stays.
    pub(crate) async fn carry_plan_marks(
        &mut self,
        actor: &Actor,
        user_id: &str,
        family_id: &str,
        (before, after): (&Plan, &Plan),
    ) -> Result<(), StoreError> {
        let mut marks = self.portal_marks(family_id).await?;
        let carried: Vec<(Mark, String)> = carried_marks(before, after, &marks)
            .into_iter()
            .map(|(m, to)| (m.clone(), to))
            .collect();
        for (from, to) in carried {
            let taken = marks.iter().any(|m| {
                m.item_kind == from.item_kind
                    && m.item_ref == to
                    && m.kind == from.kind
                    && (m.member == from.member || m.kind == MarkKind::OnlyChild)
            });
            if taken {
                continue;
            }
            let mark = NewMark {
                item_kind: from.item_kind,
                item_ref: to.clone(),
                kind: from.kind,
                member_id: from.member.clone(),
                reason: from.reason.clone(),
            };
            let id = self
                .insert_mark(actor, family_id, MarkBy::User(user_id), &mark)
                .await?;
            marks.push(Mark {
                id,
                item_ref: to,
                ..from
            });
        }
        Ok(())
    }

    /// Takes a live mark of this family off; `NotFound` if there is none.
    pub async fn end_portal_mark(
        &mut self,
        actor: &Actor,
        family_id: &str,
        mark_id: &str,
        ended_by: &str,
    ) -> Result<(), StoreError> {
        let n = self
            .execute(
                "UPDATE portal_marks SET ended_at = $1, ended_by = $2 \
                 WHERE id = $3 AND family_id = $4 AND ended_at IS NULL",
                params![self.now_text(), ended_by, mark_id, family_id],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("mark {mark_id}")));
        }
        self.append(
            actor,
            Event::PortalMarkEnded {
                family_id: family_id.to_owned(),
                mark_id: mark_id.to_owned(),
            },
        )
        .await
    }

    /// A young person's switch "mijn ouders mogen dit zien" on an item that concerns
    /// only them: on, a 'shared' mark for each parent and carer of the family; off,
    /// those marks taken off. Refused unless the domain says the choice is theirs
    /// today ([`decides_sharing`]).
    pub async fn share_with_parents(
        &mut self,
        actor: &Actor,
        (member_id, account_id): (&str, &str),
        family_id: &str,
        (item_kind, item_ref): (ItemKind, &str),
        share: bool,
    ) -> Result<(), StoreError> {
        let family = self.portal_family(family_id).await?;
        let marks = self.portal_marks(family_id).await?;
        let item = marked(
            eenplan_domain::family::portal::Item::family(item_kind),
            item_ref,
            &marks,
        );
        let today = eenplan_domain::time::amsterdam_date(self.now());
        if !decides_sharing(family.facts(), member_id, &item, today) {
            return Err(refused(
                eenplan_domain::family::portal::MarkError::NotTheirChoice,
            ));
        }
        let current: Vec<&Mark> = marks
            .iter()
            .filter(|m| {
                m.kind == MarkKind::Shared && m.item_kind == item_kind && m.item_ref == item_ref
            })
            .collect();
        if share {
            for parent in parents_of(family.facts()) {
                if current.iter().any(|m| m.member == parent) {
                    continue;
                }
                let mark = NewMark {
                    item_kind,
                    item_ref: item_ref.to_owned(),
                    kind: MarkKind::Shared,
                    member_id: parent,
                    reason: String::new(),
                };
                self.insert_mark(
                    actor,
                    family_id,
                    MarkBy::Member(member_id, account_id),
                    &mark,
                )
                .await?;
            }
        } else {
            for m in current {
                self.end_portal_mark(actor, family_id, &m.id, &format!("family:{account_id}"))
                    .await?;
            }
        }
        Ok(())
    }

    /// A member's own scale and view on plan version `version` (the newest, as shown),
    /// if the domain gives them the plan ([`may_add_to_plan`]) and what they typed holds.
    pub async fn add_family_plan_view(
        &mut self,
        actor: &Actor,
        (member_id, account_id): (&str, &str),
        family_id: &str,
        version: i64,
        (score, view): (&str, &str),
    ) -> Result<(), StoreError> {
        let family = self.portal_family(family_id).await?;
        let today = eenplan_domain::time::amsterdam_date(self.now());
        if !may_add_to_plan(family.facts(), member_id, today) {
            return Err(refused(
                eenplan_domain::family::portal::AdditionError::NoStanding,
            ));
        }
        let (score, checked) = check_addition(score, view);
        let score = score.map_err(refused)?;
        checked.map_err(refused)?;
        if version < 1
            || self
                .plan_version(&FamilyId::from(family_id), version)
                .await?
                .is_none()
        {
            return Err(StoreError::NotFound(format!("plan version {version}")));
        }
        let id = ids::new_id();
        let view = view.trim().to_owned();
        self.execute(
            "INSERT INTO family_plan_additions (id, family_id, version, member_id, account_id, \
             score, view, on_date, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            params![
                &id,
                family_id,
                version,
                member_id,
                account_id,
                i64::from(score),
                &view,
                today.to_string(),
                self.now_text()
            ],
        )
        .await?;
        self.append(
            actor,
            Event::FamilyPlanAdded {
                family_id: family_id.to_owned(),
                version,
                addition_id: id,
                member_id: member_id.to_owned(),
                score,
                view,
            },
        )
        .await
    }

    /// Every scale and view the family added, newest first.
    pub async fn family_plan_additions(
        &mut self,
        family_id: &str,
    ) -> Result<Vec<FamilyAddition>, StoreError> {
        self.fetch_all(
            "SELECT member_id, version, score, view, on_date FROM family_plan_additions \
             WHERE family_id = $1 ORDER BY at DESC, id DESC",
            params![family_id],
        )
        .await?
        .iter()
        .map(|r| {
            Ok(FamilyAddition {
                member_id: r.text("member_id")?,
                version: r.int("version")?,
                score: u8::try_from(r.int("score")?)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?,
                view: r.text("view")?,
                on: parse_date(&r.text("on_date")?)?,
            })
        })
        .collect()
    }

    /// A member agrees to plan version `version` themselves, if the domain asks their
    /// agreement ([`who_agrees`]: the consent age rule per child, not under a court
    /// order); journaled as the plan's agreement, by the family member.
    pub async fn family_agree_plan(
        &mut self,
        actor: &Actor,
        (member_id, account_id): (&str, &str),
        family_id: &str,
        version: i64,
    ) -> Result<(), StoreError> {
        let id = FamilyId::from(family_id);
        if !self.family_may_agree(family_id, member_id).await? {
            return Err(StoreError::Invalid(
                "this member's agreement is not asked".into(),
            ));
        }
        if version < 1 || self.plan_version(&id, version).await?.is_none() {
            return Err(StoreError::NotFound(format!("plan version {version}")));
        }
        self.execute(
            "INSERT INTO family_plan_agreements (family_id, version, member_id, account_id, agreed_at) \
             VALUES ($1, $2, $3, $4, $5)",
            params![family_id, version, member_id, account_id, self.now_text()],
        )
        .await
        .map_err(|e| e.duplicate_as(|| "that member's agreement to this version".into()))?;
        self.append(
            actor,
            Event::PlanAgreed {
                family_id: family_id.to_owned(),
                version,
                member_ids: vec![member_id.to_owned()],
                guardian_organisation_id: None,
            },
        )
        .await
    }

    /// Whether the plan asks `member_id`'s agreement today.
    pub async fn family_may_agree(
        &mut self,
        family_id: &str,
        member_id: &str,
    ) -> Result<bool, StoreError> {
        let id = FamilyId::from(family_id);
        let family = self
            .family(&id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let members = self.consent_people(&id).await?;
        let guardianships = self.guardianships(&id).await?;
        let asked = who_agrees(
            AgreementFacts {
                members: &members,
                framework: family.framework,
                guardianships: &guardianships,
            },
            eenplan_domain::time::amsterdam_date(self.now()),
        )
        .unwrap_or_default();
        Ok(asked.iter().any(|m| m == member_id))
    }

    /// The agreements members gave themselves to `version`: (member id, agreed at).
    pub async fn family_plan_agreements(
        &mut self,
        family_id: &str,
        version: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        self.fetch_all(
            "SELECT member_id, agreed_at FROM family_plan_agreements \
             WHERE family_id = $1 AND version = $2 ORDER BY agreed_at, member_id",
            params![family_id, version],
        )
        .await?
        .iter()
        .map(|r| Ok((r.text("member_id")?, r.text("agreed_at")?)))
        .collect()
    }

    /// The versions someone of the family agreed to (recorded by a professional or
    /// given through the portal), newest first, with the first agreement's moment.
    pub async fn portal_agreed_versions(
        &mut self,
        family_id: &str,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        self.fetch_all(
            "SELECT version, MIN(agreed_at) AS agreed_at FROM (\
             SELECT version, agreed_at FROM plan_agreements WHERE family_id = $1 \
             UNION ALL SELECT version, agreed_at FROM family_plan_agreements WHERE family_id = $1\
             ) a GROUP BY version ORDER BY version DESC",
            params![family_id],
        )
        .await?
        .iter()
        .map(|r| Ok((r.int("version")?, r.text("agreed_at")?)))
        .collect()
    }
}

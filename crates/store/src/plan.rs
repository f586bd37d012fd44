//! The family's one plan in the database: its versions (each stored whole, saved only
//! over the version it was based on, so two saves never silently overwrite each other),
//! the family's agreement per version and the people a plan may name. The rules are the
//! domain's `family::plan` and `family::agreement`; the marks of the family's door
//! follow a saved version here ([`Tx::carry_plan_marks`]).

use eenplan_domain::family::plan::PersonKind;
use eenplan_domain::family::{
    Agreement, AgreementFacts, AgreementInput, Guardianship, InFile, Plan, PlanChange, PlanPerson,
    SaveOutcome, check_plan_agreement, check_save, diff, nameable_people,
};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::{FamilyId, UserId};

use crate::{PageKey, Row, Seek, StoreError, Tx, ids, params};

/// One saved version of the plan, as the version list shows it (without its content:
/// a list of versions reads no plan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanVersionInfo {
    pub version: i64,
    /// UTC, as stored.
    pub saved_at: String,
    /// The name of the professional who saved it.
    pub saved_by: String,
}

/// The result of saving the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanSave {
    Saved {
        version: i64,
    },
    /// Someone saved in between: what they changed since the version this save was based on.
    Conflict {
        current: i64,
        changes: Vec<PlanChange>,
    },
}

impl Tx {
    /// The current plan and its version (0 and an empty plan before the first save).
    pub async fn current_plan(&mut self, family_id: &FamilyId) -> Result<(i64, Plan), StoreError> {
        let row = self
            .fetch_optional(
                "SELECT version, content FROM plan_versions WHERE family_id = $1 ORDER BY version DESC LIMIT 1",
                params![family_id],
            )
            .await?;
        match row {
            Some(r) => Ok((r.int("version")?, parse_plan(&r.text("content")?)?)),
            None => Ok((0, Plan::default())),
        }
    }

    pub async fn plan_version(
        &mut self,
        family_id: &FamilyId,
        version: i64,
    ) -> Result<Option<Plan>, StoreError> {
        if version == 0 {
            return Ok(Some(Plan::default()));
        }
        self.fetch_optional(
            "SELECT content FROM plan_versions WHERE family_id = $1 AND version = $2",
            params![family_id, version],
        )
        .await?
        .map(|r| parse_plan(&r.text("content")?))
        .transpose()
    }

    /// Saves `plan` as the next version if nobody saved since `based_on`; otherwise
    /// reports what they changed. Two racing saves of the same version cannot both win:
    /// the primary key (family, version) refuses the second insert.
    pub async fn save_plan(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        based_on: i64,
        plan: &Plan,
    ) -> Result<PlanSave, StoreError> {
        self.store_plan(actor, user_id, family_id, based_on, plan, None)
            .await
    }

    /// Saves older version `version` again as the next version, if nobody saved since
    /// `based_on`: nothing is lost, the versions in between stay, and the journal says
    /// which version came back. An unknown version is `NotFound`.
    pub async fn restore_plan(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        based_on: i64,
        version: i64,
    ) -> Result<PlanSave, StoreError> {
        let plan = match version {
            1.. => self.plan_version(family_id, version).await?,
            _ => None,
        }
        .ok_or_else(|| StoreError::NotFound(format!("plan version {version}")))?;
        self.store_plan(actor, user_id, family_id, based_on, &plan, Some(version))
            .await
    }

    /// Every saved version, newest first, with who saved it and when: the plan's
    /// history for the version list and the comparison picker (not the plans).
    pub async fn plan_history(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<PlanVersionInfo>, StoreError> {
        self.fetch_all(
            "SELECT p.version, p.saved_at, u.name AS saved_by FROM plan_versions p \
             JOIN users u ON u.id = p.saved_by WHERE p.family_id = $1 ORDER BY p.version DESC",
            params![family_id],
        )
        .await?
        .iter()
        .map(version_info)
        .collect()
    }

    /// The newest `n` versions' plans, newest first: what the scores over time draw, so
    /// a plan saved a hundred times reads a dozen.
    pub async fn recent_plans(
        &mut self,
        family_id: &FamilyId,
        n: i64,
    ) -> Result<Vec<(i64, Plan)>, StoreError> {
        self.fetch_all(
            "SELECT version, content FROM plan_versions WHERE family_id = $1 \
             ORDER BY version DESC LIMIT $2",
            params![family_id, n],
        )
        .await?
        .iter()
        .map(|r| Ok((r.int("version")?, parse_plan(&r.text("content")?)?)))
        .collect()
    }

    /// A page of the versions, newest first, continuing after or before `seek`'s
    /// version (its key's `value`), `limit` rows read: the API's version list, paged.
    /// An unreadable key is no version and reads as the start of the list.
    pub async fn plan_versions_page(
        &mut self,
        family_id: &FamilyId,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<(PlanVersionInfo, PageKey)>, StoreError> {
        let from = |k: &PageKey| k.value.parse::<i64>().ok();
        let key = match seek {
            Seek::After(k) => from(k).map(|v| (v, " AND p.version < $2", "DESC")),
            Seek::Before(k) => from(k).map(|v| (v, " AND p.version > $2", "ASC")),
            Seek::First => None,
        };
        let (cond, dir, args) = match key {
            Some((v, cond, dir)) => (cond, dir, params![family_id, v, limit]),
            None => ("", "DESC", params![family_id, limit]),
        };
        let at = args.len();
        let mut rows = self
            .fetch_all(
                &format!(
                    "SELECT p.version, p.saved_at, u.name AS saved_by FROM plan_versions p \
                     JOIN users u ON u.id = p.saved_by WHERE p.family_id = $1{cond} \
                     ORDER BY p.version {dir} LIMIT ${at}"
                ),
                args,
            )
            .await?
            .iter()
            .map(version_info)
            .collect::<Result<Vec<_>, StoreError>>()?;
        if dir == "ASC" {
            rows.reverse();
        }
        Ok(rows
            .into_iter()
            .map(|v| {
                let key = PageKey {
                    value: v.version.to_string(),
                    id: v.version.to_string(),
                };
                (v, key)
            })
            .collect())
    }

    /// How many versions the plan has.
    pub async fn plan_version_count(&mut self, family_id: &FamilyId) -> Result<i64, StoreError> {
        self.fetch_one(
            "SELECT COUNT(*) AS n FROM plan_versions WHERE family_id = $1",
            params![family_id],
        )
        .await?
        .int("n")
    }

    /// The household members, network members and professionals of the circle, as a
    /// plan's "who" names them, current or not: what [`nameable_people`] chooses from for
    /// the plan form and for a save's check, and nothing more of the file.
    pub async fn plan_people_in_file(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<InFile>, StoreError> {
        let mut out = Vec::new();
        for (kind, sql) in [
            (
                PersonKind::Member,
                "SELECT id, name, ended_at FROM family_members WHERE family_id = $1 \
                 ORDER BY started_at, id",
            ),
            (
                PersonKind::Network,
                "SELECT id, name, ended_at FROM network_members WHERE family_id = $1 \
                 ORDER BY started_at, id",
            ),
        ] {
            for r in self.fetch_all(sql, params![family_id]).await? {
                out.push(InFile {
                    person: PlanPerson::chosen(kind, r.text("id")?, r.text("name")?),
                    current: r.opt_text("ended_at")?.is_none(),
                });
            }
        }
        for r in self
            .fetch_all(
                "SELECT i.user_id, u.name AS user_name, o.name AS organisation_name, i.ended_at \
                 FROM involvements i JOIN organisations o ON o.id = i.organisation_id \
                 JOIN users u ON u.id = i.user_id WHERE i.family_id = $1 ORDER BY i.started_at, i.id",
                params![family_id],
            )
            .await?
        {
            out.push(InFile {
                person: PlanPerson::professional(
                    r.text("user_id")?,
                    &r.text("user_name")?,
                    &r.text("organisation_name")?,
                ),
                current: r.opt_text("ended_at")?.is_none(),
            });
        }
        Ok(out)
    }

    async fn store_plan(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        based_on: i64,
        plan: &Plan,
        restored_from: Option<i64>,
    ) -> Result<PlanSave, StoreError> {
        // Plausible dates are judged against the Dutch day of the save itself.
        plan.check(eenplan_domain::time::amsterdam_date(self.now()))?;
        // Serialise saves of one family's plan, so the later of two racing saves sees
        // the earlier one and gets a conflict with what changed (SQLite: BEGIN IMMEDIATE
        // already holds the write lock).
        if self.backend() == crate::Backend::Postgres {
            self.execute(
                "SELECT id FROM families WHERE id = $1 FOR UPDATE",
                params![family_id],
            )
            .await?;
        }
        let (current, current_plan) = self.current_plan(family_id).await?;
        let version = match check_save(current, based_on) {
            SaveOutcome::Save { version } => version,
            SaveOutcome::Conflict { current } => {
                let base = self
                    .plan_version(family_id, based_on)
                    .await?
                    .unwrap_or_default();
                return Ok(PlanSave::Conflict {
                    current,
                    changes: diff(&base, &current_plan),
                });
            }
        };
        // A restore brings back what was once saved, names and all; a new save names
        // only people the file knows (the same rule the page's choices follow).
        if restored_from.is_none() {
            let in_file = self.plan_people_in_file(family_id).await?;
            plan.check_people(&nameable_people(&in_file, &current_plan))?;
        }
        let content =
            serde_json::to_string(plan).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let inserted = self
            .execute(
                "INSERT INTO plan_versions (family_id, version, content, review_date, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6)",
                params![family_id, version, content, plan.review_date.map(|d| d.to_string()), user_id, self.now_text()],
            )
            .await;
        if let Err(e) = inserted {
            return Err(e.duplicate_as(|| format!("plan version {version}")));
        }
        self.append(
            actor,
            Event::PlanSaved {
                family_id: family_id.to_string(),
                version,
                changes: diff(&current_plan, plan).len(),
                restored_from,
            },
        )
        .await?;
        self.carry_plan_marks(
            actor,
            user_id.as_str(),
            family_id.as_str(),
            (&current_plan, plan),
        )
        .await?;
        self.refresh_next_due(family_id).await?;
        Ok(PlanSave::Saved { version })
    }

    /// Records which family members agreed to a version (no view: outside a court
    /// order). See [`Tx::record_plan_agreement`].
    pub async fn agree_plan(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        version: i64,
        member_ids: &[String],
    ) -> Result<(), StoreError> {
        self.record_plan_agreement(actor, user_id, family_id, version, member_ids, "")
            .await
            .map(|_| ())
    }

    /// Records the family's agreement to a plan version after the domain checked who
    /// may and must agree (the consent age rule, per child; the guardian in the parents'
    /// place), or under a court order the family's view instead. Nothing is stored on a
    /// refusal.
    pub async fn record_plan_agreement(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        version: i64,
        member_ids: &[String],
        view: &str,
    ) -> Result<Agreement, StoreError> {
        let family = self
            .family(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        if version < 1 || self.plan_version(family_id, version).await?.is_none() {
            return Err(StoreError::NotFound(format!("plan version {version}")));
        }
        let members = self.consent_people(family_id).await?;
        let guardianships = self.guardianships(family_id).await?;
        let recorder_organisation = match actor {
            Actor::User {
                organisation_id, ..
            } => organisation_id.as_str(),
            Actor::Cli { .. } | Actor::System { .. } | Actor::Family { .. } => "",
        };
        let mut given_by: Vec<String> = Vec::new();
        for m in member_ids {
            if !given_by.contains(m) {
                given_by.push(m.clone());
            }
        }
        let agreement = check_plan_agreement(
            AgreementFacts {
                members: &members,
                framework: family.framework,
                guardianships: &guardianships,
            },
            AgreementInput {
                given_by: &given_by,
                view,
                recorder_organisation,
                on: eenplan_domain::time::amsterdam_date(self.now()),
            },
        )?;
        match &agreement {
            Agreement::FamilyView => {
                let view_id = ids::new_id();
                let members_json = serde_json::to_string(&given_by)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?;
                self.execute(
                    "INSERT INTO plan_family_views (id, family_id, version, view, member_ids, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    params![&view_id, family_id, version, view.trim(), members_json, self.now_text(), user_id],
                )
                .await?;
                self.append(
                    actor,
                    Event::PlanViewRecorded {
                        family_id: family_id.to_string(),
                        version,
                        view_id,
                        member_ids: given_by,
                    },
                )
                .await?;
            }
            Agreement::Agreed { guardian } => {
                for m in &given_by {
                    self.execute(
                        "INSERT INTO plan_agreements (family_id, version, member_id, agreed_at, recorded_by) VALUES ($1, $2, $3, $4, $5)",
                        params![family_id, version, m, self.now_text(), user_id],
                    )
                    .await
                    .map_err(|e| e.duplicate_as(|| "that member's agreement to this version".into()))?;
                }
                self.append(
                    actor,
                    Event::PlanAgreed {
                        family_id: family_id.to_string(),
                        version,
                        member_ids: given_by,
                        guardian_organisation_id: guardian.clone(),
                    },
                )
                .await?;
            }
        }
        Ok(agreement)
    }

    /// The members whose agreement a plan version needs today (outside a court order).
    pub async fn who_agrees(&mut self, family_id: &FamilyId) -> Result<Vec<String>, StoreError> {
        let family = self
            .family(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let members = self.consent_people(family_id).await?;
        let guardianships = self.guardianships(family_id).await?;
        Ok(eenplan_domain::family::who_agrees(
            AgreementFacts {
                members: &members,
                framework: family.framework,
                guardianships: &guardianships,
            },
            eenplan_domain::time::amsterdam_date(self.now()),
        )?)
    }

    /// The children of the family in the guardianship of a certified institution: a
    /// granted measure ending parental authority (it lasts until they come of age).
    pub async fn guardianships(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<Guardianship>, StoreError> {
        self.fetch_all(
            "SELECT c.member_id, r.institution_id, o.name FROM protection_order_requests r \
             JOIN protection_order_children c ON c.request_id = r.id \
             JOIN organisations o ON o.id = r.institution_id \
             WHERE r.family_id = $1 AND r.state = 'granted' AND r.granted_measure = 'custody_termination' \
             ORDER BY r.decided_on, c.member_id",
            params![family_id],
        )
        .await?
        .iter()
        .map(|r| {
            Ok(Guardianship {
                child_id: r.text("member_id")?,
                organisation_id: r.text("institution_id")?,
                organisation_name: r.text("name")?,
            })
        })
        .collect()
    }

    /// The family's views on a plan version (under a court order), oldest first, as
    /// (view, member ids, recorded at).
    pub async fn plan_family_views(
        &mut self,
        family_id: &FamilyId,
        version: i64,
    ) -> Result<Vec<(String, Vec<String>, String)>, StoreError> {
        self.fetch_all(
            "SELECT view, member_ids, recorded_at FROM plan_family_views WHERE family_id = $1 AND version = $2 ORDER BY recorded_at, id",
            params![family_id, version],
        )
        .await?
        .iter()
        .map(|r| {
            let members: Vec<String> = serde_json::from_str(&r.text("member_ids")?)
                .map_err(|e| StoreError::Invalid(format!("stored view members: {e}")))?;
            Ok((r.text("view")?, members, r.text("recorded_at")?))
        })
        .collect()
    }

    pub async fn plan_agreements(
        &mut self,
        family_id: &FamilyId,
        version: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        self.fetch_all(
            "SELECT member_id, agreed_at FROM plan_agreements WHERE family_id = $1 AND version = $2 ORDER BY agreed_at",
            params![family_id, version],
        )
        .await?
        .iter()
        .map(|r| Ok((r.text("member_id")?, r.text("agreed_at")?)))
        .collect()
    }
}

pub(crate) fn parse_plan(content: &str) -> Result<Plan, StoreError> {
    serde_json::from_str(content).map_err(|e| StoreError::Invalid(format!("stored plan: {e}")))
}

fn version_info(r: &Row) -> Result<PlanVersionInfo, StoreError> {
    Ok(PlanVersionInfo {
        version: r.int("version")?,
        saved_at: r.text("saved_at")?,
        saved_by: r.text("saved_by")?,
    })
}

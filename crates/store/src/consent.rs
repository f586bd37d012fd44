//! Consents, the family's framework and emergency access: stored, journaled, and read
//! back as the facts the domain's access rule decides on.

use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    ClosingReason, ConsentFacts, ConsentForm, ConsentStep, DataCategory, Framework,
    FrameworkChange, InvolvementRole, MemberKind, NewConsent, Person, check_consent,
    check_framework_change, grant_emergency,
};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::Date;

use std::collections::HashMap;

use crate::page::{PageKey, Seek};
use crate::{Param, Row, StoreError, Tx, ids, params};

/// `$1, $2, …, $n`.
pub(crate) fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A running involvement as the access rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvolvedFact {
    pub user_id: UserId,
    pub role: InvolvementRole,
    pub organisation_id: OrganisationId,
    pub team_id: Option<String>,
}

/// Everything stored that the access rule decides on, for one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessFacts {
    pub involved: Vec<InvolvedFact>,
    pub framework: Framework,
    pub basis_organisation: Option<String>,
    pub consents: Vec<ConsentFacts>,
    /// When and why the file was closed: read with the framework, so every page of a
    /// closed file can say so without another query.
    pub closed: Option<(Date, ClosingReason)>,
}

impl AccessFacts {
    /// The involvements in the form the domain's rule borrows.
    pub fn domain_involved(&self) -> Vec<eenplan_domain::family::Involved<'_>> {
        self.involved
            .iter()
            .map(|i| eenplan_domain::family::Involved {
                user_id: i.user_id.as_str(),
                role: i.role,
                organisation_id: i.organisation_id.as_str(),
                team_id: i.team_id.as_deref(),
            })
            .collect()
    }

    /// The domain's view of these facts, with the viewer's emergency access if any.
    pub fn file_facts<'a>(
        &'a self,
        involved: &'a [eenplan_domain::family::Involved<'a>],
        emergency_until: Option<UtcTime>,
    ) -> eenplan_domain::family::FileFacts<'a> {
        eenplan_domain::family::FileFacts {
            involved,
            framework: self.framework,
            basis_organisation: self.basis_organisation.as_deref(),
            consents: &self.consents,
            emergency_until,
        }
    }
}

/// A consent as shown on the consent page and in the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: String,
    pub step: ConsentStep,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub purpose: String,
    pub categories: Vec<DataCategory>,
    pub form: ConsentForm,
    pub given_on: Date,
    pub ends_on: Option<Date>,
    pub recorded_at: String,
    pub withdrawn_at: Option<String>,
    pub withdrawal_reason: Option<String>,
    /// (member id, name)
    pub children: Vec<(String, String)>,
    pub given_by: Vec<(String, String)>,
}

impl Consent {
    pub fn facts(&self) -> ConsentFacts {
        ConsentFacts {
            step: self.step,
            organisation_id: self.organisation_id.as_ref().map(OrganisationId::to_string),
            categories: self.categories.clone(),
            given_on: self.given_on,
            ends_on: self.ends_on,
            withdrawn: self.withdrawn_at.is_some(),
        }
    }
}

/// A consent as submitted: the domain's consent plus which organisation receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentInput {
    pub step: ConsentStep,
    pub organisation_id: Option<OrganisationId>,
    pub purpose: String,
    pub categories: Vec<DataCategory>,
    pub children: Vec<String>,
    pub given_by: Vec<String>,
    pub form: ConsentForm,
    pub given_on: Date,
    pub ends_on: Option<Date>,
}

/// A change of framework as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkInput {
    pub framework: Framework,
    /// The organisation the legal basis names.
    pub organisation_id: Option<OrganisationId>,
    pub ground: String,
    pub effective_on: Date,
}

/// An emergency access, for the privacy officer's review list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emergency {
    pub id: String,
    pub family_id: String,
    pub family_label: String,
    pub user_id: String,
    pub user_name: String,
    pub organisation_name: String,
    pub reason: String,
    pub started_at: String,
    pub expires_at: String,
    pub reviewed_at: Option<String>,
    pub review_note: Option<String>,
}

use crate::db::stored_date as parse_date;

/// The review list's order, descending: the unreviewed ones (`1`) before the reviewed
/// ones, each newest first. One text, so a key holds both.
const EMERGENCY_ORDER: &str =
    "(CASE WHEN e.reviewed_at IS NULL THEN '1' ELSE '0' END || e.started_at)";

fn categories(text: &str) -> Result<Vec<DataCategory>, StoreError> {
    text.split(',')
        .filter(|c| !c.is_empty())
        .map(|c| {
            c.parse::<DataCategory>()
                .map_err(|e| StoreError::Invalid(e.to_string()))
        })
        .collect()
}

fn join_codes(categories: &[DataCategory]) -> String {
    categories
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",")
}

const CONSENT_COLUMNS: &str = "c.id, c.step, c.organisation_id, o.name AS organisation_name, c.purpose, \
    c.categories, c.form, c.given_on, c.ends_on, c.recorded_at, c.withdrawn_at, \
    c.withdrawal_reason";

fn consent_from_row(r: &Row) -> Result<Consent, StoreError> {
    Ok(Consent {
        id: r.text("id")?,
        step: r.code("step")?,
        organisation_id: r.opt_id("organisation_id")?,
        organisation_name: r.opt_text("organisation_name")?,
        purpose: r.text("purpose")?,
        categories: categories(&r.text("categories")?)?,
        form: r.code("form")?,
        given_on: parse_date(&r.text("given_on")?)?,
        ends_on: r
            .opt_text("ends_on")?
            .as_deref()
            .map(parse_date)
            .transpose()?,
        recorded_at: r.text("recorded_at")?,
        withdrawn_at: r.opt_text("withdrawn_at")?,
        withdrawal_reason: r.opt_text("withdrawal_reason")?,
        children: Vec::new(),
        given_by: Vec::new(),
    })
}

/// A consent row's facts for the rules (columns step, organisation_id, categories,
/// given_on, ends_on, withdrawn_at).
pub(crate) fn consent_facts(r: &Row) -> Result<ConsentFacts, StoreError> {
    Ok(ConsentFacts {
        step: r.code("step")?,
        organisation_id: r.opt_text("organisation_id")?,
        categories: categories(&r.text("categories")?)?,
        given_on: parse_date(&r.text("given_on")?)?,
        ends_on: r
            .opt_text("ends_on")?
            .as_deref()
            .map(parse_date)
            .transpose()?,
        withdrawn: r.opt_text("withdrawn_at")?.is_some(),
    })
}

impl Tx {
    /// The facts for the access rule; `None` if there is no such family.
    pub async fn access_facts(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Option<AccessFacts>, StoreError> {
        Ok(self
            .access_facts_of(std::slice::from_ref(family_id))
            .await?
            .remove(family_id))
    }

    /// The facts for many families in three queries (search decides every candidate);
    /// families that do not exist are absent from the map.
    pub async fn access_facts_of(
        &mut self,
        family_ids: &[FamilyId],
    ) -> Result<HashMap<FamilyId, AccessFacts>, StoreError> {
        let mut out: HashMap<FamilyId, AccessFacts> = HashMap::new();
        if family_ids.is_empty() {
            return Ok(out);
        }
        let list = placeholders(family_ids.len());
        let ids = || family_ids.iter().map(Param::from).collect::<Vec<_>>();
        for r in self
            .fetch_all(
                &format!("SELECT id, framework, framework_organisation_id, closed_on, closing_reason FROM families WHERE id IN ({list})"),
                ids(),
            )
            .await?
        {
            out.insert(
                r.id("id")?,
                AccessFacts {
                    involved: Vec::new(),
                    framework: r.code("framework")?,
                    basis_organisation: r.opt_text("framework_organisation_id")?,
                    consents: Vec::new(),
                    closed: match crate::db::stored_opt_date(r.opt_text("closed_on")?)? {
                        Some(on) => Some((on, r.code("closing_reason")?)),
                        None => None,
                    },
                },
            );
        }
        for r in self
            .fetch_all(
                &format!(
                    "SELECT i.family_id, i.user_id, i.role, i.organisation_id, u.team_id FROM involvements i \
                     JOIN users u ON u.id = i.user_id WHERE i.family_id IN ({list}) AND i.ended_at IS NULL"
                ),
                ids(),
            )
            .await?
        {
            if let Some(f) = out.get_mut(&r.id::<FamilyId, _>("family_id")?) {
                f.involved.push(InvolvedFact {
                    user_id: r.id("user_id")?,
                    role: r.code("role")?,
                    organisation_id: r.id("organisation_id")?,
                    team_id: r.opt_text("team_id")?,
                });
            }
        }
        for r in self
            .fetch_all(
                &format!(
                    "SELECT family_id, step, organisation_id, categories, given_on, ends_on, withdrawn_at \
                     FROM consents WHERE family_id IN ({list})"
                ),
                ids(),
            )
            .await?
        {
            if let Some(f) = out.get_mut(&r.id::<FamilyId, _>("family_id")?) {
                f.consents.push(consent_facts(&r)?);
            }
        }
        Ok(out)
    }

    /// For each of `family_ids` where `user_id` holds emergency access at `now`: until when.
    pub async fn emergencies_of(
        &mut self,
        family_ids: &[FamilyId],
        user_id: &UserId,
        now: UtcTime,
    ) -> Result<HashMap<FamilyId, UtcTime>, StoreError> {
        let mut out = HashMap::new();
        if family_ids.is_empty() {
            return Ok(out);
        }
        let mut args = vec![Param::from(user_id), Param::from(now.to_rfc3339())];
        args.extend(family_ids.iter().map(Param::from));
        let list = (3..3 + family_ids.len())
            .map(|n| format!("${n}"))
            .collect::<Vec<_>>()
            .join(", ");
        for r in self
            .fetch_all(
                &format!(
                    "SELECT family_id, MAX(expires_at) AS until FROM emergency_access \
                     WHERE user_id = $1 AND expires_at > $2 AND family_id IN ({list}) GROUP BY family_id"
                ),
                args,
            )
            .await?
        {
            let until = UtcTime::parse(&r.text("until")?).map_err(|e| StoreError::Invalid(e.to_string()))?;
            out.insert(r.id("family_id")?, until);
        }
        Ok(out)
    }

    /// Every consent of the family with who it concerns and who gave it, newest first.
    pub async fn consents(&mut self, family_id: &FamilyId) -> Result<Vec<Consent>, StoreError> {
        let mut list = self
            .fetch_all(
                &format!(
                    "SELECT {CONSENT_COLUMNS} FROM consents c LEFT JOIN organisations o ON o.id = c.organisation_id \
                     WHERE c.family_id = $1 ORDER BY c.recorded_at DESC, c.id"
                ),
                params![family_id],
            )
            .await?
            .iter()
            .map(consent_from_row)
            .collect::<Result<Vec<_>, StoreError>>()?;
        let people = self
            .fetch_all(
                "SELECT p.consent_id, p.part, m.id, m.name FROM consent_people p \
                 JOIN consents c ON c.id = p.consent_id JOIN family_members m ON m.id = p.member_id \
                 WHERE c.family_id = $1 ORDER BY m.started_at, m.id",
                params![family_id],
            )
            .await?;
        for r in &people {
            let (consent, part) = (r.text("consent_id")?, r.text("part")?);
            if let Some(c) = list.iter_mut().find(|c| c.id == consent) {
                let who = (r.text("id")?, r.text("name")?);
                if part == "concerns" {
                    c.children.push(who);
                } else {
                    c.given_by.push(who);
                }
            }
        }
        Ok(list)
    }

    /// The current members as the consent rules see them.
    pub(crate) async fn consent_people(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<Person>, StoreError> {
        self.fetch_all(
            "SELECT id, name, kind, date_of_birth, has_custody FROM family_members WHERE family_id = $1 AND ended_at IS NULL",
            params![family_id],
        )
        .await?
        .iter()
        .map(|r| {
            Ok(Person {
                id: r.text("id")?,
                name: r.text("name")?,
                kind: r.code::<MemberKind>("kind")?,
                date_of_birth: r.opt_text("date_of_birth")?.as_deref().map(parse_date).transpose()?,
                has_custody: r.bool("has_custody")?,
            })
        })
        .collect()
    }

    /// The summary a regisseur shows in an anonymous consultation; `None` if there is
    /// no such family.
    pub async fn anonymous_summary(
        &mut self,
        family_id: &FamilyId,
        today: Date,
    ) -> Result<Option<eenplan_domain::family::AnonymousSummary>, StoreError> {
        let Some(facts) = self.access_facts(family_id).await? else {
            return Ok(None);
        };
        let people = self.consent_people(family_id).await?;
        let (_, plan) = self.current_plan(family_id).await?;
        let mut kinds = Vec::new();
        for involved in &facts.involved {
            kinds.push(self.organisation_kind(&involved.organisation_id).await?);
        }
        Ok(Some(eenplan_domain::family::anonymous_summary(
            &people,
            facts.framework,
            &plan,
            &kinds,
            today,
        )))
    }

    async fn organisation_kind(
        &mut self,
        id: &OrganisationId,
    ) -> Result<OrganisationKind, StoreError> {
        self.fetch_optional("SELECT kind FROM organisations WHERE id = $1", params![id])
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("organisation {id}")))?
            .code("kind")
    }

    /// Records a consent after the domain checked it: who gave it against who must.
    pub async fn record_consent(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        recorded_by: &UserId,
        c: &ConsentInput,
        today: Date,
    ) -> Result<String, StoreError> {
        let organisation = match &c.organisation_id {
            Some(id) => Some(self.organisation_kind(id).await?),
            None => None,
        };
        let people = self.consent_people(family_id).await?;
        check_consent(
            &NewConsent {
                step: c.step,
                organisation,
                purpose: c.purpose.clone(),
                categories: c.categories.clone(),
                children: c.children.clone(),
                given_by: c.given_by.clone(),
                form: c.form,
                given_on: c.given_on,
                ends_on: c.ends_on,
            },
            &people,
            today,
        )?;
        let id = ids::new_id();
        let mut categories = c.categories.clone();
        categories.sort();
        categories.dedup();
        self.execute(
            "INSERT INTO consents (id, family_id, step, organisation_id, purpose, categories, form, given_on, ends_on, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            params![
                &id,
                family_id,
                c.step.code(),
                c.organisation_id.clone(),
                c.purpose.trim(),
                join_codes(&categories),
                c.form.code(),
                c.given_on.to_string(),
                c.ends_on.map(|d| d.to_string()),
                recorded_by,
                self.now_text()
            ],
        )
        .await?;
        let mut parts: Vec<(&str, &String)> = c.children.iter().map(|m| ("concerns", m)).collect();
        parts.extend(c.given_by.iter().map(|m| ("given_by", m)));
        parts.sort();
        parts.dedup();
        for (part, member) in parts {
            self.execute(
                "INSERT INTO consent_people (consent_id, member_id, part) VALUES ($1, $2, $3)",
                params![&id, member.as_str(), part],
            )
            .await?;
        }
        self.append(
            actor,
            Event::ConsentGiven {
                family_id: family_id.to_string(),
                consent_id: id.clone(),
                step: c.step.code().to_owned(),
                organisation_id: c.organisation_id.as_ref().map(OrganisationId::to_string),
                purpose: c.purpose.trim().to_owned(),
                categories: categories.iter().map(|k| k.code().to_owned()).collect(),
                children: c.children.clone(),
                given_by: c.given_by.clone(),
                form: c.form.code().to_owned(),
                given_on: c.given_on.to_string(),
                ends_on: c.ends_on.map(|d| d.to_string()),
            },
        )
        .await?;
        Ok(id)
    }

    /// Withdraws a consent at once; access resting on it ends with this transaction.
    pub async fn withdraw_consent(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        consent_id: &str,
        withdrawn_by: &UserId,
        reason: &str,
    ) -> Result<(), StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "say how the withdrawal came about (who said what)".into(),
            ));
        }
        self.end_consent(actor, family_id, consent_id, Some(withdrawn_by), reason)
            .await
    }

    /// The withdrawal itself, by a professional or (`withdrawn_by` none) by a family
    /// member through the family's door, whose act the journal's actor names.
    pub(crate) async fn end_consent(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        consent_id: &str,
        withdrawn_by: Option<&UserId>,
        reason: &str,
    ) -> Result<(), StoreError> {
        // The append-only rule is for the log, not for consents: the withdrawal is
        // recorded on the consent, and the journal keeps the moment and reason.
        let changed = self
            .execute(
                "UPDATE consents SET withdrawn_at = $3, withdrawn_by = $4, withdrawal_reason = $5 \
                 WHERE id = $1 AND family_id = $2 AND withdrawn_at IS NULL",
                params![
                    consent_id,
                    family_id,
                    self.now_text(),
                    withdrawn_by,
                    Some(reason.trim()).filter(|r| !r.is_empty())
                ],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "consent in force {consent_id}"
            )));
        }
        self.append(
            actor,
            Event::ConsentWithdrawn {
                family_id: family_id.to_string(),
                consent_id: consent_id.to_owned(),
                reason: reason.trim().to_owned(),
            },
        )
        .await?;
        // A SAVE-begeleiding resting on this consent ends with it, in this transaction.
        self.end_guidances_without_consent(actor, family_id, withdrawn_by)
            .await?;
        Ok(())
    }

    /// Moves the family to another framework, checked by the domain and journaled with
    /// its ground and date.
    pub async fn change_framework(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        change: &FrameworkInput,
        today: Date,
    ) -> Result<(), StoreError> {
        let (framework, organisation_id, ground, effective_on) = (
            change.framework,
            change.organisation_id.as_ref(),
            change.ground.as_str(),
            change.effective_on,
        );
        let current = self
            .fetch_optional(
                "SELECT framework, framework_organisation_id FROM families WHERE id = $1",
                params![family_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let (current_framework, current_org): (Framework, Option<String>) = (
            current.code("framework")?,
            current.opt_text("framework_organisation_id")?,
        );
        let kind = match organisation_id {
            Some(id) => Some(self.organisation_kind(id).await?),
            None => None,
        };
        check_framework_change(
            &FrameworkChange {
                framework,
                organisation: kind,
                ground: ground.to_owned(),
                effective_on,
            },
            (current_framework, current_org.as_deref()),
            organisation_id.map(OrganisationId::as_str),
            today,
        )?;
        self.execute(
            "UPDATE families SET framework = $2, framework_organisation_id = $3 WHERE id = $1",
            params![family_id, framework.code(), organisation_id],
        )
        .await?;
        self.append(
            actor,
            Event::FrameworkChanged {
                family_id: family_id.to_string(),
                framework: framework.code().to_owned(),
                organisation_id: organisation_id.map(OrganisationId::to_string),
                ground: ground.trim().to_owned(),
                effective_on: effective_on.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    /// Until when `user_id` holds emergency access to the family at `now`, if at all.
    pub async fn emergency_until(
        &mut self,
        family_id: &FamilyId,
        user_id: &UserId,
        now: UtcTime,
    ) -> Result<Option<UtcTime>, StoreError> {
        Ok(self
            .emergencies_of(std::slice::from_ref(family_id), user_id, now)
            .await?
            .remove(family_id))
    }

    /// Break the glass: records the emergency, its reason and expiry, for review.
    pub async fn break_glass(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        (user_id, organisation_id): (&UserId, &OrganisationId),
        reason: &str,
        already_has_access: bool,
        now: UtcTime,
    ) -> Result<UtcTime, StoreError> {
        let until = grant_emergency(reason, already_has_access, now)?;
        let id = ids::new_id();
        self.execute(
            "INSERT INTO emergency_access (id, family_id, user_id, organisation_id, reason, started_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![&id, family_id, user_id, organisation_id, reason.trim(), now.to_rfc3339(), until.to_rfc3339()],
        )
        .await?;
        self.append(
            actor,
            Event::EmergencyAccessGranted {
                family_id: family_id.to_string(),
                emergency_id: id,
                user_id: user_id.to_string(),
                reason: reason.trim().to_owned(),
                expires_at: until.to_rfc3339(),
            },
        )
        .await?;
        Ok(until)
    }

    /// Emergency accesses, the ones still to review first, newest first.
    pub async fn emergencies(&mut self, only_open: bool) -> Result<Vec<Emergency>, StoreError> {
        self.emergencies_in_scope(only_open, None).await
    }

    /// The emergency accesses a privacy officer of `organisation_id` reviews: by their
    /// own organisation's people, or in files their organisation leads
    /// ([`eenplan_domain::policy::privacy_officer_sees`]). `None`: all of them. Every
    /// one, unreviewed first: for the operator's tools and the counts; a page reads
    /// [`Tx::emergencies_page`].
    pub async fn emergencies_in_scope(
        &mut self,
        only_open: bool,
        organisation_id: Option<&OrganisationId>,
    ) -> Result<Vec<Emergency>, StoreError> {
        let open = if only_open {
            "e.reviewed_at IS NULL"
        } else {
            "1 = 1"
        };
        let rows = self
            .emergency_rows(organisation_id, open, Vec::new(), &Seek::First, None)
            .await?;
        Ok(rows.into_iter().filter(|r| r.2).map(|r| r.0).collect())
    }

    /// One emergency access in the officer's part (as [`Tx::emergencies_in_scope`]).
    pub async fn emergency_in_scope(
        &mut self,
        id: &str,
        organisation_id: &OrganisationId,
    ) -> Result<Option<Emergency>, StoreError> {
        let rows = self
            .emergency_rows(
                Some(organisation_id),
                "e.id = $2",
                vec![Param::from(id)],
                &Seek::First,
                Some(1),
            )
            .await?;
        Ok(rows.into_iter().find(|r| r.2).map(|r| r.0))
    }

    /// One page of the officer's review list: the unreviewed ones first, newest first
    /// within each part, at most `limit` on the `seek` side of a key, each with its key.
    /// The SQL narrows and the domain decides each, so the page reads on until it has
    /// `limit` or the list ends.
    pub async fn emergencies_page(
        &mut self,
        organisation_id: &OrganisationId,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<(Emergency, PageKey)>, StoreError> {
        let wanted = usize::try_from(limit).unwrap_or(0);
        let mut out = Vec::new();
        let mut at = seek.clone();
        loop {
            let rows = self
                .emergency_rows(Some(organisation_id), "1 = 1", Vec::new(), &at, Some(limit))
                .await?;
            let read = rows.len();
            if let Some((_, last, _)) = rows.last() {
                at = match seek {
                    Seek::Before(_) => Seek::Before(last.clone()),
                    _ => Seek::After(last.clone()),
                };
            }
            for (e, key, seen) in rows {
                if seen && out.len() < wanted {
                    out.push((e, key));
                }
            }
            if out.len() >= wanted || read < wanted {
                break;
            }
        }
        seek.restore(&mut out);
        Ok(out)
    }

    /// How many emergency accesses the officer's list holds, and how many of them still
    /// wait for a review.
    pub async fn emergency_counts(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<(usize, usize), StoreError> {
        let all = self
            .emergencies_in_scope(false, Some(organisation_id))
            .await?;
        let open = all.iter().filter(|e| e.reviewed_at.is_none()).count();
        Ok((all.len(), open))
    }

    /// Emergency accesses matching `condition` (its parameters from `$2`), in the
    /// review list's order read from the `seek` side of a key, each with its key and
    /// whether the domain gives it to the officer of `organisation_id` (the SQL only
    /// narrows).
    async fn emergency_rows(
        &mut self,
        organisation_id: Option<&OrganisationId>,
        condition: &str,
        condition_args: Vec<Param>,
        seek: &Seek,
        limit: Option<i64>,
    ) -> Result<Vec<(Emergency, PageKey, bool)>, StoreError> {
        let mut args = params![organisation_id.map_or("", OrganisationId::as_str)];
        args.extend(condition_args);
        let (cond, dir) = seek.condition_desc(EMERGENCY_ORDER, "e.id", args.len() + 1);
        args.extend(seek.params());
        let limit = match limit {
            Some(n) => {
                args.push(Param::from(n));
                format!(" LIMIT ${}", args.len())
            }
            None => String::new(),
        };
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT e.id, e.family_id, f.label AS family_label, e.user_id, u.name AS user_name, \
                       o.name AS organisation_name, e.reason, e.started_at, e.expires_at, e.reviewed_at, e.review_note, \
                       e.organisation_id, {EMERGENCY_ORDER} AS sort_value, \
                       (SELECT i.organisation_id FROM involvements i WHERE i.family_id = e.family_id AND i.role = 'regisseur' AND i.ended_at IS NULL LIMIT 1) \
                         AS lead_organisation, \
                       f.framework_organisation_id AS framework_organisation \
                     FROM emergency_access e JOIN families f ON f.id = e.family_id JOIN users u ON u.id = e.user_id \
                     JOIN organisations o ON o.id = e.organisation_id \
                     WHERE {condition} \
                       AND ($1 = '' OR e.organisation_id = $1 OR f.framework_organisation_id = $1 \
                            OR EXISTS (SELECT 1 FROM involvements si WHERE si.family_id = e.family_id AND si.role = 'regisseur' AND si.ended_at IS NULL AND si.organisation_id = $1)){cond} \
                     ORDER BY {EMERGENCY_ORDER} {dir}, e.id {dir}{limit}"
                ),
                args,
            )
            .await?;
        rows.iter()
            .map(|r| {
                let seen =
                    organisation_id.is_none_or(|o| crate::access_log::in_scope(r, o.as_str()));
                let key = PageKey {
                    value: r.text("sort_value")?,
                    id: r.text("id")?,
                };
                Ok((
                    Emergency {
                        id: r.text("id")?,
                        family_id: r.text("family_id")?,
                        family_label: r.text("family_label")?,
                        user_id: r.text("user_id")?,
                        user_name: r.text("user_name")?,
                        organisation_name: r.text("organisation_name")?,
                        reason: r.text("reason")?,
                        started_at: r.text("started_at")?,
                        expires_at: r.text("expires_at")?,
                        reviewed_at: r.opt_text("reviewed_at")?,
                        review_note: r.opt_text("review_note")?,
                    },
                    key,
                    seen,
                ))
            })
            .collect()
    }

    /// The privacy officer's review of an emergency access.
    pub async fn review_emergency(
        &mut self,
        actor: &Actor,
        emergency_id: &str,
        reviewed_by: &UserId,
        note: &str,
    ) -> Result<(), StoreError> {
        if note.trim().is_empty() {
            return Err(StoreError::Invalid(
                "write down the review: was the emergency access justified?".into(),
            ));
        }
        let family = self
            .fetch_optional(
                "SELECT family_id FROM emergency_access WHERE id = $1 AND reviewed_at IS NULL",
                params![emergency_id],
            )
            .await?
            .ok_or_else(|| {
                StoreError::NotFound(format!("unreviewed emergency access {emergency_id}"))
            })?
            .text("family_id")?;
        self.execute(
            "UPDATE emergency_access SET reviewed_at = $2, reviewed_by = $3, review_note = $4 WHERE id = $1",
            params![emergency_id, self.now_text(), reviewed_by, note.trim()],
        )
        .await?;
        self.append(
            actor,
            Event::EmergencyAccessReviewed {
                family_id: family,
                emergency_id: emergency_id.to_owned(),
                note: note.trim().to_owned(),
            },
        )
        .await?;
        Ok(())
    }
}

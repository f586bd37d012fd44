//! The fast path for a synthetic history at national scale (`eenplan demo --families
//! 1000000`): a generator records a batch of families' rows and events in memory, and
//! [`Tx::write_bulk`] writes them with multi-row inserts and appends the journal with
//! the chain computed in memory by the same rule as every other entry
//! ([`journal::seal`]), so `eenplan verify` and `verify --deep` check a bulk history
//! like any other.
//!
//! Only for a generator of synthetic data: it checks none of the domain's rules (the
//! generator follows them by construction) and tells no one (a simulated past has no
//! one to notify). The evaluation's rows follow in the same transaction, as for every
//! other append. Each entry seals the records it left in their final state in the
//! batch, read back from the tables with the deep check's own query; a record's
//! passing states (an involvement before its handover) carry no seal of their own,
//! as the deep check compares only the last one.

use std::collections::HashMap;

use eenplan_domain::UtcTime;
use eenplan_domain::family::name_search;
use eenplan_domain::family::{
    ClosingReason, Expertise, Framework, InvolvementRole, NewMember, Plan, label_sort_key, name_key,
};
use eenplan_domain::journal::{self, Actor, Draft, Entry, Event, Head};
use eenplan_domain::save_guidance::GuidanceOutcome;
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::Date;

use crate::{ConsentInput, FrameworkInput, NewFamily, Param, StoreError, Tx, ids, params};

use crate::bulk_tables::*;

type Rows = Vec<Vec<Param>>;

/// One batch of synthetic history, recorded in the order it happened per family.
#[derive(Debug, Default)]
pub struct Bulk {
    families: Rows,
    members: Rows,
    member_tokens: Rows,
    involvements: Rows,
    plans: Rows,
    agreements: Rows,
    consents: Rows,
    consent_people: Rows,
    guidances: Rows,
    pub(crate) evu_referrals: Rows,
    pub(crate) evu_assignments: Rows,
    events: Vec<(UtcTime, Actor, Event)>,
    family_row: HashMap<String, usize>,
    involvement_row: HashMap<String, usize>,
    guidance_row: HashMap<String, usize>,
    pub(crate) referral_row: HashMap<String, usize>,
}

/// A SAVE-begeleiding as the generator starts it.
#[derive(Debug, Clone)]
pub struct BulkGuidance<'a> {
    pub organisation_id: &'a OrganisationId,
    pub worker_id: &'a UserId,
    pub involvement_id: &'a str,
    pub expertise: Expertise,
    pub goals: &'a [String],
    pub planned_end: Date,
    pub started_by: &'a UserId,
}

fn text(at: UtcTime) -> String {
    at.to_rfc3339()
}

impl Bulk {
    pub fn families(&self) -> usize {
        self.families.len()
    }

    pub(crate) fn event(&mut self, at: UtcTime, actor: &Actor, event: Event) {
        self.events.push((at, actor.clone(), event));
    }

    /// A file opened at `at`, led by the regisseur; returns it and the lead's involvement.
    pub fn open_family(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        new: &NewFamily,
        regisseur: (&UserId, &OrganisationId),
    ) -> (FamilyId, String) {
        let id = FamilyId::from(ids::new_id());
        let label = new.label.trim();
        self.family_row.insert(id.to_string(), self.families.len());
        self.families.push(params![
            &id,
            label,
            new.street.trim(),
            new.house_number.trim(),
            new.postcode.as_str(),
            new.city.trim(),
            new.area_id.clone(),
            text(at),
            label_sort_key(label),
            Framework::Voluntary.code(),
            Option::<String>::None,
            Option::<String>::None,
            Option::<String>::None,
            Option::<String>::None
        ]);
        self.event(
            at,
            actor,
            Event::FamilyOpened {
                family_id: id.to_string(),
                label: label.to_owned(),
                postcode: new.postcode.as_str().to_owned(),
                area_id: new.area_id.clone(),
            },
        );
        let lead = self.involve(
            at,
            actor,
            &id,
            (InvolvementRole::Regisseur, regisseur.0, regisseur.1),
            None,
            None,
        );
        (id, lead)
    }

    pub fn add_member(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        m: &NewMember,
    ) -> String {
        let id = ids::new_id();
        let name = m.name.trim().to_owned();
        let dob = m.date_of_birth.map(|d| d.to_string());
        self.members.push(params![
            &id,
            family_id,
            m.kind.code(),
            &name,
            name_key(&name),
            dob.clone(),
            m.has_custody,
            text(at)
        ]);
        for token in name_search::name_tokens(&name) {
            self.member_tokens.push(params![token, family_id, &id]);
        }
        self.event(
            at,
            actor,
            Event::MemberAdded {
                family_id: family_id.to_string(),
                member_id: id.clone(),
                kind: m.kind.code().to_owned(),
                name,
                date_of_birth: dob,
                has_custody: m.has_custody,
            },
        );
        id
    }

    /// A professional joins; with `takes_over`, the involvement it replaces ends (a
    /// handover, journaled as such). Returns the new involvement.
    pub fn involve(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        (role, user_id, organisation_id): (InvolvementRole, &UserId, &OrganisationId),
        expertise: Option<Expertise>,
        takes_over: Option<(&str, &str)>,
    ) -> String {
        let id = ids::new_id();
        let replaces = takes_over.map(|(old, _)| old.to_owned());
        if let Some(row) = replaces
            .as_ref()
            .and_then(|old| self.involvement_row.get(old))
        {
            let row = &mut self.involvements[*row];
            row[INVOLVEMENT_ENDED_AT] = Param::from(text(at));
            row[INVOLVEMENT_ENDED_AT + 1] = Param::from("handover");
        }
        self.involvement_row
            .insert(id.clone(), self.involvements.len());
        self.involvements.push(params![
            &id,
            family_id,
            role.code(),
            organisation_id,
            user_id,
            expertise.map(|e| e.code()),
            replaces.clone(),
            text(at),
            Option::<String>::None,
            Option::<String>::None
        ]);
        self.event(
            at,
            actor,
            Event::InvolvementStarted {
                family_id: family_id.to_string(),
                involvement_id: id.clone(),
                role: role.code().to_owned(),
                organisation_id: organisation_id.to_string(),
                user_id: user_id.to_string(),
                expertise: expertise.map(|e| e.code().to_owned()),
                handover_of: replaces.clone(),
            },
        );
        if let Some((old, reason)) = takes_over {
            self.event(
                at,
                actor,
                Event::Handover {
                    family_id: family_id.to_string(),
                    from_involvement: old.to_owned(),
                    to_involvement: id.clone(),
                    role: role.code().to_owned(),
                    reason: reason.trim().to_owned(),
                },
            );
        }
        id
    }

    /// The first version of the plan.
    pub fn save_plan(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        plan: &Plan,
    ) -> Result<i64, StoreError> {
        let content =
            serde_json::to_string(plan).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.plans.push(params![
            family_id,
            1_i64,
            content,
            plan.review_date.map(|d| d.to_string()),
            user_id,
            text(at)
        ]);
        self.event(
            at,
            actor,
            Event::PlanSaved {
                family_id: family_id.to_string(),
                version: 1,
                changes: eenplan_domain::family::diff(&Plan::default(), plan).len(),
                restored_from: None,
            },
        );
        Ok(1)
    }

    /// The members who agreed to `version` (the generator asks the domain who must).
    pub fn agree_plan(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        (version, member_ids): (i64, &[String]),
    ) {
        for m in member_ids {
            self.agreements
                .push(params![family_id, version, m, text(at), user_id]);
        }
        self.event(
            at,
            actor,
            Event::PlanAgreed {
                family_id: family_id.to_string(),
                version,
                member_ids: member_ids.to_vec(),
                guardian_organisation_id: None,
            },
        );
    }

    pub fn give_consent(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        recorded_by: &UserId,
        c: &ConsentInput,
    ) -> String {
        let id = ids::new_id();
        let mut categories: Vec<&str> = c.categories.iter().map(|k| k.code()).collect();
        categories.sort_unstable();
        categories.dedup();
        self.consents.push(params![
            &id,
            family_id,
            c.step.code(),
            c.organisation_id.clone(),
            c.purpose.trim(),
            categories.join(","),
            c.form.code(),
            c.given_on.to_string(),
            c.ends_on.map(|d| d.to_string()),
            recorded_by,
            text(at)
        ]);
        let mut parts: Vec<(&str, &String)> = c.children.iter().map(|m| ("concerns", m)).collect();
        parts.extend(c.given_by.iter().map(|m| ("given_by", m)));
        parts.sort();
        parts.dedup();
        for (part, member) in parts {
            self.consent_people
                .push(params![&id, member.as_str(), part]);
        }
        self.event(
            at,
            actor,
            Event::ConsentGiven {
                family_id: family_id.to_string(),
                consent_id: id.clone(),
                step: c.step.code().to_owned(),
                organisation_id: c.organisation_id.as_ref().map(ToString::to_string),
                purpose: c.purpose.trim().to_owned(),
                categories: categories.iter().map(|s| (*s).to_owned()).collect(),
                children: c.children.clone(),
                given_by: c.given_by.clone(),
                form: c.form.code().to_owned(),
                given_on: c.given_on.to_string(),
                ends_on: c.ends_on.map(|d| d.to_string()),
            },
        );
        id
    }

    /// SAVE-begeleiding starts on `on`, reviewed every three months.
    pub fn start_guidance(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        on: Date,
        g: &BulkGuidance<'_>,
    ) -> Result<String, StoreError> {
        let id = ids::new_id();
        let policy = eenplan_domain::save_guidance::ReviewPolicy::default();
        let next_review_on = eenplan_domain::save_guidance::next_review(policy, on, g.planned_end);
        self.guidance_row.insert(id.clone(), self.guidances.len());
        self.guidances.push(params![
            &id,
            family_id,
            g.organisation_id,
            g.worker_id,
            g.involvement_id,
            g.expertise.code(),
            serde_json::to_string(g.goals).map_err(|e| StoreError::Invalid(e.to_string()))?,
            i64::from(policy.months()),
            on.to_string(),
            g.planned_end.to_string(),
            next_review_on.to_string(),
            g.started_by,
            Option::<String>::None,
            Option::<String>::None,
            "",
            Option::<String>::None
        ]);
        self.event(
            at,
            actor,
            Event::SaveGuidanceStarted {
                family_id: family_id.to_string(),
                guidance_id: id.clone(),
                organisation_id: g.organisation_id.to_string(),
                worker_id: g.worker_id.to_string(),
                expertise: g.expertise.code().to_owned(),
                planned_end: g.planned_end.to_string(),
                next_review_on: next_review_on.to_string(),
            },
        );
        Ok(id)
    }

    /// The guidance ends on `on` with its outcome; the worker's involvement ends with
    /// it when the outcome says so (the domain's rule, as in the store's own path).
    #[allow(clippy::too_many_arguments)]
    pub fn end_guidance(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        (guidance_id, involvement_id): (&str, &str),
        (outcome, reason): (GuidanceOutcome, &str),
        on: Date,
        by: &UserId,
    ) {
        if let Some(row) = self.guidance_row.get(guidance_id) {
            let row = &mut self.guidances[*row];
            row[GUIDANCE_ENDED_ON] = Param::from(on.to_string());
            row[GUIDANCE_ENDED_ON + 1] = Param::from(outcome.code());
            row[GUIDANCE_ENDED_ON + 2] = Param::from(reason.trim());
            row[GUIDANCE_ENDED_ON + 3] = Param::from(by);
        }
        if eenplan_domain::save_guidance::ends_involvement(outcome) {
            let why = format!("SAVE-begeleiding beëindigd: {}", outcome.label_nl());
            self.end_involvement(at, actor, family_id, involvement_id, &why);
        }
        self.event(
            at,
            actor,
            Event::SaveGuidanceEnded {
                family_id: family_id.to_string(),
                guidance_id: guidance_id.to_owned(),
                outcome: outcome.code().to_owned(),
                ended_on: on.to_string(),
            },
        );
    }

    /// A partner's part ends.
    pub fn end_involvement(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        involvement_id: &str,
        reason: &str,
    ) {
        let Some(row) = self.involvement_row.get(involvement_id) else {
            return;
        };
        let row = &mut self.involvements[*row];
        row[INVOLVEMENT_ENDED_AT] = Param::from(text(at));
        row[INVOLVEMENT_ENDED_AT + 1] = Param::from(reason.trim());
        self.event(
            at,
            actor,
            Event::InvolvementEnded {
                family_id: family_id.to_string(),
                involvement_id: involvement_id.to_owned(),
                reason: reason.trim().to_owned(),
            },
        );
    }

    /// The file moves to another framework (a court order, Veilig Thuis's investigation).
    pub fn change_framework(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        input: &FrameworkInput,
    ) {
        if let Some(row) = self.family_row.get(family_id.as_str()) {
            let row = &mut self.families[*row];
            row[FAMILY_FRAMEWORK] = Param::from(input.framework.code());
            row[FAMILY_FRAMEWORK + 1] =
                Param::Text(input.organisation_id.as_ref().map(ToString::to_string));
        }
        self.event(
            at,
            actor,
            Event::FrameworkChanged {
                family_id: family_id.to_string(),
                framework: input.framework.code().to_owned(),
                organisation_id: input.organisation_id.as_ref().map(ToString::to_string),
                ground: input.ground.trim().to_owned(),
                effective_on: input.effective_on.to_string(),
            },
        );
    }
}

impl Bulk {
    /// The file closed on `closed_on` for `reason` (the generator only closes a file
    /// whose help has ended, as the domain's rule asks).
    pub fn close_file(
        &mut self,
        at: UtcTime,
        actor: &Actor,
        family_id: &FamilyId,
        (reason, note): (ClosingReason, Option<&str>),
        closed_on: Date,
    ) {
        if let Some(row) = self.family_row.get(family_id.as_str()) {
            let row = &mut self.families[*row];
            row[FAMILY_CLOSED] = Param::from(closed_on.to_string());
            row[FAMILY_CLOSED + 1] = Param::from(reason.code());
            row[FAMILY_CLOSED + 2] = Param::Text(note.map(str::to_owned));
        }
        self.event(
            at,
            actor,
            Event::FileClosed {
                family_id: family_id.to_string(),
                reason: reason.code().to_owned(),
                note: note.map(str::to_owned),
                closed_on: closed_on.to_string(),
            },
        );
    }

    /// A closed file reopened: help is needed again.
    pub fn reopen_file(&mut self, at: UtcTime, actor: &Actor, family_id: &FamilyId, reason: &str) {
        if let Some(row) = self.family_row.get(family_id.as_str()) {
            let row = &mut self.families[*row];
            for value in &mut row[FAMILY_CLOSED..FAMILY_CLOSED + 3] {
                *value = Param::Text(None);
            }
        }
        self.event(
            at,
            actor,
            Event::FileReopened {
                family_id: family_id.to_string(),
                reason: reason.to_owned(),
            },
        );
    }
}

impl Tx {
    /// Writes a batch: its rows with multi-row inserts, then its events onto the
    /// journal, chained in memory after the current head. Returns the entries written.
    /// The caller commits (or drops the transaction: nothing of the batch is kept).
    pub async fn write_bulk(&mut self, bulk: Bulk) -> Result<u64, StoreError> {
        if !self.pending.is_empty() {
            return Err(StoreError::Invalid(
                "a bulk batch goes in a transaction of its own".into(),
            ));
        }
        for (table, rows) in [
            (&FAMILIES, &bulk.families),
            (&MEMBERS, &bulk.members),
            (&MEMBER_TOKENS, &bulk.member_tokens),
            (&INVOLVEMENTS, &bulk.involvements),
            (&PLANS, &bulk.plans),
            (&AGREEMENTS, &bulk.agreements),
            (&CONSENTS, &bulk.consents),
            (&CONSENT_PEOPLE, &bulk.consent_people),
            (&GUIDANCES, &bulk.guidances),
            (&EVU_REFERRALS, &bulk.evu_referrals),
            (&EVU_ASSIGNMENTS, &bulk.evu_assignments),
        ] {
            self.insert_rows(table, rows).await?;
        }
        let digests = self.batch_digests(&bulk.family_row).await?;
        let entries = self.append_chained(bulk.events, &digests).await?;
        // The evaluation's rows follow the events in the same transaction, as they do
        // for every other append ([`Tx::evaluation_after`]).
        self.evaluation_after(&entries).await?;
        Ok(entries.len() as u64)
    }

    async fn insert_rows(&mut self, table: &Table, rows: &Rows) -> Result<(), StoreError> {
        let width = table.columns.len();
        for chunk in rows.chunks((crate::db::PARAMS_PER_STATEMENT / width).max(1)) {
            let values: Vec<String> = (0..chunk.len())
                .map(|r| {
                    let cells: Vec<String> =
                        (1..=width).map(|c| format!("${}", r * width + c)).collect();
                    format!("({})", cells.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES {}",
                table.name,
                table.columns.join(", "),
                values.join(", ")
            );
            self.execute(&sql, chunk.iter().flatten().cloned().collect())
                .await?;
        }
        Ok(())
    }

    /// The digest of every record of the batch's families as the tables now hold them,
    /// read with the deep check's own query (one per table for the whole batch).
    async fn batch_digests(
        &mut self,
        families: &HashMap<String, usize>,
    ) -> Result<HashMap<String, String>, StoreError> {
        let (Some(first), Some(last)) = (families.keys().min(), families.keys().max()) else {
            return Ok(HashMap::new());
        };
        let below = self
            .fetch_one(
                "SELECT COALESCE(MAX(id), '') AS id FROM families WHERE id < $1",
                params![first],
            )
            .await?
            .text("id")?;
        let stretch = self.family_digests(&below, last).await?;
        Ok(stretch
            .into_iter()
            .filter(|(_, (owner, _))| families.contains_key(owner))
            .map(|(name, (_, digest))| (name, digest))
            .collect())
    }

    /// Seals and chains the events in order after the current head, and inserts them.
    async fn append_chained(
        &mut self,
        events: Vec<(UtcTime, Actor, Event)>,
        digests: &HashMap<String, String>,
    ) -> Result<Vec<Entry>, StoreError> {
        let records: Vec<Vec<String>> = events
            .iter()
            .map(|(_, _, e)| crate::deep::record_names(e))
            .collect();
        // Each record is sealed by the last entry of the batch that changed it.
        let mut last_of: HashMap<&str, usize> = HashMap::new();
        for (i, names) in records.iter().enumerate() {
            for name in names {
                last_of.insert(name.as_str(), i);
            }
        }
        let row = self
            .fetch_one("SELECT seq, hash FROM journal_head WHERE id = 1", vec![])
            .await?;
        let mut head = Head {
            seq: row.int("seq")?,
            hash: row.text("hash")?,
        };
        let mut rows: Rows = Vec::with_capacity(events.len());
        let mut entries = Vec::with_capacity(events.len());
        for (i, (at, actor, event)) in events.into_iter().enumerate() {
            let state: Vec<(String, Option<String>)> = records[i]
                .iter()
                .filter(|name| last_of.get(name.as_str()) == Some(&i))
                .map(|name| (name.clone(), digests.get(name).cloned()))
                .collect();
            let entry = journal::seal(
                &head,
                &Draft {
                    id: ids::new_id(),
                    recorded_at: at,
                    actor,
                    event,
                    state: Some(state),
                },
            );
            head = entry.head();
            rows.push(params![
                entry.seq,
                entry.id.clone(),
                entry.recorded_at.clone(),
                entry.actor.clone(),
                entry.actor_organisation.clone(),
                entry.kind.clone(),
                entry.subject_type.clone(),
                entry.subject_id.clone(),
                entry.payload.clone(),
                entry.payload_sha256.clone(),
                entry.prev_hash.clone(),
                entry.hash.clone()
            ]);
            entries.push(entry);
        }
        self.insert_rows(&JOURNAL, &rows).await?;
        Ok(entries)
    }
}

const JOURNAL: Table = Table {
    name: "journal",
    columns: &[
        "seq",
        "id",
        "recorded_at",
        "actor",
        "actor_organisation",
        "kind",
        "subject_type",
        "subject_id",
        "payload",
        "payload_sha256",
        "prev_hash",
        "hash",
    ],
};

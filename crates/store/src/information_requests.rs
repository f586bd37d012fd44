//! Information requests of a parent without custody (BW 1:377c, issue 17 §2): the
//! parent has no account, so the lead records the request in the file and decides it.
//! The domain's `request` rules decide whether it is a request at all (`may_ask`) and
//! whether a decision holds (`check_decision`); the store keeps what they allowed.

use eenplan_domain::FamilyId;
use eenplan_domain::family::portal::{
    Decision, InformationRequest, RefusalGround, check_decision, may_ask,
};
use eenplan_domain::journal::{Actor, Event};
use jiff::civil::Date;

use crate::db::{stored_date, stored_opt_date};
use crate::{Row, StoreError, Tx, ids, params};

/// A recorded request with its decision, as the lead's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedInformationRequest {
    pub id: String,
    pub asker_id: String,
    pub asker_name: String,
    pub child_id: String,
    pub child_name: String,
    pub asked_on: Date,
    pub question: String,
    pub recorded_by: String,
    /// The day and the decision, once decided.
    pub decided: Option<(Date, Decision)>,
}

fn recorded(r: &Row) -> Result<RecordedInformationRequest, StoreError> {
    let decided_on = stored_opt_date(r.opt_text("decided_on")?)?;
    let decision = match (decided_on, r.opt_text("decision")?.as_deref()) {
        (Some(on), Some("inform")) => Some((
            on,
            Decision::Inform {
                information: r.opt_text("information")?.unwrap_or_default(),
            },
        )),
        (Some(on), Some("refuse")) => {
            let ground = r.opt_text("ground")?.unwrap_or_default();
            Some((
                on,
                Decision::Refuse {
                    ground: RefusalGround::parse(&ground)
                        .ok_or_else(|| StoreError::Invalid(format!("refusal ground '{ground}'")))?,
                    reason: r.opt_text("reason")?.unwrap_or_default(),
                },
            ))
        }
        _ => None,
    };
    Ok(RecordedInformationRequest {
        id: r.text("id")?,
        asker_id: r.text("asker_id")?,
        asker_name: r.text("asker_name")?,
        child_id: r.text("child_id")?,
        child_name: r.text("child_name")?,
        asked_on: stored_date(&r.text("asked_on")?)?,
        question: r.text("question")?,
        recorded_by: r.text("recorded_by_name")?,
        decided: decision,
    })
}

const COLUMNS: &str = "q.id, q.asker_id, a.name AS asker_name, q.child_id, c.name AS child_name, \
     q.asked_on, q.question, u.name AS recorded_by_name, q.decided_on, q.decision, \
     q.information, q.ground, q.reason \
     FROM information_requests q JOIN family_members a ON a.id = q.asker_id \
     JOIN family_members c ON c.id = q.child_id JOIN users u ON u.id = q.recorded_by";

fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

impl Tx {
    /// Records `req` in `family_id`'s file, by the lead `user_id`.
    pub async fn record_information_request(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        user_id: &str,
        req: &InformationRequest,
        today: Date,
    ) -> Result<String, StoreError> {
        // The file must exist (its members then decide who may ask).
        self.family(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound("family".into()))?;
        let facts = self.portal_family(family_id.as_str()).await?;
        may_ask(facts.facts(), req, today).map_err(invalid)?;
        let id = ids::new_id();
        let now = self.now_text();
        self.execute(
            "INSERT INTO information_requests (id, family_id, asker_id, child_id, asked_on, \
             question, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![
                &id,
                family_id,
                &req.asker,
                &req.child,
                req.asked_on.to_string(),
                req.question.trim(),
                user_id,
                now
            ],
        )
        .await?;
        self.append(
            actor,
            Event::InformationRequestRecorded {
                family_id: family_id.to_string(),
                information_request_id: id.clone(),
                asker_id: req.asker.clone(),
                child_id: req.child.clone(),
                asked_on: req.asked_on.to_string(),
            },
        )
        .await?;
        Ok(id)
    }

    /// The file's requests, newest first.
    pub async fn information_requests(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<RecordedInformationRequest>, StoreError> {
        self.fetch_all(
            &format!("SELECT {COLUMNS} WHERE q.family_id = $1 ORDER BY q.asked_on DESC, q.id"),
            params![family_id],
        )
        .await?
        .iter()
        .map(recorded)
        .collect()
    }

    /// Records the lead's decision on request `id` of `family_id`, taken on the day
    /// `decided` gives with it. A request decided already is `Duplicate` (someone
    /// decided first).
    pub async fn decide_information_request(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        id: &str,
        user_id: &str,
        (decision, decided_on): (&Decision, Date),
        today: Date,
    ) -> Result<(), StoreError> {
        let found = self
            .fetch_optional(
                &format!("SELECT {COLUMNS} WHERE q.id = $1 AND q.family_id = $2"),
                params![id, family_id],
            )
            .await?
            .as_ref()
            .map(recorded)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound("information request".into()))?;
        if found.decided.is_some() {
            return Err(StoreError::Duplicate("decision".into()));
        }
        let req = InformationRequest {
            asker: found.asker_id,
            child: found.child_id,
            asked_on: found.asked_on,
            question: found.question,
        };
        check_decision(&req, decision, decided_on, today).map_err(invalid)?;
        let (code, information, ground, reason) = match decision {
            Decision::Inform { information } => {
                ("inform", Some(information.trim().to_owned()), None, None)
            }
            Decision::Refuse { ground, reason } => (
                "refuse",
                None,
                Some(ground.code()),
                Some(reason.trim().to_owned()),
            ),
        };
        self.execute(
            "UPDATE information_requests SET decided_on = $1, decided_by = $2, decision = $3, \
             information = $4, ground = $5, reason = $6 WHERE id = $7",
            params![
                decided_on.to_string(),
                user_id,
                code,
                information,
                ground.map(str::to_owned),
                reason,
                id
            ],
        )
        .await?;
        self.append(
            actor,
            Event::InformationRequestDecided {
                family_id: family_id.to_string(),
                information_request_id: id.to_owned(),
                decided_on: decided_on.to_string(),
                decision: code.to_owned(),
                ground: ground.map(str::to_owned),
            },
        )
        .await
    }
}

//! Protection order requests stored: the lead's request to the Raad, the Raad's work
//! list of requests addressed to it, the investigation, its outcome and the court's
//! decision. A granted measure moves the family into the `court_order` framework with
//! the certified institution as its basis, through the same `change_framework` as
//! every framework change; nobody's involvement ends (the local team stays). The rules
//! are `domain::protection_order`.

use eenplan_domain::family::Framework;
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::protection_order::{
    self, Conclusion, Measure, NewRequest, OrderError, RequestState, Ruling,
};
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::Date;

use crate::page::{PageKey, Seek};
use crate::{Backend, FrameworkInput, Param, Row, StoreError, Tx, ids, params};

/// The Raad's order: by the course's stage, each stage oldest first (request times are
/// fixed-width text, so the concatenation sorts as the pair does).
const RAAD_ORDER: &str = "(CASE r.state WHEN 'requested' THEN '0' WHEN 'under_investigation' THEN '1' \
    WHEN 'petitioned' THEN '2' ELSE '3' END || r.requested_at)";

/// A request as the lead makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectionOrderInput {
    /// The Raad organisation it goes to.
    pub rvdk_organisation_id: OrganisationId,
    /// The children it concerns (member ids).
    pub children: Vec<String>,
    /// Why voluntary help did not reach safety.
    pub grounds: String,
    /// What was tried.
    pub tried: String,
}

/// A child a request is about: what the Raad needs to know who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestChild {
    pub id: String,
    pub name: String,
    pub date_of_birth: Option<Date>,
}

/// A request with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectionOrderRequest {
    pub id: String,
    pub family_id: FamilyId,
    pub family_label: String,
    pub rvdk_organisation_id: OrganisationId,
    pub rvdk_name: String,
    pub requested_by_name: String,
    pub requested_by_email: String,
    pub requesting_organisation_name: String,
    pub requested_on: Date,
    pub children: Vec<RequestChild>,
    pub grounds: String,
    pub tried: String,
    pub state: RequestState,
    pub investigation_on: Option<Date>,
    pub concluded_on: Option<Date>,
    pub no_measure_reason: Option<String>,
    pub petitioned_measure: Option<Measure>,
    pub decided_on: Option<Date>,
    pub granted_measure: Option<Measure>,
    pub ends_on: Option<Date>,
    pub institution_id: Option<String>,
    pub institution_name: Option<String>,
}

/// The court's decision as the Raad records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourtRuling {
    Granted {
        measure: Measure,
        ends_on: Option<Date>,
        /// The certified institution that carries the order out.
        institution_id: OrganisationId,
    },
    Refused,
}

use crate::db::stored_opt_date as date;

fn measure(text: Option<String>) -> Result<Option<Measure>, StoreError> {
    text.map(|t| {
        t.parse::<Measure>()
            .map_err(|e| StoreError::Invalid(e.to_string()))
    })
    .transpose()
}

pub(crate) const COLUMNS: &str = "r.id, r.family_id, f.label AS family_label, r.rvdk_organisation_id, ro.name \
    AS rvdk_name, u.name AS requested_by_name, u.email AS requested_by_email, \
    qo.name AS requesting_organisation_name, r.requested_on, r.grounds, r.tried, \
    r.state, r.investigation_on, r.concluded_on, r.no_measure_reason, \
    r.petitioned_measure, r.decided_on, r.granted_measure, r.ends_on, \
    r.institution_id, io.name AS institution_name FROM protection_order_requests r \
    JOIN families f ON f.id = r.family_id JOIN organisations ro ON ro.id = \
    r.rvdk_organisation_id JOIN users u ON u.id = r.requested_by JOIN organisations \
    qo ON qo.id = r.requested_by_organisation LEFT JOIN organisations io ON io.id = \
    r.institution_id";

pub(crate) fn request(r: &Row) -> Result<ProtectionOrderRequest, StoreError> {
    Ok(ProtectionOrderRequest {
        id: r.text("id")?,
        family_id: r.id("family_id")?,
        family_label: r.text("family_label")?,
        rvdk_organisation_id: r.id("rvdk_organisation_id")?,
        rvdk_name: r.text("rvdk_name")?,
        requested_by_name: r.text("requested_by_name")?,
        requested_by_email: r.text("requested_by_email")?,
        requesting_organisation_name: r.text("requesting_organisation_name")?,
        requested_on: date(Some(r.text("requested_on")?))?.unwrap_or_default(),
        children: Vec::new(),
        grounds: r.text("grounds")?,
        tried: r.text("tried")?,
        state: r.code("state")?,
        investigation_on: date(r.opt_text("investigation_on")?)?,
        concluded_on: date(r.opt_text("concluded_on")?)?,
        no_measure_reason: r.opt_text("no_measure_reason")?,
        petitioned_measure: measure(r.opt_text("petitioned_measure")?)?,
        decided_on: date(r.opt_text("decided_on")?)?,
        granted_measure: measure(r.opt_text("granted_measure")?)?,
        ends_on: date(r.opt_text("ends_on")?)?,
        institution_id: r.opt_text("institution_id")?,
        institution_name: r.opt_text("institution_name")?,
    })
}

/// The states a request is open in, as SQL.
const OPEN: &str = "('requested', 'under_investigation', 'petitioned')";

impl Tx {
    async fn kind_of(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<OrganisationKind, StoreError> {
        self.fetch_optional(
            "SELECT kind FROM organisations WHERE id = $1",
            params![organisation_id],
        )
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("organisation {organisation_id}")))?
        .code("kind")
    }

    /// The lead's request for investigation to the Raad, on `today`.
    pub async fn request_protection_order(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        (user_id, organisation_id): (&UserId, &OrganisationId),
        r: &ProtectionOrderInput,
        today: Date,
    ) -> Result<String, StoreError> {
        let addressee = self.kind_of(&r.rvdk_organisation_id).await?;
        let family_children = self
            .fetch_all(
                "SELECT id FROM family_members WHERE family_id = $1 AND kind = 'child' AND ended_at IS NULL",
                params![family_id],
            )
            .await?
            .iter()
            .map(|row| row.text("id"))
            .collect::<Result<Vec<_>, _>>()?;
        let open_request = self
            .fetch_optional(
                &format!(
                    "SELECT id FROM protection_order_requests WHERE family_id = $1 AND state IN {OPEN}"
                ),
                params![family_id],
            )
            .await?
            .is_some();
        let mut children = r.children.clone();
        children.sort();
        children.dedup();
        protection_order::check_request(&NewRequest {
            children: &children,
            family_children: &family_children,
            grounds: &r.grounds,
            tried: &r.tried,
            addressee,
            open_request,
        })?;
        let id = ids::new_id();
        self.execute(
            "INSERT INTO protection_order_requests (id, family_id, rvdk_organisation_id, requested_by, requested_by_organisation, \
             requested_at, requested_on, grounds, tried, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'requested')",
            params![
                &id,
                family_id,
                &r.rvdk_organisation_id,
                user_id,
                organisation_id,
                self.now_text(),
                today.to_string(),
                r.grounds.trim(),
                r.tried.trim()
            ],
        )
        .await
        .map_err(|e| match e.duplicate_as(String::new) {
            // Another request became open in the meantime (the unique index).
            StoreError::Duplicate(_) => StoreError::ProtectionOrder(OrderError::OpenRequest),
            other => other,
        })?;
        for child in &children {
            self.execute(
                "INSERT INTO protection_order_children (request_id, member_id) VALUES ($1, $2)",
                params![&id, child],
            )
            .await?;
        }
        self.append(
            actor,
            Event::ProtectionOrderRequested {
                family_id: family_id.to_string(),
                request_id: id.clone(),
                rvdk_organisation_id: r.rvdk_organisation_id.to_string(),
                children,
            },
        )
        .await?;
        Ok(id)
    }

    pub(crate) async fn with_children(
        &mut self,
        mut list: Vec<ProtectionOrderRequest>,
    ) -> Result<Vec<ProtectionOrderRequest>, StoreError> {
        if list.is_empty() {
            return Ok(list);
        }
        let placeholders = (1..=list.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let ids: Vec<Param> = list.iter().map(|r| Param::from(r.id.as_str())).collect();
        for row in self
            .fetch_all(
                &format!(
                    "SELECT c.request_id, m.id, m.name, m.date_of_birth FROM protection_order_children c \
                     JOIN family_members m ON m.id = c.member_id WHERE c.request_id IN ({placeholders}) \
                     ORDER BY m.date_of_birth, m.name"
                ),
                ids,
            )
            .await?
        {
            let request_id = row.text("request_id")?;
            if let Some(r) = list.iter_mut().find(|r| r.id == request_id) {
                r.children.push(RequestChild {
                    id: row.text("id")?,
                    name: row.text("name")?,
                    date_of_birth: date(row.opt_text("date_of_birth")?)?,
                });
            }
        }
        Ok(list)
    }

    /// The family's requests, newest first.
    pub async fn protection_order_requests(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<ProtectionOrderRequest>, StoreError> {
        let list = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} WHERE r.family_id = $1 ORDER BY r.requested_at DESC, r.id"
                ),
                params![family_id],
            )
            .await?
            .iter()
            .map(request)
            .collect::<Result<Vec<_>, _>>()?;
        self.with_children(list).await
    }

    /// One page of the Raad's work list: the requests addressed to
    /// `rvdk_organisation_id`, new ones to take up first, then running investigations,
    /// petitions, and the closed ones (each group oldest first); each with its key.
    pub async fn raad_requests_page(
        &mut self,
        rvdk_organisation_id: &OrganisationId,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<(ProtectionOrderRequest, PageKey)>, StoreError> {
        let (cond, dir) = seek.condition(RAAD_ORDER, "r.id", 2);
        let mut args = params![rvdk_organisation_id];
        args.extend(seek.params());
        let at = args.len() + 1;
        args.push(Param::from(limit));
        let mut rows = self
            .fetch_all(
                &format!(
                    "SELECT {RAAD_ORDER} AS sort_value, {COLUMNS} WHERE r.rvdk_organisation_id = $1{cond} \
                     ORDER BY {RAAD_ORDER} {dir}, r.id {dir} LIMIT ${at}"
                ),
                args,
            )
            .await?;
        seek.restore(&mut rows);
        let keys = rows
            .iter()
            .map(|r| {
                Ok(PageKey {
                    value: r.text("sort_value")?,
                    id: r.text("id")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let list = rows.iter().map(request).collect::<Result<Vec<_>, _>>()?;
        Ok(self
            .with_children(list)
            .await?
            .into_iter()
            .zip(keys)
            .collect())
    }

    /// How many requests are addressed to `rvdk_organisation_id`.
    pub async fn raad_requests_count(
        &mut self,
        rvdk_organisation_id: &OrganisationId,
    ) -> Result<usize, StoreError> {
        let n = self
            .fetch_one(
                "SELECT COUNT(*) AS n FROM protection_order_requests WHERE rvdk_organisation_id = $1",
                params![rvdk_organisation_id],
            )
            .await?
            .int("n")?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// One request addressed to `rvdk_organisation_id`; `None` for any other request.
    pub async fn raad_request(
        &mut self,
        rvdk_organisation_id: &OrganisationId,
        request_id: &str,
    ) -> Result<Option<ProtectionOrderRequest>, StoreError> {
        let Some(row) = self
            .fetch_optional(
                &format!("SELECT {COLUMNS} WHERE r.id = $1 AND r.rvdk_organisation_id = $2"),
                params![request_id, rvdk_organisation_id],
            )
            .await?
        else {
            return Ok(None);
        };
        Ok(self.with_children(vec![request(&row)?]).await?.pop())
    }

    /// The request, locked against a concurrent step on PostgreSQL.
    async fn raad_request_for_change(
        &mut self,
        rvdk_organisation_id: &OrganisationId,
        request_id: &str,
    ) -> Result<ProtectionOrderRequest, StoreError> {
        if self.backend() == Backend::Postgres {
            self.execute(
                "SELECT id FROM protection_order_requests WHERE id = $1 FOR UPDATE",
                params![request_id],
            )
            .await?;
        }
        self.raad_request(rvdk_organisation_id, request_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("request {request_id}")))
    }

    /// The Raad takes up the request: its investigation started on `on`.
    pub async fn start_investigation(
        &mut self,
        actor: &Actor,
        rvdk_organisation_id: &OrganisationId,
        request_id: &str,
        user_id: &UserId,
        on: Date,
        today: Date,
    ) -> Result<(), StoreError> {
        let r = self
            .raad_request_for_change(rvdk_organisation_id, request_id)
            .await?;
        protection_order::accept(r.state, r.requested_on, on, today)?;
        self.execute(
            "UPDATE protection_order_requests SET state = 'under_investigation', investigation_on = $2, investigated_by = $3 \
             WHERE id = $1 AND state = 'requested'",
            params![request_id, on.to_string(), user_id],
        )
        .await?;
        self.append(
            actor,
            Event::ProtectionOrderInvestigationStarted {
                family_id: r.family_id.to_string(),
                request_id: request_id.to_owned(),
                started_on: on.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    /// The investigation's outcome on `on`: no measure (with the reason), or a petition
    /// to the court for a measure.
    #[allow(clippy::too_many_arguments)]
    pub async fn conclude_investigation(
        &mut self,
        actor: &Actor,
        rvdk_organisation_id: &OrganisationId,
        request_id: &str,
        user_id: &UserId,
        conclusion: &Conclusion,
        on: Date,
        today: Date,
    ) -> Result<RequestState, StoreError> {
        let r = self
            .raad_request_for_change(rvdk_organisation_id, request_id)
            .await?;
        let started = r.investigation_on.unwrap_or(r.requested_on);
        let next = protection_order::conclude(r.state, started, on, today, conclusion)?;
        let (reason, petitioned) = match conclusion {
            Conclusion::NoMeasure { reason } => (Some(reason.trim().to_owned()), None),
            Conclusion::Petition { measure } => (None, Some(*measure)),
        };
        self.execute(
            "UPDATE protection_order_requests SET state = $2, concluded_on = $3, no_measure_reason = $4, \
             petitioned_measure = $5, concluded_by = $6 WHERE id = $1 AND state = 'under_investigation'",
            params![
                request_id,
                next.code(),
                on.to_string(),
                reason,
                petitioned.map(|m| m.code()),
                user_id
            ],
        )
        .await?;
        self.append(
            actor,
            Event::ProtectionOrderConcluded {
                family_id: r.family_id.to_string(),
                request_id: request_id.to_owned(),
                state: next.code().to_owned(),
                measure: petitioned.map(|m| m.code().to_owned()),
                on: on.to_string(),
            },
        )
        .await?;
        Ok(next)
    }

    /// The court's decision on `on`. Granted: the family's framework becomes
    /// `court_order` with the institution as its legal basis (unless it already is).
    #[allow(clippy::too_many_arguments)]
    pub async fn record_court_decision(
        &mut self,
        actor: &Actor,
        rvdk_organisation_id: &OrganisationId,
        request_id: &str,
        user_id: &UserId,
        on: Date,
        ruling: &CourtRuling,
        today: Date,
    ) -> Result<RequestState, StoreError> {
        let r = self
            .raad_request_for_change(rvdk_organisation_id, request_id)
            .await?;
        let domain_ruling = match ruling {
            CourtRuling::Granted {
                measure,
                ends_on,
                institution_id,
            } => Ruling::Granted {
                measure: *measure,
                ends_on: *ends_on,
                institution: self.kind_of(institution_id).await?,
            },
            CourtRuling::Refused => Ruling::Refused,
        };
        // A request in any other state fails the domain check below, whatever is stored.
        let petitioned = r.petitioned_measure.unwrap_or(Measure::SupervisionOrder);
        let petitioned_on = r.concluded_on.unwrap_or(r.requested_on);
        let next = protection_order::decide(
            r.state,
            petitioned,
            petitioned_on,
            on,
            today,
            &domain_ruling,
        )?;
        let (granted, ends_on, institution) = match ruling {
            CourtRuling::Granted {
                measure,
                ends_on,
                institution_id,
            } => (Some(*measure), *ends_on, Some(institution_id.clone())),
            CourtRuling::Refused => (None, None, None),
        };
        self.execute(
            "UPDATE protection_order_requests SET state = $2, decided_on = $3, granted_measure = $4, ends_on = $5, \
             institution_id = $6, decided_by = $7 WHERE id = $1 AND state = 'petitioned'",
            params![
                request_id,
                next.code(),
                on.to_string(),
                granted.map(|m| m.code()),
                ends_on.map(|d| d.to_string()),
                institution.clone(),
                user_id
            ],
        )
        .await?;
        if let (Some(measure), Some(institution)) = (granted, &institution) {
            let current = self
                .fetch_one(
                    "SELECT framework, framework_organisation_id FROM families WHERE id = $1",
                    params![&r.family_id],
                )
                .await?;
            let already = current.code::<Framework>("framework")? == Framework::CourtOrder
                && current.opt_text("framework_organisation_id")?.as_deref()
                    == Some(institution.as_str());
            if !already {
                let until = ends_on
                    .map(|d| format!(", tot en met {d}"))
                    .unwrap_or_default();
                self.change_framework(
                    actor,
                    &r.family_id,
                    &FrameworkInput {
                        framework: Framework::CourtOrder,
                        organisation_id: Some(institution.clone()),
                        ground: format!(
                            "{} uitgesproken door de kinderrechter op {on}{until} (verzoek {request_id})",
                            measure.label_nl()
                        ),
                        effective_on: on,
                    },
                    today,
                )
                .await?;
            }
        }
        self.append(
            actor,
            Event::ProtectionOrderDecided {
                family_id: r.family_id.to_string(),
                request_id: request_id.to_owned(),
                granted: granted.is_some(),
                measure: granted.map(|m| m.code().to_owned()),
                ends_on: ends_on.map(|d| d.to_string()),
                institution_id: institution.as_ref().map(OrganisationId::to_string),
                decided_on: on.to_string(),
            },
        )
        .await?;
        Ok(next)
    }
}

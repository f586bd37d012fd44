//! Veilig Thuis intake: contacts in, the radar (earlier signals about the same child or
//! address), the safety assessment and its outcome, and the work list. The rules are
//! `domain::veilig_thuis`; this module stores and journals them.

use eenplan_domain::UtcTime;
use eenplan_domain::evu::{self, EvuArea};
use eenplan_domain::family::{Framework, Postcode};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::veilig_thuis::{self, Assessment, ContactKind, IntakeState, Outcome, Reporter};
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::Date;

use crate::page::{PageKey, Seek};
use crate::{FamilySummary, FrameworkInput, Referrer, Row, StoreError, Tx, ids, params};

/// A contact as it comes in by phone or form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub kind: ContactKind,
    pub acute: bool,
    pub reporter: Option<Reporter>,
    pub reporter_name: String,
    pub reporter_contact: String,
    /// The first child the contact concerns.
    pub child_name: String,
    pub child_birth: Option<Date>,
    /// The other children of the same family the contact concerns.
    pub more_children: Vec<ContactChild>,
    pub postcode: Option<Postcode>,
    pub house_number: String,
    pub concern: String,
    /// When the report or advice request came in; `None` is the moment it is typed in.
    pub received_at: Option<UtcTime>,
}

/// A child a contact concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactChild {
    pub name: String,
    pub birth: Option<Date>,
}

impl NewContact {
    /// Every child the contact names, the first first; rows left empty are no child.
    pub fn children(&self) -> Vec<ContactChild> {
        std::iter::once(ContactChild {
            name: self.child_name.clone(),
            birth: self.child_birth,
        })
        .chain(self.more_children.iter().cloned())
        .filter(|c| !c.name.trim().is_empty() || c.birth.is_some())
        .collect()
    }
}

/// What the safety assessment decided and on what grounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentInput<'a> {
    pub outcome: Outcome,
    pub follow_up_on: Option<Date>,
    pub findings: &'a str,
    pub reasoning: &'a str,
}

/// One contact in full, for Veilig Thuis's own staff: who reported and how to reach
/// them, every child, and the assessment's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDetail {
    pub contact: Contact,
    pub reporter_name: String,
    pub reporter_contact: String,
    pub children: Vec<ContactChild>,
    pub received_at: UtcTime,
    pub findings: Option<String>,
    pub reasoning: Option<String>,
    /// The label of the file the radar linked it to.
    pub file: Option<String>,
    /// Earlier signals about the same children or file.
    pub earlier: Vec<Contact>,
}

/// A contact on the work list or in the radar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: String,
    /// The Veilig Thuis organisation that keeps the contact.
    pub organisation_id: String,
    pub kind: ContactKind,
    pub acute: bool,
    pub reporter: Option<Reporter>,
    pub child_name: String,
    pub child_birth: Option<Date>,
    pub concern: String,
    pub family_id: Option<FamilyId>,
    pub received_on: Date,
    pub due_on: Option<Date>,
    pub state: IntakeState,
    pub follow_up_on: Option<Date>,
}

impl Contact {
    pub fn overdue(&self, today: Date) -> bool {
        self.due_on
            .is_some_and(|due| veilig_thuis::assessment_overdue(self.state, due, today))
    }
}

/// What the radar found for a new contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Radar {
    /// Files with the same child (name + date of birth) or the same address.
    pub families: Vec<FamilySummary>,
    /// Earlier contacts about the same child or file, newest first.
    pub earlier: Vec<Contact>,
}

const COLUMNS: &str = "id, organisation_id, kind, acute, reporter, child_name, child_birth, concern, family_id, \
    received_on, due_on, state, outcome, follow_up_on";

use crate::db::stored_opt_date as date;

/// The work list: this organisation's reports awaiting assessment and hand-overs whose
/// follow-up check falls within the week (`$1` organisation, `$2` a week from today).
const WORK_WHERE: &str = "organisation_id = $1 AND \
    (state = 'awaiting_assessment' OR (outcome = 'hand_to_local_team' AND follow_up_on <= $2))";
/// Most urgent first: the assessment deadline, else the follow-up date.
const WORK_ORDER: &str = "COALESCE(due_on, follow_up_on, '9999-12-31')";

fn contact(r: &Row) -> Result<Contact, StoreError> {
    let state = match (r.text("state")?.as_str(), r.opt_text("outcome")?) {
        ("advice_given", _) => IntakeState::AdviceGiven,
        ("assessed", Some(outcome)) => IntakeState::Assessed(
            outcome
                .parse::<Outcome>()
                .map_err(|e| StoreError::Invalid(e.to_string()))?,
        ),
        _ => IntakeState::AwaitingAssessment,
    };
    Ok(Contact {
        id: r.text("id")?,
        organisation_id: r.text("organisation_id")?,
        kind: r.code("kind")?,
        acute: r.bool("acute")?,
        reporter: r
            .opt_text("reporter")?
            .map(|x| x.parse::<Reporter>())
            .transpose()
            .map_err(|e| StoreError::Invalid(e.to_string()))?,
        child_name: r.text("child_name")?,
        child_birth: date(r.opt_text("child_birth")?)?,
        concern: r.text("concern")?,
        family_id: r.opt_id("family_id")?,
        received_on: date(Some(r.text("received_on")?))?.unwrap_or_default(),
        due_on: date(r.opt_text("due_on")?)?,
        state,
        follow_up_on: date(r.opt_text("follow_up_on")?)?,
    })
}

fn state_code(state: IntakeState) -> &'static str {
    match state {
        IntakeState::AdviceGiven => "advice_given",
        IntakeState::AwaitingAssessment => "awaiting_assessment",
        IntakeState::Assessed(_) => "assessed",
    }
}

impl Tx {
    /// Records a contact for Veilig Thuis organisation `organisation_id`, links it to a
    /// file the radar recognises (the same child, or the same address), and returns what
    /// the assessor should see first.
    pub async fn receive_contact(
        &mut self,
        actor: &Actor,
        organisation_id: &OrganisationId,
        recorded_by: &UserId,
        c: &NewContact,
        now: UtcTime,
    ) -> Result<(String, Radar), StoreError> {
        if c.concern.trim().is_empty() {
            return Err(StoreError::Invalid(
                "describe the concern: what was seen or heard".into(),
            ));
        }
        let received_at = c.received_at.unwrap_or(now);
        let children = c.children();
        let births: Vec<Date> = children.iter().filter_map(|c| c.birth).collect();
        let state = veilig_thuis::receive(c.kind, c.reporter, &births, received_at, now)?;
        let received_on = veilig_thuis::received_on(received_at);
        let due_on = if state == IntakeState::AwaitingAssessment {
            let calendar = self.statutory_calendar().await?;
            Some(veilig_thuis::assessment_due(
                received_on,
                c.acute,
                &calendar,
            ))
        } else {
            None
        };
        let radar = self.radar(c, &children).await?;
        let family_id = radar.families.first().map(|f| f.id.clone());
        let id = ids::new_id();
        let first = children.first();
        let name = first.map_or("", |c| c.name.trim());
        self.execute(
            "INSERT INTO vt_contacts (id, organisation_id, kind, acute, reporter, reporter_name, reporter_contact, \
             child_name, child_search, child_birth, postcode, house_number, concern, family_id, received_at, received_on, \
             due_on, state, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
            params![
                &id,
                organisation_id,
                c.kind.code(),
                c.acute,
                c.reporter.map(|r| r.code()),
                c.reporter_name.trim(),
                c.reporter_contact.trim(),
                name,
                name.to_lowercase(),
                first.and_then(|c| c.birth).map(|d| d.to_string()),
                c.postcode.as_ref().map(|p| p.as_str().to_owned()),
                c.house_number.trim(),
                c.concern.trim(),
                family_id.clone(),
                received_at.to_rfc3339(),
                received_on.to_string(),
                due_on.map(|d| d.to_string()),
                state_code(state),
                recorded_by,
                now.to_rfc3339()
            ],
        )
        .await?;
        for (position, child) in (0_i64..).zip(&children) {
            let name = child.name.trim();
            self.execute(
                "INSERT INTO vt_contact_children (contact_id, position, name, search, birth) \
                 VALUES ($1, $2, $3, $4, $5)",
                params![
                    &id,
                    position,
                    name,
                    name.to_lowercase(),
                    child.birth.map(|d| d.to_string())
                ],
            )
            .await?;
        }
        self.append(
            actor,
            Event::VtContactReceived {
                contact_id: id.clone(),
                kind: c.kind.code().to_owned(),
                acute: c.acute,
                due_on: due_on.map(|d| d.to_string()),
                linked: family_id.is_some(),
            },
        )
        .await?;
        if let Some(family) = &family_id {
            self.refresh_next_due(family).await?;
        }
        Ok((id, radar))
    }

    /// Earlier signals about the same children or address: the radar.
    async fn radar(
        &mut self,
        c: &NewContact,
        children: &[ContactChild],
    ) -> Result<Radar, StoreError> {
        let known: Vec<(String, Date)> = children
            .iter()
            .filter(|c| !c.name.trim().is_empty())
            .filter_map(|c| c.birth.map(|b| (c.name.trim().to_owned(), b)))
            .collect();
        let mut families: Vec<FamilySummary> = match &c.postcode {
            Some(postcode) if !c.house_number.trim().is_empty() => {
                self.possible_duplicates(&known, postcode, &c.house_number)
                    .await?
            }
            _ => {
                let mut found = Vec::new();
                for (name, dob) in &known {
                    found.extend(self.families_with_child(name, *dob).await?);
                }
                found
            }
        };
        let mut seen = std::collections::HashSet::new();
        families.retain(|f| seen.insert(f.id.clone()));
        let family = families.first().map(|f| f.id.clone());
        let earlier = self
            .earlier_signals(None, None, &known, family.as_ref())
            .await?;
        Ok(Radar { families, earlier })
    }

    /// Contacts about any of `children` (name and date of birth) or about `family`,
    /// newest first; `except` leaves the contact itself out.
    async fn earlier_signals(
        &mut self,
        organisation_id: Option<&OrganisationId>,
        except: Option<&str>,
        children: &[(String, Date)],
        family: Option<&FamilyId>,
    ) -> Result<Vec<Contact>, StoreError> {
        let mut found: Vec<Contact> = Vec::new();
        let add = |rows: Vec<Row>, found: &mut Vec<Contact>| -> Result<(), StoreError> {
            for r in &rows {
                let c = contact(r)?;
                if except != Some(c.id.as_str()) && !found.iter().any(|f| f.id == c.id) {
                    found.push(c);
                }
            }
            Ok(())
        };
        let org = organisation_id.map_or("", OrganisationId::as_str);
        for (name, birth) in children {
            let rows = self
                .fetch_all(
                    &format!(
                        "SELECT {COLUMNS} FROM vt_contacts WHERE ($3 = '' OR organisation_id = $3) AND id IN \
                         (SELECT contact_id FROM vt_contact_children WHERE search = $1 AND birth = $2) \
                         ORDER BY received_at DESC LIMIT 50"
                    ),
                    params![name.to_lowercase(), birth.to_string(), org],
                )
                .await?;
            add(rows, &mut found)?;
        }
        if let Some(family) = family {
            let rows = self
                .fetch_all(
                    &format!(
                        "SELECT {COLUMNS} FROM vt_contacts WHERE ($2 = '' OR organisation_id = $2) AND family_id = $1 \
                         ORDER BY received_at DESC LIMIT 50"
                    ),
                    params![family, org],
                )
                .await?;
            add(rows, &mut found)?;
        }
        found.sort_by(|a, b| b.received_on.cmp(&a.received_on).then(b.id.cmp(&a.id)));
        found.truncate(50);
        Ok(found)
    }

    /// The safety assessment. `Investigate` moves a linked family into the
    /// `veilig_thuis` framework with this Veilig Thuis organisation as its basis.
    #[allow(clippy::too_many_arguments)]
    pub async fn assess_contact(
        &mut self,
        actor: &Actor,
        organisation_id: &OrganisationId,
        contact_id: &str,
        assessed_by: &UserId,
        input: &AssessmentInput<'_>,
        today: Date,
    ) -> Result<IntakeState, StoreError> {
        let AssessmentInput {
            outcome,
            follow_up_on,
            findings,
            reasoning,
        } = *input;
        let row = self
            .fetch_optional(
                &format!(
                    "SELECT {COLUMNS} FROM vt_contacts WHERE id = $1 AND organisation_id = $2"
                ),
                params![contact_id, organisation_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("contact {contact_id}")))?;
        let current = contact(&row)?;
        let lives_in_evu_area = match &current.family_id {
            Some(family) => self.lives_in_evu_area(family, today).await?,
            None => false,
        };
        let next = veilig_thuis::assess(
            current.state,
            Assessment {
                outcome,
                findings,
                reasoning,
                assessed_on: today,
                received_on: current.received_on,
                follow_up_on,
                lives_in_evu_area,
            },
        )
        .map_err(StoreError::Intake)?;
        self.execute(
            "UPDATE vt_contacts SET state = 'assessed', outcome = $2, assessed_on = $3, assessed_by = $4, follow_up_on = $5, \
             feedback = $6, findings = $7, reasoning = $8 WHERE id = $1 AND state = 'awaiting_assessment'",
            params![
                contact_id,
                outcome.code(),
                today.to_string(),
                assessed_by,
                follow_up_on.map(|d| d.to_string()),
                veilig_thuis::reporter_feedback(outcome).0,
                findings.trim(),
                reasoning.trim()
            ],
        )
        .await?;
        let family = current
            .family_id
            .as_ref()
            .filter(|_| veilig_thuis::places_under_legal_task(outcome));
        if let Some(family) = family {
            let framework = self
                .fetch_one(
                    "SELECT framework FROM families WHERE id = $1",
                    params![family],
                )
                .await?
                .code::<Framework>("framework")?;
            if framework == Framework::Voluntary {
                self.change_framework(
                    actor,
                    family,
                    &FrameworkInput {
                        framework: Framework::VeiligThuis,
                        organisation_id: Some(organisation_id.clone()),
                        ground: match outcome {
                            Outcome::BringIntoEvu => {
                                format!("Veilig Thuis brengt melding {contact_id} in bij het EVU")
                            }
                            _ => format!("Veilig Thuis onderzoekt na melding {contact_id}"),
                        },
                        effective_on: today,
                    },
                    today,
                )
                .await?;
            }
        }
        let referral_open = match &current.family_id {
            Some(family) => self.open_evu_referral(family).await?.is_some(),
            None => false,
        };
        if let Some(family) = &current.family_id
            && veilig_thuis::goes_to_evu(outcome, lives_in_evu_area, referral_open)
        {
            self.refer_to_evu(
                actor,
                family,
                Referrer {
                    organisation_id,
                    user_id: assessed_by,
                },
                Some(contact_id),
                // The report's own words stay with Veilig Thuis: the reporter may be
                // recognisable in them. The EVU reads the report at Veilig Thuis.
                veilig_thuis::EVU_REFERRAL_REASON,
                today,
            )
            .await?;
        }
        self.append(
            actor,
            Event::VtContactAssessed {
                contact_id: contact_id.to_owned(),
                outcome: outcome.code().to_owned(),
                assessed_on: today.to_string(),
                follow_up_on: follow_up_on.map(|d| d.to_string()),
            },
        )
        .await?;
        if let Some(family) = &current.family_id {
            self.refresh_next_due(family).await?;
        }
        Ok(next)
    }

    /// Every contact linked to the file, whichever Veilig Thuis organisation holds it:
    /// what the file's next due date counts.
    pub(crate) async fn vt_contacts_of_family(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<Contact>, StoreError> {
        self.fetch_all(
            &format!("SELECT {COLUMNS} FROM vt_contacts WHERE family_id = $1 ORDER BY id"),
            params![family_id],
        )
        .await?
        .iter()
        .map(contact)
        .collect()
    }

    /// One contact of this organisation in full: the reporter, every child, the
    /// assessment's content, the label of the file it is linked to, and the earlier
    /// signals about the same children or file.
    pub async fn vt_contact(
        &mut self,
        organisation_id: &OrganisationId,
        contact_id: &str,
    ) -> Result<Option<ContactDetail>, StoreError> {
        let Some(row) = self
            .fetch_optional(
                &format!(
                    "SELECT {COLUMNS}, reporter_name, reporter_contact, received_at, findings, reasoning \
                     FROM vt_contacts WHERE id = $1 AND organisation_id = $2"
                ),
                params![contact_id, organisation_id],
            )
            .await?
        else {
            return Ok(None);
        };
        let c = contact(&row)?;
        let file = match &c.family_id {
            Some(f) => self
                .fetch_optional("SELECT label FROM families WHERE id = $1", params![f])
                .await?
                .map(|r| r.text("label"))
                .transpose()?,
            None => None,
        };
        let children = self
            .fetch_all(
                "SELECT name, birth FROM vt_contact_children WHERE contact_id = $1 ORDER BY position",
                params![contact_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(ContactChild {
                    name: r.text("name")?,
                    birth: date(r.opt_text("birth")?)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let known: Vec<(String, Date)> = children
            .iter()
            .filter(|c| !c.name.is_empty())
            .filter_map(|c| c.birth.map(|b| (c.name.clone(), b)))
            .collect();
        let earlier = self
            .earlier_signals(
                Some(organisation_id),
                Some(contact_id),
                &known,
                c.family_id.as_ref(),
            )
            .await?;
        Ok(Some(ContactDetail {
            reporter_name: row.text("reporter_name")?,
            reporter_contact: row.text("reporter_contact")?,
            received_at: UtcTime::parse(&row.text("received_at")?)
                .map_err(|e| StoreError::Invalid(e.to_string()))?,
            findings: row.opt_text("findings")?,
            reasoning: row.opt_text("reasoning")?,
            children,
            contact: c,
            file,
            earlier,
        }))
    }

    /// Adds (or moves the start of) an area the EVU covers.
    pub async fn add_evu_area(
        &mut self,
        actor: &Actor,
        area_id: &str,
        starts_on: Date,
    ) -> Result<(), StoreError> {
        self.execute("DELETE FROM evu_areas WHERE area_id = $1", params![area_id])
            .await?;
        self.execute(
            "INSERT INTO evu_areas (area_id, starts_on) VALUES ($1, $2)",
            params![area_id, starts_on.to_string()],
        )
        .await?;
        self.append(
            actor,
            Event::EvuAreaAdded {
                area_id: area_id.to_owned(),
                starts_on: starts_on.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    /// Whether the family lives where the EVU works on `today` (domain `evu::covers`).
    pub async fn lives_in_evu_area(
        &mut self,
        family_id: &FamilyId,
        today: Date,
    ) -> Result<bool, StoreError> {
        let area = self
            .fetch_optional(
                "SELECT area_id FROM families WHERE id = $1",
                params![family_id],
            )
            .await?
            .map(|r| r.opt_text("area_id"))
            .transpose()?
            .flatten();
        let path = match area {
            Some(area) => self.area_path(&area).await?,
            None => Vec::new(),
        };
        let evu = self
            .fetch_all("SELECT area_id, starts_on FROM evu_areas", vec![])
            .await?
            .iter()
            .map(|r| {
                Ok(EvuArea {
                    area_id: r.text("area_id")?,
                    starts_on: date(Some(r.text("starts_on")?))?.unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(evu::covers(&evu, &path, today))
    }

    /// One page of the assessor's work list: reports awaiting assessment and hand-overs
    /// whose follow-up check is due within a week, most urgent first (by deadline or
    /// follow-up date, then by id: ids sort by time of receipt), each with its key.
    pub async fn vt_work_page(
        &mut self,
        organisation_id: &OrganisationId,
        today: Date,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<(Contact, PageKey)>, StoreError> {
        let week = today
            .checked_add(jiff::Span::new().days(7))
            .unwrap_or(today);
        let (cond, dir) = seek.condition(WORK_ORDER, "id", 3);
        let mut args = params![organisation_id, week.to_string()];
        args.extend(seek.params());
        let at = args.len() + 1;
        args.push(crate::Param::from(limit));
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS}, {WORK_ORDER} AS sort_value FROM vt_contacts WHERE {WORK_WHERE}{cond} \
                     ORDER BY {WORK_ORDER} {dir}, id {dir} LIMIT ${at}"
                ),
                args,
            )
            .await?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok((
                    contact(r)?,
                    PageKey {
                        value: r.text("sort_value")?,
                        id: r.text("id")?,
                    },
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        seek.restore(&mut out);
        Ok(out)
    }

    /// How many contacts the work list holds, and how many of them wait for an
    /// assessment (overdue decided by the domain's rule).
    pub async fn vt_work_counts(
        &mut self,
        organisation_id: &OrganisationId,
        today: Date,
    ) -> Result<(usize, usize, usize), StoreError> {
        let week = today
            .checked_add(jiff::Span::new().days(7))
            .unwrap_or(today);
        let all = self
            .fetch_all(
                &format!("SELECT {COLUMNS} FROM vt_contacts WHERE {WORK_WHERE}"),
                params![organisation_id, week.to_string()],
            )
            .await?
            .iter()
            .map(contact)
            .collect::<Result<Vec<_>, StoreError>>()?;
        let awaiting: Vec<_> = all
            .iter()
            .filter(|c| c.state == IntakeState::AwaitingAssessment)
            .collect();
        let overdue = awaiting.iter().filter(|c| c.overdue(today)).count();
        Ok((all.len(), awaiting.len(), overdue))
    }
}

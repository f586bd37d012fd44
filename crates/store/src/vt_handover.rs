//! Veilig Thuis's outcomes as they reach the chain: whom a contact points to (the
//! store's half of `domain::notification::veilig_thuis`), and the hand-over that stays
//! in the family's overview and on the regisseur's start page until acknowledged.

use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::notification::{Recipients, Tell, VtParty};
use eenplan_domain::{FamilyId, UserId, UtcTime};
use jiff::civil::Date;

use crate::{Param, Row, StoreError, Tx, params};

/// A hand-over from Veilig Thuis the family's lead has not acknowledged yet. No
/// reporter, no concern: those stay with Veilig Thuis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VtHandover {
    pub contact_id: String,
    pub family_id: FamilyId,
    pub family_label: String,
    /// The Veilig Thuis organisation that handed over.
    pub organisation: String,
    pub assessed_on: Date,
    /// When Veilig Thuis checks back whether the family is safe.
    pub follow_up_on: Option<Date>,
}

const HANDOVER: &str = "SELECT c.id, c.family_id, f.label, o.name AS organisation, c.assessed_on, c.follow_up_on \
     FROM vt_contacts c JOIN families f ON f.id = c.family_id JOIN organisations o ON o.id = c.organisation_id \
     WHERE c.outcome = 'hand_to_local_team' AND c.acknowledged_at IS NULL";

fn handover(r: &Row) -> Result<VtHandover, StoreError> {
    let date = |column: &str| -> Result<Option<Date>, StoreError> {
        r.opt_text(column)?
            .map(|d| {
                d.parse::<Date>()
                    .map_err(|e| StoreError::Invalid(format!("{column}: {e}")))
            })
            .transpose()
    };
    Ok(VtHandover {
        contact_id: r.text("id")?,
        family_id: FamilyId::from(r.text("family_id")?.as_str()),
        family_label: r.text("label")?,
        organisation: r.text("organisation")?,
        assessed_on: date("assessed_on")?
            .ok_or_else(|| StoreError::Invalid("an assessed contact without its day".into()))?,
        follow_up_on: date("follow_up_on")?,
    })
}

impl Tx {
    /// A tell whose people a Veilig Thuis contact names, made concrete: the contact's
    /// family filled in (never for the reporter) and the people listed. Other tells
    /// pass unchanged.
    pub(crate) async fn vt_tell(&mut self, tell: &Tell) -> Result<Tell, StoreError> {
        let Recipients::OfVtContact { contact_id, party } = &tell.to else {
            return Ok(tell.clone());
        };
        let row = self
            .fetch_optional(
                "SELECT c.family_id, f.area_id FROM vt_contacts c LEFT JOIN families f ON f.id = c.family_id \
                 WHERE c.id = $1",
                params![contact_id],
            )
            .await?;
        let (family, area) = match &row {
            Some(r) => (r.opt_text("family_id")?, r.opt_text("area_id")?),
            None => (None, None),
        };
        let people = match (party, &family) {
            (VtParty::Reporter, _) => self.vt_reporter(contact_id).await?,
            (VtParty::Lead, Some(family)) => {
                let regisseurs = self
                    .user_ids(
                        "SELECT i.user_id FROM involvements i JOIN users u ON u.id = i.user_id \
                         WHERE i.family_id = $1 AND i.ended_at IS NULL AND i.role = 'regisseur' \
                         AND u.active = 1",
                        params![family],
                    )
                    .await?;
                if regisseurs.is_empty() {
                    self.team_leads_serving("local_team", area.as_deref(), false)
                        .await?
                } else {
                    regisseurs
                }
            }
            (VtParty::EvuCoordinators, _) => {
                self.user_ids(
                    "SELECT u.id AS user_id FROM users u JOIN user_roles r ON r.user_id = u.id \
                     WHERE r.role = 'evu_coordinator' AND u.active = 1",
                    Vec::new(),
                )
                .await?
            }
            (VtParty::RaadIntake, _) => {
                self.team_leads_serving("rvdk", area.as_deref(), true)
                    .await?
            }
            // A contact the radar linked to no file names no local team.
            (VtParty::Lead, None) => Vec::new(),
        };
        Ok(Tell {
            kind: tell.kind,
            to: Recipients::Users(people),
            gate: tell.gate,
            family_id: match party {
                VtParty::Reporter => None,
                VtParty::Lead | VtParty::RaadIntake | VtParty::EvuCoordinators => family,
            },
            subject_id: tell.subject_id.clone(),
        })
    }

    /// The reporter as an eenplan user: the contact Veilig Thuis noted for them is the
    /// e-mail address of an active account.
    async fn vt_reporter(&mut self, contact_id: &str) -> Result<Vec<String>, StoreError> {
        self.user_ids(
            "SELECT u.id AS user_id FROM vt_contacts c JOIN users u \
             ON LOWER(u.email) = LOWER(TRIM(c.reporter_contact)) \
             WHERE c.id = $1 AND c.reporter_contact <> '' AND u.active = 1",
            params![contact_id],
        )
        .await
    }

    /// The active team leads of organisations of `kind` serving the area: first those
    /// whose team covers the most specific area of the family's, then those whose
    /// organisation works there; with `anywhere`, all of that kind's team leads when
    /// none is tied to the area.
    async fn team_leads_serving(
        &mut self,
        kind: &str,
        area: Option<&str>,
        anywhere: bool,
    ) -> Result<Vec<String>, StoreError> {
        let path = match area {
            Some(area) => self.area_path(area).await?,
            None => Vec::new(),
        };
        let leads = "JOIN user_roles r ON r.user_id = u.id AND r.role = 'team_lead' \
                     JOIN organisations o ON o.id = u.organisation_id";
        for area in &path {
            let found = self
                .user_ids(
                    &format!(
                        "SELECT u.id AS user_id FROM users u {leads} JOIN teams t ON t.id = u.team_id \
                         WHERE t.area_id = $1 AND o.kind = $2 AND u.active = 1"
                    ),
                    params![area, kind],
                )
                .await?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        for area in &path {
            let found = self
                .user_ids(
                    &format!(
                        "SELECT u.id AS user_id FROM users u {leads} \
                         JOIN organisation_areas a ON a.organisation_id = o.id \
                         WHERE a.area_id = $1 AND o.kind = $2 AND u.active = 1"
                    ),
                    params![area, kind],
                )
                .await?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        if !anywhere {
            return Ok(Vec::new());
        }
        self.user_ids(
            &format!(
                "SELECT u.id AS user_id FROM users u {leads} WHERE o.kind = $1 AND u.active = 1"
            ),
            params![kind],
        )
        .await
    }

    async fn user_ids(&mut self, sql: &str, args: Vec<Param>) -> Result<Vec<String>, StoreError> {
        let rows = self.fetch_all(&format!("{sql} ORDER BY 1"), args).await?;
        let mut ids = rows
            .iter()
            .map(|r| r.text("user_id"))
            .collect::<Result<Vec<_>, _>>()?;
        ids.dedup();
        Ok(ids)
    }

    /// The family's hand-overs from Veilig Thuis not acknowledged yet, oldest first.
    pub async fn vt_handovers_of_family(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<VtHandover>, StoreError> {
        self.fetch_all(
            &format!("{HANDOVER} AND c.family_id = $1 ORDER BY c.assessed_on, c.id"),
            params![family_id],
        )
        .await?
        .iter()
        .map(handover)
        .collect()
    }

    /// The hand-overs not acknowledged yet of the families this person is the running
    /// regisseur of (at most `limit`, oldest first), and how many there are.
    pub async fn vt_handovers_for_regisseur(
        &mut self,
        user_id: &UserId,
        limit: i64,
    ) -> Result<(Vec<VtHandover>, i64), StoreError> {
        let mine = "c.family_id IN (SELECT family_id FROM involvements WHERE user_id = $1 \
                    AND ended_at IS NULL AND role = 'regisseur')";
        let total = self
            .fetch_one(
                &format!(
                    "SELECT COUNT(*) AS n FROM vt_contacts c WHERE c.outcome = 'hand_to_local_team' \
                     AND c.acknowledged_at IS NULL AND {mine}"
                ),
                params![user_id],
            )
            .await?
            .int("n")?;
        let list = self
            .fetch_all(
                &format!("{HANDOVER} AND {mine} ORDER BY c.assessed_on, c.id LIMIT $2"),
                params![user_id, limit],
            )
            .await?
            .iter()
            .map(handover)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((list, total))
    }

    /// Records that `user_id` saw the hand-over (once: the first acknowledgement stays),
    /// with its journal event. `false` when the family has no such open hand-over.
    pub async fn acknowledge_vt_handover(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        contact_id: &str,
        user_id: &UserId,
        now: UtcTime,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE vt_contacts SET acknowledged_at = $3, acknowledged_by = $4 \
                 WHERE id = $1 AND family_id = $2 AND outcome = 'hand_to_local_team' \
                 AND acknowledged_at IS NULL",
                params![contact_id, family_id, now.to_rfc3339(), user_id],
            )
            .await?;
        if changed == 0 {
            return Ok(false);
        }
        self.append(
            actor,
            Event::VtHandoverAcknowledged {
                family_id: family_id.to_string(),
                contact_id: contact_id.to_owned(),
            },
        )
        .await?;
        Ok(true)
    }
}

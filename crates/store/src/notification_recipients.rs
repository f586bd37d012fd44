//! Resolving the notification rule's roles that need more than the circle's rows: the
//! organisation a consent was given to, the reviewers of an emergency access, who asked
//! SAVE op locatie, a deactivated regisseur's files; and the gates that ask whether a
//! person may still see any part of a file.

use std::collections::BTreeSet;

use eenplan_domain::family::{Viewer, sees_some_part};
use eenplan_domain::notification::{OrganisationOf, Recipients, Tell};
use eenplan_domain::{UserId, UtcTime};

use crate::consent::AccessFacts;
use crate::{Param, StoreError, Tx, params};

impl Tx {
    /// Replaces each tell whose recipients name their files themselves
    /// ([`Recipients::TeamLeadsOfFilesLedBy`]) by one tell per file, to that file's
    /// people; the others pass unchanged.
    pub(crate) async fn tells_per_file(
        &mut self,
        tells: Vec<Tell>,
    ) -> Result<Vec<Tell>, StoreError> {
        let mut out = Vec::with_capacity(tells.len());
        for tell in tells {
            let Recipients::TeamLeadsOfFilesLedBy(regisseur) = &tell.to else {
                out.push(tell);
                continue;
            };
            let rows = self
                .fetch_all(
                    "SELECT i.family_id, l.id AS lead_id FROM involvements i \
                     JOIN users u ON u.id = i.user_id \
                     JOIN users l ON l.team_id = u.team_id AND l.active = 1 \
                     JOIN user_roles r ON r.user_id = l.id AND r.role = 'team_lead' \
                     WHERE i.user_id = $1 AND i.role = 'regisseur' AND i.ended_at IS NULL \
                     ORDER BY i.family_id, l.id",
                    params![regisseur.as_str()],
                )
                .await?;
            let mut per_file: Vec<(String, Vec<String>)> = Vec::new();
            for r in &rows {
                let family = r.text("family_id")?;
                let lead = r.text("lead_id")?;
                match per_file.last_mut() {
                    Some((f, leads)) if *f == family => leads.push(lead),
                    _ => per_file.push((family, vec![lead])),
                }
            }
            for (family, leads) in per_file {
                out.push(Tell {
                    to: Recipients::Users(leads),
                    family_id: Some(family),
                    ..tell.clone()
                });
            }
        }
        Ok(out)
    }

    /// The people [`Recipients`] beyond the circle's own rows name, each once.
    pub(crate) async fn more_recipients(
        &mut self,
        family: Option<&str>,
        to: &Recipients,
    ) -> Result<BTreeSet<String>, StoreError> {
        let (sql, args): (String, Vec<Param>) = match (to, family) {
            (Recipients::CircleBut(but), Some(f)) => (
                "SELECT user_id FROM involvements WHERE family_id = $1 AND ended_at IS NULL \
                 AND user_id <> $2"
                    .into(),
                params![f, but.as_str()],
            ),
            (Recipients::ConsentOrganisation(consent), Some(f)) => (
                "SELECT i.user_id FROM involvements i JOIN consents c ON c.organisation_id = i.organisation_id \
                 WHERE c.id = $2 AND c.family_id = $1 AND i.family_id = $1 AND i.ended_at IS NULL"
                    .into(),
                params![f, consent.as_str()],
            ),
            (Recipients::AskerOf(consultation), _) => (
                "SELECT asked_by AS user_id FROM save_consultations WHERE id = $1".into(),
                params![consultation.as_str()],
            ),
            (
                Recipients::WithRoleIn {
                    role,
                    organisations,
                },
                _,
            ) => {
                let mut args = params![role.code()];
                let mut places = Vec::new();
                for o in organisations {
                    match (o, family) {
                        (OrganisationOf::Named(id), _) => {
                            args.push(Param::from(id.as_str()));
                            places.push(format!("u.organisation_id = ${}", args.len()));
                        }
                        (OrganisationOf::Regisseur, Some(f)) => {
                            args.push(Param::from(f));
                            places.push(format!(
                                "u.organisation_id IN (SELECT i.organisation_id FROM involvements i \
                                 WHERE i.family_id = ${} AND i.role = 'regisseur' AND i.ended_at IS NULL)",
                                args.len()
                            ));
                        }
                        (OrganisationOf::Framework, Some(f)) => {
                            args.push(Param::from(f));
                            places.push(format!(
                                "u.organisation_id IN (SELECT framework_organisation_id FROM families \
                                 WHERE id = ${} AND framework_organisation_id IS NOT NULL)",
                                args.len()
                            ));
                        }
                        (OrganisationOf::Regisseur | OrganisationOf::Framework, None) => {}
                    }
                }
                if places.is_empty() {
                    return Ok(BTreeSet::new());
                }
                (
                    format!(
                        "SELECT u.id AS user_id FROM users u JOIN user_roles r ON r.user_id = u.id \
                         WHERE r.role = $1 AND u.active = 1 AND ({})",
                        places.join(" OR ")
                    ),
                    args,
                )
            }
            // Expanded per file before delivery (`tells_per_file`); the roles of the
            // core are resolved by `recipients`.
            _ => return Ok(BTreeSet::new()),
        };
        let rows = self.fetch_all(&sql, args).await?;
        rows.iter().map(|r| r.text("user_id")).collect()
    }

    /// Whether this person, if active, may see any part of the file now: what tells a
    /// partner that keeps access from one that lost it.
    pub(crate) async fn sees_some_part(
        &mut self,
        user_id: &str,
        facts: &AccessFacts,
        now: UtcTime,
    ) -> Result<bool, StoreError> {
        let Some(person) = self.principal(&UserId::from(user_id)).await? else {
            return Ok(false);
        };
        let involved = facts.domain_involved();
        let viewer = Viewer {
            user_id: person.user_id.as_str(),
            organisation_id: person.organisation_id.as_str(),
            organisation_kind: person.organisation_kind,
            team_id: person.team_id.as_deref(),
            roles: &person.roles,
        };
        Ok(person.active && sees_some_part(viewer, facts.file_facts(&involved, None), now))
    }

    /// The family's label as it is now: kept with a lost-access notice, the one label
    /// its reader may still see.
    pub(crate) async fn family_label(
        &mut self,
        family: &str,
    ) -> Result<Option<String>, StoreError> {
        self.fetch_optional("SELECT label FROM families WHERE id = $1", params![family])
            .await?
            .map(|r| r.text("label"))
            .transpose()
    }
}

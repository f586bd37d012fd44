//! Notifications ("berichten"): written when the event that causes them commits, read
//! per person, newest first.

use std::collections::{BTreeSet, HashMap};

use eenplan_domain::family::{FamilyAccess, Need, Viewer, family_access};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::notification::{Gate, NotificationKind, Recipients, Tell, tells};
use eenplan_domain::{FamilyId, UserId, UtcTime};

use crate::consent::AccessFacts;
use crate::page::{PageKey, Seek};
use crate::{Param, Principal, Row, StoreError, Tx, ids, params};

/// One notification as its recipient reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: String,
    pub user_id: String,
    pub created_at: String,
    pub kind: NotificationKind,
    pub family_id: Option<String>,
    /// The family's label now; the reader's access decides whether it is shown.
    pub family_label: Option<String>,
    /// The label a partner that lost access knew, kept with its notice.
    pub lost_label: Option<String>,
    pub subject_id: Option<String>,
    pub due_on: Option<String>,
    pub read_at: Option<String>,
}

impl Notification {
    pub fn read(&self) -> bool {
        self.read_at.is_some()
    }

    /// Where the list's keyset paging places this notification (newest first).
    pub fn page_key(&self) -> PageKey {
        PageKey {
            value: self.created_at.clone(),
            id: self.id.clone(),
        }
    }
}

/// A notification to write for one person, after the gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification<'a> {
    pub user_id: &'a str,
    pub kind: NotificationKind,
    pub family_id: Option<&'a str>,
    pub lost_label: Option<&'a str>,
    pub subject_id: Option<&'a str>,
    pub due_on: Option<&'a str>,
    /// Reminders: one per item, person and day (see the table's `once_key`).
    pub once_key: Option<&'a str>,
}

const COLUMNS: &str = "n.id, n.user_id, n.created_at, n.kind, n.family_id, f.label AS family_label, \
     n.family_label AS lost_label, n.subject_id, n.due_on, n.read_at";

fn notification(r: &Row) -> Result<Notification, StoreError> {
    Ok(Notification {
        id: r.text("id")?,
        user_id: r.text("user_id")?,
        created_at: r.text("created_at")?,
        kind: r.code("kind")?,
        family_id: r.opt_text("family_id")?,
        family_label: r.opt_text("family_label")?,
        lost_label: r.opt_text("lost_label")?,
        subject_id: r.opt_text("subject_id")?,
        due_on: r.opt_text("due_on")?,
        read_at: r.opt_text("read_at")?,
    })
}

impl Principal {
    /// The domain's access rule for this person on one family's stored facts: the one
    /// question every route, list and notification asks.
    pub fn family_access(
        &self,
        facts: &AccessFacts,
        emergency_until: Option<UtcTime>,
        need: Need,
        now: UtcTime,
    ) -> FamilyAccess {
        let involved = facts.domain_involved();
        let viewer = Viewer {
            user_id: self.user_id.as_str(),
            organisation_id: self.organisation_id.as_str(),
            organisation_kind: self.organisation_kind,
            team_id: self.team_id.as_deref(),
            roles: &self.roles,
        };
        family_access(
            viewer,
            facts.file_facts(&involved, emergency_until),
            need,
            now,
        )
    }
}

impl Tx {
    /// Writes what the domain says `event` tells, in this transaction: to the people who
    /// hold the named roles now, past the gate, never to the actor.
    pub(crate) async fn tell(
        &mut self,
        actor: &Actor,
        event: &Event,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let tells = tells(actor, event);
        if tells.is_empty() {
            return Ok(());
        }
        let tells = self.tells_per_file(tells).await?;
        let actor_id = match actor {
            Actor::User { user_id, .. } => Some(user_id.as_str()),
            Actor::Cli { .. } | Actor::System { .. } | Actor::Family { .. } => None,
        };
        let mut facts: HashMap<String, Option<AccessFacts>> = HashMap::new();
        for tell in &tells {
            let tell = self.vt_tell(tell).await?;
            self.deliver(&tell, actor_id, &mut facts, now).await?;
        }
        Ok(())
    }

    async fn deliver(
        &mut self,
        tell: &Tell,
        actor_id: Option<&str>,
        facts: &mut HashMap<String, Option<AccessFacts>>,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let family = tell.family_id.as_deref();
        let people = self.recipients(family, &tell.to).await?;
        for user_id in people {
            if Some(user_id.as_str()) == actor_id {
                continue;
            }
            if !self
                .passes_gate(tell.gate, family, &user_id, facts, now)
                .await?
            {
                continue;
            }
            let lost_label = match (tell.gate, family) {
                (Gate::LostAccess, Some(family)) => self.family_label(family).await?,
                _ => None,
            };
            self.notify(
                &NewNotification {
                    user_id: &user_id,
                    kind: tell.kind,
                    family_id: family,
                    lost_label: lost_label.as_deref(),
                    subject_id: tell.subject_id.as_deref(),
                    due_on: None,
                    once_key: None,
                },
                now,
            )
            .await?;
        }
        Ok(())
    }

    /// Whether this person passes `gate` for the file now: the one gate check for the
    /// notifications events cause and for the daily reminders. `facts` caches each
    /// file's access facts for the run.
    pub(crate) async fn passes_gate(
        &mut self,
        gate: Gate,
        family: Option<&str>,
        user_id: &str,
        facts: &mut HashMap<String, Option<AccessFacts>>,
        now: UtcTime,
    ) -> Result<bool, StoreError> {
        let file_facts = match family {
            Some(family) => {
                if !facts.contains_key(family) {
                    let loaded = self.access_facts(&FamilyId::from(family)).await?;
                    facts.insert(family.to_owned(), loaded);
                }
                facts[family].as_ref()
            }
            None => None,
        };
        Ok(match (gate, family, file_facts) {
            (Gate::Anyone, _, _) | (Gate::May(_) | Gate::AnyAccess, None, _) => true,
            (_, Some(_), None) | (Gate::LostAccess, None, _) => false,
            (Gate::May(need), Some(_), Some(f)) => self.may(user_id, f, need, now).await?,
            (Gate::AnyAccess, Some(_), Some(f)) => self.sees_some_part(user_id, f, now).await?,
            (Gate::LostAccess, Some(_), Some(f)) => !self.sees_some_part(user_id, f, now).await?,
        })
    }

    /// Whether this person, if active, may see `need` of the file now.
    async fn may(
        &mut self,
        user_id: &str,
        facts: &AccessFacts,
        need: Need,
        now: UtcTime,
    ) -> Result<bool, StoreError> {
        let Some(person) = self.principal(&UserId::from(user_id)).await? else {
            return Ok(false);
        };
        Ok(person.active && person.family_access(facts, None, need, now).granted())
    }

    /// The people holding the named roles now, each once, in a stable order.
    pub(crate) async fn recipients(
        &mut self,
        family: Option<&str>,
        to: &Recipients,
    ) -> Result<BTreeSet<String>, StoreError> {
        let (sql, args): (String, Vec<Param>) = match (to, family) {
            (Recipients::Users(ids), _) => return Ok(ids.iter().cloned().collect()),
            (Recipients::Circle, Some(f)) => (
                "SELECT user_id FROM involvements WHERE family_id = $1 AND ended_at IS NULL".into(),
                params![f],
            ),
            (Recipients::Regisseur, Some(f)) => (
                "SELECT user_id FROM involvements WHERE family_id = $1 AND ended_at IS NULL \
                 AND role = 'regisseur'"
                    .into(),
                params![f],
            ),
            (Recipients::InvolvedOf(organisations), Some(f)) => {
                let mut args = params![f];
                let marks: Vec<String> = organisations
                    .iter()
                    .map(|o| {
                        args.push(Param::from(o.as_str()));
                        format!("${}", args.len())
                    })
                    .collect();
                if marks.is_empty() {
                    return Ok(BTreeSet::new());
                }
                (
                    format!(
                        "SELECT user_id FROM involvements WHERE family_id = $1 AND ended_at IS NULL \
                         AND organisation_id IN ({})",
                        marks.join(", ")
                    ),
                    args,
                )
            }
            (
                Recipients::WithRole {
                    role,
                    organisation: Some(o),
                },
                _,
            ) => (
                "SELECT u.id AS user_id FROM users u JOIN user_roles r ON r.user_id = u.id \
                 WHERE r.role = $1 AND u.organisation_id = $2 AND u.active = 1"
                    .into(),
                params![role.code(), o.as_str()],
            ),
            (
                Recipients::WithRole {
                    role,
                    organisation: None,
                },
                _,
            ) => (
                "SELECT u.id AS user_id FROM users u JOIN user_roles r ON r.user_id = u.id \
                 WHERE r.role = $1 AND u.active = 1"
                    .into(),
                params![role.code()],
            ),
            (Recipients::Circle | Recipients::Regisseur | Recipients::InvolvedOf(_), None)
            // Made concrete by `vt_tell` before delivery.
            | (Recipients::OfVtContact { .. }, _) => {
                return Ok(BTreeSet::new());
            }
            (
                Recipients::CircleBut(_)
                | Recipients::ConsentOrganisation(_)
                | Recipients::WithRoleIn { .. }
                | Recipients::AskerOf(_)
                | Recipients::TeamLeadsOfFilesLedBy(_),
                _,
            ) => return self.more_recipients(family, to).await,
        };
        let rows = self.fetch_all(&sql, args).await?;
        rows.iter().map(|r| r.text("user_id")).collect()
    }

    /// Writes one notification; `false` when its `once_key` was written before (a
    /// reminder another instance or an earlier run already wrote).
    pub async fn notify(
        &mut self,
        n: &NewNotification<'_>,
        now: UtcTime,
    ) -> Result<bool, StoreError> {
        let written = self
            .execute(
                "INSERT INTO notifications (id, user_id, created_at, kind, family_id, family_label, \
                   subject_id, due_on, once_key) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (once_key) DO NOTHING",
                params![
                    ids::new_id(),
                    n.user_id,
                    now.to_rfc3339(),
                    n.kind.code(),
                    n.family_id,
                    n.lost_label,
                    n.subject_id,
                    n.due_on,
                    n.once_key,
                ],
            )
            .await?;
        if written == 1 {
            // The mail that tells the person, in this same transaction (the outbox).
            self.enqueue_mail(&UserId::from(n.user_id.to_owned()), now)
                .await?;
        }
        Ok(written == 1)
    }

    /// One page of this person's notifications, newest first, and how many there are.
    pub async fn notifications(
        &mut self,
        user_id: &UserId,
        seek: &Seek,
        limit: i64,
    ) -> Result<(Vec<Notification>, i64), StoreError> {
        let total = self
            .fetch_one(
                "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1",
                params![user_id],
            )
            .await?
            .int("n")?;
        let mut args = params![user_id];
        let (condition, dir) = seek.condition_desc("n.created_at", "n.id", args.len() + 1);
        args.extend(seek.params());
        args.push(Param::from(limit + 1));
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} FROM notifications n LEFT JOIN families f ON f.id = n.family_id \
                     WHERE n.user_id = $1{condition} \
                     ORDER BY n.created_at {dir}, n.id {dir} LIMIT ${}",
                    args.len()
                ),
                args,
            )
            .await?;
        let mut list = rows
            .iter()
            .map(notification)
            .collect::<Result<Vec<_>, _>>()?;
        seek.restore(&mut list);
        Ok((list, total))
    }

    /// How many of this person's notifications are unread: the bell's number.
    pub async fn unread_notifications(&mut self, user_id: &UserId) -> Result<i64, StoreError> {
        self.fetch_one(
            "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
            params![user_id],
        )
        .await?
        .int("n")
    }

    /// One of this person's notifications; `None` for someone else's or an unknown id.
    pub async fn notification(
        &mut self,
        user_id: &UserId,
        id: &str,
    ) -> Result<Option<Notification>, StoreError> {
        self.fetch_optional(
            &format!(
                "SELECT {COLUMNS} FROM notifications n LEFT JOIN families f ON f.id = n.family_id \
                 WHERE n.user_id = $1 AND n.id = $2"
            ),
            params![user_id, id],
        )
        .await?
        .as_ref()
        .map(notification)
        .transpose()
    }

    /// Marks one of this person's notifications read (once: the first reading stays).
    /// `None` for someone else's or an unknown id.
    pub async fn mark_notification_read(
        &mut self,
        user_id: &UserId,
        id: &str,
        now: UtcTime,
    ) -> Result<Option<Notification>, StoreError> {
        self.execute(
            "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND id = $2 AND read_at IS NULL",
            params![user_id, id, now.to_rfc3339()],
        )
        .await?;
        self.notification(user_id, id).await
    }

    /// Marks every unread notification of this person read; how many were.
    pub async fn mark_all_notifications_read(
        &mut self,
        user_id: &UserId,
        now: UtcTime,
    ) -> Result<u64, StoreError> {
        self.execute(
            "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
            params![user_id, now.to_rfc3339()],
        )
        .await
    }
}

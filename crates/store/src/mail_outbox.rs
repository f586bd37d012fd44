//! The transactional outbox for e-mail about notifications (issue 15 §2).
//!
//! A mail job is a row written in the same transaction as the notification that causes
//! it ([`Tx::enqueue_mail`]): if the change rolls back, no mail goes out; if it commits,
//! the mail cannot be forgotten. A sender task claims due rows under a lease
//! ([`Store::claim_mail`]; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several
//! instances on one database never claim the same row at once), sends each with the
//! row's own Message-ID and records the outcome. Delivery is at least once: a sender
//! that dies between the SMTP server's acceptance and [`Store::mail_sent`] leaves the
//! row leased; when the lease runs out another claim sends it again, with the same
//! Message-ID, so the second copy is recognisably the same message.
//!
//! The mail's text is not stored: it is built at send time from the person's language
//! and the row's count ([`eenplan_domain::mail::MailText`]), and holds no family data.
//!
//! A row has a kind: a notification mail goes to a user (their address and language at
//! send time); a family invitation (issue 17 §1) goes to the address the regisseur
//! typed, in Dutch, with the one-time code its link carries. That address and code are
//! the only copy outside the invitation's hash, so they are kept only while the mail
//! waits: cleared when it is sent, given up, or its invitation revoked
//! ([`Tx::cancel_invitation_mail`]).

use std::time::Duration;

use eenplan_domain::mail::{Language, MailAbout, MailPreference, gives_up, retry_delay};
use eenplan_domain::{UserId, UtcTime};

use crate::{Backend, Store, StoreError, Tx, ids, params};

/// A claimed mail, with what the sender needs to address and word it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailJob {
    pub id: String,
    /// The user a notification mail goes to; `None` for a family invitation.
    pub user_id: Option<UserId>,
    pub to: String,
    pub language: Language,
    /// `<…@…>`, fixed when the row was made.
    pub message_id: String,
    pub about: MailAbout,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// An outbox row as an operator (and a test) sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub id: String,
    /// `notification` or `family_invitation`.
    pub kind: String,
    pub user_id: Option<UserId>,
    /// A family invitation's recipient and code while it waits.
    pub to_address: Option<String>,
    pub secret: Option<String>,
    pub family_account_id: Option<String>,
    pub message_id: String,
    pub due_at: String,
    pub attempts: i64,
    pub sent_at: Option<String>,
    pub last_error: Option<String>,
    pub digest_day: Option<String>,
    pub given_up_at: Option<String>,
}

/// The longest error text kept per row: enough for an SMTP reply, never a dump.
const ERROR_MAX: usize = 500;

/// The right-hand side of every Message-ID: reserved (RFC 2606), so it can never clash
/// with a real host's, and independent of the configured sender address, which may
/// change between a crash and the resend.
pub const MESSAGE_ID_DOMAIN: &str = "eenplan.invalid";

fn message_id(id: &str) -> String {
    format!("<{id}@{MESSAGE_ID_DOMAIN}>")
}

/// The outbox's kinds of mail (stored codes, never shown).
const NOTIFICATION: &str = "notification";
const FAMILY_INVITATION: &str = "family_invitation";

impl Tx {
    /// Queues a mail telling `user` that a notification is waiting, as part of the
    /// caller's transaction. Nothing when the person chose no e-mail, or the daily
    /// digest (the digest job makes its own row), or is no longer active; nothing
    /// either when a mail to them is already waiting, since the mail is neutral and one
    /// says it all. Returns whether a row was added.
    pub async fn enqueue_mail(&mut self, user: &UserId, now: UtcTime) -> Result<bool, StoreError> {
        let Some(row) = self
            .fetch_optional(
                "SELECT u.mail_preference, u.active, \
                 (SELECT COUNT(*) FROM mail_outbox o WHERE o.user_id = u.id AND o.sent_at IS NULL AND o.given_up_at IS NULL) AS waiting \
                 FROM users u WHERE u.id = $1",
                params![user],
            )
            .await?
        else {
            return Ok(false);
        };
        let preference: MailPreference = row.code("mail_preference")?;
        if preference != MailPreference::Immediately
            || !row.bool("active")?
            || row.int("waiting")? > 0
        {
            return Ok(false);
        }
        let id = ids::new_id();
        let at = now.to_rfc3339();
        self.execute(
            "INSERT INTO mail_outbox (id, kind, user_id, message_id, created_at, due_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
            params![&id, NOTIFICATION, user, message_id(&id), &at],
        )
        .await?;
        Ok(true)
    }

    /// Queues the invitation `account_id` by e-mail to `to` (an address the caller
    /// checked), its link carrying `code`, as part of the transaction that makes the
    /// invitation: if that rolls back, no mail goes out.
    pub async fn enqueue_invitation_mail(
        &mut self,
        account_id: &str,
        to: &str,
        code: &str,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let id = ids::new_id();
        self.execute(
            "INSERT INTO mail_outbox (id, kind, to_address, secret, family_account_id, message_id, \
             created_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            params![
                &id,
                FAMILY_INVITATION,
                to,
                code,
                account_id,
                message_id(&id),
                now.to_rfc3339()
            ],
        )
        .await?;
        Ok(())
    }

    /// Cancels the unsent mail of invitation `account_id` (revoked, or replaced by a new
    /// one): it is given up, and its address and code are forgotten.
    pub async fn cancel_invitation_mail(
        &mut self,
        account_id: &str,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE mail_outbox SET to_address = NULL, secret = NULL, given_up_at = $1, \
               last_error = 'invitation revoked' \
             WHERE family_account_id = $2 AND sent_at IS NULL AND given_up_at IS NULL",
            params![now.to_rfc3339(), account_id],
        )
        .await?;
        Ok(())
    }

    /// The person's e-mail choice and language.
    pub async fn mail_settings(
        &mut self,
        user: &UserId,
    ) -> Result<(MailPreference, Language), StoreError> {
        let row = self
            .fetch_one(
                "SELECT mail_preference, language FROM users WHERE id = $1",
                params![user],
            )
            .await?;
        Ok((row.code("mail_preference")?, row.code("language")?))
    }

    /// The person's own choice of how often they get e-mail. Not journaled: it is a
    /// setting of their own that grants nothing and touches no family.
    pub async fn set_mail_preference(
        &mut self,
        user: &UserId,
        preference: MailPreference,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE users SET mail_preference = $1 WHERE id = $2",
            params![preference.code(), user],
        )
        .await?;
        Ok(())
    }

    /// Records the language the person reads eenplan in (at sign-in), so mail speaks it.
    pub async fn set_language(
        &mut self,
        user: &UserId,
        language: Language,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE users SET language = $1 WHERE id = $2 AND language <> $1",
            params![language.code(), user],
        )
        .await?;
        Ok(())
    }

    /// Queues the daily digest of `day` for `user`, saying `count` notifications wait.
    /// Once per person per day: a second call (another instance, a restart) adds nothing.
    pub async fn enqueue_digest(
        &mut self,
        user: &UserId,
        day: jiff::civil::Date,
        count: i64,
        now: UtcTime,
    ) -> Result<bool, StoreError> {
        let id = ids::new_id();
        let at = now.to_rfc3339();
        let added = self
            .execute(
                "INSERT INTO mail_outbox (id, kind, user_id, message_id, digest_day, digest_count, created_at, due_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (user_id, digest_day) DO NOTHING",
                params![&id, NOTIFICATION, user, message_id(&id), day.to_string(), count, &at],
            )
            .await?;
        Ok(added > 0)
    }
}

impl Store {
    /// Claims up to `limit` due, unsent mails for `instance` until `now + lease`, and
    /// counts the try. A row leased by another sender is left alone until its lease runs
    /// out; on PostgreSQL rows another instance is claiming at this moment are skipped
    /// (`SKIP LOCKED`), on SQLite the single writer serialises claims. A mail waits, unsent,
    /// while its person has turned e-mail off or their account is deactivated.
    pub async fn claim_mail(
        &self,
        instance: &str,
        now: UtcTime,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<MailJob>, StoreError> {
        let until = later(now, lease);
        let at = now.to_rfc3339();
        let mut tx = self.write().await?;
        let lock = match tx.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let claimed = tx
            .fetch_all(
                &format!(
                    "UPDATE mail_outbox SET lease_until = $1, leased_by = $2, attempts = attempts + 1 \
                     WHERE id IN (SELECT id FROM mail_outbox \
                       WHERE sent_at IS NULL AND given_up_at IS NULL AND due_at <= $3 AND (lease_until IS NULL OR lease_until <= $3) \
                       AND (mail_outbox.kind = $6 OR EXISTS (SELECT 1 FROM users u WHERE u.id = mail_outbox.user_id \
                                   AND u.active = 1 AND u.mail_preference <> $5)) \
                       ORDER BY due_at, id LIMIT $4{lock}) \
                     RETURNING id"
                ),
                params![
                    &until,
                    instance,
                    &at,
                    limit,
                    MailPreference::Off.code(),
                    FAMILY_INVITATION
                ],
            )
            .await?;
        let mut jobs = Vec::with_capacity(claimed.len());
        for row in &claimed {
            let id = row.text("id")?;
            let r = tx
                .fetch_one(
                    "SELECT o.id, o.kind, o.user_id, o.message_id, o.digest_count, o.attempts, \
                       o.to_address, o.secret, u.email, u.language \
                     FROM mail_outbox o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = $1",
                    params![&id],
                )
                .await?;
            let job = if r.text("kind")? == FAMILY_INVITATION {
                // Always Dutch: the family reads Dutch first, and the regisseur's own
                // language says nothing about theirs.
                MailJob {
                    id,
                    user_id: None,
                    to: r.opt_text("to_address")?.unwrap_or_default(),
                    language: Language::Nl,
                    message_id: r.text("message_id")?,
                    about: MailAbout::FamilyInvitation {
                        code: r.opt_text("secret")?.unwrap_or_default(),
                    },
                    attempts: r.int("attempts")?,
                }
            } else {
                MailJob {
                    id,
                    user_id: Some(r.id("user_id")?),
                    to: r.text("email")?,
                    language: r.code("language")?,
                    message_id: r.text("message_id")?,
                    about: match r.opt_int("digest_count")? {
                        Some(count) => MailAbout::Digest { count },
                        None => MailAbout::New,
                    },
                    attempts: r.int("attempts")?,
                }
            };
            jobs.push(job);
        }
        tx.commit().await?;
        jobs.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(jobs)
    }

    /// Records that the SMTP server accepted the mail. Whoever holds the lease by now:
    /// the mail went out, so nobody should send it again.
    pub async fn mail_sent(&self, id: &str, now: UtcTime) -> Result<(), StoreError> {
        self.change(async |tx| {
            tx.execute(
                "UPDATE mail_outbox SET sent_at = $1, lease_until = NULL, last_error = NULL, \
                   to_address = NULL, secret = NULL \
                 WHERE id = $2 AND sent_at IS NULL",
                params![now.to_rfc3339(), id],
            )
            .await
        })
        .await?;
        Ok(())
    }

    /// Records a failed try and when to try again ([`retry_delay`]); only while this
    /// sender still holds the lease.
    pub async fn mail_failed(
        &self,
        job: &MailJob,
        instance: &str,
        now: UtcTime,
        error: &str,
    ) -> Result<(), StoreError> {
        let due = later(now, retry_delay(job.attempts));
        let given_up = gives_up(job.attempts).then(|| now.to_rfc3339());
        let error: String = error
            .chars()
            .filter(|c| !c.is_control() || *c == ' ')
            .take(ERROR_MAX)
            .collect();
        self.change(async |tx| {
            tx.execute(
                "UPDATE mail_outbox SET due_at = $1, lease_until = NULL, leased_by = NULL, last_error = $2, \
                   given_up_at = $5 \
                 WHERE id = $3 AND leased_by = $4 AND sent_at IS NULL",
                params![&due, &error, &job.id, instance, given_up],
            )
            .await?;
            // Given up: an invitation's address and code are no longer needed.
            tx.execute(
                "UPDATE mail_outbox SET to_address = NULL, secret = NULL \
                 WHERE id = $1 AND given_up_at IS NOT NULL",
                params![&job.id],
            )
            .await
        })
        .await?;
        Ok(())
    }

    /// Queues the digest of `day` for every active person who chose the daily digest,
    /// has none for that day yet, and has unread notifications that came in after
    /// their previous digest. Run by every instance's sender; the day key keeps it to
    /// one mail per person per day. Returns how many were queued.
    pub async fn enqueue_due_digests(
        &self,
        day: jiff::civil::Date,
        now: UtcTime,
    ) -> Result<usize, StoreError> {
        let day_text = day.to_string();
        let due = {
            let mut tx = self.read().await?;
            tx.fetch_all(
                "SELECT u.id AS user_id, \
                   (SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL \
                     AND n.created_at > COALESCE((SELECT MAX(d.created_at) FROM mail_outbox d \
                       WHERE d.user_id = u.id AND d.digest_day IS NOT NULL), '')) AS unread \
                 FROM users u \
                 WHERE u.mail_preference = $1 AND u.active = 1 \
                   AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.user_id = u.id AND o.digest_day = $2)",
                params![MailPreference::DailyDigest.code(), &day_text],
            )
            .await?
        };
        let mut queued = 0;
        for row in &due {
            let unread = row.int("unread")?;
            if unread == 0 {
                continue;
            }
            let user: UserId = row.id("user_id")?;
            if self
                .change(async |tx| tx.enqueue_digest(&user, day, unread, now).await)
                .await?
            {
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// Every outbox row, oldest first: for tests and an operator's look.
    pub async fn outbox(&self) -> Result<Vec<OutboxRow>, StoreError> {
        let mut tx = self.read().await?;
        tx.fetch_all(
            "SELECT id, kind, user_id, to_address, secret, family_account_id, message_id, due_at, \
               attempts, sent_at, last_error, digest_day, given_up_at \
             FROM mail_outbox ORDER BY created_at, id",
            vec![],
        )
        .await?
        .iter()
        .map(|r| -> Result<OutboxRow, StoreError> {
            Ok(OutboxRow {
                id: r.text("id")?,
                kind: r.text("kind")?,
                user_id: r.opt_text("user_id")?.map(UserId::from),
                to_address: r.opt_text("to_address")?,
                secret: r.opt_text("secret")?,
                family_account_id: r.opt_text("family_account_id")?,
                message_id: r.text("message_id")?,
                due_at: r.text("due_at")?,
                attempts: r.int("attempts")?,
                sent_at: r.opt_text("sent_at")?,
                last_error: r.opt_text("last_error")?,
                digest_day: r.opt_text("digest_day")?,
                given_up_at: r.opt_text("given_up_at")?,
            })
        })
        .collect()
    }
}

fn later(now: UtcTime, by: Duration) -> String {
    let span = jiff::SignedDuration::try_from(by).unwrap_or(jiff::SignedDuration::ZERO);
    UtcTime::from_timestamp(
        now.timestamp()
            .saturating_add(span)
            .unwrap_or(now.timestamp()),
    )
    .to_rfc3339()
}

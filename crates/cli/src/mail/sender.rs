//! The sender task `serve` starts when SMTP is configured: every few seconds it queues
//! the day's digests when they are due, claims due mails from the outbox, sends each
//! with its row's Message-ID and records the outcome. Any number of instances may run
//! it against one PostgreSQL database: the outbox's lease keeps a row to one sender at
//! a time, and the digest's day key to one row per person per day.
//!
//! `EENPLAN_MAIL_FAILPOINT=hang_after_send` (tests only; ignored unless set) makes the
//! sender stop dead right after the SMTP server accepted a mail and before the outbox
//! records it, so a test can SIGKILL the process at exactly that moment and show the
//! mail is sent again, with the same Message-ID, after a restart.

use std::time::Duration;

use eenplan_domain::UtcTime;
use eenplan_domain::mail::MailText;
use eenplan_store::{MailJob, Store};
use lettre::AsyncTransport;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use tokio::sync::watch;

use super::Mailer;

/// How often the sender looks for due mail: soon enough to feel immediate, rare enough
/// that several instances polling one database cost nothing to speak of.
const POLL: Duration = Duration::from_secs(2);

/// The most mails one instance claims at once; the rest wait for the next round or
/// another instance.
const BATCH: i64 = 20;

/// How often the sender asks whether the day's digests are due.
const DIGEST_CHECK: Duration = Duration::from_secs(60);

/// The test-only failpoint's name and its one value.
pub const FAILPOINT_ENV: &str = "EENPLAN_MAIL_FAILPOINT";
const HANG_AFTER_SEND: &str = "hang_after_send";

/// Starts the sender; it stops (after the mail in hand) when `stop` turns true.
pub fn spawn(
    store: Store,
    mailer: Mailer,
    stop: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(store, mailer, stop))
}

async fn run(store: Store, mailer: Mailer, mut stop: watch::Receiver<bool>) {
    let instance = eenplan_store::ids::new_id();
    let hang_after_send = std::env::var(FAILPOINT_ENV).is_ok_and(|v| v == HANG_AFTER_SEND);
    if hang_after_send {
        tracing::warn!(
            "{FAILPOINT_ENV}={HANG_AFTER_SEND}: the mail sender stops after the first accepted mail (tests only)"
        );
    }
    tracing::info!(server = %mailer.server, from = %mailer.from, instance = %instance, "e-mail sender started");
    let mut digests_checked: Option<tokio::time::Instant> = None;
    loop {
        if *stop.borrow() {
            break;
        }
        if digests_checked.is_none_or(|at| at.elapsed() >= DIGEST_CHECK) {
            digests_checked = Some(tokio::time::Instant::now());
            queue_digests(&store).await;
        }
        if let Err(e) = round(&store, &mailer, &instance, hang_after_send).await {
            tracing::warn!(error = %e, "e-mail sender: the outbox could not be read; trying again shortly");
        }
        tokio::select! {
            _ = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("e-mail sender stopped");
}

/// Queues the day's digests once it is 08:00 in Amsterdam. A failure is logged and
/// does not keep the mail already queued from going out.
async fn queue_digests(store: &Store) {
    let now = UtcTime::now();
    let Some(day) = eenplan_domain::mail::digest_day(now) else {
        return;
    };
    match store.enqueue_due_digests(day, now).await {
        Ok(0) => {}
        Ok(queued) => tracing::info!(digests = queued, "e-mail: daily digests queued"),
        Err(e) => {
            tracing::warn!(error = %e, "e-mail: the daily digests could not be queued; trying again shortly")
        }
    }
}

/// One round: every due mail claimed and sent.
async fn round(
    store: &Store,
    mailer: &Mailer,
    instance: &str,
    hang_after_send: bool,
) -> Result<(), eenplan_store::StoreError> {
    let jobs = store
        .claim_mail(instance, UtcTime::now(), mailer.lease, BATCH)
        .await?;
    for job in jobs {
        match send(mailer, &job).await {
            Ok(()) => {
                if hang_after_send {
                    tracing::error!(message_id = %job.message_id, "failpoint: mail accepted, not recorded; waiting to be killed");
                    std::future::pending::<()>().await;
                }
                store.mail_sent(&job.id, UtcTime::now()).await?;
                tracing::info!(message_id = %job.message_id, attempts = job.attempts, "e-mail sent");
            }
            Err(error) => {
                if eenplan_domain::mail::gives_up(job.attempts) {
                    tracing::error!(message_id = %job.message_id, attempts = job.attempts, %error, "e-mail not sent after the last try; given up (the notification stays in the app)");
                } else {
                    tracing::warn!(message_id = %job.message_id, attempts = job.attempts, %error, "e-mail not sent; trying again later");
                }
                store
                    .mail_failed(&job, instance, UtcTime::now(), &error)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Builds the neutral mail for `job` and hands it to the SMTP server.
async fn send(mailer: &Mailer, job: &MailJob) -> Result<(), String> {
    let to: Mailbox = job
        .to
        .parse()
        .map_err(|e| format!("the account's address is not usable: {e}"))?;
    let text = MailText::compose(job.language, &job.about, &mailer.app_url);
    let message = lettre::Message::builder()
        .message_id(Some(job.message_id.clone()))
        .from(mailer.from.clone())
        .to(to)
        .subject(text.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(text.body)
        .map_err(|e| format!("the mail could not be built: {e}"))?;
    mailer
        .transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

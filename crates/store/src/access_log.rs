//! The access log (NEN 7513): every read, search, print and change of family data.
//! Append-only and hash-chained like the journal (its own chain, sealed by the same
//! domain function), so the privacy officer can trust what it says; read back filtered
//! for the privacy officer.

use eenplan_domain::UtcTime;
use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::journal::{self, Actor, Anchor, Draft, Entry, Event, Head, Report, Verifier};

use crate::page::{PageKey, Seek};
use crate::{AccessEntry, Backend, Param, Row, Store, StoreError, Tx, ids, params};

pub(crate) const SEALED_COLUMNS: &str = "seq, id, at, user_id, organisation_id, event, outcome, basis, role, \
    on_behalf_of, family_id, data, client_address, payload_sha256, prev_hash, hash";

/// Lines read per round trip while verifying.
pub(crate) const VERIFY_PAGE: i64 = 2_000;

/// Most lines committed together. Bounded so one commit never holds the write lock long.
const MAX_BATCH: usize = 256;

type Job = (
    AccessEntry,
    tokio::sync::oneshot::Sender<Result<(), Failed>>,
);

/// Why a batch of lines was not written, for each request waiting on it: whether the
/// database was too busy (a 503 to retry, not a 500), and what failed.
#[derive(Debug, Clone)]
struct Failed {
    busy: bool,
    reason: String,
}

impl From<Failed> for StoreError {
    fn from(f: Failed) -> Self {
        if f.busy {
            StoreError::AccessLogBusy(f.reason)
        } else {
            StoreError::AccessLog(f.reason)
        }
    }
}

/// The sending side of the access-log writer; cheap to clone with the store.
#[derive(Debug, Clone)]
pub(crate) struct Queue(tokio::sync::mpsc::UnboundedSender<Job>);

/// Starts the writer that commits access-log lines in groups: whoever is waiting when a
/// commit starts shares it (and its fsync). `writer` must not hold a queue itself, so the
/// task ends when the last real handle on the store is dropped.
pub(crate) fn spawn_writer(writer: Store) -> Queue {
    let (sender, mut jobs) = tokio::sync::mpsc::unbounded_channel::<Job>();
    tokio::spawn(async move {
        while let Some(first) = jobs.recv().await {
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match jobs.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            let written = async {
                let mut tx = writer.write().await?;
                for (entry, _) in &batch {
                    tx.log_access(entry).await?;
                }
                tx.commit().await
            };
            // Busy stays busy for each waiting request (a 503 to retry, not a 500).
            let result = written.await.map_err(|e: StoreError| Failed {
                busy: e.is_busy(),
                reason: e.to_string(),
            });
            for (_, done) in batch {
                let _ = done.send(result.clone());
            }
        }
    });
    Queue(sender)
}

/// What a line's `user_id` holds when a family member caused it (issue 17: every read
/// of family data by a family member is logged as theirs): the journal's actor form
/// `family:<account id>`, and no organisation. The line is sealed with
/// [`Actor::Family`], so the chain says who it was; a user's id never has this form.
/// Such a line has no user or organisation: the privacy officer's views join the
/// account and its member instead ([`WHO`]).
const FAMILY_ACTOR: &str = "family:";

/// The joins that name who caused a line aliased `a`: a professional (`u`, `o`) or a
/// family member (`fa`, `fm`, through the account in `user_id`). Left joins, so a line
/// of either kind is listed, and a line whose person is no longer known (a destroyed
/// file's member) is listed nameless rather than lost. Each join is by primary key.
const WHO: &str = "LEFT JOIN users u ON u.id = a.user_id \
     LEFT JOIN organisations o ON o.id = a.organisation_id \
     LEFT JOIN family_accounts fa ON fa.id = substr(a.user_id, 8) AND substr(a.user_id, 1, 7) = 'family:' \
     LEFT JOIN family_members fm ON fm.id = fa.member_id";

/// The family account behind a line's `user_id`, when a family member caused it.
fn family_account(user_id: &str) -> Option<&str> {
    user_id.strip_prefix(FAMILY_ACTOR)
}

impl AccessEntry {
    /// A family member's read of their own family's data (`data`: the page read).
    pub fn family_read(
        account_id: &str,
        family_id: &str,
        data: String,
        client_address: &str,
    ) -> Self {
        AccessEntry {
            event: AccessEvent::Read,
            granted: true,
            basis: None,
            user_id: format!("{FAMILY_ACTOR}{account_id}"),
            organisation_id: String::new(),
            role: "family_member".to_owned(),
            on_behalf_of: None,
            family_id: Some(family_id.to_owned()),
            data,
            client_address: client_address.to_owned(),
        }
    }
}

/// What the access-log check found: the chain's report, how many lines predate the
/// chain (schema 3) and so cannot be checked, and the cut the chain was checked from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLogReport {
    pub chain: Report,
    pub unchained: i64,
    /// The latest cut the journal records: the lines up to it were removed on purpose
    /// and the chain is checked from the line after it.
    pub checkpoint: Option<crate::AccessLogCheckpoint>,
}

fn line_event(r: &Row) -> Result<Event, StoreError> {
    Ok(Event::FamilyAccessed {
        event: r.text("event")?,
        outcome: r.text("outcome")?,
        basis: r.opt_text("basis")?,
        role: r.text("role")?,
        on_behalf_of: r.opt_text("on_behalf_of")?,
        family_id: r.opt_text("family_id")?,
        data: r.text("data")?,
        client_address: r.text("client_address")?,
    })
}

/// The line as a journal entry, its payload rebuilt from the columns: editing any
/// column changes the payload's digest and breaks the chain.
pub(crate) fn line_entry(r: &Row) -> Result<Entry, StoreError> {
    let event = line_event(r)?;
    let (kind, payload) = event.to_record();
    let subject = event.subject();
    let user_id = r.text("user_id")?;
    let (actor, actor_organisation) = match family_account(&user_id) {
        Some(account_id) => Actor::Family {
            account_id: account_id.to_owned(),
        }
        .stored(),
        None => (format!("user:{user_id}"), Some(r.text("organisation_id")?)),
    };
    Ok(Entry {
        seq: r.int("seq")?,
        id: r.text("id")?,
        recorded_at: r.text("at")?,
        actor,
        actor_organisation,
        kind,
        subject_type: subject.kind.to_owned(),
        subject_id: subject.id,
        payload,
        payload_sha256: r.text("payload_sha256")?,
        prev_hash: r.text("prev_hash")?,
        hash: r.text("hash")?,
    })
}

/// What the privacy officer filters on; empty fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessFilter {
    pub family_id: String,
    pub user_email: String,
    pub organisation_id: String,
    pub from: Option<UtcTime>,
    /// Exclusive.
    pub until: Option<UtcTime>,
    pub emergency_only: bool,
    /// Only the refused attempts (outcome `denied`).
    pub denied_only: bool,
    pub limit: i64,
    /// The privacy officer's organisation: only the lines
    /// [`eenplan_domain::policy::privacy_officer_sees`] gives them. Empty: every line
    /// (the operator's tools, never a page).
    pub scope_organisation: String,
}

/// One line of the log with the names a person reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLine {
    pub at: String,
    pub event: AccessEvent,
    pub outcome: String,
    pub basis: Option<AccessBasis>,
    pub user_id: String,
    /// The professional's name, or the family member's name from the file; empty when
    /// no longer known.
    pub user_name: String,
    /// The professional's e-mail address, or the address the family member signs in
    /// with.
    pub user_email: String,
    /// Empty for a family member's line.
    pub organisation_name: String,
    /// A family member caused the line, through the family portal (Mijn gezin).
    pub by_family_member: bool,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub family_id: Option<String>,
    pub data: String,
    pub client_address: String,
}

/// The organisations that lead `a.family_id` (the regisseur's and the legal basis's),
/// two columns, for the privacy officer's scope.
pub(crate) const LEAD_ORGANISATIONS: &str = "(SELECT i.organisation_id FROM involvements i WHERE i.family_id = a.family_id AND i.role = 'regisseur' AND i.ended_at IS NULL LIMIT 1) \
     AS lead_organisation, \
     (SELECT ff.framework_organisation_id FROM families ff WHERE ff.id = a.family_id) AS framework_organisation";

/// SQL narrowing of [`eenplan_domain::policy::privacy_officer_sees`] for a row aliased
/// `a`, the officer's organisation as `$n`: the lines of the organisation's own people,
/// and the lines about the files it leads (as regisseur or under its legal basis). A
/// union of three index searches rather than one condition with OR, which no index
/// answers: that read every line of the log (issue 18 §2).
fn in_scope_sql(n: usize) -> String {
    format!(
        "a.id IN (SELECT so.id FROM access_log so WHERE so.organisation_id = ${n} \
         UNION SELECT sl.id FROM involvements si JOIN access_log sl ON sl.family_id = si.family_id \
           WHERE si.organisation_id = ${n} AND si.role = 'regisseur' AND si.ended_at IS NULL \
         UNION SELECT sl.id FROM families sf JOIN access_log sl ON sl.family_id = sf.id \
           WHERE sf.framework_organisation_id = ${n})"
    )
}

/// The domain's decision for a row holding the acting `organisation_id` and the two
/// lead organisations (`lead_organisation`, `framework_organisation`).
pub(crate) fn in_scope(r: &Row, officer: &str) -> bool {
    let acting = r.text("organisation_id").unwrap_or_default();
    let leads: Vec<String> = ["lead_organisation", "framework_organisation"]
        .iter()
        .filter_map(|c| r.opt_text(*c).ok().flatten())
        .collect();
    let leads: Vec<&str> = leads.iter().map(String::as_str).collect();
    eenplan_domain::policy::privacy_officer_sees(officer, &acting, &leads)
}

impl Tx {
    /// Appends one line, sealed onto the access log's chain. Holds the chain's head
    /// until commit, as the journal does.
    pub async fn log_access(&mut self, e: &AccessEntry) -> Result<(), StoreError> {
        let lock_sql = match self.backend() {
            Backend::Sqlite => "SELECT seq, hash FROM access_log_head WHERE id = 1",
            Backend::Postgres => "SELECT seq, hash FROM access_log_head WHERE id = 1 FOR UPDATE",
        };
        let row = self.fetch_one(lock_sql, vec![]).await?;
        let head = Head {
            seq: row.int("seq")?,
            hash: row.text("hash")?,
        };
        let draft = Draft {
            id: ids::new_id(),
            // The real clock, unless a generator of synthetic history set the
            // transaction's (so a demo's lines are dated on their day and can be cut).
            recorded_at: self.now(),
            actor: match family_account(&e.user_id) {
                Some(account_id) => Actor::Family {
                    account_id: account_id.to_owned(),
                },
                None => Actor::User {
                    user_id: e.user_id.clone(),
                    organisation_id: e.organisation_id.clone(),
                },
            },
            event: Event::FamilyAccessed {
                event: e.event.code().to_owned(),
                outcome: if e.granted { "granted" } else { "denied" }.to_owned(),
                basis: e.basis.map(|b| b.code().to_owned()),
                role: e.role.clone(),
                on_behalf_of: e.on_behalf_of.clone(),
                family_id: e.family_id.clone(),
                data: e.data.clone(),
                client_address: e.client_address.clone(),
            },
            state: None,
        };
        let sealed = journal::seal(&head, &draft);
        self.execute(
            &format!("INSERT INTO access_log ({SEALED_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"),
            params![
                sealed.seq,
                &sealed.id,
                &sealed.recorded_at,
                &e.user_id,
                &e.organisation_id,
                e.event.code(),
                if e.granted { "granted" } else { "denied" },
                e.basis.map(AccessBasis::code),
                &e.role,
                e.on_behalf_of.clone(),
                e.family_id.clone(),
                &e.data,
                &e.client_address,
                &sealed.payload_sha256,
                &sealed.prev_hash,
                &sealed.hash
            ],
        )
        .await?;
        Ok(())
    }

    /// The lines matching `f`, newest first, at most `f.limit` of them: the export and
    /// the family's access overview, which hold the whole log they ask for.
    pub async fn access_log(&mut self, f: &AccessFilter) -> Result<Vec<AccessLine>, StoreError> {
        let rows = self.access_rows(f, &Seek::First, f.limit).await?;
        let scope = f.scope_organisation.trim();
        rows.iter()
            .filter(|r| scope.is_empty() || in_scope(r, scope))
            .map(access_line)
            .collect()
    }

    /// One page of the lines matching `f` (`f.limit` is not used), newest first: at most
    /// `limit` lines on the `seek` side of a key, each with its key. The SQL narrows to
    /// the officer's scope and the domain decides each line, so the page reads on until
    /// it has `limit` lines the domain gives or the log ends.
    pub async fn access_log_page(
        &mut self,
        f: &AccessFilter,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<(AccessLine, PageKey)>, StoreError> {
        let scope = f.scope_organisation.trim();
        let wanted = usize::try_from(limit).unwrap_or(0);
        let mut out = Vec::new();
        let mut at = seek.clone();
        loop {
            let rows = self.access_rows(f, &at, limit).await?;
            let read = rows.len();
            for r in &rows {
                let key = PageKey {
                    value: r.text("at")?,
                    id: r.text("id")?,
                };
                at = match seek {
                    Seek::Before(_) => Seek::Before(key.clone()),
                    _ => Seek::After(key.clone()),
                };
                if (scope.is_empty() || in_scope(r, scope)) && out.len() < wanted {
                    out.push((access_line(r)?, key));
                }
            }
            if out.len() >= wanted || read < wanted {
                break;
            }
        }
        seek.restore(&mut out);
        Ok(out)
    }

    /// How many lines match `f` over all pages, each decided by the domain as on a page.
    pub async fn access_log_count(&mut self, f: &AccessFilter) -> Result<usize, StoreError> {
        let (sql, args) = access_where(f);
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT a.organisation_id, {LEAD_ORGANISATIONS} \
                     FROM access_log a WHERE {sql}"
                ),
                args,
            )
            .await?;
        let scope = f.scope_organisation.trim();
        Ok(rows
            .iter()
            .filter(|r| scope.is_empty() || in_scope(r, scope))
            .count())
    }

    /// At most `limit` rows matching `f` on the `seek` side of a key, read in the
    /// direction the seek asks (a page before a key comes oldest first).
    async fn access_rows(
        &mut self,
        f: &AccessFilter,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<Row>, StoreError> {
        let (mut sql, mut args) = access_where(f);
        let (cond, dir) = seek.condition_desc("a.at", "a.id", args.len() + 1);
        sql.push_str(&cond);
        args.extend(seek.params());
        let limit_at = args.len() + 1;
        args.push(Param::from(limit));
        self.fetch_all(
            &format!(
                "SELECT a.id, a.at, a.event, a.outcome, a.basis, a.user_id, \
                   COALESCE(u.name, fm.name) AS user_name, COALESCE(u.email, fa.sign_in_name) AS user_email, \
                   o.name AS organisation_name, a.role, a.on_behalf_of, a.family_id, a.data, a.client_address, \
                   a.organisation_id, {LEAD_ORGANISATIONS} \
                 FROM access_log a {WHO} \
                 WHERE {sql} \
                 ORDER BY a.at {dir}, a.id {dir} LIMIT ${limit_at}"
            ),
            args,
        )
        .await
    }
}

/// The WHERE clause of a filter on the log aliased `a` (joined by [`WHO`]), with its
/// parameters from `$1`. Only the conditions the filter sets are written, so the
/// backend can search by the file's, the person's or the period's index instead of
/// reading the whole log. The person filter is an e-mail address: a professional's, or
/// the one a family member signs in with (their lines carry `family:<account>`); a
/// family member's line has no organisation, so a filter on one leaves it out.
fn access_where(f: &AccessFilter) -> (String, Vec<Param>) {
    let mut sql = String::from("1 = 1");
    let mut args: Vec<Param> = Vec::new();
    fn arg(args: &mut Vec<Param>, value: Param) -> usize {
        args.push(value);
        args.len()
    }
    let family = f.family_id.trim();
    if !family.is_empty() {
        let n = arg(&mut args, Param::from(family));
        sql.push_str(&format!(" AND a.family_id = ${n}"));
    }
    let email = f.user_email.trim().to_lowercase();
    if !email.is_empty() {
        let n = arg(&mut args, Param::from(email));
        sql.push_str(&format!(
            " AND a.user_id IN (SELECT pu.id FROM users pu WHERE pu.email = ${n} \
             UNION ALL SELECT '{FAMILY_ACTOR}' || pa.id FROM family_accounts pa WHERE pa.sign_in_name = ${n})"
        ));
    }
    let organisation = f.organisation_id.trim();
    if !organisation.is_empty() {
        let n = arg(&mut args, Param::from(organisation));
        sql.push_str(&format!(" AND a.organisation_id = ${n}"));
    }
    if let Some(from) = f.from {
        let n = arg(&mut args, Param::from(from.to_rfc3339()));
        sql.push_str(&format!(" AND a.at >= ${n}"));
    }
    if let Some(until) = f.until {
        let n = arg(&mut args, Param::from(until.to_rfc3339()));
        sql.push_str(&format!(" AND a.at < ${n}"));
    }
    if f.emergency_only {
        sql.push_str(" AND (a.basis = 'emergency' OR a.event = 'emergency')");
    }
    let scope = f.scope_organisation.trim();
    if !scope.is_empty() {
        let n = arg(&mut args, Param::from(scope));
        sql.push_str(&format!(" AND {}", in_scope_sql(n)));
    }
    if f.denied_only {
        sql.push_str(" AND a.outcome = 'denied'");
    }
    (sql, args)
}

fn access_line(r: &Row) -> Result<AccessLine, StoreError> {
    Ok(AccessLine {
        at: r.text("at")?,
        event: r.code("event")?,
        outcome: r.text("outcome")?,
        basis: r
            .opt_text("basis")?
            .map(|b| {
                b.parse::<AccessBasis>()
                    .map_err(|e| StoreError::Invalid(format!("stored basis '{b}': {e}")))
            })
            .transpose()?,
        user_id: r.text("user_id")?,
        user_name: r.opt_text("user_name")?.unwrap_or_default(),
        user_email: r.opt_text("user_email")?.unwrap_or_default(),
        organisation_name: r.opt_text("organisation_name")?.unwrap_or_default(),
        by_family_member: family_account(&r.text("user_id")?).is_some(),
        role: r.text("role")?,
        on_behalf_of: r.opt_text("on_behalf_of")?,
        family_id: r.opt_text("family_id")?,
        data: r.text("data")?,
        client_address: r.text("client_address")?,
    })
}

impl Store {
    /// The same store, writing each access-log line in a transaction of its own: the
    /// baseline the load generator compares group commit against.
    pub fn without_group_commit(&self) -> Store {
        let mut store = self.clone();
        store.access_log = None;
        store
    }

    /// Appends one line and returns once it is committed, in a group with the lines
    /// of concurrent requests: as durable as a transaction of its own, at a fraction of
    /// the commits.
    pub async fn log_access(&self, entry: AccessEntry) -> Result<(), StoreError> {
        let Some(Queue(queue)) = &self.access_log else {
            let mut tx = self.write().await?;
            tx.log_access(&entry).await?;
            return tx.commit().await;
        };
        let (done, committed) = tokio::sync::oneshot::channel();
        queue
            .send((entry, done))
            .map_err(|_| StoreError::AccessLog("the access-log writer has stopped".into()))?;
        committed
            .await
            .map_err(|_| StoreError::AccessLog("the access-log writer has stopped".into()))?
            .map_err(StoreError::from)
    }

    /// Appends several lines at once (a list shows several families' data) and returns
    /// once all are committed. Queued together they share the writer's commits, instead of
    /// one commit after the other.
    pub async fn log_access_all(&self, entries: Vec<AccessEntry>) -> Result<(), StoreError> {
        let Some(Queue(queue)) = &self.access_log else {
            let mut tx = self.write().await?;
            for entry in &entries {
                tx.log_access(entry).await?;
            }
            return tx.commit().await;
        };
        let stopped = || StoreError::AccessLog("the access-log writer has stopped".into());
        let mut waiting = Vec::with_capacity(entries.len());
        for entry in entries {
            let (done, committed) = tokio::sync::oneshot::channel();
            queue.send((entry, done)).map_err(|_| stopped())?;
            waiting.push(committed);
        }
        for committed in waiting {
            committed.await.map_err(|_| stopped())??;
        }
        Ok(())
    }

    /// Checks the access log's chain in one consistent snapshot; with an anchor, also
    /// that the line written down then is still there, unchanged (a cut tail with a
    /// rewound head is otherwise a shorter, intact chain).
    pub async fn verify_access_log(
        &self,
        anchor: Option<Anchor>,
    ) -> Result<AccessLogReport, StoreError> {
        let mut tx = self.read().await?;
        let head = tx
            .fetch_optional("SELECT seq, hash FROM access_log_head WHERE id = 1", vec![])
            .await?
            .map(|r| {
                Ok::<_, StoreError>(Head {
                    seq: r.int("seq")?,
                    hash: r.text("hash")?,
                })
            })
            .transpose()?;
        let unchained = tx
            .fetch_one(
                "SELECT COUNT(*) AS n FROM access_log WHERE seq IS NULL",
                vec![],
            )
            .await?
            .int("n")?;
        // The journal witnesses every cut: a checkpoint only the access log's own table
        // holds was written to pass deleted lines off as cut, and the chain is checked
        // from the latest witnessed cut alone.
        let cuts = tx.access_log_cuts().await?;
        let checkpoint = cuts.last().cloned();
        let mut verifier = match &checkpoint {
            Some(c) => Verifier::resume_after(c.head.clone(), anchor),
            None => Verifier::new(anchor),
        };
        for row in tx.access_log_checkpoint_rows().await? {
            if !cuts.iter().any(|c| c.head == row) {
                verifier.unwitnessed_checkpoint(row.seq);
            }
        }
        let mut after = checkpoint.as_ref().map_or(0, |c| c.head.seq);
        loop {
            let page = tx
                .fetch_all(
                    &format!("SELECT {SEALED_COLUMNS} FROM access_log WHERE seq > $1 ORDER BY seq LIMIT $2"),
                    params![after, VERIFY_PAGE],
                )
                .await?;
            let Some(last) = page.last() else { break };
            after = last.int("seq")?;
            for row in &page {
                verifier.push(&line_entry(row)?);
            }
        }
        Ok(AccessLogReport {
            chain: verifier.finish(head),
            unchained,
            checkpoint,
        })
    }
}

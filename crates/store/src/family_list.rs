//! The families list, paged by keyset: a page is the rows after (or before) one row's
//! sort key and id, so a file opened or closed between two pages neither repeats nor
//! skips a row, and no page costs more than its own rows. And `next_due_on`, the
//! column the list sorts by, kept up to date by the domain's rule.

use std::collections::HashMap;

use eenplan_domain::family::{
    DueItem, DueSources, Framework, InvolvementRole, SaveGuidanceDue, VeiligThuisDue,
    VeiligThuisStage, due_items,
};
use eenplan_domain::veilig_thuis::IntakeState;
use eenplan_domain::{FamilyId, UserId};
use jiff::civil::Date;

use crate::consent::placeholders;
use crate::db::stored_opt_date;
use crate::name_tokens::name_condition;
use crate::page::{PageKey, Seek};
use crate::{FamilyQuery, Param, StoreError, Tx, params};

/// Whose files: the files someone is involved in, and, for a team lead, the files her
/// team's professionals lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyScope {
    pub user_id: UserId,
    pub led_team: Option<String>,
}

/// The visitor's own place in a file, to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MyRole {
    Involved(InvolvementRole),
    /// Team lead of the file's regisseur.
    LeadsTeam,
}

/// What the list is narrowed to; empty parts are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FamilyFilter {
    pub query: FamilyQuery,
    pub framework: Option<Framework>,
    pub area_id: Option<String>,
    pub role: Option<MyRole>,
    /// Open files only unless asked: a closed file's work is done.
    pub state: FileState,
}

/// Which files by whether they are closed: the list's "Actief / Afgesloten / Alle".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FileState {
    #[default]
    Active,
    Closed,
    All,
}

impl FileState {
    fn condition(self) -> &'static str {
        match self {
            FileState::Active => " AND f.closed_on IS NULL",
            FileState::Closed => " AND f.closed_on IS NOT NULL",
            FileState::All => "",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FamilySort {
    #[default]
    Name,
    /// Earliest next due date first; files with nothing due last.
    NextDue,
}

/// A file as a list row: what a professional needs to pick the right one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyRow {
    pub id: FamilyId,
    pub label: String,
    pub postcode: String,
    pub house_number: String,
    pub city: String,
    pub framework: Framework,
    pub next_due_on: Option<Date>,
    /// The day the file was closed; `None` while it is open.
    pub closed_on: Option<Date>,
    pub regisseur: Option<String>,
    /// The children in the household: name and date of birth, oldest first.
    pub children: Vec<(String, Option<Date>)>,
    pub key: PageKey,
}

/// Files with nothing due sort after every real date.
const NOTHING_DUE: &str = "9999-12-31";

impl FamilySort {
    fn expr(self) -> String {
        match self {
            FamilySort::Name => "f.label_sort".to_owned(),
            FamilySort::NextDue => format!("COALESCE(f.next_due_on, '{NOTHING_DUE}')"),
        }
    }
}

/// The WHERE clause of the scope and filter, with its parameters numbered from `$1`;
/// `None` when the scope holds no file at all (a team lead's filter without a team).
///
/// Only the parts that are asked are in the text, never a `$n = '' OR …` that switches
/// one off: PostgreSQL plans a prepared statement once for every value after a few
/// executions (a generic plan), and with such switches it could not tell which parts
/// apply, guessed one file, and read the viewer's involvements again for every file
/// (issue 18: seconds per page at 5,000 families). Each shape of the filter is its own
/// statement, planned for what it asks.
pub(crate) fn scope_and_filter(
    scope: &FamilyScope,
    filter: &FamilyFilter,
) -> Option<(String, Vec<Param>)> {
    let mut args: Vec<Param> = Vec::new();
    let mut arg = |p: Param| {
        args.push(p);
        format!("${}", args.len())
    };
    // Two index searches, never a scan of every involvement: the viewer's own open
    // involvements (all, or in one role), and the open regisseur involvements of the
    // members of the team the viewer leads.
    let mut circle: Vec<String> = Vec::new();
    match filter.role {
        Some(MyRole::LeadsTeam) => {}
        role => {
            let user = arg(Param::from(&scope.user_id));
            let mut own = format!(
                "SELECT i.family_id FROM involvements i WHERE i.user_id = {user} AND i.ended_at IS NULL"
            );
            if let Some(MyRole::Involved(r)) = role {
                own.push_str(&format!(" AND i.role = {}", arg(Param::from(r.code()))));
            }
            circle.push(own);
        }
    }
    if let (Some(team), None | Some(MyRole::LeadsTeam)) = (&scope.led_team, filter.role) {
        let team = arg(Param::from(team.as_str()));
        circle.push(format!(
            "SELECT i.family_id FROM users u JOIN involvements i ON i.user_id = u.id \
             WHERE u.team_id = {team} AND i.role = 'regisseur' AND i.ended_at IS NULL"
        ));
    }
    if circle.is_empty() {
        return None;
    }
    let mut sql = format!("f.id IN ({})", circle.join(" UNION ALL "));
    let q = &filter.query;
    if let Some(born) = q.date_of_birth {
        let born = arg(Param::from(born.to_string()));
        sql.push_str(&format!(
            " AND f.id IN (SELECT family_id FROM family_members WHERE date_of_birth = {born})"
        ));
    }
    if let Some(postcode) = &q.postcode {
        let postcode = arg(Param::from(postcode.as_str()));
        sql.push_str(&format!(" AND f.postcode = {postcode}"));
    }
    if let Some(framework) = filter.framework {
        let framework = arg(Param::from(framework.code()));
        sql.push_str(&format!(" AND f.framework = {framework}"));
    }
    if let Some(area) = filter.area_id.as_deref().filter(|a| !a.is_empty()) {
        let area = arg(Param::from(area));
        sql.push_str(&format!(" AND f.area_id = {area}"));
    }
    sql.push_str(filter.state.condition());
    if let Some((cond, more)) = name_condition(&q.name, args.len() + 1) {
        sql.push_str(" AND ");
        sql.push_str(&cond);
        args.extend(more);
    }
    Some((sql, args))
}

impl Tx {
    /// Has PostgreSQL plan the rest of this transaction's statements for the values
    /// they run with, never once for every value (its plan cache's generic plan, which
    /// it settles on after a few runs of a statement on one connection). How many files
    /// a caller's circle holds, and how many a name fragment finds, differ by orders of
    /// magnitude (25 files or 2,000; a rare surname or "jan"): a plan for the average
    /// read 2,500 files for a name search that the values' plan answers from the name
    /// index in 3 ms (issue 18). Planning each time costs about a millisecond.
    pub(crate) async fn plan_for_the_values(&mut self) -> Result<(), StoreError> {
        if self.backend() == crate::Backend::Postgres {
            self.execute("SET LOCAL plan_cache_mode = force_custom_plan", vec![])
                .await?;
        }
        Ok(())
    }

    /// One page of the files in `scope` matching `filter`: at most `limit` rows on the
    /// `seek` side of a key, in `sort` order (also for a page before a key). Candidates
    /// only: the caller still decides each file with `family_access`.
    pub async fn families_page(
        &mut self,
        scope: &FamilyScope,
        filter: &FamilyFilter,
        sort: FamilySort,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<FamilyRow>, StoreError> {
        let Some((mut sql, mut args)) = scope_and_filter(scope, filter) else {
            return Ok(Vec::new());
        };
        self.plan_for_the_values().await?;
        let expr = sort.expr();
        let (cond, dir) = seek.condition(&expr, "f.id", args.len() + 1);
        sql.push_str(&cond);
        args.extend(seek.params());
        let limit_at = args.len() + 1;
        args.push(Param::from(limit));
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT f.id, f.label, f.postcode, f.house_number, f.city, f.framework, f.next_due_on, f.closed_on, \
                       {expr} AS sort_value FROM families f WHERE {sql} \
                     ORDER BY {expr} {dir}, f.id {dir} LIMIT ${limit_at}"
                ),
                args,
            )
            .await?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok(FamilyRow {
                    id: r.id("id")?,
                    label: r.text("label")?,
                    postcode: r.text("postcode")?,
                    house_number: r.text("house_number")?,
                    city: r.text("city")?,
                    framework: r.code("framework")?,
                    next_due_on: stored_opt_date(r.opt_text("next_due_on")?)?,
                    closed_on: stored_opt_date(r.opt_text("closed_on")?)?,
                    regisseur: None,
                    children: Vec::new(),
                    key: PageKey {
                        value: r.text("sort_value")?,
                        id: r.text("id")?,
                    },
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        seek.restore(&mut out);
        self.fill_rows(&mut out).await?;
        Ok(out)
    }

    /// Every file in `scope` matching `filter`, ids only: the candidates the caller
    /// decides to count the list's total.
    pub async fn family_ids(
        &mut self,
        scope: &FamilyScope,
        filter: &FamilyFilter,
    ) -> Result<Vec<FamilyId>, StoreError> {
        let Some((sql, args)) = scope_and_filter(scope, filter) else {
            return Ok(Vec::new());
        };
        self.plan_for_the_values().await?;
        self.fetch_all(&format!("SELECT f.id FROM families f WHERE {sql}"), args)
            .await?
            .iter()
            .map(|r| r.id("id"))
            .collect()
    }

    /// The regisseur and the children of each row, in two queries for the page.
    async fn fill_rows(&mut self, rows: &mut [FamilyRow]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let list = placeholders(rows.len());
        let ids = || rows.iter().map(|r| Param::from(&r.id)).collect::<Vec<_>>();
        let mut regisseurs: HashMap<String, String> = HashMap::new();
        for r in self
            .fetch_all(
                &format!(
                    "SELECT i.family_id, u.name FROM involvements i JOIN users u ON u.id = i.user_id \
                     WHERE i.family_id IN ({list}) AND i.role = 'regisseur' AND i.ended_at IS NULL"
                ),
                ids(),
            )
            .await?
        {
            regisseurs.insert(r.text("family_id")?, r.text("name")?);
        }
        let mut children: HashMap<String, Vec<(String, Option<Date>)>> = HashMap::new();
        for r in self
            .fetch_all(
                &format!(
                    "SELECT family_id, name, date_of_birth FROM family_members \
                     WHERE family_id IN ({list}) AND kind = 'child' AND ended_at IS NULL \
                     ORDER BY date_of_birth, name, id"
                ),
                ids(),
            )
            .await?
        {
            children.entry(r.text("family_id")?).or_default().push((
                r.text("name")?,
                stored_opt_date(r.opt_text("date_of_birth")?)?,
            ));
        }
        for row in rows.iter_mut() {
            row.regisseur = regisseurs.remove(row.id.as_str());
            row.children = children.remove(row.id.as_str()).unwrap_or_default();
        }
        Ok(())
    }

    /// Everything due in the file by the domain's rule ([`due_items`]), soonest first,
    /// from what is stored now: the overview lists these, and the families list sorts on
    /// the first (`refresh_next_due`), so both read the same sources.
    pub async fn file_due_items(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<DueItem>, StoreError> {
        let (version, plan) = self.current_plan(family_id).await?;
        let reviews = self
            .fetch_all(
                "SELECT g.id, g.next_review_on, g.worker_id, u.name FROM save_guidances g \
                 JOIN users u ON u.id = g.worker_id \
                 WHERE g.family_id = $1 AND g.ended_on IS NULL ORDER BY g.id",
                params![family_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(SaveGuidanceDue {
                    guidance_id: r.text("id")?,
                    worker: r.text("name")?,
                    worker_id: r.text("worker_id")?,
                    next_review_on: crate::db::stored_date(&r.text("next_review_on")?)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let veilig_thuis = self
            .vt_contacts_of_family(family_id)
            .await?
            .into_iter()
            .map(|c| VeiligThuisDue {
                stage: match c.state {
                    IntakeState::AdviceGiven => VeiligThuisStage::AdviceGiven,
                    IntakeState::AwaitingAssessment => VeiligThuisStage::AwaitingAssessment,
                    IntakeState::Assessed(_) => VeiligThuisStage::Assessed,
                },
                contact_id: c.id,
                organisation_id: c.organisation_id,
                due_on: c.due_on,
                follow_up_on: c.follow_up_on,
            })
            .collect();
        Ok(due_items(&DueSources {
            plan: (version > 0).then_some(&plan),
            save_guidance_reviews: reviews,
            veilig_thuis,
        }))
    }

    /// Recomputes the file's `next_due_on` by the domain's rule from what is stored now:
    /// the first of [`Tx::file_due_items`]. Called inside the transaction of every change
    /// that moves it (plan save, SAVE-begeleiding start, review and end, Veilig Thuis
    /// contact and assessment), so the list never sorts on a stale date.
    pub async fn refresh_next_due(&mut self, family_id: &FamilyId) -> Result<(), StoreError> {
        let due = self.file_due_items(family_id).await?.first().map(|i| i.on);
        self.execute(
            "UPDATE families SET next_due_on = $2 WHERE id = $1",
            params![family_id, due.map(|d| d.to_string())],
        )
        .await?;
        Ok(())
    }

    /// Fills `label_sort` for every file (the migration that adds it) by the domain's
    /// key, a stretch of files at a time.
    pub(crate) async fn fill_every_label_sort(&mut self) -> Result<(), StoreError> {
        let mut after = String::new();
        loop {
            let rows = self
                .fetch_all(
                    "SELECT id, label FROM families WHERE id > $1 ORDER BY id LIMIT 500",
                    params![after.clone()],
                )
                .await?;
            let Some(last) = rows.last() else {
                return Ok(());
            };
            after = last.text("id")?;
            for r in &rows {
                self.execute(
                    "UPDATE families SET label_sort = $2 WHERE id = $1",
                    params![
                        r.text("id")?,
                        eenplan_domain::family::label_sort_key(&r.text("label")?)
                    ],
                )
                .await?;
            }
        }
    }

    /// Fills `next_due_on` for every file (the migration that adds it), a stretch of
    /// files at a time.
    pub(crate) async fn refresh_every_next_due(&mut self) -> Result<(), StoreError> {
        let mut after = String::new();
        loop {
            let ids: Vec<FamilyId> = self
                .fetch_all(
                    "SELECT id FROM families WHERE id > $1 ORDER BY id LIMIT 500",
                    params![after.clone()],
                )
                .await?
                .iter()
                .map(|r| r.id("id"))
                .collect::<Result<_, _>>()?;
            let Some(last) = ids.last() else {
                return Ok(());
            };
            after = last.to_string();
            for id in &ids {
                self.refresh_next_due(id).await?;
            }
        }
    }
}

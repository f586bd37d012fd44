//! Who the benchmark acts as: the demo's local-team professionals (each with the files
//! they lead), and a team lead and a municipality's policy officer for the evaluation.
//! Their sessions are minted in the store directly, as `access_load` does, so no TOTP
//! sign-in is needed; the tokens are then used over HTTP like any client's.

use std::error::Error;

use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;
use eenplan_domain::session::token_hash;
use eenplan_store::{DatabaseUrl, OpenMode, Principal, SessionKind, SessionStage, Store};

/// One professional's sessions: a bearer token for the API and a cookie for the pages.
#[derive(Debug, Clone)]
pub struct Actor {
    pub email: String,
    pub bearer: String,
    pub cookie: String,
}

/// Everyone the workload acts as.
#[derive(Debug, Clone)]
pub struct Cast {
    /// Professionals of local teams (they lead files), in the store's order.
    pub professionals: Vec<Actor>,
    /// A team lead: the evaluation of their own organisation's families (whole months
    /// of it from the organisation's own month cells, migration 0068).
    pub evaluator: Actor,
    /// A municipality's policy officer: the evaluation of the region's families (whole
    /// months of it from the month cells), the region-year issue 18 sets a goal for.
    pub policy_officer: Actor,
}

pub type BoxError = Box<dyn Error + Send + Sync>;

async fn mint(store: &Store, who: &Principal, kind: SessionKind) -> Result<String, BoxError> {
    let token = eenplan_web::auth::new_token();
    let mut tx = store.write().await?;
    let creds = tx
        .credentials_by_id(&who.user_id)
        .await?
        .ok_or_else(|| format!("no credentials for {}", who.email))?;
    tx.start_session(
        &creds,
        kind,
        SessionStage::Active,
        &token_hash(&token),
        &eenplan_web::auth::new_token(),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

async fn actor(store: &Store, who: &Principal) -> Result<Actor, BoxError> {
    Ok(Actor {
        email: who.email.clone(),
        bearer: mint(store, who, SessionKind::Api).await?,
        cookie: mint(store, who, SessionKind::Web).await?,
    })
}

/// Opens the database the servers use (without touching its schema), mints sessions for
/// at most `max_professionals` local-team professionals and one evaluator, and closes it
/// again so the benchmark holds no connection while it measures.
pub async fn cast(database: &str, max_professionals: usize) -> Result<Cast, BoxError> {
    let store = Store::connect(&DatabaseUrl::parse(database)?, OpenMode::MustExist).await?;
    let people = {
        let mut tx = store.read().await?;
        tx.principals().await?
    };
    let usable = |p: &&Principal| p.active && !p.must_change_password;
    let mut professionals = Vec::new();
    for p in people
        .iter()
        .filter(usable)
        .filter(|p| {
            p.organisation_kind == OrganisationKind::LocalTeam
                && p.roles.contains(&Role::Professional)
        })
        .take(max_professionals)
    {
        professionals.push(actor(&store, p).await?);
    }
    let evaluator = people
        .iter()
        .filter(usable)
        .find(|p| p.roles.contains(&Role::TeamLead))
        .ok_or("no team lead in this database (is it a demo?)")?;
    let evaluator = actor(&store, evaluator).await?;
    let policy_officer = people
        .iter()
        .filter(usable)
        .find(|p| {
            p.organisation_kind == OrganisationKind::Municipality
                && p.roles.contains(&Role::PolicyOfficer)
        })
        .ok_or("no municipality's policy officer in this database (is it a demo?)")?;
    let policy_officer = actor(&store, policy_officer).await?;
    store.close().await;
    if professionals.is_empty() {
        return Err("no local-team professional in this database (is it a demo?)".into());
    }
    Ok(Cast {
        professionals,
        evaluator,
        policy_officer,
    })
}

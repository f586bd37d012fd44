//! The EVU in the API: the local team calls it in for a family (lead work, on the
//! family's consent); the coordinator sees new referrals and assigns a combination of
//! workers at once, declines or closes. The rules are `domain::evu`.

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;

use crate::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::evu::EvuError;
use eenplan_store::{AccessEntry, EvuReferral, EvuWorker, Principal, Referrer, StoreError};
use serde::Deserialize;
use serde_json::{Value, json};

use super::families::{body, internal, invalid, who};
use super::today;
use crate::auth::Visitor;
use crate::auth::family::{FamilyGrant, access_entry};
use crate::client::Client;
use crate::i18n::Lang;
use crate::{AppState, Problem};

/// The coordinator is not in the family's circle: every referral shown or changed is
/// logged against its family, with the referral as the basis (NEN 7513).
pub(crate) fn evu_access(
    p: &Principal,
    event: eenplan_domain::access_log::AccessEvent,
    family_id: &str,
    data: String,
    client: &str,
) -> AccessEntry {
    let mut entry = access_entry(p, event, None, Some(family_id.to_owned()), data, client);
    entry.basis = Some(eenplan_domain::access_log::AccessBasis::EvuReferral);
    entry
}

/// Logs the reads of a list of referrals, one line per family.
pub(crate) async fn log_evu_reads(
    state: &AppState,
    p: &Principal,
    referrals: &[EvuReferral],
    data: &str,
    client: &str,
) -> Result<(), StoreError> {
    let entries = referrals
        .iter()
        .map(|r| {
            let what = format!("{data} (EVU-aanmelding {})", r.id);
            evu_access(
                p,
                eenplan_domain::access_log::AccessEvent::Read,
                &r.family_id,
                what,
                client,
            )
        })
        .collect();
    state.store.log_access_all(entries).await
}

/// The form field a refusal belongs to; `None` for the referral's state (409).
pub(crate) fn field_of(e: &EvuError) -> Option<&'static str> {
    match e {
        EvuError::ReasonNeeded => Some("reason"),
        EvuError::NotACombination | EvuError::Duplicate => Some("user_ids"),
        EvuError::NotInEvuArea
        | EvuError::ConsentNeeded
        | EvuError::AlreadyOpen
        | EvuError::NotNew(_)
        | EvuError::NotAssigned
        | EvuError::ChangedMeanwhile
        | EvuError::NotAReferrer => None,
    }
}

fn refusal(e: &StoreError) -> Response {
    match e {
        // Past the route's guard (the visitor leads the file), but not the one who calls
        // in the EVU: a conflict with the way of working, not a missing right.
        StoreError::Evu(evu @ EvuError::NotAReferrer) => Problem::new(
            StatusCode::CONFLICT,
            "not-a-referrer",
            "Het lokale team schakelt het EVU in",
        )
        .detail(evu.to_string())
        .into_response(),
        StoreError::Evu(evu) => match field_of(evu) {
            Some(field) => invalid(&[(field, "rule", &evu.to_string())]),
            None => Problem::new(
                StatusCode::CONFLICT,
                "illegal-transition",
                "Deze stap kan nu niet",
            )
            .detail(evu.to_string())
            .into_response(),
        },
        // A worker who cannot join yet: named, with the consent step to ask.
        StoreError::JoinRefused {
            worker,
            organisation,
            step,
        } => invalid(&[(
            "user_ids",
            "consent-needed",
            &crate::chain_texts::join_refused(Lang::Nl, worker, organisation, *step),
        )]),
        StoreError::UnknownUser(_) => invalid(&[(
            "user_ids",
            "unknown",
            "Kies actieve professionals uit de lijst.",
        )]),
        StoreError::NotFound(what) => {
            Problem::new(StatusCode::NOT_FOUND, "not-found", "Niet gevonden")
                .detail(what.clone())
                .into_response()
        }
        other => internal(other),
    }
}

fn worker_json(w: &EvuWorker) -> Value {
    json!({ "id": w.user_id, "name": w.name, "organisation": { "id": w.organisation_id, "name": w.organisation_name } })
}

pub(crate) fn referral_json(r: &EvuReferral) -> Value {
    json!({
        "id": r.id, "family": { "id": r.family_id, "label": r.family_label }, "source": r.source.code(),
        "vt_contact_id": r.vt_contact_id, "referred_by_organisation": r.organisation_name,
        "referred_on": r.referred_on.to_string(), "reason": r.reason, "state": r.state.code(),
        "decided_on": r.decided_on.map(|d| d.to_string()), "decision_reason": r.decision_reason,
        "workers": r.workers.iter().map(worker_json).collect::<Vec<_>>(),
    })
}

#[derive(Debug, Deserialize)]
struct ReasonIn {
    #[serde(default)]
    reason: String,
}

pub async fn refer(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ReasonIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let referred = async {
        let mut tx = state.store.write().await?;
        let id = tx
            .refer_to_evu(
                &p.actor(),
                &grant.family_id,
                Referrer {
                    organisation_id: &p.organisation_id,
                    user_id: &p.user_id,
                },
                None,
                &input.reason,
                today(),
            )
            .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(id)
    };
    match referred.await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(e) => refusal(&e),
    }
}

pub async fn of_family(
    State(state): State<AppState>,
    Extension(grant): Extension<FamilyGrant>,
) -> Response {
    let loaded = async {
        let mut tx = state.store.read().await?;
        tx.evu_referrals_of(&grant.family_id).await
    };
    match loaded.await {
        Ok(list) => {
            Json(json!({ "referrals": list.iter().map(referral_json).collect::<Vec<_>>() }))
                .into_response()
        }
        Err(e) => internal(&e),
    }
}

pub async fn work_list(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let loaded = async {
        let mut tx = state.store.read().await?;
        let list = tx.evu_work_list().await?;
        let candidates = tx.professionals(None).await?;
        drop(tx);
        log_evu_reads(&state, p, &list, "GET /api/v1/evu/referrals", &client).await?;
        Ok::<_, StoreError>((list, candidates))
    };
    match loaded.await {
        Ok((list, candidates)) => Json(json!({
            "referrals": list.iter().map(referral_json).collect::<Vec<_>>(),
            "candidates": candidates.iter().map(worker_json).collect::<Vec<_>>(),
        }))
        .into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Debug, Deserialize)]
struct CombinationIn {
    #[serde(default)]
    user_ids: Vec<String>,
}

pub async fn assign(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(referral_id): Path<String>,
    bytes: Bytes,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: CombinationIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let assigned = async {
        let mut tx = state.store.write().await?;
        let family = tx
            .assign_evu_combination(
                &p.actor(),
                &referral_id,
                &p.user_id,
                &input.user_ids,
                today(),
            )
            .await?;
        let what = format!("POST /api/v1/evu/referrals/{referral_id}/combination");
        tx.log_access(&evu_access(
            p,
            eenplan_domain::access_log::AccessEvent::Update,
            &family,
            what,
            &client,
        ))
        .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    };
    match assigned.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => refusal(&e),
    }
}

async fn finish(
    state: AppState,
    visitor: Visitor,
    client: String,
    referral_id: String,
    bytes: Bytes,
    close: bool,
) -> Response {
    let p = match who(&visitor) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let input: ReasonIn = match body(&bytes) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let done = async {
        let mut tx = state.store.write().await?;
        let family = tx
            .finish_evu_referral(
                &p.actor(),
                &referral_id,
                &p.user_id,
                close,
                &input.reason,
                today(),
            )
            .await?;
        let step = if close { "close" } else { "decline" };
        let what = format!("POST /api/v1/evu/referrals/{referral_id}/{step}");
        tx.log_access(&evu_access(
            p,
            eenplan_domain::access_log::AccessEvent::Update,
            &family,
            what,
            &client,
        ))
        .await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    };
    match done.await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => refusal(&e),
    }
}

pub async fn decline(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(referral_id): Path<String>,
    bytes: Bytes,
) -> Response {
    finish(state, visitor, client, referral_id, bytes, false).await
}

pub async fn close(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Client(client): Client,
    Path(referral_id): Path<String>,
    bytes: Bytes,
) -> Response {
    finish(state, visitor, client, referral_id, bytes, true).await
}

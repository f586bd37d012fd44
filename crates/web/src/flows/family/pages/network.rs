//! The network around the family: adding and correcting its members.

use axum::response::Response;
use eenplan_domain::family::NetworkRelation;
use eenplan_store::StoreError;

use super::forms::{Part, Returned};
use super::parts::form_back;
use super::*;
use crate::kit::form::{FormData, text_errors};
use crate::kit::respond::require;

pub async fn add_network(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, t) = (fam.principal()?, fam.t());
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact"]);
    require(&data, t, &mut errs, &["name"]);
    let details = network_details(&data, "relation");
    let add = async |tx: &mut Tx| {
        tx.add_network_member(&p.actor(), fam.family_id(), &details)
            .await
    };
    if let Some(done) = settle(&fam, Part::Household.path(), &mut errs, add, |e, _| {
        Err(e.into())
    })
    .await?
    {
        return Ok(done);
    }
    form_back(&fam, Returned::new("network", data, errs)).await
}

/// Corrects a network member's details; the journal keeps the old ones.
pub async fn correct_network(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, t) = (fam.principal()?, fam.t());
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact", "reason"]);
    require(&data, t, &mut errs, &["name", "reason"]);
    let details = network_details(&data, "network_relation");
    let (id, reason) = (data.get("network_member"), data.get("reason"));
    let correct = async |tx: &mut Tx| {
        tx.correct_network_member(&p.actor(), fam.family_id(), &id, &details, &reason)
            .await
    };
    let place = |e, errs: &mut Errors| match e {
        StoreError::NotFound(_) => {
            errs.insert("network_member", t.err_choose);
            Ok(())
        }
        e => Err(e.into()),
    };
    if let Some(done) = settle(&fam, Part::Household.path(), &mut errs, correct, place).await? {
        return Ok(done);
    }
    form_back(&fam, Returned::new("network_fix", data, errs)).await
}

/// What the add and correct forms submit about a network member, the relation under
/// the name `relation` the form gives it.
fn network_details(data: &FormData, relation: &str) -> eenplan_store::NetworkDetails {
    eenplan_store::NetworkDetails {
        name: data.get("name"),
        relation: data.get(relation).parse().unwrap_or(NetworkRelation::Other),
        safety_role: data.get("safety_role"),
        contact: data.get("contact"),
    }
}

//! The complete export a privacy officer reviews before handing over a copy (AVG art.
//! 15(3)): everything the file holds, working notes and every earlier version
//! included, as JSON, which any reader can open and the officer can redact before
//! printing. Document contents stay in the documents part (their titles, types and
//! digests are here). The download is itself a line in the access log, committed
//! before the file goes out.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eenplan_domain::FamilyId;
use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::family::portal::Decision;
use eenplan_store::{AccessFilter, Seek, StoreError, Tx};
use serde_json::{Value, json};

use crate::auth::family::access_entry;
use crate::kit::{Ctx, PageError};

/// Every document of the file in one page.
const ALL: i64 = 1_000_000;

/// The whole file of `family_id` as JSON; `None` when there is no such file.
pub async fn whole_file(tx: &mut Tx, family_id: &FamilyId) -> Result<Option<Value>, StoreError> {
    let Some(f) = tx.family(family_id).await? else {
        return Ok(None);
    };
    let mut plans = Vec::new();
    for v in tx.plan_history(family_id).await? {
        let content = tx.plan_version(family_id, v.version).await?;
        plans.push(json!({
            "version": v.version,
            "saved_at": v.saved_at,
            "saved_by": v.saved_by,
            "plan": content,
        }));
    }
    let notes: Vec<Value> = tx
        .notes(family_id)
        .await?
        .into_iter()
        .map(|n| {
            json!({
                "author": n.author_name,
                "created_at": n.created_at,
                "versions": n.versions.iter().map(|v| json!({
                    "version": v.version,
                    "interaction": v.interaction.label_nl(),
                    "happened_on": v.happened_on.to_string(),
                    "text": v.text,
                    "correction": v.correction,
                    "reason": v.reason,
                    "saved_at": v.saved_at,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let consents: Vec<Value> = tx
        .consents(family_id)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "step": c.step.label_nl(),
                "organisation": c.organisation_name,
                "purpose": c.purpose,
                "categories": c.categories.iter().map(|k| k.label_nl()).collect::<Vec<_>>(),
                "form": c.form.label_nl(),
                "given_on": c.given_on.to_string(),
                "ends_on": c.ends_on.map(|d| d.to_string()),
                "withdrawn_at": c.withdrawn_at,
                "withdrawal_reason": c.withdrawal_reason,
                "children": c.children.iter().map(|(_, n)| n).collect::<Vec<_>>(),
                "given_by": c.given_by.iter().map(|(_, n)| n).collect::<Vec<_>>(),
            })
        })
        .collect();
    let (documents, _) = tx.documents(family_id, &[], &Seek::First, ALL).await?;
    let documents: Vec<Value> = documents
        .into_iter()
        .map(|d| {
            json!({
                "title": d.title,
                "category": d.category.label_nl(),
                "type": d.kind.label_nl(),
                "size": d.size,
                "sha256": d.sha256,
                "uploaded_by": d.uploaded_by_name,
                "uploaded_at": d.uploaded_at,
                "ended_at": d.ended_at,
                "end_reason": d.end_reason,
                "destroyed_at": d.destroyed_at,
            })
        })
        .collect();
    let history: Vec<Value> = tx
        .timeline(family_id)
        .await?
        .into_iter()
        .map(|e| {
            json!({
                "recorded_at": e.recorded_at,
                "kind": e.kind,
                "by": e.actor,
                "data": serde_json::from_str::<Value>(&e.payload).unwrap_or(Value::Null),
            })
        })
        .collect();
    let access: Vec<Value> = tx
        .access_log(&AccessFilter {
            family_id: family_id.to_string(),
            limit: ALL,
            ..AccessFilter::default()
        })
        .await?
        .into_iter()
        .map(|l| {
            json!({
                "at": l.at,
                "event": l.event.label_nl(),
                "outcome": l.outcome,
                "user": l.user_name,
                "organisation": l.organisation_name,
                "data": l.data,
            })
        })
        .collect();
    let information_requests: Vec<Value> = tx
        .information_requests(family_id)
        .await?
        .into_iter()
        .map(|q| {
            json!({
                "asker": q.asker_name,
                "child": q.child_name,
                "asked_on": q.asked_on.to_string(),
                "question": q.question,
                "decided": q.decided.map(|(on, d)| match d {
                    Decision::Inform { information } => json!({
                        "on": on.to_string(),
                        "informed": information,
                    }),
                    Decision::Refuse { ground, reason } => json!({
                        "on": on.to_string(),
                        "refused_on_ground": ground.code(),
                        "reason": reason,
                    }),
                }),
            })
        })
        .collect();
    Ok(Some(json!({
        "file": {
            "label": f.label,
            "address": format!("{} {}, {} {}", f.street, f.house_number, f.postcode, f.city),
            "framework": f.framework.label_nl(),
            "closed": f.closed.as_ref().map(|c| json!({
                "on": c.on.to_string(),
                "reason": c.reason.label_nl(),
                "note": c.note,
            })),
        },
        "members": f.members.iter().map(|m| json!({
            "name": m.name,
            "kind": m.kind.label_nl(),
            "date_of_birth": m.date_of_birth.map(|d| d.to_string()),
            "has_custody": m.has_custody,
            "ended": m.ended,
        })).collect::<Vec<_>>(),
        "network": f.network.iter().map(|n| json!({
            "name": n.name,
            "relation": n.relation.label_nl(),
            "safety_role": n.safety_role,
            "contact": n.contact,
            "ended": n.ended,
        })).collect::<Vec<_>>(),
        "professionals": f.involvements.iter().map(|i| json!({
            "name": i.user_name,
            "organisation": i.organisation_name,
            "role": i.role.label_nl(),
            "started_at": i.started_at,
            "ended": i.ended,
        })).collect::<Vec<_>>(),
        "plan_versions": plans,
        "working_notes": notes,
        "consents": consents,
        "documents": documents,
        "information_requests": information_requests,
        "history": history,
        "access_log": access,
    })))
}

/// The whole file of the request's family, for the officer of the organisation it
/// landed with (another's request is not found).
pub async fn download(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let org = p.organisation_id.to_string();
    let loaded = async {
        let mut tx = ctx.store().read().await?;
        let Some(c) = tx.copy_request(&org, &id).await? else {
            return Ok(None);
        };
        let whole = whole_file(&mut tx, &FamilyId::from(c.family_id.as_str())).await?;
        Ok::<_, StoreError>(whole.map(|w| (c, w)))
    };
    let Some((c, whole)) = loaded.await? else {
        return Err(PageError::not_found());
    };
    let entry = access_entry(
        p,
        AccessEvent::Export,
        None,
        Some(c.family_id.clone()),
        format!(
            "GET /privacy/kopieverzoeken/{id}/dossier.json: het hele dossier, voor een kopie (AVG art. 15)"
        ),
        &ctx.client.0,
    );
    ctx.store().log_access(entry).await?;
    let body = serde_json::to_string_pretty(&whole).map_err(|e| {
        tracing::error!("the export did not serialise: {e}");
        PageError::internal()
    })?;
    let mut response = (StatusCode::OK, body).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"dossier.json\""),
    );
    Ok(response)
}

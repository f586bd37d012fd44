//! The network around the family: adding and correcting its members.

use crate::flows::family::texts::family_texts;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use eenplan_domain::family::NetworkRelation;
use eenplan_store::{Family, StoreError};

use super::show::{FamilyForm, Returned, Typed, show_page};
use super::*;
use crate::AppState;
use crate::auth::Visitor;
use crate::auth::family::FamilyGrant;
use crate::i18n::{Lang, Texts};
use crate::kit::PageError;
use crate::kit::form::{
    Choice, ChoiceField, FormData, Input, TextField, choices, label_of, text_errors,
};

pub async fn add_network(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = visitor.principal.as_ref().ok_or_else(PageError::internal)?;
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact"]);
    if data.get("name").is_empty() {
        errs.entry("name").or_insert(t.err_required);
    }
    if errs.is_empty() {
        let relation = data
            .get("relation")
            .parse::<NetworkRelation>()
            .unwrap_or(NetworkRelation::Other);
        let added = async {
            let mut tx = state.store.write().await?;
            tx.add_network_member(
                &p.actor(),
                &grant.family_id,
                &network_details(&data, relation),
            )
            .await?;
            tx.commit().await
        };
        match added.await {
            Ok(()) => return Ok(back(&grant.family_id)),
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "network",
            data,
            errors: errs,
            warning: false,
        }),
    )
    .await
}

/// Corrects a network member's details; the journal keeps the old ones.
pub async fn correct_network(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = visitor.principal.as_ref().ok_or_else(PageError::internal)?;
    let t = Lang::from_headers(&headers).texts();
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["name", "safety_role", "contact", "reason"]);
    for field in ["name", "reason"] {
        if data.get(field).is_empty() {
            errs.entry(field).or_insert(t.err_required);
        }
    }
    if errs.is_empty() {
        let relation = data
            .get("network_relation")
            .parse::<NetworkRelation>()
            .unwrap_or(NetworkRelation::Other);
        let corrected = async {
            let mut tx = state.store.write().await?;
            tx.correct_network_member(
                &p.actor(),
                &grant.family_id,
                &data.get("network_member"),
                &network_details(&data, relation),
                &data.get("reason"),
            )
            .await?;
            tx.commit().await
        };
        match corrected.await {
            Ok(()) => return Ok(back(&grant.family_id)),
            Err(StoreError::NotFound(_)) => {
                errs.insert("network_member", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &headers,
        &visitor,
        &grant,
        Some(Returned {
            form: "network_fix",
            data,
            errors: errs,
            warning: false,
        }),
    )
    .await
}

/// What the add and correct forms submit about a network member.
fn network_details(data: &FormData, relation: NetworkRelation) -> eenplan_store::NetworkDetails {
    eenplan_store::NetworkDetails {
        name: data.get("name"),
        relation,
        safety_role: data.get("safety_role"),
        contact: data.get("contact"),
    }
}

/// The form that adds someone to the family's network.
pub(super) fn add_form(
    lang: Lang,
    t: &'static Texts,
    family: &Family,
    typed: &Typed,
) -> FamilyForm {
    let ft = family_texts(lang);
    FamilyForm {
        title: ft.add_network,
        action: format!("/gezinnen/{}/netwerk", family.id),
        submit: ft.add_network,
        warning: false,
        inputs: vec![
            Input::Text(
                TextField::new("name", t.f_name, &typed.get("name"), typed.err("name"))
                    .suffix("network"),
            ),
            Input::Select(ChoiceField {
                id: "relation",
                label: ft.f_relation,
                options: choices(
                    NetworkRelation::ALL,
                    |k| k.code().into(),
                    |k| {
                        label_of(
                            lang,
                            *k,
                            NetworkRelation::label_nl,
                            NetworkRelation::label_en,
                        )
                    },
                    &typed.get("relation"),
                ),
                error: None,
            }),
            Input::Text(TextField::new(
                "safety_role",
                ft.f_safety_role,
                &typed.get("safety_role"),
                typed.err("safety_role"),
            )),
            Input::Text(TextField::new(
                "contact",
                ft.f_contact,
                &typed.get("contact"),
                typed.err("contact"),
            )),
        ],
    }
}

/// The form that corrects a network member's details.
pub(super) fn correct_form(
    lang: Lang,
    t: &'static Texts,
    family: &Family,
    typed: &Typed,
) -> FamilyForm {
    let ft = family_texts(lang);
    FamilyForm {
        title: ft.correct_network,
        action: format!("/gezinnen/{}/netwerk/corrigeren", family.id),
        submit: ft.correct_network,
        warning: false,
        inputs: {
            let _err = |id| typed.err(id);
            vec![
                Input::Select(ChoiceField {
                    id: "network_member",
                    label: ft.f_end_who,
                    options: family
                        .network
                        .iter()
                        .filter(|n| !n.ended)
                        .map(|n| Choice {
                            value: n.id.clone(),
                            label: n.name.clone(),
                            selected: typed.get("network_member") == n.id,
                        })
                        .collect(),
                    error: typed.err("network_member"),
                }),
                Input::Text(
                    TextField::new("name", t.f_name, &typed.get("name"), typed.err("name"))
                        .suffix("network_fix"),
                ),
                Input::Select(ChoiceField {
                    id: "network_relation",
                    label: ft.f_relation,
                    options: choices(
                        NetworkRelation::ALL,
                        |k| k.code().into(),
                        |k| {
                            label_of(
                                lang,
                                *k,
                                NetworkRelation::label_nl,
                                NetworkRelation::label_en,
                            )
                        },
                        &typed.get("network_relation"),
                    ),
                    error: None,
                }),
                Input::Text(
                    TextField::new(
                        "safety_role",
                        ft.f_safety_role,
                        &typed.get("safety_role"),
                        typed.err("safety_role"),
                    )
                    .suffix("network_fix"),
                ),
                Input::Text(
                    TextField::new(
                        "contact",
                        ft.f_contact,
                        &typed.get("contact"),
                        typed.err("contact"),
                    )
                    .suffix("network_fix"),
                ),
                Input::Text(
                    TextField::new(
                        "reason",
                        ft.f_correct_reason,
                        &typed.get("reason"),
                        typed.err("reason"),
                    )
                    .suffix("network_fix"),
                ),
            ]
        },
    }
}

//! The family's flower as the family reads it: the professionals working with them
//! (name, organisation, work phone number) and their network (name and how they
//! relate). Each through the portal rule as a `FlowerContact`; a network member's
//! contact details are marked sensitive (they may hold an address), so the rule leaves
//! them out.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::InvolvementRole;
use eenplan_domain::family::portal::{Item, ItemKind, Redaction, Sensitive};

use super::read_texts::{ContactTexts, contacts as texts};
use crate::auth::portal::PortalCtx;
use crate::kit::crisis::tel;
use crate::kit::form::code_label;
use crate::kit::{Ctx, PageError, Shell, render};

pub const PATH: &str = "/mijn-gezin/hulpverleners";

struct Professional {
    name: String,
    organisation: String,
    regisseur: bool,
    phone: String,
    tel: String,
}

struct NetworkPerson {
    name: String,
    relation: String,
    /// Empty when the rule leaves it out.
    contact: String,
}

#[derive(Template)]
#[template(path = "family_portal/contacts.html")]
struct ContactsPage {
    shell: Shell,
    c: &'static ContactTexts,
    professionals: Vec<Professional>,
    network: Vec<NetworkPerson>,
}

pub async fn show(ctx: Ctx) -> Result<Response, PageError> {
    let portal = PortalCtx::load(&ctx).await?;
    let lang = ctx.lang;
    let flower = Item::family(ItemKind::FlowerContact);
    let mut professionals: Vec<Professional> = portal
        .family
        .involvements
        .iter()
        .filter(|i| !i.ended && portal.shows(&flower).is_some())
        .map(|i| {
            let phone = i.user_phone.clone().unwrap_or_default();
            Professional {
                name: i.user_name.clone(),
                organisation: i.organisation_name.clone(),
                regisseur: i.role == InvolvementRole::Regisseur,
                tel: tel(&phone),
                phone,
            }
        })
        .collect();
    // The family's main contact first.
    professionals.sort_by_key(|p| !p.regisseur);
    let network = portal
        .family
        .network
        .iter()
        .filter(|n| !n.ended)
        .filter_map(|n| {
            let item = Item {
                sensitive: vec![Sensitive::AddressOf(n.id.clone())],
                ..Item::family(ItemKind::FlowerContact)
            };
            let redactions = portal.shows(&item)?;
            let hidden = redactions.contains(&Redaction::AddressOf(n.id.clone()));
            Some(NetworkPerson {
                name: n.name.clone(),
                relation: code_label(lang, n.relation),
                contact: if hidden {
                    String::new()
                } else {
                    n.contact.clone()
                },
            })
        })
        .collect();
    portal.log_read(&ctx, PATH).await?;
    Ok(render(
        StatusCode::OK,
        &ContactsPage {
            shell: ctx.shell(PATH),
            c: texts(lang),
            professionals,
            network,
        },
    ))
}

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{LifeDomain, Overdue};
use eenplan_domain::role::Role;
use eenplan_domain::time::amsterdam_date;

use super::{Shell, render, role_label};
use crate::AppState;
use crate::auth::Visitor;
use crate::i18n::{Lang, Texts};

#[derive(Template)]
#[template(path = "start.html")]
struct Start {
    shell: Shell,
    roles: Vec<(&'static str, &'static str)>,
    leads_families: bool,
    /// (family id, file name, what is overdue)
    overdue: Vec<(String, String, String)>,
}

fn role_text(t: &Texts, role: Role) -> &'static str {
    match role {
        Role::Professional => t.start_role_professional,
        Role::BehaviouralScientist => t.start_role_behavioural_scientist,
        Role::TeamLead => t.start_role_team_lead,
        Role::FunctionalAdmin => t.start_role_functional_admin,
        Role::PrivacyOfficer => t.start_role_privacy_officer,
    }
}

/// The start page: one section per role the person holds, and for a regisseur what is
/// overdue in the families they lead.
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
) -> Response {
    let lang = Lang::from_headers(&headers);
    let shell = Shell::new(&headers, &visitor, "/start");
    let t = shell.t;
    let roles = visitor
        .principal
        .iter()
        .flat_map(|p| p.roles.iter())
        .map(|r| (role_label(lang, *r), role_text(t, *r)))
        .collect();
    let led = match &visitor.principal {
        Some(p) => match async { state.store.read().await?.plans_led_by(&p.user_id).await }.await {
            Ok(plans) => plans,
            Err(e) => {
                tracing::error!(error = %e, "loading the start page's plans failed");
                return super::errors::internal(false, &headers);
            }
        },
        None => Vec::new(),
    };
    let today = amsterdam_date(UtcTime::now());
    let domain = |d: LifeDomain| {
        if lang == Lang::Nl {
            d.label_nl()
        } else {
            d.label_en()
        }
    };
    let overdue = led
        .iter()
        .flat_map(|(id, label, plan)| {
            plan.overdue(today).into_iter().map(move |o| {
                let what = match o {
                    Overdue::Review { due } => format!("{} {due}", t.overdue_review),
                    Overdue::Action {
                        domain: d,
                        what,
                        who,
                        due,
                    } => format!(
                        "{} ({}): {what} — {who}, {due}",
                        t.overdue_action,
                        domain(d)
                    ),
                };
                (id.clone(), label.clone(), what)
            })
        })
        .collect();
    render(
        StatusCode::OK,
        &Start {
            shell,
            roles,
            leads_families: !led.is_empty(),
            overdue,
        },
    )
}

//! The summary for an anonymous consultation: no consent needed, nothing that identifies
//! the family.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::{Framework, LifeDomain};
use eenplan_domain::organisation::OrganisationKind;

use crate::auth::family::FamilyCtx;
use crate::flows::consent::texts::{ConsentTexts, consent as texts};
use crate::kit::form::label_of;
use crate::kit::{PageError, Shell, render};

#[derive(Template)]
#[template(path = "consent/anonymous.html")]
struct AnonymousPage {
    shell: Shell,
    x: &'static ConsentTexts,
    family_id: String,
    rows: Vec<(&'static str, String)>,
}

/// The summary shown in an anonymous consultation: no consent needed, nothing that
/// identifies the family (the domain decides what that leaves).
pub async fn anonymous(fam: FamilyCtx) -> Result<Response, PageError> {
    let (lang, x) = (fam.lang, texts(fam.lang));
    let Some(s) = crate::flows::consent::anonymous_summary(&fam).await? else {
        return Err(PageError::not_found());
    };
    let join = |items: Vec<String>| {
        if items.is_empty() {
            "—".to_owned()
        } else {
            items.join(", ")
        }
    };
    let rows = vec![
        (
            x.anon_children,
            join(
                s.children_ages
                    .iter()
                    .map(|a| format!("{a} {}", x.years))
                    .collect(),
            ),
        ),
        (
            x.anon_parents,
            format!("{} ({})", s.parents, s.parents_with_custody),
        ),
        (x.anon_household, s.other_household_members.to_string()),
        (
            x.f_framework,
            label_of(lang, s.framework, Framework::label_nl, Framework::label_en),
        ),
        (
            x.anon_scales,
            join(s.safety_scales.iter().map(u8::to_string).collect()),
        ),
        (
            x.anon_domains,
            join(
                s.life_domains
                    .iter()
                    .map(|d| label_of(lang, *d, LifeDomain::label_nl, LifeDomain::label_en))
                    .collect(),
            ),
        ),
        (
            x.anon_involved,
            join(
                s.involved
                    .iter()
                    .map(|(k, n)| {
                        format!(
                            "{} ({n})",
                            label_of(
                                lang,
                                *k,
                                OrganisationKind::label_nl,
                                OrganisationKind::label_en
                            )
                        )
                    })
                    .collect(),
            ),
        ),
        (
            x.anon_worries,
            format!("{} / {}", s.worries, s.danger_statements),
        ),
    ];
    Ok(render(
        StatusCode::OK,
        &AnonymousPage {
            shell: fam.shell(&format!("/gezinnen/{}/anoniem", fam.family_id())),
            x,
            family_id: fam.family_id().to_string(),
            rows,
        },
    ))
}

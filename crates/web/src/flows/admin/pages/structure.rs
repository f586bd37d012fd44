//! The region's organisations and areas (the chain administrator) and an organisation's
//! teams (its functional administrator).

use std::collections::HashMap;

use axum::extract::Query;
use axum::response::Response;
use eenplan_domain::area::AreaKind;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_store::{NewArea, NewOrganisation, NewTeam, StoreError, Tx};

use crate::flows::admin::texts::admin as admin_texts;
use crate::kit::PageError;
use crate::kit::form::{
    ChoiceField, Errors, FormData, Input, TextField, choices, chosen, code_label, code_select,
    text_errors, with_none,
};
use crate::kit::i18n::Texts;

use super::common::*;

/// The name every section's form asks for, required.
fn required_name(form: &FormData, t: &Texts, errors: &mut Errors) -> String {
    let name = form.get("name");
    if name.is_empty() {
        errors.entry("name").or_insert(t.err_required);
    }
    name
}

/// The names of what a row refers to (a parent area, an organisation) by id: a
/// reference the listing does not hold shows empty.
struct Names<'a>(HashMap<&'a str, &'a str>);

impl<'a> FromIterator<(&'a str, &'a str)> for Names<'a> {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(pairs: I) -> Self {
        Names(pairs.into_iter().collect())
    }
}

impl Names<'_> {
    fn of(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.0.get(id))
            .map_or_else(String::new, |n| (*n).to_owned())
    }
}

const ORGANISATIONS: &str = "/beheer/organisaties";
const AREAS: &str = "/beheer/gebieden";
const TEAMS: &str = "/beheer/teams";

// ---- organisations ----

async fn organisations_page(ctx: &Ctx, sheet: Sheet) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let (form, errors) = (&sheet.form, &sheet.errors);
    let orgs = ctx.store().read().await?.organisations().await?;
    let rows = orgs
        .iter()
        .map(|o| {
            TableRow::plain(
                &o.name,
                vec![o.slug.clone(), o.name.clone(), code_label(ctx.lang, o.kind)],
            )
            .editable(format!("{ORGANISATIONS}/{}/wijzigen", o.id), x.edit)
        })
        .collect();
    let inputs = vec![
        Input::Text(TextField::typed("slug", x.f_slug, form, errors).hint(x.f_slug_hint)),
        Input::Text(TextField::typed("name", t.f_name, form, errors)),
        code_select::<OrganisationKind>("kind", x.f_kind, ctx.lang, form, errors),
    ];
    listing(
        ctx,
        sheet,
        Listing {
            title: x.admin_organisations,
            headers: vec![x.f_slug, t.f_name, x.f_kind],
            rows,
            action: ORGANISATIONS,
            inputs,
            has_actions: true,
        },
    )
}

pub async fn organisations(ctx: Ctx, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    organisations_page(&ctx, Sheet::blank(q.saved())).await
}

pub async fn create_organisation(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let mut errors = text_errors(&form, t, &["slug", "name"]);
    let slug = Slug::parse(&form.get("slug"))
        .map_err(|_| errors.entry("slug").or_insert(x.err_slug))
        .ok();
    let name = required_name(&form, t, &mut errors);
    let kind = chosen::<OrganisationKind>(&form, "kind", t, &mut errors);
    if let (Some(slug), Some(kind), true) = (slug, kind, errors.is_empty()) {
        let new = NewOrganisation { slug, name, kind };
        let refused = |e: &StoreError| {
            matches!(e, StoreError::Duplicate(_)).then_some(("slug", x.err_duplicate))
        };
        let write = async |tx: &mut Tx, by: &Actor| tx.create_organisation(by, new).await;
        if let Some(done) = create(&ctx, ORGANISATIONS, &mut errors, write, refused).await? {
            return Ok(done);
        }
    }
    organisations_page(&ctx, Sheet::sent(form, errors)).await
}

// ---- areas ----

async fn areas_page(ctx: &Ctx, sheet: Sheet) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let (form, errors) = (&sheet.form, &sheet.errors);
    let areas = ctx.store().read().await?.areas().await?;
    let names: Names = areas
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let label = |k: AreaKind| code_label(ctx.lang, k);
    let rows = areas
        .iter()
        .map(|a| {
            TableRow::plain(
                &a.name,
                vec![
                    a.name.clone(),
                    label(a.kind),
                    names.of(a.parent_id.as_deref()),
                    a.code.clone().unwrap_or_default(),
                ],
            )
            .editable(format!("{AREAS}/{}/wijzigen", a.id), x.edit)
        })
        .collect();
    let parent = form.get("parent_id");
    let parents = areas
        .iter()
        .filter(|a| a.kind != AreaKind::Neighbourhood)
        .collect::<Vec<_>>();
    let inputs = vec![
        Input::Text(TextField::typed("name", t.f_name, form, errors)),
        code_select::<AreaKind>("kind", x.f_kind, ctx.lang, form, errors),
        Input::Select(ChoiceField {
            id: "parent_id",
            label: x.f_parent,
            options: with_none(
                t,
                choices(
                    &parents,
                    |a| a.id.clone(),
                    |a| format!("{} ({})", a.name, label(a.kind)),
                    &parent,
                ),
                &parent,
            ),
            error: errors.get("parent_id").copied(),
        }),
        Input::Text(TextField::typed("code", x.f_code, form, errors)),
    ];
    listing(
        ctx,
        sheet,
        Listing {
            title: x.admin_areas,
            headers: vec![t.f_name, x.f_kind, x.f_parent, x.f_code],
            rows,
            action: AREAS,
            inputs,
            has_actions: true,
        },
    )
}

pub async fn areas(ctx: Ctx, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    areas_page(&ctx, Sheet::blank(q.saved())).await
}

pub async fn create_area(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let mut errors = text_errors(&form, t, &["name", "code"]);
    let name = required_name(&form, t, &mut errors);
    let kind = chosen::<AreaKind>(&form, "kind", t, &mut errors);
    let parent = Some(form.get("parent_id")).filter(|p| !p.is_empty());
    let code = Some(form.get("code")).filter(|c| !c.is_empty());
    if let (Some(kind), true) = (kind, errors.is_empty()) {
        let new = NewArea {
            kind,
            name,
            code,
            parent_id: parent,
        };
        let refused = |e: &StoreError| match e {
            StoreError::Invalid(_) | StoreError::NotFound(_) => Some(("parent_id", x.err_parent)),
            StoreError::DuplicateAreaCode { .. } => Some(("code", x.err_code_taken)),
            StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
            _ => None,
        };
        let write = async |tx: &mut Tx, by: &Actor| tx.create_area(by, new).await;
        if let Some(done) = create(&ctx, AREAS, &mut errors, write, refused).await? {
            return Ok(done);
        }
    }
    areas_page(&ctx, Sheet::sent(form, errors)).await
}

// ---- teams ----

async fn teams_page(ctx: &Ctx, sheet: Sheet) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let admin = ctx.principal()?;
    let loaded = async {
        let mut tx = ctx.store().read().await?;
        Ok::<_, StoreError>((
            tx.teams_of(&admin.organisation_id).await?,
            tx.organisations().await?,
            tx.areas().await?,
        ))
    };
    let (teams, orgs, areas) = loaded.await?;
    let org_names: Names = orgs
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let area_names: Names = areas
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let rows = teams
        .iter()
        .map(|team| {
            TableRow::plain(
                &team.name,
                vec![
                    org_names.of(Some(team.organisation_id.as_str())),
                    team.name.clone(),
                    area_names.of(team.area_id.as_deref()),
                ],
            )
            .editable(format!("{TEAMS}/{}/wijzigen", team.id), x.edit)
        })
        .collect();
    let (form, errors) = (&sheet.form, &sheet.errors);
    let area = form.get("area_id");
    let inputs = vec![
        Input::Text(TextField::typed("name", t.f_name, form, errors)),
        Input::Select(ChoiceField {
            id: "area_id",
            label: x.f_area,
            options: with_none(
                t,
                choices(&areas, |a| a.id.clone(), |a| a.name.clone(), &area),
                &area,
            ),
            error: None,
        }),
    ];
    listing(
        ctx,
        sheet,
        Listing {
            title: x.admin_teams,
            headers: vec![t.f_organisation, t.f_name, x.f_area],
            rows,
            action: TEAMS,
            inputs,
            has_actions: true,
        },
    )
}

pub async fn teams(ctx: Ctx, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    teams_page(&ctx, Sheet::blank(q.saved())).await
}

pub async fn create_team(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let mut errors = text_errors(&form, t, &["name"]);
    // Always the administrator's own organisation, whatever the form says.
    let organisation_id = ctx.principal()?.organisation_id.clone();
    let name = required_name(&form, t, &mut errors);
    let area_id = Some(form.get("area_id")).filter(|a| !a.is_empty());
    if errors.is_empty() {
        let new = NewTeam {
            organisation_id,
            name,
            area_id,
        };
        let refused = |e: &StoreError| match e {
            StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
            // An unknown area id: a tampered form.
            StoreError::Database(_) => Some(("name", t.err_choose)),
            _ => None,
        };
        let write = async |tx: &mut Tx, by: &Actor| tx.create_team(by, new).await;
        if let Some(done) = create(&ctx, TEAMS, &mut errors, write, refused).await? {
            return Ok(done);
        }
    }
    teams_page(&ctx, Sheet::sent(form, errors)).await
}

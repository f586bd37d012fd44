//! The region's structure as editable sections: organisations, areas and teams.

use super::*;

// ---- organisations ----

/// An organisation and how many accounts it has (they fix its kind).
pub struct OrganisationEdit {
    org: Organisation,
    accounts: usize,
}

impl OrganisationEdit {
    fn kind_fixed(&self) -> bool {
        kind_may_change(self.accounts).is_err()
    }
}

impl Editable for OrganisationEdit {
    const SECTION: &'static str = "/beheer/organisaties";

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_organisations
    }

    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        let mut tx = ctx.store().read().await?;
        let Some(org) = tx
            .organisations()
            .await?
            .into_iter()
            .find(|o| o.id.as_str() == id)
        else {
            return Ok(None);
        };
        let accounts = tx.principals_of(&org.id).await?.len();
        Ok(Some(Self { org, accounts }))
    }

    fn name(&self) -> String {
        self.org.name.clone()
    }

    async fn opened(&self, _ctx: &Ctx) -> Result<FormData, PageError> {
        let o = &self.org;
        Ok(stored(&[
            ("slug", &o.slug),
            ("name", &o.name),
            ("kind", o.kind.code()),
        ]))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        let mut inputs = vec![
            Input::Text(TextField::typed("slug", x.f_slug, form, errors).hint(x.f_slug_hint)),
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
        ];
        // A fixed kind is not offered; only a refusal of a kind sent anyway is shown
        // at its field.
        if !self.kind_fixed() || errors.contains_key("kind") {
            inputs.push(code_select::<OrganisationKind>(
                "kind", x.f_kind, ctx.lang, form, errors,
            ));
        }
        Ok(inputs)
    }

    fn notes(&self, ctx: &Ctx) -> Vec<String> {
        let x = admin_texts(ctx.lang);
        if self.kind_fixed() {
            vec![format!(
                "{}: {}. {}",
                x.f_kind,
                code_label(ctx.lang, self.org.kind),
                x.kind_fixed
            )]
        } else {
            Vec::new()
        }
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["slug", "name"]));
        let slug = Slug::parse(&form.get("slug"))
            .map_err(|_| errors.entry("slug").or_insert(x.err_slug))
            .ok();
        let name = required_name(ctx, form, errors);
        // A fixed kind is not on the form; a kind sent anyway is held to the rule.
        let kind = if self.kind_fixed() && form.get("kind").is_empty() {
            Some(self.org.kind)
        } else {
            chosen::<OrganisationKind>(form, "kind", t, errors)
        };
        let (Some(slug), Some(kind)) = (slug, kind) else {
            return Ok(None);
        };
        let id = self.org.id.clone();
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.change_organisation_identity(by, &id, &slug, kind)
                .await?;
            tx.rename_organisation(by, &id, &name).await
        };
        let refused = |e: &StoreError| match e {
            StoreError::Duplicate(_) => Some(("slug", x.err_duplicate)),
            StoreError::KindFixed(_) => Some(("kind", x.kind_fixed)),
            _ => None,
        };
        apply(ctx, Self::SECTION, errors, write, refused).await
    }
}

// ---- areas ----

impl Editable for Area {
    const SECTION: &'static str = "/beheer/gebieden";

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_areas
    }

    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        match ctx.store().read().await?.area(id).await {
            Ok(area) => Ok(Some(area)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    async fn opened(&self, _ctx: &Ctx) -> Result<FormData, PageError> {
        Ok(stored(&[
            ("name", &self.name),
            ("code", self.code.as_deref().unwrap_or("")),
        ]))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        Ok(vec![
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
            Input::Text(TextField::typed("code", x.f_code, form, errors)),
        ])
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["name", "code"]));
        let name = required_name(ctx, form, errors);
        let code = form.get("code");
        let id = self.id.clone();
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.change_area(by, &id, &name, Some(code.as_str())).await
        };
        let refused = |e: &StoreError| match e {
            StoreError::DuplicateAreaCode { .. } => Some(("code", x.err_code_taken)),
            StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
            _ => None,
        };
        apply(ctx, Self::SECTION, errors, write, refused).await
    }
}

// ---- teams ----

impl Editable for Team {
    const SECTION: &'static str = "/beheer/teams";

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_teams
    }

    /// Only a team of the administrator's own organisation, as if others did not exist.
    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        let admin = ctx.principal()?;
        let teams = ctx
            .store()
            .read()
            .await?
            .teams_of(&admin.organisation_id)
            .await?;
        Ok(teams.into_iter().find(|team| team.id == id))
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    async fn opened(&self, _ctx: &Ctx) -> Result<FormData, PageError> {
        Ok(stored(&[
            ("name", &self.name),
            ("area_id", self.area_id.as_deref().unwrap_or("")),
        ]))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let t = ctx.t();
        Ok(vec![
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
            area_choice(ctx, form, errors).await?.0,
        ])
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["name"]));
        let name = required_name(ctx, form, errors);
        let (_, areas) = area_choice(ctx, form, errors).await?;
        let area_id = Some(form.get("area_id")).filter(|a| !a.is_empty());
        if area_id.as_ref().is_some_and(|a| !areas.contains(a)) {
            errors.insert("area_id", t.err_choose);
        }
        let (org, id) = (self.organisation_id.clone(), self.id.clone());
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.rename_team(by, &org, &id, &name).await?;
            tx.set_team_area(by, &org, &id, area_id.as_deref()).await
        };
        let refused = |e: &StoreError| match e {
            StoreError::Duplicate(_) => Some(("name", x.err_duplicate)),
            // The area was removed between showing the form and sending it.
            StoreError::NotFound(_) => Some(("area_id", t.err_choose)),
            _ => None,
        };
        apply(ctx, Self::SECTION, errors, write, refused).await
    }
}

/// The area choice of a team form: every area, or none; and the areas' ids.
async fn area_choice(
    ctx: &Ctx,
    form: &FormData,
    errors: &Errors,
) -> Result<(Input, Vec<String>), PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let areas = ctx.store().read().await?.areas().await?;
    let chosen = form.get("area_id");
    let ids = areas.iter().map(|a| a.id.clone()).collect();
    Ok((
        Input::Select(ChoiceField {
            id: "area_id",
            label: x.f_area,
            options: with_none(
                t,
                choices(&areas, |a| a.id.clone(), |a| a.name.clone(), &chosen),
                &chosen,
            ),
            error: errors.get("area_id").copied(),
        }),
        ids,
    ))
}

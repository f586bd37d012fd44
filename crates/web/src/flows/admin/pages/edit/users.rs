//! Accounts as an editable section, and reactivating one.

use super::*;

// ---- users ----

/// The team choice of an account form: the teams of `organisation_id`, or none.
pub(in crate::flows::admin::pages) async fn team_choice(
    ctx: &Ctx,
    organisation_id: &OrganisationId,
    form: &FormData,
    errors: &Errors,
) -> Result<(Input, Vec<String>), PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let teams = ctx.store().read().await?.teams_of(organisation_id).await?;
    let chosen = form.get("team_id");
    let ids = teams.iter().map(|team| team.id.clone()).collect();
    Ok((
        Input::Select(ChoiceField {
            id: "team_id",
            label: x.f_team,
            options: with_none(
                t,
                choices(
                    &teams,
                    |team| team.id.clone(),
                    |team| team.name.clone(),
                    &chosen,
                ),
                &chosen,
            ),
            error: errors.get("team_id").copied(),
        }),
        ids,
    ))
}

/// The roles to tick, the ones an administrator may grant.
pub(in crate::flows::admin::pages) fn role_boxes(
    ctx: &Ctx,
    form: &FormData,
    errors: &Errors,
) -> Input {
    let x = admin_texts(ctx.lang);
    let chosen = form.all("roles");
    Input::Checks(ChoiceField {
        id: "roles",
        label: x.f_roles,
        options: Role::ALL
            .iter()
            .filter(|r| admin_may_grant(**r))
            .map(|r| Choice {
                value: r.code().to_owned(),
                label: role_label(ctx.lang, *r).to_owned(),
                selected: chosen.iter().any(|x| x == r.code()),
            })
            .collect(),
        error: errors.get("roles").copied(),
    })
}

/// The roles ticked; at least one, each one the administrator may grant.
pub(in crate::flows::admin::pages) fn ticked_roles(
    ctx: &Ctx,
    form: &FormData,
    errors: &mut Errors,
) -> Vec<Role> {
    let x = admin_texts(ctx.lang);
    let roles: Vec<Role> = form
        .all("roles")
        .iter()
        .filter_map(|r| r.parse().ok())
        .collect();
    if roles.is_empty() {
        errors.entry("roles").or_insert(x.err_roles);
    } else if !roles.iter().all(|r| admin_may_grant(*r)) {
        errors.entry("roles").or_insert(x.err_not_grantable);
    }
    roles
}

impl Editable for Principal {
    const SECTION: &'static str = USERS;

    fn section_label(x: &'static AdminTexts) -> &'static str {
        x.admin_users
    }

    async fn load(ctx: &Ctx, id: &str) -> Result<Option<Self>, PageError> {
        Ok(managed_user(ctx, &UserId::from(id)).await?)
    }

    fn name(&self) -> String {
        format!("{} ({})", self.name, self.email)
    }

    async fn opened(&self, ctx: &Ctx) -> Result<FormData, PageError> {
        let phone = ctx.store().read().await?.user_phone(&self.user_id).await?;
        let mut values = vec![
            ("name".to_owned(), self.name.clone()),
            ("phone".to_owned(), phone.unwrap_or_default()),
            (
                "team_id".to_owned(),
                self.team_id.clone().unwrap_or_default(),
            ),
        ];
        values.extend(
            self.roles
                .iter()
                .map(|r| ("roles".to_owned(), r.code().to_owned())),
        );
        Ok(FormData(values))
    }

    async fn inputs(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &Errors,
    ) -> Result<Vec<Input>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        let (team, _) = team_choice(ctx, &self.organisation_id, form, errors).await?;
        Ok(vec![
            Input::Text(TextField::typed("name", t.f_name, form, errors)),
            Input::Text(
                TextField::typed("phone", x.f_phone, form, errors)
                    .kind("tel")
                    .hint(x.f_phone_hint),
            ),
            team,
            role_boxes(ctx, form, errors),
        ])
    }

    async fn save(
        &self,
        ctx: &Ctx,
        form: &FormData,
        errors: &mut Errors,
    ) -> Result<Option<Response>, PageError> {
        let (t, x) = (ctx.t(), admin_texts(ctx.lang));
        errors.extend(text_errors(form, t, &["name", "phone"]));
        let name = PersonName::parse(&form.get("name"))
            .map_err(|_| errors.entry("name").or_insert(t.err_required))
            .ok();
        let phone = Some(form.get("phone"))
            .filter(|p| !p.is_empty())
            .and_then(|p| {
                Phone::parse(&p)
                    .map_err(|_| errors.entry("phone").or_insert(x.err_phone))
                    .ok()
            });
        let (_, teams) = team_choice(ctx, &self.organisation_id, form, errors).await?;
        let team_id = Some(form.get("team_id")).filter(|t| !t.is_empty());
        if team_id.as_ref().is_some_and(|team| !teams.contains(team)) {
            errors.insert("team_id", t.err_choose);
        }
        let roles = ticked_roles(ctx, form, errors);
        let Some(name) = name else {
            return Ok(None);
        };
        let change = UserChange {
            name,
            team_id,
            roles,
        };
        let id = &self.user_id;
        let write = async |tx: &mut eenplan_store::Tx, by: &eenplan_domain::journal::Actor| {
            tx.change_user(by, id, &change).await?;
            // The phone number has its own event; only a different one is a change.
            let before = tx.user_phone(id).await?.unwrap_or_default();
            if before != phone.as_ref().map_or("", Phone::as_str) {
                tx.set_phone(by, id, phone.as_ref()).await?;
            }
            Ok(())
        };
        apply(ctx, Self::SECTION, errors, write, |_| None).await
    }
}

const USERS: &str = "/beheer/gebruikers";

/// Gives a deactivated account of the administrator's organisation back its access.
pub async fn reactivate_user(ctx: Ctx, Path(id): Path<UserId>) -> Result<Response, PageError> {
    let user = managed_user(&ctx, &id)
        .await?
        .filter(|u| !u.active)
        .ok_or_else(PageError::not_found)?;
    let by = actor(&ctx.visitor);
    ctx.store()
        .change(async |tx| tx.reactivate_user(&by, &user.user_id).await)
        .await?;
    saved(USERS)
}

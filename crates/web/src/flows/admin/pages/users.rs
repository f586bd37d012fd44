//! An organisation's accounts: listing, creating (with a temporary password and a
//! one-time enrolment code) and granting roles.

use axum::extract::Query;
use axum::response::Response;
use eenplan_domain::password;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName, check_password};
use eenplan_store::{NewUser, StoreError, ids};

use crate::flows::admin::texts::admin as admin_texts;
use crate::kit::form::{FormData, Input, TextField, text_errors};
use crate::kit::render::role_label;
use crate::kit::{PageError, Refusal};

use super::common::*;

/// The section, and the answer to its form.
pub(super) const USERS: &str = "/beheer/gebruikers";

// ---- users ----

pub(super) async fn users_page(ctx: &Ctx, sheet: Sheet) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let (form, errors) = (&sheet.form, &sheet.errors);
    let admin = ctx.principal()?;
    let users = ctx
        .store()
        .read()
        .await?
        .principals_of(&admin.organisation_id)
        .await?;
    let rows = users
        .iter()
        .map(|u| TableRow {
            name: u.name.clone(),
            cells: vec![
                u.name.clone(),
                u.email.clone(),
                u.roles
                    .iter()
                    .map(|r| role_label(ctx.lang, *r))
                    .collect::<Vec<_>>()
                    .join(", "),
                if u.active { t.active } else { x.inactive }.to_owned(),
                if u.second_factor_set {
                    x.sf_set
                } else {
                    x.sf_pending
                }
                .to_owned(),
            ],
            actions: if u.active {
                vec![
                    Action {
                        url: format!("/beheer/gebruikers/{}/wijzigen", u.user_id),
                        label: x.edit,
                        link: true,
                    },
                    Action {
                        url: format!("/beheer/gebruikers/{}/tweede-factor", u.user_id),
                        label: x.reset_second_factor,
                        link: false,
                    },
                    Action {
                        url: format!("/beheer/gebruikers/{}/deactiveren", u.user_id),
                        label: x.deactivate,
                        link: true,
                    },
                ]
            } else {
                vec![
                    Action {
                        url: format!("/beheer/gebruikers/{}/wijzigen", u.user_id),
                        label: x.edit,
                        link: true,
                    },
                    Action {
                        url: format!("/beheer/gebruikers/{}/heractiveren", u.user_id),
                        label: x.reactivate,
                        link: false,
                    },
                ]
            },
        })
        .collect();
    let (team, _) = super::edit::team_choice(ctx, &admin.organisation_id, form, errors).await?;
    let inputs = vec![
        Input::Text(TextField::typed("email", t.email, form, errors).kind("email")),
        Input::Text(TextField::typed("name", t.f_name, form, errors)),
        Input::Text(
            TextField::typed("phone", x.f_phone, form, errors)
                .kind("tel")
                .hint(x.f_phone_hint),
        ),
        team,
        super::edit::role_boxes(ctx, form, errors),
        Input::Text(
            TextField::new(
                "password",
                x.f_password,
                "",
                errors.get("password").copied(),
            )
            .kind("password")
            .hint(x.temporary_password_hint),
        ),
    ];
    listing(
        ctx,
        sheet,
        Listing {
            title: x.admin_users,
            headers: vec![t.f_name, t.email, x.f_roles, x.f_status, x.f_second_factor],
            rows,
            has_actions: true,
            action: USERS,
            inputs,
        },
    )
}

pub async fn users(ctx: Ctx, Query(q): Query<SavedQuery>) -> Result<Response, PageError> {
    users_page(&ctx, Sheet::blank(q.saved())).await
}

pub async fn create_user(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let (t, x) = (ctx.t(), admin_texts(ctx.lang));
    let mut errors = text_errors(&form, t, &["email", "name", "phone", "password"]);
    let email = Email::parse(&form.get("email"))
        .map_err(|_| errors.entry("email").or_insert(x.err_email))
        .ok();
    let name = PersonName::parse(&form.get("name"))
        .map_err(|_| errors.entry("name").or_insert(t.err_required))
        .ok();
    // Always the administrator's own organisation, whatever the form says.
    let organisation_id = ctx.principal()?.organisation_id.clone();
    let lang = ctx.lang;
    let phone = Some(form.get("phone"))
        .filter(|p| !p.is_empty())
        .and_then(|p| {
            eenplan_domain::user::Phone::parse(&p)
                .map_err(|_| errors.entry("phone").or_insert(x.err_phone))
                .ok()
        });
    let roles = super::edit::ticked_roles(&ctx, &form, &mut errors);
    let (_, teams) = super::edit::team_choice(&ctx, &organisation_id, &form, &errors).await?;
    let team_id = Some(form.get("team_id")).filter(|t| !t.is_empty());
    if team_id.as_ref().is_some_and(|team| !teams.contains(team)) {
        errors.insert("team_id", t.err_choose);
    }
    let password_text = form.raw("password");
    let context = [form.get("email"), form.get("name")];
    if let Err(e) = check_password(&password_text, &[context[0].as_str(), context[1].as_str()]) {
        errors.entry("password").or_insert(e.text(lang));
    }
    if let (Some(email), Some(name), true) = (email, name, errors.is_empty()) {
        let created = async {
            let password_hash = password::hash(&password_text, ids::random_bytes())
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            let (who, code, until) = ctx
                .store()
                .change(async |tx| {
                    let user = tx
                        .create_user(
                            &actor(&ctx.visitor),
                            NewUser {
                                email,
                                name,
                                organisation_id,
                                team_id,
                                roles,
                                password_hash,
                                totp_secret: TotpSecret::from_bytes(ids::random_bytes()),
                            },
                        )
                        .await?;
                    if let Some(phone) = &phone {
                        tx.set_phone(&actor(&ctx.visitor), &user.id, Some(phone))
                            .await?;
                    }
                    // The administrator chose the password: the colleague chooses their own at
                    // the first sign-in, after enrolling with the code only they are given.
                    tx.require_password_change(&actor(&ctx.visitor), &user.id)
                        .await?;
                    let (code, until) =
                        issue_code(tx, &actor(&ctx.visitor), &user.id, lang).await?;
                    Ok((user.name, code, until))
                })
                .await?;
            Ok::<_, StoreError>(CodeNotice { who, code, until })
        };
        match created.await {
            Ok(notice) => return users_page(&ctx, Sheet::issued(notice)).await,
            Err(StoreError::Duplicate(_)) => {
                errors.entry("email").or_insert(x.err_duplicate);
            }
            Err(e) => return Err(e.into()),
        }
    }
    users_page(&ctx, Sheet::sent(form, errors)).await
}

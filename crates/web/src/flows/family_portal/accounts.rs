//! The regisseur's page in the file: who in the family has an account or an open
//! invitation, inviting a member (the code shown once, printable, or sent as a link by
//! e-mail through the outbox), revoking an invitation and blocking an account.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::enrolment::{code_hash, new_code};
use eenplan_domain::family::MemberKind;
use eenplan_domain::family_account::{
    InvitationState, NotInvitable, invitation_expires, may_invite,
};
use eenplan_domain::user::Email;
use eenplan_store::{FamilyAccount, StoreError, ids};
use serde::Deserialize;

use super::texts::{AccountTexts, accounts as texts};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::kit::dates::{long_date, today};
use crate::kit::extract::{Path, Query};
use crate::kit::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Lang, PageError, Shell, render};

const PART: &str = "/gezinsaccounts";

struct Row {
    id: String,
    member: String,
    state: String,
    invited_on: String,
    /// Which button the row offers: "revoke", "block" or "".
    action: &'static str,
}

#[derive(Template)]
#[template(path = "family_portal/accounts.html")]
struct AccountsPage {
    shell: Shell,
    a: &'static AccountTexts,
    nav: SubNav,
    rows: Vec<Row>,
    notice: Option<&'static str>,
    inputs: Vec<Input>,
    summary: ErrorSummary,
    action: String,
}

#[derive(Template)]
#[template(path = "family_portal/invitation.html")]
struct InvitationPage {
    shell: Shell,
    a: &'static AccountTexts,
    member: String,
    code: String,
    until: String,
    door: &'static str,
    back: String,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    klaar: Option<String>,
}

fn date_of(lang: Lang, t: UtcTime) -> String {
    long_date(lang, eenplan_domain::time::amsterdam_date(t))
}

fn row(lang: Lang, a: &AccountTexts, acc: &FamilyAccount, now: UtcTime) -> Row {
    let (state, action) = if acc.blocked {
        (a.state_blocked.to_owned(), "")
    } else if let Some(active) = acc.activated_at {
        (
            format!("{} {}", a.state_active, date_of(lang, active)),
            "block",
        )
    } else {
        match acc.invitation(now) {
            InvitationState::Open => (
                format!("{} {}", a.state_open, date_of(lang, acc.expires_at)),
                "revoke",
            ),
            InvitationState::Expired => (a.state_expired.to_owned(), ""),
            InvitationState::Revoked | InvitationState::Used => (a.state_revoked.to_owned(), ""),
        }
    };
    Row {
        id: acc.id.clone(),
        member: acc.member_name.clone(),
        state,
        invited_on: date_of(lang, acc.invited_at),
        action,
    }
}

async fn page(
    fam: &FamilyCtx,
    status: StatusCode,
    notice: Option<&'static str>,
    data: &FormData,
    errors: &Errors,
) -> Result<Response, PageError> {
    let (lang, a) = (fam.lang, texts(fam.lang));
    let (family, accounts) = fam
        .read(async |tx, id| {
            let family = tx.family(id).await?;
            let accounts = tx.family_accounts(id.as_str()).await?;
            Ok::<_, StoreError>((family, accounts))
        })
        .await?;
    let Some(family) = family else {
        return Err(PageError::not_found());
    };
    let now = UtcTime::now();
    let today = today();
    let chosen = data.get("member");
    let options: Vec<Choice> = family
        .members
        .iter()
        .filter(|m| !m.ended && may_invite(m.kind, m.date_of_birth, m.has_custody, today).is_ok())
        .map(|m| Choice {
            value: m.id.clone(),
            label: format!(
                "{} ({})",
                m.name,
                if m.kind == MemberKind::Child {
                    a.as_young
                } else {
                    a.as_parent
                }
            ),
            selected: m.id == chosen,
        })
        .collect();
    let inputs = vec![
        Input::Select(ChoiceField {
            id: "member",
            label: a.member_label,
            options,
            error: errors.get("member").copied(),
        }),
        Input::Text(
            TextField::typed("email", a.email_label, data, errors)
                .hint(a.email_hint)
                .kind("email"),
        ),
    ];
    let shell = fam.shell(&format!("/gezinnen/{}{PART}", fam.family_id()));
    Ok(render(
        status,
        &AccountsPage {
            nav: sub_nav(fam, PART, &family.label),
            rows: accounts.iter().map(|acc| row(lang, a, acc, now)).collect(),
            notice,
            summary: ErrorSummary::of_inputs(lang, &inputs).or_refused(!errors.is_empty(), &inputs),
            inputs,
            action: format!("/gezinnen/{}{PART}", fam.family_id()),
            shell,
            a,
        },
    ))
}

pub async fn show(fam: FamilyCtx, Query(done): Query<Done>) -> Result<Response, PageError> {
    let a = texts(fam.lang);
    let notice = match done.klaar.as_deref() {
        Some("ingetrokken") => Some(a.revoked),
        Some("geblokkeerd") => Some(a.blocked),
        Some("niet-meer") => Some(a.gone),
        Some("gemaild") => Some(a.mailed),
        _ => None,
    };
    page(
        &fam,
        StatusCode::OK,
        notice,
        &FormData(Vec::new()),
        &Errors::new(),
    )
    .await
}

fn refused(a: &AccountTexts, why: NotInvitable) -> &'static str {
    match why {
        NotInvitable::NotAParty => a.not_a_party,
        NotInvitable::NoCustody => a.no_custody,
        NotInvitable::TooYoung(_) => a.too_young,
        NotInvitable::NoDateOfBirth => a.no_birth,
    }
}

/// Makes the invitation and shows its code, once: only its hash is kept. With an
/// e-mail address the code goes out as a link instead, through the outbox in the same
/// transaction, and the page does not show it.
pub async fn invite(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?.clone();
    let a = texts(fam.lang);
    let member_id = data.get("member");
    let mut errors = text_errors(&data, fam.t(), &["email"]);
    let typed = data.get("email");
    let email = if typed.is_empty() || errors.contains_key("email") {
        None
    } else {
        match Email::parse(&typed) {
            Ok(e) => Some(e),
            Err(_) => {
                errors.insert("email", a.email_invalid);
                None
            }
        }
    };
    let member = if member_id.is_empty() {
        None
    } else {
        let family = fam.family_id().to_string();
        let mut tx = fam.store().read().await?;
        tx.invitable_member(&family, &member_id).await?
    };
    let refuse = async |errors: &Errors| {
        page(&fam, StatusCode::UNPROCESSABLE_ENTITY, None, &data, errors).await
    };
    let Some(member) = member else {
        errors.insert("member", a.no_member);
        return refuse(&errors).await;
    };
    if let Err(why) = may_invite(
        member.kind,
        member.date_of_birth,
        member.has_custody,
        today(),
    ) {
        errors.insert("member", refused(a, why));
        return refuse(&errors).await;
    }
    if !errors.is_empty() {
        return refuse(&errors).await;
    }
    let code = new_code(ids::random_bytes());
    let expires = UtcTime::from_timestamp(invitation_expires(UtcTime::now().timestamp()));
    let family = fam.family_id().to_string();
    let invited = fam
        .store()
        .change(async |tx| {
            let account = tx
                .invite_family_member(
                    &p.actor(),
                    p.user_id.as_str(),
                    (&family, &member.id),
                    &code_hash(&code),
                    expires,
                    email.is_some(),
                )
                .await?;
            if let Some(to) = &email {
                tx.enqueue_invitation_mail(&account, to.as_str(), &code, UtcTime::now())
                    .await?;
            }
            Ok::<_, StoreError>(account)
        })
        .await;
    match invited {
        Ok(_) => {}
        Err(StoreError::Duplicate(_)) => {
            errors.insert("member", a.has_account);
            return page(&fam, StatusCode::CONFLICT, None, &data, &errors).await;
        }
        Err(e) => return Err(e.into()),
    }
    if email.is_some() {
        return Ok(
            Redirect::to(&format!("/gezinnen/{family}{PART}?klaar=gemaild")).into_response(),
        );
    }
    let lang = fam.lang;
    Ok(render(
        StatusCode::OK,
        &InvitationPage {
            shell: fam.shell(&format!("/gezinnen/{family}{PART}")),
            a,
            member: member.name,
            code,
            until: date_of(lang, expires),
            door: "/gezin/activeren",
            back: format!("/gezinnen/{family}{PART}"),
        },
    ))
}

async fn act(
    fam: FamilyCtx,
    account_id: String,
    done: &str,
    what: impl AsyncFnOnce(
        &mut eenplan_store::Tx,
        &eenplan_domain::journal::Actor,
        &str,
        &str,
    ) -> Result<(), StoreError>,
) -> Result<Response, PageError> {
    let p = fam.principal()?.clone();
    let family = fam.family_id().to_string();
    let result = fam
        .store()
        .change(async |tx| what(tx, &p.actor(), &family, &account_id).await)
        .await;
    let outcome = match result {
        Ok(()) => done,
        // Revoked, blocked or redeemed in between, or not this family's: the list says.
        Err(StoreError::NotFound(_)) => "niet-meer",
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("/gezinnen/{family}{PART}?klaar={outcome}")).into_response())
}

pub async fn revoke(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    act(
        fam,
        id,
        "ingetrokken",
        async |tx, actor, family, account| {
            tx.revoke_family_invitation(actor, family, account).await
        },
    )
    .await
}

pub async fn block(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    act(
        fam,
        id,
        "geblokkeerd",
        async |tx, actor, family, account| tx.block_family_account(actor, family, account).await,
    )
    .await
}

//! Family accounts (issue 17 §1): invitations, activation, sign-in and sessions of a
//! principal apart from the professionals' `users`. The rules (who may be invited, how
//! long a code works) are the domain's `family_account`; this keeps the rows.

use eenplan_domain::UtcTime;
use eenplan_domain::family::MemberKind;
use eenplan_domain::family_account::{InvitationState, invitation_state};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::totp::TotpSecret;
use jiff::civil::Date;

use crate::{Row, StoreError, Tx, ids, params};

/// One invitation or account, as the regisseur's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyAccount {
    pub id: String,
    pub family_id: String,
    pub member_id: String,
    pub member_name: String,
    pub invited_at: UtcTime,
    pub expires_at: UtcTime,
    pub by_mail: bool,
    pub activated_at: Option<UtcTime>,
    pub revoked: bool,
    pub blocked: bool,
}

impl FamilyAccount {
    /// Where its invitation stands at `now` (the domain's rule).
    pub fn invitation(&self, now: UtcTime) -> InvitationState {
        invitation_state(
            self.expires_at.timestamp(),
            self.activated_at.is_some(),
            self.revoked,
            now.timestamp(),
        )
    }
}

/// A member as inviting needs them: kind and date of birth decide (domain rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitableMember {
    pub id: String,
    pub name: String,
    pub kind: MemberKind,
    pub date_of_birth: Option<Date>,
    pub has_custody: bool,
}

/// What checking a family member's sign-in needs.
#[derive(Debug, Clone)]
pub struct FamilyCredentials {
    pub account_id: String,
    pub family_id: String,
    /// The e-mail address it signs in with: the key its failures are counted under.
    pub sign_in_name: String,
    pub password_hash: String,
    pub totp_secret: TotpSecret,
    pub totp_last_step: Option<i64>,
    /// Activated and neither blocked nor revoked.
    pub usable: bool,
}

/// The signed-in family member as their pages show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyPrincipal {
    pub account_id: String,
    pub family_id: String,
    pub member_id: String,
    pub name: String,
}

impl FamilyPrincipal {
    pub fn actor(&self) -> Actor {
        Actor::Family {
            account_id: self.account_id.clone(),
        }
    }
}

fn time(row: &Row, column: &str) -> Result<UtcTime, StoreError> {
    UtcTime::parse(&row.text(column)?).map_err(|e| StoreError::Invalid(e.to_string()))
}

fn opt_time(row: &Row, column: &str) -> Result<Option<UtcTime>, StoreError> {
    row.opt_text(column)?
        .map(|t| UtcTime::parse(&t).map_err(|e| StoreError::Invalid(e.to_string())))
        .transpose()
}

const ACCOUNT_SELECT: &str = "SELECT a.id, a.family_id, a.member_id, m.name, a.invited_at, a.invitation_expires_at, \
     a.by_mail, a.activated_at, a.revoked_at, a.blocked_at \
     FROM family_accounts a JOIN family_members m ON m.id = a.member_id";

fn account_from(r: &Row) -> Result<FamilyAccount, StoreError> {
    Ok(FamilyAccount {
        id: r.text("id")?,
        family_id: r.text("family_id")?,
        member_id: r.text("member_id")?,
        member_name: r.text("name")?,
        invited_at: time(r, "invited_at")?,
        expires_at: time(r, "invitation_expires_at")?,
        by_mail: r.bool("by_mail")?,
        activated_at: opt_time(r, "activated_at")?,
        revoked: r.opt_text("revoked_at")?.is_some(),
        blocked: r.opt_text("blocked_at")?.is_some(),
    })
}

impl Tx {
    /// The family's current member `member_id`, as inviting needs them.
    pub async fn invitable_member(
        &mut self,
        family_id: &str,
        member_id: &str,
    ) -> Result<Option<InvitableMember>, StoreError> {
        let Some(r) = self
            .fetch_optional(
                "SELECT id, name, kind, date_of_birth, has_custody FROM family_members \
                 WHERE id = $1 AND family_id = $2 AND ended_at IS NULL",
                params![member_id, family_id],
            )
            .await?
        else {
            return Ok(None);
        };
        let date_of_birth = match r.opt_text("date_of_birth")? {
            Some(d) => Some(
                d.parse::<Date>()
                    .map_err(|e| StoreError::Invalid(e.to_string()))?,
            ),
            None => None,
        };
        Ok(Some(InvitableMember {
            id: r.text("id")?,
            name: r.text("name")?,
            kind: r.code("kind")?,
            date_of_birth,
            has_custody: r.bool("has_custody")?,
        }))
    }

    /// Invites `member_id` with a code whose SHA-256 is `code_hash`, valid until
    /// `expires_at`. An open invitation of the member is revoked first (one code at a
    /// time); a member who already has a working account is not invited again
    /// (`Duplicate`). Whether the member may be invited at all is the domain's
    /// `may_invite`, asked by the caller on the member it read.
    pub async fn invite_family_member(
        &mut self,
        actor: &Actor,
        invited_by: &str,
        (family_id, member_id): (&str, &str),
        code_hash: &str,
        expires_at: UtcTime,
        by_mail: bool,
    ) -> Result<String, StoreError> {
        let active = self
            .fetch_optional(
                "SELECT id FROM family_accounts WHERE member_id = $1 AND family_id = $2 \
                 AND activated_at IS NOT NULL AND revoked_at IS NULL AND blocked_at IS NULL",
                params![member_id, family_id],
            )
            .await?;
        if active.is_some() {
            return Err(StoreError::Duplicate(format!(
                "a family account for member {member_id}"
            )));
        }
        let open = self
            .fetch_all(
                "SELECT id FROM family_accounts WHERE member_id = $1 AND family_id = $2 \
                 AND activated_at IS NULL AND revoked_at IS NULL AND blocked_at IS NULL",
                params![member_id, family_id],
            )
            .await?;
        for r in open {
            self.revoke_family_invitation(actor, family_id, &r.text("id")?)
                .await?;
        }
        let id = ids::new_id();
        let now = UtcTime::now().to_rfc3339();
        self.execute(
            "INSERT INTO family_accounts (id, family_id, member_id, invited_by, invited_at, by_mail, \
             invitation_code_hash, invitation_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![
                &id,
                family_id,
                member_id,
                invited_by,
                now,
                by_mail,
                code_hash,
                expires_at.to_rfc3339()
            ],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("a family account for member {member_id}")))?;
        self.append(
            actor,
            Event::FamilyMemberInvited {
                family_id: family_id.to_owned(),
                member_id: member_id.to_owned(),
                account_id: id.clone(),
                expires_at: expires_at.to_rfc3339(),
                by_mail,
            },
        )
        .await?;
        Ok(id)
    }

    /// Every invitation and account of the family, newest first.
    pub async fn family_accounts(
        &mut self,
        family_id: &str,
    ) -> Result<Vec<FamilyAccount>, StoreError> {
        self.fetch_all(
            &format!("{ACCOUNT_SELECT} WHERE a.family_id = $1 ORDER BY a.invited_at DESC, a.id"),
            params![family_id],
        )
        .await?
        .iter()
        .map(account_from)
        .collect()
    }

    /// The invitation a typed code belongs to, whatever its state (the page says
    /// which); `None` when no invitation has this code.
    pub async fn family_invitation(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<FamilyAccount>, StoreError> {
        let row = self
            .fetch_optional(
                &format!("{ACCOUNT_SELECT} WHERE a.invitation_code_hash = $1"),
                params![code_hash],
            )
            .await?;
        row.as_ref().map(account_from).transpose()
    }

    /// Withdraws an open invitation: its code works no more.
    pub async fn revoke_family_invitation(
        &mut self,
        actor: &Actor,
        family_id: &str,
        account_id: &str,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE family_accounts SET revoked_at = $3 \
                 WHERE id = $1 AND family_id = $2 AND activated_at IS NULL AND revoked_at IS NULL AND blocked_at IS NULL",
                params![account_id, family_id, UtcTime::now().to_rfc3339()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "open family invitation {account_id}"
            )));
        }
        self.end_family_sessions(account_id, "revoked").await?;
        // A mail with the code that waits would carry a dead link: it is not sent.
        self.cancel_invitation_mail(account_id, UtcTime::now())
            .await?;
        self.append(
            actor,
            Event::FamilyInvitationRevoked {
                family_id: family_id.to_owned(),
                account_id: account_id.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// Blocks a working account: its sessions end and it signs in no more. A new
    /// invitation may follow (the blocked row no longer counts as the member's).
    pub async fn block_family_account(
        &mut self,
        actor: &Actor,
        family_id: &str,
        account_id: &str,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE family_accounts SET blocked_at = $3 \
                 WHERE id = $1 AND family_id = $2 AND activated_at IS NOT NULL AND blocked_at IS NULL",
                params![account_id, family_id, UtcTime::now().to_rfc3339()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "active family account {account_id}"
            )));
        }
        self.end_family_sessions(account_id, "blocked").await?;
        self.append(
            actor,
            Event::FamilyAccountBlocked {
                family_id: family_id.to_owned(),
                account_id: account_id.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// Whether another account already signs in with `sign_in_name`.
    pub async fn family_sign_in_name_taken(
        &mut self,
        sign_in_name: &str,
        except_account: &str,
    ) -> Result<bool, StoreError> {
        Ok(self
            .fetch_optional(
                "SELECT id FROM family_accounts WHERE sign_in_name = $1 AND id <> $2",
                params![sign_in_name, except_account],
            )
            .await?
            .is_some())
    }

    /// The invited person chose their sign-in name and password (already hashed) and
    /// gets a fresh authenticator secret to link; the code stays the key to the
    /// invitation until the app is linked ([`Tx::activate_family_account`]). Refused
    /// (`NotFound`) when the code is no longer open at `now`.
    pub async fn begin_family_activation(
        &mut self,
        code_hash: &str,
        sign_in_name: &str,
        password_hash: &str,
        secret: &TotpSecret,
        now: UtcTime,
    ) -> Result<String, StoreError> {
        let Some(invitation) = self.family_invitation(code_hash).await? else {
            return Err(StoreError::NotFound("family invitation".to_owned()));
        };
        if invitation.invitation(now) != InvitationState::Open {
            return Err(StoreError::NotFound("open family invitation".to_owned()));
        }
        self.execute(
            "UPDATE family_accounts SET sign_in_name = $2, password_hash = $3, totp_secret = $4, totp_last_step = NULL \
             WHERE id = $1 AND activated_at IS NULL",
            params![&invitation.id, sign_in_name, password_hash, secret.to_base32()],
        )
        .await
        .map_err(|e| e.duplicate_as(|| "a family account with this e-mail address".to_owned()))?;
        Ok(invitation.id)
    }

    /// The app is linked: the account works from now on and its code is used up.
    /// Refused (`NotFound`) when the invitation expired or was revoked meanwhile.
    pub async fn activate_family_account(
        &mut self,
        account_id: &str,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let at = now.to_rfc3339();
        let changed = self
            .execute(
                "UPDATE family_accounts SET activated_at = $2 WHERE id = $1 AND activated_at IS NULL \
                 AND revoked_at IS NULL AND blocked_at IS NULL AND invitation_expires_at > $2 \
                 AND password_hash IS NOT NULL AND totp_secret IS NOT NULL",
                params![account_id, at],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "open family invitation {account_id}"
            )));
        }
        let family_id = self
            .fetch_one(
                "SELECT family_id FROM family_accounts WHERE id = $1",
                params![account_id],
            )
            .await?
            .text("family_id")?;
        self.append(
            &Actor::Family {
                account_id: account_id.to_owned(),
            },
            Event::FamilyAccountActivated {
                family_id,
                account_id: account_id.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// The credentials of the account that signs in as `sign_in_name`.
    pub async fn family_credentials(
        &mut self,
        sign_in_name: &str,
    ) -> Result<Option<FamilyCredentials>, StoreError> {
        self.family_credentials_where("sign_in_name", sign_in_name)
            .await
    }

    pub async fn family_credentials_by_id(
        &mut self,
        account_id: &str,
    ) -> Result<Option<FamilyCredentials>, StoreError> {
        self.family_credentials_where("id", account_id).await
    }

    async fn family_credentials_where(
        &mut self,
        column: &str,
        value: &str,
    ) -> Result<Option<FamilyCredentials>, StoreError> {
        let Some(r) = self
            .fetch_optional(
                &format!(
                    "SELECT id, family_id, sign_in_name, password_hash, totp_secret, totp_last_step, activated_at, revoked_at, blocked_at \
                     FROM family_accounts WHERE {column} = $1 AND password_hash IS NOT NULL AND totp_secret IS NOT NULL"
                ),
                params![value],
            )
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(FamilyCredentials {
            account_id: r.text("id")?,
            family_id: r.text("family_id")?,
            sign_in_name: r.opt_text("sign_in_name")?.unwrap_or_default(),
            password_hash: r.text("password_hash")?,
            totp_secret: TotpSecret::from_base32(&r.text("totp_secret")?)
                .map_err(|e| StoreError::Invalid(e.to_string()))?,
            totp_last_step: r.opt_int("totp_last_step")?,
            usable: r.opt_text("activated_at")?.is_some()
                && r.opt_text("revoked_at")?.is_none()
                && r.opt_text("blocked_at")?.is_none(),
        }))
    }

    /// Records `step` as the account's last accepted TOTP step, only if newer: the same
    /// code works once.
    pub async fn accept_family_totp_step(
        &mut self,
        account_id: &str,
        step: i64,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE family_accounts SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
                params![account_id, step],
            )
            .await?;
        Ok(changed == 1)
    }

    /// The signed-in family member; `None` unless the account works.
    pub async fn family_principal(
        &mut self,
        account_id: &str,
    ) -> Result<Option<FamilyPrincipal>, StoreError> {
        let Some(r) = self
            .fetch_optional(
                "SELECT a.id, a.family_id, a.member_id, m.name FROM family_accounts a \
                 JOIN family_members m ON m.id = a.member_id \
                 WHERE a.id = $1 AND a.activated_at IS NOT NULL AND a.revoked_at IS NULL AND a.blocked_at IS NULL",
                params![account_id],
            )
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(FamilyPrincipal {
            account_id: r.text("id")?,
            family_id: r.text("family_id")?,
            member_id: r.text("member_id")?,
            name: r.text("name")?,
        }))
    }
}

//! Sessions, sign-in failures and second-factor state.

use eenplan_domain::UtcTime;
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::Email;
use eenplan_domain::{OrganisationId, UserId};

use crate::{Row, StoreError, Tx, ids, params};

/// What checking a sign-in needs to know about an account.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
    pub password_hash: String,
    pub totp_secret: TotpSecret,
    pub totp_confirmed: bool,
    pub totp_last_step: Option<i64>,
    pub active: bool,
    /// Someone else chose the password: its holder chooses their own first.
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Web,
    Api,
}

impl SessionKind {
    pub fn code(self) -> &'static str {
        match self {
            SessionKind::Web => "web",
            SessionKind::Api => "api",
        }
    }
}

/// Where a sign-in stands: password accepted and waiting for the code, waiting for the
/// first code of a new authenticator, or fully signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    SecondFactor,
    /// Password accepted, no second factor yet: waiting for the one-time enrolment code.
    EnrolCode,
    Enrol,
    Active,
}

impl SessionStage {
    fn code(self) -> &'static str {
        match self {
            SessionStage::SecondFactor => "second_factor",
            SessionStage::EnrolCode => "enrol_code",
            SessionStage::Enrol => "enrol",
            SessionStage::Active => "active",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "second_factor" => Ok(SessionStage::SecondFactor),
            "enrol_code" => Ok(SessionStage::EnrolCode),
            "enrol" => Ok(SessionStage::Enrol),
            "active" => Ok(SessionStage::Active),
            other => Err(StoreError::Invalid(format!(
                "stored session stage '{other}'"
            ))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub token_hash: String,
    pub user_id: UserId,
    pub kind: SessionKind,
    pub stage: SessionStage,
    pub csrf_token: String,
    pub created_at: UtcTime,
    pub last_seen_at: UtcTime,
    pub ended: bool,
}

/// The signed-in professional as pages and the API show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub organisation_id: OrganisationId,
    pub organisation_slug: String,
    pub organisation_kind: eenplan_domain::organisation::OrganisationKind,
    pub organisation_name: String,
    pub team_id: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
    pub second_factor_set: bool,
    /// Every page leads to "choose your own password" until this is cleared.
    pub must_change_password: bool,
}

impl Principal {
    pub fn actor(&self) -> Actor {
        Actor::User {
            user_id: self.user_id.to_string(),
            organisation_id: self.organisation_id.to_string(),
        }
    }
}

fn time(row: &Row, column: &str) -> Result<UtcTime, StoreError> {
    UtcTime::parse(&row.text(column)?).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl Tx {
    pub async fn credentials(&mut self, email: &Email) -> Result<Option<Credentials>, StoreError> {
        let Some(r) = self
            .fetch_optional(
                "SELECT id, organisation_id, password_hash, totp_secret, totp_confirmed_at, totp_last_step, active, must_change_password \
                 FROM users WHERE email = $1",
                params![email.as_str()],
            )
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(Credentials {
            user_id: r.id("id")?,
            organisation_id: r.id("organisation_id")?,
            password_hash: r.text("password_hash")?,
            totp_secret: TotpSecret::from_base32(&r.text("totp_secret")?)
                .map_err(|e| StoreError::Invalid(e.to_string()))?,
            totp_confirmed: r.opt_text("totp_confirmed_at")?.is_some(),
            totp_last_step: r.opt_int("totp_last_step")?,
            active: r.bool("active")?,
            must_change_password: r.bool("must_change_password")?,
        }))
    }

    pub async fn credentials_by_id(
        &mut self,
        user_id: &UserId,
    ) -> Result<Option<Credentials>, StoreError> {
        let email = self
            .fetch_optional("SELECT email FROM users WHERE id = $1", params![user_id])
            .await?;
        match email {
            Some(r) => {
                let email = Email::parse(&r.text("email")?)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?;
                self.credentials(&email).await
            }
            None => Ok(None),
        }
    }

    /// Failures since `since` for this e-mail address and for this client.
    pub async fn recent_sign_in_failures(
        &mut self,
        email: &str,
        client: &str,
        since: UtcTime,
    ) -> Result<(u32, u32), StoreError> {
        let since = since.to_rfc3339();
        let count = |r: Row| -> Result<u32, StoreError> {
            Ok(u32::try_from(r.int("n")?).unwrap_or(u32::MAX))
        };
        let by_email = self
            .fetch_one(
                "SELECT COUNT(*) AS n FROM sign_in_failures WHERE email = $1 AND at >= $2",
                params![email, &since],
            )
            .await?;
        let by_client = self
            .fetch_one(
                "SELECT COUNT(*) AS n FROM sign_in_failures WHERE client = $1 AND at >= $2",
                params![client, &since],
            )
            .await?;
        Ok((count(by_email)?, count(by_client)?))
    }

    pub async fn record_sign_in_failure(
        &mut self,
        email: &str,
        client: &str,
        stage: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO sign_in_failures (id, email, client, at) VALUES ($1, $2, $3, $4)",
            params![ids::new_id(), email, client, UtcTime::now().to_rfc3339()],
        )
        .await?;
        self.append(
            &Actor::System {
                component: "sign-in",
            },
            Event::SignInFailed {
                email: email.to_owned(),
                client: client.to_owned(),
                stage: stage.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// Starts a session. Only a fully signed-in session is journaled as a sign-in; the
    /// intermediate stages are not yet anyone acting.
    pub async fn start_session(
        &mut self,
        credentials: &Credentials,
        kind: SessionKind,
        stage: SessionStage,
        token_hash: &str,
        csrf_token: &str,
    ) -> Result<(), StoreError> {
        let now = UtcTime::now().to_rfc3339();
        self.execute(
            "INSERT INTO sessions (token_hash, user_id, kind, stage, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            params![token_hash, &credentials.user_id, kind.code(), stage.code(), csrf_token, now],
        )
        .await?;
        if stage == SessionStage::Active {
            self.journal_sign_in(credentials, kind).await?;
            // A session row is a credential: one planted behind eenplan's back would
            // open a file, so the sign-in seals it (`verify --deep`).
            self.also_seal(crate::deep::Rec::Session(token_hash.to_owned()));
        }
        Ok(())
    }

    async fn journal_sign_in(
        &mut self,
        c: &Credentials,
        kind: SessionKind,
    ) -> Result<(), StoreError> {
        self.append(
            &Actor::User {
                user_id: c.user_id.to_string(),
                organisation_id: c.organisation_id.to_string(),
            },
            Event::SignedIn {
                user_id: c.user_id.to_string(),
                session_kind: kind.code().to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    pub async fn session(&mut self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        let Some(r) = self
            .fetch_optional(
                "SELECT token_hash, user_id, kind, stage, csrf_token, created_at, last_seen_at, ended_at \
                 FROM sessions WHERE token_hash = $1",
                params![token_hash],
            )
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(SessionRecord {
            token_hash: r.text("token_hash")?,
            user_id: r.id("user_id")?,
            kind: if r.text("kind")? == "api" {
                SessionKind::Api
            } else {
                SessionKind::Web
            },
            stage: SessionStage::parse(&r.text("stage")?)?,
            csrf_token: r.text("csrf_token")?,
            created_at: time(&r, "created_at")?,
            last_seen_at: time(&r, "last_seen_at")?,
            ended: r.opt_text("ended_at")?.is_some(),
        }))
    }

    /// Marks a second-factor session as fully signed in, under a new token (the old one
    /// is ended), so a token seen before sign-in completed is worth nothing after.
    pub async fn complete_sign_in(
        &mut self,
        old: &SessionRecord,
        credentials: &Credentials,
        new_token_hash: &str,
        csrf_token: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE sessions SET ended_at = $2, end_reason = 'promoted' WHERE token_hash = $1 AND ended_at IS NULL",
            params![&old.token_hash, UtcTime::now().to_rfc3339()],
        )
        .await?;
        self.start_session(
            credentials,
            old.kind,
            SessionStage::Active,
            new_token_hash,
            csrf_token,
        )
        .await
    }

    pub async fn touch_session(
        &mut self,
        token_hash: &str,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND ended_at IS NULL",
            params![token_hash, now.to_rfc3339()],
        )
        .await?;
        Ok(())
    }

    /// Ends one session; journaled when it was a real sign-in.
    pub async fn end_session(
        &mut self,
        session: &SessionRecord,
        reason: &str,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE token_hash = $1 AND ended_at IS NULL",
                params![&session.token_hash, UtcTime::now().to_rfc3339(), reason],
            )
            .await?;
        if changed > 0 && session.stage == SessionStage::Active {
            self.append(
                &Actor::System {
                    component: "sessions",
                },
                Event::SessionEnded {
                    user_id: session.user_id.to_string(),
                    reason: reason.to_owned(),
                },
            )
            .await?;
        }
        Ok(())
    }

    async fn end_all_sessions(&mut self, user_id: &UserId, reason: &str) -> Result<(), StoreError> {
        self.execute(
            "UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE user_id = $1 AND ended_at IS NULL",
            params![user_id, UtcTime::now().to_rfc3339(), reason],
        )
        .await?;
        Ok(())
    }

    /// Records `step` as the last accepted TOTP step, only if it is newer than the one
    /// stored: of two requests racing with the same code, one wins.
    pub async fn accept_totp_step(
        &mut self,
        user_id: &UserId,
        step: i64,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
                params![user_id, step],
            )
            .await?;
        Ok(changed == 1)
    }

    /// Binds the new authenticator and uses up the enrolment code that opened this
    /// enrolment; refused (NotFound) when that code has expired or was used meanwhile.
    pub async fn confirm_second_factor(
        &mut self,
        credentials: &Credentials,
    ) -> Result<(), StoreError> {
        let now = UtcTime::now().to_rfc3339();
        let changed = self
            .execute(
                "UPDATE users SET totp_confirmed_at = $2, enrolment_code_hash = NULL, enrolment_code_expires_at = NULL \
                 WHERE id = $1 AND totp_confirmed_at IS NULL AND enrolment_code_hash IS NOT NULL AND enrolment_code_expires_at > $2",
                params![&credentials.user_id, now],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "a valid enrolment code for user {}",
                credentials.user_id
            )));
        }
        self.append(
            &Actor::User {
                user_id: credentials.user_id.to_string(),
                organisation_id: credentials.organisation_id.to_string(),
            },
            Event::SecondFactorEnrolled {
                user_id: credentials.user_id.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    /// Marks the second factor as already enrolled (the demo's printed secrets).
    pub async fn preconfirm_second_factor(&mut self, user_id: &UserId) -> Result<(), StoreError> {
        self.execute(
            "UPDATE users SET totp_confirmed_at = $2 WHERE id = $1",
            params![user_id, UtcTime::now().to_rfc3339()],
        )
        .await?;
        Ok(())
    }

    /// A new secret; the person enrols again at their next sign-in. Ends their sessions.
    pub async fn reset_second_factor(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        secret: &TotpSecret,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET totp_secret = $2, totp_confirmed_at = NULL, totp_last_step = NULL WHERE id = $1",
                params![user_id, secret.to_base32()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        }
        self.end_all_sessions(user_id, "second_factor_reset")
            .await?;
        self.append(
            actor,
            Event::SecondFactorReset {
                user_id: user_id.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    pub async fn deactivate_user(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET active = 0 WHERE id = $1 AND active = 1",
                params![user_id],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("active user {user_id}")));
        }
        self.end_all_sessions(user_id, "deactivated").await?;
        self.append(
            actor,
            Event::UserDeactivated {
                user_id: user_id.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    /// Whether `code_hash` is this account's current, unexpired enrolment code.
    pub async fn enrolment_code_matches(
        &mut self,
        user_id: &UserId,
        code_hash: &str,
        now: UtcTime,
    ) -> Result<bool, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT enrolment_code_hash FROM users \
                 WHERE id = $1 AND totp_confirmed_at IS NULL AND enrolment_code_hash IS NOT NULL AND enrolment_code_expires_at > $2",
                params![user_id, now.to_rfc3339()],
            )
            .await?;
        Ok(match row {
            Some(r) => {
                let stored = r.text("enrolment_code_hash")?;
                // Equal length hex digests: compare without an early exit.
                stored.len() == code_hash.len()
                    && stored
                        .bytes()
                        .zip(code_hash.bytes())
                        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                        == 0
            }
            None => false,
        })
    }

    /// Stores a new enrolment code (its hash only), replacing any earlier one.
    pub async fn issue_enrolment_code(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        code_hash: &str,
        expires_at: UtcTime,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET enrolment_code_hash = $2, enrolment_code_expires_at = $3 WHERE id = $1 AND active = 1",
                params![user_id, code_hash, expires_at.to_rfc3339()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("active user {user_id}")));
        }
        self.append(
            actor,
            Event::EnrolmentCodeIssued {
                user_id: user_id.to_string(),
                expires_at: expires_at.to_rfc3339(),
            },
        )
        .await?;
        Ok(())
    }

    /// A half-finished sign-in moves on (the enrolment code was accepted).
    pub async fn advance_session(
        &mut self,
        token_hash: &str,
        from: SessionStage,
        to: SessionStage,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE sessions SET stage = $3 WHERE token_hash = $1 AND stage = $2 AND ended_at IS NULL",
                params![token_hash, from.code(), to.code()],
            )
            .await?;
        Ok(changed == 1)
    }

    /// The account's password was chosen by someone else: its holder must choose their
    /// own at the next sign-in.
    pub async fn require_password_change(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET must_change_password = 1 WHERE id = $1",
                params![user_id],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        }
        self.append(
            actor,
            Event::PasswordChangeRequired {
                user_id: user_id.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    /// The holder sets their own password (already hashed). Every other session of the
    /// account ends: whoever knew the old password keeps nothing.
    pub async fn change_own_password(
        &mut self,
        principal: &Principal,
        keep_session: &str,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET password_hash = $2, must_change_password = 0 WHERE id = $1 AND active = 1",
                params![&principal.user_id, password_hash],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "active user {}",
                principal.user_id
            )));
        }
        self.execute(
            "UPDATE sessions SET ended_at = $3, end_reason = 'password_changed' \
             WHERE user_id = $1 AND token_hash <> $2 AND ended_at IS NULL",
            params![
                &principal.user_id,
                keep_session,
                UtcTime::now().to_rfc3339()
            ],
        )
        .await?;
        self.append(
            &principal.actor(),
            Event::PasswordChanged {
                user_id: principal.user_id.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    pub async fn principal(&mut self, user_id: &UserId) -> Result<Option<Principal>, StoreError> {
        let rows = self
            .fetch_all(
                &format!("{PRINCIPAL_SELECT} WHERE u.id = $1"),
                params![user_id],
            )
            .await?;
        Ok(principals_from_rows(&rows)?.into_iter().next())
    }

    /// Every account with organisation and roles, by organisation and name.
    pub async fn principals(&mut self) -> Result<Vec<Principal>, StoreError> {
        let rows = self
            .fetch_all(
                &format!("{PRINCIPAL_SELECT} ORDER BY o.slug, u.name, u.id"),
                vec![],
            )
            .await?;
        principals_from_rows(&rows)
    }

    /// The accounts of one organisation, by name: what its administrator manages.
    pub async fn principals_of(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<Vec<Principal>, StoreError> {
        let rows = self
            .fetch_all(
                &format!("{PRINCIPAL_SELECT} WHERE u.organisation_id = $1 ORDER BY u.name, u.id"),
                params![organisation_id],
            )
            .await?;
        principals_from_rows(&rows)
    }
}

const PRINCIPAL_SELECT: &str = "SELECT u.id, u.email, u.name, u.organisation_id, o.slug, o.name AS organisation_name, \
     u.active, r.role, CAST(CASE WHEN u.totp_confirmed_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS second_factor_set, \
     u.team_id, o.kind, u.must_change_password \
     FROM users u JOIN organisations o ON o.id = u.organisation_id \
     LEFT JOIN user_roles r ON r.user_id = u.id";

/// One row per role; folds consecutive rows of the same user into one principal.
fn principals_from_rows(rows: &[Row]) -> Result<Vec<Principal>, StoreError> {
    let mut out: Vec<Principal> = Vec::new();
    for r in rows {
        let id: UserId = r.id("id")?;
        let role: Option<Role> = match r.opt_text("role")? {
            Some(code) => Some(
                code.parse()
                    .map_err(|e: eenplan_domain::UnknownCode| StoreError::Invalid(e.to_string()))?,
            ),
            None => None,
        };
        match out.last_mut() {
            Some(p) if p.user_id == id => p.roles.extend(role),
            _ => out.push(Principal {
                user_id: id,
                email: r.text("email")?,
                name: r.text("name")?,
                organisation_id: r.id("organisation_id")?,
                organisation_slug: r.text("slug")?,
                organisation_name: r.text("organisation_name")?,
                organisation_kind: r.code("kind")?,
                team_id: r.opt_text("team_id")?,
                roles: role.into_iter().collect(),
                active: r.bool("active")?,
                second_factor_set: r.bool("second_factor_set")?,
                must_change_password: r.bool("must_change_password")?,
            }),
        }
    }
    for p in &mut out {
        p.roles.sort();
    }
    Ok(out)
}

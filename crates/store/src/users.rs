//! Professionals' accounts and their roles.

use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_domain::{OrganisationId, UserId};

use crate::{StoreError, Tx, ids, params};

/// A new account. The password arrives already hashed: the plain password never
/// reaches the store.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: PersonName,
    pub organisation_id: OrganisationId,
    pub team_id: Option<String>,
    pub roles: Vec<Role>,
    pub password_hash: String,
    pub totp_secret: TotpSecret,
}

/// What an administrator corrects on an account.
#[derive(Debug, Clone)]
pub struct UserChange {
    pub name: PersonName,
    pub team_id: Option<String>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub organisation_id: OrganisationId,
    pub team_id: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
}

impl Tx {
    pub async fn create_user(&mut self, actor: &Actor, new: NewUser) -> Result<User, StoreError> {
        if new.roles.is_empty() {
            return Err(StoreError::Invalid("a user needs at least one role".into()));
        }
        let mut roles = new.roles.clone();
        roles.sort();
        roles.dedup();
        let id = UserId::from(ids::new_id());
        self.execute(
            "INSERT INTO users (id, email, name, organisation_id, team_id, password_hash, totp_secret, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)",
            params![
                &id,
                new.email.as_str(),
                new.name.as_str(),
                &new.organisation_id,
                new.team_id.clone(),
                &new.password_hash,
                new.totp_secret.to_base32(),
                self.now_text()
            ],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("a user with e-mail {}", new.email)))?;
        for role in &roles {
            self.execute(
                "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
                params![&id, role.code()],
            )
            .await?;
        }
        self.append(
            actor,
            Event::UserCreated {
                user_id: id.to_string(),
                email: new.email.to_string(),
                name: new.name.as_str().to_owned(),
                organisation_id: new.organisation_id.to_string(),
                team_id: new.team_id.clone(),
                roles: roles.clone(),
            },
        )
        .await?;
        Ok(User {
            id,
            email: new.email.to_string(),
            name: new.name.as_str().to_owned(),
            organisation_id: new.organisation_id,
            team_id: new.team_id,
            roles,
            active: true,
        })
    }

    pub async fn user_by_email(&mut self, email: &Email) -> Result<Option<User>, StoreError> {
        let Some(row) = self
            .fetch_optional(
                "SELECT id, email, name, organisation_id, team_id, active FROM users WHERE email = $1",
                params![email.as_str()],
            )
            .await?
        else {
            return Ok(None);
        };
        let id: UserId = row.id("id")?;
        let roles = self
            .fetch_all(
                "SELECT role FROM user_roles WHERE user_id = $1",
                params![&id],
            )
            .await?
            .iter()
            .map(|r| r.code("role"))
            .collect::<Result<Vec<Role>, _>>()?;
        let mut roles = roles;
        roles.sort();
        Ok(Some(User {
            id,
            email: row.text("email")?,
            name: row.text("name")?,
            organisation_id: row.id("organisation_id")?,
            team_id: row.opt_text("team_id")?,
            roles,
            active: row.bool("active")?,
        }))
    }

    /// Sets (or clears) a professional's work phone number.
    pub async fn set_phone(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        phone: Option<&eenplan_domain::user::Phone>,
    ) -> Result<(), StoreError> {
        let phone = phone.map(|p| p.as_str().to_owned());
        let changed = self
            .execute(
                "UPDATE users SET phone = $2 WHERE id = $1",
                params![user_id, phone.clone()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        }
        self.append(
            actor,
            Event::PhoneChanged {
                user_id: user_id.to_string(),
                phone,
            },
        )
        .await?;
        Ok(())
    }

    /// An account's work phone number, when it has one.
    pub async fn user_phone(&mut self, user_id: &UserId) -> Result<Option<String>, StoreError> {
        Ok(self
            .fetch_optional("SELECT phone FROM users WHERE id = $1", params![user_id])
            .await?
            .map(|r| r.opt_text("phone"))
            .transpose()?
            .flatten())
    }

    /// Corrects an account's name, team and roles. The team must be one of the
    /// account's own organisation; the roles are the ones it has from now on.
    pub async fn change_user(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        change: &UserChange,
    ) -> Result<(), StoreError> {
        if change.roles.is_empty() {
            return Err(StoreError::Invalid("a user needs at least one role".into()));
        }
        let organisation: OrganisationId = self
            .fetch_optional(
                "SELECT organisation_id FROM users WHERE id = $1",
                params![user_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {user_id}")))?
            .id("organisation_id")?;
        if let Some(team) = &change.team_id {
            let of_org = self
                .fetch_optional(
                    "SELECT id FROM teams WHERE id = $1 AND organisation_id = $2",
                    params![team, &organisation],
                )
                .await?;
            if of_org.is_none() {
                return Err(StoreError::Invalid(format!(
                    "team {team} is not a team of this account's organisation"
                )));
            }
        }
        let mut roles = change.roles.clone();
        roles.sort();
        roles.dedup();
        self.execute(
            "UPDATE users SET name = $2, team_id = $3 WHERE id = $1",
            params![user_id, change.name.as_str(), change.team_id.clone()],
        )
        .await?;
        self.execute(
            "DELETE FROM user_roles WHERE user_id = $1",
            params![user_id],
        )
        .await?;
        for role in &roles {
            self.execute(
                "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
                params![user_id, role.code()],
            )
            .await?;
        }
        self.append(
            actor,
            Event::UserChanged {
                user_id: user_id.to_string(),
                name: change.name.as_str().to_owned(),
                team_id: change.team_id.clone(),
                roles,
            },
        )
        .await?;
        Ok(())
    }

    /// Gives a deactivated account back its access: its password and authenticator
    /// work again, its files are not given back (they were handed over).
    pub async fn reactivate_user(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET active = 1 WHERE id = $1 AND active = 0",
                params![user_id],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("inactive user {user_id}")));
        }
        self.append(
            actor,
            Event::UserReactivated {
                user_id: user_id.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    pub async fn count_users(&mut self) -> Result<i64, StoreError> {
        self.fetch_one("SELECT COUNT(*) AS n FROM users", vec![])
            .await?
            .int("n")
    }
}

//! Signing in through the API: its bodies and their schemas.

use eenplan_domain::role::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::schema::code_array;
use eenplan_store::Principal;

/// All three factors at once. Each is read leniently (a missing one is named in the
/// 400, not refused as malformed JSON), but all three are needed.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SessionRequest {
    #[schema(required = true, format = Email, value_type = String)]
    pub email: Option<String>,
    #[schema(required = true, format = Password, value_type = String)]
    pub password: Option<String>,
    /// The six digits the authenticator app shows now.
    #[schema(required = true, pattern = "^[0-9]{6}$", value_type = String)]
    pub totp: Option<String>,
}

/// A bearer token and when it expires without use.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    pub token: String,
    #[schema(format = DateTime)]
    pub expires_at: String,
}

/// Whose token it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    id: String,
    email: String,
    name: String,
    organisation: MeOrganisation,
    #[schema(schema_with = code_array::<Role>)]
    roles: Vec<&'static str>,
}

#[derive(Debug, Serialize, ToSchema)]
struct MeOrganisation {
    id: String,
    slug: String,
    name: String,
}

impl From<&Principal> for Me {
    fn from(p: &Principal) -> Self {
        Self {
            id: p.user_id.to_string(),
            email: p.email.clone(),
            name: p.name.clone(),
            organisation: MeOrganisation {
                id: p.organisation_id.to_string(),
                slug: p.organisation_slug.clone(),
                name: p.organisation_name.clone(),
            },
            roles: p.roles.iter().map(|r| r.code()).collect(),
        }
    }
}

//! The protection order request's bodies and their schemas: a request as the family's
//! lead and the Raad see it, and what the lead and the Raad send.
//! A request field read with a default (so the 400 names it rather than calling the
//! JSON malformed) is still required in the document where an absent one is refused
//! like an empty one.

use eenplan_domain::protection_order::{ConclusionKind, Measure, RequestState};
use eenplan_store::{ProtectionOrderRequest as Stored, RequestChild};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

use crate::kit::schema::codes;

/// A family's requests, or the Raad's work list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProtectionOrderRequests {
    pub requests: Vec<ProtectionOrderRequest>,
}

/// A request for investigation to the Raad and where it stands. The dates of the later
/// steps, the reason, the measures and the institution are null until that step.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProtectionOrderRequest {
    id: String,
    family_id: String,
    family_label: String,
    /// The Raad organisation it goes to.
    rvdk: ProtectionOrderRequestRvdk,
    requested_by: ProtectionOrderRequestRequestedBy,
    #[schema(format = Date)]
    requested_on: String,
    children: Vec<ProtectionOrderRequestChild>,
    /// Why voluntary help did not reach safety.
    grounds: String,
    /// What was tried.
    tried: String,
    #[schema(schema_with = codes::<RequestState>)]
    state: &'static str,
    #[schema(format = Date, required = true)]
    investigation_on: Option<String>,
    #[schema(format = Date, required = true)]
    concluded_on: Option<String>,
    /// Why the Raad sees no need for a measure.
    #[schema(required = true)]
    no_measure_reason: Option<String>,
    /// The measure the Raad asks of the court.
    #[schema(schema_with = measure_or_null, required = true)]
    petitioned_measure: Option<&'static str>,
    #[schema(format = Date, required = true)]
    decided_on: Option<String>,
    /// The measure the court granted.
    #[schema(schema_with = measure_or_null, required = true)]
    granted_measure: Option<&'static str>,
    /// When a granted supervision order ends; null for custody termination.
    #[schema(format = Date, required = true)]
    ends_on: Option<String>,
    /// The certified institution that carries a granted measure out.
    #[schema(required = true)]
    institution: Option<ProtectionOrderRequestInstitution>,
}

/// The Raad organisation a request goes to.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProtectionOrderRequestRvdk {
    id: String,
    name: String,
}

/// Who made the request, for the Raad to contact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProtectionOrderRequestRequestedBy {
    name: String,
    email: String,
    /// The requesting organisation's name.
    organisation: String,
}

/// A child the request is about: what the Raad needs to know who it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProtectionOrderRequestChild {
    id: String,
    name: String,
    #[schema(format = Date, required = true)]
    date_of_birth: Option<String>,
}

/// The certified institution of a granted measure.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProtectionOrderRequestInstitution {
    id: String,
    #[schema(required = true)]
    name: Option<String>,
}

/// A measure's code, or null before the step that names it.
fn measure_or_null() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(
            Measure::ALL
                .iter()
                .map(|m| serde_json::Value::from(m.code()))
                .chain([serde_json::Value::Null]),
        ))
        .build()
}

fn day(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

impl From<&Stored> for ProtectionOrderRequest {
    fn from(r: &Stored) -> Self {
        Self {
            id: r.id.clone(),
            family_id: r.family_id.to_string(),
            family_label: r.family_label.clone(),
            rvdk: ProtectionOrderRequestRvdk {
                id: r.rvdk_organisation_id.to_string(),
                name: r.rvdk_name.clone(),
            },
            requested_by: ProtectionOrderRequestRequestedBy {
                name: r.requested_by_name.clone(),
                email: r.requested_by_email.clone(),
                organisation: r.requesting_organisation_name.clone(),
            },
            requested_on: r.requested_on.to_string(),
            children: r
                .children
                .iter()
                .map(ProtectionOrderRequestChild::from)
                .collect(),
            grounds: r.grounds.clone(),
            tried: r.tried.clone(),
            state: r.state.code(),
            investigation_on: day(r.investigation_on),
            concluded_on: day(r.concluded_on),
            no_measure_reason: r.no_measure_reason.clone(),
            petitioned_measure: r.petitioned_measure.map(Measure::code),
            decided_on: day(r.decided_on),
            granted_measure: r.granted_measure.map(Measure::code),
            ends_on: day(r.ends_on),
            institution: r
                .institution_id
                .as_ref()
                .map(|id| ProtectionOrderRequestInstitution {
                    id: id.clone(),
                    name: r.institution_name.clone(),
                }),
        }
    }
}

impl From<&RequestChild> for ProtectionOrderRequestChild {
    fn from(c: &RequestChild) -> Self {
        Self {
            id: c.id.clone(),
            name: c.name.clone(),
            date_of_birth: day(c.date_of_birth),
        }
    }
}

/// A request as the lead makes it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewProtectionOrderRequest {
    /// The Raad organisation it goes to.
    #[serde(default)]
    #[schema(required = true)]
    pub rvdk_organisation_id: String,
    /// The children it concerns: member ids of the family's current children.
    #[serde(default)]
    #[schema(required = true)]
    pub children: Vec<String>,
    /// Why voluntary help did not reach safety.
    #[serde(default)]
    #[schema(required = true)]
    pub grounds: String,
    /// What was tried.
    #[serde(default)]
    #[schema(required = true)]
    pub tried: String,
}

/// The Raad takes the request up: the day its investigation started.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RaadInvestigation {
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub started_on: String,
}

/// The investigation's outcome.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RaadOutcome {
    #[serde(default)]
    #[schema(required = true, schema_with = codes::<ConclusionKind>)]
    pub outcome: String,
    /// Required for a petition: the measure asked of the court.
    #[schema(schema_with = codes::<Measure>)]
    pub measure: Option<String>,
    /// Required for no_measure.
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub concluded_on: String,
}

/// The juvenile court's decision on the petition.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CourtDecision {
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub decided_on: String,
    pub granted: bool,
    /// Required when granted.
    #[schema(schema_with = codes::<Measure>)]
    pub measure: Option<String>,
    /// Supervision order (with placement): at most one year after the decision; none
    /// for custody termination.
    #[schema(value_type = String, format = Date, required = false)]
    pub ends_on: Option<String>,
    /// A certified institution; required when granted.
    #[schema(value_type = String, required = false)]
    pub institution_id: Option<String>,
}

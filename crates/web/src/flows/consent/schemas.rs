//! Consent, the framework and emergency access: the API's bodies and their schemas.

use eenplan_domain::UtcTime;
use eenplan_domain::family::{
    AnonymousSummary as Summary, ConsentForm, ConsentStep, DataCategory, Framework, LifeDomain,
};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{Consent, Family};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::schema::{code_array, codes};

/// The family's framework and every consent it has, withdrawn ones too: whether a step
/// may be taken is read from the whole history.
#[derive(Debug, Serialize, ToSchema)]
pub struct Consents {
    #[schema(schema_with = codes::<Framework>)]
    framework: &'static str,
    /// The organisation the legal basis names; null in the voluntary framework.
    #[schema(required = true)]
    framework_organisation_id: Option<String>,
    consents: Vec<ConsentsConsent>,
}

#[derive(Debug, Serialize, ToSchema)]
struct ConsentsConsent {
    id: String,
    #[schema(schema_with = codes::<ConsentStep>)]
    step: &'static str,
    /// The organisation the consent opens the file to; null for a step that names none.
    #[schema(required = true)]
    organisation_id: Option<String>,
    purpose: String,
    #[schema(schema_with = code_array::<DataCategory>)]
    categories: Vec<&'static str>,
    children: Vec<ConsentsPerson>,
    given_by: Vec<ConsentsPerson>,
    #[schema(schema_with = codes::<ConsentForm>)]
    form: &'static str,
    #[schema(format = Date)]
    given_on: String,
    /// Null when the consent runs until withdrawn.
    #[schema(format = Date, required = true)]
    ends_on: Option<String>,
    /// Whether it covers today: given, not yet ended and not withdrawn.
    in_force: bool,
    #[schema(format = DateTime, required = true)]
    withdrawn_at: Option<String>,
    /// How the withdrawal came about; null while it is not withdrawn.
    #[schema(required = true)]
    withdrawal_reason: Option<String>,
}

/// A family member a consent is about or was given by.
#[derive(Debug, Serialize, ToSchema)]
struct ConsentsPerson {
    id: String,
    name: String,
}

fn people(p: &[(String, String)]) -> Vec<ConsentsPerson> {
    p.iter()
        .map(|(id, name)| ConsentsPerson {
            id: id.clone(),
            name: name.clone(),
        })
        .collect()
}

impl Consents {
    pub fn new(family: &Family, consents: &[Consent], today: Date) -> Self {
        Self {
            framework: family.framework.code(),
            framework_organisation_id: family.framework_organisation_id.clone(),
            consents: consents
                .iter()
                .map(|c| ConsentsConsent {
                    id: c.id.clone(),
                    step: c.step.code(),
                    organisation_id: c.organisation_id.as_ref().map(ToString::to_string),
                    purpose: c.purpose.clone(),
                    categories: c.categories.iter().map(|k| k.code()).collect(),
                    children: people(&c.children),
                    given_by: people(&c.given_by),
                    form: c.form.code(),
                    given_on: c.given_on.to_string(),
                    ends_on: c.ends_on.map(|d| d.to_string()),
                    in_force: c.facts().in_force(today),
                    withdrawn_at: c.withdrawn_at.clone(),
                    withdrawal_reason: c.withdrawal_reason.clone(),
                })
                .collect(),
        }
    }
}

/// A consent as the lead records it. Who must consent follows from the step and the
/// children's ages; a consent missing someone is refused with who is missing.
/// Purpose, children and givers are read leniently so that an absent one is refused
/// like an empty one, at its field, in Dutch; a consent is never recorded without them.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewConsent {
    #[schema(schema_with = codes::<ConsentStep>)]
    pub step: String,
    /// The organisation the step opens the file to, for the steps that name one.
    pub organisation_id: Option<String>,
    #[serde(default)]
    #[schema(required = true)]
    pub purpose: String,
    /// What the organisation may see.
    #[serde(default)]
    #[schema(schema_with = code_array::<DataCategory>)]
    pub categories: Vec<String>,
    /// Member ids of the children the consent is about.
    #[serde(default)]
    #[schema(required = true)]
    pub children: Vec<String>,
    /// Member ids of those who gave it.
    #[serde(default)]
    #[schema(required = true)]
    pub given_by: Vec<String>,
    #[schema(schema_with = codes::<ConsentForm>)]
    pub form: String,
    #[schema(format = Date)]
    pub given_on: String,
    /// Absent, null or empty: until withdrawn.
    #[schema(format = Date)]
    pub ends_on: Option<String>,
}

/// A change of framework, from the day it takes effect. The ground is read leniently
/// so that an absent one is refused like an empty one; a change is never made without.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FrameworkChange {
    #[schema(schema_with = codes::<Framework>)]
    pub framework: String,
    /// The organisation the legal basis names (outside the voluntary framework).
    pub organisation_id: Option<String>,
    /// The legal ground, such as the court's decision.
    #[serde(default)]
    #[schema(required = true)]
    pub ground: String,
    #[schema(format = Date)]
    pub effective_on: String,
}

/// Until when the emergency access runs.
#[derive(Debug, Serialize, ToSchema)]
pub struct Emergency {
    #[schema(format = DateTime)]
    expires_at: String,
}

impl Emergency {
    pub fn until(until: UtcTime) -> Self {
        Self {
            expires_at: until.to_rfc3339(),
        }
    }
}

/// What a specialist needs to advise without learning who the family is: no names,
/// dates of birth, address or free text.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnonymousSummary {
    /// Ages in full years, oldest first.
    children_ages: Vec<i16>,
    parents: usize,
    parents_with_custody: usize,
    other_household_members: usize,
    #[schema(schema_with = codes::<Framework>)]
    framework: &'static str,
    /// The numbers on the safety scales, without whose they are.
    safety_scales: Vec<u8>,
    /// The life domains the plan works on.
    #[schema(schema_with = code_array::<LifeDomain>)]
    life_domains: Vec<&'static str>,
    /// How many organisations of each kind are in the circle.
    involved: Vec<AnonymousSummaryInvolved>,
    worries: usize,
    danger_statements: usize,
}

#[derive(Debug, Serialize, ToSchema)]
struct AnonymousSummaryInvolved {
    #[schema(schema_with = codes::<OrganisationKind>)]
    kind: &'static str,
    count: usize,
}

impl From<&Summary> for AnonymousSummary {
    fn from(s: &Summary) -> Self {
        Self {
            children_ages: s.children_ages.clone(),
            parents: s.parents,
            parents_with_custody: s.parents_with_custody,
            other_household_members: s.other_household_members,
            framework: s.framework.code(),
            safety_scales: s.safety_scales.clone(),
            life_domains: s.life_domains.iter().map(|d| d.code()).collect(),
            involved: s
                .involved
                .iter()
                .map(|(k, n)| AnonymousSummaryInvolved {
                    kind: k.code(),
                    count: *n,
                })
                .collect(),
            worries: s.worries,
            danger_statements: s.danger_statements,
        }
    }
}

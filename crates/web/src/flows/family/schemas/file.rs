//! The file itself: finding and opening one, reading it, its household, network and
//! the professionals who work with the family.

use eenplan_domain::family::{
    Expertise, Framework, InvolvementRole, MemberKind, NetworkRelation, age_on,
};
use eenplan_store::{FamilyRow, Involvement, Member, NetworkMember};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::kit::schema::{codes, nullable_codes};

/// The files the caller may see that fit the search, one page of them (the `Link`
/// header holds the next and previous page, `X-Total-Count` how many there are in all).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyList {
    pub families: Vec<FamilyListItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyListItem {
    id: String,
    label: String,
    postcode: String,
    house_number: String,
    city: String,
    #[schema(schema_with = codes::<Framework>)]
    framework: String,
    /// The earliest date anyone has to act on in the file (review, open action,
    /// SAVE-begeleiding review, Veilig Thuis deadline or follow-up); null when none.
    #[schema(format = Date)]
    next_due_on: Option<String>,
    /// The regisseur's name; null while the file has none.
    regisseur: Option<String>,
    /// The children in the household, oldest first.
    children: Vec<FamilyListChild>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyListChild {
    first_name: String,
    /// Age in years today; null when the date of birth is not known.
    age: Option<i16>,
}

impl FamilyListItem {
    pub fn new(f: &FamilyRow, today: jiff::civil::Date) -> Self {
        Self {
            id: f.id.to_string(),
            label: f.label.clone(),
            postcode: f.postcode.clone(),
            house_number: f.house_number.clone(),
            city: f.city.clone(),
            framework: f.framework.code().to_owned(),
            next_due_on: f.next_due_on.map(|d| d.to_string()),
            regisseur: f.regisseur.clone(),
            children: f
                .children
                .iter()
                .map(|(name, born)| FamilyListChild {
                    first_name: first_name(name).to_owned(),
                    age: born.map(|b| age_on(b, today)),
                })
                .collect(),
        }
    }
}

/// The first word of a name: how a list row tells two families apart by their children.
pub(crate) fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// A file to open. A required text that is missing or empty is named in the 400 (read
/// leniently, so every missing field is named at once rather than the JSON refused).
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NewFamily {
    #[serde(default)]
    #[schema(required = true)]
    pub label: String,
    #[serde(default)]
    #[schema(required = true)]
    pub street: String,
    #[serde(default)]
    #[schema(required = true)]
    pub house_number: String,
    #[serde(default)]
    #[schema(required = true, example = "3562 JW")]
    pub postcode: String,
    #[serde(default)]
    #[schema(required = true)]
    pub city: String,
    /// Opened as members of the household in the same transaction.
    #[serde(default)]
    pub children: Vec<NewFamilyChild>,
    /// Wijk of gemeente waar de organisatie werkt (bepaalt o.a. of het EVU er werkt)
    pub area_id: Option<String>,
    /// Set after reviewing the possible duplicates a first attempt returned.
    #[serde(default)]
    pub confirm_not_duplicate: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NewFamilyChild {
    pub name: String,
    #[schema(format = Date)]
    pub date_of_birth: String,
}

/// A member of the household. The kind is read as text so an unknown one is named in
/// the 400; an empty name is refused by the domain's member rule.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NewMember {
    #[schema(schema_with = codes::<MemberKind>)]
    pub kind: String,
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[schema(format = Date)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    pub has_custody: bool,
}

/// A member's details as they should have been, and why they change.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct MemberCorrection {
    #[serde(flatten)]
    pub member: NewMember,
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
}

/// Someone in the family's network. An empty name is refused.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NewNetworkMember {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[schema(schema_with = codes::<NetworkRelation>)]
    pub relation: String,
    #[serde(default)]
    pub safety_role: String,
    #[serde(default)]
    pub contact: String,
}

impl NewNetworkMember {
    pub fn details(&self, relation: NetworkRelation) -> eenplan_store::NetworkDetails {
        eenplan_store::NetworkDetails {
            name: self.name.clone(),
            relation,
            safety_role: self.safety_role.clone(),
            contact: self.contact.clone(),
        }
    }
}

/// A network member's details as they should have been, and why they change.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NetworkCorrection {
    #[serde(flatten)]
    pub details: NewNetworkMember,
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
}

/// A professional who joins the family's circle, or takes over the lead.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NewInvolvement {
    pub user_id: String,
    #[schema(schema_with = codes::<InvolvementRole>)]
    pub role: String,
    #[schema(schema_with = codes::<Expertise>)]
    pub expertise: Option<String>,
    pub takes_over: Option<String>,
    pub reason: Option<String>,
}

/// The file as the caller may see it: the network is empty for a partner whose
/// consents do not open it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Family {
    id: String,
    label: String,
    address: FamilyAddress,
    members: Vec<FamilyMember>,
    pub network: Vec<FamilyNetworkMember>,
    involvements: Vec<FamilyInvolvement>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyAddress {
    street: String,
    house_number: String,
    postcode: String,
    city: String,
    #[schema(required = true)]
    area_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyMember {
    id: String,
    #[schema(schema_with = codes::<MemberKind>)]
    kind: &'static str,
    name: String,
    #[schema(required = true, format = Date)]
    date_of_birth: Option<String>,
    has_custody: bool,
    ended: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyNetworkMember {
    id: String,
    name: String,
    #[schema(schema_with = codes::<NetworkRelation>)]
    relation: &'static str,
    safety_role: String,
    contact: String,
    ended: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyInvolvement {
    id: String,
    #[schema(schema_with = codes::<InvolvementRole>)]
    role: &'static str,
    organisation: FamilyInvolvementOrganisation,
    person: FamilyInvolvementPerson,
    #[schema(schema_with = nullable_codes::<Expertise>, required = true)]
    expertise: Option<&'static str>,
    #[schema(format = DateTime)]
    started_at: String,
    ended: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyInvolvementOrganisation {
    id: String,
    name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FamilyInvolvementPerson {
    id: String,
    name: String,
    email: String,
}

impl From<&Member> for FamilyMember {
    fn from(m: &Member) -> Self {
        Self {
            id: m.id.clone(),
            kind: m.kind.code(),
            name: m.name.clone(),
            date_of_birth: m.date_of_birth.map(|d| d.to_string()),
            has_custody: m.has_custody,
            ended: m.ended,
        }
    }
}

impl From<&NetworkMember> for FamilyNetworkMember {
    fn from(n: &NetworkMember) -> Self {
        Self {
            id: n.id.clone(),
            name: n.name.clone(),
            relation: n.relation.code(),
            safety_role: n.safety_role.clone(),
            contact: n.contact.clone(),
            ended: n.ended,
        }
    }
}

impl From<&Involvement> for FamilyInvolvement {
    fn from(i: &Involvement) -> Self {
        Self {
            id: i.id.clone(),
            role: i.role.code(),
            organisation: FamilyInvolvementOrganisation {
                id: i.organisation_id.clone(),
                name: i.organisation_name.clone(),
            },
            person: FamilyInvolvementPerson {
                id: i.user_id.clone(),
                name: i.user_name.clone(),
                email: i.user_email.clone(),
            },
            expertise: i.expertise.map(|e| e.code()),
            started_at: i.started_at.clone(),
            ended: i.ended,
        }
    }
}

impl From<&eenplan_store::Family> for Family {
    fn from(f: &eenplan_store::Family) -> Self {
        Self {
            id: f.id.to_string(),
            label: f.label.clone(),
            address: FamilyAddress {
                street: f.street.clone(),
                house_number: f.house_number.clone(),
                postcode: f.postcode.clone(),
                city: f.city.clone(),
                area_id: f.area_id.clone(),
            },
            members: f.members.iter().map(FamilyMember::from).collect(),
            network: f.network.iter().map(FamilyNetworkMember::from).collect(),
            involvements: f.involvements.iter().map(FamilyInvolvement::from).collect(),
        }
    }
}

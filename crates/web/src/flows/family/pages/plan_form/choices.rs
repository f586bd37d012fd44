//! Whom a row's "who" can name, and reading the choice back.

use super::*;

/// A person someone can pick in a row's "who": (form value, name, group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChoice {
    pub value: String,
    pub name: String,
    pub group: ChoiceGroup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceGroup {
    Family,
    Network,
    Professionals,
    /// Named in a saved version but no longer in the file: kept, so a save changes
    /// nothing the person did not change.
    Earlier,
}

/// The form's value for a person: `member:<id>`, `network:<id>`, `professional:<id>`,
/// or `other` for someone named only.
pub(super) fn person_value(p: &PlanPerson) -> String {
    let kind = match p.kind {
        PersonKind::Member => "member",
        PersonKind::Network => "network",
        PersonKind::Professional => "professional",
        PersonKind::Other => return OTHER.to_owned(),
    };
    format!("{kind}:{}", p.id.as_deref().unwrap_or_default())
}

pub(super) const OTHER: &str = "other";

pub(super) fn person_from_value(value: &str, name: &str) -> Option<PlanPerson> {
    let (kind, id) = value.split_once(':')?;
    let kind = match kind {
        "member" => PersonKind::Member,
        "network" => PersonKind::Network,
        "professional" => PersonKind::Professional,
        _ => return None,
    };
    Some(PlanPerson::chosen(kind, id, name))
}

/// Everyone a row's "who" can name, grouped for the choice: the people the domain lets
/// a plan name ([`nameable_people`]), from the file's people and the stored plan.
pub(in super::super) fn people(in_file: &[InFile], stored: &Plan) -> Vec<PersonChoice> {
    nameable_people(in_file, stored)
        .into_iter()
        .map(|n| PersonChoice {
            value: person_value(&n.person),
            group: match (n.earlier, n.person.kind) {
                (true, _) => ChoiceGroup::Earlier,
                (false, PersonKind::Member) => ChoiceGroup::Family,
                (false, PersonKind::Network) => ChoiceGroup::Network,
                (false, _) => ChoiceGroup::Professionals,
            },
            name: n.person.name,
        })
        .collect()
}

/// The person a row's "who" names: chosen from `people`, or someone else by the name
/// typed beside it. `missing` is the row's message when neither is given.
pub(super) fn read_person(
    value: &str,
    name: &str,
    people: &[PersonChoice],
    pt: &PlanTexts,
    missing: &'static str,
) -> Result<PlanPerson, RowError> {
    let (value, name) = (value.trim(), name.trim());
    if value.is_empty() || value == OTHER {
        if name.is_empty() {
            return Err(if value.is_empty() {
                ("who", missing)
            } else {
                ("who_name", pt.err_other_name)
            });
        }
        return Ok(PlanPerson::other(name));
    }
    people
        .iter()
        .find(|c| c.value == value)
        .and_then(|c| person_from_value(&c.value, &c.name))
        .ok_or(("who", pt.err_who_unknown))
}

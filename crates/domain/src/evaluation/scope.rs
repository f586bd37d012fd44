//! Who sees which of the evaluation's aggregates (issue 16 §2). The numbers are
//! aggregates only, but an aggregate of a small or narrow group still tells about the
//! families in it, so each role sees the part it answers for and nothing more:
//!
//! - a team lead: the families of their own organisation (its files, wherever they
//!   live), narrowed by area if asked; another organisation's families are not theirs
//!   to judge;
//! - a policy officer of a municipality or region (`OrganisationKind::Municipality`):
//!   the families living in its
//!   organisation's areas, by area and by organisation inside them, and for comparison
//!   one aggregate of all other areas together, never broken down by area or by
//!   organisation (a municipality commissions care in its own area; elsewhere it only
//!   needs the benchmark);
//! - every other role (professional, behavioural scientist, functional administrator,
//!   privacy officer, EVU coordinator, chain administrator): nothing by that role alone.
//!
//! Someone with several roles gets the union: whatever any of their roles lets them see.

use crate::area::lies_within;
use crate::organisation::OrganisationKind;
use crate::role::Role;

/// What someone may see of the evaluation; `None` from [`evaluation_scope`] when nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// A team lead's own organisation: its families, anywhere.
    organisation: Option<String>,
    /// A policy officer's areas: the families living in them (or in areas inside them).
    areas: Option<Vec<String>>,
}

/// What is asked for: an area (the area, then the areas containing it, as the store's
/// `area_path` gives it) and an organisation, either or both or neither.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    pub area_path: Option<&'a [String]>,
    pub organisation: Option<&'a str>,
}

/// What is shown for a request: the families of `organisation` (any when `None`),
/// living in `area` (anywhere when `None`) and, when `within` is not empty, only those
/// living in these areas; `others_together` adds one comparison figure for all families
/// outside `within` together, never broken down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub organisation: Option<String>,
    pub area: Option<String>,
    pub within: Vec<String>,
    pub others_together: bool,
}

/// Why a request is refused (403): the web names the filter that asked too much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OutOfScope {
    #[error("this organisation's figures are not within your view")]
    Organisation,
    #[error("this area's figures are not within your view")]
    Area,
}

/// What someone with `roles`, working for `organisation_id` (of `organisation_kind`) in
/// `organisation_areas`, may see of the evaluation.
///
/// The policy officer's part needs a municipality's (or region's) organisation: the
/// role given in a care organisation (whose own administrator may give it) must not
/// widen that organisation's view to every other organisation's families in its areas.
/// A policy officer whose organisation works in no area sees nothing (an empty list of
/// areas must never read as "everywhere").
pub fn evaluation_scope(
    roles: &[Role],
    organisation_id: &str,
    organisation_kind: OrganisationKind,
    organisation_areas: &[String],
) -> Option<Scope> {
    let organisation = (roles.contains(&Role::TeamLead) && !organisation_id.is_empty())
        .then(|| organisation_id.to_owned());
    let areas = (roles.contains(&Role::PolicyOfficer)
        && organisation_kind == OrganisationKind::Municipality
        && !organisation_areas.is_empty())
    .then(|| organisation_areas.to_vec());
    (organisation.is_some() || areas.is_some()).then_some(Scope {
        organisation,
        areas,
    })
}

impl Scope {
    /// The organisation whose families the team-lead part covers, if any.
    pub fn own_organisation(&self) -> Option<&str> {
        self.organisation.as_deref()
    }

    /// The areas the policy-officer part covers, if any.
    pub fn areas(&self) -> Option<&[String]> {
        self.areas.as_deref()
    }

    /// Whether an area (its path: itself, then the areas containing it) may be chosen
    /// as a filter: any area for a team lead (within their own organisation's
    /// families), only its own areas and those inside them for a policy officer.
    pub fn may_choose_area(&self, area_path: &[String]) -> bool {
        self.organisation.is_some()
            || self
                .areas
                .as_ref()
                .is_some_and(|a| lies_within(area_path, a))
    }

    /// Whether an organisation may be chosen as a filter: a team lead only their own; a
    /// policy officer one that works in its areas, that is one of the organisation's
    /// `organisation_areas` lies within the officer's areas or contains one of them (a
    /// provincial institution works in every municipality of its province). `paths` are
    /// every area's path (`area::paths`). Offering every organisation of the country
    /// would bury the few that matter.
    pub fn may_choose_organisation(
        &self,
        organisation_id: &str,
        organisation_areas: &[String],
        paths: &[(String, Vec<String>)],
    ) -> bool {
        let path_of = |id: &String| paths.iter().find(|(a, _)| a == id).map(|(_, p)| p);
        self.organisation.as_deref() == Some(organisation_id)
            || self.areas.as_ref().is_some_and(|mine| {
                organisation_areas.iter().any(|area| {
                    path_of(area).is_some_and(|path| lies_within(path, mine))
                        || mine
                            .iter()
                            .any(|m| path_of(m).is_some_and(|path| path.contains(area)))
                })
            })
    }

    /// The view a request gets, narrowed to what the scope allows, or why not.
    ///
    /// An organisation asked for: the team lead's own organisation is shown whole
    /// (narrowed to the area if one is asked); another organisation only to a policy
    /// officer and only inside its areas, without the comparison (it would break the
    /// other areas down by organisation). No organisation asked for: a policy officer's
    /// areas with the comparison, or a team lead's own organisation.
    pub fn check(&self, request: Request<'_>) -> Result<View, OutOfScope> {
        let area = request.area_path.and_then(|p| p.first()).cloned();
        let in_areas = |areas: &[String]| request.area_path.is_none_or(|p| lies_within(p, areas));
        let own = |organisation: &String| View {
            organisation: Some(organisation.clone()),
            area: area.clone(),
            within: Vec::new(),
            others_together: false,
        };
        match (request.organisation, &self.organisation, &self.areas) {
            (Some(asked), Some(mine), _) if asked == mine => Ok(own(mine)),
            (Some(asked), _, Some(areas)) => {
                if in_areas(areas) {
                    Ok(View {
                        organisation: Some(asked.to_owned()),
                        area,
                        within: areas.clone(),
                        others_together: false,
                    })
                } else {
                    Err(OutOfScope::Area)
                }
            }
            (Some(_), _, None) => Err(OutOfScope::Organisation),
            (None, _, Some(areas)) if in_areas(areas) => Ok(View {
                organisation: None,
                area,
                within: areas.clone(),
                others_together: true,
            }),
            (None, Some(mine), _) => Ok(own(mine)),
            (None, None, _) => Err(OutOfScope::Area),
        }
    }
}

#[cfg(test)]
#[path = "scope_tests.rs"]
mod tests;

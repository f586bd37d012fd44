//! Areas: province > municipality > neighbourhood. Work is organised by area, and some
//! rules (crisis numbers, the EVU) depend on where a family lives.

use crate::codes::code_list;

code_list! {
    AreaKind, "area kind" {
        Province = "province", "Provincie", "Province";
        Municipality = "municipality", "Gemeente", "Municipality";
        Neighbourhood = "neighbourhood", "Wijk", "Neighbourhood";
    }
}

/// Whether an area lies within the areas an organisation works in: a family's area is
/// one where its regisseur's organisation works (the local team of its municipality),
/// so what depends on where it lives (the EVU, the crisis numbers) follows from the
/// file. `path` is the area itself, then the areas containing it.
pub fn lies_within(path: &[String], organisation_areas: &[String]) -> bool {
    path.iter().any(|a| organisation_areas.contains(a))
}

/// Each area with the areas containing it (itself first), from the whole list of
/// `(id, parent)`: what [`lies_within`] takes. The tree is three levels deep, so a
/// longer chain (a cycle in damaged data) is cut rather than followed for ever.
pub fn paths(areas: &[(String, Option<String>)]) -> Vec<(String, Vec<String>)> {
    let parent = |id: &str| {
        areas
            .iter()
            .find(|(a, _)| a == id)
            .and_then(|(_, p)| p.clone())
    };
    areas
        .iter()
        .map(|(id, _)| {
            let mut path = vec![id.clone()];
            while let Some(p) = path.last().and_then(|last| parent(last)) {
                if path.contains(&p) || path.len() > 8 {
                    break;
                }
                path.push(p);
            }
            (id.clone(), path)
        })
        .collect()
}

/// The areas that lie within `roots` (the roots themselves and every area inside them).
pub fn inside(paths: &[(String, Vec<String>)], roots: &[String]) -> Vec<String> {
    paths
        .iter()
        .filter(|(_, path)| lies_within(path, roots))
        .map(|(id, _)| id.clone())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaParentError {
    #[error("a province has no parent area")]
    ProvinceWithParent,
    #[error("a {child} must lie in a {expected}, not in a {given}")]
    WrongParent {
        child: AreaKind,
        expected: AreaKind,
        given: AreaKind,
    },
    #[error("a {child} must lie in a {expected}; name its parent")]
    MissingParent { child: AreaKind, expected: AreaKind },
}

impl AreaKind {
    /// The kind of area this one must lie in.
    pub fn parent_kind(self) -> Option<AreaKind> {
        match self {
            AreaKind::Province => None,
            AreaKind::Municipality => Some(AreaKind::Province),
            AreaKind::Neighbourhood => Some(AreaKind::Municipality),
        }
    }

    /// Keeps the tree strictly three levels deep, so "which province is this family
    /// in" always has one answer.
    pub fn check_parent(self, parent: Option<AreaKind>) -> Result<(), AreaParentError> {
        match (self.parent_kind(), parent) {
            (None, None) => Ok(()),
            (None, Some(_)) => Err(AreaParentError::ProvinceWithParent),
            (Some(expected), None) => Err(AreaParentError::MissingParent {
                child: self,
                expected,
            }),
            (Some(expected), Some(given)) if expected == given => Ok(()),
            (Some(expected), Some(given)) => Err(AreaParentError::WrongParent {
                child: self,
                expected,
                given,
            }),
        }
    }
}

#[cfg(test)]
mod tests {

    /// A province, a municipality in it and a neighbourhood in that: the province holds
    /// all three, the municipality two, and a cycle in damaged data ends.
    #[test]
    fn paths_run_to_the_province_and_inside_takes_everything_below() {
        let s = |x: &str| x.to_owned();
        let areas = vec![
            (s("p"), None),
            (s("m"), Some(s("p"))),
            (s("n"), Some(s("m"))),
            (s("other"), None),
            (s("a"), Some(s("b"))),
            (s("b"), Some(s("a"))),
        ];
        let paths = super::paths(&areas);
        assert_eq!(paths[2], (s("n"), vec![s("n"), s("m"), s("p")]));
        assert_eq!(paths[4], (s("a"), vec![s("a"), s("b")]));
        assert_eq!(
            super::inside(&paths, &[s("p")]),
            vec![s("p"), s("m"), s("n")]
        );
        assert_eq!(super::inside(&paths, &[s("m")]), vec![s("m"), s("n")]);
    }

    use super::*;

    #[test]
    fn the_tree_is_province_municipality_neighbourhood() {
        assert!(AreaKind::Province.check_parent(None).is_ok());
        assert!(
            AreaKind::Municipality
                .check_parent(Some(AreaKind::Province))
                .is_ok()
        );
        assert!(
            AreaKind::Neighbourhood
                .check_parent(Some(AreaKind::Municipality))
                .is_ok()
        );
        assert!(
            AreaKind::Neighbourhood
                .check_parent(Some(AreaKind::Province))
                .is_err()
        );
        assert!(AreaKind::Municipality.check_parent(None).is_err());
        assert!(
            AreaKind::Province
                .check_parent(Some(AreaKind::Province))
                .is_err()
        );
    }

    #[test]
    fn a_family_lives_where_its_organisation_works() {
        let path = |a: &[&str]| a.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        let lokalis = path(&["utrecht"]);
        assert!(lies_within(
            &path(&["de-gagel", "utrecht", "pv26"]),
            &lokalis
        ));
        assert!(lies_within(&path(&["utrecht", "pv26"]), &lokalis));
        assert!(!lies_within(&path(&["almere", "pv24"]), &lokalis));
        assert!(
            !lies_within(&path(&["pv26"]), &lokalis),
            "the province is larger than the municipality"
        );
        assert!(!lies_within(&path(&["de-gagel", "utrecht"]), &[]));
    }
}

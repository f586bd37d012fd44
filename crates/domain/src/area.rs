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

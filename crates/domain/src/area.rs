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
}

//! Identifiers of the records that access rules hang on. Every one of them is a UUID
//! string on the wire and in the database, so as plain `&str` a family id handed where
//! a user id belongs (or two ids swapped in one call) compiled and then asked the wrong
//! question of the database: an empty answer at best, someone else's file at worst. A
//! type per kind of id makes that mistake a compile error; the wire form stays the
//! bare string.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Comparing with a bare string (a path segment, a stored column) is no swap
        // hazard, and spelling `.as_str()` at every such comparison hides the ones that
        // matter.
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

id_type!(
    /// A family's file.
    FamilyId
);
id_type!(
    /// A professional's account.
    UserId
);
id_type!(
    /// An organisation in the chain (a municipality's team, Veilig Thuis, the Raad, …).
    OrganisationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_form_is_the_bare_string() {
        let id = FamilyId::from("0190a1b2-0000-7000-8000-000000000001");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"0190a1b2-0000-7000-8000-000000000001\"");
        let back: FamilyId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, id);
        assert_eq!(id.to_string(), id.as_str());
    }
}

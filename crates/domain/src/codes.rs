//! Closed lists with a stable code (stored in the database and used in the API) and a
//! Dutch and English label (shown in the UI). One macro so every list parses, prints
//! and reports an unknown value the same way.

/// A code that is not on a closed list; the message lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {list} '{given}'; use one of: {valid}")]
pub struct UnknownCode {
    pub list: &'static str,
    pub given: String,
    pub valid: String,
}

/// A closed list, seen from outside: every value, its stable code and its labels. The
/// web crate documents a list in the OpenAPI document from exactly these codes, and
/// offers it in a form with these labels.
pub trait CodeList: Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label_nl(self) -> &'static str;
    fn label_en(self) -> &'static str;
}

macro_rules! code_list {
    (
        $(#[$meta:meta])*
        $name:ident, $list:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $nl:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $( $(#[$vmeta])* $variant, )+ }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// Stable code used in storage and the API.
            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code, )+ }
            }

            pub fn label_nl(self) -> &'static str {
                match self { $( $name::$variant => $nl, )+ }
            }

            pub fn label_en(self) -> &'static str {
                match self { $( $name::$variant => $en, )+ }
            }
        }

        impl $crate::codes::CodeList for $name {
            const ALL: &'static [$name] = $name::ALL;

            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn label_nl(self) -> &'static str {
                $name::label_nl(self)
            }

            fn label_en(self) -> &'static str {
                $name::label_en(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::codes::UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim() {
                    $( $code => Ok($name::$variant), )+
                    other => Err($crate::codes::UnknownCode {
                        list: $list,
                        given: other.to_owned(),
                        valid: [$($code),+].join(", "),
                    }),
                }
            }
        }
    };
}

pub(crate) use code_list;

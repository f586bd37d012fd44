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

/// One value of a closed list as a person must never see it (`code`) and as they should
/// (`label_nl`, `label_en`). The list of every list lets a test scan a rendered page for
/// codes without typing them into the test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedCode {
    pub list: &'static str,
    pub code: &'static str,
    pub label_nl: &'static str,
    pub label_en: &'static str,
}

fn listed<T: CodeList>() -> Vec<ListedCode> {
    let list = std::any::type_name::<T>().rsplit("::").next().unwrap_or("");
    T::ALL
        .iter()
        .map(|v| ListedCode {
            list,
            code: v.code(),
            label_nl: v.label_nl(),
            label_en: v.label_en(),
        })
        .collect()
}

/// Every value of every closed list in the domain. A test below counts the lists in the
/// source, so a new list that is not added here fails it.
pub fn every_code() -> Vec<ListedCode> {
    let lists: [fn() -> Vec<ListedCode>; 36] = [
        listed::<crate::access_log::AccessEvent>,
        listed::<crate::access_log::AccessBasis>,
        listed::<crate::area::AreaKind>,
        listed::<crate::calendar::Holiday>,
        listed::<crate::crisis::CrisisClient>,
        listed::<crate::crisis::Province>,
        listed::<crate::crisis::CrisisAction>,
        listed::<crate::evu::ReferralSource>,
        listed::<crate::evu::ReferralState>,
        listed::<crate::family::consent::ConsentStep>,
        listed::<crate::family::consent::DataCategory>,
        listed::<crate::family::consent::ConsentForm>,
        listed::<crate::family::framework::Framework>,
        listed::<crate::family::involvement::InvolvementRole>,
        listed::<crate::family::involvement::Expertise>,
        listed::<crate::family::member::MemberKind>,
        listed::<crate::family::member::NetworkRelation>,
        listed::<crate::family::note::Interaction>,
        listed::<crate::family::plan::LifeDomain>,
        listed::<crate::family::plan::ActionStatus>,
        listed::<crate::joint_assessment::MeetingKind>,
        listed::<crate::joint_assessment::MeetingState>,
        listed::<crate::meldcode::Advice>,
        listed::<crate::organisation::OrganisationKind>,
        listed::<crate::protection_order::Measure>,
        listed::<crate::protection_order::RequestState>,
        listed::<crate::protection_order::ConclusionKind>,
        listed::<crate::role::Role>,
        listed::<crate::save_guidance::GuidanceOutcome>,
        listed::<crate::save_on_site::OnSiteDay>,
        listed::<crate::save_on_site::PartOfDay>,
        listed::<crate::save_on_site::ConsultationState>,
        listed::<crate::save_on_site::ConsultationResult>,
        listed::<crate::veilig_thuis::ContactKind>,
        listed::<crate::veilig_thuis::Reporter>,
        listed::<crate::veilig_thuis::Outcome>,
    ];
    lists.iter().flat_map(|list| list()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry above is written by hand; this keeps it complete.
    #[test]
    fn every_code_list_in_the_source_is_in_the_registry() {
        fn count(dir: &std::path::Path) -> usize {
            let mut n = 0;
            for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    n += count(&path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source file");
                    n += text.matches(concat!("code_list", "! {")).count();
                }
            }
            n
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let lists: std::collections::BTreeSet<&str> = every_code().iter().map(|c| c.list).collect();
        assert_eq!(
            lists.len(),
            count(&src),
            "a code_list is missing from every_code()"
        );
    }

    #[test]
    fn every_code_carries_both_labels() {
        let codes = every_code();
        let income = codes
            .iter()
            .find(|c| c.list == "LifeDomain" && c.code == "income")
            .expect("the life domain income is listed");
        assert_eq!(income.label_nl, "Inkomen en schulden");
        assert!(
            codes
                .iter()
                .all(|c| !c.label_nl.is_empty() && !c.label_en.is_empty())
        );
    }
}

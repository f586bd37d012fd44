//! Every closed list in one place, for tests and tools that must recognise a code on a
//! page (the web tests' scanner, the browser crawl). Kept apart from `codes`, which every
//! list imports, so the registry's imports of every list form no circle.

use crate::codes::CodeList;

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
    let lists: [fn() -> Vec<ListedCode>; 49] = [
        listed::<crate::access_log::AccessEvent>,
        listed::<crate::access_log::AccessBasis>,
        listed::<crate::area::AreaKind>,
        listed::<crate::calendar::Holiday>,
        listed::<crate::complaint::Procedure>,
        listed::<crate::complaint::ComplaintState>,
        listed::<crate::complaint::ComplaintOutcome>,
        listed::<crate::complaint::Theme>,
        listed::<crate::crisis::CrisisClient>,
        listed::<crate::crisis::Province>,
        listed::<crate::crisis::CrisisAction>,
        listed::<crate::evu::ReferralSource>,
        listed::<crate::evu::ReferralState>,
        listed::<crate::family::closing::ClosingReason>,
        listed::<crate::family::consent::ConsentStep>,
        listed::<crate::family::consent::DataCategory>,
        listed::<crate::family::consent::ConsentForm>,
        listed::<crate::family::document::DocumentCategory>,
        listed::<crate::family::document::DocumentType>,
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
        listed::<crate::mail::MailPreference>,
        listed::<crate::mail::Language>,
        listed::<crate::evaluation::pilot::PilotKind>,
        listed::<crate::evaluation::report::Metric>,
        listed::<crate::evaluation::pilot::StartPrecision>,
        listed::<crate::meldcode::Advice>,
        listed::<crate::notification::NotificationKind>,
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

//! The sub-navigation every page of a family file shows: the overview and the file's
//! parts, each only when the visitor may open it, the current one marked.
//!
//! Another page of the file shows it by holding a field `nav: SubNav` and including
//! `family/subnav.html`.

use eenplan_domain::family::DataCategory;

use crate::auth::family::FamilyCtx;
use crate::flows::family::overview_texts::overview_texts;
use crate::flows::family::texts::family_texts;

pub struct NavLink {
    pub href: String,
    pub label: &'static str,
    pub current: bool,
}

pub struct SubNav {
    pub label: &'static str,
    /// The file's name, above a sub-page's own heading (the overview's heading is it).
    pub file: String,
    pub file_href: String,
    pub on_overview: bool,
    pub links: Vec<NavLink>,
}

/// The sub-navigation of the file `fam` opens; `current` is the part's path under the
/// file (`""` for the overview, `"/plan"`, `"/gezin"`, …).
pub fn sub_nav(fam: &FamilyCtx, current: &str, file: &str) -> SubNav {
    let lang = fam.lang;
    let (o, ft, t) = (overview_texts(lang), family_texts(lang), lang.texts());
    let grant = &fam.grant;
    let parts: [(&str, &'static str, bool); 7] = [
        ("", o.overview, true),
        ("/plan", ft.plan, grant.sees(DataCategory::Plan)),
        ("/gezin", o.household_page, true),
        ("/betrokkenen", o.involvements_page, true),
        ("/notities", t.notes, grant.sees(DataCategory::Notes)),
        ("/tijdlijn", t.timeline, true),
        ("/toestemming", t.consent_title, grant.lead),
    ];
    SubNav {
        label: o.nav_label,
        file: file.to_owned(),
        file_href: format!("/gezinnen/{}", fam.family_id()),
        on_overview: current.is_empty(),
        links: parts
            .into_iter()
            .filter(|(_, _, shown)| *shown)
            .map(|(part, label, _)| NavLink {
                href: format!("/gezinnen/{}{part}", fam.family_id()),
                label,
                current: part == current,
            })
            .collect(),
    }
}

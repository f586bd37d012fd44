//! The sub-navigation every page of a family file shows: the overview and the file's
//! parts, each only when the visitor may open it, the current one marked.
//!
//! It lives beside the family guard rather than in the family flow, so every flow with
//! a page inside a file (plan, consent, SAVE-begeleiding, EVU, …) can show it without
//! importing another flow: such a page holds a field `nav: SubNav` from [`sub_nav`] and
//! includes `family/subnav.html`.

use eenplan_domain::family::DataCategory;

use crate::auth::family::FamilyCtx;

crate::texts! {
    /// The names of the file's parts in its sub-navigation.
    pub struct NavTexts, nav_texts {
        nav_label: "Onderdelen van het dossier",
            "Parts of the file";
        overview: "Overzicht",
            "Overview";
        plan: "Plan",
            "Plan";
        household_page: "Gezin en netwerk",
            "Family and network";
        involvements_page: "Betrokkenen",
            "Professionals";
        assessment: "Beoordeling",
            "Assessment";
        guidance: "SAVE-begeleiding",
            "SAVE guidance";
        evu: "EVU",
            "EVU";
        raad: "Verzoek Raad",
            "Request to the Raad";
        access: "Inzage",
            "Who looked";
        family_accounts: "Gezinsaccounts",
            "Family accounts";
        information_requests: "Informatieverzoeken",
            "Information requests";
        documents_page: "Documenten",
            "Documents";
        closed_banner: "Dossier afgesloten op {on} — {reason}",
            "File closed on {on} — {reason}";
        reopen: "Dossier heropenen",
            "Reopen the file";
    }
}

#[derive(Debug)]
pub struct NavLink {
    pub href: String,
    pub label: &'static str,
    pub current: bool,
}

#[derive(Debug)]
pub struct SubNav {
    pub label: &'static str,
    /// The file's name, above a sub-page's own heading (the overview's heading is it).
    pub file: String,
    pub file_href: String,
    pub on_overview: bool,
    pub links: Vec<NavLink>,
    /// "Dossier afgesloten op 3 december 2026 — reden" on every page of a closed file,
    /// for everyone who may see it; with the lead's link to reopen it.
    pub closed: Option<ClosedBanner>,
}

#[derive(Debug)]
pub struct ClosedBanner {
    pub text: String,
    /// The closing page, for the lead only.
    pub reopen_href: Option<String>,
    pub reopen_label: &'static str,
}

/// The sub-navigation of the file `fam` opens; `current` is the part's path under the
/// file (`""` for the overview, `"/plan"`, `"/gezin"`, …; a page below a part, such as
/// one meeting of `"/beoordeling"`, passes its part). Every part the visitor may open is
/// listed, in the same order on every page, so the file reads as one place.
pub fn sub_nav(fam: &FamilyCtx, current: &str, file: &str) -> SubNav {
    let lang = fam.lang;
    let (o, t) = (nav_texts(lang), lang.texts());
    let grant = &fam.grant;
    let plan = grant.sees(DataCategory::Plan);
    let parts: [(&str, &'static str, bool); 15] = [
        ("", o.overview, true),
        ("/plan", o.plan, plan),
        ("/gezin", o.household_page, true),
        ("/betrokkenen", o.involvements_page, true),
        ("/notities", t.notes, grant.sees(DataCategory::Notes)),
        ("/documenten", o.documents_page, true),
        ("/tijdlijn", t.timeline, true),
        ("/beoordeling", o.assessment, plan),
        ("/save-begeleiding", o.guidance, plan),
        ("/evu", o.evu, plan),
        ("/verzoek-raad", o.raad, grant.lead),
        ("/toestemming", t.consent_title, grant.lead),
        ("/inzage", o.access, grant.lead),
        ("/gezinsaccounts", o.family_accounts, grant.lead),
        ("/informatieverzoeken", o.information_requests, grant.lead),
    ];
    let closed = grant.closed.map(|(on, reason)| ClosedBanner {
        text: crate::kit::texts::fill(
            o.closed_banner,
            &[
                ("on", &crate::kit::dates::dutch_date(lang, on)),
                ("reason", &crate::kit::form::code_label(lang, reason)),
            ],
        ),
        reopen_href: grant
            .lead
            .then(|| format!("/gezinnen/{}/afsluiten", fam.family_id())),
        reopen_label: o.reopen,
    });
    SubNav {
        closed,
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

/// The sub-navigation of a page that acts on the whole file (closing or reopening it,
/// opened from the overview): the overview is its part and is marked, and the file's
/// name stays above the page's own heading.
pub fn sub_nav_below_overview(fam: &FamilyCtx, file: &str) -> SubNav {
    SubNav {
        on_overview: false,
        ..sub_nav(fam, "", file)
    }
}

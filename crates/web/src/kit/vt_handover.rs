//! A hand-over from Veilig Thuis waiting for the family's lead (issue 15 §1): shown in
//! the family's overview and on the regisseur's start page until someone of the lead
//! acknowledges it ("Gezien"), with the date Veilig Thuis checks back. One shape for
//! both pages (`templates/kit/vt_handover.html`). It names the Veilig Thuis
//! organisation and the dates only: the report itself stays with Veilig Thuis.

use eenplan_store::VtHandover;

use crate::kit::dates::dutch_date;
use crate::kit::texts::{Lang, fill};

crate::texts! {
    /// The hand-over's words.
    pub struct VtHandoverTexts, vt_handover_texts {
        title: "Overgedragen door Veilig Thuis",
            "Handed over by Veilig Thuis";
        handed: "{organisation} heeft dit gezin op {date} overgedragen aan het lokale team of de hulp die er al is.",
            "{organisation} handed this family to the local team or the help already there on {date}.";
        follow_up: "Veilig Thuis gaat op {date} na of het veilig is.",
            "Veilig Thuis checks on {date} whether it is safe.";
        seen: "Gezien",
            "Seen";
        seen_about: "Gezien: overdracht van {label}",
            "Seen: hand-over of {label}";
        start_title: "Overdrachten van Veilig Thuis",
            "Hand-overs from Veilig Thuis";
        start_more: "En nog {n} andere.",
            "And {n} more.";
    }
}

/// One hand-over as a page shows it.
pub struct HandoverItem {
    pub family_href: String,
    pub family_label: String,
    pub text: String,
    pub follow_up: Option<String>,
    /// Where "Gezien" posts; `None` for whom may not acknowledge.
    pub action: Option<String>,
    /// The button's accessible name, naming the file.
    pub seen_label: String,
    /// Where the page goes back to after "Gezien" (`start` or the file).
    pub back: &'static str,
}

impl HandoverItem {
    pub fn new(lang: Lang, h: &VtHandover, may_acknowledge: bool, back: &'static str) -> Self {
        let w = vt_handover_texts(lang);
        let family = h.family_id.as_str();
        Self {
            family_href: format!("/gezinnen/{family}"),
            family_label: h.family_label.clone(),
            text: fill(
                w.handed,
                &[
                    ("organisation", &h.organisation),
                    ("date", &dutch_date(lang, h.assessed_on)),
                ],
            ),
            follow_up: h
                .follow_up_on
                .map(|d| fill(w.follow_up, &[("date", &dutch_date(lang, d))])),
            action: may_acknowledge.then(|| {
                format!(
                    "/gezinnen/{family}/veilig-thuis-overdracht/{}/gezien",
                    h.contact_id
                )
            }),
            seen_label: fill(w.seen_about, &[("label", &h.family_label)]),
            back,
        }
    }
}

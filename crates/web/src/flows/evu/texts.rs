//! The words of the EVU's pages, Dutch and English side by side.

crate::texts! {
    /// The family's EVU page and the coordinator's list and referral page.
    pub struct EvuTexts, texts {
        evu_title: "Expertiseteam Veiligheid (EVU)",
            "Safety expertise team (EVU)";
        evu_intro: "Nieuwe aanmeldingen om te bemensen: wijs in één keer een combinatie toe van professionals uit verschillende organisaties, zodat het gezin dezelfde gezichten houdt.",
            "New referrals to staff: assign a combination of professionals from several organisations at once, so the family keeps the same faces.";
        evu_family_intro: "Bij zorgen over veiligheid schakelt het lokale team het EVU in, met toestemming van het gezin ('Expertiseteam Veiligheid Utrecht (EVU) betrekken'), als het gezin in een EVU-wijk woont.",
            "When there are safety worries, the local team calls in the EVU with the family's consent ('Involve the EVU') if the family lives in an EVU neighbourhood.";
        evu_none: "Geen aanmeldingen.",
            "No referrals.";
        evu_one_on_list: "1 aanmelding op de lijst",
            "1 referral on the list";
        evu_n_on_list: "{n} aanmeldingen op de lijst",
            "{n} referrals on the list";
        evu_refer: "EVU inschakelen",
            "Call in the EVU";
        evu_reason: "Zorgen over veiligheid",
            "Safety worries";
        evu_source: "Aangemeld door",
            "Referred by";
        evu_referred_on: "Aangemeld op",
            "Referred on";
        evu_state: "Stand",
            "State";
        evu_workers: "Combinatie",
            "Combination";
        evu_new: "Nieuw: te bemensen",
            "New: to staff";
        evu_running: "Lopend",
            "Running";
        evu_combination: "Professionals",
            "Professionals";
        evu_combination_hint: "Kies minstens twee professionals uit minstens twee organisaties.",
            "Choose at least two professionals from at least two organisations.";
        evu_assign: "Combinatie toewijzen",
            "Assign the combination";
        evu_decline: "Niet oppakken",
            "Decline";
        evu_close: "EVU-inzet afsluiten",
            "Close the EVU's work";
        evu_decision: "Toelichting",
            "Explanation";
    }
}

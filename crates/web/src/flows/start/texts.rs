//! The start page's words beyond the page frame's. Dutch and English side by side.

crate::texts! {
    /// The team lead's files without a regisseur, and the chain administrator's role.
    pub struct StartTexts, start {
        orphans_title: "Zonder regisseur",
            "Without a regisseur";
        orphans_intro: "De regisseur van deze dossiers is niet meer actief. Wijs een collega aan die de regie overneemt.",
            "The regisseur of these files is no longer active. Choose a colleague to take the lead.";
        orphans_was: "Was",
            "Was";
        take_over: "Regie toewijzen",
            "Assign the lead";
        start_role_chain_admin: "je beheert de organisaties en gebieden van de regio; de accounts beheert elke organisatie zelf.",
            "you manage the region's organisations and areas; each organisation manages its own accounts.";
    }
}

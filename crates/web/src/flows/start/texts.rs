//! The start page's words beyond the page frame's. Dutch and English side by side.

crate::texts! {
    /// The roles' sections, the overdue plans and the team lead's files without a regisseur.
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
        start_title: "Start",
            "Start";
        start_intro: "Welkom bij eenplan.",
            "Welcome to eenplan.";
        start_role_professional: "Als professional vind je hier straks de gezinnen waarbij je betrokken bent, met het plan en de afspraken.",
            "As a professional you will find the families you are involved with here, with their plan and agreements.";
        start_role_behavioural_scientist: "Als gedragswetenschapper vind je hier straks de consultaties en gezamenlijke oordelen waarbij je betrokken bent.",
            "As a behavioural scientist you will find your consultations and joint judgements here.";
        start_role_team_lead: "Als teamleider zie je hier straks de werkvoorraad van je team en wat over tijd is.",
            "As a team lead you will see your team's workload and what is overdue here.";
        start_role_functional_admin: "Als functioneel beheerder beheer je organisaties, teams, gebieden en gebruikers.",
            "As a functional administrator you manage organisations, teams, areas and users.";
        start_role_privacy_officer: "Als privacyfunctionaris zie je hier straks het toegangslog en de doorbraken die beoordeeld moeten worden.",
            "As a privacy officer you will see the access log and the emergency accesses awaiting review here.";
        guidance_ended: "De SAVE-begeleiding is beëindigd. Het dossier van dit gezin staat niet meer voor je open; de regisseur houdt de regie.",
            "The SAVE guidance has ended. This family's file is no longer open to you; the regisseur keeps the lead.";
        your_roles: "Je rollen",
            "Your roles";
        overdue_title: "Over tijd in jouw gezinnen",
            "Overdue in your families";
        overdue_none: "Niets over tijd.",
            "Nothing overdue.";
        overdue_review: "evaluatie van het plan, gepland op",
            "plan review, due on";
        overdue_action: "actie",
            "action";
    }
}

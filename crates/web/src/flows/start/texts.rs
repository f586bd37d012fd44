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
        intake_title: "Uitspraken voor jullie instelling",
            "Court orders for your institution";
        intake_intro: "De kinderrechter heeft jullie instelling aangewezen voor deze gezinnen; nog niemand van jullie is bij het gezin betrokken.",
            "The juvenile court named your institution for these families; nobody of yours is involved with the family yet.";
        intake_decided: "uitspraak van",
            "decided on";
        start_role_chain_admin: "je beheert de organisaties en gebieden van de regio; de accounts beheert elke organisatie zelf.",
            "you manage the region's organisations and areas; each organisation manages its own accounts.";
        start_title: "Start",
            "Start";
        start_intro: "Welkom bij eenplan.",
            "Welcome to eenplan.";
        start_role_professional: "je werkt in de dossiers van de gezinnen waarbij je betrokken bent; hieronder staat welke het eerst aandacht vragen.",
            "you work in the files of the families you are involved with; below are those that need attention first.";
        start_role_behavioural_scientist: "je denkt mee in consultaties en gezamenlijke oordelen in de dossiers waarbij je betrokken bent.",
            "you take part in consultations and joint judgements in the files you are involved with.";
        start_role_team_lead: "je ziet de dossiers die de professionals van je team regisseren, en wijst een regisseur aan waar die ontbreekt.",
            "you see the files your team's professionals lead, and assign a lead where one is missing.";
        start_role_functional_admin: "Als functioneel beheerder beheer je organisaties, teams, gebieden en gebruikers.",
            "As a functional administrator you manage organisations, teams, areas and users.";
        start_role_privacy_officer: "je bekijkt het toegangslog en beoordeelt de doorbraken van de noodtoegang.",
            "you review the access log and the uses of emergency access.";
        start_role_policy_officer: "je ziet de geanonimiseerde cijfers van de gebieden van je gemeente of regio, en ter vergelijking alle andere gebieden samen; nooit een gezin.",
            "you see the anonymised figures of your municipality's or region's areas, and for comparison all other areas together; never a family.";
        start_role_complaints_officer: "je behandelt de klachten over je organisatie en maakt de jaarlijkse klachtenanalyse; je ziet geen dossiers.",
            "you handle the complaints about your organisation and make the yearly complaints analysis; you see no files.";
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
        my_families: "Mijn gezinnen: wat het eerst moet",
            "My families: what comes first";
        team_families: "Dossiers van je team",
            "Your team's files";
        nothing_due: "niets gepland",
            "nothing planned";
        all_families: "Alle {n} gezinnen",
            "All {n} families";
        all_one_family: "Het ene gezin",
            "The one family";
        all_overdue: "Alle gezinnen op datum",
            "All families by date";
        more_families: "en nog {n}",
            "and {n} more";
        more_overdue: "en nog {n} gezinnen met iets over tijd",
            "and {n} more families with something overdue";
    }
}

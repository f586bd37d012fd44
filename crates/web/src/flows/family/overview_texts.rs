//! The words of the file's overview, its sub-pages (Gezin en netwerk, Betrokkenen) and
//! the network drawing, Dutch and English side by side.

crate::texts! {
    /// The overview's, the sub-navigation's and the ecogram's words.
    pub struct OverviewTexts, overview_texts {
        the_family: "Het gezin",
            "The family";
        framework: "Kader",
            "Framework";
        ground: "Grondslag",
            "Basis";
        carried_out_by: "uitgevoerd door",
            "carried out by";
        no_regisseur: "Dit dossier heeft geen regisseur. De teamleider wijst er een aan.",
            "This file has no lead professional. The team lead assigns one.";
        since: "sinds",
            "since";
        phone: "Telefoon",
            "Phone";
        now: "Nu",
            "Now";
        due_title: "Wat eraan komt",
            "What is due";
        due_none: "Er staat niets op de agenda.",
            "Nothing is due.";
        overdue: "over tijd",
            "overdue";
        due_now: "nu aan de beurt",
            "due now";
        plan_review: "Evaluatie van het plan",
            "Plan review";
        action: "Actie",
            "Action";
        save_review: "Evaluatie SAVE-begeleiding",
            "SAVE guidance review";
        vt_assessment: "Veiligheidsbeoordeling door Veilig Thuis",
            "Veilig Thuis safety assessment";
        vt_follow_up: "Veilig Thuis vraagt na hoe het gaat",
            "Veilig Thuis checks how things are going";
        ways_title: "Werkwijzen",
            "Ways of working";
        not_running: "niet lopend",
            "not running";
        running_since: "loopt sinds",
            "running since";
        next_review: "volgende evaluatie",
            "next review";
        referred_on: "aangemeld op",
            "referred on";
        meets_on: "op",
            "on";
        requested_on: "verzoek van",
            "request of";
        plan_title: "Het plan",
            "The plan";
        plan_none: "Er is nog geen plan opgeslagen.",
            "No plan has been saved yet.";
        version: "Versie",
            "Version";
        agreed_by: "Akkoord gegeven door",
            "Agreed by";
        agreement_none: "Nog niemand heeft akkoord gegeven op deze versie.",
            "Nobody has agreed to this version yet.";
        agreement_needed: "Akkoord nodig van",
            "Agreement needed from";
        open_plan: "Plan openen",
            "Open the plan";
        quick_title: "Direct naar",
            "Straight to";
        write_note: "Notitie schrijven",
            "Write a note";
        add_member: "Gezinslid toevoegen",
            "Add a family member";
        add_network: "Netwerklid toevoegen",
            "Add a network member";
        add_professional: "Betrokkene toevoegen",
            "Add a professional";
        ecomap_title: "Het netwerk getekend",
            "The network drawn";
        ecomap_drawing: "Ecogram van",
            "Ecomap of";
        ecomap_legend: "In het midden het huishouden; een dubbele ring: heeft gezag; een kleine cirkel: kind. Eromheen het netwerk (doorgetrokken lijn) en buiten de professionals (vierkant, stippellijn); het gevulde vierkant is de regisseur. Dezelfde mensen staan in de lijst.",
            "The household at the centre; a double ring: has custody; a small circle: child. Around it the network (solid line) and outside the professionals (square, dashed line); the filled square is the lead professional. The list names the same people.";
        ring_household: "Huishouden",
            "Household";
        ring_network: "Netwerk",
            "Network";
        ring_professionals: "Professionals",
            "Professionals";
        nobody: "Niemand.",
            "Nobody.";
        network_not_shared: "Het netwerk valt buiten de toestemming die jouw organisatie heeft.",
            "The network lies outside the consent your organisation has.";
        has_custody: "heeft gezag",
            "has custody";
        safety_role: "rol in het veiligheidsnetwerk",
            "role in the safety network";
        year: "jaar",
            "year";
        years: "jaar",
            "years";
        household_intro: "Wie er in het gezin wonen en wie eromheen staan. Kies hieronder wat je wilt doen; het formulier gaat open.",
            "Who lives in the family and who stands around it. Choose below what you want to do; the form opens.";
        involvements_intro: "Wie er met het gezin werken. Kies hieronder wat je wilt doen; het formulier gaat open.",
            "Who works with the family. Choose below what you want to do; the form opens.";
        changes: "Wijzigen",
            "Change";
    }
}

//! The administration's words beyond the page frame's: its sections and their forms
//! (slugs, area kinds, roles, second factors) and what those forms refuse, the
//! enrolment code shown once, deactivation and the hand-over it starts with. Dutch and
//! English side by side.

crate::texts! {
    /// The sections, their tables and forms, what the forms refuse; accounts,
    /// deactivation and hand-over.
    pub struct AdminTexts, admin {
        admin_title: "Beheer",
            "Administration";
        admin_intro: "Hier beheer je de organisaties, gebieden, teams en gebruikers van eenplan. Elke wijziging komt in het journaal.",
            "Manage eenplan's organisations, areas, teams and users here. Every change is recorded in the journal.";
        admin_organisations: "Organisaties",
            "Organisations";
        admin_areas: "Gebieden",
            "Areas";
        admin_teams: "Teams",
            "Teams";
        admin_users: "Gebruikers",
            "Users";
        admin_new: "Nieuw",
            "New";
        admin_saved: "Opgeslagen.",
            "Saved.";
        f_actions: "Acties",
            "Actions";
        add: "Toevoegen",
            "Add";
        f_slug: "Korte naam (slug)",
            "Short name (slug)";
        f_slug_hint: "Kleine letters, cijfers en koppeltekens, bijvoorbeeld veilig-thuis-utrecht.",
            "Lowercase letters, digits and hyphens, for example veilig-thuis-utrecht.";
        f_kind: "Soort",
            "Kind";
        f_parent: "Ligt in",
            "Lies in";
        f_code: "CBS-code (optioneel)",
            "CBS code (optional)";
        f_area: "Werkgebied (optioneel)",
            "Area served (optional)";
        f_roles: "Rollen",
            "Roles";
        f_password: "Eerste wachtwoord",
            "Initial password";
        f_phone: "Telefoonnummer (werk)",
            "Phone number (work)";
        f_phone_hint: "Optioneel. Gezinnen zien het bij spoed tijdens kantooruren, bijvoorbeeld 030-123 45 67.",
            "Optional. Families see it in a crisis during office hours, e.g. 030-123 45 67.";
        f_status: "Status",
            "Status";
        f_second_factor: "Tweede factor",
            "Second factor";
        inactive: "Gedeactiveerd",
            "Deactivated";
        sf_set: "Ingesteld",
            "Set up";
        sf_pending: "Nog niet ingesteld",
            "Not set up yet";
        deactivate: "Deactiveren",
            "Deactivate";
        reset_second_factor: "Tweede factor opnieuw instellen",
            "Reset second factor";
        err_slug: "Gebruik 2 tot 64 kleine letters, cijfers en enkele koppeltekens.",
            "Use 2 to 64 lowercase letters, digits and single hyphens.";
        err_duplicate: "Deze bestaat al. Kies een andere.",
            "This already exists. Choose another.";
        err_parent: "Een gemeente ligt in een provincie, een wijk in een gemeente; een provincie ligt nergens in.",
            "A municipality lies in a province, a neighbourhood in a municipality; a province lies in nothing.";
        err_email: "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.",
            "Enter a valid e-mail address, such as name@organisation.nl.";
        err_roles: "Kies minstens één rol.",
            "Choose at least one role.";
        err_phone: "Vul een telefoonnummer in met 7 tot 15 cijfers, zoals 030-123 45 67.",
            "Enter a phone number with 7 to 15 digits, such as 030-123 45 67.";
        code_for: "Eenmalige inschrijfcode voor",
            "One-time enrolment code for";
        code_handover: "Geef deze code persoonlijk of telefonisch door, niet in hetzelfde bericht als het wachtwoord. Hij wordt alleen nu getoond en werkt één keer.",
            "Hand this code over in person or by phone, not in the same message as the password. It is shown only now and works once.";
        code_valid_until: "Geldig tot",
            "Valid until";
        temporary_password_hint: "Een tijdelijk wachtwoord: bij de eerste aanmelding kiest de collega een eigen wachtwoord.",
            "A temporary password: at the first sign-in the colleague chooses their own.";
        deact_title: "Account deactiveren",
            "Deactivate account";
        deact_intro: "Deactiveren werkt meteen: alle sessies en API-tokens van dit account stoppen bij het volgende verzoek en aanmelden kan niet meer.",
            "Deactivation works at once: every session and API token of this account stops at its next request and signing in is no longer possible.";
        deact_led: "Dossiers waarvan deze persoon regisseur is",
            "Files this person leads as regisseur";
        deact_none: "Deze persoon is van geen enkel dossier regisseur.",
            "This person leads no file.";
        deact_left: "Een dossier dat je niet overdraagt, komt bij de teamleider op de lijst 'Zonder regisseur' tot een collega de regie overneemt.",
            "A file you do not hand over goes on the team lead's 'Without a regisseur' list until a colleague takes the lead.";
        deact_confirm: "Nu deactiveren",
            "Deactivate now";
        handover: "Overdragen",
            "Hand over";
        handover_all: "Alles overdragen aan één collega",
            "Hand everything over to one colleague";
        all_files: "dossiers",
            "files";
        one_by_one: "Of draag de dossiers één voor één over",
            "Or hand the files over one by one";
        handed_over: "De regie is overgedragen.",
            "The lead has been handed over.";
        no_colleague: "Er is in deze organisatie geen actieve collega in een zorgrol die de regie kan overnemen.",
            "This organisation has no active colleague in a care role who can take the lead.";
        edit: "Wijzigen",
            "Edit";
        save: "Opslaan",
            "Save";
        f_team: "Team (optioneel)",
            "Team (optional)";
        reactivate: "Heractiveren",
            "Reactivate";
        err_code_taken: "Deze CBS-code hoort al bij een ander gebied. Elk gebied heeft een eigen code.",
            "This CBS code already belongs to another area. Each area has its own code.";
        deact_tick: "Ik weet dat deze persoon niet meer kan aanmelden en dat dossiers die ik niet overdraag zonder regisseur komen.",
            "I know this person can no longer sign in and that files I do not hand over are left without a regisseur.";
        deact_check: "Bevestigen",
            "Confirm";
        err_deact_tick: "Vink aan dat je dit weet, dan deactiveer je.",
            "Tick that you know this, then you deactivate.";
        kind_fixed: "De soort ligt vast zodra de organisatie accounts heeft: wat die accounts mogen zien en doen volgt uit de soort. Is de soort verkeerd gekozen, richt dan een nieuwe organisatie in.",
            "The kind is fixed once the organisation has accounts: what those accounts may see and do follows from it. If the kind was chosen wrongly, set up a new organisation.";
        err_not_grantable: "Deze rol kan alleen de beheerder van de regio geven.",
            "Only the region's chain administrator can give this role.";
        admin_pilots: "Pilots",
            "Pilots";
        pilots_intro: "Waar een nieuwe werkwijze is begonnen, en wanneer, zo precies als bekend. De evaluatie vergelijkt de cijfers van deze gebieden met die van de andere gebieden, en van vóór en na de start. Een start die alleen op de maand of het jaar bekend is, telt in die maand of dat jaar aan geen van beide kanten.",
            "Where a new way of working started, and when, as precisely as known. The evaluation compares these areas' figures with those of the other areas, and before and after the start. A start known only to the month or the year counts on neither side within that month or year.";
        pilots_none: "Er zijn nog geen pilots vastgelegd.",
            "No pilots have been recorded yet.";
        pilots_caption: "Pilots per werkwijze en gebied, met hun start",
            "Pilots by way of working and area, with their start";
        pilots_form: "Start van een pilot vastleggen",
            "Record a pilot's start";
        pilots_form_intro: "Kies eerst hoe precies de start bekend is en vul dan alleen het veld in dat daarbij hoort: de datum, de maand en het jaar, of alleen het jaar. Een bestaande start wordt vervangen.",
            "First choose how precisely the start is known, then fill in only the matching field: the date, the month and year, or only the year. An existing start is replaced.";
        f_pilot: "Werkwijze",
            "Way of working";
        f_pilot_area: "Gebied",
            "Area";
        f_pilot_start: "Start",
            "Start";
        f_precision: "Hoe precies is de start bekend?",
            "How precisely is the start known?";
        f_start_day: "Datum (als de dag bekend is)",
            "Date (if the day is known)";
        f_start_day_hint: "Bijvoorbeeld 1 oktober 2021.",
            "For example 1 October 2021.";
        f_start_month: "Maand (als de maand bekend is)",
            "Month (if the month is known)";
        f_start_year: "Jaar (als de maand of alleen het jaar bekend is)",
            "Year (if the month or only the year is known)";
        err_pilot_area: "Kies het gebied waar de pilot loopt.",
            "Choose the area where the pilot runs.";
        err_start_day: "Vul de datum in waarop de pilot begon.",
            "Enter the date the pilot started.";
        err_start_month: "Kies de maand waarin de pilot begon.",
            "Choose the month the pilot started.";
        err_start_year: "Kies het jaar waarin de pilot begon.",
            "Choose the year the pilot started.";
    }
}

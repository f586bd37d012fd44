//! The administration's words beyond the page frame's: the enrolment code shown once,
//! deactivation and the hand-over it starts with. Dutch and English side by side.

crate::texts! {
    /// Accounts, deactivation and hand-over.
    pub struct AdminTexts, admin {
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
        err_not_grantable: "Deze rol kan alleen de beheerder van de regio geven.",
            "Only the region's chain administrator can give this role.";
    }
}

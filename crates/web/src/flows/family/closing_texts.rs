//! The words of closing and reopening a file, Dutch and English side by side.

crate::texts! {
    /// The closing page's words and its refusals.
    pub struct ClosingTexts, closing_texts {
        title: "Dossier afsluiten",
            "Close the file";
        intro: "Sluit het dossier af als de hulp klaar is. Het dossier blijft leesbaar voor wie erbij kon en verdwijnt uit de lijsten met actieve dossiers. Je kunt het later heropenen.",
            "Close the file when the help has ended. It stays readable for whoever could read it and leaves the lists of active files. You can reopen it later.";
        reason: "Reden van afsluiten",
            "Reason for closing";
        choose: "Kies een reden",
            "Choose a reason";
        note: "Toelichting (niet verplicht, wel bij 'Anders')",
            "Note (optional, needed with 'Other')";
        submit: "Dossier afsluiten",
            "Close the file";
        closed_title: "Dossier afgesloten",
            "File closed";
        closed_on: "Afgesloten op",
            "Closed on";
        closed_reason: "Reden",
            "Reason";
        closed_note: "Toelichting",
            "Note";
        kept_until: "Bewaard tot ten minste",
            "Kept at least until";
        kept_why: "De Jeugdwet (art. 7.3.8) bewaart een dossier twintig jaar na het einde van de hulp.",
            "The Jeugdwet (art. 7.3.8) keeps a file for twenty years after the help ended.";
        reopen_title: "Dossier heropenen",
            "Reopen the file";
        reopen_reason: "Waarom is er weer hulp nodig?",
            "Why is help needed again?";
        reopen_submit: "Dossier heropenen",
            "Reopen the file";
        err_reason: "Kies een reden uit de lijst.",
            "Choose a reason from the list.";
        err_note: "Schrijf bij 'Anders' op wat de reden is.",
            "With 'Other', write down what the reason is.";
        err_already_closed: "Dit dossier is al afgesloten.",
            "This file is already closed.";
        err_not_closed: "Dit dossier is niet afgesloten.",
            "This file is not closed.";
        err_legal_basis: "Er loopt een onderzoek van Veilig Thuis of een jeugdbeschermingsmaatregel. Zet eerst het kader terug naar vrijwillig (bij Toestemming), dan kun je afsluiten.",
            "A Veilig Thuis investigation or a protection order runs. Change the framework back to voluntary first (under Consent), then close the file.";
        err_guidance: "De SAVE-begeleiding loopt nog. Beëindig die eerst.",
            "SAVE guidance is still running. End it first.";
        err_evu: "Er loopt nog een aanmelding bij het EVU. Die moet eerst afgerond zijn.",
            "An EVU referral is still open. It has to be closed first.";
        err_raad: "Er loopt nog een verzoek aan de Raad voor de Kinderbescherming.",
            "A request to the Raad voor de Kinderbescherming is still open.";
        shortcut: "Dossier afsluiten",
            "Close the file";
    }
}

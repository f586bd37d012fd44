//! The e-mail setting's words. Dutch and English side by side.

crate::texts! {
    /// The page that sets how often a person gets e-mail about new notifications.
    pub struct MailTexts, mail {
        title: "E-mail over nieuwe berichten",
            "E-mail about new messages";
        intro: "Als er een nieuw bericht voor je klaarstaat, kan eenplan je een e-mail sturen. Die e-mail noemt nooit een naam of een gezin: alleen dat er iets klaarstaat, met een link naar eenplan.",
            "When a new message is waiting for you, eenplan can send you an e-mail. That e-mail never names a person or a family: it only says something is waiting, with a link to eenplan.";
        choice: "Hoe vaak wil je e-mail?",
            "How often do you want e-mail?";
        language_note: "De e-mail is in de taal waarin je je het laatst hebt aangemeld.",
            "The e-mail is in the language you last signed in with.";
        save: "Opslaan",
            "Save";
        saved: "Opgeslagen.",
            "Saved.";
    }
}

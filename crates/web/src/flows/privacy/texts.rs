//! The privacy flow's words: the access log, its filter and export, the review of emergency
//! access, and the access overview a family reads. Dutch and English side by side.

crate::texts! {
    /// The privacy officer's access log, the review of emergency access and the family's access overview.
    pub struct PrivacyTexts, privacy {
        access_overview_intro: "Elke keer dat iemand dit dossier opende, doorzocht, afdrukte of wijzigde, en op welke grond. Noodtoegang staat er apart bij. Het gezin heeft recht op dit overzicht.",
            "Every time someone opened, searched, printed or changed this file, and on what basis. Emergency access is marked. The family has a right to this overview.";
        basis_none: "Geen (geweigerd)",
            "None (refused)";
        outcome_granted: "Toegestaan",
            "Allowed";
        outcome_denied: "Geweigerd",
            "Refused";
        privacy_title: "Toegangslog (NEN 7513)",
            "Access log (NEN 7513)";
        f_from: "Vanaf",
            "From";
        f_to: "Tot en met",
            "Until";
        f_user_email: "E-mailadres van de gebruiker",
            "User's e-mail address";
        f_family_id: "Dossier-id",
            "File id";
        f_emergency_only: "Alleen noodtoegang",
            "Emergency access only";
        f_denied_only: "Alleen geweigerde pogingen",
            "Refused attempts only";
        export_csv: "Exporteren als CSV",
            "Export as CSV";
        col_at: "Moment",
            "When";
        col_event: "Gebeurtenis",
            "Event";
        col_outcome: "Uitkomst",
            "Outcome";
        col_basis: "Grondslag",
            "Basis";
        col_user: "Gebruiker",
            "User";
        col_data: "Gegevens",
            "Data";
        col_client: "Adres",
            "Address";
        emergencies_open: "Noodtoegang beoordelen",
            "Review emergency access";
        no_emergencies: "Er is geen noodtoegang te beoordelen.",
            "No emergency access to review.";
        review: "Beoordeling vastleggen",
            "Record review";
        f_review_note: "Beoordeling: was de noodtoegang terecht?",
            "Review: was the emergency access justified?";
        err_reviewed_meanwhile: "Iemand anders heeft deze noodtoegang intussen al beoordeeld. Jouw beoordeling is niet opgeslagen.",
            "Someone else has reviewed this emergency access in the meantime. Your review was not saved.";
        log_empty: "Geen regels gevonden.",
            "No lines found.";
        /// The export's first line: its columns as the officer's spreadsheet shows them.
        /// The values stay as the log holds them (UTC, codes), for whoever processes them.
        csv_header: "Moment (UTC),Gebeurtenis,Uitkomst,Grondslag,Gebruiker-id,Gebruiker,E-mailadres,Organisatie,Rol,Namens,Dossier,Gegevens,Adres",
            "Time (UTC),Event,Outcome,Basis,User id,User,E-mail address,Organisation,Role,On behalf of,File,Data,Address";
        log_one_line: "1 regel",
            "1 line";
        log_n_lines: "{n} regels",
            "{n} lines";
        emergencies_n: "{n} keer noodtoegang, waarvan {open} nog te beoordelen",
            "{n} emergency accesses, {open} of them still to review";
        reviewed_on: "Beoordeeld",
            "Reviewed";
        /// Who read, when a family member did: their name from the file and how.
        by_family_member: "{name} (gezinslid, via Mijn gezin)",
            "{name} (family member, through My family)";
        /// A family member's line whose member the file no longer names.
        family_member_unnamed: "Een gezinslid",
            "A family member";
        /// The basis of a family member's read: their own family's file.
        basis_own_file: "Eigen dossier",
            "Their own file";
    }
}

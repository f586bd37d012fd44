//! The words of the notifications pages, Dutch and English side by side.

crate::texts! {
    /// The person's notifications ("berichten"): the list, one opened, the refusals.
    pub struct NotificationTexts, notification_texts {
        title: "Berichten",
            "Messages";
        intro: "Wat partners deden in dossiers waar jij bij betrokken bent, het nieuwste eerst.",
            "What partners did in files you are involved in, newest first.";
        mail_settings: "Hoe vaak je e-mail krijgt over nieuwe berichten",
            "How often you get e-mail about new messages";
        none: "Je hebt nog geen berichten.",
            "You have no messages yet.";
        total: "{n} berichten, waarvan {unread} ongelezen",
            "{n} messages, {unread} unread";
        other: "Overige berichten",
            "Other messages";
        unread: "Ongelezen",
            "Unread";
        read: "Gelezen",
            "Read";
        open: "Openen",
            "Open";
        open_about: "Openen: {what}",
            "Open: {what}";
        mark_read: "Markeer als gelezen",
            "Mark as read";
        mark_all_read: "Alles als gelezen markeren",
            "Mark all as read";
        due_on: "aan de beurt op {date}",
            "due on {date}";
        due_since: "over tijd sinds {date}",
            "overdue since {date}";
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
        lost_title: "Geen toegang meer",
            "No longer access";
        lost: "Je hebt geen toegang meer tot {label} sinds {date}.",
            "You no longer have access to {label} since {date}.";
        lost_unknown: "Je hebt geen toegang (meer) tot dit dossier.",
            "You do not (any longer) have access to this file.";
        back: "Terug naar je berichten",
            "Back to your messages";
        p_missing: "Dit bericht bestaat niet (of is niet voor jou)",
            "This message does not exist (or is not for you)";
    }
}

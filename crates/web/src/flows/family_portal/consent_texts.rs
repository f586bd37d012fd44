//! The consent pages' words (issue 17 §3), Dutch and English side by side, in plain
//! language (B1): the family reads these.

crate::texts! {
    /// The family's consents and withdrawing one.
    pub struct ConsentTexts, consent {
        title: "Toestemmingen", "Consents";
        intro: "Hier zie je de toestemmingen van jullie gezin: aan wie, waarvoor en tot wanneer. Heb jij een toestemming gegeven? Dan kun je die altijd intrekken. Dat gaat meteen in.",
            "Here you see your family's consents: to whom, for what and until when. Did you give a consent? Then you can always withdraw it. That takes effect at once.";
        none: "Er zijn nog geen toestemmingen van jullie gezin vastgelegd.",
            "No consents of your family have been recorded yet.";
        to_whom: "Aan wie", "To whom";
        for_what: "Waarvoor", "For what";
        which_data: "Welke gegevens", "Which information";
        about: "Over", "About";
        given_by: "Gegeven door", "Given by";
        until: "Tot wanneer", "Until when";
        state: "Hoe staat het", "Status";
        on: "op", "on";
        through: "tot en met", "until and including";
        until_withdrawn: "Tot iemand die de toestemming gaf, die intrekt", "Until someone who gave it withdraws it";
        whole_family: "Het hele gezin", "The whole family";
        no_data: "Geen gegevens uit het dossier", "No information from the file";
        in_force: "Geldt nu", "In force";
        not_yet: "Geldt vanaf", "In force from";
        withdrawn_on: "Ingetrokken op", "Withdrawn on";
        ended_on: "Afgelopen op", "Ended on";
        withdraw: "Deze toestemming intrekken", "Withdraw this consent";
        remains: "Ook zonder deze toestemming werkt deze organisatie verder met jullie dossier. Dat mag op grond van de wet:",
            "Even without this consent, this organisation goes on working with your file. The law allows that:";
        basis_vt: "Veilig Thuis doet nu onderzoek naar jullie gezin. Daarvoor mag Veilig Thuis met jullie dossier werken, ook zonder jullie toestemming. Dat staat in de wet.",
            "Veilig Thuis is now investigating your family. For that, Veilig Thuis may work with your file, even without your consent. The law says so.";
        basis_court: "De kinderrechter heeft een jeugdbeschermingsmaatregel uitgesproken. Daarom mag de jeugdbeschermer met jullie dossier werken, ook zonder jullie toestemming.",
            "The juvenile court has made a child protection order. That is why the child protection worker may work with your file, even without your consent.";
        basis_who: "Het gaat om:", "This concerns:";
        done: "De toestemming is ingetrokken. Dat gaat meteen in. De regisseur van jullie gezin krijgt hiervan een bericht.",
            "The consent has been withdrawn. That takes effect at once. Your family's lead professional gets a message about it.";
        not_found: "Deze toestemming kunnen we niet vinden. Kies een toestemming uit de lijst hieronder.",
            "We cannot find this consent. Choose a consent from the list below.";
        already: "Deze toestemming was al ingetrokken. De lijst hieronder is bijgewerkt.",
            "This consent had already been withdrawn. The list below is up to date.";
        ended: "Deze toestemming is al afgelopen. Intrekken is niet meer nodig.",
            "This consent has already ended. There is no need to withdraw it.";
        not_giver: "Alleen wie deze toestemming gaf, kan die intrekken. Wil je dat deze toestemming stopt? Bespreek het met de regisseur van jullie gezin.",
            "Only someone who gave this consent can withdraw it. Do you want this consent to stop? Talk about it with your family's lead professional.";
        confirm_title: "Toestemming intrekken", "Withdraw consent";
        confirm_intro: "Je trekt deze toestemming in:", "You are withdrawing this consent:";
        confirm_effect: "Dat gaat meteen in: de organisatie kan dan niet meer bij de gegevens die deze toestemming opende. Wat er al gebeurd is, blijft wel gebeurd. De regisseur van jullie gezin krijgt een bericht.",
            "This takes effect at once: the organisation can then no longer reach the information this consent opened. What has already happened stays done. Your family's lead professional gets a message.";
        reason_label: "Waarom trek je de toestemming in? (mag leeg blijven)", "Why do you withdraw the consent? (may stay empty)";
        reason_hint: "De regisseur van jullie gezin leest dit.", "Your family's lead professional reads this.";
        confirm_button: "Ja, trek de toestemming in", "Yes, withdraw the consent";
        cancel: "Nee, terug naar de toestemmingen", "No, back to the consents";
        back_home: "Terug naar Mijn gezin", "Back to My family";
    }
}

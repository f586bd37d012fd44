//! The family portal's words, Dutch and English side by side. Plain language (B1): the
//! family reads these, not a professional.

crate::texts! {
    /// The regisseur's page of the family's accounts.
    pub struct AccountTexts, accounts {
        title: "Gezinsaccounts",
            "Family accounts";
        intro: "Met een gezinsaccount kunnen ouders, opvoeders en jongeren vanaf 12 jaar zelf meekijken. Nodig iemand uit: je krijgt een eenmalige code die 14 dagen werkt. Geef die persoonlijk of op papier, of stuur hem als link per e-mail.",
            "With a family account, parents, carers and young people from 12 can look along themselves. Invite someone: you get a one-time code that works for 14 days. Hand it over in person or on paper, or send it as a link by e-mail.";
        none: "Nog niemand in dit gezin heeft een account of een uitnodiging.",
            "Nobody in this family has an account or an invitation yet.";
        col_member: "Gezinslid", "Family member";
        col_state: "Stand", "Status";
        col_since: "Uitgenodigd op", "Invited on";
        col_action: "Actie", "Action";
        state_open: "Uitnodiging open tot", "Invitation open until";
        state_expired: "Uitnodiging verlopen", "Invitation expired";
        state_revoked: "Uitnodiging ingetrokken", "Invitation revoked";
        state_active: "Account actief sinds", "Account active since";
        state_blocked: "Account geblokkeerd", "Account blocked";
        revoke: "Uitnodiging intrekken", "Revoke invitation";
        block: "Account blokkeren", "Block account";
        invite_title: "Iemand uitnodigen", "Invite someone";
        member_label: "Wie nodig je uit?", "Whom do you invite?";
        /// After a name in the choice of whom to invite, so two parents or a parent
        /// and a young person with the same first name are told apart.
        as_parent: "ouder met gezag", "parent with parental authority";
        as_young: "jongere", "young person";
        member_hint: "Ouders en opvoeders met gezag, en kinderen vanaf 12 jaar.",
            "Parents and carers with parental authority, and children from 12.";
        email_label: "E-mailadres (niet verplicht)", "E-mail address (optional)";
        email_hint: "Vul dit in om de uitnodiging als link per e-mail te sturen. Laat het leeg om de code zelf te geven. We bewaren het adres alleen tot de e-mail weg is.",
            "Fill this in to send the invitation as a link by e-mail. Leave it empty to hand over the code yourself. We keep the address only until the e-mail has gone.";
        email_invalid: "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl, of laat het leeg.",
            "Enter a valid e-mail address, such as name@example.com, or leave it empty.";
        mailed: "De uitnodiging gaat per e-mail naar het gezinslid: een link die 14 dagen werkt. Komt de e-mail niet aan? Trek de uitnodiging in en maak een nieuwe.",
            "The invitation goes to the family member by e-mail: a link that works for 14 days. If the e-mail does not arrive, revoke the invitation and make a new one.";
        invite: "Uitnodiging maken", "Create invitation";
        no_member: "Kies een gezinslid.", "Choose a family member.";
        not_a_party: "Alleen een ouder of opvoeder, of de jongere zelf, krijgt een account.",
            "Only a parent or carer, or the young person themselves, gets an account.";
        no_custody: "Een ouder of opvoeder zonder gezag krijgt geen account. Wel kan die informatie vragen over het kind; dat beslis jij.",
            "A parent or carer without parental authority gets no account. They can ask for information about the child; you decide on that.";
        too_young: "Een kind jonger dan 12 jaar krijgt geen eigen account; de ouders kijken mee.",
            "A child under 12 gets no account of their own; the parents look along.";
        no_birth: "De geboortedatum van dit kind is niet bekend. Vul die eerst in bij Gezin en netwerk.",
            "This child's date of birth is not known. Fill it in first under Family and network.";
        has_account: "Dit gezinslid heeft al een account. Blokkeer dat eerst als er een nieuw moet komen.",
            "This family member already has an account. Block it first if a new one is needed.";
        revoked: "De uitnodiging is ingetrokken: de code werkt niet meer.",
            "The invitation was revoked: the code no longer works.";
        blocked: "Het account is geblokkeerd: dit gezinslid kan niet meer aanmelden.",
            "The account was blocked: this family member can no longer sign in.";
        gone: "Dat was al niet meer mogelijk: de lijst hieronder is bijgewerkt.",
            "That was no longer possible: the list below is up to date.";
        code_title: "Uitnodiging voor", "Invitation for";
        code_intro: "Geef deze code persoonlijk of op papier. Hij is maar één keer te zien: na het sluiten van deze pagina kun je hem niet meer opvragen, alleen een nieuwe maken.",
            "Hand over this code in person or on paper. It is shown only once: after closing this page you cannot look it up again, only make a new one.";
        code_label: "Code", "Code";
        code_until: "De code werkt tot en met", "The code works until";
        code_how: "Ga naar", "Go to";
        code_how_more: "en vul de code in. Daar kies je een wachtwoord en koppel je een app voor de inlogcode.",
            "and enter the code. There you choose a password and link an app for the sign-in code.";
        back: "Terug naar de gezinsaccounts", "Back to the family accounts";
    }
}

crate::texts! {
    /// The public door: activating an invitation and signing in.
    pub struct DoorTexts, door {
        activate_title: "Je gezinsaccount activeren", "Activate your family account";
        activate_intro: "Je hebt een code gekregen van de regisseur van je gezin. Vul die hier in, met je e-mailadres en een wachtwoord dat je zelf kiest.",
            "You received a code from your family's lead professional. Enter it here, with your e-mail address and a password of your own.";
        code_label: "Code uit je uitnodiging", "Code from your invitation";
        code_hint: "16 tekens, bijvoorbeeld K7QM-3XRT-ABCD-EFGH.", "16 characters, for example K7QM-3XRT-ABCD-EFGH.";
        email_label: "Je e-mailadres", "Your e-mail address";
        email_hint: "Hiermee meld je voortaan aan.", "You will sign in with this from now on.";
        password_label: "Kies een wachtwoord", "Choose a password";
        password_hint: "Minstens 12 tekens. Een paar woorden achter elkaar werkt goed.",
            "At least 12 characters. A few words in a row work well.";
        repeat_label: "Herhaal het wachtwoord", "Repeat the password";
        mismatch: "De twee wachtwoorden zijn niet hetzelfde.", "The two passwords are not the same.";
        next: "Verder", "Next";
        code_unknown: "Deze code kennen we niet. Kijk of je hem goed hebt overgenomen.",
            "We do not know this code. Check that you copied it correctly.";
        code_expired: "Deze code is verlopen: een code werkt 14 dagen. Vraag de regisseur om een nieuwe.",
            "This code has expired: a code works for 14 days. Ask the lead professional for a new one.";
        code_used: "Deze code is al gebruikt. Heb je al een account? Meld je dan aan.",
            "This code was already used. Do you have an account already? Then sign in.";
        code_revoked: "Deze code werkt niet meer: de uitnodiging is ingetrokken. Vraag de regisseur om een nieuwe.",
            "This code no longer works: the invitation was revoked. Ask the lead professional for a new one.";
        email_invalid: "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
            "Enter a valid e-mail address, such as name@example.com.";
        email_taken: "Met dit e-mailadres meldt al iemand anders aan. Kies een ander.",
            "Someone else already signs in with this e-mail address. Choose another.";
        too_many: "Te veel pogingen. Wacht een kwartier en probeer het dan opnieuw.",
            "Too many attempts. Wait a quarter of an hour and try again.";
        link_title: "Koppel een app voor de inlogcode", "Link an app for the sign-in code";
        link_intro: "Scan de afbeelding met een app zoals Google Authenticator, Microsoft Authenticator of FreeOTP. Vul daarna de 6 cijfers uit de app in.",
            "Scan the picture with an app such as Google Authenticator, Microsoft Authenticator or FreeOTP. Then enter the 6 digits from the app.";
        qr_alt: "QR-code om te scannen met je app", "QR code to scan with your app";
        secret: "Lukt scannen niet? Typ dan deze sleutel in de app:", "Scanning does not work? Type this key into the app:";
        digits_label: "De 6 cijfers uit je app", "The 6 digits from your app";
        digits_hint: "De cijfers veranderen elke 30 seconden.", "The digits change every 30 seconds.";
        digits_wrong: "Deze cijfers kloppen niet. Vul de cijfers in die de app nu laat zien.",
            "These digits are not right. Enter the digits the app shows now.";
        activate: "Account activeren", "Activate account";
        gone: "De uitnodiging werkt niet meer (verlopen of ingetrokken). Vraag de regisseur om een nieuwe.",
            "The invitation no longer works (expired or revoked). Ask the lead professional for a new one.";
        again: "Dat duurde te lang. Begin opnieuw.", "That took too long. Please start again.";
        sign_in_title: "Aanmelden voor gezinnen", "Sign in for families";
        sign_in_intro: "Meld je aan met het e-mailadres en wachtwoord van je gezinsaccount. Ben je professional? Gebruik dan de gewone aanmeldpagina.",
            "Sign in with the e-mail address and password of your family account. Are you a professional? Then use the regular sign-in page.";
        sign_in: "Aanmelden", "Sign in";
        sign_in_failed: "Dit e-mailadres en wachtwoord horen niet bij elkaar, of het account werkt niet meer.",
            "This e-mail address and password do not match, or the account no longer works.";
        locked: "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.",
            "Too many failed attempts. Wait a quarter of an hour and try again.";
        signed_out: "Je bent afgemeld.", "You are signed out.";
        expired: "Je was een tijd niet actief en bent afgemeld. Meld je opnieuw aan.",
            "You were inactive for a while and have been signed out. Please sign in again.";
        code_title: "Vul je inlogcode in", "Enter your sign-in code";
        code_intro: "Open de app op je telefoon en vul de 6 cijfers in.", "Open the app on your phone and enter the 6 digits.";
        no_account: "Nog geen account? Gebruik de code uit je uitnodiging:", "No account yet? Use the code from your invitation:";
    }
}

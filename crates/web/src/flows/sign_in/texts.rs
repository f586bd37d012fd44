//! The words of the front door and of signing in: the password, the authenticator code,
//! the enrolment code and choosing one's own password. Dutch and English side by side.

crate::texts! {
    pub struct SignInTexts, sign_in {
        enrol_code_title: "Inschrijfcode invullen",
            "Enter your enrolment code";
        enrol_code_intro: "Je functioneel beheerder heeft je een eenmalige inschrijfcode gegeven. Vul die in om je authenticator-app te koppelen. Met alleen je wachtwoord kan dat niet: zo koppelt niemand anders een eigen app aan jouw account.",
            "Your functional administrator gave you a one-time enrolment code. Enter it to link your authenticator app. Your password alone cannot do this, so nobody else can link an app of their own to your account.";
        enrol_code_label: "Inschrijfcode",
            "Enrolment code";
        enrol_code_hint: "Vier groepen van vier tekens, bijvoorbeeld K7QM-3XRT-9CZD-2HWA. Hoofdletters, spaties en streepjes maken niet uit.",
            "Four groups of four characters, for example K7QM-3XRT-9CZD-2HWA. Capitals, spaces and hyphens do not matter.";
        enrol_code_wrong: "Deze inschrijfcode klopt niet of is verlopen. Vraag je functioneel beheerder om een nieuwe.",
            "This enrolment code is wrong or has expired. Ask your functional administrator for a new one.";
        enrol_code_gone: "Je inschrijfcode is intussen verlopen of gebruikt. Vraag je functioneel beheerder om een nieuwe en meld je opnieuw aan.",
            "Your enrolment code has expired or was used meanwhile. Ask your functional administrator for a new one and sign in again.";
        next: "Verder",
            "Continue";
        pw_title: "Kies je eigen wachtwoord",
            "Choose your own password";
        pw_intro: "Je wachtwoord is door iemand anders gekozen. Kies nu je eigen wachtwoord; daarna werkt alleen dat nog.",
            "Someone else chose your password. Choose your own now; after that only yours works.";
        pw_new: "Nieuw wachtwoord",
            "New password";
        pw_new_hint: "Minstens 12 tekens. Een zin van een paar woorden werkt goed.",
            "At least 12 characters. A sentence of a few words works well.";
        pw_repeat: "Herhaal het nieuwe wachtwoord",
            "Repeat the new password";
        pw_mismatch: "De twee wachtwoorden zijn niet gelijk: typ hetzelfde wachtwoord twee keer.",
            "The two passwords differ: type the same password twice.";
        pw_same: "Kies een ander wachtwoord dan het wachtwoord dat je hebt gekregen.",
            "Choose a password other than the one you were given.";
        pw_save: "Wachtwoord opslaan",
            "Save password";
        landing_title: "Eén gezin, één plan",
            "One family, one plan";
        landing_intro: "In eenplan werken het lokale team, Veilig Thuis, SAVE Jeugdbescherming, William Schrikker en de Raad voor de Kinderbescherming samen rond één gezin: één dossier, één plan, vaste gezichten.",
            "In eenplan the local team, Veilig Thuis, SAVE Jeugdbescherming, William Schrikker and the Child Protection Board work together around one family: one file, one plan, familiar faces.";
        sign_in_intro: "Meld je aan met je e-mailadres en wachtwoord. Daarna vragen we de code uit je authenticator-app.",
            "Sign in with your e-mail address and password. Next we ask for the code from your authenticator app.";
        sign_in_failed: "Deze combinatie van e-mailadres en wachtwoord klopt niet. Controleer beide en probeer het opnieuw.",
            "This combination of e-mail address and password is not right. Check both and try again.";
        sign_in_locked: "Te veel mislukte pogingen voor dit e-mailadres. Probeer het over 15 minuten opnieuw.",
            "Too many failed attempts for this e-mail address. Try again in 15 minutes.";
        sign_in_too_many: "Te veel mislukte pogingen vanaf dit apparaat. Probeer het over 15 minuten opnieuw.",
            "Too many failed attempts from this device. Try again in 15 minutes.";
        session_expired: "Je sessie is verlopen. Meld je opnieuw aan.",
            "Your session has expired. Please sign in again.";
        signed_out: "Je bent afgemeld.",
            "You are signed out.";
        code_title: "Code uit je authenticator-app",
            "Code from your authenticator app";
        code_intro: "Open je authenticator-app en vul de code van 6 cijfers in die bij eenplan hoort.",
            "Open your authenticator app and enter the 6-digit code for eenplan.";
        code_label: "Code (6 cijfers)",
            "Code (6 digits)";
        code_hint: "De code verandert elke 30 seconden. Een code werkt maar één keer.",
            "The code changes every 30 seconds. A code works only once.";
        code_wrong: "Deze code klopt niet of is al gebruikt. Wacht op de volgende code en probeer het opnieuw.",
            "This code is wrong or was already used. Wait for the next code and try again.";
        pending_expired: "Het aanmelden duurde te lang. Begin opnieuw met je e-mailadres en wachtwoord.",
            "Signing in took too long. Start again with your e-mail address and password.";
        enrol_title: "Tweede factor instellen",
            "Set up your second factor";
        enrol_intro: "Scan deze QR-code met een authenticator-app (bijvoorbeeld de app van je organisatie). Vul daarna de code van 6 cijfers in die de app toont.",
            "Scan this QR code with an authenticator app (for example your organisation's). Then enter the 6-digit code the app shows.";
        enrol_qr_alt: "QR-code om eenplan aan je authenticator-app toe te voegen",
            "QR code to add eenplan to your authenticator app";
        enrol_secret: "Kun je niet scannen? Voer deze sleutel handmatig in:",
            "Cannot scan? Enter this key by hand:";
    }
}

//! The words of signing in that are not the page frame's: the enrolment code and
//! choosing one's own password. Dutch and English side by side.

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
    }
}

//! Dutch by default, English available. The choice is a cookie, switched with a link.

use axum::http::HeaderMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

pub const LANG_COOKIE: &str = "eenplan_lang";

impl Lang {
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        match crate::auth::cookies::get(headers, LANG_COOKIE).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Nl,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// Every UI string, per language. A struct rather than a map so a missing translation
/// does not compile.
#[derive(Debug)]
pub struct Texts {
    pub lang: &'static str,
    pub other_lang: &'static str,
    pub other_lang_label: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_start: &'static str,
    pub nav_admin: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub landing_title: &'static str,
    pub landing_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub next: &'static str,
    pub sign_in_intro: &'static str,
    pub sign_in_failed: &'static str,
    pub sign_in_locked: &'static str,
    pub sign_in_too_many: &'static str,
    pub session_expired: &'static str,
    pub signed_out: &'static str,
    pub code_title: &'static str,
    pub code_intro: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub code_wrong: &'static str,
    pub pending_expired: &'static str,
    pub enrol_title: &'static str,
    pub enrol_intro: &'static str,
    pub enrol_qr_alt: &'static str,
    pub enrol_secret: &'static str,
    pub start_title: &'static str,
    pub start_intro: &'static str,
    pub start_role_professional: &'static str,
    pub start_role_behavioural_scientist: &'static str,
    pub start_role_team_lead: &'static str,
    pub start_role_functional_admin: &'static str,
    pub start_role_privacy_officer: &'static str,
    pub your_roles: &'static str,
    pub error_title: &'static str,
    pub error_forbidden: &'static str,
    pub error_not_found: &'static str,
    pub error_internal: &'static str,
    pub error_csrf: &'static str,
    pub back_to_start: &'static str,
}

pub static NL: Texts = Texts {
    lang: "nl",
    other_lang: "en",
    other_lang_label: "English",
    skip_to_content: "Naar de inhoud",
    nav_label: "Hoofdmenu",
    nav_start: "Start",
    nav_admin: "Beheer",
    sign_in: "Aanmelden",
    sign_out: "Afmelden",
    signed_in_as: "Aangemeld als",
    landing_title: "Eén gezin, één plan",
    landing_intro: "In eenplan werken het lokale team, Veilig Thuis, SAVE Jeugdbescherming, William Schrikker en de Raad voor de Kinderbescherming samen rond één gezin: één dossier, één plan, vaste gezichten.",
    email: "E-mailadres",
    password: "Wachtwoord",
    next: "Verder",
    sign_in_intro: "Meld je aan met je e-mailadres en wachtwoord. Daarna vragen we de code uit je authenticator-app.",
    sign_in_failed: "Deze combinatie van e-mailadres en wachtwoord klopt niet. Controleer beide en probeer het opnieuw.",
    sign_in_locked: "Te veel mislukte pogingen voor dit e-mailadres. Probeer het over 15 minuten opnieuw.",
    sign_in_too_many: "Te veel mislukte pogingen vanaf dit apparaat. Probeer het over 15 minuten opnieuw.",
    session_expired: "Je sessie is verlopen. Meld je opnieuw aan.",
    signed_out: "Je bent afgemeld.",
    code_title: "Code uit je authenticator-app",
    code_intro: "Open je authenticator-app en vul de code van 6 cijfers in die bij eenplan hoort.",
    code_label: "Code (6 cijfers)",
    code_hint: "De code verandert elke 30 seconden. Een code werkt maar één keer.",
    code_wrong: "Deze code klopt niet of is al gebruikt. Wacht op de volgende code en probeer het opnieuw.",
    pending_expired: "Het aanmelden duurde te lang. Begin opnieuw met je e-mailadres en wachtwoord.",
    enrol_title: "Tweede factor instellen",
    enrol_intro: "Scan deze QR-code met een authenticator-app (bijvoorbeeld de app van je organisatie). Vul daarna de code van 6 cijfers in die de app toont.",
    enrol_qr_alt: "QR-code om eenplan aan je authenticator-app toe te voegen",
    enrol_secret: "Kun je niet scannen? Voer deze sleutel handmatig in:",
    start_title: "Start",
    start_intro: "Welkom bij eenplan.",
    start_role_professional: "Als professional vind je hier straks de gezinnen waarbij je betrokken bent, met het plan en de afspraken.",
    start_role_behavioural_scientist: "Als gedragswetenschapper vind je hier straks de consultaties en gezamenlijke oordelen waarbij je betrokken bent.",
    start_role_team_lead: "Als teamleider zie je hier straks de werkvoorraad van je team en wat over tijd is.",
    start_role_functional_admin: "Als functioneel beheerder beheer je organisaties, teams, gebieden en gebruikers.",
    start_role_privacy_officer: "Als privacyfunctionaris zie je hier straks het toegangslog en de doorbraken die beoordeeld moeten worden.",
    your_roles: "Je rollen",
    error_title: "Er ging iets mis",
    error_forbidden: "Deze pagina is niet bedoeld voor jouw rol.",
    error_not_found: "Deze pagina bestaat niet (meer). Controleer het adres.",
    error_internal: "Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met je functioneel beheerder.",
    error_csrf: "Het formulier is verlopen of niet vanuit eenplan verstuurd. Laad de pagina opnieuw en probeer het nog eens.",
    back_to_start: "Terug naar de start",
};

pub static EN: Texts = Texts {
    lang: "en",
    other_lang: "nl",
    other_lang_label: "Nederlands",
    skip_to_content: "Skip to content",
    nav_label: "Main menu",
    nav_start: "Start",
    nav_admin: "Administration",
    sign_in: "Sign in",
    sign_out: "Sign out",
    signed_in_as: "Signed in as",
    landing_title: "One family, one plan",
    landing_intro: "In eenplan the local team, Veilig Thuis, SAVE Jeugdbescherming, William Schrikker and the Child Protection Board work together around one family: one file, one plan, familiar faces.",
    email: "E-mail address",
    password: "Password",
    next: "Continue",
    sign_in_intro: "Sign in with your e-mail address and password. Next we ask for the code from your authenticator app.",
    sign_in_failed: "This combination of e-mail address and password is not right. Check both and try again.",
    sign_in_locked: "Too many failed attempts for this e-mail address. Try again in 15 minutes.",
    sign_in_too_many: "Too many failed attempts from this device. Try again in 15 minutes.",
    session_expired: "Your session has expired. Please sign in again.",
    signed_out: "You are signed out.",
    code_title: "Code from your authenticator app",
    code_intro: "Open your authenticator app and enter the 6-digit code for eenplan.",
    code_label: "Code (6 digits)",
    code_hint: "The code changes every 30 seconds. A code works only once.",
    code_wrong: "This code is wrong or was already used. Wait for the next code and try again.",
    pending_expired: "Signing in took too long. Start again with your e-mail address and password.",
    enrol_title: "Set up your second factor",
    enrol_intro: "Scan this QR code with an authenticator app (for example your organisation's). Then enter the 6-digit code the app shows.",
    enrol_qr_alt: "QR code to add eenplan to your authenticator app",
    enrol_secret: "Cannot scan? Enter this key by hand:",
    start_title: "Start",
    start_intro: "Welcome to eenplan.",
    start_role_professional: "As a professional you will find the families you are involved with here, with their plan and agreements.",
    start_role_behavioural_scientist: "As a behavioural scientist you will find your consultations and joint judgements here.",
    start_role_team_lead: "As a team lead you will see your team's workload and what is overdue here.",
    start_role_functional_admin: "As a functional administrator you manage organisations, teams, areas and users.",
    start_role_privacy_officer: "As a privacy officer you will see the access log and the emergency accesses awaiting review here.",
    your_roles: "Your roles",
    error_title: "Something went wrong",
    error_forbidden: "This page is not meant for your role.",
    error_not_found: "This page does not exist (any more). Check the address.",
    error_internal: "Something went wrong on our side. Try again later; if it keeps failing, contact your functional administrator.",
    error_csrf: "The form expired or was not sent from eenplan. Reload the page and try again.",
    back_to_start: "Back to start",
};

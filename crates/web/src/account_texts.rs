//! The words of accounts that do what their roles say (issue 12, section 5): the
//! enrolment code, choosing one's own password, deactivating with a hand-over and the
//! files without a regisseur. Dutch and English side by side.

use crate::i18n::Lang;

#[derive(Debug)]
pub struct AccountTexts {
    pub code_for: &'static str,
    pub code_handover: &'static str,
    pub code_valid_until: &'static str,
    pub temporary_password_hint: &'static str,
    pub deact_title: &'static str,
    pub deact_intro: &'static str,
    pub deact_led: &'static str,
    pub deact_none: &'static str,
    pub deact_left: &'static str,
    pub deact_confirm: &'static str,
    pub handover_to: &'static str,
    pub handover_reason: &'static str,
    pub handover: &'static str,
    pub handover_all: &'static str,
    pub all_files: &'static str,
    pub one_by_one: &'static str,
    pub handed_over: &'static str,
    pub no_colleague: &'static str,
    pub err_colleague: &'static str,
    pub err_reason: &'static str,
    pub orphans_title: &'static str,
    pub orphans_intro: &'static str,
    pub orphans_was: &'static str,
    pub take_over: &'static str,
    pub err_not_grantable: &'static str,
    pub choose: &'static str,
    pub start_role_chain_admin: &'static str,
}

pub const NL: AccountTexts = AccountTexts {
    code_for: "Eenmalige inschrijfcode voor",
    code_handover: "Geef deze code persoonlijk of telefonisch door, niet in hetzelfde bericht als het wachtwoord. Hij wordt alleen nu getoond en werkt één keer.",
    code_valid_until: "Geldig tot",
    temporary_password_hint: "Een tijdelijk wachtwoord: bij de eerste aanmelding kiest de collega een eigen wachtwoord.",
    deact_title: "Account deactiveren",
    deact_intro: "Deactiveren werkt meteen: alle sessies en API-tokens van dit account stoppen bij het volgende verzoek en aanmelden kan niet meer.",
    deact_led: "Dossiers waarvan deze persoon regisseur is",
    deact_none: "Deze persoon is van geen enkel dossier regisseur.",
    deact_left: "Een dossier dat je niet overdraagt, komt bij de teamleider op de lijst 'Zonder regisseur' tot een collega de regie overneemt.",
    deact_confirm: "Nu deactiveren",
    handover_to: "Overdragen aan",
    handover_reason: "Reden van de overdracht",
    handover: "Overdragen",
    handover_all: "Alles overdragen aan één collega",
    all_files: "dossiers",
    one_by_one: "Of draag de dossiers één voor één over",
    handed_over: "De regie is overgedragen.",
    no_colleague: "Er is in deze organisatie geen actieve collega in een zorgrol die de regie kan overnemen.",
    err_colleague: "Kies de collega die de regie overneemt.",
    err_reason: "Schrijf op waarom de regie wordt overgedragen.",
    orphans_title: "Zonder regisseur",
    orphans_intro: "De regisseur van deze dossiers is niet meer actief. Wijs een collega aan die de regie overneemt.",
    orphans_was: "Was",
    take_over: "Regie toewijzen",
    err_not_grantable: "Deze rol kan alleen de beheerder van de regio geven.",
    choose: "Kies…",
    start_role_chain_admin: "je beheert de organisaties en gebieden van de regio; de accounts beheert elke organisatie zelf.",
};

pub const EN: AccountTexts = AccountTexts {
    code_for: "One-time enrolment code for",
    code_handover: "Hand this code over in person or by phone, not in the same message as the password. It is shown only now and works once.",
    code_valid_until: "Valid until",
    temporary_password_hint: "A temporary password: at the first sign-in the colleague chooses their own.",
    deact_title: "Deactivate account",
    deact_intro: "Deactivation works at once: every session and API token of this account stops at its next request and signing in is no longer possible.",
    deact_led: "Files this person leads as regisseur",
    deact_none: "This person leads no file.",
    deact_left: "A file you do not hand over goes on the team lead's 'Without a regisseur' list until a colleague takes the lead.",
    deact_confirm: "Deactivate now",
    handover_to: "Hand over to",
    handover_reason: "Reason for the hand-over",
    handover: "Hand over",
    handover_all: "Hand everything over to one colleague",
    all_files: "files",
    one_by_one: "Or hand the files over one by one",
    handed_over: "The lead has been handed over.",
    no_colleague: "This organisation has no active colleague in a care role who can take the lead.",
    err_colleague: "Choose the colleague who takes the lead.",
    err_reason: "Write down why the lead is handed over.",
    orphans_title: "Without a regisseur",
    orphans_intro: "The regisseur of these files is no longer active. Choose a colleague to take the lead.",
    orphans_was: "Was",
    take_over: "Assign the lead",
    err_not_grantable: "Only the region's chain administrator can give this role.",
    choose: "Choose…",
    start_role_chain_admin: "you manage the region's organisations and areas; each organisation manages its own accounts.",
};

pub fn texts(lang: Lang) -> &'static AccountTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

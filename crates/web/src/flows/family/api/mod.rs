//! `/api/v1/families`: the family file for programs, with the same rules and access
//! decisions as the pages (the router's family guard runs before every `{family}`
//! route). The plan uses ETag / If-Match: a stale version gets 412 with what changed.

crate::texts! {
    /// What the family API says when it refuses a request, in Dutch and English.
    pub struct FamilyApiTexts, family_api {
        no_active_professional: "Geen actieve professional met dit id.", "No active professional with this id.";
        consent_needed: "Toestemming nodig", "Consent needed";
        consent_needed_detail: "Het gezin heeft nog geen toestemming gegeven voor deze organisatie: leg eerst de stap '{step}' vast.",
            "The family has not yet consented for this organisation: record the step '{step}' first.";
        give_reason: "Geef de reden.", "Give the reason.";
        give_correction_reason: "Geef de reden van de correctie.", "Give the reason for the correction.";
        give_name: "Vul een naam in.", "Fill in a name.";
        lead_stays: "De regisseur beëindig je niet", "The lead professional cannot be ended";
        lead_stays_detail: "Een andere lokale professional neemt over: POST .../involvements met takes_over en reason.",
            "Another local professional takes over: POST .../involvements with takes_over and reason.";
        not_in_file: "Niet gevonden in dit dossier", "Not found in this file";
        no_member: "Geen huidig gezinslid met dit id", "No current family member with this id";
        no_network_member: "Geen huidig netwerklid met dit id", "No current network member with this id";
        no_note: "Deze notitie bestaat niet", "This case note does not exist";
        no_version: "Deze versie bestaat niet", "This version does not exist";
        no_plan_version: "Deze versie van het plan bestaat niet.", "This version of the plan does not exist.";
        member_once: "Noem elk gezinslid één keer.", "Name each family member once.";
        birth_date: "Elk kind heeft een geboortedatum als jjjj-mm-dd.", "Each child has a date of birth as yyyy-mm-dd.";
        possible_duplicate: "Mogelijk bestaat er al een dossier", "A file may already exist";
        possible_duplicate_detail: "Eén gezin, één dossier: er bestaat mogelijk al een dossier over dit kind of op dit adres. Neem contact op met de organisatie die de regie heeft; is het een ander gezin, stuur dan confirm_not_duplicate: true mee.",
            "One family, one file: a file about this child or at this address may already exist. Contact the organisation that leads it; if it is another household, send confirm_not_duplicate: true.";
        too_many_checks: "Te veel dossiercontroles", "Too many file checks";
        too_many_checks_detail: "Je vond het afgelopen uur te vaak dossiers van andere organisaties. Probeer het later opnieuw.",
            "In the past hour you found other organisations' files too often. Try again later.";
        area_outside: "Kies een wijk of gemeente waar jouw organisatie werkt.",
            "Choose a neighbourhood or municipality where your organisation works.";
        local_team_only: "Alleen een lokaal team opent een dossier", "Only a local team opens a file";
        local_team_only_detail: "De professional die een dossier opent wordt de regisseur; dat is altijd iemand van een lokaal team.",
            "The professional who opens a file becomes its lead; that is always someone from a local team.";
        if_match_missing: "If-Match ontbreekt", "If-Match is missing";
        if_match_missing_detail: "Stuur de ETag van het plan dat je bewerkte mee als If-Match, zodat niemands wijziging verloren gaat.",
            "Send the ETag of the plan you edited as If-Match, so nobody's change is lost.";
        weak_etag: "Zwakke ETag", "Weak ETag";
        weak_etag_detail: "If-Match vergelijkt sterk: een zwakke ETag (W/...) past nooit. Stuur de ETag uit GET .../plan zoals die is, bijvoorbeeld \"v3\".",
            "If-Match compares strongly: a weak ETag (W/...) never matches. Send the ETag from GET .../plan as it is, for example \"v3\".";
        weak_etag_reason: "Gebruik de sterke ETag, zonder W/.", "Use the strong ETag, without W/.";
        etag_reason: "Gebruik de ETag uit GET .../plan, bijvoorbeeld \"v3\".", "Use the ETag from GET .../plan, for example \"v3\".";
        required: "Vul dit veld in.", "Fill in this field.";
        postcode: "Gebruik vier cijfers en twee letters, zoals 3581 AB.", "Use four digits and two letters, such as 3581 AB.";
        not_author: "Alleen de auteur kan een notitie wijzigen", "Only the author can change a case note";
        sort: "Sorteer op name (standaard) of next_due.", "Sort by name (the default) or next_due.";
        state: "Kies active (standaard), closed of all.", "Choose active (the default), closed or all.";
        role: "Kies regisseur, partner of team_lead (de regisseur is iemand uit jouw team).",
            "Choose regisseur, partner or team_lead (the lead professional is someone from your team).";
        framework: "Geen bekend kader; zie de enum van Family.framework.", "No known framework; see the enum of Family.framework.";
        date_between: "De datum moet liggen tussen {first} en {last}.", "The date must lie between {first} and {last}.";
        stale_plan: "Het plan is intussen gewijzigd", "The plan has changed in the meantime";
        stale_plan_detail: "Je bewerkte versie {based_on}; de huidige is versie {current}. Bekijk de wijzigingen en sla opnieuw op met If-Match \"v{current}\".",
            "You edited version {based_on}; the current one is version {current}. Look at the changes and save again with If-Match \"v{current}\".";
    }
}

/// A [`FamilyApiTexts`] text in both languages, its placeholders filled in.
fn said(
    pick: fn(&'static FamilyApiTexts) -> &'static str,
    values: &[(&str, &str)],
) -> (String, String) {
    use crate::kit::texts::Lang;
    let (nl, en) = (pick(family_api(Lang::Nl)), pick(family_api(Lang::En)));
    let fill = crate::kit::texts::fill;
    (fill(nl, values), fill(en, values))
}

mod closing;
mod involvements;
mod members;
mod network;
mod new;
mod notes;
mod plan;
mod search;
mod show;
mod timeline;

pub use closing::{close, reopen};
pub use involvements::{Part, add_involvement, end};
pub use members::{add_member, correct_member};
pub use network::{add_network, correct_network};
pub use new::create;
pub use notes::{change_note, notes, write_note};
pub use plan::{agree, plan, plan_version, plan_versions, put_plan, restore_plan};
pub use search::search;
pub use show::read;
pub use timeline::timeline;

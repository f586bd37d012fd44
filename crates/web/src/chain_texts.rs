//! UI strings of the chain's ways of working (issue 7: SAVE-begeleiding, the EVU, the
//! work lists), per language, apart from the file's strings in `i18n` so each flow's
//! words stay together. Reached from every page as `shell.c`.

use eenplan_domain::evu::EvuError;
use eenplan_domain::save_guidance::GuidanceError;

use crate::i18n::Lang;

#[derive(Debug)]
pub struct ChainTexts {
    pub start_role_evu: &'static str,
    pub nav_evu: &'static str,
    pub sg_title: &'static str,
    pub sg_intro: &'static str,
    pub sg_none: &'static str,
    pub sg_worker: &'static str,
    pub sg_expertise: &'static str,
    pub sg_goals: &'static str,
    pub sg_goals_hint: &'static str,
    pub sg_started: &'static str,
    pub sg_planned_end: &'static str,
    pub sg_next_review: &'static str,
    pub sg_review_due: &'static str,
    pub sg_review_months: &'static str,
    pub sg_start: &'static str,
    pub sg_review: &'static str,
    pub sg_reviewed_on: &'static str,
    pub sg_note: &'static str,
    pub sg_reviews: &'static str,
    pub sg_end: &'static str,
    pub sg_outcome: &'static str,
    pub sg_reason: &'static str,
    pub sg_ended: &'static str,
    pub sg_months: &'static str,
    pub evu_title: &'static str,
    pub evu_intro: &'static str,
    pub evu_family_title: &'static str,
    pub evu_family_intro: &'static str,
    pub evu_none: &'static str,
    pub evu_refer: &'static str,
    pub evu_reason: &'static str,
    pub evu_source: &'static str,
    pub evu_referred_on: &'static str,
    pub evu_state: &'static str,
    pub evu_workers: &'static str,
    pub evu_new: &'static str,
    pub evu_running: &'static str,
    pub evu_combination: &'static str,
    pub evu_combination_hint: &'static str,
    pub evu_assign: &'static str,
    pub evu_decline: &'static str,
    pub evu_close: &'static str,
    pub evu_decision: &'static str,
    pub work_guidances: &'static str,
    pub work_on_site: &'static str,
    pub work_consents: &'static str,
    pub work_consents_none: &'static str,
    pub work_reviews: &'static str,
    pub work_evu: &'static str,
    pub work_vt: &'static str,
    pub work_vt_link: &'static str,
    pub work_nothing: &'static str,
    pub err_fix: &'static str,
}

pub const NL: ChainTexts = ChainTexts {
    start_role_evu: "je ziet nieuwe EVU-aanmeldingen en wijst in één keer een combinatie van professionals toe.",
    nav_evu: "EVU",
    sg_title: "SAVE-begeleiding",
    sg_intro: "SAVE begeleidt naast de regisseur, nooit in plaats van: start alleen met toestemming van het gezin voor 'Start SAVE-begeleiding', met doelen in het plan en een einddatum. Zo kort als kan: uiterlijk elke drie maanden evalueren.",
    sg_none: "Geen SAVE-begeleiding.",
    sg_worker: "SAVE-medewerker",
    sg_expertise: "Expertisegebied",
    sg_goals: "Doelen van de begeleiding",
    sg_goals_hint: "Eén doel per regel; ze komen in het plan bij de veiligheidsdoelen.",
    sg_started: "Gestart",
    sg_planned_end: "Geplande einddatum",
    sg_next_review: "Volgende evaluatie",
    sg_review_due: "evaluatie nu nodig",
    sg_review_months: "Evalueren elke",
    sg_start: "SAVE-begeleiding starten",
    sg_review: "Evaluatie vastleggen",
    sg_reviewed_on: "Datum evaluatie",
    sg_note: "Wat de evaluatie opleverde",
    sg_reviews: "Evaluaties",
    sg_end: "Begeleiding beëindigen",
    sg_outcome: "Uitkomst",
    sg_reason: "Reden",
    sg_ended: "Beëindigd",
    sg_months: "maanden",
    evu_title: "Expertiseteam Veiligheid (EVU)",
    evu_intro: "Nieuwe aanmeldingen om te bemensen: wijs in één keer een combinatie toe van professionals uit verschillende organisaties, zodat het gezin dezelfde gezichten houdt.",
    evu_family_title: "EVU",
    evu_family_intro: "Bij zorgen over veiligheid schakelt het lokale team het EVU in, met toestemming van het gezin ('Expertiseteam Veiligheid Utrecht (EVU) betrekken'), als het gezin in een EVU-wijk woont.",
    evu_none: "Geen aanmeldingen.",
    evu_refer: "EVU inschakelen",
    evu_reason: "Zorgen over veiligheid",
    evu_source: "Aangemeld door",
    evu_referred_on: "Aangemeld op",
    evu_state: "Stand",
    evu_workers: "Combinatie",
    evu_new: "Nieuw: te bemensen",
    evu_running: "Lopend",
    evu_combination: "Professionals",
    evu_combination_hint: "Kies minstens twee professionals uit minstens twee organisaties.",
    evu_assign: "Combinatie toewijzen",
    evu_decline: "Niet oppakken",
    evu_close: "EVU-inzet afsluiten",
    evu_decision: "Toelichting",
    work_guidances: "SAVE-begeleidingen met evaluatiedatum",
    work_on_site: "SAVE op locatie: vandaag",
    work_consents: "Toestemming nog te vragen",
    work_consents_none: "Geen openstaande toestemmingsstappen.",
    work_reviews: "Evaluaties en acties die nu aan de beurt zijn",
    work_evu: "EVU: nieuwe aanmeldingen om te bemensen",
    work_vt: "Veilig Thuis: veiligheidsbeoordelingen",
    work_vt_link: "naar de werklijst van Veilig Thuis",
    work_nothing: "Niets op de lijst.",
    err_fix: "Verbeter wat bij de velden staat.",
};

pub const EN: ChainTexts = ChainTexts {
    start_role_evu: "you see new EVU referrals and assign a combination of professionals at once.",
    nav_evu: "EVU",
    sg_title: "SAVE guidance",
    sg_intro: "SAVE guides alongside the lead professional, never instead: start only with the family's consent to 'Start SAVE guidance', with goals in the plan and an end date. As short as possible: review at least every three months.",
    sg_none: "No SAVE guidance.",
    sg_worker: "SAVE worker",
    sg_expertise: "Area of expertise",
    sg_goals: "Goals of the guidance",
    sg_goals_hint: "One goal per line; they go into the plan's safety goals.",
    sg_started: "Started",
    sg_planned_end: "Planned end",
    sg_next_review: "Next review",
    sg_review_due: "review due now",
    sg_review_months: "Review every",
    sg_start: "Start SAVE guidance",
    sg_review: "Record a review",
    sg_reviewed_on: "Review date",
    sg_note: "What the review found",
    sg_reviews: "Reviews",
    sg_end: "End the guidance",
    sg_outcome: "Outcome",
    sg_reason: "Reason",
    sg_ended: "Ended",
    sg_months: "months",
    evu_title: "Safety expertise team (EVU)",
    evu_intro: "New referrals to staff: assign a combination of professionals from several organisations at once, so the family keeps the same faces.",
    evu_family_title: "EVU",
    evu_family_intro: "When there are safety worries, the local team calls in the EVU with the family's consent ('Involve the EVU') if the family lives in an EVU neighbourhood.",
    evu_none: "No referrals.",
    evu_refer: "Call in the EVU",
    evu_reason: "Safety worries",
    evu_source: "Referred by",
    evu_referred_on: "Referred on",
    evu_state: "State",
    evu_workers: "Combination",
    evu_new: "New: to staff",
    evu_running: "Running",
    evu_combination: "Professionals",
    evu_combination_hint: "Choose at least two professionals from at least two organisations.",
    evu_assign: "Assign the combination",
    evu_decline: "Decline",
    evu_close: "Close the EVU's work",
    evu_decision: "Explanation",
    work_guidances: "SAVE guidance with review dates",
    work_on_site: "SAVE on site: today",
    work_consents: "Consent still to ask",
    work_consents_none: "No consent steps pending.",
    work_reviews: "Reviews and actions due now",
    work_evu: "EVU: new referrals to staff",
    work_vt: "Veilig Thuis: safety assessments",
    work_vt_link: "to Veilig Thuis's work list",
    work_nothing: "Nothing on the list.",
    err_fix: "Fix what the fields say.",
};

pub fn texts(lang: Lang) -> &'static ChainTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// A SAVE-begeleiding refusal in the visitor's language.
pub fn guidance_error(lang: Lang, e: &GuidanceError) -> &'static str {
    let (nl, en) = match e {
        GuidanceError::ConsentNeeded => (
            "Het gezin heeft nog geen toestemming gegeven voor 'Start SAVE-begeleiding' voor deze organisatie. Leg die eerst vast.",
            "The family has not consented to 'Start SAVE guidance' for this organisation yet. Record that first.",
        ),
        GuidanceError::NotVoluntary => (
            "SAVE-begeleiding hoort bij het vrijwillig kader.",
            "SAVE guidance belongs to the voluntary framework.",
        ),
        GuidanceError::NoGoals => (
            "Schrijf minstens één doel op.",
            "Write down at least one goal.",
        ),
        GuidanceError::EndInPast => (
            "Kies een einddatum in de toekomst.",
            "Choose an end date in the future.",
        ),
        GuidanceError::EndImplausible(_) => (
            "Deze einddatum kan niet kloppen: plan hoogstens een jaar vooruit en controleer het jaar.",
            "This end date cannot be right: plan at most a year ahead and check the year.",
        ),
        GuidanceError::ReviewTooRare => (
            "Evalueer minstens elke drie maanden.",
            "Review at least every three months.",
        ),
        GuidanceError::ReasonNeeded => (
            "Geef de reden bij beëindigen zonder resultaat.",
            "Give the reason when ending without result.",
        ),
        GuidanceError::AlreadyEnded => (
            "Deze begeleiding is al beëindigd.",
            "This guidance has ended already.",
        ),
        GuidanceError::AlreadyRunning => (
            "Er loopt al een SAVE-begeleiding: evalueer of beëindig die eerst.",
            "A SAVE guidance is running already: review or end it first.",
        ),
        GuidanceError::ReviewNoteNeeded => (
            "Schrijf op wat de evaluatie opleverde.",
            "Write down what the review found.",
        ),
        GuidanceError::ReviewBeforeStart => (
            "De evaluatie ligt vóór de start.",
            "The review lies before the start.",
        ),
        GuidanceError::ReviewInFuture => (
            "Een evaluatie leg je vast op of vóór vandaag.",
            "Record a review on or before today.",
        ),
        GuidanceError::NotCertifiedInstitution => (
            "Kies een medewerker van een gecertificeerde instelling (SAVE of William Schrikker).",
            "Choose a worker of a certified institution (SAVE or William Schrikker).",
        ),
        GuidanceError::NotYours => (
            "Alleen de organisatie die begeleidt, of de regie, evalueert of beëindigt.",
            "Only the organisation giving the guidance, or the lead, reviews or ends it.",
        ),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// An EVU refusal in the visitor's language.
pub fn evu_error(lang: Lang, e: &EvuError) -> &'static str {
    let (nl, en) = match e {
        EvuError::NotInEvuArea => (
            "Het gezin woont niet in een wijk waar het EVU werkt.",
            "The family does not live in a neighbourhood the EVU covers.",
        ),
        EvuError::ConsentNeeded => (
            "Leg eerst de toestemming van het gezin vast voor 'Expertiseteam Veiligheid Utrecht (EVU) betrekken'.",
            "Record the family's consent to 'Involve the EVU' first.",
        ),
        EvuError::ReasonNeeded => (
            "Beschrijf de zorgen of de reden.",
            "Describe the worries or the reason.",
        ),
        EvuError::AlreadyOpen => (
            "Er loopt al een EVU-aanmelding voor dit gezin.",
            "An EVU referral for this family is open already.",
        ),
        EvuError::NotACombination => (
            "Kies minstens twee professionals uit minstens twee organisaties.",
            "Choose at least two professionals from at least two organisations.",
        ),
        EvuError::Duplicate => ("Iemand staat er twee keer in.", "Someone is named twice."),
        EvuError::NotNew(_) => (
            "Deze aanmelding is al opgepakt of afgewezen.",
            "This referral has been taken up or declined already.",
        ),
        EvuError::NotAReferrer => (
            "Het lokale team schakelt het EVU in (Veilig Thuis brengt een melding in): vraag de regisseur.",
            "The local team calls in the EVU (Veilig Thuis brings in a report): ask the regisseur.",
        ),
        EvuError::ChangedMeanwhile => (
            "Iemand anders heeft deze aanmelding net gewijzigd: bekijk haar opnieuw.",
            "Someone else changed this referral just now: look at it again.",
        ),
        EvuError::NotAssigned => (
            "Alleen een aanmelding met een toegewezen combinatie sluit je af.",
            "Only a referral with an assigned combination is closed.",
        ),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// A worker of an EVU combination who may not join yet, and the consent step to ask.
pub fn join_refused(
    lang: Lang,
    worker: &str,
    organisation: &str,
    step: eenplan_domain::family::ConsentStep,
) -> String {
    match lang {
        Lang::Nl => format!(
            "{worker} ({organisation}) kan nog niet aansluiten: vraag eerst de toestemming van het gezin voor de stap '{}'.",
            step.label_nl()
        ),
        Lang::En => format!(
            "{worker} ({organisation}) cannot join yet: ask the family's consent to the step '{}' first.",
            step.label_en()
        ),
    }
}

//! The consent flow's words: consents and the framework, the anonymous summary and
//! break the glass. Dutch and English side by side.

crate::texts! {
    /// Consents, the framework, the anonymous summary and emergency access.
    pub struct ConsentTexts, consent {
        anon_title: "Anonieme samenvatting voor een consult",
            "Anonymous summary for a consultation";
        anon_intro: "Zonder namen, geboortedata, adres of vrije tekst: hiermee overleg je anoniem met een specialist. Daarvoor is geen toestemming van het gezin nodig.",
            "Without names, dates of birth, address or free text: use it to consult a specialist anonymously. That needs no consent from the family.";
        anon_children: "Leeftijden van de kinderen",
            "Children's ages";
        anon_parents: "Ouders/opvoeders (met gezag)",
            "Parents/carers (with custody)";
        anon_household: "Andere huisgenoten",
            "Other household members";
        anon_scales: "Veiligheidsschalen",
            "Safety scales";
        anon_domains: "Levensgebieden in het plan",
            "Life domains in the plan";
        anon_involved: "Betrokken organisaties (soort)",
            "Organisations involved (kind)";
        anon_worries: "Zorgen / gevaarbeschrijvingen (aantal)",
            "Worries / danger statements (count)";
        years: "jaar",
            "years";
        framework_now: "Huidig kader",
            "Current framework";
        f_framework: "Kader",
            "Framework";
        f_basis_organisation: "Organisatie met de wettelijke grondslag",
            "Organisation with the legal basis";
        f_ground: "Grond (melding, beschikking of reden)",
            "Ground (report, court decision or reason)";
        f_effective_on: "Ingangsdatum",
            "Effective from";
        consent_missing: "Nog te vragen",
            "Still to ask";
        consent_nothing_missing: "Er staat geen stap open.",
            "No step is open.";
        consents_given: "Vastgelegde toestemmingen",
            "Recorded consents";
        no_consents: "Nog geen toestemming vastgelegd.",
            "No consent recorded yet.";
        f_step: "Stap",
            "Step";
        f_receiving_org: "Ontvangende organisatie",
            "Receiving organisation";
        f_purpose: "Doel",
            "Purpose";
        f_categories: "Welke gegevens",
            "Which data";
        f_children: "Voor welke kinderen",
            "For which children";
        f_given_by: "Gegeven door",
            "Given by";
        f_consent_form: "Hoe gegeven",
            "How given";
        f_given_on: "Datum van de toestemming",
            "Date of consent";
        f_ends_on: "Geldig tot en met (optioneel)",
            "Valid until (optional)";
        withdraw: "Intrekken",
            "Withdraw";
        f_withdraw_reason: "Hoe is de toestemming ingetrokken?",
            "How was consent withdrawn?";
        status_in_force: "Geldig",
            "In force";
        status_withdrawn: "Ingetrokken",
            "Withdrawn";
        status_not_in_force: "Niet (meer) geldig",
            "Not in force";
        err_consent_missing: "Toestemming ontbreekt van:",
            "Consent is missing from:";
        err_before_birth: "De datum ligt vóór de geboorte van",
            "The date lies before the birth of";
        err_org_needed: "Kies de organisatie die de toestemming krijgt.",
            "Choose the organisation that receives the consent.";
        err_no_org_for_step: "Deze stap gaat niet naar een organisatie: kies geen organisatie.",
            "This step goes to no organisation: choose none.";
        err_categories: "Kies welke gegevens de organisatie mag zien.",
            "Choose which data the organisation may see.";
        err_children: "Kies voor welke kinderen de stap geldt.",
            "Choose which children the step concerns.";
        err_ends_before: "De einddatum ligt voor de datum van de toestemming.",
            "The end date lies before the date of consent.";
        err_framework_org: "Kies een organisatie van de juiste soort voor dit kader (Veilig Thuis of een gecertificeerde instelling), of geen bij vrijwillig.",
            "Choose an organisation of the right kind for this framework (Veilig Thuis or a certified institution), or none for voluntary.";
        err_framework_same: "Het gezin zit al in dit kader.",
            "The family is already in this framework.";
        emergency_title: "Noodtoegang",
            "Emergency access";
        emergency_intro: "Alleen bij acuut gevaar. Je krijgt één uur toegang tot het dossier van dit kind. De privacyfunctionaris beoordeelt elke noodtoegang en het gezin ziet hem in zijn inzage.",
            "Only in acute danger. You get one hour of access to this child's file. The privacy officer reviews every emergency access and the family sees it in its access overview.";
        f_emergency_reason: "Wat is de noodsituatie?",
            "What is the emergency?";
        err_emergency_reason: "Beschrijf de noodsituatie in minstens 15 tekens: wat er gebeurt en waarom je het dossier nu nodig hebt.",
            "Describe the emergency in at least 15 characters: what is happening and why you need the file now.";
        emergency_submit: "Noodtoegang openen",
            "Open emergency access";
        emergency_none: "Geen dossier gevonden met deze naam en geboortedatum.",
            "No file found with this name and date of birth.";
        err_withdrawn_meanwhile: "Iemand anders heeft deze toestemming intussen al ingetrokken. Jouw reden is niet opgeslagen.",
            "Someone else has withdrawn this consent in the meantime. Your reason was not saved.";
        emergency_not_care: "Noodtoegang is alleen voor professionals in een zorgrol (professional of gedragswetenschapper bij een lokaal team, Veilig Thuis, een gecertificeerde instelling, de Raad voor de Kinderbescherming of een zorgaanbieder). Je poging is vastgelegd.",
            "Emergency access is only for professionals in a care role (professional or behavioural scientist at a local team, Veilig Thuis, a certified institution, the Child Protection Board or a care provider). Your attempt has been recorded.";
        emergency_ask_postcode: "Er zijn meerdere dossiers met deze naam en geboortedatum. Vul de postcode van het kind in; je krijgt alleen toegang tot het dossier dat daarbij hoort.",
            "Several files have a child with this name and date of birth. Enter the child's postcode; you get access only to the file that matches it.";
        emergency_still_several: "Ook met deze postcode zijn er meerdere dossiers. Er wordt geen dossier geopend: bel de crisisdienst of Veilig Thuis.",
            "Even with this postcode several files match. No file is opened: call the crisis service or Veilig Thuis.";
        emergency_postcode: "Postcode van het kind",
            "The child's postcode";
        emergency_already: "Je hebt al toegang tot dit dossier.",
            "You already have access to this file.";
    }
}

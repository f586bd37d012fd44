//! The family flow's own words, Dutch and English side by side; a missing translation
//! does not compile.

crate::texts! {
    /// The plan page's own words.
    pub struct PlanTexts, plan_texts {
        family_title: "Wat het gezin zelf toevoegt", "What the family adds";
        family_none: "Het gezin heeft via het gezinsaccount nog geen cijfer of eigen kijk gegeven.",
            "The family has not given a score or view through the family account yet.";
        family_said: "cijfer", "score";
        family_version: "bij versie", "with version";
        family_self: "zelf, via het gezinsaccount", "themselves, through the family account";
        marks_link: "Wat het gezin ziet van het plan (markeringen)", "What the family sees of the plan (marks)";
        domain_goals: "Doelen per leefgebied",
            "Goals per life domain";
        scale: "Schaalvraag",
            "Safety scale";
        goal: "Doel",
            "Goal";
        action: "Actie",
            "Action";
        who: "Wie",
            "Who";
        score: "Cijfer (0 tot en met 10)",
            "Score (0 to 10)";
        life_domain: "Leefgebied",
            "Life domain";
        what: "Wat",
            "What";
        due: "Uiterlijk op",
            "By";
        status: "Stand van zaken",
            "Progress";
        choose: "Kies een leefgebied",
            "Choose a life domain";
        not_saved: "Het plan is niet opgeslagen. Verbeter wat hieronder is aangegeven; alles wat je had ingevuld staat er nog.",
            "The plan was not saved. Correct what is marked below; everything you typed is still there.";
        err_score: "Vul een heel getal in van 0 tot en met 10.",
            "Enter a whole number from 0 to 10.";
        err_scale_who: "Vul in wie dit cijfer gaf.",
            "Enter who gave this score.";
        err_domain: "Kies een leefgebied uit de lijst.",
            "Choose a life domain from the list.";
        err_status: "Kies een stand van zaken uit de lijst.",
            "Choose a progress from the list.";
        err_goal: "Schrijf het doel op, of kies geen leefgebied.",
            "Write down the goal, or choose no life domain.";
        err_what: "Vul in wat er moet gebeuren.",
            "Enter what needs to happen.";
        err_action_who: "Vul in wie dit doet.",
            "Enter who does this.";
        err_empty_line: "Haal de lege regel weg.",
            "Remove the empty line.";
        err_domain_twice: "Dit leefgebied staat er twee keer in.",
            "This life domain appears twice.";
        err_agree_who: "Kies wie van het gezin akkoord gaf.",
            "Choose who in the family agreed.";
        safety_map: "Veiligheidskaart",
            "Safety map";
        item_worry: "Zorg",
            "Worry";
        item_danger: "Gevaarsinschatting",
            "Danger statement";
        item_working_well: "Wat goed gaat",
            "Working well";
        item_needs: "Wat moet gebeuren",
            "Needs to happen";
        item_safety_goal: "Veiligheidsdoel",
            "Safety goal";
        item_condition: "Voorwaarde of afspraak",
            "Condition or agreement";
        add_row: "Regel toevoegen",
            "Add a row";
        add_row_to: "aan",
            "to";
        remove_row: "Verwijderen",
            "Remove";
        row_removed_from: "Er is een regel verwijderd uit",
            "A row was removed from";
        choose_who: "Kies wie",
            "Choose who";
        someone_else: "Iemand anders (vul de naam in)",
            "Someone else (enter the name)";
        other_name: "Naam, als het iemand anders is",
            "Name, if it is someone else";
        group_family: "Gezin",
            "Family";
        group_network: "Netwerk",
            "Network";
        group_professionals: "Betrokken professionals",
            "Professionals involved";
        group_earlier: "Eerder in het plan",
            "Earlier in the plan";
        err_who_unknown: "Kies iemand uit de lijst.",
            "Choose someone from the list.";
        err_other_name: "Vul de naam in van wie het is.",
            "Enter the person's name.";
        date_hint: "Dag-maand-jaar, bijvoorbeeld 5-12-2026",
            "Day-month-year, for example 5-12-2026";
        err_date: "Vul een datum in als dag-maand-jaar, bijvoorbeeld 5-12-2026.",
            "Enter a date as day-month-year, for example 5-12-2026.";
        scale_on: "Datum",
            "Date";
        family_score: "Cijfer van het gezin zelf (0 tot en met 10)",
            "The family's own score (0 to 10)";
        family_score_hint: "Het cijfer dat het gezin zelf geeft. Laat leeg als het gezin nog geen cijfer gaf.",
            "The score the family gives itself. Leave empty if the family has not given one yet.";
        family_score_short: "Gezin zelf",
            "The family itself";
        domain_optional: "Leefgebied (niet verplicht)",
            "Life domain (optional)";
        no_domain: "Geen leefgebied",
            "No life domain";
        versions: "Versies",
            "Versions";
        saved_by: "Opgeslagen door",
            "Saved by";
        saved_on: "Opgeslagen op",
            "Saved on";
        restore: "Terugzetten als nieuwe versie",
            "Restore as a new version";
        current: "Huidige versie",
            "Current version";
        compare_from: "Van versie",
            "From version";
        compare_to: "Tot versie",
            "To version";
        compare_go: "Vergelijk",
            "Compare";
        scores_over_time: "Cijfers per versie",
            "Scores per version";
        scores_latest: "De grafiek en de tabel tonen de laatste {n} versies.",
            "The chart and the table show the latest {n} versions.";
        scores_table: "De cijfers per versie als tabel",
            "The scores per version as a table";
        may_agree: "Akkoord nodig van",
            "Agreement needed from";
        nobody_agreed: "Nog niemand van het gezin gaf akkoord op deze versie.",
            "Nobody in the family has agreed to this version yet.";
        signed_plan: "Ondertekend plan",
            "Signed plan";
        signatures: "Voor akkoord",
            "Agreed by";
        signature: "Handtekening",
            "Signature";
        date_line: "Datum",
            "Date";
    }
}

crate::texts! {
    /// The family file's words: searching and opening files, the file page and its forms,
    /// notes, the plan and the timeline.
    pub struct FamilyTexts, family_texts {
        crisis_for_family: "Spoed of crisis voor dit gezin",
            "Emergency or crisis for this family";
        err_agreement_not_entitled: "Mag niet instemmen (wie instemt volgt de leeftijd van elk kind: onder 12 de ouders met gezag, 12 tot 16 het kind en de ouders met gezag, vanaf 16 het kind zelf):",
            "May not agree (who agrees follows each child's age: under 12 the parents with custody, 12 to 15 the child and the parents with custody, from 16 the child alone):";
        err_agreement_missing: "Instemming ontbreekt van:",
            "Agreement is missing from:";
        err_agreement_no_child: "Het plan gaat over de kinderen van het gezin: voeg eerst een kind toe.",
            "The plan concerns the family's children: add a child first.";
        err_view_needed: "Bij een jeugdbeschermingsmaatregel is geen instemming van de ouders nodig: leg de mening van het gezin over het plan vast.",
            "Under a child protection order the parents' agreement is not needed: record the family's view of the plan.";
        err_view_only_court_order: "De mening van het gezin leg je vast bij een jeugdbeschermingsmaatregel; anders stemt het gezin in.",
            "The family's view is recorded under a child protection order; otherwise the family agrees.";
        err_view_too_long: "De mening van het gezin is te lang (ten hoogste 5000 tekens).",
            "The family's view is too long (at most 5000 characters).";
        err_plan_version_unknown: "Deze versie van het plan bestaat niet.",
            "This version of the plan does not exist.";
        f_family_view: "Mening van het gezin over het plan",
            "The family's view of the plan";
        err_needs_save_guidance: "Hiervoor is eerst toestemming van het gezin nodig voor de stap 'Start SAVE-begeleiding' met deze organisatie. Leg die vast bij Toestemming en kader.",
            "The family's consent to the step 'Start SAVE guidance' with this organisation is needed first. Record it under Consent and framework.";
        err_needs_data_sharing: "Hiervoor is eerst toestemming van het gezin nodig om gegevens met deze organisatie te delen. Leg die vast bij Toestemming en kader.",
            "The family's consent to share data with this organisation is needed first. Record it under Consent and framework.";
        correct_member: "Gegevens van een gezinslid corrigeren",
            "Correct a family member's details";
        correct_network: "Gegevens van een netwerklid corrigeren",
            "Correct a network member's details";
        f_correct_reason: "Reden van de correctie",
            "Reason for the correction";
        end_title: "Beëindigen (blijft zichtbaar in de tijdlijn)",
            "End (stays visible in the timeline)";
        f_end_who: "Wie",
            "Who";
        f_end_reason: "Reden",
            "Reason";
        end: "Beëindigen",
            "End";
        err_regisseur_leaves: "De regisseur beëindig je niet: een andere lokale professional neemt over (overdracht).",
            "The lead is not ended: another local professional takes over (a handover).";
        add_note: "Notitie toevoegen",
            "Add note";
        f_interaction: "Soort contact",
            "Kind of contact";
        f_happened_on: "Datum",
            "Date";
        f_note_text: "Notitie",
            "Note";
        change_note: "Notitie wijzigen",
            "Change note";
        f_correction_reason: "Reden van de correctie (nodig na 24 uur)",
            "Reason for the correction (needed after 24 hours)";
        corrected: "gecorrigeerd",
            "corrected";
        earlier_versions: "Eerdere versies",
            "Earlier versions";
        no_notes: "Nog geen notities.",
            "No notes yet.";
        err_note_reason: "Deze notitie is ouder dan 24 uur: geef de reden van de correctie.",
            "This note is older than 24 hours: give the reason for the correction.";
        err_regisseur_exists: "Dit gezin heeft al een regisseur. Wil je de regisseur vervangen, kies dan wie je vervangt: dat is een overdracht.",
            "This family already has a lead professional. To replace them, choose whom you replace: that is a handover.";
        err_reason_needed: "Geef de reden van de overdracht.",
            "Give the reason for the handover.";
        err_regisseur_local: "De regisseur is een professional van een lokaal team.",
            "The lead professional comes from a local team.";
        err_already_involved: "Deze professional is al zo betrokken.",
            "This professional is already involved this way.";
        err_takeover_role: "Een regisseur neemt over van een regisseur, een partner van een partner.",
            "A lead takes over from a lead, a partner from a partner.";
        err_birth_date: "Vul een geboortedatum in (niet in de toekomst).",
            "Enter a date of birth (not in the future).";
        err_custody: "Alleen een ouder of opvoeder kan gezag hebben.",
            "Only a parent or carer can hold parental authority.";
        err_not_local_team: "Alleen een professional van een lokaal team opent een dossier en wordt daarvan de regisseur.",
            "Only a local-team professional opens a file and becomes its lead.";
        families_title: "Gezinnen",
            "Families";
        families_intro: "Je ziet alleen de gezinnen waarbij je betrokken bent.",
            "You only see the families you are involved with.";
        search: "Zoeken",
            "Search";
        f_family_name: "Naam (van een gezinslid)",
            "Name (of a family member)";
        no_results: "Geen gezinnen gevonden.",
            "No families found.";
        one_family: "1 gezin",
            "1 family";
        n_families: "{n} gezinnen",
            "{n} families";
        one_year: "1 jaar",
            "1 year";
        n_years: "{n} jaar",
            "{n} years";
        col_family: "Gezin",
            "Family";
        col_children: "Kinderen",
            "Children";
        col_regisseur: "Regisseur",
            "Lead professional";
        col_framework: "Kader",
            "Framework";
        col_next_due: "Eerstvolgende datum",
            "Next due";
        no_regisseur: "Nog geen regisseur",
            "No lead professional yet";
        nothing_due: "Niets gepland",
            "Nothing planned";
        any: "Alle",
            "All";
        f_framework_filter: "Kader",
            "Framework";
        f_area_filter: "Gebied",
            "Area";
        f_role_filter: "Mijn rol in het dossier",
            "My role in the file";
        f_state_filter: "Dossiers",
            "Files";
        state_active: "Actief",
            "Active";
        state_closed: "Afgesloten",
            "Closed";
        closed_on: "Afgesloten op {on}",
            "Closed on {on}";
        role_regisseur: "Ik ben regisseur",
            "I am the lead professional";
        role_partner: "Ik ben partner",
            "I am a partner";
        role_team: "Regisseur uit mijn team",
            "Lead professional from my team";
        f_sort: "Sorteren op",
            "Sort by";
        sort_name: "Naam",
            "Name";
        sort_due: "Eerstvolgende datum",
            "Next due date";
        pages: "Pagina's",
            "Pages";
        previous_page: "Vorige pagina",
            "Previous page";
        next_page: "Volgende pagina",
            "Next page";
        first_page: "Naar de eerste pagina",
            "To the first page";
        err_cursor: "Deze pagina van de lijst bestaat niet (meer); de link is oud of onvolledig.",
            "This page of the list does not exist (any more); the link is old or incomplete.";
        new_family: "Nieuw dossier openen",
            "Open a new file";
        f_label: "Naam van het dossier",
            "Name of the file";
        f_label_hint: "Bijvoorbeeld: Gezin Jansen.",
            "For example: Jansen family.";
        f_street: "Straat",
            "Street";
        f_family_area: "Wijk of gemeente",
            "Neighbourhood or municipality";
        f_city: "Plaats",
            "Town";
        f_child_birth: "Geboortedatum van het kind",
            "Child's date of birth";
        duplicates_title: "Mogelijk bestaat er al een dossier",
            "A file may already exist";
        duplicates_intro: "Eén gezin, één dossier: controleer eerst of het om een van deze gezinnen gaat. Neem zo nodig contact op met de regisseur.",
            "One family, one file: check first whether it is one of these families. Contact their regisseur if needed.";
        duplicates_confirm: "Het is een ander gezin: toch een nieuw dossier openen",
            "It is a different family: open a new file anyway";
        flower: "Vaste gezichten",
            "Familiar faces";
        no_partners: "Nog geen partners.",
            "No partners yet.";
        f_member_kind: "Rol in het gezin",
            "Role in the family";
        f_custody: "Heeft gezag",
            "Holds parental authority";
        f_relation: "Relatie",
            "Relation";
        f_safety_role: "Rol in het veiligheidsnetwerk",
            "Role in the safety network";
        f_contact: "Bereikbaar via",
            "Reachable at";
        add_network: "Netwerklid toevoegen",
            "Add network member";
        add_partner: "Betrokkene toevoegen",
            "Add someone involved";
        f_professional: "Professional",
            "Professional";
        f_role_in_family: "Als",
            "As";
        f_expertise: "Expertise (optioneel)",
            "Expertise (optional)";
        f_takes_over: "Neemt het werk over van (alleen bij een overdracht)",
            "Takes over the work of (handover only)";
        f_reason: "Reden van de overdracht",
            "Reason for the handover";
        handover_warning: "Let op: dit is een overdracht. In de werkwijze blijft de lokale professional de regisseur en werken specialisten ernaast. Een overdracht wordt geteld. Weet je het zeker? Geef de reden op.",
            "Note: this is a handover. In this way of working the local professional stays the lead and specialists work alongside. Handovers are counted. Are you sure? Give the reason.";
        confirm_handover: "Overdracht bevestigen",
            "Confirm handover";
        plan: "Plan",
            "Plan";
        plan_conflict: "Iemand anders heeft het plan intussen opgeslagen. Dit is er veranderd; jouw wijzigingen staan nog in het formulier. Bekijk ze en sla opnieuw op.",
            "Someone else saved the plan in the meantime. This is what changed; your changes are still in the form. Review them and save again.";
        p_worries: "Zorgen",
            "Worries";
        p_danger: "Gevaarsinschatting",
            "Danger statements";
        p_working_well: "Wat gaat goed",
            "What is working well";
        p_needs: "Wat moet er gebeuren",
            "What needs to happen";
        p_goals: "Veiligheidsdoelen",
            "Safety goals";
        p_scales: "Schaalvraag 0-10",
            "Safety scale 0-10";
        p_conditions: "Voorwaarden en afspraken",
            "Conditions and agreements";
        p_actions: "Acties",
            "Actions";
        p_review: "Evaluatiedatum",
            "Review date";
        compare: "Versies vergelijken",
            "Compare versions";
        no_changes: "Geen verschillen.",
            "No differences.";
        agreement: "Akkoord van het gezin",
            "The family's agreement";
        record_agreement: "Akkoord vastleggen",
            "Record agreement";
        agreed_by: "Akkoord gegeven door",
            "Agreed by";
        print: "Afdrukken",
            "Print";
        /// A refused agreement, before the names of who may not agree and who is missing.
        agreement_incomplete: "Niet iedereen die moet instemmen heeft ingestemd, of er stemde iemand in die dat niet mag.",
            "Not everyone who has to agree has agreed, or someone agreed who may not.";
        duplicates_outside_intro: "Mogelijk bestaat er al een dossier over dit kind of op dit adres bij een andere organisatie. Neem contact op met die organisatie voordat je een nieuw dossier opent.",
            "A file about this child or at this address may already exist at another organisation. Contact that organisation before you open a new file.";
        duplicates_led_by: "Regie bij",
            "Led by";
        duplicates_no_phone: "algemeen telefoonnummer onbekend",
            "general phone number unknown";
        duplicates_rate_limited: "Je hebt het afgelopen uur te vaak dossiers van andere organisaties gevonden. Probeer het later opnieuw of neem contact op met je privacyfunctionaris.",
            "You found other organisations' files too often in the past hour. Try again later or contact your privacy officer.";
        household_lead_only: "Gezinsleden en netwerk wijzigt de organisatie van de regisseur of de organisatie met de wettelijke grondslag. Als partner lees je mee.",
            "Household and network are changed by the regisseur's organisation or the organisation with the legal basis. As a partner you read along.";
        err_not_care_role: "Alleen een professional in een zorgrol kan partner worden.",
            "Only a professional in a care role can become a partner.";
    }
}

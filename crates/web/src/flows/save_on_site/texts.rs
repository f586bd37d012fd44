//! The words of SAVE op locatie's pages, Dutch and English side by side.

crate::texts! {
    /// The on-site page of the worker, the team lead and the local professional, and
    /// one consultation's page.
    pub struct OnSiteTexts, texts {
        so_title: "SAVE op locatie",
            "SAVE on site";
        so_history: "Eerdere overleggen",
            "Past consultations";
        so_history_from: "Van",
            "From";
        so_history_to: "Tot en met",
            "Up to and including";
        so_history_hint: "Een periode van hoogstens een jaar; zonder keuze de laatste vier weken.",
            "A period of at most a year; without a choice the last four weeks.";
        so_history_show: "Toon",
            "Show";
        so_history_count: "{n} overleggen van {from} tot en met {to}.",
            "{n} consultations from {from} up to and including {to}.";
        so_history_count_one: "1 overleg van {from} tot en met {to}.",
            "1 consultation from {from} up to and including {to}.";
        err_so_period_reversed: "De eerste dag ligt na de laatste; draai ze om.",
            "The first day lies after the last; swap them.";
        err_so_period_long: "Kies een periode van hoogstens een jaar.",
            "Choose a period of at most a year.";
        so_slot_bookings: "Boekingen van een dagdeel",
            "Bookings of a part-day";
        so_slot_bookings_intro: "De overleggen die nog geboekt staan. Annuleer ze, met de reden voor wie het vroeg, om het dagdeel te kunnen beëindigen.",
            "The consultations still booked. Cancel them, with the reason for who asked, to be able to end the part-day.";
        so_slot_no_bookings: "Er staan geen overleggen meer geboekt.",
            "No consultations are booked any more.";
        so_by_name: "op naam",
            "by name";
        so_anonymous_short: "anoniem",
            "anonymous";
        so_bookings_link: "Boekingen",
            "Bookings";
        so_intro: "Eén dagdeel per week is een medewerker van SAVE op locatie bij het lokale team. Professionals van het team leggen hun vraag over een gezin voor: anoniem, of op naam als het gezin daar toestemming voor gaf.",
            "One part-day a week a SAVE worker is on site at the local team. The team's professionals bring their question about a family: anonymously, or by name when the family consented to that.";
        so_today: "Vandaag op locatie",
            "On site today";
        so_not_today: "Vandaag ben je niet op locatie.",
            "You are not on site today.";
        so_coming: "Komende dagen op locatie",
            "Coming days on site";
        so_no_days: "Er zijn geen dagen op locatie voor je gepland.",
            "No days on site are planned for you.";
        so_none_booked: "Nog niets geboekt.",
            "Nothing booked yet.";
        so_walk_in: "Inloop vastleggen",
            "Record a walk-in";
        so_schedule: "Rooster",
            "Schedule";
        so_schedule_empty: "Nog geen dagdelen op locatie.",
            "No on-site part-days yet.";
        so_add_slot: "Dagdeel toevoegen",
            "Add a part-day";
        so_end_slot: "Beëindigen",
            "End";
        so_ended: "beëindigd",
            "ended";
        so_team_days: "Dagen op locatie bij jouw team (vier weken)",
            "On-site days at your team (four weeks)";
        so_team_days_none: "Er is de komende weken geen medewerker op locatie bij jouw team.",
            "No worker is on site at your team in the coming weeks.";
        so_booked: "geboekt",
            "booked";
        so_book: "Overleg boeken",
            "Book a consultation";
        so_mine: "Jouw overleggen",
            "Your consultations";
        so_mine_none: "Je hebt (nog) geen overleggen.",
            "You have no consultations (yet).";
        so_anonymous: "Anoniem (geen gegevens van het gezin)",
            "Anonymous (no details of the family)";
        so_walk_in_mark: "inloop",
            "walk-in";
        so_date: "Datum",
            "Date";
        so_consultation: "Overleg",
            "Consultation";
        so_about: "Over",
            "About";
        so_next_steps: "Vervolgstappen",
            "Next steps";
        so_no_steps: "Geen vervolgstappen.",
            "No next steps.";
        so_record_advice: "Advies vastleggen",
            "Record the advice";
        so_advice_later: "Het advies leg je vast op of na de dag van het overleg.",
            "The advice is recorded on or after the day of the consultation.";
        so_cancel: "Overleg annuleren",
            "Cancel the consultation";
        so_cancelled_because: "Reden van annuleren",
            "Reason for cancelling";
        so_back: "Terug naar SAVE op locatie",
            "Back to SAVE on site";
        f_so_when: "Wanneer",
            "When";
        f_so_family: "Gezin",
            "Family";
        f_so_question: "De vraag",
            "The question";
        f_so_question_hint: "Anoniem: noem geen namen, adres, postcode, BSN of telefoonnummer.",
            "Anonymous: no names, address, postcode, citizen service number or phone number.";
        f_so_worker: "Medewerker",
            "Worker";
        f_so_team: "Team op locatie",
            "Team on site";
        f_so_day: "Dag",
            "Day";
        f_so_part: "Dagdeel",
            "Part of the day";
        f_so_starts_on: "Vanaf",
            "From";
        f_so_ends_on: "Tot en met (optioneel)",
            "Until (optional)";
        f_so_last_day: "Laatste dag",
            "Last day";
        f_so_asked_by: "Gevraagd door",
            "Asked by";
        f_so_advice: "Het advies",
            "The advice";
        f_so_step_what: "Vervolgstap: wat",
            "Next step: what";
        f_so_step_who: "Wie zet die stap",
            "Who takes it";
        f_so_result: "Uitkomst",
            "Result";
        err_so_worker: "Kies een actieve medewerker van je eigen organisatie.",
            "Choose an active worker of your own organisation.";
        err_so_team: "Kies een team van een lokaal team.",
            "Choose a team of a local team.";
        err_so_ends: "De einddatum ligt voor de startdatum.",
            "The end date lies before the start date.";
        err_so_clash: "Deze medewerker is op die dag en dat dagdeel dan al op locatie.",
            "This worker is already on site on that day and part of the day then.";
        err_so_ended: "Dit dagdeel is al beëindigd.",
            "This part-day has ended already.";
        err_so_after_end: "Na die datum staan nog overleggen: annuleer ze eerst of kies een latere datum.",
            "Consultations are still booked after that date: cancel them first or choose a later date.";
        err_so_not_team: "Alleen professionals van het lokale team van dit dagdeel vragen hier iets.",
            "Only professionals of this part-day's local team ask here.";
        err_so_identifying: "Anoniem betekent: geen postcode, BSN of telefoonnummer. Haal ze weg.",
            "Anonymous means: no postcode, citizen service number or phone number. Remove them.";
        err_so_when: "Kies een dag waarop de medewerker op locatie is.",
            "Choose a day the worker is on site.";
        err_so_consent: "Het gezin gaf (nog) geen toestemming voor overleg op naam met deze organisatie. Leg eerst de toestemming vast, of overleg anoniem.",
            "The family has not (yet) consented to a consultation by name with this organisation. Record the consent first, or consult anonymously.";
        err_so_family: "Kies een gezin waarbij de vragende professional betrokken is.",
            "Choose a family the asking professional is involved with.";
        err_so_step: "Vul bij een vervolgstap zowel wat als wie in.",
            "Fill in both what and who for a next step.";
        err_so_done: "Dit overleg is al gehouden of geannuleerd.",
            "This consultation has been held or cancelled already.";
        err_so_not_worker: "Alleen de medewerker op locatie legt het advies vast.",
            "Only the worker on site records the advice.";
        err_so_not_yours: "Alleen wie boekte, of de medewerker op locatie, annuleert.",
            "Only who booked it, or the worker on site, cancels.";
    }
}

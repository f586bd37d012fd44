//! The copy request's words, Dutch and English side by side. The member's page is in
//! plain language (B1); the officer's pages name the article.

crate::texts! {
    /// The family member's page: asking for a copy and where the request stands.
    pub struct MemberTexts, member {
        title: "Ik wil een kopie van ons dossier",
            "I want a copy of our file";
        intro: "Je mag een kopie vragen van alles wat in het dossier over jou staat. Ook van de aantekeningen van de hulpverleners. Dat is je recht.",
            "You may ask for a copy of everything the file holds about you. Also of the professionals' notes. That is your right.";
        how: "De privacymedewerker van de organisatie die de regie heeft, maakt de kopie. Die kijkt eerst of er iets in staat over iemand anders dat niet met jou gedeeld mag worden. Binnen een maand krijg je de kopie. Als het meer tijd kost, hoor je dat binnen die maand, met de reden. Het kan dan hooguit twee maanden langer duren.",
            "The privacy officer of the organisation that leads the file makes the copy. They first check whether it holds anything about someone else that may not be shared with you. You get the copy within a month. If it takes longer, you will hear so within that month, with the reason. It can then take at most two months more.";
        note_label: "Wil je nog iets zeggen? (mag leeg blijven)",
            "Anything you want to add? (may stay empty)";
        note_hint: "Bijvoorbeeld: hoe je de kopie wilt krijgen, op papier of digitaal.",
            "For example: how you want to receive the copy, on paper or digitally.";
        ask: "Kopie aanvragen",
            "Ask for a copy";
        asked: "Je aanvraag is verstuurd.",
            "Your request has been sent.";
        yours: "Jouw aanvragen",
            "Your requests";
        asked_on: "Gevraagd op",
            "Asked on";
        state_waiting: "We werken eraan. Je krijgt de kopie uiterlijk op",
            "We are working on it. You will get the copy at the latest on";
        state_extended: "Het duurt langer. Je krijgt de kopie uiterlijk op",
            "It takes longer. You will get the copy at the latest on";
        extended_because: "De reden:",
            "The reason:";
        state_done: "De kopie is aan je gegeven op",
            "The copy was given to you on";
        too_young: "Kinderen onder de 12 jaar vragen een kopie via hun ouders met gezag.",
            "Children under 12 ask for a copy through their parents with parental authority.";
        no_lead: "Er is nu geen regisseur voor dit dossier. Je kunt daarom nog geen kopie vragen. Bel de organisatie die je kent.",
            "This file has no lead professional at the moment, so you cannot ask for a copy yet. Call the organisation you know.";
        back: "Terug naar mijn gezin",
            "Back to my family";
    }
}

crate::texts! {
    /// The privacy officer's list of requests, one request, the extension and the hand-over.
    pub struct OfficerTexts, officer {
        list_title: "Verzoeken om een kopie (AVG art. 15)",
            "Requests for a copy (GDPR art. 15)";
        list_intro: "Een gezinslid vroeg een kopie van het hele dossier. De termijn is een maand na ontvangst; een keer te verlengen met twee maanden, als je dat binnen de eerste maand met de reden laat weten (AVG art. 12 lid 3).",
            "A family member asked for a copy of the whole file. The term is one month after receipt; it can be extended once by two months if you say so within the first month, with the reason (GDPR art. 12(3)).";
        list_empty: "Er zijn geen verzoeken om een kopie.",
            "There are no requests for a copy.";
        col_family: "Dossier",
            "File";
        col_member: "Gevraagd door",
            "Asked by";
        col_received: "Ontvangen",
            "Received";
        col_due: "Uiterlijk klaar",
            "Due";
        col_state: "Stand",
            "Status";
        state_open: "Open",
            "Open";
        state_extended: "Verlengd",
            "Extended";
        state_done: "Overhandigd op",
            "Handed over on";
        state_late: "Termijn verstreken",
            "Term passed";
        note: "Toelichting van het gezinslid",
            "The family member's note";
        no_note: "Geen toelichting.",
            "No note.";
        extension: "Verlenging",
            "Extension";
        export_title: "De kopie samenstellen",
            "Putting the copy together";
        export_intro: "Download het hele dossier, met de notities van de hulpverleners. Haal eruit wat een ander zou schaden (AVG art. 15 lid 4, Jeugdwet art. 7.3.11 lid 1) voor je het overhandigt. De download komt in het toegangslog.",
            "Download the whole file, with the professionals' notes. Remove what would harm someone else (GDPR art. 15(4), Jeugdwet art. 7.3.11(1)) before handing it over. The download is recorded in the access log.";
        export: "Het hele dossier downloaden (JSON)",
            "Download the whole file (JSON)";
        extend_title: "De termijn verlengen",
            "Extend the term";
        extend_hint: "Laat het gezinslid binnen de eerste maand weten dat het langer duurt en waarom.",
            "Tell the family member within the first month that it takes longer, and why.";
        f_told_on: "Gemeld aan het gezinslid op",
            "Told to the family member on";
        f_reason: "Reden van de verlenging",
            "Reason for the extension";
        extend: "Verlenging vastleggen",
            "Record the extension";
        hand_over_title: "Overhandigd",
            "Handed over";
        f_handed_over_on: "Overhandigd op",
            "Handed over on";
        hand_over: "Overhandiging vastleggen",
            "Record the hand-over";
        err_reason: "Schrijf op waarom de kopie meer tijd nodig heeft.",
            "Write down why the copy needs more time.";
        err_too_late: "Een verlenging meld je binnen de eerste maand; die is voorbij.",
            "An extension is told within the first month; it has passed.";
        err_before: "Deze datum ligt voor de ontvangst van het verzoek.",
            "This date lies before the request was received.";
        err_already_extended: "De termijn is al verlengd: dat kan één keer.",
            "The term was extended already: that can be done once.";
        err_done: "De kopie is al overhandigd.",
            "The copy was handed over already.";
        back: "Alle verzoeken om een kopie",
            "All requests for a copy";
    }
}

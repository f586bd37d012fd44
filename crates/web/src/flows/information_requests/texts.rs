//! The information requests' words, Dutch and English side by side.

crate::texts! {
    /// The lead's page of information requests (BW 1:377c).
    pub struct RequestTexts, requests {
        title: "Informatieverzoeken",
            "Information requests";
        intro: "Een ouder zonder gezag heeft geen gezinsaccount, maar mag jou vragen om informatie over belangrijke zaken rond het kind (BW 1:377c). Leg het verzoek hier vast en beslis: je geeft de informatie, of je weigert omdat het belang van het kind zich ertegen verzet, of omdat je die informatie ook de ouder met gezag niet zou geven.",
            "A parent without parental authority has no family account, but may ask you for information about important matters concerning the child (BW 1:377c). Record the request here and decide: you give the information, or you refuse because the child's interest opposes it, or because you would not give it to the parent with authority either.";
        choose: "Kies…",
            "Choose…";
        none: "Er zijn nog geen informatieverzoeken vastgelegd.",
            "No information requests have been recorded yet.";
        recorded: "Het verzoek is vastgelegd.",
            "The request has been recorded.";
        decided: "Het besluit is vastgelegd.",
            "The decision has been recorded.";
        gone: "Dit verzoek had al een besluit: de lijst hieronder is bijgewerkt.",
            "This request already had a decision: the list below is up to date.";
        list_title: "Vastgelegde verzoeken",
            "Recorded requests";
        asked_by: "Gevraagd door",
            "Asked by";
        about: "over",
            "about";
        asked_on: "op",
            "on";
        recorded_by: "Vastgelegd door",
            "Recorded by";
        informed_on: "Informatie gegeven op",
            "Information given on";
        refused_on: "Geweigerd op",
            "Refused on";
        open: "Nog geen besluit.",
            "No decision yet.";
        record_title: "Een verzoek vastleggen",
            "Record a request";
        f_asker: "Welke ouder vraagt het?",
            "Which parent asks?";
        f_child: "Over welk kind?",
            "About which child?";
        f_asked_on: "Gevraagd op",
            "Asked on";
        f_question: "Wat vraagt de ouder?",
            "What does the parent ask?";
        record: "Verzoek vastleggen",
            "Record request";
        decide_title: "Beslissen",
            "Decide";
        f_decision: "Besluit",
            "Decision";
        decision_inform: "De informatie geven",
            "Give the information";
        decision_refuse: "Weigeren",
            "Refuse";
        f_information: "De informatie die de ouder krijgt",
            "The information the parent gets";
        f_ground: "Grond voor weigeren",
            "Ground for refusing";
        ground_none: "(alleen bij weigeren)",
            "(only when refusing)";
        ground_childs_interest: "Het belang van het kind verzet zich ertegen",
            "The child's interest opposes it";
        ground_not_to_custodian: "Ook de ouder met gezag zou deze informatie niet krijgen",
            "The parent with authority would not get this information either";
        f_reason: "Reden van de weigering",
            "Reason for the refusal";
        f_decided_on: "Besloten op",
            "Decided on";
        decide: "Besluit vastleggen",
            "Record decision";
        decide_this: "Beslissen over dit verzoek",
            "Decide on this request";
        err_not_parent: "Alleen een ouder kan om informatie vragen zonder gezag.",
            "Only a parent can ask for information without parental authority.";
        err_holds_custody: "Deze ouder heeft gezag en kan zelf meekijken via een gezinsaccount.",
            "This parent holds parental authority and can look along with a family account.";
        err_not_child: "Kies een kind van dit gezin.",
            "Choose a child of this family.";
        err_adult: "Dit kind is volwassen: het beslist zelf wie informatie krijgt.",
            "This child is an adult: they decide themselves who gets information.";
        err_question: "Schrijf op wat de ouder vraagt.",
            "Write down what the parent asks.";
        err_information: "Schrijf op welke informatie de ouder krijgt.",
            "Write down which information the parent gets.";
        err_ground: "Kies de grond voor de weigering.",
            "Choose the ground for the refusal.";
        err_reason: "Schrijf de reden op in minstens 15 tekens: de ouder (en zo nodig de rechter) moet die kunnen volgen.",
            "Write the reason in at least 15 characters: the parent (and if need be the court) must be able to follow it.";
        err_before: "Deze datum ligt voor het verzoek.",
            "This date lies before the request.";
    }
}

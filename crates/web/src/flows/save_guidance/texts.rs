//! The words of the SAVE-begeleiding page, Dutch and English side by side.

crate::texts! {
    /// The family's SAVE-begeleiding page and its forms.
    pub struct GuidanceTexts, texts {
        sg_intro: "SAVE begeleidt naast de regisseur, nooit in plaats van: start alleen met toestemming van het gezin voor 'Start SAVE-begeleiding', met doelen in het plan en een einddatum. Zo kort als kan: uiterlijk elke drie maanden evalueren.",
            "SAVE guides alongside the lead professional, never instead: start only with the family's consent to 'Start SAVE guidance', with goals in the plan and an end date. As short as possible: review at least every three months.";
        sg_none: "Geen SAVE-begeleiding.",
            "No SAVE guidance.";
        sg_worker: "SAVE-medewerker",
            "SAVE worker";
        sg_expertise: "Expertisegebied",
            "Area of expertise";
        sg_goals: "Doelen van de begeleiding",
            "Goals of the guidance";
        sg_goals_hint: "Eén doel per regel; ze komen in het plan bij de veiligheidsdoelen.",
            "One goal per line; they go into the plan's safety goals.";
        sg_started: "Gestart",
            "Started";
        sg_planned_end: "Geplande einddatum",
            "Planned end";
        sg_review_months: "Evalueren elke",
            "Review every";
        sg_start: "SAVE-begeleiding starten",
            "Start SAVE guidance";
        sg_review: "Evaluatie vastleggen",
            "Record a review";
        sg_reviewed_on: "Datum evaluatie",
            "Review date";
        sg_note: "Wat de evaluatie opleverde",
            "What the review found";
        sg_reviews: "Evaluaties",
            "Reviews";
        sg_end: "Begeleiding beëindigen",
            "End the guidance";
        sg_outcome: "Uitkomst",
            "Outcome";
        sg_reason: "Reden",
            "Reason";
        sg_ended: "Beëindigd",
            "Ended";
        sg_month_one: "{count} maand",
            "{count} month";
        sg_month_more: "{count} maanden",
            "{count} months";
    }
}

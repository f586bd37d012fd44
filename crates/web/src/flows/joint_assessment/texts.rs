//! The words of the joint assessment meeting's pages, Dutch and English side by side.

crate::texts! {
    /// The words of the joint assessment meeting's pages.
    pub struct JaTexts, joint_assessment {
        ja_intro: "Een methodische leerbijeenkomst of jeugdbeschermingstafel: de betrokken professionals, en waar mogelijk het gezin, komen samen tot één oordeel over wat dit kind en dit gezin nodig hebben. Elke uitgenodigde organisatie legt vooraf haar eigen visie vast.",
            "A methodical learning meeting or child protection table: the professionals involved, and the family wherever possible, reach one judgement together on what this child and this family need. Each invited organisation records its own view beforehand.";
        ja_empty: "Nog geen bijeenkomsten gepland.",
            "No meetings scheduled yet.";
        ja_when: "Wanneer",
            "When";
        ja_kind: "Soort bijeenkomst",
            "Kind of meeting";
        ja_views: "Visies",
            "Views";
        ja_schedule: "Bijeenkomst plannen",
            "Schedule a meeting";
        ja_date: "Datum",
            "Date";
        ja_time: "Tijd",
            "Time";
        ja_invited: "Uitgenodigde organisaties",
            "Invited organisations";
        ja_invited_hint: "De organisaties die bij het gezin betrokken zijn; de organisatie van de regisseur is er altijd bij, en minstens één andere.",
            "The organisations involved with the family; the regisseur's organisation always takes part, with at least one other.";
        ja_family_takes_part: "Het gezin neemt deel",
            "The family takes part";
        ja_absence_reason: "Waarom neemt het gezin niet deel?",
            "Why does the family not take part?";
        ja_family_absent: "Het gezin neemt niet deel",
            "The family does not take part";
        ja_no_view: "Nog geen visie vastgelegd.",
            "No view recorded yet.";
        ja_worries: "Zorgen",
            "Worries";
        ja_strengths: "Wat gaat goed",
            "What is working well";
        ja_needs: "Wat is nodig",
            "What is needed";
        ja_my_view: "De visie van jouw organisatie",
            "Your organisation's view";
        ja_my_view_hint: "Leg vóór de bijeenkomst vast hoe jouw organisatie naar de situatie kijkt. Je kunt de visie bijwerken tot het oordeel is vastgelegd; eerdere versies blijven bewaard.",
            "Record before the meeting how your organisation sees the situation. You can revise it until the judgement is recorded; earlier versions are kept.";
        ja_save_view: "Visie opslaan",
            "Save view";
        ja_version: "versie",
            "version";
        ja_judgement: "Gezamenlijk oordeel",
            "Joint judgement";
        ja_judgement_needs: "Wat hebben dit kind en dit gezin nodig?",
            "What do this child and this family need?";
        ja_differences: "Waar verschilden de visies?",
            "Where did the views differ?";
        ja_differences_hint: "Verplicht als de vastgelegde visies verschillen in wat nodig is.",
            "Required when the recorded views differ in what is needed.";
        ja_views_differ: "De visies verschillen in wat nodig is: benoem in het oordeel waar ze verschilden.",
            "The views differ in what is needed: name in the judgement where they differed.";
        ja_actions: "Wie doet wat",
            "Who does what";
        ja_actions_hint: "Elke actie komt als actie in het plan van het gezin, met wie het doet en uiterlijk wanneer. Lege regels tellen niet mee.",
            "Each action goes into the family's plan, with who does it and by when. Empty rows are left out.";
        ja_action: "Actie",
            "Action";
        ja_action_what: "Wat",
            "What";
        ja_action_owner: "Wie",
            "Who";
        ja_action_domain: "Leefgebied",
            "Life domain";
        ja_action_due: "Uiterlijk",
            "By";
        ja_choose_owner: "(kies wie)",
            "(choose who)";
        ja_owner_member: "gezin",
            "family";
        ja_owner_network: "netwerk",
            "network";
        ja_record: "Oordeel vastleggen",
            "Record the judgement";
        ja_cancel: "Bijeenkomst afgelasten",
            "Cancel the meeting";
        ja_cancel_reason: "Reden",
            "Reason";
        ja_cancelled_on: "Afgelast op",
            "Cancelled on";
        ja_held_on: "Gehouden op",
            "Held on";
        ja_to_plan: "Naar het plan",
            "To the plan";
        ja_plan_version: "planversie",
            "plan version";
        ja_all: "Alle bijeenkomsten",
            "All meetings";
        err_time: "Vul een tijd in, zoals 14:00.",
            "Enter a time, such as 14:00.";
        err_ja_past: "Kies een datum vanaf vandaag.",
            "Choose a date from today.";
        err_ja_invited: "Nodig minstens twee betrokken organisaties uit, waaronder die van de regisseur.",
            "Invite at least two organisations involved, the regisseur's among them.";
        err_ja_absence: "Vul in waarom het gezin niet deelneemt.",
            "Say why the family does not take part.";
        err_ja_not_invited: "Jouw organisatie is niet uitgenodigd voor deze bijeenkomst.",
            "Your organisation is not invited to this meeting.";
        err_ja_done: "Deze bijeenkomst is al gehouden of afgelast.",
            "This meeting has been held or cancelled.";
        err_ja_too_early: "Het oordeel leg je vast op of na de dag van de bijeenkomst.",
            "The judgement is recorded on or after the day of the meeting.";
        err_ja_no_actions: "Leg minstens één actie vast: wie doet wat.",
            "Record at least one action: who does what.";
        err_ja_action_what: "Beschrijf wat er gebeurt.",
            "Describe what will be done.";
        err_ja_action_owner: "Kies wie het doet: iemand uit de kring rond het gezin.",
            "Choose who does it: someone in the family's circle.";
        err_ja_action_due: "Kies een datum vanaf vandaag.",
            "Choose a date from today.";
        err_ja_differences: "De visies verschillen in wat nodig is: benoem waar ze verschilden en hoe de bijeenkomst dat woog.",
            "The views differ in what is needed: name where they differed and how the meeting weighed it.";
    }
}

//! The words of the plan through the family's door (B1: the family reads these), and
//! of the professional's page of marks.

crate::texts! {
    /// The family member's plan page.
    pub struct PortalPlanTexts, portal_plan {
        title: "Het plan", "The plan";
        intro: "Hier lees je het plan van jullie gezin. De hulpverleners schrijven het plan samen met jullie. Je kunt het plan hier niet veranderen. Wel kun je zeggen hoe het volgens jou gaat.",
            "Here you read your family's plan. The professionals write the plan together with you. You cannot change the plan here. You can say how you think things are going.";
        none: "Er is nog geen plan. Als de hulpverleners het plan opschrijven, lees je het hier.",
            "There is no plan yet. When the professionals write down the plan, you read it here.";
        now: "Het plan nu", "The plan now";
        now_draft: "Dit is het plan zoals het nu is. Jullie zijn er nog niet samen akkoord mee gegaan.",
            "This is the plan as it is now. You have not yet agreed to it together.";
        now_agreed: "Met dit plan zijn jullie akkoord gegaan.", "You agreed to this plan.";
        version: "Versie", "Version";
        written_on: "opgeschreven op", "written on";
        review: "Op deze datum kijken jullie samen opnieuw naar het plan:",
            "On this date you look at the plan together again:";
        agreed_title: "Plannen waarmee jullie akkoord gingen", "Plans you agreed to";
        agreed_on: "akkoord op", "agreed on";
        s_worries: "Waar we ons zorgen over maken", "What we worry about";
        s_danger: "Wat er mis kan gaan als er niets verandert", "What can go wrong if nothing changes";
        s_well: "Wat goed gaat", "What is going well";
        s_needs: "Wat er moet gebeuren", "What needs to happen";
        s_goals: "Waar we naartoe werken", "What we work towards";
        s_conditions: "Afspraken", "Agreements";
        s_scales: "Cijfers: hoe veilig is het nu?", "Scores: how safe is it now?";
        scale_help: "0 betekent: het is niet veilig. 10 betekent: het is veilig genoeg, de hulp kan stoppen.",
            "0 means: it is not safe. 10 means: it is safe enough, the help can stop.";
        family_score: "Het cijfer van jullie gezin", "Your family's score";
        who: "Wie", "Who";
        due: "klaar op", "done by";
        share_label: "Mijn ouders mogen dit zien", "My parents may see this";
        share_help: "Dit gaat alleen over jou. Omdat je 16 jaar of ouder bent, beslis jij of je ouders dit mogen zien. Zet een vinkje als dat mag. Je kunt dit later weer veranderen.",
            "This is only about you. Because you are 16 or older, you decide whether your parents may see this. Tick the box if they may. You can change this later.";
        share_save: "Bewaren", "Save";
        shared: "Je keuze is bewaard.", "Your choice has been saved.";
        own_title: "Hoe gaat het volgens jou?", "How do you think things are going?";
        own_intro: "Geef een cijfer van 0 tot 10 en schrijf op wat jij ziet. De hulpverleners lezen dit bij het plan. Andere gezinsleden zien het hier niet.",
            "Give a score from 0 to 10 and write down what you see. The professionals read this with the plan. Other family members do not see it here.";
        score_label: "Jouw cijfer (0 tot 10)", "Your score (0 to 10)";
        score_hint: "0 is niet veilig, 10 is veilig genoeg.", "0 is not safe, 10 is safe enough.";
        view_label: "Wat wij zien", "What we see";
        view_hint: "Schrijf in je eigen woorden hoe het gaat.", "Write in your own words how things are going.";
        add: "Toevoegen aan het plan", "Add to the plan";
        added: "Je cijfer en wat je ziet zijn bij het plan gezet.", "Your score and what you see were added to the plan.";
        your_earlier: "Wat je eerder gaf", "What you gave before";
        score_wrong: "Vul een heel getal in van 0 tot en met 10.", "Enter a whole number from 0 to 10.";
        view_empty: "Schrijf op wat jij ziet.", "Write down what you see.";
        view_long: "Dit is te lang. Schrijf het korter (hoogstens 5000 tekens).", "This is too long. Write it shorter (at most 5000 characters).";
        agree_title: "Akkoord gaan met het plan", "Agree to the plan";
        agree_intro: "Vind je dat dit plan klopt? Dan kun je hier zeggen dat je akkoord gaat. De hulpverleners zien dat.",
            "Do you think this plan is right? Then you can say here that you agree. The professionals see that.";
        agree: "Ik ga akkoord met dit plan", "I agree to this plan";
        agreed_you: "Je ging akkoord met dit plan op", "You agreed to this plan on";
        agreed_done: "Je akkoord is bewaard.", "Your agreement has been saved.";
        back_home: "Terug naar mijn gezin", "Back to my family";
    }
}

crate::texts! {
    /// The professional's page of marks on the plan's lines.
    pub struct MarkTexts, marks {
        title: "Wat het gezin ziet van het plan", "What the family sees of the plan";
        intro: "Ouders met gezag en jongeren vanaf 12 jaar lezen het plan via hun gezinsaccount. Markeer hier een regel die een gezinslid niet mag zien, of die alleen over één kind gaat. Een jongere vanaf 16 beslist zelf of de ouders zien wat alleen over hem of haar gaat. Past u later de tekst van een gemarkeerde regel aan, dan gaat de markering mee; voor de zekerheid ook naar regels die u tegelijk in hetzelfde deel van het plan toevoegt. Hieronder kunt u die weer opheffen.",
            "Parents with parental authority and young people from 12 read the plan through their family account. Mark a line here that a family member must not see, or that concerns one child only. A young person of 16 or older decides whether the parents see what concerns only them. If you later change the words of a marked line, its mark goes along; to be safe, also to lines you add to the same part of the plan at the same time. You can lift those below.";
        none: "Er staan nog geen markeringen op het plan.", "The plan has no marks yet.";
        col_line: "Regel", "Line";
        col_mark: "Markering", "Mark";
        col_action: "Actie", "Action";
        hidden_for: "niet zichtbaar voor", "not visible to";
        only_about: "gaat alleen over", "concerns only";
        shared_with: "gedeeld met", "shared with";
        reason: "Reden", "Reason";
        lift: "Opheffen", "Lift";
        not_in_plan: "(deze regel staat niet meer in het plan)", "(this line is no longer in the plan)";
        add_title: "Een regel markeren", "Mark a line";
        line_label: "Welke regel?", "Which line?";
        kind_label: "Wat geldt er?", "What applies?";
        kind_hidden: "Niet zichtbaar voor dit gezinslid", "Not visible to this family member";
        kind_only: "Gaat alleen over dit kind", "Concerns only this child";
        member_label: "Welk gezinslid?", "Which family member?";
        reason_label: "Reden (alleen voor hulpverleners)", "Reason (for professionals only)";
        reason_hint: "Nodig bij 'niet zichtbaar voor'. Het gezinslid ziet de reden niet, en ook niet dat er iets verborgen is.",
            "Needed for 'not visible to'. The family member does not see the reason, nor that anything is hidden.";
        mark: "Markeren", "Mark";
        choose_line: "Kies een regel van het plan.", "Choose a line of the plan.";
        choose_kind: "Kies wat er geldt.", "Choose what applies.";
        choose_member: "Kies een gezinslid.", "Choose a family member.";
        not_a_child: "Kies een kind: een regel gaat alleen over een kind.", "Choose a child: a line concerns only a child.";
        reason_missing: "Schrijf op waarom dit gezinslid de regel niet mag zien.", "Write down why this family member must not see the line.";
        reason_long: "De reden heeft hoogstens 500 tekens.", "The reason has at most 500 characters.";
        already: "Deze regel is al zo gemarkeerd.", "This line is already marked so.";
        marked: "De markering is bewaard.", "The mark has been saved.";
        lifted: "De markering is opgeheven.", "The mark has been lifted.";
        gone: "Die markering bestond niet meer.", "That mark no longer existed.";
        back: "Terug naar het plan", "Back to the plan";
    }
}

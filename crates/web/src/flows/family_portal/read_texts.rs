//! The words of the family member's read pages (issue 17 §3): their home, the
//! professionals and network around the family, the meetings ahead and who looked at
//! the file. Plain language (B1), Dutch and English side by side.

crate::texts! {
    /// The family member's own home page.
    pub struct HomeTexts, home {
        title: "Mijn gezin", "My family";
        complaint_line: "Niet tevreden over de hulp? Je kunt een klacht indienen.",
            "Unhappy with the help? You can file a complaint.";
        complaint_new: "Een klacht indienen", "File a complaint";
        complaint_mine: "Mijn klachten bekijken", "See my complaints";
        welcome: "Welkom", "Welcome";
        intro: "Dit is jouw plek in eenplan. Hier kun je zien:",
            "This is your place in eenplan. Here you can see:";
        plan: "Het plan van jullie gezin", "Your family's plan";
        consents: "De toestemmingen die jullie gaven, en hoe je ze intrekt",
            "The consents you gave, and how to withdraw them";
        contacts: "Wie jullie helpen: hulpverleners en netwerk",
            "Who helps you: professionals and network";
        meetings: "Afspraken die eraan komen", "Meetings coming up";
        looked: "Wie er in jullie dossier heeft gekeken", "Who looked at your file";
        depends: "Wat jij precies mag zien, hangt af van je leeftijd en van wie het gezag heeft.",
            "What exactly you may see depends on your age and on who has parental authority.";
        crisis_title: "Is er een crisis?", "Is there a crisis?";
        danger: "Is er direct levensgevaar? Bel", "Is there immediate danger to life? Call";
        questions: "Vragen? Neem contact op met de regisseur van jullie gezin.",
            "Questions? Contact your family's lead professional.";
        copy: "Ik wil een kopie van ons dossier", "I want a copy of our file";
        sign_out: "Afmelden", "Sign out";
    }
}

crate::texts! {
    /// The professionals and the network around the family.
    pub struct ContactTexts, contacts {
        title: "Wie jullie helpen", "Who helps you";
        intro: "Deze mensen werken met jullie gezin, of horen bij jullie netwerk.",
            "These people work with your family, or belong to your network.";
        professionals: "Hulpverleners", "Professionals";
        regisseur: "regisseur: jullie vaste aanspreekpunt", "lead professional: your main contact";
        phone: "Telefoon", "Phone";
        no_phone: "Geen telefoonnummer bekend", "No phone number known";
        none: "Er staan nog geen hulpverleners bij jullie gezin.",
            "No professionals are listed with your family yet.";
        network: "Netwerk", "Network";
        network_none: "Er staat nog niemand in jullie netwerk.",
            "Nobody is listed in your network yet.";
        back: "Terug naar Mijn gezin", "Back to My family";
    }
}

crate::texts! {
    /// The meetings ahead.
    pub struct MeetingTexts, meetings {
        title: "Afspraken", "Meetings";
        intro: "Hier staan de overleggen over jullie gezin die nog komen.",
            "Here are the meetings about your family that are still to come.";
        none: "Er staan geen afspraken gepland.", "No meetings are planned.";
        at: "om", "at";
        with: "Met", "With";
        family_joins: "Jullie zijn erbij uitgenodigd.", "You are invited to take part.";
        family_not: "Jullie zijn hier niet bij.", "You do not take part in this one.";
        back: "Terug naar Mijn gezin", "Back to My family";
    }
}

crate::texts! {
    /// Who looked at the file.
    pub struct LookedTexts, looked {
        title: "Wie keek er in jullie dossier?", "Who looked at your file?";
        intro: "Elke keer dat iemand jullie dossier opent of iets verandert, schrijven we dat op. Hier zie je wie dat was: de organisatie en wat die persoon doet. Jullie eigen hulpverleners zie je met naam.",
            "Every time someone opens your file or changes something, we write it down. Here you see who it was: the organisation and what that person does. Your own professionals are shown by name.";
        emergency: "Noodtoegang betekent: iemand moest snel in het dossier kijken, bijvoorbeeld omdat een kind in gevaar kon zijn. De privacyfunctionaris kijkt daarna na of dat terecht was.",
            "Emergency access means: someone had to look at the file quickly, for example because a child could be in danger. The privacy officer checks afterwards whether that was right.";
        none: "Er heeft nog niemand in jullie dossier gekeken.", "Nobody has looked at your file yet.";
        newest: "Het nieuwste staat bovenaan.", "The newest is at the top.";
        more: "Meer laten zien", "Show more";
        question: "Vind je dat iemand niet in jullie dossier had mogen kijken? Vraag de regisseur, of dien een klacht in.",
            "Do you think someone should not have looked at your file? Ask the lead professional, or make a complaint.";
        complaint: "Een klacht indienen", "Make a complaint";
        back: "Terug naar Mijn gezin", "Back to My family";
    }
}

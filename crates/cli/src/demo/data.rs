//! The synthetic Utrecht/Flevoland chain. Organisations and areas are real places and
//! real kinds of organisation; every person is invented. Petals have generic names so
//! that no real care provider is implied.

use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::role::Role;

pub struct Province {
    pub name: &'static str,
    pub code: &'static str,
    pub municipalities: &'static [Municipality],
}

pub struct Municipality {
    pub name: &'static str,
    pub code: &'static str,
    pub neighbourhoods: &'static [&'static str],
}

pub const PROVINCES: &[Province] = &[
    Province {
        name: "Utrecht",
        code: "PV26",
        municipalities: &[
            Municipality {
                name: "Utrecht",
                code: "GM0344",
                // De Gagel, Vechtzoom and Spoorzoom lie in Overvecht: the EVU areas.
                neighbourhoods: &[
                    "De Gagel",
                    "Vechtzoom",
                    "Spoorzoom",
                    "Zuilen",
                    "Kanaleneiland",
                    "Hoograven",
                    "Lunetten",
                    "Binnenstad",
                    "Leidsche Rijn",
                    "Vleuten-De Meern",
                ],
            },
            Municipality {
                name: "Wijk bij Duurstede",
                code: "GM0352",
                neighbourhoods: &[],
            },
            Municipality {
                name: "De Bilt",
                code: "GM0310",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Montfoort",
                code: "GM0335",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Oudewater",
                code: "GM0589",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Woerden",
                code: "GM0632",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Stichtse Vecht",
                code: "GM1904",
                neighbourhoods: &[],
            },
            Municipality {
                name: "De Ronde Venen",
                code: "GM0736",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Zeist",
                code: "GM0355",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Nieuwegein",
                code: "GM0356",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Houten",
                code: "GM0321",
                neighbourhoods: &[],
            },
        ],
    },
    Province {
        name: "Flevoland",
        code: "PV24",
        municipalities: &[
            Municipality {
                name: "Almere",
                code: "GM0034",
                neighbourhoods: &["Almere Haven", "Almere Buiten", "Almere Poort"],
            },
            Municipality {
                name: "Lelystad",
                code: "GM0995",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Dronten",
                code: "GM0303",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Zeewolde",
                code: "GM0050",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Noordoostpolder",
                code: "GM0171",
                neighbourhoods: &[],
            },
            Municipality {
                name: "Urk",
                code: "GM0184",
                neighbourhoods: &[],
            },
        ],
    },
];

pub struct Org {
    pub slug: &'static str,
    pub name: &'static str,
    pub kind: OrganisationKind,
    /// Areas it works in, by name (province or municipality).
    pub areas: &'static [&'static str],
    /// Teams with the area (by name) they serve, if any.
    pub teams: &'static [(&'static str, Option<&'static str>)],
    pub people: &'static [Person],
}

pub struct Person {
    pub name: &'static str,
    pub email: &'static str,
    pub team: Option<&'static str>,
    pub roles: &'static [Role],
}

use OrganisationKind::*;
use Role::*;

pub const ORGANISATIONS: &[Org] = &[
    Org {
        slug: "lokalis",
        name: "Lokalis (buurtteams Jeugd & Gezin)",
        kind: LocalTeam,
        areas: &["Utrecht"],
        teams: &[
            ("Buurtteam Overvecht", Some("De Gagel")),
            ("Buurtteam Zuilen", Some("Zuilen")),
            ("Buurtteam Kanaleneiland", Some("Kanaleneiland")),
            ("Buurtteam Leidsche Rijn", Some("Leidsche Rijn")),
        ],
        people: &[
            Person {
                name: "Sanne de Vries",
                email: "sanne.devries@lokalis.example",
                team: Some("Buurtteam Overvecht"),
                roles: &[Professional],
            },
            Person {
                name: "Mohamed El Amrani",
                email: "mohamed.elamrani@lokalis.example",
                team: Some("Buurtteam Zuilen"),
                roles: &[Professional],
            },
            Person {
                name: "Joyce Bakker",
                email: "joyce.bakker@lokalis.example",
                team: Some("Buurtteam Overvecht"),
                roles: &[TeamLead],
            },
            Person {
                name: "Ruud Jansen",
                email: "ruud.jansen@lokalis.example",
                team: None,
                roles: &[BehaviouralScientist],
            },
            Person {
                name: "Peter Smits",
                email: "peter.smits@lokalis.example",
                team: None,
                roles: &[FunctionalAdmin],
            },
            Person {
                name: "Maria Kok",
                email: "maria.kok@lokalis.example",
                team: None,
                roles: &[PrivacyOfficer],
            },
            Person {
                name: "Yasmina Bouali",
                email: "yasmina.bouali@lokalis.example",
                team: None,
                roles: &[ComplaintsOfficer],
            },
            Person {
                name: "Karin Brouwer",
                email: "karin.brouwer@lokalis.example",
                team: None,
                roles: &[EvuCoordinator],
            },
            // The region's chain administrator (organisations and areas), hosted by
            // the largest local-team organisation; manages no one's account.
            Person {
                name: "Ellen Meijer",
                email: "ellen.meijer@lokalis.example",
                team: None,
                roles: &[ChainAdmin],
            },
        ],
    },
    Org {
        slug: "binding",
        name: "Stichting Binding (lokaal team Wijk bij Duurstede)",
        kind: LocalTeam,
        areas: &["Wijk bij Duurstede"],
        teams: &[("Lokaal team Wijk bij Duurstede", Some("Wijk bij Duurstede"))],
        people: &[Person {
            name: "Fleur Hendriks",
            email: "fleur.hendriks@binding.example",
            team: Some("Lokaal team Wijk bij Duurstede"),
            roles: &[Professional],
        }],
    },
    Org {
        slug: "thuisbasis",
        name: "Stichting de Thuisbasis (jeugdteams Montfoort en Oudewater)",
        kind: LocalTeam,
        areas: &["Montfoort", "Oudewater"],
        teams: &[
            ("Jeugdteam Montfoort", Some("Montfoort")),
            ("Jeugdteam Oudewater", Some("Oudewater")),
        ],
        people: &[Person {
            name: "Koen Visser",
            email: "koen.visser@thuisbasis.example",
            team: Some("Jeugdteam Montfoort"),
            roles: &[Professional],
        }],
    },
    Org {
        slug: "lokaal-team-de-bilt",
        name: "Lokaal team De Bilt",
        kind: LocalTeam,
        areas: &["De Bilt"],
        teams: &[("Lokaal team De Bilt", Some("De Bilt"))],
        people: &[Person {
            name: "Iris Dekker",
            email: "iris.dekker@debilt.example",
            team: Some("Lokaal team De Bilt"),
            roles: &[Professional],
        }],
    },
    Org {
        slug: "veilig-thuis-utrecht",
        name: "Veilig Thuis Utrecht",
        kind: VeiligThuis,
        areas: &["Utrecht (provincie)"],
        teams: &[("Veiligheidsbeoordeling", None), ("Onderzoek", None)],
        people: &[
            Person {
                name: "Ayşe Yılmaz",
                email: "ayse.yilmaz@vtu.example",
                team: Some("Veiligheidsbeoordeling"),
                roles: &[Professional],
            },
            Person {
                name: "Henk Vos",
                email: "henk.vos@vtu.example",
                team: None,
                roles: &[FunctionalAdmin],
            },
            Person {
                name: "Anouk Peters",
                email: "anouk.peters@vtu.example",
                team: None,
                roles: &[PrivacyOfficer],
            },
        ],
    },
    Org {
        slug: "save",
        name: "SAVE Jeugdbescherming",
        kind: CertifiedInstitution,
        areas: &["Utrecht (provincie)", "Flevoland (provincie)"],
        teams: &[
            ("SAVE team Utrecht-Stad", Some("Utrecht")),
            ("SAVE team Utrecht-West", Some("Woerden")),
            ("SAVE team Zuidoost-Utrecht", Some("Wijk bij Duurstede")),
            ("SAVE team Flevoland", Some("Almere")),
        ],
        people: &[
            Person {
                name: "Thomas van Dijk",
                email: "thomas.vandijk@save.example",
                team: Some("SAVE team Zuidoost-Utrecht"),
                roles: &[Professional],
            },
            Person {
                name: "Noor Smit",
                email: "noor.smit@save.example",
                team: Some("SAVE team Utrecht-Stad"),
                roles: &[BehaviouralScientist],
            },
            Person {
                name: "Eva Mulder",
                email: "eva.mulder@save.example",
                team: Some("SAVE team Utrecht-Stad"),
                roles: &[TeamLead],
            },
            Person {
                name: "Bram Willems",
                email: "bram.willems@save.example",
                team: Some("SAVE team Flevoland"),
                roles: &[Professional],
            },
            // SAVE op locatie: on site at Buurtteam Overvecht and Buurtteam Zuilen.
            Person {
                name: "Lotte Vermeulen",
                email: "lotte.vermeulen@save.example",
                team: Some("SAVE team Utrecht-Stad"),
                roles: &[Professional],
            },
            // Each larger organisation manages its own accounts and reviews its own
            // part of the access log.
            Person {
                name: "Jeroen de Boer",
                email: "jeroen.deboer@save.example",
                team: None,
                roles: &[FunctionalAdmin],
            },
            Person {
                name: "Sophie van Leeuwen",
                email: "sophie.vanleeuwen@save.example",
                team: None,
                roles: &[PrivacyOfficer],
            },
            Person {
                name: "Gert Visser",
                email: "gert.visser@save.example",
                team: None,
                roles: &[ComplaintsOfficer],
            },
        ],
    },
    Org {
        slug: "wss",
        name: "William Schrikker Jeugdbescherming & Jeugdreclassering",
        kind: CertifiedInstitution,
        areas: &["Utrecht (provincie)", "Flevoland (provincie)"],
        teams: &[("WSS regio Midden-Nederland", None)],
        people: &[Person {
            name: "Daan Bos",
            email: "daan.bos@wss.example",
            team: Some("WSS regio Midden-Nederland"),
            roles: &[Professional],
        }],
    },
    Org {
        slug: "rvdk",
        name: "Raad voor de Kinderbescherming",
        kind: Rvdk,
        areas: &["Utrecht (provincie)", "Flevoland (provincie)"],
        teams: &[("Regio Midden-Nederland", None)],
        people: &[Person {
            name: "Lisa de Graaf",
            email: "lisa.degraaf@rvdk.example",
            team: Some("Regio Midden-Nederland"),
            roles: &[Professional],
        }],
    },
    Org {
        slug: "schuldhulp",
        name: "Schuldhulpverlening (demo)",
        kind: CareProvider,
        areas: &["Utrecht"],
        teams: &[],
        people: &[],
    },
    Org {
        slug: "ggz",
        name: "GGZ-aanbieder (demo)",
        kind: CareProvider,
        areas: &["Utrecht (provincie)"],
        teams: &[],
        people: &[],
    },
    Org {
        slug: "thuiszorg",
        name: "Thuiszorg (demo)",
        kind: CareProvider,
        areas: &["Utrecht"],
        teams: &[],
        people: &[],
    },
    // The municipality as commissioner: its policy officer reads the evaluation's
    // aggregates for Utrecht, and the rest of the region together for comparison.
    Org {
        slug: "gemeente-utrecht",
        name: "Gemeente Utrecht (demo)",
        kind: Municipality,
        areas: &["Utrecht"],
        teams: &[],
        people: &[Person {
            name: "Fatima Ouali",
            email: "fatima.ouali@utrecht.example",
            team: None,
            roles: &[PolicyOfficer],
        }],
    },
    Org {
        slug: "basisschool-de-regenboog",
        name: "Basisschool De Regenboog (demo)",
        kind: School,
        areas: &["Utrecht"],
        teams: &[],
        people: &[],
    },
    Org {
        slug: "politie",
        name: "Politie eenheid Midden-Nederland",
        kind: Police,
        areas: &["Utrecht (provincie)"],
        teams: &[],
        people: &[],
    },
];

/// The password of every demo account; printed by `eenplan demo`.
pub const DEMO_PASSWORD: &str = "demo-wachtwoord-eenplan";

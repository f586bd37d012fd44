//! The evaluation's words: the page, its filters, its charts and tables, the CSV's
//! headers and the API's refusals. Dutch and English side by side.

crate::texts! {
    /// The evaluation page, its CSV and the API's refusals.
    pub struct EvaluationTexts, evaluation {
        title: "Evaluatie",
            "Evaluation";
        intro: "Wat de keten over zichzelf meet: doorlooptijden, overdrachten en vaste gezichten, per gebied en periode. Alleen totalen, nooit een gezin: een getal van minder dan {threshold} gezinnen staat er als \"<{threshold}\".",
            "What the chain measures about itself: lead times, handovers and the same faces, per area and period. Totals only, never a family: a number from fewer than {threshold} families reads \"<{threshold}\".";
        synthetic: "Synthetische gegevens",
            "Synthetic data";
        synthetic_more: "Dit is een demonstratie-omgeving. De cijfers zijn gesimuleerd en zeggen niets over de resultaten van de pilots.",
            "This is a demonstration environment. The figures are simulated and say nothing about the pilots' results.";
        filters: "Filters",
            "Filters";
        f_period: "Periode",
            "Period";
        period_month: "Maand",
            "Month";
        period_quarter: "Kwartaal",
            "Quarter";
        period_year: "Jaar",
            "Year";
        period_custom: "Zelf kiezen (van en tot en met)",
            "Choose dates (from and until)";
        f_year: "Jaar",
            "Year";
        f_month: "Maand",
            "Month";
        f_quarter: "Kwartaal",
            "Quarter";
        quarter_1: "1e kwartaal (januari tot en met maart)",
            "1st quarter (January to March)";
        quarter_2: "2e kwartaal (april tot en met juni)",
            "2nd quarter (April to June)";
        quarter_3: "3e kwartaal (juli tot en met september)",
            "3rd quarter (July to September)";
        quarter_4: "4e kwartaal (oktober tot en met december)",
            "4th quarter (October to December)";
        f_from: "Van",
            "From";
        f_to: "Tot en met",
            "Until";
        f_dates_hint: "Bij de periode Zelf kiezen, bijvoorbeeld 1-1-2024.",
            "With the period Choose dates, for example 1-1-2024.";
        f_area: "Gebied",
            "Area";
        all_areas: "Alle gebieden",
            "All areas";
        f_organisation: "Organisatie",
            "Organisation";
        all_organisations: "Alle organisaties",
            "All organisations";
        f_pilot: "Pilot om te vergelijken",
            "Pilot to compare";
        all_pilots: "Alle pilots",
            "All pilots";
        show: "Toon cijfers",
            "Show figures";
        download_csv: "Download als CSV (voor Excel)",
            "Download as CSV (for Excel)";
        err_date: "Dit is geen datum. Schrijf bijvoorbeeld 1-1-2024.",
            "This is not a date. Write for example 1-1-2024.";
        err_from_missing: "Vul in vanaf welke datum, bijvoorbeeld 1-1-2024.",
            "Fill in from which date, for example 1-1-2024.";
        err_to_missing: "Vul in tot en met welke datum, bijvoorbeeld 31-12-2024.",
            "Fill in until which date, for example 31-12-2024.";
        err_to_before_from: "De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum.",
            "The end date is before the start date. Choose an end date on or after the start date.";
        err_choose: "Kies een waarde uit de lijst.",
            "Choose a value from the list.";
        period_shown: "Periode: {from} tot en met {to}.",
            "Period: {from} to {to}.";
        period_snapped: "Periode aangepast naar hele maanden omdat er kleine aantallen in zitten: {from} tot en met {to}.",
            "Period adjusted to whole months because it holds small numbers: {from} to {to}.";
        scope_team_lead: "Je ziet de gezinnen van je eigen organisatie.",
            "You see the families of your own organisation.";
        scope_policy: "Je ziet de gebieden waar je voor werkt, en ter vergelijking alle andere gebieden samen.",
            "You see the areas you work for, and for comparison all other areas together.";
        others_together: "Alle andere gebieden samen",
            "All other areas together";
        headline: "Kerncijfers",
            "Headline figures";
        files: "Dossiers in de periode",
            "Files in the period";
        col_metric: "Maat",
            "Measure";
        col_families: "Gezinnen",
            "Families";
        col_median: "Mediaan",
            "Median";
        col_p90: "90e percentiel",
            "90th percentile";
        col_share: "Op tijd (procent)",
            "On time (percent)";
        col_per_100: "Per 100 dossiers",
            "Per 100 files";
        col_area: "Gebied",
            "Area";
        col_count: "Aantal",
            "Count";
        col_total: "Totaal",
            "Total";
        chart_lead_times: "Doorlooptijden per maand (mediaan in dagen)",
            "Lead times per month (median in days)";
        unit_days: "Mediaan in dagen",
            "Median in days";
        chart_handovers: "Overdrachten per 100 dossiers, per gebied",
            "Handovers per 100 files, per area";
        unit_per_100: "Overdrachten per 100 dossiers",
            "Handovers per 100 files";
        chart_pilot: "{pilot}: pilotgebieden en andere gebieden, vóór en na de start ({start})",
            "{pilot}: pilot areas and other areas, before and after the start ({start})";
        pilot_before: "Pilotgebieden, vóór de start",
            "Pilot areas, before the start";
        pilot_after: "Pilotgebieden, na de start",
            "Pilot areas, after the start";
        others_before: "Andere gebieden, vóór de start",
            "Other areas, before the start";
        others_after: "Andere gebieden, na de start",
            "Other areas, after the start";
        pilot_unclear: "Een datum in de maand of het jaar van de start telt aan geen van beide kanten.",
            "A date in the month or year of the start counts on neither side.";
        t_counts: "Aantallen in de periode",
            "Counts in the period";
        t_days: "Doorlooptijden en duur in dagen",
            "Lead times and durations in days";
        t_per_family: "Vaste gezichten en combinaties, per gezin",
            "The same faces and combinations, per family";
        t_handovers: "Overdrachten",
            "Handovers";
        t_on_time: "Op tijd",
            "On time";
        col_median_days: "Mediaan (dagen)",
            "Median (days)";
        col_p90_days: "90e percentiel (dagen)",
            "90th percentile (days)";
        col_group: "Groep",
            "Group";
        col_value: "Uitkomst of kader",
            "Outcome or framework";
        short_joint_judgement: "Tot gezamenlijk oordeel",
            "To joint judgement";
        short_agreed_plan: "Tot akkoord op het plan",
            "To agreed plan";
        short_help_started: "Tot start van de hulp",
            "To help started";
        no_area: "Zonder gebied",
            "No area";
        unknown_value: "Onbekend",
            "Unknown";
        your_areas: "jouw gebieden",
            "your areas";
        t_consultations_kind: "SAVE op locatie: consultaties per team, anoniem of op naam",
            "SAVE on site: consultations per team, anonymous or by name";
        t_consultations_result: "SAVE op locatie: consultaties per team, naar uitkomst",
            "SAVE on site: consultations per team, by result";
        col_team: "Team",
            "Team";
        col_anonymous: "Anoniem",
            "Anonymous";
        col_named: "Op naam",
            "By name";
        counts: "Aantallen",
            "Counts";
        nothing: "In deze periode is er niets te tellen.",
            "There is nothing to count in this period.";
        csv_period: "Periode",
            "Period";
        csv_snapped: "aangepast naar hele maanden (kleine aantallen)",
            "adjusted to whole months (small numbers)";
        api_from: "Gebruik een datum als JJJJ-MM-DD, zoals 2024-01-01.",
            "Use a date as YYYY-MM-DD, such as 2024-01-01.";
        api_to_before_from: "to ligt vóór from: kies een einddatum op of na de begindatum.",
            "to is before from: choose an end date on or after the start date.";
        api_area: "Onbekend gebied: gebruik een id uit de gebieden die je mag zien.",
            "Unknown area: use the id of an area you may see.";
        api_organisation: "Onbekende organisatie: gebruik een id van een organisatie die je mag zien.",
            "Unknown organisation: use the id of an organisation you may see.";
        api_repeated: "Geef deze parameter één keer.",
            "Give this parameter once.";
        api_unknown: "Deze parameter bestaat niet: gebruik from, to, area of organisation.",
            "This parameter does not exist: use from, to, area or organisation.";
        out_of_scope: "Deze cijfers vallen buiten wat je mag zien.",
            "These figures are outside what you may see.";
    }
}

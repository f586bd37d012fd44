//! A few synthetic complaints about Lokalis and SAVE, at every step of their course,
//! so the complaints officers' pages and the yearly analysis have something to show.

use eenplan_domain::complaint::handling::Decision;
use eenplan_domain::complaint::{ComplaintOutcome, Theme};
use eenplan_domain::journal::Actor;
use eenplan_store::{NewComplaint, StoreError, Tx};
use jiff::civil::Date;

/// (received days ago, what happened, name, outcome and theme when decided after
/// `decided_after` days).
type Demo = (
    i64,
    &'static str,
    &'static str,
    Option<(ComplaintOutcome, Theme, i64, &'static str)>,
);

const COMPLAINTS: [Demo; 6] = [
    (
        200,
        "Ik werd drie keer niet teruggebeld over de afspraak.",
        "M. Jansen (synthetisch)",
        Some((
            ComplaintOutcome::Founded,
            Theme::Reachability,
            20,
            "Terugbellen binnen twee werkdagen",
        )),
    ),
    (
        150,
        "De medewerker sprak over mij in plaats van met mij.",
        "R. de Wit (synthetisch)",
        Some((
            ComplaintOutcome::PartlyFounded,
            Theme::Treatment,
            35,
            "Gesprek over bejegening in het team",
        )),
    ),
    (
        120,
        "Ik kreeg het verslag pas na zes weken.",
        "S. Bakker (synthetisch)",
        Some((ComplaintOutcome::Unfounded, Theme::Communication, 28, "")),
    ),
    (
        90,
        "Mijn gegevens zijn naar de school gestuurd zonder te vragen.",
        "K. Smit (synthetisch)",
        Some((ComplaintOutcome::Mediated, Theme::Privacy, 50, "")),
    ),
    (
        20,
        "Het besluit over de omgang is niet uitgelegd.",
        "A. Visser (synthetisch)",
        None,
    ),
    (
        3,
        "Ik wacht al maanden op hulp.",
        "D. Mulder (synthetisch)",
        None,
    ),
];

/// Files the complaints about `organisation_id` and takes them through their course,
/// acted by `officer`.
pub async fn add(
    tx: &mut Tx,
    organisation_id: &str,
    officer: &Actor,
    today: Date,
) -> Result<usize, StoreError> {
    let days = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap_or(today)
    };
    for (ago, what, name, decided) in COMPLAINTS {
        let received = days(ago);
        let filed = tx
            .file_complaint(
                &NewComplaint {
                    organisation_id: organisation_id.to_owned(),
                    professional_name: None,
                    what_happened: what.to_owned(),
                    complainant_name: name.to_owned(),
                    contact_email: Some("klager@example.org".to_owned()),
                    contact_phone: None,
                },
                received,
            )
            .await?;
        if ago > 5 {
            let on = days(ago - 2);
            tx.confirm_complaint_receipt(officer, organisation_id, &filed.id, on, today)
                .await?;
        }
        if let Some((outcome, theme, after, measure)) = decided {
            let on = days(ago - after);
            let measures = if measure.is_empty() {
                vec![]
            } else {
                vec![measure.to_owned()]
            };
            let decision = Decision {
                on,
                outcome,
                theme,
                measures,
            };
            tx.decide_complaint(officer, organisation_id, &filed.id, decision, today)
                .await?;
        }
    }
    Ok(COMPLAINTS.len())
}

//! `eenplan evaluation rebuild|report`: recompute the evaluation's rows from the
//! journal, and print one evaluation with the time its query took, for operators and
//! for timing the query at national size.

use std::process::ExitCode;
use std::time::Instant;

use eenplan_domain::area::{inside, paths};
use eenplan_domain::evaluation::report::{AreaFilter, EvaluationQuery};
use eenplan_domain::evaluation::suppression::{Shown, Threshold};
use eenplan_store::{DatabaseUrl, OpenMode, Store};
use jiff::civil::Date;

use crate::cli::{EvaluationCommand, EvaluationReportArgs};
use crate::error::{CliError, fail};

pub async fn run(command: EvaluationCommand) -> Result<ExitCode, CliError> {
    match command {
        EvaluationCommand::Rebuild(args) => {
            let url = DatabaseUrl::parse(&args.database)?;
            let store = Store::open(&url, OpenMode::MustExist).await?;
            let started = Instant::now();
            let result = store.rebuild_evaluation().await;
            store.close().await;
            let families = result?;
            out!(
                "evaluation rebuilt: {families} families in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        EvaluationCommand::Report(args) => report(args).await,
        EvaluationCommand::Threshold(args) => {
            let threshold = Threshold::new(args.families).map_err(|_| {
                fail(format!(
                    "the threshold must be at least {}: a figure from fewer families can point at a family",
                    Threshold::MIN.get()
                ))
            })?;
            let url = DatabaseUrl::parse(&args.db.database)?;
            let store = Store::open(&url, OpenMode::MustExist).await?;
            let result = async {
                let mut tx = store.write().await?;
                tx.set_evaluation_threshold(&ACTOR, threshold).await?;
                tx.commit().await
            }
            .await;
            store.close().await;
            result?;
            out!(
                "evaluation threshold set: a figure from fewer than {} families is shown as \"<{}\"",
                threshold.get(),
                threshold.get()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

const ACTOR: eenplan_domain::journal::Actor =
    eenplan_domain::journal::Actor::System { component: "cli" };

fn date(flag: &str, text: &str) -> Result<Date, CliError> {
    text.parse()
        .map_err(|_| fail(format!("{flag}: '{text}' is not a date: use YYYY-MM-DD")))
}

fn shown<T: std::fmt::Display>(threshold: Threshold, value: Option<Shown<T>>) -> String {
    match value {
        Some(Shown::Value(v)) => v.to_string(),
        Some(Shown::Suppressed) => format!("<{}", threshold.get()),
        None => "-".to_owned(),
    }
}

async fn report(args: EvaluationReportArgs) -> Result<ExitCode, CliError> {
    let (from, to) = (date("--from", &args.from)?, date("--to", &args.to)?);
    if to < from {
        return Err(fail("--to: the period ends before --from"));
    }
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = async {
        let areas = match &args.area {
            None => AreaFilter::All,
            Some(name) => {
                let all = store.read().await?.areas().await?;
                let pairs: Vec<(String, Option<String>)> = all
                    .iter()
                    .map(|a| (a.id.clone(), a.parent_id.clone()))
                    .collect();
                let paths = paths(&pairs);
                // A province and its capital share a name ("Utrecht"): the widest
                // area of that name is meant, the one that holds the other.
                let Some((chosen, _)) = paths
                    .iter()
                    .filter(|(id, _)| {
                        all.iter()
                            .any(|a| &a.id == id && a.name.eq_ignore_ascii_case(name))
                    })
                    .min_by_key(|(_, path)| path.len())
                else {
                    return Ok(Err(fail(format!("--area: no area is called '{name}'"))));
                };
                AreaFilter::Within(inside(&paths, std::slice::from_ref(chosen)))
            }
        };
        let query = EvaluationQuery {
            from,
            to,
            areas,
            organisation: None,
            threshold: store.read().await?.evaluation_threshold().await?,
        };
        let pilots = store.read().await?.pilots().await?;
        let started = Instant::now();
        let answer = store.evaluation(&query, &pilots).await?;
        Ok::<_, eenplan_store::StoreError>(Ok((answer, started.elapsed())))
    }
    .await;
    store.close().await;
    let (answer, took) = result??;
    let t = answer.threshold;
    out!(
        "{} – {}{}: {} files",
        answer.from,
        answer.to,
        if answer.snapped {
            " (whole months: a figure was small)"
        } else {
            ""
        },
        shown(t, Some(answer.files))
    );
    for m in &answer.metrics {
        out!(
            "{}: families {}, median {}, p90 {}, share {}%, per 100 files {}",
            m.metric.label_nl(),
            shown(t, Some(m.families)),
            shown(t, m.median),
            shown(t, m.p90),
            shown(t, m.share_percent),
            shown(t, m.per_100_files)
        );
    }
    out!("query time: {:.1} ms", took.as_secs_f64() * 1000.0);
    Ok(ExitCode::SUCCESS)
}

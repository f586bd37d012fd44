//! The evaluation as the page and the CSV show it: the period (and whether it was
//! snapped to whole months), tables of figures and the charts, built from the
//! domain's already suppressed `Evaluation`. The page renders the numbers for the eye;
//! the CSV writes the same numbers as numbers, so each table is kept as [`Grid`]s of
//! [`Cell`]s until the last moment.

use std::collections::BTreeMap;

use jiff::civil::Date;

use eenplan_domain::area::inside;
use eenplan_domain::evaluation::report::{AreaFilter, EvaluationQuery};
use eenplan_domain::evaluation::scope::{Request, Scope, evaluation_scope};
use eenplan_domain::evaluation::suppression::Shown;
use eenplan_store::{Area, StoreError};

use super::figures;
use super::filter::{Asked, Named};
use super::grid::Grid;
use super::texts::evaluation;
use crate::kit::chart::{Figure, Table};
use crate::kit::csv::{Csv, Field};
use crate::kit::dates::dutch_date;
use crate::kit::texts::fill;
use crate::kit::{Ctx, Lang, PageError};

/// The page's and the CSV's view of one evaluation.
#[derive(Debug, Clone)]
pub struct View {
    /// "Periode: 1 jan 2024 tot en met 31 dec 2024." or the snapped sentence.
    pub period: String,
    pub from: Date,
    pub to: Date,
    pub snapped: bool,
    /// Whose families these are, in a sentence; empty when it goes without saying.
    pub scope: &'static str,
    pub threshold: u32,
    /// Nothing at all was counted.
    pub empty: bool,
    /// The headline figures, shown before the charts.
    pub tables: Vec<Table>,
    pub figures: Vec<Figure>,
    pub counts: Vec<Table>,
    /// Every table's numbers as numbers, in the order of the page, for the CSV.
    pub grids: Vec<Grid>,
}

/// The areas and organisations the visitor may choose in the filters.
pub struct Choices {
    pub areas: Vec<Named>,
    pub organisations: Vec<Named>,
}

/// The threshold below which a figure is hidden: this instance's setting
/// (`eenplan evaluation threshold`), never below the domain's lowest.
pub async fn threshold(ctx: &Ctx) -> Result<u32, Refused> {
    Ok(ctx
        .store()
        .read()
        .await?
        .evaluation_threshold()
        .await?
        .get())
}

/// Why no view can be given for what was asked.
#[derive(Debug)]
pub enum Refused {
    /// An area or organisation id that names none (the filter's field, or the API's
    /// parameter, is named by the caller).
    Unknown(Filter),
    /// Outside what the visitor may see (403).
    OutOfScope,
    Store(StoreError),
}

/// Which filter a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Area,
    Organisation,
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Refused::Store(e)
    }
}

impl From<Refused> for PageError {
    fn from(r: Refused) -> Self {
        match r {
            Refused::OutOfScope | Refused::Unknown(_) => PageError::forbidden(),
            Refused::Store(e) => e.into(),
        }
    }
}

/// Each area's path, as the domain computes it from the list.
fn paths(areas: &[Area]) -> Vec<(String, Vec<String>)> {
    let pairs: Vec<(String, Option<String>)> = areas
        .iter()
        .map(|a| (a.id.clone(), a.parent_id.clone()))
        .collect();
    eenplan_domain::area::paths(&pairs)
}

/// What the visitor may see, from their roles and organisation.
async fn scope_of(ctx: &Ctx, tx: &mut eenplan_store::Tx) -> Result<Scope, Refused> {
    let p = ctx.principal().map_err(|_| Refused::OutOfScope)?;
    let own_areas = tx.organisation_area_ids(&p.organisation_id).await?;
    evaluation_scope(
        &p.roles,
        p.organisation_id.as_str(),
        p.organisation_kind,
        &own_areas,
    )
    .ok_or(Refused::OutOfScope)
}

/// The areas and organisations the visitor may choose: a team lead any area (within
/// their own organisation's families) and only their own organisation; a policy
/// officer its own areas and what lies inside them, and the organisations working
/// there (`Scope::may_choose_organisation`; only ever shown inside those areas).
pub async fn choices(ctx: &Ctx) -> Result<Choices, Refused> {
    let mut tx = ctx.store().read().await?;
    let scope = scope_of(ctx, &mut tx).await?;
    let areas = tx.areas().await?;
    let paths = paths(&areas);
    let area_choices = areas
        .iter()
        .zip(&paths)
        .filter(|(_, (_, path))| scope.may_choose_area(path))
        .map(|(a, _)| (a.id.clone(), a.name.clone()))
        .collect();
    let mut works_in: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (organisation, area) in tx.organisation_areas_all().await? {
        works_in.entry(organisation).or_default().push(area);
    }
    let organisations = tx
        .organisations()
        .await?
        .into_iter()
        .filter(|o| {
            let areas = works_in.get(o.id.as_str()).map_or(&[][..], Vec::as_slice);
            scope.may_choose_organisation(o.id.as_str(), areas, &paths)
        })
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    Ok(Choices {
        areas: area_choices,
        organisations,
    })
}

/// The period sentence: as asked, or snapped to whole months.
fn period(lang: Lang, from: Date, to: Date, snapped: bool) -> String {
    let x = evaluation(lang);
    fill(
        if snapped {
            x.period_snapped
        } else {
            x.period_shown
        },
        &[
            ("from", &dutch_date(lang, from)),
            ("to", &dutch_date(lang, to)),
        ],
    )
}

/// The evaluation the visitor asked for, within their scope: the domain's scope rule
/// decides (or refuses) what is shown, the store computes and suppresses it.
pub async fn load(ctx: &Ctx, asked: &Asked) -> Result<View, Refused> {
    let lang = ctx.lang;
    let x = evaluation(lang);
    let (scope, areas, pilots, organisations, threshold) = {
        let mut tx = ctx.store().read().await?;
        let scope = scope_of(ctx, &mut tx).await?;
        let areas = tx.areas().await?;
        let pilots = tx.pilots().await?;
        let organisations = tx.organisations().await?;
        let threshold = tx.evaluation_threshold().await?;
        (scope, areas, pilots, organisations, threshold)
    };
    let paths = paths(&areas);
    let area_path = match &asked.area {
        Some(id) => Some(
            paths
                .iter()
                .find(|(a, _)| a == id)
                .map(|(_, path)| path.clone())
                .ok_or(Refused::Unknown(Filter::Area))?,
        ),
        None => None,
    };
    if let Some(id) = &asked.organisation
        && !organisations.iter().any(|o| o.id.as_str() == id)
    {
        return Err(Refused::Unknown(Filter::Organisation));
    }
    let seen = scope
        .check(Request {
            area_path: area_path.as_deref(),
            organisation: asked.organisation.as_deref(),
        })
        .map_err(|_| Refused::OutOfScope)?;
    let main_areas = match (&seen.area, seen.within.is_empty()) {
        (Some(area), _) => AreaFilter::Within(inside(&paths, std::slice::from_ref(area))),
        (None, false) => AreaFilter::Within(inside(&paths, &seen.within)),
        (None, true) => AreaFilter::All,
    };
    let query = |areas: AreaFilter, organisation: Option<String>| EvaluationQuery {
        from: asked.from,
        to: asked.to,
        areas,
        organisation,
        threshold,
    };
    let main = ctx
        .store()
        .evaluation(&query(main_areas, seen.organisation.clone()), &pilots)
        .await?;
    let others = if seen.others_together {
        let outside = AreaFilter::Outside(inside(&paths, &seen.within));
        Some(
            ctx.store()
                .evaluation(&query(outside, None), &pilots)
                .await?,
        )
    } else {
        None
    };
    let built = figures::build(&figures::Source {
        lang,
        main: &main,
        others: others.as_ref(),
        pilots: &pilots,
        pilot: asked.pilot,
    });
    let t = threshold.get();
    let empty = main.files == Shown::Value(0);
    let mut grids = built.headline.clone();
    grids.extend(built.figures.iter().map(|(_, g)| g.clone()));
    grids.extend(built.counts.iter().cloned());
    Ok(View {
        period: period(lang, main.from, main.to, main.snapped),
        from: main.from,
        to: main.to,
        snapped: main.snapped,
        scope: if seen.others_together {
            x.scope_policy
        } else if seen.organisation.is_some() && seen.within.is_empty() {
            x.scope_team_lead
        } else {
            ""
        },
        threshold: t,
        empty,
        tables: built.headline.iter().map(|g| g.table(lang, t)).collect(),
        figures: built.figures.into_iter().map(|(f, _)| f).collect(),
        counts: built.counts.iter().map(|g| g.table(lang, t)).collect(),
        grids,
    })
}

/// The view as CSV for Excel: "Synthetische gegevens" first on a demo database, then
/// the period, then each table: its caption, its header and its rows.
pub fn csv(lang: Lang, synthetic: bool, view: &View) -> Csv {
    let x = evaluation(lang);
    let mut out = Csv::new();
    if synthetic {
        out.texts(&[x.synthetic, x.synthetic_more]);
    }
    let mut period = vec![
        Field::text(x.csv_period),
        Field::Date(view.from),
        Field::Date(view.to),
    ];
    if view.snapped {
        period.push(Field::text(x.csv_snapped));
    }
    out.line(&period);
    for grid in &view.grids {
        out.line(&[]);
        out.texts(&[&grid.caption]);
        let mut header = vec![Field::text(grid.corner.clone())];
        header.extend(grid.columns.iter().map(|c| Field::text(c.clone())));
        out.line(&header);
        for row in &grid.rows {
            let mut line = vec![Field::text(row.name.clone())];
            line.extend(row.cells.iter().map(|c| c.field(view.threshold)));
            out.line(&line);
        }
    }
    out
}

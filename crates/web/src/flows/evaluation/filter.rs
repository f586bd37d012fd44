//! The page's filters as GET parameters, so that a filtered view is a link one can
//! send: the period (a month, a quarter, a year, or dates of one's own), the area, the
//! organisation and the pilot to compare. Read back with every value as it was typed,
//! and a message next to each field that cannot be used.

use eenplan_domain::evaluation::pilot::PilotKind;
use eenplan_domain::text::parse_date;
use jiff::civil::Date;

use super::texts::EvaluationTexts;
use crate::kit::Lang;
use crate::kit::dates::month_name;
use crate::kit::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, code_label};

/// The kinds of period, by the code the link carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Custom,
}

impl PeriodKind {
    const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::Year,
        PeriodKind::Custom,
    ];

    fn code(self) -> &'static str {
        match self {
            PeriodKind::Month => "maand",
            PeriodKind::Quarter => "kwartaal",
            PeriodKind::Year => "jaar",
            PeriodKind::Custom => "eigen",
        }
    }

    fn label(self, x: &'static EvaluationTexts) -> &'static str {
        match self {
            PeriodKind::Month => x.period_month,
            PeriodKind::Quarter => x.period_quarter,
            PeriodKind::Year => x.period_year,
            PeriodKind::Custom => x.period_custom,
        }
    }
}

/// What the filters ask for, once every field could be read. The area and the
/// organisation are ids as the link carries them; whether the visitor may see them is
/// the scope's question, asked by the handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub from: Date,
    /// Inclusive.
    pub to: Date,
    pub area: Option<String>,
    pub organisation: Option<String>,
    pub pilot: Option<PilotKind>,
}

/// How many years back the year list reaches: the pilots started in 2019.
const YEARS_BACK: i16 = 9;

/// The filters as asked, or the message per field (by field name) that could not be
/// read. Nothing given means this year so far, all areas.
pub fn read(data: &FormData, x: &'static EvaluationTexts, today: Date) -> Result<Asked, Errors> {
    let mut errors = Errors::new();
    let kind = match data.get("periode").as_str() {
        "" => Some(PeriodKind::Year),
        code => PeriodKind::ALL.into_iter().find(|k| k.code() == code),
    };
    if kind.is_none() {
        errors.insert("periode", x.err_choose);
    }
    let number = |name: &'static str, range: std::ops::RangeInclusive<i16>, default: i16| {
        let typed = data.get(name);
        if typed.is_empty() {
            return Some(default);
        }
        typed.parse::<i16>().ok().filter(|n| range.contains(n))
    };
    let mut chosen = |name: &'static str, range, default| {
        let value = number(name, range, default);
        if value.is_none() {
            errors.insert(name, x.err_choose);
        }
        value
    };
    let years = (today.year() - YEARS_BACK)..=today.year();
    let year = chosen("jaar", years, today.year());
    let month = chosen("maand", 1..=12, i16::from(today.month()));
    let quarter = chosen("kwartaal", 1..=4, (i16::from(today.month()) - 1) / 3 + 1);
    let mut day = |name: &'static str, missing: &'static str| {
        let typed = data.get(name);
        if typed.is_empty() {
            errors.insert(name, missing);
            return None;
        }
        let parsed = parse_date(&typed);
        if parsed.is_none() {
            errors.insert(name, x.err_date);
        }
        parsed
    };
    let span = match kind {
        Some(PeriodKind::Custom) => {
            let from = day("van", x.err_from_missing);
            let to = day("tot", x.err_to_missing);
            match (from, to) {
                (Some(from), Some(to)) if to < from => {
                    errors.insert("tot", x.err_to_before_from);
                    None
                }
                (Some(from), Some(to)) => Some((from, to)),
                _ => None,
            }
        }
        Some(kind) => year.and_then(|year| calendar_span(kind, year, month, quarter)),
        None => None,
    };
    let pilot = match data.get("pilot").as_str() {
        "" => None,
        code => {
            let pilot = code.parse::<PilotKind>().ok();
            if pilot.is_none() {
                errors.insert("pilot", x.err_choose);
            }
            pilot
        }
    };
    let optional = |name: &str| Some(data.get(name)).filter(|v| !v.is_empty());
    match span {
        Some((from, to)) if errors.is_empty() => Ok(Asked {
            from,
            to,
            area: optional("gebied"),
            organisation: optional("organisatie"),
            pilot,
        }),
        _ => Err(errors),
    }
}

/// The first and last day of a month, quarter or year.
fn calendar_span(
    kind: PeriodKind,
    year: i16,
    month: Option<i16>,
    quarter: Option<i16>,
) -> Option<(Date, Date)> {
    let months = |first: i16, count: i16| {
        let from = Date::new(year, i8::try_from(first).ok()?, 1).ok()?;
        let last = Date::new(year, i8::try_from(first + count - 1).ok()?, 1).ok()?;
        Some((from, last.last_of_month()))
    };
    match kind {
        PeriodKind::Month => months(month?, 1),
        PeriodKind::Quarter => months((quarter? - 1) * 3 + 1, 3),
        PeriodKind::Year => months(1, 12),
        PeriodKind::Custom => None,
    }
}

/// An area, organisation or pilot the visitor may choose: its id and its name.
pub type Named = (String, String);

/// The filter form's fields as the link came in: what was typed in each, and its
/// message. `areas` and `organisations` are the ones the visitor may choose (an empty
/// list leaves the field out).
pub fn inputs(
    lang: Lang,
    x: &'static EvaluationTexts,
    data: &FormData,
    errors: &Errors,
    today: Date,
    areas: &[Named],
    organisations: &[Named],
) -> Vec<Input> {
    let select = |id: &'static str, label: &'static str, options: Vec<(String, String)>| {
        let typed = data.get(id);
        Input::Select(ChoiceField {
            id,
            label,
            options: options
                .into_iter()
                .map(|(value, label)| Choice {
                    selected: value == typed,
                    value,
                    label,
                })
                .collect(),
            error: errors.get(id).copied(),
        })
    };
    let or_default = |id: &str, default: String| {
        let typed = data.get(id);
        if typed.is_empty() { default } else { typed }
    };
    let period = or_default("periode", PeriodKind::Year.code().to_owned());
    let year = or_default("jaar", today.year().to_string());
    let month = or_default("maand", today.month().to_string());
    let quarter = or_default("kwartaal", ((today.month() - 1) / 3 + 1).to_string());
    let chosen = |options: Vec<(String, String)>, value: &str| -> Vec<(String, String)> {
        // The typed value stays chosen; one not in the list is added, so it is kept.
        let mut options = options;
        if !value.is_empty() && !options.iter().any(|(v, _)| v == value) {
            options.push((value.to_owned(), value.to_owned()));
        }
        options
    };
    let mut fields = vec![
        preselect(
            select(
                "periode",
                x.f_period,
                chosen(
                    PeriodKind::ALL
                        .iter()
                        .map(|k| (k.code().to_owned(), k.label(x).to_owned()))
                        .collect(),
                    &period,
                ),
            ),
            &period,
        ),
        preselect(
            select(
                "jaar",
                x.f_year,
                chosen(
                    (today.year() - YEARS_BACK..=today.year())
                        .rev()
                        .map(|y| (y.to_string(), y.to_string()))
                        .collect(),
                    &year,
                ),
            ),
            &year,
        ),
        preselect(
            select(
                "kwartaal",
                x.f_quarter,
                chosen(
                    [x.quarter_1, x.quarter_2, x.quarter_3, x.quarter_4]
                        .iter()
                        .enumerate()
                        .map(|(i, l)| ((i + 1).to_string(), (*l).to_owned()))
                        .collect(),
                    &quarter,
                ),
            ),
            &quarter,
        ),
        preselect(
            select(
                "maand",
                x.f_month,
                chosen(
                    (1..=12)
                        .map(|m| (m.to_string(), month_name(lang, m).to_owned()))
                        .collect(),
                    &month,
                ),
            ),
            &month,
        ),
        Input::Text(
            TextField::typed("van", x.f_from, data, errors)
                .kind("date")
                .hint(x.f_dates_hint),
        ),
        Input::Text(
            TextField::typed("tot", x.f_to, data, errors)
                .kind("date")
                .hint(x.f_dates_hint),
        ),
    ];
    let with_all = |all: &str, list: &[Named], value: &str| {
        let mut options = vec![(String::new(), all.to_owned())];
        options.extend(list.iter().cloned());
        chosen(options, value)
    };
    if !areas.is_empty() {
        fields.push(select(
            "gebied",
            x.f_area,
            with_all(x.all_areas, areas, &data.get("gebied")),
        ));
    }
    if !organisations.is_empty() {
        fields.push(select(
            "organisatie",
            x.f_organisation,
            with_all(x.all_organisations, organisations, &data.get("organisatie")),
        ));
    }
    let pilots: Vec<Named> = PilotKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), code_label(lang, *k)))
        .collect();
    fields.push(select(
        "pilot",
        x.f_pilot,
        with_all(x.all_pilots, &pilots, &data.get("pilot")),
    ));
    fields
}

/// A select whose default (nothing typed yet) is `value`.
fn preselect(input: Input, value: &str) -> Input {
    match input {
        Input::Select(mut f) => {
            for o in &mut f.options {
                o.selected = o.value == value;
            }
            Input::Select(f)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::flows::evaluation::texts::evaluation;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn read_nl(pairs: &[(&str, &str)]) -> Result<Asked, Errors> {
        read(&form(pairs), evaluation(Lang::Nl), date(2026, 12, 7))
    }

    #[test]
    fn nothing_given_is_this_year() {
        let asked = read_nl(&[]).unwrap();
        assert_eq!(
            (asked.from, asked.to),
            (date(2026, 1, 1), date(2026, 12, 31))
        );
        assert_eq!(asked.area, None);
    }

    #[test]
    fn a_month_a_quarter_and_a_year() {
        let month = read_nl(&[("periode", "maand"), ("jaar", "2024"), ("maand", "2")]).unwrap();
        assert_eq!(
            (month.from, month.to),
            (date(2024, 2, 1), date(2024, 2, 29))
        );
        let quarter =
            read_nl(&[("periode", "kwartaal"), ("jaar", "2023"), ("kwartaal", "4")]).unwrap();
        assert_eq!(
            (quarter.from, quarter.to),
            (date(2023, 10, 1), date(2023, 12, 31))
        );
        let year = read_nl(&[("periode", "jaar"), ("jaar", "2020"), ("gebied", "a1")]).unwrap();
        assert_eq!((year.from, year.to), (date(2020, 1, 1), date(2020, 12, 31)));
        assert_eq!(year.area.as_deref(), Some("a1"));
    }

    #[test]
    fn own_dates_read_the_dutch_way_or_the_pickers() {
        let asked = read_nl(&[
            ("periode", "eigen"),
            ("van", "15-3-2024"),
            ("tot", "2024-04-10"),
        ])
        .unwrap();
        assert_eq!(
            (asked.from, asked.to),
            (date(2024, 3, 15), date(2024, 4, 10))
        );
    }

    #[test]
    fn an_end_before_the_start_is_refused_at_the_end() {
        let errors = read_nl(&[
            ("periode", "eigen"),
            ("van", "2024-05-01"),
            ("tot", "2024-04-30"),
        ])
        .unwrap_err();
        assert_eq!(
            errors.get("tot"),
            Some(&evaluation(Lang::Nl).err_to_before_from)
        );
        assert_eq!(errors.get("van"), None);
    }

    #[test]
    fn what_is_not_a_date_or_not_in_a_list_is_refused_at_its_field() {
        let errors =
            read_nl(&[("periode", "eigen"), ("van", "31-02-2024"), ("tot", "")]).unwrap_err();
        let x = evaluation(Lang::Nl);
        assert_eq!(errors.get("van"), Some(&x.err_date));
        assert_eq!(errors.get("tot"), Some(&x.err_to_missing));
        let errors = read_nl(&[("periode", "week"), ("jaar", "1900"), ("pilot", "x")]).unwrap_err();
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn the_form_keeps_what_was_typed() {
        let x = evaluation(Lang::Nl);
        let data = form(&[
            ("periode", "eigen"),
            ("van", "31-02-2024"),
            ("tot", "gisteren"),
        ]);
        let errors = read(&data, x, date(2026, 12, 7)).unwrap_err();
        let inputs = inputs(Lang::Nl, x, &data, &errors, date(2026, 12, 7), &[], &[]);
        let text = |id: &str| {
            inputs.iter().find_map(|i| match i {
                Input::Text(f) if f.id == id => Some((f.value.clone(), f.error)),
                _ => None,
            })
        };
        assert_eq!(
            text("van"),
            Some(("31-02-2024".to_owned(), Some(x.err_date)))
        );
        assert_eq!(text("tot").unwrap().0, "gisteren");
    }
}

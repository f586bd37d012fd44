//! The mixed professional workload: what each scenario asks of the server, and the one
//! status it expects (anything else is an error, counted and reported, never hidden).

/// One kind of request a professional makes all day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// `GET /healthz`: no session, no data; the baseline every ratio is taken against.
    Healthz,
    /// `GET /api/v1/families/{id}` as the file's regisseur (access decision + log line).
    OpenFile,
    /// `GET /gezinnen/{id}`: the file's page, rendered, with a session cookie.
    OpenFilePage,
    /// `GET /api/v1/families?name=…`: a name search over the caller's files.
    Search,
    /// `GET /api/v1/families?limit=50`, then the `Link: rel="next"` pages to the end.
    ListPages,
    /// `PUT /api/v1/families/{id}/plan` with `If-Match`: a new plan version, really saved.
    SavePlan,
    /// `POST /api/v1/families/{id}/notes`: a new note, really written.
    WriteNote,
    /// `GET /start`: the work list page (caseload, what is due, handovers).
    WorkList,
    /// `GET /api/v1/evaluation` as a team lead: the pilots' figures for this calendar
    /// year so far (days, so the rows are read).
    Evaluation,
    /// `GET /api/v1/evaluation` for last calendar year as a municipality's policy officer
    /// (the region's families, whole months, read from the month cells): the
    /// region-year issue 18 sets a goal for.
    EvaluationYear,
}

impl Scenario {
    pub const ALL: [Scenario; 10] = [
        Scenario::Healthz,
        Scenario::OpenFile,
        Scenario::OpenFilePage,
        Scenario::Search,
        Scenario::ListPages,
        Scenario::SavePlan,
        Scenario::WriteNote,
        Scenario::WorkList,
        Scenario::Evaluation,
        Scenario::EvaluationYear,
    ];

    /// The name on the command line (`--only`).
    pub fn code(self) -> &'static str {
        match self {
            Scenario::Healthz => "healthz",
            Scenario::OpenFile => "file",
            Scenario::OpenFilePage => "file-page",
            Scenario::Search => "search",
            Scenario::ListPages => "list",
            Scenario::SavePlan => "plan",
            Scenario::WriteNote => "note",
            Scenario::WorkList => "start",
            Scenario::Evaluation => "evaluation",
            Scenario::EvaluationYear => "evaluation-year",
        }
    }

    /// The name in the table.
    pub fn title(self) -> &'static str {
        match self {
            Scenario::Healthz => "healthz (baseline)",
            Scenario::OpenFile => "open a file (API)",
            Scenario::OpenFilePage => "open a file (page)",
            Scenario::Search => "search on name (API)",
            Scenario::ListPages => "page through the list (API)",
            Scenario::SavePlan => "save a plan (API, writes)",
            Scenario::WriteNote => "write a note (API, writes)",
            Scenario::WorkList => "work list /start (page)",
            Scenario::Evaluation => "evaluation, team lead, this year (API)",
            Scenario::EvaluationYear => "evaluation, region, last year (API)",
        }
    }

    /// The one status a correct answer has.
    pub fn expected_status(self) -> u16 {
        match self {
            Scenario::WriteNote => 201,
            _ => 200,
        }
    }
}

/// Parses `--only`: scenario codes separated by commas. The baseline is always measured
/// (every ratio needs it), so it is added when left out.
pub fn parse_list(text: &str) -> Result<Vec<Scenario>, String> {
    let mut chosen = vec![Scenario::Healthz];
    for code in text.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let s = Scenario::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .ok_or_else(|| {
                let known: Vec<_> = Scenario::ALL.iter().map(|s| s.code()).collect();
                format!("unknown scenario {code:?}; known: {}", known.join(", "))
            })?;
        if !chosen.contains(&s) {
            chosen.push(s);
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_baseline_comes_first_and_duplicates_go() {
        assert_eq!(
            parse_list("note, plan,note").unwrap(),
            vec![Scenario::Healthz, Scenario::WriteNote, Scenario::SavePlan]
        );
        assert_eq!(parse_list("healthz").unwrap(), vec![Scenario::Healthz]);
        assert_eq!(parse_list("").unwrap(), vec![Scenario::Healthz]);
    }

    #[test]
    fn an_unknown_scenario_is_named_with_the_known_ones() {
        let err = parse_list("file,plans").unwrap_err();
        assert!(
            err.contains("\"plans\"") && err.contains("evaluation"),
            "{err}"
        );
    }

    #[test]
    fn codes_are_unique() {
        for a in Scenario::ALL {
            assert_eq!(
                Scenario::ALL
                    .iter()
                    .filter(|b| b.code() == a.code())
                    .count(),
                1
            );
        }
    }
}

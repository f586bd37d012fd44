//! Drives one scenario: K clients, each on its own keep-alive connection to one of the
//! servers (spread round-robin), as fast as answers come, for a fixed time.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use crate::http::{Conn, Request, Response, next_link};
use crate::scenarios::Scenario;
use crate::setup::{Actor, BoxError, Cast};
use crate::stats::Outcome;

/// What every client shares: the cast, the files they lead, and the servers.
#[derive(Debug)]
pub struct World {
    pub cast: Cast,
    /// (index into `cast.professionals`, family id): files each professional leads.
    pub files: Vec<(usize, String)>,
    /// Name fragments that occur in the files' labels, to search on.
    pub terms: Vec<String>,
    /// `host:port` of each server.
    pub servers: Vec<String>,
    pub cookie_name: String,
    /// Today in Amsterdam (yyyy-mm-dd): the date a note is about.
    pub today: String,
}

/// One client of one scenario.
struct Client {
    world: Arc<World>,
    server: String,
    conn: Option<Conn<TcpStream>>,
    /// This client's own files, so two clients never save the same plan at once.
    files: Vec<(usize, String)>,
    /// Its professional for requests that are not about one file.
    actor: usize,
    turn: usize,
    /// The list page to ask for next (`None`: the first).
    next_page: Option<String>,
    /// The plan per family id as last saved: its version and body.
    plans: HashMap<String, (i64, serde_json::Value)>,
}

/// A request's outcome: the answer, or what went wrong.
type Answered = Result<Response, String>;

impl Client {
    fn new(world: Arc<World>, index: usize, clients: usize) -> Self {
        let mut files: Vec<_> = world
            .files
            .iter()
            .enumerate()
            .filter(|(j, _)| j % clients == index)
            .map(|(_, f)| f.clone())
            .collect();
        if files.is_empty() {
            // Fewer files than clients: share (plan saves may then meet a 412).
            files.push(world.files[index % world.files.len()].clone());
        }
        Self {
            server: world.servers[index % world.servers.len()].clone(),
            actor: index % world.cast.professionals.len(),
            world,
            conn: None,
            files,
            turn: 0,
            next_page: None,
            plans: HashMap::new(),
        }
    }

    async fn send(&mut self, req: Request<'_>) -> io::Result<Response> {
        if self.conn.as_ref().is_none_or(|c| c.closed) {
            self.conn = Some(Conn::connect(&self.server).await?);
        }
        let Some(conn) = self.conn.as_mut() else {
            return Err(io::Error::other("no connection"));
        };
        let answer = conn.send(req).await;
        if answer.is_err() {
            self.conn = None;
        }
        answer
    }

    /// Sends and checks the status; an error names status, path and the answer's start.
    async fn ask(&mut self, req: Request<'_>, expected: u16) -> Answered {
        match self.send(req).await {
            Ok(r) if r.status == expected => Ok(r),
            Ok(r) => Err(format!(
                "{} {} answered {} (expected {expected}): {}",
                req.method,
                req.path,
                r.status,
                String::from_utf8_lossy(&r.body[..r.body.len().min(300)])
            )),
            Err(e) => Err(format!("{} {}: {e}", req.method, req.path)),
        }
    }

    fn file(&self) -> (Actor, String) {
        let (actor, id) = &self.files[self.turn % self.files.len()];
        (self.world.cast.professionals[*actor].clone(), id.clone())
    }

    /// Before the clock starts: what a scenario needs to be valid (the plans' versions).
    async fn prepare(&mut self, scenario: Scenario) -> Result<(), String> {
        if scenario != Scenario::SavePlan {
            return Ok(());
        }
        self.files.truncate(8);
        for (actor, id) in self.files.clone() {
            let bearer = format!("Bearer {}", self.world.cast.professionals[actor].bearer);
            let path = format!("/api/v1/families/{id}/plan");
            let r = self
                .ask(Request::get(&path, &[("authorization", &bearer)]), 200)
                .await?;
            let doc: serde_json::Value = serde_json::from_slice(&r.body)
                .map_err(|e| format!("GET {path}: not JSON: {e}"))?;
            let version = doc["version"]
                .as_i64()
                .ok_or_else(|| format!("GET {path}: no version"))?;
            self.plans.insert(id, (version, doc["plan"].clone()));
        }
        Ok(())
    }

    /// One measured request (timed by the caller).
    async fn step(&mut self, scenario: Scenario) -> Result<(), String> {
        self.turn += 1;
        let expected = scenario.expected_status();
        let me = self.world.cast.professionals[self.actor].clone();
        let bearer = format!("Bearer {}", me.bearer);
        let cookie = format!("{}={}", self.world.cookie_name, me.cookie);
        match scenario {
            Scenario::Healthz => self.ask(Request::get("/healthz", &[]), expected).await?,
            Scenario::OpenFile => {
                let (who, id) = self.file();
                let auth = format!("Bearer {}", who.bearer);
                let path = format!("/api/v1/families/{id}");
                self.ask(Request::get(&path, &[("authorization", &auth)]), expected)
                    .await?
            }
            Scenario::OpenFilePage => {
                let (who, id) = self.file();
                let cookie = format!("{}={}", self.world.cookie_name, who.cookie);
                let path = format!("/gezinnen/{id}");
                self.ask(Request::get(&path, &[("cookie", &cookie)]), expected)
                    .await?
            }
            Scenario::Search => {
                let term = &self.world.terms[self.turn % self.world.terms.len()];
                let path = format!("/api/v1/families?name={term}");
                self.ask(Request::get(&path, &[("authorization", &bearer)]), expected)
                    .await?
            }
            Scenario::ListPages => {
                let path = self
                    .next_page
                    .take()
                    .unwrap_or_else(|| "/api/v1/families?limit=50".to_owned());
                let r = self
                    .ask(Request::get(&path, &[("authorization", &bearer)]), expected)
                    .await?;
                self.next_page = r.header("link").and_then(next_link);
                r
            }
            Scenario::SavePlan => return self.save_plan().await,
            Scenario::WriteNote => {
                let (who, id) = self.file();
                let auth = format!("Bearer {}", who.bearer);
                let path = format!("/api/v1/families/{id}/notes");
                let body = serde_json::json!({
                    "interaction": "phone",
                    "happened_on": self.world.today,
                    "text": format!("Telefonisch contact gehad (benchmark, beurt {}).", self.turn),
                })
                .to_string();
                self.ask(
                    Request {
                        method: "POST",
                        path: &path,
                        headers: &[
                            ("authorization", &auth),
                            ("content-type", "application/json"),
                        ],
                        body: Some(body.as_bytes()),
                    },
                    expected,
                )
                .await?
            }
            Scenario::WorkList => {
                self.ask(Request::get("/start", &[("cookie", &cookie)]), expected)
                    .await?
            }
            Scenario::Evaluation => {
                let auth = format!("Bearer {}", self.world.cast.evaluator.bearer);
                // This calendar year so far: the period a team lead looks at most.
                let today = &self.world.today;
                let path = format!("/api/v1/evaluation?from={}-01-01&to={today}", &today[..4]);
                self.ask(Request::get(&path, &[("authorization", &auth)]), expected)
                    .await?
            }
            Scenario::EvaluationYear => {
                let auth = format!("Bearer {}", self.world.cast.policy_officer.bearer);
                let year = self.world.today[..4]
                    .parse::<i32>()
                    .map_err(|e| e.to_string())?
                    - 1;
                let path = format!("/api/v1/evaluation?from={year}-01-01&to={year}-12-31");
                self.ask(Request::get(&path, &[("authorization", &auth)]), expected)
                    .await?
            }
        };
        Ok(())
    }

    /// A new plan version: the family's own score moves by one (so every save really is
    /// a change), sent with the version it is based on.
    async fn save_plan(&mut self) -> Result<(), String> {
        let (who, id) = self.file();
        let Some((version, mut plan)) = self.plans.get(&id).cloned() else {
            return Err(format!("no plan prepared for {id}"));
        };
        let score = plan["family_score"].as_i64().map_or(0, |s| (s + 1) % 11);
        plan["family_score"] = score.into();
        let body = plan.to_string();
        let auth = format!("Bearer {}", who.bearer);
        let if_match = format!("\"v{version}\"");
        let path = format!("/api/v1/families/{id}/plan");
        let r = self
            .ask(
                Request {
                    method: "PUT",
                    path: &path,
                    headers: &[
                        ("authorization", &auth),
                        ("content-type", "application/json"),
                        ("if-match", &if_match),
                    ],
                    body: Some(body.as_bytes()),
                },
                200,
            )
            .await?;
        let saved: serde_json::Value =
            serde_json::from_slice(&r.body).map_err(|e| format!("PUT {path}: not JSON: {e}"))?;
        let new_version = saved["version"]
            .as_i64()
            .ok_or_else(|| format!("PUT {path}: no version in the answer"))?;
        self.plans.insert(id, (new_version, plan));
        Ok(())
    }
}

/// Runs `scenario` with `clients` clients for `duration`; returns what happened and how
/// long it really took (the last client finishes its request after the deadline).
pub async fn run(
    world: &Arc<World>,
    scenario: Scenario,
    clients: usize,
    duration: Duration,
) -> Result<(Outcome, Duration), BoxError> {
    let mut ready = Vec::new();
    let mut outcome = Outcome::default();
    for c in 0..clients {
        let mut client = Client::new(world.clone(), c, clients);
        if let Err(e) = client.prepare(scenario).await {
            outcome.errors += 1;
            outcome.first_error.get_or_insert(format!("preparing: {e}"));
            continue;
        }
        ready.push(client);
    }
    let start = Instant::now();
    let deadline = start + duration;
    let mut running = Vec::new();
    for mut client in ready {
        running.push(tokio::spawn(async move {
            let mut mine = Outcome::default();
            while Instant::now() < deadline {
                let t = Instant::now();
                match client.step(scenario).await {
                    Ok(()) => mine.latencies_us.push(t.elapsed().as_micros() as u64),
                    Err(e) => {
                        mine.errors += 1;
                        mine.first_error.get_or_insert(e);
                    }
                }
            }
            mine
        }));
    }
    for r in running {
        outcome.merge(r.await?);
    }
    Ok((outcome, start.elapsed()))
}

/// Over HTTP, as each professional: the files they lead (first page of their list as
/// regisseur) and name fragments from the labels to search on.
pub async fn discover(
    cast: &Cast,
    server: &str,
) -> Result<(Vec<(usize, String)>, Vec<String>), BoxError> {
    let mut conn = Conn::connect(server).await?;
    let health = conn.send(Request::get("/healthz", &[])).await?;
    if health.status != 200 {
        return Err(format!("{server}/healthz answered {}", health.status).into());
    }
    let mut files = Vec::new();
    let mut terms = Vec::new();
    for (i, actor) in cast.professionals.iter().enumerate() {
        let auth = format!("Bearer {}", actor.bearer);
        let r = conn
            .send(Request::get(
                "/api/v1/families?role=regisseur&limit=50",
                &[("authorization", &auth)],
            ))
            .await?;
        if r.status != 200 {
            return Err(format!(
                "the list of {} answered {}: {}",
                actor.email,
                r.status,
                String::from_utf8_lossy(&r.body)
            )
            .into());
        }
        let list: serde_json::Value = serde_json::from_slice(&r.body)?;
        for f in list["families"].as_array().into_iter().flatten() {
            if let Some(id) = f["id"].as_str() {
                files.push((i, id.to_owned()));
            }
            // The label's last word (a surname), first four letters: a realistic query.
            let term: Option<String> = f["label"]
                .as_str()
                .and_then(|l| l.split_whitespace().last())
                .map(|w| w.chars().take(4).collect());
            if let Some(t) =
                term.filter(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
                && !terms.contains(&t)
            {
                terms.push(t);
            }
        }
    }
    if files.is_empty() {
        return Err("none of the professionals leads a file: is this a demo database?".into());
    }
    if terms.is_empty() {
        terms.push("de".to_owned());
    }
    Ok((files, terms))
}

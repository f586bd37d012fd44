//! A router over a fresh database (a SQLite file, or a PostgreSQL schema for the tests
//! that run on both backends), and a tiny browser with a cookie jar.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::password;
use eenplan_domain::role::Role;
use eenplan_domain::session::Timeouts;
use eenplan_domain::totp::{TotpSecret, step_at};
use eenplan_domain::user::{Email, PersonName};
use eenplan_store::{NewOrganisation, NewUser, OpenMode, Store};
use eenplan_web::{AppState, AuthConfig, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub mod scan;
mod shapes;
/// Fresh databases on either backend: the store's own test support, shared.
#[path = "../../../store/tests/support/mod.rs"]
pub mod support;

pub use eenplan_store::Backend;

/// Runs each listed test (an `async fn(Backend)` beside the macro) twice: as
/// `sqlite::NAME` and as `postgres::NAME` on a fresh schema of the database named by
/// `EENPLAN_TEST_POSTGRES_URL`. Without that variable the PostgreSQL run says SKIPPED
/// (which `.ci/run` refuses when the variable is set) instead of passing silently.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $test() {
                super::$test($crate::common::Backend::Sqlite).await
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $test() {
                if $crate::common::support::postgres_url().is_none() {
                    eprintln!(
                        "NOTE: PostgreSQL run of {} SKIPPED: set {}",
                        stringify!($test),
                        $crate::common::support::POSTGRES_ENV
                    );
                    return;
                }
                super::$test($crate::common::Backend::Postgres).await
            })*
        }
    };
}

pub const PASSWORD: &str = "een lang genoeg wachtwoord";

pub struct App {
    pub store: Store,
    pub auth: AuthConfig,
    /// The reverse proxies this server believes (none unless a test sets them).
    pub proxies: eenplan_web::TrustedProxies,
    /// The design tokens served at /static/theme.css (the built-in theme unless set).
    pub theme: eenplan_web::Theme,
    /// The document limit and virus scanner (the defaults unless a test sets them).
    pub documents: eenplan_web::DocumentSettings,
    db: support::TestDb,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub email: String,
    pub secret: TotpSecret,
    pub user_id: eenplan_domain::UserId,
}

impl App {
    /// The family file `id` as the store holds it; a test asks after a change what the
    /// file now says.
    pub async fn stored_family(&self, id: &str) -> eenplan_store::Family {
        self.store
            .read()
            .await
            .unwrap()
            .family(&eenplan_domain::FamilyId::from(id))
            .await
            .unwrap()
            .expect("the family is stored")
    }

    pub async fn new() -> Self {
        Self::with_auth(AuthConfig {
            secure_cookies: true,
            timeouts: Timeouts::default(),
        })
        .await
    }

    pub async fn with_auth(auth: AuthConfig) -> Self {
        Self::on_with_auth(Backend::Sqlite, auth).await
    }

    /// An app on `backend`: a fresh SQLite file, or a fresh PostgreSQL schema.
    pub async fn on(backend: Backend) -> Self {
        Self::on_with_auth(
            backend,
            AuthConfig {
                secure_cookies: true,
                timeouts: Timeouts::default(),
            },
        )
        .await
    }

    async fn on_with_auth(backend: Backend, auth: AuthConfig) -> Self {
        let db = support::TestDb::new(backend).await;
        let store = Store::open(&db.url, OpenMode::CreateIfMissing)
            .await
            .unwrap();
        let mut tx = store.write().await.unwrap();
        tx.create_organisation(
            &Actor::System { component: "test" },
            NewOrganisation {
                slug: Slug::parse("save").unwrap(),
                name: "SAVE Jeugdbescherming".into(),
                kind: OrganisationKind::CertifiedInstitution,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        Self {
            store,
            auth,
            proxies: eenplan_web::TrustedProxies::default(),
            theme: eenplan_web::Theme::default(),
            documents: eenplan_web::DocumentSettings::default(),
            db,
        }
    }

    /// An account; `enrolled` decides whether the second factor is already set up.
    pub async fn account(&self, email: &str, roles: &[Role], enrolled: bool) -> Account {
        self.account_in("save", None, email, roles, enrolled).await
    }

    /// A regisseur of a local team (Lokalis, `regie@lokalis.example`) and the team's
    /// organisation id: the start of most tests of a family file and its door.
    pub async fn lokalis_regisseur(&self) -> (Account, String) {
        let team = self
            .organisation("lokalis", OrganisationKind::LocalTeam)
            .await;
        let account = self
            .account_in(
                "lokalis",
                Some(&team),
                "regie@lokalis.example",
                &[Role::Professional],
                true,
            )
            .await;
        (account, self.organisation_id("lokalis").await)
    }

    /// The id of the organisation with `slug`.
    pub async fn organisation_id(&self, slug: &str) -> String {
        let mut tx = self.store.read().await.unwrap();
        tx.organisation_by_slug(slug)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string()
    }

    /// An organisation (with one team) to put accounts in; returns the team id.
    pub async fn organisation(&self, slug: &str, kind: OrganisationKind) -> String {
        let mut tx = self.store.write().await.unwrap();
        let org = tx
            .create_organisation(
                &Actor::System { component: "test" },
                NewOrganisation {
                    slug: Slug::parse(slug).unwrap(),
                    name: format!("Organisatie {slug}"),
                    kind,
                },
            )
            .await
            .unwrap();
        let team = tx
            .create_team(
                &Actor::System { component: "test" },
                eenplan_store::NewTeam {
                    organisation_id: org.id,
                    name: format!("Team {slug}"),
                    area_id: None,
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        team.id
    }

    /// An account in organisation `slug`, optionally in a team.
    pub async fn account_in(
        &self,
        slug: &str,
        team: Option<&str>,
        email: &str,
        roles: &[Role],
        enrolled: bool,
    ) -> Account {
        let secret = TotpSecret::from_bytes(eenplan_store::ids::random_bytes());
        let mut tx = self.store.write().await.unwrap();
        let org = tx.organisation_by_slug(slug).await.unwrap().unwrap();
        let user = tx
            .create_user(
                &Actor::System { component: "test" },
                NewUser {
                    email: Email::parse(email).unwrap(),
                    name: PersonName::parse("Test Persoon").unwrap(),
                    organisation_id: org.id,
                    team_id: team.map(str::to_owned),
                    roles: roles.to_vec(),
                    password_hash: password::hash(PASSWORD, [1; 16]).unwrap(),
                    totp_secret: secret.clone(),
                },
            )
            .await
            .unwrap();
        if enrolled {
            tx.preconfirm_second_factor(&user.id).await.unwrap();
        }
        tx.commit().await.unwrap();
        Account {
            email: email.to_owned(),
            secret,
            user_id: user.id,
        }
    }

    /// Gezin Jansen (Zamenhofdreef 12, 3562 JW Utrecht) with `regisseur` of
    /// `organisation_id` leading, Sam (born 2016, a child under 12) and Kim (parent with
    /// custody, who consents for Sam): `(family, sam, kim)`.
    pub async fn jansen(
        &self,
        regisseur: &Account,
        organisation_id: &str,
        area_id: Option<String>,
    ) -> (eenplan_domain::FamilyId, String, String) {
        self.jansen_named("Gezin Jansen", regisseur, organisation_id, area_id)
            .await
    }

    /// [`App::jansen`] under another file name, opened with it (so it sorts by it).
    pub async fn jansen_named(
        &self,
        label: &str,
        regisseur: &Account,
        organisation_id: &str,
        area_id: Option<String>,
    ) -> (eenplan_domain::FamilyId, String, String) {
        use eenplan_domain::family::{MemberKind, NewMember};
        let system = Actor::System { component: "test" };
        let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
        let mut tx = self.store.write().await.unwrap();
        let family = tx
            .open_family(
                &system,
                eenplan_store::NewFamily {
                    label: label.into(),
                    street: "Zamenhofdreef".into(),
                    house_number: "12".into(),
                    postcode: eenplan_domain::family::Postcode::parse("3562 JW").unwrap(),
                    city: "Utrecht".into(),
                    area_id,
                },
                &regisseur.user_id,
                &eenplan_domain::OrganisationId::from(organisation_id),
            )
            .await
            .unwrap();
        let member = |kind, name: &str, born, custody| NewMember {
            kind,
            name: name.into(),
            date_of_birth: born,
            has_custody: custody,
        };
        let sam = tx
            .add_member(
                &system,
                &family,
                member(
                    MemberKind::Child,
                    "Sam Jansen",
                    Some(jiff::civil::date(2016, 4, 2)),
                    false,
                ),
                today,
            )
            .await
            .unwrap();
        let kim = tx
            .add_member(
                &system,
                &family,
                member(MemberKind::Parent, "Kim Jansen", None, true),
                today,
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        (family, sam, kim)
    }

    pub async fn raw(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, String)],
        body: &str,
    ) -> Response {
        self.raw_via(None, method, uri, headers, body).await
    }

    /// A request as if it arrived over a connection from `peer` (what the server sees
    /// as the other end of the TCP connection).
    pub async fn raw_from(
        &self,
        peer: &str,
        method: Method,
        uri: &str,
        headers: &[(&str, String)],
        body: &str,
    ) -> Response {
        let peer: std::net::SocketAddr = peer.parse().unwrap();
        self.raw_via(Some(peer), method, uri, headers, body).await
    }

    async fn raw_via(
        &self,
        peer: Option<std::net::SocketAddr>,
        method: Method,
        uri: &str,
        headers: &[(&str, String)],
        body: &str,
    ) -> Response {
        self.bytes_via(peer, method, uri, headers, body.as_bytes().to_vec())
            .await
    }

    /// A request with a body of any bytes (a document upload).
    pub async fn raw_bytes(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Response {
        self.bytes_via(None, method, uri, headers, body).await
    }

    async fn bytes_via(
        &self,
        peer: Option<std::net::SocketAddr>,
        method: Method,
        uri: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Response {
        let asked = method.clone();
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(peer) = peer {
            req = req.extension(axum::extract::ConnectInfo(peer));
        }
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let response = router(AppState {
            store: self.store.clone(),
            auth: self.auth,
            proxies: self.proxies.clone(),
            theme: self.theme.clone(),
            documents: self.documents.clone(),
        })
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let response = Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        shapes::record(&asked, uri, &response);
        response
    }

    /// A fully signed-in session made directly in the store (no code needed), so tests
    /// can have as many as they like without running into the replay rule.
    pub async fn session_token(
        &self,
        account: &Account,
        kind: eenplan_store::SessionKind,
    ) -> String {
        let token = eenplan_web::auth::new_token();
        let mut tx = self.store.write().await.unwrap();
        let creds = tx
            .credentials_by_id(&account.user_id)
            .await
            .unwrap()
            .unwrap();
        tx.start_session(
            &creds,
            kind,
            eenplan_store::SessionStage::Active,
            &eenplan_domain::session::token_hash(&token),
            &eenplan_web::auth::new_token(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        token
    }

    /// A one-time enrolment code for `account`, as an administrator would hand it over.
    pub async fn enrolment_code(&self, account: &Account) -> String {
        let code = eenplan_domain::enrolment::new_code(eenplan_store::ids::random_bytes());
        let until = eenplan_domain::UtcTime::from_timestamp(
            eenplan_domain::UtcTime::now().timestamp()
                + eenplan_domain::enrolment::ENROLMENT_CODE_VALIDITY,
        );
        let mut tx = self.store.write().await.unwrap();
        tx.issue_enrolment_code(
            &Actor::System { component: "test" },
            &account.user_id,
            &eenplan_domain::enrolment::code_hash(&code),
            until,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        code
    }

    /// A family account for `member` of `family`, invited and activated directly in
    /// the store (issue 17 §1): its id.
    pub async fn family_account(
        &self,
        regisseur: &Account,
        family: &str,
        member: &str,
        sign_in_name: &str,
    ) -> String {
        let code = eenplan_domain::enrolment::new_code(eenplan_store::ids::random_bytes());
        let hash = eenplan_domain::enrolment::code_hash(&code);
        let now = eenplan_domain::UtcTime::now();
        let until = eenplan_domain::UtcTime::from_timestamp(
            eenplan_domain::family_account::invitation_expires(now.timestamp()),
        );
        let mut tx = self.store.write().await.unwrap();
        tx.invite_family_member(
            &Actor::System { component: "test" },
            regisseur.user_id.as_str(),
            (family, member),
            &hash,
            until,
            false,
        )
        .await
        .unwrap();
        let account = tx
            .begin_family_activation(
                &hash,
                sign_in_name,
                &password::hash(PASSWORD, [1; 16]).unwrap(),
                &TotpSecret::from_bytes([9; 20]),
                now,
            )
            .await
            .unwrap();
        tx.activate_family_account(&account, now).await.unwrap();
        tx.commit().await.unwrap();
        account
    }

    /// A fully signed-in session of the family account `account`: the cookie's token.
    pub async fn family_session_token(&self, account: &str) -> String {
        let token = eenplan_web::auth::new_token();
        let mut tx = self.store.write().await.unwrap();
        tx.start_family_session(
            account,
            eenplan_store::FamilyStage::Active,
            &eenplan_domain::session::token_hash(&token),
            &eenplan_web::auth::new_token(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        token
    }

    /// A browser signed in with the family account `token` names.
    pub fn family_browser(&self, token: &str) -> Browser<'_> {
        self.browser_with_session(token)
    }

    /// A browser holding the session `token` (made earlier with [`App::session_token`]),
    /// for a test that cannot write a session when it needs the browser.
    pub fn browser_with_session(&self, token: &str) -> Browser<'_> {
        let mut b = self.browser();
        b.cookies
            .insert(self.auth.session_cookie().to_owned(), token.to_owned());
        b
    }

    pub async fn signed_in_browser(&self, account: &Account) -> Browser<'_> {
        let token = self
            .session_token(account, eenplan_store::SessionKind::Web)
            .await;
        let mut b = self.browser();
        let name = self.auth.session_cookie();
        b.cookies.insert(name.to_owned(), token);
        b
    }

    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: HashMap::new(),
        }
    }

    pub async fn done(self) {
        self.store.close().await;
        self.db.cleanup().await;
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Response {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The value of `<input name="csrf" value="...">` in the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self
            .body
            .find(marker)
            .unwrap_or_else(|| panic!("no csrf field in {}", self.body))
            + marker.len();
        self.body[start..].split('"').next().unwrap().to_owned()
    }
}

pub struct Browser<'a> {
    app: &'a App,
    pub cookies: HashMap<String, String>,
}

impl Browser<'_> {
    fn cookie_header(&self) -> Vec<(&'static str, String)> {
        if self.cookies.is_empty() {
            return vec![];
        }
        let jar = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        vec![("cookie", jar)]
    }

    fn keep_cookies(&mut self, r: &Response) {
        for v in r.headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (pair, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub async fn get(&mut self, uri: &str) -> Response {
        let r = self
            .app
            .raw(Method::GET, uri, &self.cookie_header(), "")
            .await;
        self.keep_cookies(&r);
        r
    }

    pub async fn post(&mut self, uri: &str, form: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded::to_string(form).unwrap();
        let mut headers = self.cookie_header();
        headers.push((
            "content-type",
            "application/x-www-form-urlencoded".to_owned(),
        ));
        let r = self.app.raw(Method::POST, uri, &headers, &body).await;
        self.keep_cookies(&r);
        r
    }

    /// A `multipart/form-data` body (a document upload form) with this browser's cookies.
    pub async fn post_multipart(&mut self, uri: &str, boundary: &str, body: Vec<u8>) -> Response {
        let mut headers = self.cookie_header();
        headers.push((
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        ));
        let r = self.app.raw_bytes(Method::POST, uri, &headers, body).await;
        self.keep_cookies(&r);
        r
    }

    /// Password step from the sign-in page.
    pub async fn password(&mut self, email: &str, password: &str) -> Response {
        let page = self.get("/aanmelden").await;
        let csrf = page.csrf();
        self.post(
            "/aanmelden",
            &[("csrf", &csrf), ("email", email), ("password", password)],
        )
        .await
    }

    /// Code step from the page the password step redirected to.
    pub async fn code(&mut self, at: &str, code: &str) -> Response {
        let page = self.get(at).await;
        let csrf = page.csrf();
        self.post(at, &[("csrf", &csrf), ("code", code)]).await
    }

    /// The enrolment code step, from the enrolment page.
    pub async fn enrolment_code(&mut self, code: &str) -> Response {
        let page = self.get("/aanmelden/koppelen").await;
        let csrf = page.csrf();
        self.post(
            "/aanmelden/inschrijfcode",
            &[("csrf", &csrf), ("code", code)],
        )
        .await
    }

    /// Signs in completely; returns the response of the code step.
    pub async fn sign_in(&mut self, account: &Account) -> Response {
        let r = self.password(&account.email, PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let at = r.location().to_owned();
        self.code(&at, &current_code(&account.secret)).await
    }
}

pub fn current_code(secret: &TotpSecret) -> String {
    let now = eenplan_domain::UtcTime::now().timestamp().as_second();
    format!("{:06}", secret.code_at_step(step_at(now)))
}

/// The code of the next time step: valid (drift window) and not yet used.
pub fn next_code(secret: &TotpSecret) -> String {
    let now = eenplan_domain::UtcTime::now().timestamp().as_second();
    format!("{:06}", secret.code_at_step(step_at(now) + 1))
}

/// The enrolment code an administrator's page shows once.
pub fn enrolment_code_on(body: &str) -> Option<String> {
    let start = body.find("id=\"enrolment-code\">")? + "id=\"enrolment-code\">".len();
    let end = body[start..].find('<')?;
    Some(body[start..start + end].to_owned())
}

/// The authenticator secret the enrolment page shows as text.
pub fn secret_on(body: &str) -> Option<TotpSecret> {
    let start = body.find("<code class=\"secret\">")? + "<code class=\"secret\">".len();
    let end = body[start..].find('<')?;
    TotpSecret::from_base32(&body[start..start + end]).ok()
}

// ---- reading a form back from a page ----

pub fn unescape(s: &str) -> String {
    s.replace("&#10;", "\n")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The opening tag of the element with `id` on a page, from `<` to `>`.
fn tag_of<'b>(body: &'b str, id: &str) -> Option<&'b str> {
    let start = body.find(&format!("id=\"{id}\""))?;
    let tag_start = body[..start].rfind('<')?;
    let tag = &body[tag_start..];
    Some(&tag[..tag.find('>')?])
}

/// The value of the form control `id` (input or textarea) on a page, as the browser
/// would show it.
pub fn control_value(body: &str, id: &str) -> Option<String> {
    let start = body.find(&format!("id=\"{id}\""))?;
    let tag_start = body[..start].rfind('<')?;
    let tag = &body[tag_start..];
    if tag.starts_with("<textarea") {
        let open_end = tag.find('>')? + 1;
        let close = tag.find("</textarea>")?;
        return Some(unescape(&tag[open_end..close]));
    }
    let tag = tag_of(body, id)?;
    let v = tag.find("value=\"")? + "value=\"".len();
    Some(unescape(tag[v..].split('"').next()?))
}

/// The option chosen in the select `id`.
pub fn selected_option(body: &str, id: &str) -> Option<String> {
    let start = body.find(&format!("id=\"{id}\""))?;
    let select = &body[start..start + body[start..].find("</select>")?];
    let at = select.find(" selected>")?;
    let value_at = select[..at].rfind("value=\"")? + "value=\"".len();
    Some(unescape(select[value_at..at].trim_end_matches('"')))
}

/// Whether the checkbox `id` is ticked.
pub fn is_checked(body: &str, id: &str) -> bool {
    tag_of(body, id)
        .unwrap_or_else(|| panic!("no control {id}"))
        .contains(" checked")
}

/// The message shown next to the field `id` (`<p … id="{id}-error">message</p>`).
pub fn field_error(body: &str, id: &str) -> Option<String> {
    let marker = format!("id=\"{id}-error\">");
    let start = body.find(&marker)? + marker.len();
    Some(unescape(&body[start..start + body[start..].find("</p>")?]))
}

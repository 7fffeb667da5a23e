#![doc = include_str!("../README.md")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test harness: a setup failure must fail the test loudly"
)]

use std::sync::{Arc, OnceLock};

use leads_app::{AdminReply, Input, Service, ServiceConfig, SignIn, hash_password, totp};
use leads_domain::access::{
    AdminCommand, Agency, AgencyStatus, Agreement, Background, BasisEvidence, Certification,
    CertificationLevel, Person, Role, Terminal,
};
use leads_domain::clock::{Clock, ManualClock, Timestamp};
use leads_domain::fields::{FieldDate, Ori};
use leads_domain::reply::Reply;
use leads_policy::{Authorizer, CedarAuthorizer};
use leads_store::{Backend, DatabaseUrl, Store};
use leads_store_sql::SqlStore;
use sqlx::Connection;

/// The environment variable naming a PostgreSQL server for the conformance suite.
pub const POSTGRES_ENV: &str = "LEADS_TEST_POSTGRES_URL";

/// The password of every test operator.
pub const PASSWORD: &str = "correct horse battery staple";

/// 2026-11-21T12:00:00Z, the time every test starts at.
pub const START: Timestamp = Timestamp::from_micros(1_795_262_400_000_000);

/// A fresh, empty database.
#[derive(Debug)]
pub struct TestDb {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A new SQLite file in a temporary directory.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("leads.db");
        let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
        TestDb {
            url,
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A new database on the PostgreSQL server `admin_url` points at.
    pub async fn postgres(admin_url: &str) -> TestDb {
        let name = format!("leads_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = sqlx::PgConnection::connect(admin_url)
            .await
            .unwrap_or_else(|e| {
                panic!("{POSTGRES_ENV} is set but PostgreSQL cannot be reached: {e}")
            });
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .unwrap();
        let (base, _) = admin_url
            .rsplit_once('/')
            .expect("URL with a database name");
        let url = DatabaseUrl::parse(&format!("{base}/{name}")).unwrap();
        TestDb {
            url,
            _dir: None,
            postgres: Some((admin_url.to_owned(), name)),
        }
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        self.url.backend()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            // Drop the database from a thread with its own runtime: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async {
                        if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            let _ = sqlx::query(sqlx::AssertSqlSafe(sql))
                                .execute(&mut conn)
                                .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// Every backend to run a conformance test on: SQLite, and PostgreSQL when configured.
pub async fn backends() -> Vec<TestDb> {
    let mut dbs = vec![TestDb::sqlite()];
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => dbs.push(TestDb::postgres(url.trim()).await),
        _ => {
            static NOTICE: OnceLock<()> = OnceLock::new();
            NOTICE.get_or_init(|| {
                eprintln!(
                    "notice: {POSTGRES_ENV} is not set; the PostgreSQL conformance run is skipped"
                );
            });
        }
    }
    dbs
}

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password(PASSWORD).unwrap())
}

/// The TOTP secret of every test person.
pub const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// An ORI from a literal.
pub fn ori(text: &str) -> Ori {
    Ori::parse(text).unwrap()
}

fn date(text: &str) -> FieldDate {
    FieldDate::parse("DATE", text, time::Date::MAX).unwrap()
}

/// A service over `store` and `clock`, with a new image master key and blobs in `blobs`.
fn service_over(
    store: &Arc<SqlStore>,
    clock: &ManualClock,
    blobs: &tempfile::TempDir,
    config: ServiceConfig,
) -> Service {
    service_with(
        store,
        clock,
        blobs,
        config,
        Arc::new(CedarAuthorizer::new().unwrap()),
    )
}

/// As [`service_over`], deciding with `policy`.
fn service_with(
    store: &Arc<SqlStore>,
    clock: &ManualClock,
    blobs: &tempfile::TempDir,
    config: ServiceConfig,
    policy: Arc<dyn Authorizer>,
) -> Service {
    let vault = leads_vault::Vault::new(
        leads_vault::Keyring::new(leads_vault::MasterKey::generate()),
        leads_vault::BlobStore::local(blobs.path()).unwrap(),
    );
    Service::new(
        store.clone(),
        Arc::new(clock.clone()) as Arc<dyn Clock>,
        policy,
        config,
        vault,
    )
}

#[derive(Debug)]
pub struct TestApp {
    pub service: Service,
    pub store: Arc<SqlStore>,
    pub clock: ManualClock,
    pub db: TestDb,
    /// The directory of the sealed image blobs.
    pub blobs: tempfile::TempDir,
}

impl TestApp {
    /// A service over a fresh database with the test directory.
    pub async fn start(db: TestDb) -> TestApp {
        TestApp::start_with(db, ServiceConfig::default()).await
    }

    /// As [`TestApp::start`], with the service configured by `config`.
    pub async fn start_with(db: TestDb, config: ServiceConfig) -> TestApp {
        let policy = Arc::new(CedarAuthorizer::new().unwrap());
        TestApp::start_deciding_with(db, config, policy).await
    }

    /// As [`TestApp::start_with`], the service deciding with `policy` (e.g. the real policies
    /// and one more that cannot be evaluated).
    pub async fn start_deciding_with(
        db: TestDb,
        config: ServiceConfig,
        policy: Arc<dyn Authorizer>,
    ) -> TestApp {
        let store = Arc::new(SqlStore::open(&db.url).await.unwrap());
        let clock = ManualClock::new(START);
        let blobs = tempfile::tempdir().unwrap();
        let service = service_with(&store, &clock, &blobs, config, policy);
        seed_directory(&service).await;
        TestApp {
            service,
            store,
            clock,
            db,
            blobs,
        }
    }

    /// The current second-factor code of every test person.
    /// Stops the service and starts a new one on the same database and clock, as a restart of
    /// the server would (nothing carried over in memory; the directory is not seeded again).
    /// The new service has a new image master key: images sealed before cannot be read.
    pub async fn restart(self) -> TestApp {
        let TestApp {
            service,
            store,
            clock,
            db,
            blobs,
        } = self;
        drop(service);
        drop(store);
        let store = Arc::new(SqlStore::open(&db.url).await.unwrap());
        let service = service_over(&store, &clock, &blobs, ServiceConfig::default());
        TestApp {
            service,
            store,
            clock,
            db,
            blobs,
        }
    }

    pub fn code(&self) -> String {
        totp::code(TOTP_SECRET, self.clock.now().as_micros() / 1_000_000).unwrap()
    }

    /// Signs a person in at a terminal (banner accepted) and returns the token. The clock moves
    /// 30 seconds first, so every sign-in uses a fresh second-factor code.
    pub async fn token(&self, operator: &str, terminal: &str) -> String {
        self.clock.advance_seconds(30);
        let code = self.code();
        let attempt = SignIn {
            operator,
            password: PASSWORD,
            code: &code,
            terminal,
            accept_banner: true,
        };
        self.service.sign_in(attempt).await.unwrap().token
    }

    /// Sends a formatted message.
    pub async fn send(&self, token: &str, text: &str) -> Reply {
        self.service
            .submit(token, Input::Text(text.to_owned()), None)
            .await
            .unwrap()
    }

    /// Runs an administrative command.
    pub async fn admin(&self, token: &str, command: AdminCommand) -> AdminReply {
        self.service.administer(token, command, None).await.unwrap()
    }

    /// Runs raw SQL against the test database, outside the application (to tamper with it, or
    /// to make it fail, as an attacker or a broken disk would).
    pub async fn execute_sql(&self, sql: &str) {
        sqlx::any::install_default_drivers();
        let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(self.db.url.expose())
            .await
            .unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut conn)
            .await
            .unwrap();
    }

    /// Makes every audit write fail from now on, as a full or broken audit table would
    /// (a trigger refuses each insert into the log).
    pub async fn refuse_audit_writes(&self) {
        let sql = match self.store.backend() {
            Backend::Sqlite => "CREATE TRIGGER refuse_every_audit BEFORE INSERT ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit storage refused'); END;"
                .to_owned(),
            Backend::Postgres => {
                "CREATE OR REPLACE FUNCTION refuse_every_audit() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION 'audit storage refused'; END $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER refuse_every_audit BEFORE INSERT ON audit_log FOR EACH ROW \
                 EXECUTE FUNCTION refuse_every_audit();"
                    .to_owned()
            }
        };
        self.execute_sql(&sql).await;
    }

    /// Lets audit writes succeed again after [`TestApp::refuse_audit_writes`].
    pub async fn allow_audit_writes(&self) {
        let sql = match self.store.backend() {
            Backend::Sqlite => "DROP TRIGGER refuse_every_audit;",
            Backend::Postgres => "DROP TRIGGER refuse_every_audit ON audit_log;",
        };
        self.execute_sql(sql).await;
    }

    /// The whole content of the database but the alerts about failed audit writes, table by
    /// table and row by row, sorted: equal fingerprints mean nothing was committed in between.
    pub async fn fingerprint(&self) -> Vec<String> {
        sqlx::any::install_default_drivers();
        let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(self.db.url.expose())
            .await
            .unwrap();
        let postgres = self.store.backend() == Backend::Postgres;
        let tables_sql = if postgres {
            "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        } else {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        };
        let tables: Vec<String> = sqlx::query_scalar(tables_sql)
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let mut rows = Vec::new();
        for table in tables.iter().filter(|t| !t.starts_with("_sqlx")) {
            let filter = if table == "messages" {
                " WHERE kind <> 'audit_failure'"
            } else {
                ""
            };
            let sql = if postgres {
                format!("SELECT CAST(t AS TEXT) FROM {table} t{filter}")
            } else {
                let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT name FROM pragma_table_info('{table}')"
                )))
                .fetch_all(&mut conn)
                .await
                .unwrap();
                let quoted: Vec<String> =
                    columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
                format!("SELECT {} FROM {table}{filter}", quoted.join(" || ',' || "))
            };
            let mut texts: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut conn)
                .await
                .unwrap();
            texts.sort();
            rows.extend(texts.into_iter().map(|row| format!("{table}: {row}")));
        }
        rows
    }

    /// Serves `router` (the service's HTTP router) on a free loopback port; returns its base
    /// URL. The server runs until the test ends.
    pub async fn serve(&self, router: axum::Router) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        format!("http://{address}")
    }

    /// A client of the server at `base`, signed in as a test person at a terminal (banner
    /// accepted). The clock moves 30 seconds first, so every sign-in uses a fresh code.
    pub async fn client(&self, base: &str, operator: &str, terminal: &str) -> leads_client::Client {
        self.clock.advance_seconds(30);
        let request = leads_api_types::SignInRequest {
            operator: operator.into(),
            password: PASSWORD.into(),
            code: self.code(),
            terminal: terminal.into(),
            accept_banner: true,
        };
        let session = leads_client::Client::new(base)
            .sign_in(&request)
            .await
            .unwrap();
        leads_client::Client::new(base).with_token(session.token)
    }

    /// Every audit entry so far.
    pub async fn audit(&self) -> Vec<leads_audit::SealedEntry> {
        self.store.audit_entries(1, 1_000_000).await.unwrap()
    }
}

/// An agency ready for LEADS: basis, agreement, active.
pub fn active_agency(ori_text: &str, name: &str) -> Agency {
    let mut agency = Agency::new(ori(ori_text), name);
    agency.evidence = Some(BasisEvidence::CriminalJusticeAgency {
        authority: "65 ILCS 5/11-1-2".into(),
    });
    agency.agreement = Some(Agreement {
        reference: format!("IA-{ori_text}"),
        signed_on: date("20250105"),
    });
    agency.status = AgencyStatus::Active;
    agency
}

/// A person ready for LEADS: fingerprint checks clear, full certification until 2027.
pub fn cleared_person(id: &str, name: &str, ori_text: &str, roles: &[Role]) -> Person {
    let mut person = Person::new(id, name, ori(ori_text), roles.iter().copied());
    person.background = Some(Background {
        state_clear: true,
        fbi_clear: true,
        completed_on: date("20250110"),
        reference: format!("TCN-{id}"),
    });
    person.certification = Some(Certification {
        level: CertificationLevel::Full,
        certified_on: date("20250115"),
        expires_on: date("20280115"),
    });
    person
}

/// An approved, active terminal.
pub fn approved_terminal(id: &str, ori_text: &str) -> Terminal {
    let mut terminal = Terminal::register(id, ori(ori_text), "DISPATCH CENTER CONSOLE 1", None);
    terminal.approved_on = Some(date("20250101"));
    terminal.active = true;
    terminal
}

/// Writes the test directory (see the crate README).
pub async fn seed_directory(service: &Service) {
    let provisioning = service.provisioning();
    let mut closed = active_agency("IL0990000", "CLOSED AGENCY");
    closed.status = AgencyStatus::Inactive;
    for agency in [
        active_agency("IL0160000", "SPRINGFIELD POLICE DEPARTMENT"),
        active_agency("IL0840000", "PEORIA COUNTY SHERIFF"),
        active_agency("IL1000000", "ILLINOIS STATE POLICE - LEADS ADMINISTRATION"),
        closed,
    ] {
        provisioning.agency(&agency).await.unwrap();
    }
    let mut expired = cleared_person("OP16X", "LEE FORMER", "IL0160000", &[Role::Operator]);
    expired.certification = Some(Certification {
        level: CertificationLevel::Full,
        certified_on: date("20230101"),
        expires_on: date("20250101"),
    });
    let people = [
        cleared_person("OP16A", "PAT ALVAREZ", "IL0160000", &[Role::Operator]),
        cleared_person("OP16B", "SAM BECKER", "IL0160000", &[Role::Operator]),
        cleared_person(
            "CO16",
            "ROBIN CHEN",
            "IL0160000",
            &[Role::Coordinator, Role::Operator],
        ),
        expired,
        cleared_person("OP84A", "DANA KOWALSKI", "IL0840000", &[Role::Operator]),
        cleared_person("OP99A", "CHRIS ORPHAN", "IL0990000", &[Role::Operator]),
        cleared_person(
            "ADMIN1",
            "JORDAN ADMIN",
            "IL1000000",
            &[Role::Administrator],
        ),
        cleared_person("AUD1", "MORGAN AUDITOR", "IL1000000", &[Role::Auditor]),
        cleared_person("DIR1", "ALEX DIRECTOR", "IL1000000", &[Role::Director]),
    ];
    for person in people {
        provisioning
            .person_with_hash(person, password_hash().to_owned(), Some(TOTP_SECRET))
            .await
            .unwrap();
    }
    for (id, o) in [
        ("T16A", "IL0160000"),
        ("T84A", "IL0840000"),
        ("T99A", "IL0990000"),
        ("T10A", "IL1000000"),
    ] {
        provisioning
            .terminal(&approved_terminal(id, o))
            .await
            .unwrap();
    }
}

/// The Secretary of State's agency of the SOS fixtures.
pub const SOS_ORI: &str = "ILSOS0000";

/// The holders of the SOS fixtures: `(DLN, name, DOB, sex)`. The two `SMITH, JAMES` share
/// name, date of birth and sex (a search by name finds both).
pub const SOS_HOLDERS: [(&str, &str, &str, &str); 5] = [
    ("S123-4567-8901", "RIVERA, ANA", "19850312", "F"),
    ("D555-0101-2020", "DOE, JOHN", "19790704", "M"),
    ("M300-1111-2222", "MORGAN, LEE", "19920101", "M"),
    ("S530-0000-0001", "SMITH, JAMES", "19800101", "M"),
    ("S530-0000-0002", "SMITH, JAMES", "19800101", "M"),
];

impl TestApp {
    /// Adds the SOS fixtures: the Secretary of State's agency with its desk clerk (SOSDESK1)
    /// and SOS Police officer (SOSPD1) at terminal T50A, a non-criminal-justice agency
    /// IL0700000 (operator OP70A at T70A, basis (E)), an Indiana agency IN0490000 (operator
    /// OPIN1 at TIN1), and the holders of [`SOS_HOLDERS`] with generated portraits.
    pub async fn seed_sos(&self) {
        let provisioning = self.service.provisioning();
        let mut gaming = active_agency("IL0700000", "ILLINOIS GAMING BOARD");
        gaming.evidence = Some(BasisEvidence::AuthorizedByLaw {
            statute: "230 ILCS 10/5".into(),
            no_adverse_impact_finding: "FINDING 2024-07".into(),
        });
        for agency in [
            active_agency(SOS_ORI, "SECRETARY OF STATE POLICE"),
            gaming,
            active_agency("IN0490000", "INDIANAPOLIS METROPOLITAN POLICE"),
        ] {
            provisioning.agency(&agency).await.unwrap();
        }
        for person in [
            cleared_person("SOSDESK1", "TERRY CLERK", SOS_ORI, &[Role::SosStaff]),
            cleared_person("SOSPD1", "RILEY OFFICER", SOS_ORI, &[Role::SosPolice]),
            cleared_person("OP70A", "CASEY GAMING", "IL0700000", &[Role::Operator]),
            cleared_person("OPIN1", "JESSE HOOSIER", "IN0490000", &[Role::Operator]),
        ] {
            provisioning
                .person_with_hash(person, password_hash().to_owned(), Some(TOTP_SECRET))
                .await
                .unwrap();
        }
        for (id, o) in [
            ("T50A", SOS_ORI),
            ("T70A", "IL0700000"),
            ("TIN1", "IN0490000"),
        ] {
            provisioning
                .terminal(&approved_terminal(id, o))
                .await
                .unwrap();
        }
        let holders: Vec<_> = SOS_HOLDERS
            .iter()
            .enumerate()
            .map(|(i, (dln, name, dob, sex))| {
                let holder = leads_domain::sos::SosHolder {
                    dln: leads_domain::sos::Dln::parse(dln).unwrap(),
                    name: leads_domain::fields::PersonName::parse(name).unwrap(),
                    dob: date(dob),
                    sex: leads_domain::fields::Sex::parse(sex).unwrap(),
                };
                (
                    holder,
                    leads_imaging::synthetic_portrait(100 + i as u64).unwrap(),
                )
            })
            .collect();
        provisioning.sos_holders(&holders).await.unwrap();
    }
}

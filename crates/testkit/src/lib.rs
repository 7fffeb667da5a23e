#![doc = include_str!("../README.md")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test harness: a setup failure must fail the test loudly"
)]

use std::sync::{Arc, OnceLock};

use leads_app::{Input, Service, ServiceConfig, hash_password};
use leads_domain::clock::{Clock, ManualClock, Timestamp};
use leads_domain::fields::Ori;
use leads_domain::reply::Reply;
use leads_policy::BaselinePolicy;
use leads_store::{AgencyRow, Backend, DatabaseUrl, OperatorRow, Store, TerminalRow};
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

/// An ORI from a literal.
pub fn ori(text: &str) -> Ori {
    Ori::parse(text).unwrap()
}

/// A migrated store, the service and a controllable clock.
#[derive(Debug)]
pub struct TestApp {
    pub service: Service,
    pub store: Arc<SqlStore>,
    pub clock: ManualClock,
    pub db: TestDb,
}

impl TestApp {
    /// A service over a fresh database with the test directory.
    pub async fn start(db: TestDb) -> TestApp {
        let store = Arc::new(SqlStore::open(&db.url).await.unwrap());
        let clock = ManualClock::new(START);
        let service = Service::new(
            store.clone(),
            Arc::new(clock.clone()) as Arc<dyn Clock>,
            Arc::new(BaselinePolicy),
            ServiceConfig::default(),
        );
        seed_directory(store.as_ref()).await;
        TestApp {
            service,
            store,
            clock,
            db,
        }
    }

    /// Signs an operator in at a terminal and returns the token.
    pub async fn token(&self, operator: &str, terminal: &str) -> String {
        self.service
            .sign_in(operator, PASSWORD, terminal)
            .await
            .unwrap()
            .token
    }

    /// Sends a formatted message.
    pub async fn send(&self, token: &str, text: &str) -> Reply {
        self.service
            .submit(token, Input::Text(text.to_owned()), None)
            .await
            .unwrap()
    }

    /// Every audit entry so far.
    pub async fn audit(&self) -> Vec<leads_audit::SealedEntry> {
        self.store.audit_entries(1, 1_000_000).await.unwrap()
    }
}

/// Writes the test directory (see the crate README).
pub async fn seed_directory(store: &dyn Store) {
    let agencies = [
        ("IL0160000", "SPRINGFIELD POLICE DEPARTMENT", true),
        ("IL0840000", "PEORIA COUNTY SHERIFF", true),
        ("IL0990000", "CLOSED AGENCY", false),
    ];
    let operators = [
        ("OP16A", "PAT ALVAREZ", "IL0160000", true),
        ("OP16B", "SAM BECKER", "IL0160000", true),
        ("OP16X", "LEE FORMER", "IL0160000", false),
        ("OP84A", "DANA KOWALSKI", "IL0840000", true),
        ("OP99A", "CHRIS ORPHAN", "IL0990000", true),
    ];
    let terminals = [
        ("T16A", "IL0160000"),
        ("T84A", "IL0840000"),
        ("T99A", "IL0990000"),
    ];
    let mut tx = store.begin().await.unwrap();
    for (o, name, active) in agencies {
        tx.put_agency(&AgencyRow {
            ori: ori(o),
            name: name.into(),
            active,
        })
        .await
        .unwrap();
    }
    for (id, name, o, active) in operators {
        let row = OperatorRow {
            id: id.into(),
            name: name.into(),
            ori: ori(o),
            active,
            password_hash: password_hash().into(),
        };
        tx.put_operator(&row).await.unwrap();
    }
    for (id, o) in terminals {
        let row = TerminalRow {
            id: id.into(),
            ori: ori(o),
            location: "DISPATCH CENTER".into(),
            active: true,
        };
        tx.put_terminal(&row).await.unwrap();
    }
    tx.commit().await.unwrap();
}

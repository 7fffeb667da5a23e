//! A small migration runner: each backend's numbered SQL files, applied once, in order, each in
//! its own transaction, recorded in `leads_migrations`.

use leads_store::{Backend, StoreResult};
use sqlx::AnyPool;

use crate::classify;

/// A migration: version, name, SQLite text, PostgreSQL text.
pub type Migration = (i64, &'static str, &'static str, &'static str);

/// Every migration, in order.
pub const MIGRATIONS: &[Migration] = &[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "access",
        include_str!("../migrations/sqlite/0002_access.sql"),
        include_str!("../migrations/postgres/0002_access.sql"),
    ),
    (
        3,
        "audit",
        include_str!("../migrations/sqlite/0003_audit.sql"),
        include_str!("../migrations/postgres/0003_audit.sql"),
    ),
    (
        4,
        "review",
        include_str!("../migrations/sqlite/0004_review.sql"),
        include_str!("../migrations/postgres/0004_review.sql"),
    ),
    (
        5,
        "images",
        include_str!("../migrations/sqlite/0005_images.sql"),
        include_str!("../migrations/postgres/0005_images.sql"),
    ),
    (
        6,
        "lifecycle",
        include_str!("../migrations/sqlite/0006_lifecycle.sql"),
        include_str!("../migrations/postgres/0006_lifecycle.sql"),
    ),
    (
        7,
        "timeliness",
        include_str!("../migrations/sqlite/0007_timeliness.sql"),
        include_str!("../migrations/postgres/0007_timeliness.sql"),
    ),
    (
        8,
        "validation",
        include_str!("../migrations/sqlite/0008_validation.sql"),
        include_str!("../migrations/postgres/0008_validation.sql"),
    ),
    (
        9,
        "shifts",
        include_str!("../migrations/sqlite/0009_shifts.sql"),
        include_str!("../migrations/postgres/0009_shifts.sql"),
    ),
    (
        10,
        "confirmations",
        include_str!("../migrations/sqlite/0010_confirmations.sql"),
        include_str!("../migrations/postgres/0010_confirmations.sql"),
    ),
    (
        11,
        "sos",
        include_str!("../migrations/sqlite/0011_sos.sql"),
        include_str!("../migrations/postgres/0011_sos.sql"),
    ),
    (
        12,
        "oversight",
        include_str!("../migrations/sqlite/0012_oversight.sql"),
        include_str!("../migrations/postgres/0012_oversight.sql"),
    ),
    (
        13,
        "oversight_cases",
        include_str!("../migrations/sqlite/0013_oversight_cases.sql"),
        include_str!("../migrations/postgres/0013_oversight_cases.sql"),
    ),
    (
        14,
        "interstate",
        include_str!("../migrations/sqlite/0014_interstate.sql"),
        include_str!("../migrations/postgres/0014_interstate.sql"),
    ),
];

const CREATE_LEDGER: &str = "CREATE TABLE IF NOT EXISTS leads_migrations (\
     version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT DEFAULT CURRENT_TIMESTAMP)";

/// Applies pending migrations; returns how many ran.
pub(crate) async fn run(pool: &AnyPool, backend: Backend) -> StoreResult<usize> {
    sqlx::query(CREATE_LEDGER)
        .execute(pool)
        .await
        .map_err(classify)?;
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM leads_migrations")
        .fetch_all(pool)
        .await
        .map_err(classify)?;
    let mut count = 0;
    for (version, name, sqlite, postgres) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        let sql = match backend {
            Backend::Sqlite => *sqlite,
            Backend::Postgres => *postgres,
        };
        let mut tx = pool.begin().await.map_err(classify)?;
        sqlx::raw_sql(sql)
            .execute(&mut *tx)
            .await
            .map_err(classify)?;
        sqlx::query("INSERT INTO leads_migrations (version, name) VALUES ($1, $2)")
            .bind(*version)
            .bind(*name)
            .execute(&mut *tx)
            .await
            .map_err(classify)?;
        tx.commit().await.map_err(classify)?;
        tracing::info!(version, name, backend = backend.name(), "migration applied");
        count += 1;
    }
    Ok(count)
}

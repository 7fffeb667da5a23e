//! Directory rows: agencies, accounts, terminals, connection requests, sign-in failures and
//! sessions. Rarely queried attributes live in a JSON `profile` document of the domain type,
//! next to the columns that are searched or joined on.

use leads_domain::access::{Agency, AgencyStatus, ConnectionRequest, Person, Role, Terminal};
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_store::{Account, AccountStatus, SessionRow, StoreError, StoreResult};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection};

use crate::classify;
use crate::columns::{get, ori_column};

fn to_json<T: Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Backend(format!("profile encoding: {e}")))
}

fn from_json<T: DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("profile: {e}")))
}

fn flag(value: bool) -> i64 {
    i64::from(value)
}

fn micros(t: Option<Timestamp>) -> Option<i64> {
    t.map(Timestamp::as_micros)
}

pub(crate) const AGENCY_COLUMNS: &str = "ori, name, active, profile";

pub(crate) fn agency_from(row: &AnyRow) -> StoreResult<Agency> {
    match get::<Option<String>>(row, "profile")? {
        Some(profile) => from_json(&profile),
        // A row written before profiles existed: the name and whether it was active.
        None => {
            let mut agency = Agency::new(ori_column(row, "ori")?, get::<String>(row, "name")?);
            if get::<i64>(row, "active")? != 0 {
                agency.status = AgencyStatus::Active;
            }
            Ok(agency)
        }
    }
}

pub(crate) async fn put_agency(conn: &mut AnyConnection, agency: &Agency) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO agencies (ori, name, active, profile) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (ori) DO UPDATE SET name = excluded.name, active = excluded.active, profile = excluded.profile",
    )
    .bind(agency.ori.to_string())
    .bind(agency.name.clone())
    .bind(flag(agency.status == AgencyStatus::Active))
    .bind(to_json(agency)?)
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(())
}

pub(crate) const ACCOUNT_COLUMNS: &str = "id, name, ori, active, password_hash, profile, status, disabled_reason, \
     totp_secret, totp_last_step, created_at, last_sign_in_at, password_changed_at";

pub(crate) fn account_from(row: &AnyRow) -> StoreResult<Account> {
    let person: Person = match get::<Option<String>>(row, "profile")? {
        Some(profile) => from_json(&profile)?,
        None => Person::new(
            &get::<String>(row, "id")?,
            &get::<String>(row, "name")?,
            ori_column(row, "ori")?,
            [Role::Operator],
        ),
    };
    let status = match get::<String>(row, "status")?.as_str() {
        "active" => AccountStatus::Active,
        "locked" => AccountStatus::Locked,
        "disabled" => AccountStatus::Disabled(
            get::<Option<String>>(row, "disabled_reason")?.unwrap_or_default(),
        ),
        other => return Err(StoreError::Corrupt(format!("account status {other}"))),
    };
    Ok(Account {
        person,
        status,
        password_hash: get(row, "password_hash")?,
        password_changed_at: Timestamp::from_micros(get(row, "password_changed_at")?),
        totp_secret: get(row, "totp_secret")?,
        totp_last_step: get(row, "totp_last_step")?,
        created_at: Timestamp::from_micros(get(row, "created_at")?),
        last_sign_in_at: get::<Option<i64>>(row, "last_sign_in_at")?.map(Timestamp::from_micros),
    })
}

pub(crate) async fn put_account(conn: &mut AnyConnection, account: &Account) -> StoreResult<()> {
    let person = &account.person;
    let disabled_reason = match &account.status {
        AccountStatus::Disabled(reason) => Some(reason.clone()),
        _ => None,
    };
    sqlx::query(
        "INSERT INTO operators (id, name, ori, active, password_hash, profile, status, disabled_reason, totp_secret, \
         totp_last_step, created_at, last_sign_in_at, password_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, ori = excluded.ori, active = excluded.active, \
         password_hash = excluded.password_hash, profile = excluded.profile, status = excluded.status, \
         disabled_reason = excluded.disabled_reason, totp_secret = excluded.totp_secret, \
         totp_last_step = excluded.totp_last_step, created_at = excluded.created_at, \
         last_sign_in_at = excluded.last_sign_in_at, password_changed_at = excluded.password_changed_at",
    )
    .bind(person.id.clone())
    .bind(person.name.clone())
    .bind(person.ori.to_string())
    .bind(flag(account.status == AccountStatus::Active))
    .bind(account.password_hash.clone())
    .bind(to_json(person)?)
    .bind(account.status.name())
    .bind(disabled_reason)
    .bind(account.totp_secret.clone())
    .bind(account.totp_last_step)
    .bind(account.created_at.as_micros())
    .bind(micros(account.last_sign_in_at))
    .bind(account.password_changed_at.as_micros())
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(())
}

pub(crate) const TERMINAL_COLUMNS: &str = "id, ori, location, active, profile";

pub(crate) fn terminal_from(row: &AnyRow) -> StoreResult<Terminal> {
    match get::<Option<String>>(row, "profile")? {
        Some(profile) => from_json(&profile),
        None => {
            let mut terminal = Terminal::register(
                &get::<String>(row, "id")?,
                ori_column(row, "ori")?,
                &get::<String>(row, "location")?,
                None,
            );
            terminal.active = get::<i64>(row, "active")? != 0;
            Ok(terminal)
        }
    }
}

pub(crate) async fn put_terminal(conn: &mut AnyConnection, terminal: &Terminal) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO terminals (id, ori, location, active, profile) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (id) DO UPDATE SET ori = excluded.ori, location = excluded.location, \
         active = excluded.active, profile = excluded.profile",
    )
    .bind(terminal.id.clone())
    .bind(terminal.ori.to_string())
    .bind(terminal.location.clone())
    .bind(flag(terminal.active))
    .bind(to_json(terminal)?)
    .execute(conn)
    .await
    .map_err(classify)?;
    Ok(())
}

/// Rows of a table, all or those of one ORI, decoded by `from`.
pub(crate) async fn list<T>(
    conn: &mut AnyConnection,
    columns: &str,
    table: &str,
    ori: Option<&Ori>,
    from: fn(&AnyRow) -> StoreResult<T>,
) -> StoreResult<Vec<T>> {
    let filter = if ori.is_some() { " WHERE ori = $1" } else { "" };
    let sql = format!("SELECT {columns} FROM {table}{filter} ORDER BY 1");
    let mut query = sqlx::query::<Any>(sqlx::AssertSqlSafe(sql));
    if let Some(ori) = ori {
        query = query.bind(ori.to_string());
    }
    let rows = query.fetch_all(conn).await.map_err(classify)?;
    rows.iter().map(from).collect()
}

/// One row by key, decoded by `from`.
pub(crate) async fn one<T>(
    conn: &mut AnyConnection,
    columns: &str,
    table: &str,
    key: &str,
    value: String,
    from: fn(&AnyRow) -> StoreResult<T>,
) -> StoreResult<Option<T>> {
    let sql = format!("SELECT {columns} FROM {table} WHERE {key} = $1");
    let row = sqlx::query::<Any>(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .fetch_optional(conn)
        .await
        .map_err(classify)?;
    row.as_ref().map(from).transpose()
}

pub(crate) fn connection_from(row: &AnyRow) -> StoreResult<(i64, ConnectionRequest)> {
    Ok((get(row, "id")?, from_json(&get::<String>(row, "profile")?)?))
}

pub(crate) async fn insert_connection(
    conn: &mut AnyConnection,
    request: &ConnectionRequest,
    at: Timestamp,
) -> StoreResult<i64> {
    sqlx::query_scalar("INSERT INTO connection_requests (ori, profile, updated_at) VALUES ($1, $2, $3) RETURNING id")
        .bind(request.ori.to_string())
        .bind(to_json(request)?)
        .bind(at.as_micros())
        .fetch_one(conn)
        .await
        .map_err(classify)
}

pub(crate) async fn update_connection(
    conn: &mut AnyConnection,
    id: i64,
    request: &ConnectionRequest,
    at: Timestamp,
) -> StoreResult<()> {
    let done =
        sqlx::query("UPDATE connection_requests SET profile = $2, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(to_json(request)?)
            .bind(at.as_micros())
            .execute(conn)
            .await
            .map_err(classify)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Backend(format!(
            "connection request {id} not found"
        )));
    }
    Ok(())
}

pub(crate) fn session_from(row: &AnyRow) -> StoreResult<SessionRow> {
    Ok(SessionRow {
        token_hash: get(row, "token_hash")?,
        operator_id: get(row, "operator_id")?,
        terminal_id: get(row, "terminal_id")?,
        issued_at: Timestamp::from_micros(get(row, "issued_at")?),
        expires_at: Timestamp::from_micros(get(row, "expires_at")?),
        banner_accepted_at: get::<Option<i64>>(row, "banner_accepted_at")?
            .map(Timestamp::from_micros),
        last_activity_at: Timestamp::from_micros(get(row, "last_activity_at")?),
    })
}

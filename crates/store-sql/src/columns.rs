//! Reading typed values out of result rows; a value that does not decode means the storage was
//! altered.

use leads_domain::fields::Ori;
use leads_store::{StoreError, StoreResult};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A stored value that does not read back: the storage was altered.
pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

pub(crate) fn get<T>(row: &AnyRow, column: &str) -> StoreResult<T>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    row.try_get(column)
        .map_err(|e| corrupt(format!("{column}: {e}")))
}

/// An ORI column.
pub(crate) fn ori_column(row: &AnyRow, column: &str) -> StoreResult<Ori> {
    Ori::parse(&get::<String>(row, column)?).map_err(corrupt)
}

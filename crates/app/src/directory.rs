//! Setting up agencies, operators and terminals (used by the demo and tests; the administration
//! front end comes with the access-control work).

use leads_domain::fields::Ori;
use leads_store::{AgencyRow, OperatorRow, Store, TerminalRow};

use crate::{ServiceError, hash_password};

/// Writes directory rows.
#[derive(Debug)]
pub struct Directory<'a> {
    store: &'a dyn Store,
}

impl<'a> Directory<'a> {
    /// A directory over a store.
    pub fn new(store: &'a dyn Store) -> Self {
        Directory { store }
    }

    /// Adds or updates an agency.
    pub async fn agency(&self, ori: &Ori, name: &str, active: bool) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        tx.put_agency(&AgencyRow {
            ori: ori.clone(),
            name: name.to_owned(),
            active,
        })
        .await?;
        Ok(tx.commit().await?)
    }

    /// Adds or updates an operator with a password (hashed with argon2id here).
    pub async fn operator(
        &self,
        id: &str,
        name: &str,
        ori: &Ori,
        password: &str,
        active: bool,
    ) -> Result<(), ServiceError> {
        let password_hash = hash_password(password)?;
        let mut tx = self.store.begin().await?;
        tx.put_operator(&OperatorRow {
            id: id.to_ascii_uppercase(),
            name: name.to_owned(),
            ori: ori.clone(),
            active,
            password_hash,
        })
        .await?;
        Ok(tx.commit().await?)
    }

    /// Adds or updates a terminal registered to an agency.
    pub async fn terminal(
        &self,
        id: &str,
        ori: &Ori,
        location: &str,
        active: bool,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        tx.put_terminal(&TerminalRow {
            id: id.to_ascii_uppercase(),
            ori: ori.clone(),
            location: location.to_owned(),
            active,
        })
        .await?;
        Ok(tx.commit().await?)
    }
}

//! The directory in one transaction: agencies, accounts, terminals, connection requests.

use async_trait::async_trait;
use leads_domain::access::{Agency, ConnectionRequest, Terminal};
use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_store::{Account, DirectoryTx, StoreResult};

use crate::classify;
use crate::directory::{
    self, ACCOUNT_COLUMNS, AGENCY_COLUMNS, TERMINAL_COLUMNS, account_from, agency_from,
    connection_from, terminal_from,
};

use super::SqlTx;

#[async_trait]
impl DirectoryTx for SqlTx {
    async fn put_agency(&mut self, agency: &Agency) -> StoreResult<()> {
        directory::put_agency(&mut self.tx, agency).await
    }

    async fn agency(&mut self, ori: &Ori) -> StoreResult<Option<Agency>> {
        directory::one(
            &mut self.tx,
            AGENCY_COLUMNS,
            "agencies",
            "ori",
            ori.to_string(),
            agency_from,
        )
        .await
    }

    async fn agencies(&mut self) -> StoreResult<Vec<Agency>> {
        directory::list(&mut self.tx, AGENCY_COLUMNS, "agencies", None, agency_from).await
    }

    async fn put_account(&mut self, account: &Account) -> StoreResult<()> {
        directory::put_account(&mut self.tx, account).await
    }

    async fn lock_account(&mut self, id: &str) -> StoreResult<()> {
        if self.tx.backend_name() == "PostgreSQL" {
            sqlx::query("SELECT id FROM operators WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(classify)?;
        }
        Ok(())
    }

    async fn account(&mut self, id: &str) -> StoreResult<Option<Account>> {
        directory::one(
            &mut self.tx,
            ACCOUNT_COLUMNS,
            "operators",
            "id",
            id.to_owned(),
            account_from,
        )
        .await
    }

    async fn accounts(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<Account>> {
        directory::list(
            &mut self.tx,
            ACCOUNT_COLUMNS,
            "operators",
            ori,
            account_from,
        )
        .await
    }

    async fn put_terminal(&mut self, terminal: &Terminal) -> StoreResult<()> {
        directory::put_terminal(&mut self.tx, terminal).await
    }

    async fn terminal(&mut self, id: &str) -> StoreResult<Option<Terminal>> {
        directory::one(
            &mut self.tx,
            TERMINAL_COLUMNS,
            "terminals",
            "id",
            id.to_owned(),
            terminal_from,
        )
        .await
    }

    async fn terminals(&mut self, ori: Option<&Ori>) -> StoreResult<Vec<Terminal>> {
        directory::list(
            &mut self.tx,
            TERMINAL_COLUMNS,
            "terminals",
            ori,
            terminal_from,
        )
        .await
    }

    async fn insert_connection(
        &mut self,
        request: &ConnectionRequest,
        at: Timestamp,
    ) -> StoreResult<i64> {
        directory::insert_connection(&mut self.tx, request, at).await
    }

    async fn update_connection(
        &mut self,
        id: i64,
        request: &ConnectionRequest,
        at: Timestamp,
    ) -> StoreResult<()> {
        directory::update_connection(&mut self.tx, id, request, at).await
    }

    async fn connection(&mut self, id: i64) -> StoreResult<Option<ConnectionRequest>> {
        let row = sqlx::query("SELECT id, profile FROM connection_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(classify)?;
        Ok(row
            .as_ref()
            .map(connection_from)
            .transpose()?
            .map(|(_, request)| request))
    }

    async fn connections(
        &mut self,
        ori: Option<&Ori>,
    ) -> StoreResult<Vec<(i64, ConnectionRequest)>> {
        directory::list(
            &mut self.tx,
            "id, profile",
            "connection_requests",
            ori,
            connection_from,
        )
        .await
    }
}

//! One database transaction behind `StoreTx`, its operations by area in the files of this
//! folder.

mod audit;
mod directory;
mod image;
mod interstate;
mod lifecycle;
mod oversight;
mod record;
mod session;

use async_trait::async_trait;
use leads_store::{StoreResult, StoreTx};
use sqlx::{Any, Transaction};

use crate::classify;

pub(crate) struct SqlTx {
    pub(crate) tx: Transaction<'static, Any>,
}

impl SqlTx {
    pub(crate) fn new(tx: Transaction<'static, Any>) -> Self {
        SqlTx { tx }
    }
}

#[async_trait]
impl StoreTx for SqlTx {
    fn sos(&mut self) -> &mut dyn leads_store::SosTx {
        self
    }

    fn oversight(&mut self) -> &mut dyn leads_store::OversightTx {
        self
    }

    fn interstate(&mut self) -> &mut dyn leads_store::InterstateTx {
        self
    }

    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await.map_err(classify)
    }

    async fn rollback(self: Box<Self>) -> StoreResult<()> {
        self.tx.rollback().await.map_err(classify)
    }
}

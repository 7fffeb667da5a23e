//! Building and running the HTTP server over a store chosen by URL.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use crate::args::DatabaseArgs;
use anyhow::Context;
use leads_app::{Service, ServiceConfig};
use leads_domain::clock::{Clock, SystemClock};
use leads_policy::CedarAuthorizer;
use leads_store::DatabaseUrl;
use leads_store_sql::SqlStore;
use tokio::net::TcpListener;

/// Opens (and migrates) the database a URL names.
pub async fn open_store(url: &str) -> anyhow::Result<Arc<SqlStore>> {
    let url = DatabaseUrl::parse(url).map_err(anyhow::Error::msg)?;
    let store = SqlStore::open(&url)
        .await
        .with_context(|| format!("opening {url}"))?;
    tracing::info!(database = %url, backend = url.backend().name(), "database ready");
    Ok(Arc::new(store))
}

/// The service with the Cedar policies, the wall clock and the configured image vault.
pub fn service(store: Arc<SqlStore>, database: &DatabaseArgs) -> anyhow::Result<Service> {
    service_with(store, database, ServiceConfig::default())
}

/// The service with a configuration of its own.
pub fn service_with(
    store: Arc<SqlStore>,
    database: &DatabaseArgs,
    config: ServiceConfig,
) -> anyhow::Result<Service> {
    let policy = CedarAuthorizer::new().context("loading the authorization policies")?;
    Ok(Service::new(
        store,
        Arc::new(SystemClock) as Arc<dyn Clock>,
        Arc::new(policy),
        config,
        crate::vault_cfg::open_vault(database)?,
    ))
}

/// A bound, ready-to-run server.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    service: Service,
    limits: crate::connections::Limits,
}

impl Application {
    /// Binds `listen` (port 0 picks a free port).
    pub async fn build(service: Service, listen: &str) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("binding {listen}"))?;
        Ok(Application {
            listener,
            service,
            limits: crate::connections::Limits::default(),
        })
    }

    /// Other connection limits than the defaults (tests).
    pub fn with_limits(mut self, limits: crate::connections::Limits) -> Application {
        self.limits = limits;
        self
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` completes (the caller closes the database afterwards).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let router = leads_web::router(self.service);
        crate::connections::serve(self.listener, router, self.limits, shutdown).await;
        Ok(())
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

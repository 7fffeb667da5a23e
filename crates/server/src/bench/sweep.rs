//! How long a deadline sweep takes with 1,000,000 records' deadlines open (issue "record
//! lifecycle"): the sweep when nothing is due (what the server does every minute), and when a
//! day's worth falls due at once (notices, escalations, audit entries).

use std::sync::Arc;
use std::time::Instant;

use leads_app::{Service, ServiceConfig};
use leads_domain::clock::{Clock, ManualClock, SystemClock, Timestamp};
use leads_domain::deadline::DeadlineKind;
use leads_policy::CedarAuthorizer;
use leads_store::Store;

const DAY: i64 = 24 * 3_600 * 1_000_000;
/// Deadlines are spread evenly over this many days ahead.
const SPREAD_DAYS: i64 = 30;
const INSERT_BATCH: usize = 20_000;

/// Opens `count` second-party-check deadlines spread over the next 30 days (one per record,
/// LEADS numbers made up: a notice sweep reads deadlines, not records), then times sweeps.
pub(super) async fn run(
    store: Arc<dyn Store>,
    vault: leads_vault::Vault,
    count: usize,
    backend: &str,
) -> anyhow::Result<()> {
    let start = SystemClock.now();
    let clock = ManualClock::new(start);
    let service = Service::new(
        store.clone(),
        Arc::new(clock.clone()) as Arc<dyn Clock>,
        Arc::new(CedarAuthorizer::new()?),
        ServiceConfig::default(),
        vault,
    );
    let step = (SPREAD_DAYS * DAY) / i64::try_from(count.max(1)).unwrap_or(1);
    let started = Instant::now();
    let mut opened = 0usize;
    while opened < count {
        let mut tx = store.begin().await?;
        let batch = (count - opened).min(INSERT_BATCH);
        for i in opened..opened + batch {
            let due = start.as_micros() + 60_000_000 + step * i64::try_from(i).unwrap_or(0);
            tx.insert_deadline(
                DeadlineKind::SecondPartyCheck,
                "IL0160000",
                &format!("X{:08}", i % 100_000_000),
                Timestamp::from_micros(due),
                start,
            )
            .await?;
        }
        tx.commit().await?;
        opened += batch;
    }
    crate::say!(
        "deadlines: {opened} open on {backend}, written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let idle = service.sweep_deadlines().await?;
    crate::say!(
        "deadline sweep with {opened} open and none due (the server's minute tick): {:.2} ms ({} due)",
        t.elapsed().as_secs_f64() * 1e3,
        idle.due
    );

    clock.advance_seconds(24 * 3_600);
    let t = Instant::now();
    let day = service.sweep_deadlines().await?;
    let elapsed = t.elapsed().as_secs_f64();
    crate::say!(
        "deadline sweep a day later: {} due, {} notices and {} audit entries in {:.2} s ({:.0} deadlines/s)",
        day.due,
        day.notices,
        day.notices,
        elapsed,
        day.due as f64 / elapsed
    );
    Ok(())
}

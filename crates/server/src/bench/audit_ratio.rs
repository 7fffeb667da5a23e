//! Inquiries per second with the durable audit on versus off, same machine, same run, same
//! database: the cost of the audit log once group commit shares each flush.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use leads_app::{Input, Service, ServiceConfig};
use leads_domain::clock::{Clock, SystemClock};
use leads_policy::CedarAuthorizer;
use leads_store::Store;
use leads_synth::Generator;

use super::audit_off::AuditOff;
use super::measure::time_today;

/// Concurrent in-process clients for `seconds`; returns inquiries answered per second.
async fn load(service: &Service, token: &str, clients: usize, seconds: f64) -> f64 {
    let done = Arc::new(AtomicBool::new(false));
    let count = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for worker in 0..clients {
        let (service, token) = (service.clone(), token.to_owned());
        let (done, count) = (done.clone(), count.clone());
        tasks.push(tokio::spawn(async move {
            let mut generator = Generator::new(5000 + worker as u64, time_today());
            while !done.load(Ordering::Relaxed) {
                let text = generator.person_inquiry("IL0160000");
                if service
                    .submit(&token, Input::Text(text), None)
                    .await
                    .is_ok_and(|r| r.outcome == leads_domain::reply::Outcome::Accepted)
                {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    done.store(true, Ordering::Relaxed);
    for task in tasks {
        let _ = task.await;
    }
    count.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// Alternates audit-off and audit-on rounds and prints both rates and their ratio.
pub(super) async fn run(
    store: Arc<dyn Store>,
    audited: &Service,
    token: &str,
    clients: usize,
    seconds: u64,
    backend: &str,
) -> anyhow::Result<()> {
    let unaudited = Service::new(
        Arc::new(AuditOff(store)),
        Arc::new(SystemClock) as Arc<dyn Clock>,
        Arc::new(CedarAuthorizer::new()?),
        ServiceConfig::default(),
        audited.vault().clone(),
    );
    const ROUNDS: u32 = 4;
    let round = seconds as f64 / f64::from(ROUNDS);
    // Warm both paths (caches, the committer task) before measuring.
    load(&unaudited, token, clients, 1.0).await;
    load(audited, token, clients, 1.0).await;
    let (commits_before, entries_before) = leads_app::group_commit_totals();
    let (mut on, mut off) = (0.0, 0.0);
    let mut ratios = Vec::new();
    for _ in 0..ROUNDS {
        let off_rate = load(&unaudited, token, clients, round).await;
        let on_rate = load(audited, token, clients, round).await;
        ratios.push(on_rate / off_rate);
        off += off_rate / f64::from(ROUNDS);
        on += on_rate / f64::from(ROUNDS);
    }
    let low = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let high = ratios.iter().copied().fold(0.0, f64::max);
    let (commits, entries) = leads_app::group_commit_totals();
    let per_commit = (entries - entries_before) as f64 / (commits - commits_before).max(1) as f64;
    crate::say!(
        "audit on vs off ({backend}, {clients} concurrent in-process clients, {seconds} s each): \
         on {on:.0} inquiries/s, off {off:.0} inquiries/s, ratio {:.2} (rounds {low:.2}-{high:.2}); {per_commit:.1} entries per durable commit",
        on / off
    );
    Ok(())
}

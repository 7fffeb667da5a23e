//! `leads bench`: the figures docs/PERFORMANCE.md reports. Timing lives here, never in tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use leads_app::{Input, SignIn};
use leads_domain::fields::{FieldDate, Ori, ParseContext};
use leads_domain::files::FileKind;
use leads_message::{examples, parse_message};
use leads_synth::Generator;

use crate::server;
use measure::{micros, percentile, time_today};

mod audit_off;
mod audit_ratio;
mod images;
mod measure;
mod sweep;

#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// Person records to load before the inquiry benchmarks.
    #[arg(long, default_value_t = 1_000_000)]
    pub records: usize,
    /// Parse-and-validate repetitions.
    #[arg(long, default_value_t = 200_000)]
    pub parses: usize,
    /// In-process inquiries.
    #[arg(long, default_value_t = 5_000)]
    pub inquiries: usize,
    /// Seconds of HTTP load.
    #[arg(long, default_value_t = 10)]
    pub http_seconds: u64,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 16)]
    pub http_clients: usize,
    /// Seconds of in-process load with the audit on, and as many with it off.
    #[arg(long, default_value_t = 10)]
    pub audit_seconds: u64,
    /// Concurrent in-process clients for the audit on/off comparison (enough to keep both
    /// cores busy: the comparison is of capacity).
    #[arg(long, default_value_t = 64)]
    pub audit_clients: usize,
    /// Pictures normalized (each of a PNG and a JPEG source).
    #[arg(long, default_value_t = 200)]
    pub normalizations: usize,
    /// Records given a mugshot before the query-image benchmark.
    #[arg(long, default_value_t = 200)]
    pub images: usize,
    /// Queries by image number.
    #[arg(long, default_value_t = 2_000)]
    pub image_queries: usize,
    /// Open deadlines for the deadline-sweep benchmark (0 skips it).
    #[arg(long, default_value_t = 1_000_000)]
    pub deadlines: usize,
    /// Database URL to benchmark (default: a new SQLite file in a temporary directory).
    #[arg(long)]
    pub database_url: Option<String>,
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cpu}, {cores} cores")
}

/// Runs every benchmark and prints the figures.
pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    crate::say!("machine: {}", machine());
    bench_parse(args.parses);
    images::bench_normalize(args.normalizations)?;

    let dir = tempfile_dir()?;
    let url = args
        .database_url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}/bench.db", dir.display()));
    let store = server::open_store(&url).await?;
    let database = crate::args::DatabaseArgs {
        data_dir: dir.clone(),
        database_url: None,
        image_dir: None,
        master_key_file: None,
        previous_master_key_file: None,
    };
    let service = server::service(store.clone(), &database)?;
    let ori = Ori::parse("IL0160000").map_err(|e| anyhow::anyhow!("{e}"))?;
    let principal = bench_principal()?;
    let provisioning = service.provisioning();
    provisioning.agency(&principal.agency).await?;
    provisioning.terminal(&principal.terminal).await?;
    provisioning
        .person(principal.person.clone(), BENCH_PASSWORD, Some(BENCH_SECRET))
        .await?;
    bench_policy(&principal, args.parses);

    let mut generator = Generator::new(1, service.clock().today());
    let started = Instant::now();
    let mut loaded = 0;
    while loaded < args.records {
        let batch = (args.records - loaded).min(50_000);
        let messages: Vec<String> = (0..batch)
            .map(|_| generator.entry(FileKind::Wanted, "IL0160000"))
            .collect();
        let report = service.bulk_load("bench", &ori, messages, 10_000).await?;
        loaded += report.loaded;
        anyhow::ensure!(
            report.loaded == batch,
            "load refused entries: {:?}",
            report.rejected.first()
        );
    }
    let load_time = started.elapsed();
    crate::say!(
        "load: {loaded} wanted-person records on {} in {:.1} s ({:.0} records/s)",
        store_backend(&url),
        load_time.as_secs_f64(),
        loaded as f64 / load_time.as_secs_f64()
    );

    let code = leads_app::totp::code(BENCH_SECRET, service.clock().now().as_micros() / 1_000_000)
        .unwrap_or_default();
    let attempt = SignIn {
        operator: "BENCH1",
        password: BENCH_PASSWORD,
        code: &code,
        terminal: "TB1",
        accept_banner: true,
    };
    let session = service.sign_in(attempt).await?;
    let mut latencies = Vec::with_capacity(args.inquiries);
    let mut hits = 0usize;
    let started = Instant::now();
    for _ in 0..args.inquiries {
        let text = generator.person_inquiry("IL0160000");
        let t = Instant::now();
        let reply = service
            .submit(&session.token, Input::Text(text), None)
            .await?;
        latencies.push(t.elapsed());
        hits += usize::from(reply.code == "hit");
    }
    let total = started.elapsed();
    latencies.sort();
    crate::say!(
        "in-process NAM/SEX/DOB inquiry over {loaded} records (parse, authorize, search, durable audit): \
         {:.0} inquiries/s, p50 {:.0} us, p95 {:.0} us, p99 {:.0} us ({hits} of {} hit)",
        args.inquiries as f64 / total.as_secs_f64(),
        micros(percentile(&latencies, 0.50)),
        micros(percentile(&latencies, 0.95)),
        micros(percentile(&latencies, 0.99)),
        args.inquiries
    );

    images::bench_query_image(&service, &session.token, args.images, args.image_queries).await?;
    audit_ratio::run(
        store.clone(),
        &service,
        &session.token,
        args.audit_clients,
        args.audit_seconds,
        store_backend(&url),
    )
    .await?;
    bench_http(&args, service, &session.token).await?;
    if args.deadlines > 0 {
        let vault = crate::vault_cfg::open_vault(&database)?;
        sweep::run(store.clone(), vault, args.deadlines, store_backend(&url)).await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

const BENCH_PASSWORD: &str = "bench password one";
const BENCH_SECRET: &str = "BENCHBENCHBENCHBENCHBENCHBENCHBE";

/// An eligible operator, agency and terminal for the benchmarks.
fn bench_principal() -> anyhow::Result<leads_policy::Principal> {
    use leads_domain::access::*;
    let date = |text: &str| {
        FieldDate::parse("DATE", text, time::Date::MAX).map_err(|e| anyhow::anyhow!("{e}"))
    };
    let ori = Ori::parse("IL0160000").map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut agency = Agency::new(ori.clone(), "BENCH AGENCY");
    agency.evidence = Some(BasisEvidence::CriminalJusticeAgency {
        authority: "BENCH".into(),
    });
    agency.agreement = Some(Agreement {
        reference: "BENCH".into(),
        signed_on: date("20250101")?,
    });
    agency.status = AgencyStatus::Active;
    let mut person = Person::new("BENCH1", "BENCH OPERATOR", ori.clone(), [Role::Operator]);
    person.background = Some(Background {
        state_clear: true,
        fbi_clear: true,
        completed_on: date("20250101")?,
        reference: "BENCH".into(),
    });
    person.certification = Some(Certification {
        level: CertificationLevel::Full,
        certified_on: date("20250101")?,
        expires_on: date("20991231")?,
    });
    let mut terminal = Terminal::register("TB1", ori, "BENCH", None);
    terminal.approved_on = Some(date("20250101")?);
    terminal.active = true;
    Ok(leads_policy::Principal {
        person,
        agency,
        terminal,
    })
}

/// The added time per transaction of the Cedar decision.
fn bench_policy(principal: &leads_policy::Principal, repetitions: usize) {
    use leads_policy::{Act, Authorizer, AuthzRequest, CedarAuthorizer, Target};
    let Ok(authorizer) = CedarAuthorizer::new() else {
        crate::say!("policy decision: policies failed to load");
        return;
    };
    let repetitions = (repetitions / 10).max(1);
    let owner = principal.agency.ori.clone();
    let today = time_today();
    let started = Instant::now();
    let mut allowed = 0usize;
    for i in 0..repetitions {
        let target = if i % 2 == 0 {
            Target::File(FileKind::Wanted)
        } else {
            Target::Record {
                file: FileKind::Wanted,
                owner: &owner,
            }
        };
        let action = if i % 2 == 0 {
            leads_domain::files::Action::Query
        } else {
            leads_domain::files::Action::Modify
        };
        let decision = authorizer.authorize(
            &AuthzRequest::new(principal, Act::Transaction(action), target, today)
                .in_name_of(&owner)
                .for_case("C", "BENCH-1"),
        );
        allowed += usize::from(decision.allowed);
    }
    let elapsed = started.elapsed();
    crate::say!(
        "policy decision (Cedar, {} policies, entities built per request): {:.1} us each ({allowed} of {repetitions} allowed)",
        authorizer.policy_ids().len(),
        micros(elapsed) / repetitions as f64
    );
}

fn store_backend(url: &str) -> &'static str {
    if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    }
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("leads-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

fn bench_parse(repetitions: usize) {
    let text = examples::entry(FileKind::Wanted);
    let ctx = ParseContext::new(time_today());
    let started = Instant::now();
    let mut ok = 0usize;
    for _ in 0..repetitions {
        ok += usize::from(parse_message(std::hint::black_box(&text), &ctx).is_ok());
    }
    let elapsed = started.elapsed();
    crate::say!(
        "parse+validate of a wanted-person entry ({} bytes): {:.2} us each, {:.0}/s ({ok} ok)",
        text.len(),
        micros(elapsed) / repetitions as f64,
        repetitions as f64 / elapsed.as_secs_f64()
    );
}

async fn bench_http(
    args: &BenchArgs,
    service: leads_app::Service,
    token: &str,
) -> anyhow::Result<()> {
    let app = server::Application::build(service, "127.0.0.1:0").await?;
    let base = format!("http://{}", app.local_addr()?);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stop_rx.await;
    }));
    let done = Arc::new(AtomicBool::new(false));
    let count = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for worker in 0..args.http_clients {
        let client = leads_client::Client::new(&base).with_token(token);
        let (done, count) = (done.clone(), count.clone());
        tasks.push(tokio::spawn(async move {
            let mut generator = Generator::new(1000 + worker as u64, time_today());
            let mut latencies = Vec::new();
            while !done.load(Ordering::Relaxed) {
                let text = generator.person_inquiry("IL0160000");
                let t = Instant::now();
                if client.send_text(&text).await.is_ok_and(|r| r.status == 200) {
                    latencies.push(t.elapsed());
                    count.fetch_add(1, Ordering::Relaxed);
                }
            }
            latencies
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(args.http_seconds)).await;
    done.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap_or_default());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    crate::say!(
        "HTTP inquiries with durable audit, {} clients: {:.0} inquiries/s, p50 {:.0} us, p99 {:.0} us",
        args.http_clients,
        count.load(Ordering::Relaxed) as f64 / elapsed.as_secs_f64(),
        micros(percentile(&latencies, 0.50)),
        micros(percentile(&latencies, 0.99)),
    );
    let _ = stop_tx.send(());
    server.await??;
    Ok(())
}

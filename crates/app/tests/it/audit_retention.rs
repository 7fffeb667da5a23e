//! Retention on every backend, driven by the injected clock: entries older than the retention
//! period that a signed checkpoint covers are pruned, the rest still verifies, and the pruning
//! is itself audited (AU-11).

use std::sync::Arc;

use ed25519_dalek::SigningKey;
use leads_app::{MIN_AUDIT_RETENTION_DAYS, Service, ServiceConfig};
use leads_audit::verify::ExportLine;
use leads_domain::clock::Clock;
use leads_domain::files::{Action, FileKind};
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_policy::CedarAuthorizer;
use leads_store::Store;
use leads_testkit::{TestApp, backends};

const DAY: i64 = 86_400;

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

async fn busy_app(db: leads_testkit::TestDb) -> TestApp {
    let app = TestApp::start(db).await;
    let token = app.token("OP16A", "T16A").await;
    for file in [FileKind::Wanted, FileKind::Gun] {
        app.send(&token, &examples::entry(file)).await;
        app.send(&token, &examples::message(file, Action::Query, EXAMPLE_ORI))
            .await;
    }
    app
}

async fn verifies(app: &TestApp) -> (u64, u64, u64) {
    let report = app
        .service
        .verify_audit("AUDITOR", &key().verifying_key())
        .await
        .unwrap();
    assert!(report.ok(), "{report:?}");
    (report.entries, report.checkpoints, report.unsigned_tail)
}

#[tokio::test]
async fn entries_past_retention_are_pruned_and_the_rest_still_verifies() {
    for db in backends().await {
        let app = busy_app(db).await;
        let old = app.audit().await.len() as u64;
        assert_eq!(
            app.service.checkpoint(&key()).await.unwrap().unwrap().size,
            old
        );
        app.clock.advance_seconds(200 * DAY);
        verifies(&app).await; // a younger entry: the reading
        app.service.checkpoint(&key()).await.unwrap().unwrap();
        app.clock.advance_seconds(200 * DAY);

        let report = app.service.prune_audit().await.unwrap();
        assert_eq!(
            (report.pruned, report.base_size, report.awaiting_checkpoint),
            (old, old, 0)
        );
        assert_eq!(
            report.cutoff,
            app.clock
                .now()
                .plus_seconds(-MIN_AUDIT_RETENTION_DAYS * DAY)
        );
        assert_eq!(app.store.audit_base().await.unwrap().0, old);
        let log = app.audit().await;
        assert_eq!(log[0].seq, old + 1, "the younger entry is kept");
        let pruning = &log.last().unwrap().entry;
        assert_eq!(pruning.event, "audit_prune");
        assert!(
            pruning
                .detail
                .starts_with(&format!("PRUNED {old} ENTRIES 1-{old} OLDER THAN ")),
            "{}",
            pruning.detail
        );

        // The reading and the pruning remain; the later checkpoint still covers the reading.
        assert_eq!(verifies(&app).await, (2, 1, 1));
        let mut lines = Vec::new();
        let mut sink = |line: &ExportLine| {
            lines.push(serde_json::to_string(line).unwrap());
            Ok(())
        };
        app.service
            .export_audit("AUDITOR", &mut sink)
            .await
            .unwrap();
        assert!(
            lines[0].contains(&format!(r#""base_size":{old}"#)),
            "{}",
            lines[0]
        );
        let report = leads_audit::verify::verify_lines(lines, &key().verifying_key());
        assert!(report.ok(), "{report:?}");

        let again = app.service.prune_audit().await.unwrap();
        assert_eq!(again.pruned, 0, "nothing more is due");
    }
}

#[tokio::test]
async fn due_entries_wait_for_a_signed_checkpoint() {
    for db in backends().await {
        let app = busy_app(db).await;
        let entries = app.audit().await.len() as u64;
        app.clock.advance_seconds(400 * DAY);
        let report = app.service.prune_audit().await.unwrap();
        assert_eq!((report.pruned, report.awaiting_checkpoint), (0, entries));
        assert_eq!(
            app.audit().await.len() as u64,
            entries,
            "nothing removed, nothing audited"
        );

        app.service.checkpoint(&key()).await.unwrap().unwrap();
        let report = app.service.prune_audit().await.unwrap();
        assert_eq!((report.pruned, report.awaiting_checkpoint), (entries, 0));
        assert_eq!(
            verifies(&app).await,
            (1, 0, 1),
            "only the pruning entry remains"
        );
    }
}

#[tokio::test]
async fn retention_is_never_shorter_than_a_year() {
    for db in backends().await {
        let app = busy_app(db).await;
        let entries = app.audit().await.len() as u64;
        app.service.checkpoint(&key()).await.unwrap().unwrap();
        let short = Service::new(
            app.store.clone(),
            Arc::new(app.clock.clone()) as Arc<dyn Clock>,
            Arc::new(CedarAuthorizer::new().unwrap()),
            ServiceConfig {
                audit_retention_days: 30,
                ..ServiceConfig::default()
            },
            app.service.vault().clone(),
        );
        app.clock.advance_seconds(40 * DAY);
        assert_eq!(short.prune_audit().await.unwrap().pruned, 0);
        app.clock
            .set(leads_testkit::START.plus_seconds(MIN_AUDIT_RETENTION_DAYS * DAY + DAY));
        assert_eq!(short.prune_audit().await.unwrap().pruned, entries);
    }
}

//! The tamper-evident audit log on every backend: checkpoints, verification of the live
//! database, tampering found where it happened, and fail-closed writes.

use ed25519_dalek::SigningKey;
use leads_app::{ADMINISTRATOR_QUEUE, Input, ServiceError, audit_write_failures};
use leads_audit::verify::ExportLine;
use leads_domain::files::{Action, FileKind};
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_store::{Backend, Store};
use leads_testkit::{TestApp, backends};

fn key() -> SigningKey {
    SigningKey::from_bytes(&[42; 32])
}

async fn busy_app(db: leads_testkit::TestDb) -> TestApp {
    let app = TestApp::start(db).await;
    let token = app.token("OP16A", "T16A").await;
    for file in [FileKind::Wanted, FileKind::Gun, FileKind::Vehicle] {
        app.send(&token, &examples::entry(file)).await;
        app.send(&token, &examples::message(file, Action::Query, EXAMPLE_ORI))
            .await;
    }
    app
}

#[tokio::test]
async fn checkpoints_cover_the_log_and_the_live_log_verifies() {
    for db in backends().await {
        let app = busy_app(db).await;
        let size = app.audit().await.len() as u64;
        let first = app.service.checkpoint(&key()).await.unwrap().unwrap();
        assert_eq!(first.size, size);
        assert!(first.verify(&key().verifying_key()).is_ok());
        assert_eq!(
            app.service.checkpoint(&key()).await.unwrap(),
            None,
            "nothing new, no checkpoint"
        );
        let token = app.token("OP84A", "T84A").await;
        app.send(
            &token,
            &examples::message(FileKind::Gun, Action::Query, "IL0840000"),
        )
        .await;
        let second = app.service.checkpoint(&key()).await.unwrap().unwrap();
        assert_eq!(second.size, size + 3, "sign-in, banner, inquiry");
        let report = app
            .service
            .verify_audit("AUDITOR TEST", &key().verifying_key())
            .await
            .unwrap();
        assert!(report.ok(), "{report:?}");
        assert_eq!(
            (report.entries, report.checkpoints, report.unsigned_tail),
            (size + 3, 2, 0)
        );
        let read = app.audit().await.pop().unwrap().entry;
        assert_eq!(
            (read.event.as_str(), read.operator.as_deref()),
            ("audit_verify", Some("AUDITOR TEST"))
        );
    }
}

#[tokio::test]
async fn the_export_carries_every_entry_and_checkpoint_in_order() {
    for db in backends().await {
        let app = busy_app(db).await;
        app.service.checkpoint(&key()).await.unwrap();
        let mut lines = Vec::new();
        let mut sink = |line: &ExportLine| {
            lines.push(serde_json::to_string(line).unwrap());
            Ok(())
        };
        let written = app
            .service
            .export_audit("EXPORTER", &mut sink)
            .await
            .unwrap();
        assert!(lines[0].contains(r#""type":"header""#));
        assert!(lines.last().unwrap().contains(r#""type":"checkpoint""#));
        assert_eq!(lines.len() as u64, 1 + written + 1);
        let report = leads_audit::verify::verify_lines(lines, &key().verifying_key());
        assert!(report.ok(), "{report:?}");
        assert_eq!(app.audit().await.pop().unwrap().entry.event, "audit_export");
    }
}

#[tokio::test]
async fn an_entry_altered_in_the_database_is_found() {
    for db in backends().await {
        let app = busy_app(db).await;
        app.service.checkpoint(&key()).await.unwrap();
        let victim = app
            .audit()
            .await
            .iter()
            .find(|e| e.entry.key.as_deref() == Some("QW"))
            .unwrap()
            .seq;
        app.execute_sql(&format!(
            "UPDATE audit_log SET entry = REPLACE(entry, 'OP16A', 'OP16B') WHERE seq = {victim}"
        ))
        .await;
        let report = app
            .service
            .verify_audit("AUDITOR", &key().verifying_key())
            .await
            .unwrap();
        let problem = report.problem.unwrap();
        assert_eq!(problem.first_seq, victim);
        assert!(problem.what.contains("changed"), "{problem:?}");
    }
}

#[tokio::test]
async fn an_entry_deleted_from_the_database_is_found() {
    for db in backends().await {
        let app = busy_app(db).await;
        app.service.checkpoint(&key()).await.unwrap();
        app.execute_sql("DELETE FROM audit_log WHERE seq = 20")
            .await;
        let problem = app
            .service
            .verify_audit("AUDITOR", &key().verifying_key())
            .await
            .unwrap()
            .problem
            .unwrap();
        assert_eq!(problem.first_seq, 20);
        assert!(problem.what.contains("missing"), "{problem:?}");
    }
}

#[tokio::test]
async fn if_the_audit_entry_cannot_be_written_nothing_is_committed_and_the_administrator_is_alerted()
 {
    for db in backends().await {
        let app = TestApp::start(db).await;
        let token = app.token("OP16B", "T16A").await;
        let refuse = match app.store.backend() {
            Backend::Sqlite => "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.operator = 'OP16B' \
                 BEGIN SELECT RAISE(ABORT, 'audit storage refused'); END;"
                .to_owned(),
            Backend::Postgres => "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN \
                 IF NEW.operator = 'OP16B' THEN RAISE EXCEPTION 'audit storage refused'; END IF; RETURN NEW; END $$ \
                 LANGUAGE plpgsql; CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW \
                 EXECUTE FUNCTION refuse_audit();"
                .to_owned(),
        };
        app.execute_sql(&refuse).await;
        let failures = audit_write_failures();
        let refused = app
            .service
            .submit(&token, Input::Text(examples::entry(FileKind::Gun)), None)
            .await
            .unwrap_err();
        assert!(matches!(refused, ServiceError::Storage(_)), "{refused:?}");
        assert_eq!(
            app.store.record_count().await.unwrap(),
            0,
            "the entry was not committed"
        );
        assert!(audit_write_failures() > failures, "the failure is counted");
        let alerts = app.store.messages(ADMINISTRATOR_QUEUE, 10).await.unwrap();
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].kind, "audit_failure");
        assert!(
            alerts[0]
                .text
                .starts_with("AUDIT ENTRY COULD NOT BE WRITTEN"),
            "{}",
            alerts[0].text
        );
        // Other operators are unaffected.
        let other = app.token("OP16A", "T16A").await;
        assert_eq!(
            app.send(&other, &examples::entry(FileKind::Gun)).await.code,
            "entered"
        );
    }
}

//! Many writers at once must not corrupt anything or lose an audit entry, on either backend.

use std::collections::HashSet;
use std::sync::Arc;

use leads_app::{Input, SignIn};
use leads_domain::clock::Clock;
use leads_store::{AccountStatus, Store};
use leads_testkit::{PASSWORD, TestApp, backends};

const TASKS: usize = 8;
const PER_TASK: usize = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_lose_no_audit_entry() {
    for db in backends().await {
        let app = Arc::new(TestApp::start(db).await);
        let token = Arc::new(app.token("OP16A", "T16A").await);
        let before = app.audit().await.len();
        let mut handles = Vec::new();
        for task in 0..TASKS {
            let (app, token) = (app.clone(), token.clone());
            handles.push(tokio::spawn(async move {
                let mut operation_ids = Vec::new();
                for i in 0..PER_TASK {
                    let text = if i % 2 == 0 {
                        format!(
                            "EG.IL0160000.SER/S{task}X{i}.MAK/COLT.CAL/45.TYP/PA.DOT/20261120.OCA/C-{task}-{i}.SDC/CMP.SDN/R-{task}-{i}.DRI/20261120"
                        )
                    } else {
                        format!("QG.IL0160000.SER/S{task}X{}.PUR/C.CAS/C-{task}", i - 1)
                    };
                    let reply = app.service.submit(&token, Input::Text(text), None).await.unwrap();
                    let expected = if i % 2 == 0 { "entered" } else { "hit" };
                    assert_eq!(reply.code, expected, "{}", reply.message);
                    operation_ids.push(reply.operation_id);
                }
                operation_ids
            }));
        }
        let mut replied = HashSet::new();
        for handle in handles {
            replied.extend(handle.await.unwrap());
        }
        let audit = app.audit().await;
        // One entry per transaction, and the whole log numbered 1..=n without gaps.
        assert_eq!(audit.len() - before, TASKS * PER_TASK);
        for (i, sealed) in audit.iter().enumerate() {
            assert_eq!(sealed.seq, i as u64 + 1);
            assert!(sealed.verify());
        }
        let audited: HashSet<String> = audit.iter().map(|e| e.entry.operation_id.clone()).collect();
        assert!(
            replied.is_subset(&audited),
            "every reply has its audit entry"
        );
        let entries = TASKS * PER_TASK.div_ceil(2);
        assert_eq!(app.store.record_count().await.unwrap(), entries as u64);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_duplicate_entries_leave_exactly_one_record() {
    for db in backends().await {
        let app = Arc::new(TestApp::start(db).await);
        let token = Arc::new(app.token("OP16A", "T16A").await);
        let text = leads_message::examples::entry(leads_domain::files::FileKind::Wanted);
        let before = app.audit().await.len();
        let mut handles = Vec::new();
        for _ in 0..TASKS {
            let (app, token, text) = (app.clone(), token.clone(), text.clone());
            handles.push(tokio::spawn(async move {
                app.service
                    .submit(&token, Input::Text(text), None)
                    .await
                    .unwrap()
            }));
        }
        let mut codes = Vec::new();
        let mut on_file = HashSet::new();
        for handle in handles {
            let reply = handle.await.unwrap();
            if reply.code == "reject_on_file" {
                on_file.insert(reply.records[0].lrn().to_string());
            }
            codes.push(reply.code);
        }
        assert_eq!(
            codes.iter().filter(|c| **c == "entered").count(),
            1,
            "{codes:?}"
        );
        assert_eq!(
            codes.iter().filter(|c| **c == "reject_on_file").count(),
            TASKS - 1,
            "{codes:?}"
        );
        assert_eq!(
            on_file.len(),
            1,
            "every reject returns the one record on file"
        );
        assert_eq!(app.store.record_count().await.unwrap(), 1);
        assert_eq!(app.audit().await.len() - before, TASKS);
    }
}

/// Concurrent inquiries share commits: every answer has its entry, in a log that verifies, and
/// an entry the database refuses fails only its own inquiry (and raises the alert).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn grouped_inquiry_audit_entries_are_all_written_and_fail_alone() {
    use leads_domain::files::{Action, FileKind};
    use leads_message::examples;
    for db in backends().await {
        let app = Arc::new(TestApp::start(db).await);
        let good = Arc::new(app.token("OP16A", "T16A").await);
        let refused = Arc::new(app.token("OP16B", "T16A").await);
        let trigger = match app.store.backend() {
            leads_store::Backend::Sqlite => {
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
                 WHEN NEW.operator = 'OP16B' AND NEW.event = 'transaction' \
                 BEGIN SELECT RAISE(ABORT, 'audit storage refused'); END;"
            }
            leads_store::Backend::Postgres => {
                "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN \
                 IF NEW.operator = 'OP16B' AND NEW.event = 'transaction' THEN \
                 RAISE EXCEPTION 'audit storage refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW \
                 EXECUTE FUNCTION refuse_audit();"
            }
        };
        app.execute_sql(trigger).await;
        let query = examples::message(FileKind::Wanted, Action::Query, "IL0160000");
        let mut handles = Vec::new();
        for task in 0..16 {
            let token = if task % 4 == 3 {
                refused.clone()
            } else {
                good.clone()
            };
            let (app, query) = (app.clone(), query.clone());
            handles.push(tokio::spawn(async move {
                let mut answered = Vec::new();
                let mut failed = 0;
                for _ in 0..10 {
                    match app
                        .service
                        .submit(&token, Input::Text(query.clone()), None)
                        .await
                    {
                        Ok(reply) => answered.push(reply.operation_id),
                        Err(error) => {
                            assert_eq!(error.code(), "storage_unavailable");
                            failed += 1;
                        }
                    }
                }
                (answered, failed)
            }));
        }
        let mut answered = HashSet::new();
        let mut failed = 0;
        for handle in handles {
            let (ids, n) = handle.await.unwrap();
            answered.extend(ids);
            failed += n;
        }
        assert_eq!(answered.len(), 120, "every OP16A inquiry was answered");
        assert_eq!(failed, 40, "every OP16B inquiry failed closed");
        let logged: HashSet<String> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "transaction")
            .map(|e| e.entry.operation_id)
            .collect();
        assert!(
            answered.is_subset(&logged),
            "an answered inquiry without its entry"
        );
        let alerts = app
            .store
            .messages(leads_app::ADMINISTRATOR_QUEUE, 100)
            .await
            .unwrap();
        assert_eq!(alerts.len(), 40);
        let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        app.service.checkpoint(&key).await.unwrap();
        let report = app
            .service
            .verify_audit("TEST", &key.verifying_key())
            .await
            .unwrap();
        assert!(report.ok(), "{report:?}");
    }
}

/// `n` sign-ins of `operator` at T16A at once; how many succeeded.
async fn parallel_sign_ins(app: &Arc<TestApp>, operator: &str, password: &str, n: usize) -> usize {
    let code = app.code();
    let mut handles = Vec::new();
    for _ in 0..n {
        let (app, code) = (app.clone(), code.clone());
        let (operator, password) = (operator.to_owned(), password.to_owned());
        handles.push(tokio::spawn(async move {
            let attempt = SignIn {
                operator: &operator,
                password: &password,
                code: &code,
                terminal: "T16A",
                accept_banner: true,
            };
            app.service.sign_in(attempt).await.is_ok()
        }));
    }
    let mut succeeded = 0;
    for handle in handles {
        if handle.await.unwrap() {
            succeeded += 1;
        }
    }
    succeeded
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_sign_ins_use_a_code_once_and_evaluate_exactly_five_wrong_guesses() {
    for db in backends().await {
        let app = Arc::new(TestApp::start(db).await);
        app.clock.advance_seconds(30);
        // IA-2(8): one second-factor code signs in once, however many try it at once.
        assert_eq!(parallel_sign_ins(&app, "OP16A", PASSWORD, 12).await, 1);

        // AC-7: thirty wrong passwords at once; five are evaluated, the fifth locks, the
        // rest meet the lock.
        let since = app.clock.now();
        assert_eq!(
            parallel_sign_ins(&app, "OP16B", "not the password", 30).await,
            0
        );
        let mut tx = app.service.store().begin_read().await.unwrap();
        let counted = tx.sign_in_failures_since("OP16B", since).await.unwrap();
        let account = tx.account("OP16B").await.unwrap().unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(counted, 5);
        assert_eq!(account.status, AccountStatus::Locked);
        let locks = app
            .audit()
            .await
            .into_iter()
            .filter(|e| {
                e.entry.event == "account_locked" && e.entry.operator.as_deref() == Some("OP16B")
            })
            .count();
        assert_eq!(locks, 1);
    }
}

//! The one operation runner, tested over every kind of operation it runs (the list the
//! compiler keeps complete: `OperationKind::ALL`, and the exhaustive `match` below). For each
//! kind, on every backend: if its audit entry cannot be written, nothing commits, the failure
//! is counted, the Administrator's queue has the alert, the answer is the fail-closed error
//! and readiness reports it; and if the policy cannot be evaluated, every kind that asks the
//! policy is denied, and the error is counted and logged.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use ed25519_dalek::SigningKey;
use leads_app::{
    ADMINISTRATOR_QUEUE, AuditQuery, DisseminationFields, FlagQuery, Input, OperationKind,
    ServiceError, SignIn, audit_write_failures, policy_evaluation_errors,
};
use leads_domain::access::AdminCommand;
use leads_domain::files::FileKind;
use leads_domain::reply::Outcome;
use leads_domain::sos::{ImageRequestForm, LookupForm};
use leads_message::{encode_attachment, examples};
use leads_policy::CedarAuthorizer;
use leads_store::Store;
use leads_testkit::{PASSWORD, SOS_HOLDERS, TestApp, active_agency, backends, ori};

/// What one act of a kind answered: done or refused (`Ok`, with outcome and code), or the
/// service's error.
type Answered = Result<(Outcome, String), ServiceError>;

/// What an act of a kind needs, made before the fault is injected.
struct Fixture {
    operator: String,
    coordinator: String,
    admin: String,
    auditor: String,
    lrn: String,
}

async fn fixture(app: &TestApp) -> Fixture {
    let operator = app.token("OP16A", "T16A").await;
    let entered = app
        .send(&operator, &examples::entry(FileKind::Wanted))
        .await;
    assert_eq!(entered.code, "entered", "{}", entered.message);
    Fixture {
        coordinator: app.token("CO16", "T16A").await,
        admin: app.token("ADMIN1", "T10A").await,
        auditor: app.token("AUD1", "T10A").await,
        lrn: entered.records[0].lrn().to_string(),
        operator,
    }
}

fn outcome<T>(answer: leads_app::Answer<T>) -> (Outcome, String) {
    (answer.outcome, answer.code.name().to_owned())
}

/// Readies what an act of `kind` needs that only time or earlier acts give (a deadline due, an
/// image to dispose of, entries past retention under a checkpoint, a session to end); returns
/// the session made for it.
///
/// Under a failing policy (`policy_works` false) the SOS image to dispose of cannot be fetched;
/// the disposal then finds nothing, which is all that test needs of it.
async fn ready_for(app: &TestApp, kind: OperationKind, f: &Fixture, policy_works: bool) -> String {
    match kind {
        OperationKind::SessionEvent => return app.token("OP84A", "T84A").await,
        OperationKind::Sweep => app.clock.advance_seconds(25 * 3_600),
        OperationKind::SosDisposal if policy_works => {
            let form = ImageRequestForm {
                holder: LookupForm {
                    dln: Some(SOS_HOLDERS[0].0.into()),
                    ..LookupForm::default()
                },
                investigation: Some("criminal".into()),
                case_number: Some("2026-DISPOSE".into()),
                subject_role: "suspect".into(),
                transmit_to: Some("IL0840000".into()),
                ..ImageRequestForm::default()
            };
            let token = app.token("OP16A", "T16A").await;
            let reply = app
                .service
                .request_sos_image(&token, form, None)
                .await
                .unwrap();
            assert_eq!(reply.outcome, Outcome::Accepted, "{}", reply.message);
            app.clock.advance_seconds(25 * 3_600);
        }
        OperationKind::AuditPrune => {
            let key = SigningKey::from_bytes(&[9; 32]);
            app.service.checkpoint(&key).await.unwrap();
            app.clock.advance_seconds(400 * 86_400);
        }
        OperationKind::RecordCheck => return app.token("OP16B", "T16A").await,
        _ => {}
    }
    f.operator.clone()
}

/// One act of `kind`, by the person the kind calls for (`session`: the one readied for it).
async fn act(app: &TestApp, kind: OperationKind, f: &Fixture, session: &str) -> Answered {
    let s = &app.service;
    match kind {
        OperationKind::Transaction => s
            .submit(
                &f.operator,
                Input::Text(examples::entry(FileKind::Gun)),
                None,
            )
            .await
            .map(outcome),
        OperationKind::Inquiry => s
            .submit(
                &f.operator,
                Input::Text(
                    "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-1".into(),
                ),
                None,
            )
            .await
            .map(outcome),
        OperationKind::Image => {
            let picture = leads_imaging::synthetic_portrait(7).unwrap();
            let text = format!(
                "EIM.IL0160000.LRN/{}.IMT/M.DOI/20261101.IMG/{}",
                f.lrn,
                encode_attachment(&picture)
            );
            s.submit(&f.operator, Input::Text(text), None)
                .await
                .map(outcome)
        }
        OperationKind::Confirmation => s
            .submit(
                &f.operator,
                Input::Text(format!("YQ.IL0160000.LRN/{}.PRI/R", f.lrn)),
                None,
            )
            .await
            .map(outcome),
        OperationKind::AdministrativeMessage => s
            .submit(
                &f.operator,
                Input::Text("AM.IL0160000.AMC/INF.DST/IL0840000.MSG/RUNNER TEST".into()),
                None,
            )
            .await
            .map(outcome),
        OperationKind::Malformed => s
            .submit(&f.operator, Input::Text("ZZ.IL0160000.NAM/X".into()), None)
            .await
            .map(outcome),
        OperationKind::Dissemination => s
            .disseminate(
                &f.operator,
                DisseminationFields {
                    record: format!("LRN/{}", f.lrn),
                    recipient_ori: Some("IL0840000".into()),
                    recipient_agency: None,
                    recipient_person: "SGT R MILLER".into(),
                    purpose: "C".into(),
                    case_number: "2026-555".into(),
                    verification: None,
                },
                None,
            )
            .await
            .map(outcome),
        OperationKind::Sos => {
            let form = ImageRequestForm {
                holder: LookupForm {
                    dln: Some(SOS_HOLDERS[1].0.into()),
                    ..LookupForm::default()
                },
                investigation: Some("criminal".into()),
                case_number: Some("2026-SOS".into()),
                subject_role: "suspect".into(),
                ..ImageRequestForm::default()
            };
            s.request_sos_image(&f.operator, form, None)
                .await
                .map(outcome)
        }
        OperationKind::Admin => s
            .administer(&f.admin, AdminCommand::ListAgencies, None)
            .await
            .map(outcome),
        OperationKind::Oversight => s
            .oversee(&f.admin, leads_app::OversightCommand::AuditSchedule, None)
            .await
            .map(outcome),
        OperationKind::RecordCheck => s
            .verify_record(session, &f.lrn, "COMPARED WITH THE WARRANT", None)
            .await
            .map(outcome),
        OperationKind::DepartmentAct => s
            .report_serious_error(&f.admin, &f.lrn, "DATE OF BIRTH DOES NOT MATCH", None)
            .await
            .map(outcome),
        OperationKind::ComplianceReading => {
            s.compliance(&f.coordinator, None, None).await.map(outcome)
        }
        OperationKind::Mailbox => s
            .mailbox(&f.coordinator, None, false, None)
            .await
            .map(outcome),
        OperationKind::AuditReport => s
            .audit_report(&f.auditor, AuditQuery::default(), 10, None)
            .await
            .map(outcome),
        OperationKind::AuditExport => s
            .export_audit("AUDITOR", &mut |_| Ok(()))
            .await
            .map(|_| (Outcome::Accepted, "audit_export".into())),
        OperationKind::ReviewQueue => s
            .misuse_flags(&f.admin, FlagQuery::default(), 10, None)
            .await
            .map(outcome),
        OperationKind::ReviewRun => s
            .run_misuse_review()
            .await
            .map(|_| (Outcome::Accepted, "misuse_review".into())),
        OperationKind::SignIn => {
            app.clock.advance_seconds(30);
            let code = app.code();
            s.sign_in(SignIn {
                operator: "OP84A",
                password: PASSWORD,
                code: &code,
                terminal: "T84A",
                accept_banner: true,
            })
            .await
            .map(|_| (Outcome::Accepted, "signed_in".into()))
        }
        OperationKind::SessionEvent => s
            .sign_out(session)
            .await
            .map(|()| (Outcome::Accepted, "sign_out".into())),
        OperationKind::Sweep => s
            .sweep_deadlines()
            .await
            .map(|_| (Outcome::Accepted, "deadline_sweep".into())),
        OperationKind::SosDisposal => s
            .dispose_sos_images()
            .await
            .map(|_| (Outcome::Accepted, "sos_disposal".into())),
        OperationKind::AuditPrune => s
            .prune_audit()
            .await
            .map(|_| (Outcome::Accepted, "audit_prune".into())),
        OperationKind::KeyRotation => s
            .rotate_image_keys()
            .await
            .map(|_| (Outcome::Accepted, "image_key_rotation".into())),
        OperationKind::Provisioning => s
            .provisioning()
            .agency(&active_agency("IL0550000", "PROVISIONED AGENCY"))
            .await
            .map(|()| (Outcome::Accepted, "provisioned".into())),
        OperationKind::BulkLoad => s
            .bulk_load(
                "RUNNER TEST",
                &ori("IL0160000"),
                [examples::entry(FileKind::Article)],
                10,
            )
            .await
            .map(|_| (Outcome::Accepted, "entered".into())),
    }
}

#[tokio::test]
async fn every_kind_fails_closed_when_its_audit_entry_cannot_be_written() {
    for db in backends().await {
        let app = TestApp::start(db).await;
        app.seed_sos().await;
        let f = fixture(&app).await;
        for &kind in OperationKind::ALL {
            let session = ready_for(&app, kind, &f, true).await;
            app.refuse_audit_writes().await;
            let before = app.fingerprint().await;
            let failures = audit_write_failures();
            let alerts = app
                .store
                .messages(ADMINISTRATOR_QUEUE, 1_000)
                .await
                .unwrap();
            let answered = act(&app, kind, &f, &session).await;
            let after = app.fingerprint().await;
            let failing = app.service.audit_failing_since();
            app.allow_audit_writes().await;
            assert!(
                matches!(answered, Err(ServiceError::Storage(_))),
                "{kind:?}: the answer is the fail-closed error, not {answered:?}"
            );
            assert_eq!(after, before, "{kind:?}: nothing committed");
            assert!(audit_write_failures() > failures, "{kind:?}: counted");
            let now = app
                .store
                .messages(ADMINISTRATOR_QUEUE, 1_000)
                .await
                .unwrap();
            let alert = now
                .iter()
                .find(|m| !alerts.iter().any(|a| a.id == m.id))
                .unwrap_or_else(|| panic!("{kind:?}: no alert in the Administrator's queue"));
            assert_eq!(alert.kind, "audit_failure", "{kind:?}");
            assert!(failing.is_some(), "{kind:?}: readiness reports the failure");
            // A successful act clears readiness again.
            app.service.rotate_image_keys().await.unwrap();
            assert!(app.service.audit_failing_since().is_none(), "{kind:?}");
        }
    }
}

/// The real policies and one more that cannot be evaluated for any request (a Long overflow):
/// Cedar reports an evaluation error on every decision.
fn failing_policy() -> Arc<CedarAuthorizer> {
    let policies = format!(
        "{}\n@id(\"test-evaluation-error\")\nforbid(principal, action, resource) when {{ 9223372036854775807 + 1 > 0 }};\n",
        leads_policy::POLICIES
    );
    Arc::new(CedarAuthorizer::from_sources(&policies, leads_policy::SCHEMA).unwrap())
}

/// The log lines of this test binary.
fn log() -> &'static Mutex<Vec<u8>> {
    static LOG: OnceLock<&'static Mutex<Vec<u8>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log: &'static Mutex<Vec<u8>> = Box::leak(Box::new(Mutex::new(Vec::new())));
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::ERROR)
            .with_writer(move || LogWriter(log))
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
        log
    })
}

struct LogWriter(&'static Mutex<Vec<u8>>);

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn every_kind_that_asks_the_policy_is_denied_and_logged_when_evaluation_fails() {
    let log = log();
    for db in backends().await {
        let config = leads_app::ServiceConfig::default();
        let app = TestApp::start_deciding_with(db, config, failing_policy()).await;
        app.seed_sos().await;
        let f = Fixture {
            operator: app.token("OP16A", "T16A").await,
            coordinator: app.token("CO16", "T16A").await,
            admin: app.token("ADMIN1", "T10A").await,
            auditor: app.token("AUD1", "T10A").await,
            // The entry is refused too; a record is bulk-loaded for the acts on one.
            lrn: {
                let ori = ori("IL0160000");
                app.service
                    .bulk_load("FIXTURE", &ori, [examples::entry(FileKind::Wanted)], 1)
                    .await
                    .unwrap();
                first_lrn(&app).await
            },
        };
        for &kind in OperationKind::ALL {
            let session = ready_for(&app, kind, &f, false).await;
            let errors = policy_evaluation_errors();
            let logged = log.lock().unwrap().len();
            let answered = act(&app, kind, &f, &session).await;
            if !kind.asks_policy() {
                assert_eq!(
                    policy_evaluation_errors(),
                    errors,
                    "{kind:?} does not ask the policy"
                );
                continue;
            }
            let (outcome, code) =
                answered.unwrap_or_else(|e| panic!("{kind:?}: answered with an error: {e}"));
            assert_eq!(
                (outcome, code.as_str()),
                (Outcome::Refused, "not_authorized"),
                "{kind:?}: denied"
            );
            assert!(policy_evaluation_errors() > errors, "{kind:?}: counted");
            let text = String::from_utf8_lossy(&log.lock().unwrap()[logged..]).into_owned();
            assert!(
                text.contains("policy evaluation errors: the request is denied"),
                "{kind:?}: logged, but the log has: {text}"
            );
        }
    }
}

/// The LEADS number of the example wanted-person record, looked up by its duplicate keys.
async fn first_lrn(app: &TestApp) -> String {
    let ctx = leads_domain::fields::ParseContext::stored();
    let message = leads_message::parse_message(&examples::entry(FileKind::Wanted), &ctx).unwrap();
    let leads_domain::Transaction::Enter(entry) = message.transaction else {
        panic!("the example is an entry")
    };
    let keys = leads_domain::search::duplicate_keys(FileKind::Wanted, "IL0160000", entry.fields());
    let mut tx = app.store.begin_read().await.unwrap();
    let record = tx.record_by_duplicate_key(&keys).await.unwrap().unwrap();
    tx.rollback().await.unwrap();
    record.lrn().to_string()
}

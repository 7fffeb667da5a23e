//! Sign-in as the CJIS Security Policy requires, driven by the injected clock, on every backend.
//! Every refusal is checked in the audit log too.

use leads_app::{Input, ServiceError, SignIn};
use leads_domain::access::AdminCommand;
use leads_domain::files::{Action, FileKind};
use leads_message::examples::{self, EXAMPLE_ORI};
use leads_testkit::{PASSWORD, TestApp, backends};

async fn apps() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for db in backends().await {
        apps.push(TestApp::start(db).await);
    }
    apps
}

fn attempt<'a>(operator: &'a str, password: &'a str, code: &'a str) -> SignIn<'a> {
    SignIn {
        operator,
        password,
        code,
        terminal: "T16A",
        accept_banner: true,
    }
}

async fn last_event(app: &TestApp, event: &str) -> leads_audit::AuditEntry {
    app.audit()
        .await
        .into_iter()
        .rev()
        .find(|e| e.entry.event == event)
        .unwrap()
        .entry
}

fn query() -> Input {
    Input::Text(examples::message(
        FileKind::Wanted,
        Action::Query,
        EXAMPLE_ORI,
    ))
}

#[tokio::test]
async fn a_second_factor_code_is_never_accepted_twice() {
    for app in apps().await {
        let code = app.code();
        app.service
            .sign_in(attempt("OP16A", PASSWORD, &code))
            .await
            .unwrap();
        let replay = app
            .service
            .sign_in(attempt("OP16A", PASSWORD, &code))
            .await
            .unwrap_err();
        assert_eq!(replay, ServiceError::BadCredentials);
        let entry = last_event(&app, "sign_in").await;
        assert_eq!(
            (entry.outcome.as_str(), entry.detail.as_str()),
            ("refused", "wrong, expired or reused second-factor code")
        );
        // The next step's code works.
        app.clock.advance_seconds(30);
        assert!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, &app.code()))
                .await
                .is_ok()
        );
        // A wrong code never works.
        app.clock.advance_seconds(30);
        assert_eq!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, "000000"))
                .await
                .unwrap_err(),
            ServiceError::BadCredentials
        );
    }
}

#[tokio::test]
async fn five_failures_within_fifteen_minutes_lock_until_an_administrator_releases() {
    for app in apps().await {
        for _ in 0..4 {
            app.clock.advance_seconds(60);
            assert_eq!(
                app.service
                    .sign_in(attempt("OP16A", "wrong password", &app.code()))
                    .await
                    .unwrap_err(),
                ServiceError::BadCredentials
            );
        }
        // Outside the window the old failures no longer count.
        app.clock.advance_seconds(16 * 60);
        assert_eq!(
            app.service
                .sign_in(attempt("OP16A", "wrong password", &app.code()))
                .await
                .unwrap_err(),
            ServiceError::BadCredentials
        );
        assert!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, &app.code()))
                .await
                .is_ok(),
            "not locked yet"
        );
        // Five within fifteen minutes lock.
        for _ in 0..5 {
            app.clock.advance_seconds(60);
            let _ = app
                .service
                .sign_in(attempt("OP16A", "wrong password", &app.code()))
                .await;
        }
        let locked = last_event(&app, "account_locked").await;
        assert_eq!(locked.operator.as_deref(), Some("OP16A"));
        app.clock.advance_seconds(24 * 3600);
        let refused = app
            .service
            .sign_in(attempt("OP16A", PASSWORD, &app.code()))
            .await
            .unwrap_err();
        // The guesser learns nothing: a locked account answers as bad credentials do, with
        // the same work; the person and the coordinator learn of the lock from the queue.
        assert_eq!(refused, ServiceError::BadCredentials);
        assert_eq!(
            last_event(&app, "sign_in").await.detail,
            "account locked after repeated failed sign-ins (AC-7)"
        );
        let coordinator = app.token("CO16", "T16A").await;
        let queue = crate::lifecycle::mailbox(&app, &coordinator, None).await;
        assert!(
            queue.iter().any(|(kind, text)| kind == "account_locked"
                && text.contains("ACCOUNT OP16A")
                && text.contains("AN ADMINISTRATOR MUST RELEASE IT")),
            "{queue:?}"
        );
        // The administrator releases it; the release is audited.
        let admin = app.token("ADMIN1", "T10A").await;
        let reply = app
            .admin(&admin, AdminCommand::UnlockAccount { id: "OP16A".into() })
            .await;
        assert_eq!(reply.code, "admin_done", "{}", reply.message);
        assert_eq!(
            last_event(&app, "admin").await.key.as_deref(),
            Some("unlock_account")
        );
        app.clock.advance_seconds(30);
        assert!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, &app.code()))
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn the_banner_must_be_accepted_before_any_transaction() {
    for app in apps().await {
        let code = app.code();
        let mut first = attempt("OP16A", PASSWORD, &code);
        first.accept_banner = false;
        let session = app.service.sign_in(first).await.unwrap();
        assert!(session.banner.contains("MONITORED, RECORDED AND AUDITED"));
        assert!(!session.banner_accepted);
        let refused = app
            .service
            .submit(&session.token, query(), None)
            .await
            .unwrap_err();
        assert_eq!(refused, ServiceError::BannerRequired);
        app.service.accept_banner(&session.token).await.unwrap();
        assert!(
            app.service
                .submit(&session.token, query(), None)
                .await
                .is_ok()
        );
        assert_eq!(
            last_event(&app, "banner_accepted")
                .await
                .operator
                .as_deref(),
            Some("OP16A")
        );
    }
}

#[tokio::test]
async fn an_idle_session_ends_after_thirty_minutes() {
    for app in apps().await {
        let token = app.token("OP16A", "T16A").await;
        app.clock.advance_seconds(29 * 60);
        assert!(
            app.service.submit(&token, query(), None).await.is_ok(),
            "activity within 30 minutes"
        );
        app.clock.advance_seconds(29 * 60);
        assert!(
            app.service.submit(&token, query(), None).await.is_ok(),
            "the last activity counts"
        );
        app.clock.advance_seconds(30 * 60 + 1);
        assert_eq!(
            app.service.submit(&token, query(), None).await.unwrap_err(),
            ServiceError::IdleTimeout
        );
        assert_eq!(
            last_event(&app, "session_timeout")
                .await
                .operator
                .as_deref(),
            Some("OP16A")
        );
        assert_eq!(
            app.service.submit(&token, query(), None).await.unwrap_err(),
            ServiceError::Unauthenticated
        );
    }
}

#[tokio::test]
async fn a_session_needs_a_new_sign_in_after_twelve_hours() {
    for app in apps().await {
        let token = app.token("OP16A", "T16A").await;
        for _ in 0..28 {
            app.clock.advance_seconds(25 * 60);
            assert!(app.service.submit(&token, query(), None).await.is_ok());
        }
        app.clock.advance_seconds(25 * 60);
        assert_eq!(
            app.service.submit(&token, query(), None).await.unwrap_err(),
            ServiceError::SessionExpired
        );
    }
}

#[tokio::test]
async fn an_account_unused_for_ninety_days_is_disabled() {
    for app in apps().await {
        app.token("OP16A", "T16A").await;
        app.clock.advance_seconds(89 * 86_400);
        app.token("ADMIN1", "T10A").await;
        app.clock.advance_seconds(2 * 86_400);
        let refused = app
            .service
            .sign_in(attempt("OP16A", PASSWORD, &app.code()))
            .await
            .unwrap_err();
        assert!(
            matches!(refused, ServiceError::SignInRefused(ref why) if why.contains("90 DAYS")),
            "{refused:?}"
        );
        assert_eq!(
            last_event(&app, "account_disabled").await.detail,
            "NOT USED FOR 90 DAYS"
        );
        // Disabled stays disabled, even with the right credentials.
        app.clock.advance_seconds(30);
        assert!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, &app.code()))
                .await
                .is_err()
        );
        let admin = app.token("ADMIN1", "T10A").await;
        assert_eq!(
            app.admin(&admin, AdminCommand::EnableAccount { id: "OP16A".into() })
                .await
                .code,
            "admin_done"
        );
        app.clock.advance_seconds(30);
        assert!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, &app.code()))
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn the_sweep_disables_every_account_unused_for_ninety_days() {
    for app in apps().await {
        app.clock.advance_seconds(89 * 86_400);
        app.token("ADMIN1", "T10A").await;
        app.clock.advance_seconds(2 * 86_400);
        // The administrator used the account two days ago; everyone else never did.
        let admin = app.token("ADMIN1", "T10A").await;
        let reply = app.admin(&admin, AdminCommand::SweepInactiveAccounts).await;
        assert_eq!(reply.code, "admin_done");
        assert_eq!(reply.data, leads_app::AdminData::Count(8));
        let disabled = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "account_disabled")
            .count();
        assert_eq!(disabled, 8);
    }
}

#[tokio::test]
async fn the_server_s_sweep_disables_accounts_unused_for_ninety_days_with_no_sign_in_attempt() {
    for app in apps().await {
        app.clock.advance_seconds(89 * 86_400);
        assert_eq!(
            app.service.sweep_inactive_accounts().await.unwrap(),
            0,
            "89 days: nobody yet"
        );
        app.token("ADMIN1", "T10A").await;
        app.clock.advance_seconds(2 * 86_400);
        // 91 days: everyone but the administrator, who signed in two days ago.
        assert_eq!(app.service.sweep_inactive_accounts().await.unwrap(), 8);
        assert_eq!(
            app.service.sweep_inactive_accounts().await.unwrap(),
            0,
            "once"
        );
        let disabled: Vec<_> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "account_disabled")
            .collect();
        assert_eq!(disabled.len(), 8);
        assert!(
            disabled
                .iter()
                .all(|e| e.entry.detail == "NOT USED FOR 90 DAYS")
        );
        assert!(
            !disabled
                .iter()
                .any(|e| e.entry.operator.as_deref() == Some("ADMIN1"))
        );
        assert!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, &app.code()))
                .await
                .is_err(),
            "a disabled account signs in no more"
        );
    }
}

#[tokio::test]
async fn passwords_follow_the_rules_and_changes_are_audited() {
    for app in apps().await {
        let token = app.token("OP16A", "T16A").await;
        let blocked = app
            .service
            .change_password(&token, PASSWORD, "password123")
            .await
            .unwrap_err();
        assert!(
            matches!(blocked, ServiceError::PasswordRejected(ref why) if why.contains("COMMON")),
            "{blocked:?}"
        );
        let short = app
            .service
            .change_password(&token, PASSWORD, "short")
            .await
            .unwrap_err();
        assert!(matches!(short, ServiceError::PasswordRejected(_)));
        assert_eq!(
            app.service
                .change_password(&token, "not the password", "a brand new passphrase")
                .await
                .unwrap_err(),
            ServiceError::BadCredentials
        );
        app.service
            .change_password(&token, PASSWORD, "a brand new passphrase")
            .await
            .unwrap();
        let changes: Vec<String> = app
            .audit()
            .await
            .into_iter()
            .filter(|e| e.entry.event == "password_changed")
            .map(|e| e.entry.outcome)
            .collect();
        assert_eq!(changes, ["refused", "refused", "refused", "accepted"]);
        app.clock.advance_seconds(30);
        assert_eq!(
            app.service
                .sign_in(attempt("OP16A", PASSWORD, &app.code()))
                .await
                .unwrap_err(),
            ServiceError::BadCredentials
        );
        app.clock.advance_seconds(30);
        assert!(
            app.service
                .sign_in(attempt("OP16A", "a brand new passphrase", &app.code()))
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn s5_sign_in_binds_to_an_approved_terminal_of_the_own_agency() {
    for app in apps().await {
        let code = app.code();
        let mut elsewhere = attempt("OP16A", PASSWORD, &code);
        elsewhere.terminal = "T84A";
        let refused = app.service.sign_in(elsewhere).await.unwrap_err();
        assert!(
            matches!(refused, ServiceError::SignInRefused(ref why) if why.contains("S5")),
            "{refused:?}"
        );
        let entry = last_event(&app, "sign_in").await;
        assert_eq!(
            (entry.outcome.as_str(), entry.terminal.as_deref()),
            ("refused", Some("T84A"))
        );
    }
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    for app in apps().await {
        let token = app.token("OP16A", "T16A").await;
        app.service.sign_out(&token).await.unwrap();
        assert_eq!(
            app.service.submit(&token, query(), None).await.unwrap_err(),
            ServiceError::Unauthenticated
        );
        assert_eq!(
            last_event(&app, "sign_out").await.operator.as_deref(),
            Some("OP16A")
        );
    }
}

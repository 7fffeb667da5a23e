//! What the oversight tests share: an act from JSON, days as the API writes them, and the
//! outcome checks.

use leads_app::{OversightCommand, OversightReply};
use leads_domain::clock::Clock;
use leads_domain::fields::FieldDate;
use leads_testkit::TestApp;

pub(crate) const DAY: i64 = 24 * 3_600;

/// Runs the act `command` (JSON, as the API takes it) for the session `token`.
pub(crate) async fn oversee(
    app: &TestApp,
    token: &str,
    command: serde_json::Value,
) -> OversightReply {
    let command: OversightCommand = serde_json::from_value(command).unwrap();
    app.service.oversee(token, command, None).await.unwrap()
}

/// The day `days` after the clock's today, as the API writes it.
pub(crate) fn day_after(app: &TestApp, days: i64) -> String {
    let date = app.clock.now().date() + time::Duration::days(days);
    FieldDate::from_date(date).to_string()
}

pub(crate) fn accepted(reply: &OversightReply) {
    assert_eq!(
        reply.outcome.name(),
        "accepted",
        "{} {}",
        reply.code,
        reply.message
    );
}

/// Refused citing exactly `20 Ill. Adm. Code {citation}`.
pub(crate) fn refused_citing_exactly(reply: &OversightReply, citation: &str) {
    assert_ne!(reply.outcome.name(), "accepted", "{}", reply.message);
    assert!(
        reply
            .reasons
            .iter()
            .any(|r| r.citation == format!("20 Ill. Adm. Code {citation}")),
        "cites {citation}: {} {:?}",
        reply.message,
        reply.reasons
    );
}

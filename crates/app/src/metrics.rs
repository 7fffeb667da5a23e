//! What the runner counts for `/metrics` (through the `metrics` facade; the server installs the
//! Prometheus recorder): operations by kind and outcome and their durations, refusals by the
//! rule they cite, sign-in failures and lockouts, audit write failures, policy evaluation
//! errors, group-commit batch sizes and the overdue deadlines by kind.

use std::time::Duration;

use leads_domain::deadline::{DEADLINE_KINDS, DeadlineKind};
use leads_domain::reply::Reason;
use metrics::{
    Unit, counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram,
};

/// An operation of `kind` done with `outcome`, the reasons of its answer and its duration.
pub(crate) fn operation_done(
    kind: &'static str,
    outcome: &'static str,
    reasons: &[Reason],
    elapsed: Duration,
) {
    counter!("leads_operations_total", "kind" => kind, "outcome" => outcome).increment(1);
    histogram!("leads_operation_duration_seconds", "kind" => kind).record(elapsed.as_secs_f64());
    for reason in reasons {
        counter!("leads_refusals_total", "rule" => reason.rule.clone()).increment(1);
    }
}

/// A sign-in that failed: `why` is `credentials` (wrong operator, password, code or terminal)
/// or `refused` (locked, disabled, terminal not approved).
pub(crate) fn sign_in_failed(why: &'static str) {
    counter!("leads_sign_in_failures_total", "why" => why).increment(1);
}

/// An account locked after repeated failures (AC-7).
pub(crate) fn account_locked() {
    counter!("leads_account_lockouts_total").increment(1);
}

/// An act refused because its audit entry could not be written.
pub(crate) fn audit_write_failed() {
    counter!("leads_audit_write_failures_total").increment(1);
}

/// A policy decision that could not be evaluated (denied).
pub(crate) fn policy_evaluation_failed() {
    counter!("leads_policy_evaluation_errors_total").increment(1);
}

/// One durable group commit of reading entries, of `entries` entries.
pub(crate) fn group_committed(entries: usize) {
    counter!("leads_audit_group_commits_total").increment(1);
    counter!("leads_audit_grouped_entries_total").increment(entries as u64);
    histogram!("leads_audit_group_commit_entries").record(entries as f64);
}

/// The open deadlines past due (a notice sent, or due and not yet swept), by kind.
pub(crate) fn overdue_deadlines(counts: &[(DeadlineKind, u64)]) {
    for kind in &DEADLINE_KINDS {
        let count = counts
            .iter()
            .find(|(k, _)| k == kind)
            .map_or(0, |(_, n)| *n);
        gauge!("leads_deadlines_overdue", "kind" => kind.name()).set(count as f64);
    }
}

/// Describes every metric the service records (their `# HELP` lines), and starts the counters
/// without labels at zero so that `/metrics` shows them before the first event.
pub fn describe_metrics() {
    describe_counter!(
        "leads_operations_total",
        "Operations of the runner, by kind and outcome."
    );
    describe_histogram!(
        "leads_operation_duration_seconds",
        Unit::Seconds,
        "Time from identification to answer, by kind of operation."
    );
    describe_counter!(
        "leads_refusals_total",
        "Reasons of refused answers, by the rule each cites."
    );
    describe_counter!(
        "leads_sign_in_failures_total",
        "Failed sign-ins: wrong credentials, or refused (locked, disabled, terminal)."
    );
    describe_counter!(
        "leads_account_lockouts_total",
        "Accounts locked after repeated failures (AC-7)."
    );
    describe_counter!(
        "leads_audit_write_failures_total",
        "Acts refused because their audit entry could not be written."
    );
    describe_counter!(
        "leads_policy_evaluation_errors_total",
        "Policy decisions that could not be evaluated (denied)."
    );
    describe_counter!(
        "leads_audit_group_commits_total",
        "Durable commits of grouped reading entries."
    );
    describe_counter!(
        "leads_audit_grouped_entries_total",
        "Reading entries written by group commit."
    );
    describe_histogram!(
        "leads_audit_group_commit_entries",
        "Entries per durable group commit."
    );
    describe_gauge!(
        "leads_deadlines_overdue",
        "Open deadlines past due (a notice sent, or due), by kind, as of the last sweep."
    );
    describe_gauge!(
        "leads_records",
        "Records in the hot files (any status); -1 if unreadable."
    );
    for name in [
        "leads_account_lockouts_total",
        "leads_audit_write_failures_total",
        "leads_policy_evaluation_errors_total",
        "leads_audit_group_commits_total",
        "leads_audit_grouped_entries_total",
    ] {
        counter!(name).increment(0);
    }
}

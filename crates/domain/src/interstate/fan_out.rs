//! A query sent to every state (`NL`): the hub sends it to each capable state, gathers their
//! driver responses by control field, and sends the asker one merged response when every state
//! has answered or when the wait ends, whichever is first; a state that did not answer in time
//! is marked `NRS` (no response). Time is the caller's, so the 60-second boundary is testable.

use super::address::{Destination, StateCode};
use super::message::{
    Body, DriverResponse, Envelope, Retention, StateAnswer, StateOutcome, StatusCode,
};
use crate::clock::Timestamp;
use crate::fields::Ori;

/// How long the hub waits for the states' answers to a query sent to `NL`.
pub const FAN_OUT_WAIT_SECONDS: i64 = 60;

/// One query sent to every state, and what has come back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FanOut {
    query: Envelope,
    asked: Vec<StateCode>,
    /// States that said, by status message, they will not answer.
    declined: Vec<(StateCode, StatusCode)>,
    answers: Vec<StateAnswer>,
    deadline: Timestamp,
}

impl FanOut {
    /// `query` went to `asked` at `now`; `declined` are the states the hub's routing answered
    /// with a status message instead.
    pub fn new(
        query: Envelope,
        asked: Vec<StateCode>,
        declined: Vec<(StateCode, StatusCode)>,
        now: Timestamp,
    ) -> Self {
        FanOut {
            query,
            asked,
            declined,
            answers: Vec::new(),
            deadline: now.plus_seconds(FAN_OUT_WAIT_SECONDS),
        }
    }

    /// The query.
    pub fn query(&self) -> &Envelope {
        &self.query
    }

    /// When the merged response goes whatever has arrived.
    pub fn deadline(&self) -> Timestamp {
        self.deadline
    }

    /// Whether `response` answers this query: a driver response with its control field, from
    /// a state that was asked and has not answered yet.
    pub fn matches(&self, response: &Envelope) -> bool {
        let state = StateCode::of(&response.from);
        matches!(response.body, Body::DriverResponse(_))
            && response.control.is_some()
            && response.control == self.query.control
            && self.asked.contains(&state)
            && !self.answers.iter().any(|a| a.state == state)
    }

    /// Takes one state's response; false (and nothing kept) if it does not answer this query.
    /// The answer is the responding state's, whatever state its own parts name.
    pub fn record(&mut self, response: &Envelope) -> bool {
        if !self.matches(response) {
            return false;
        }
        let state = StateCode::of(&response.from);
        if let Body::DriverResponse(body) = &response.body {
            let mut parts: Vec<StateAnswer> = body
                .answers
                .iter()
                .filter(|a| a.state == state)
                .cloned()
                .collect();
            if parts.is_empty() {
                parts.push(no_answer(state, StateOutcome::Unavailable));
            }
            self.answers.extend(parts);
        }
        true
    }

    /// Every state asked has answered.
    pub fn complete(&self) -> bool {
        self.asked
            .iter()
            .all(|state| self.answers.iter().any(|a| &a.state == state))
    }

    /// The merged response is due: every state answered, or the wait is over at `now`.
    pub fn due(&self, now: Timestamp) -> bool {
        self.complete() || now.as_micros() >= self.deadline.as_micros()
    }

    /// The one response to the asker, from the hub: the answers in the order the states were
    /// asked, then the states that did not answer in time, then those that declined.
    pub fn merged(self) -> Envelope {
        let mut answers = Vec::with_capacity(self.asked.len() + self.declined.len());
        for state in &self.asked {
            let parts: Vec<&StateAnswer> =
                self.answers.iter().filter(|a| &a.state == state).collect();
            if parts.is_empty() {
                answers.push(no_answer(state.clone(), StateOutcome::NoResponse));
            } else {
                answers.extend(parts.into_iter().cloned());
            }
        }
        for (state, code) in self.declined {
            let outcome = match code {
                StatusCode::DoesNotAnswer | StatusCode::Removed => StateOutcome::DoesNotAnswer,
                StatusCode::OutOfService => StateOutcome::Unavailable,
            };
            answers.push(no_answer(state, outcome));
        }
        Envelope {
            from: Ori::nlets_hub(),
            to: vec![Destination::Agency(self.query.from.clone())],
            control: self.query.control.clone(),
            body: Body::DriverResponse(DriverResponse { answers }),
        }
    }
}

fn no_answer(state: StateCode, outcome: StateOutcome) -> StateAnswer {
    StateAnswer {
        state,
        outcome,
        photo: None,
        retention: Retention::Forbidden,
        notice: None,
    }
}

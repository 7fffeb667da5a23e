//! What the hub decides, without any transport: its directory of member states (ORION) with
//! the message keys each answers and its service status, and where one message goes — to which
//! states now, which later, and which status (`SM`) or error (`ER`) messages go back to the
//! sender. The merge of a query sent to every state (`NL`) is [`super::fan_out`].

use super::address::{Destination, StateCode};
use super::message::{Body, Envelope, InterstateKey, StatusCode};
use crate::fields::Ori;

/// A member state's service status in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchStatus {
    /// Traffic is delivered.
    InService,
    /// The switch is down: traffic waits in its inbound stream, and the sender is told (`SM .02`).
    OutOfService,
    /// The state is on remove status: nothing is forwarded (`SM .04`).
    Removed,
}

/// One member state: its code, status and the keys its switch answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub state: StateCode,
    pub status: SwitchStatus,
    /// The query and message keys the state answers (`DQ`, `YQ`, `AM`…).
    pub answers: Vec<InterstateKey>,
}

/// The hub's errors, each sent as `ER` from the hub (`NL0000000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HubError {
    /// The sending ORI's state is not a member (or is on remove status).
    UnknownSender,
    /// A destination is not in the directory.
    UnknownDestination,
    /// `NL` names a key that is not a query sent to every state.
    NotBroadcastable,
    /// Only the hub sends status and error messages.
    HubOnlyKey,
    /// A response or confirmation answer without its control field.
    NoControlField,
}

impl HubError {
    /// The two-digit number of the `ER` message.
    pub fn number(self) -> u8 {
        match self {
            HubError::UnknownSender => 1,
            HubError::UnknownDestination => 2,
            HubError::NotBroadcastable => 3,
            HubError::HubOnlyKey => 4,
            HubError::NoControlField => 5,
        }
    }

    /// The text of the `ER` message.
    pub fn text(self) -> &'static str {
        match self {
            HubError::UnknownSender => "SENDING ORI IS NOT IN THE NLETS DIRECTORY",
            HubError::UnknownDestination => "DESTINATION IS NOT IN THE NLETS DIRECTORY",
            HubError::NotBroadcastable => "ONLY A DRIVER QUERY MAY BE SENT TO NL",
            HubError::HubOnlyKey => "SM AND ER ARE SENT ONLY BY NLETS",
            HubError::NoControlField => "A RESPONSE MUST ECHO THE CONTROL FIELD OF ITS QUERY",
        }
    }
}

/// Where one message goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Routing {
    /// States whose switch receives the message now.
    pub deliver: Vec<StateCode>,
    /// States out of service: the message waits for them in their inbound streams.
    pub held: Vec<StateCode>,
    /// Status and error messages to the sender, from the hub.
    pub replies: Vec<Envelope>,
    /// The message went to every capable state (`NL`): the hub merges the answers.
    pub fan_out: bool,
}

/// The hub's directory of member states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    members: Vec<Member>,
}

impl Directory {
    /// An empty directory.
    pub fn new() -> Self {
        Directory::default()
    }

    /// Adds a state, in service, answering `answers` (or replaces its entry).
    pub fn join(&mut self, state: StateCode, answers: Vec<InterstateKey>) {
        self.members.retain(|m| m.state != state);
        self.members.push(Member {
            state,
            status: SwitchStatus::InService,
            answers,
        });
    }

    /// Sets a member's status; false if the state is not a member.
    pub fn set_status(&mut self, state: &StateCode, status: SwitchStatus) -> bool {
        match self.members.iter_mut().find(|m| &m.state == state) {
            Some(member) => {
                member.status = status;
                true
            }
            None => false,
        }
    }

    /// A member state.
    pub fn member(&self, state: &StateCode) -> Option<&Member> {
        self.members.iter().find(|m| &m.state == state)
    }

    /// Every member, in the order they joined.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Where `message` goes: checked against the directory, each destination delivered, held
    /// or answered with a status message; an error stops the message and is the only reply.
    pub fn route(&self, message: &Envelope) -> Routing {
        match self.checked_route(message) {
            Ok(routing) => routing,
            Err(error) => Routing {
                replies: vec![error_reply(message, error)],
                ..Routing::default()
            },
        }
    }

    fn checked_route(&self, message: &Envelope) -> Result<Routing, HubError> {
        let key = message.key();
        if matches!(key, InterstateKey::Sm | InterstateKey::Er) {
            return Err(HubError::HubOnlyKey);
        }
        let sender = StateCode::of(&message.from);
        match self.member(&sender) {
            Some(member) if member.status != SwitchStatus::Removed => {}
            _ => return Err(HubError::UnknownSender),
        }
        let answer = matches!(key, InterstateKey::Dr | InterstateKey::Yr);
        if answer && message.control.is_none() {
            return Err(HubError::NoControlField);
        }
        let mut routing = Routing::default();
        for destination in &message.to {
            let states: Vec<&Member> = match destination {
                Destination::Everyone if key != InterstateKey::Dq => {
                    return Err(HubError::NotBroadcastable);
                }
                Destination::Everyone => {
                    routing.fan_out = true;
                    self.members
                        .iter()
                        .filter(|m| m.state != sender && m.answers.contains(&key))
                        .filter(|m| m.status == SwitchStatus::InService)
                        .collect()
                }
                named => {
                    let state = named.state().ok_or(HubError::UnknownDestination)?;
                    vec![self.member(&state).ok_or(HubError::UnknownDestination)?]
                }
            };
            for member in states {
                let status = match member.status {
                    SwitchStatus::Removed => Some(StatusCode::Removed),
                    // An answer goes to the state that asked, whatever it answers itself.
                    _ if !answer && !member.answers.contains(&key) => {
                        Some(StatusCode::DoesNotAnswer)
                    }
                    SwitchStatus::OutOfService => Some(StatusCode::OutOfService),
                    SwitchStatus::InService => None,
                };
                let state = member.state.clone();
                if routing.deliver.contains(&state) || routing.held.contains(&state) {
                    continue;
                }
                match status {
                    None => routing.deliver.push(state),
                    Some(code) => {
                        if code.forwards() {
                            routing.held.push(state.clone());
                        }
                        routing.replies.push(status_reply(message, code, state));
                    }
                }
            }
        }
        Ok(routing)
    }
}

/// The hub's `ER` to the sender of `message`.
pub fn error_reply(message: &Envelope, error: HubError) -> Envelope {
    Envelope {
        from: Ori::nlets_hub(),
        to: vec![Destination::Agency(message.from.clone())],
        control: message.control.clone(),
        body: Body::Error {
            number: error.number(),
            text: error.text().to_owned(),
        },
    }
}

/// The hub's `SM` to the sender of `message` about `state`.
fn status_reply(message: &Envelope, code: StatusCode, state: StateCode) -> Envelope {
    Envelope {
        from: Ori::nlets_hub(),
        to: vec![Destination::Agency(message.from.clone())],
        control: message.control.clone(),
        body: Body::Status {
            code,
            state,
            about: message.key(),
        },
    }
}

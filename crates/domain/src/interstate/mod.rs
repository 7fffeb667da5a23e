//! The interstate link (Nlets; rules N1–N5): how a state switch addresses other states, the
//! purposes a driver-photo query states, and the messages states exchange — driver queries and
//! responses (DQ/DR), hit confirmations between states (YQ/YR), administrative messages (AM),
//! status messages (SM) and the hub's errors (ER). The text and XML forms of these messages
//! are `leads-message`'s (`nlets`); this module holds what they mean, and what the hub decides:
//! its directory and routing, the merge of a query sent to every state, and its traffic log.

mod address;
mod fan_out;
mod hub;
mod message;
mod purpose;
mod traffic;

pub use address::{
    ControlField, Destination, HUB_ORI, MAX_DESTINATIONS, StateCode, parse_network_ori,
};
pub use fan_out::{FAN_OUT_WAIT_SECONDS, FanOut};
pub use hub::{Directory, HubError, Member, Routing, SwitchStatus, error_reply};
pub use message::{
    Body, Confirmation, DriverLookup, DriverQuery, DriverRecord, DriverResponse, Envelope,
    InterstateKey, Photo, Retention, StateAnswer, StateOutcome, StatusCode,
};
pub use purpose::{NletsPurpose, NletsUse, PhotoPurpose, PurposeFields};
pub use traffic::{LoggedPhoto, TRAFFIC_LOG_DAYS, TrafficEntry, without_photos};

//! The interstate link (Nlets; rules N1–N5): how a state switch addresses other states, the
//! purposes a driver-photo query states, and the messages states exchange — driver queries and
//! responses (DQ/DR), hit confirmations between states (YQ/YR), administrative messages (AM),
//! status messages (SM) and the hub's errors (ER). The text and XML forms of these messages
//! are `leads-message`'s (`nlets`); this module holds what they mean.

mod address;
mod message;
mod purpose;

pub use address::{
    ControlField, Destination, HUB_ORI, MAX_DESTINATIONS, StateCode, parse_network_ori,
};
pub use message::{
    Body, Confirmation, DriverLookup, DriverQuery, DriverRecord, DriverResponse, Envelope,
    InterstateKey, Photo, Retention, StateAnswer, StateOutcome, StatusCode,
};
pub use purpose::{NletsPurpose, NletsUse, PhotoPurpose, PurposeFields};

#![doc = include_str!("../README.md")]

pub mod examples;
mod grammar;
pub mod nlets;
mod parse;
mod render;

pub use grammar::{
    GrammarError, MAX_ATTACHMENT_LEN, MAX_MESSAGE_LEN, RawField, RawMessage, encode_attachment,
    parse_raw,
};
pub use parse::{
    AdministrativeMessageIn, ConfirmMessage, ImageMessage, Message, MessageError, MessageErrorKind,
    Parsed, parse_any, parse_message, parse_raw_any, parse_raw_message,
};
pub use render::{render_image, render_record, render_reply};

#![doc = include_str!("../README.md")]

pub mod examples;
mod grammar;
mod parse;
mod render;

pub use grammar::{GrammarError, MAX_MESSAGE_LEN, RawField, RawMessage, parse_raw};
pub use parse::{Message, MessageError, MessageErrorKind, parse_message, parse_raw_message};
pub use render::{render_record, render_reply};

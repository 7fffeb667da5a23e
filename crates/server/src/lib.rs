#![doc = include_str!("../README.md")]

pub mod admin_cmd;
pub mod args;
pub mod audit_cmd;
pub mod audit_report_cmd;
pub mod bench;
pub mod cli;
pub mod client_cmd;
pub mod connections;
pub mod demo;
mod demo_common;
pub mod demo_photos;
pub mod demo_sos;
pub mod hub_cmd;
pub mod lifecycle_cmd;
pub mod output;
pub mod oversight_cmd;
pub mod review_cmd;
pub mod send_cmd;
pub mod server;
pub mod sos_cmd;
pub mod vault_cfg;

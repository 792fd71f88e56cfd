//! The FutureMatch server: one folder per capability (router, handlers, store, pure logic).

pub mod accounts;
pub mod agenda;
pub mod app;
pub mod audit;
pub mod changes;
pub mod common;
pub mod competitions;
pub mod config;
pub mod console;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod engage;
pub mod error;
pub mod events;
pub mod experts;
pub mod facts;
pub mod files;
pub mod home;
pub mod http;
pub mod imports;
pub mod market;
pub mod matching;
pub mod meetings;
pub mod notify;
pub mod opencall;
pub mod orgs;
pub mod retention;
pub mod search;
pub mod seo;
pub mod taxonomy;
pub mod xlsx;

pub use app::{AppState, build_app, serve};
pub use config::Config;

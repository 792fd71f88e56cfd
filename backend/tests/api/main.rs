//! API tests: a real server on port 0 over a fresh SQLite file per test.

mod accounts;
mod conventions;
mod helpers;
mod orgs;
mod taxonomy;

//! API tests: a real server on port 0 over a fresh SQLite file per test, or a fresh PostgreSQL
//! database with `FUTUREMATCH_TEST_POSTGRES` set (see `helpers::fresh_postgres`).

mod accounts;
mod audit;
mod authz;
mod cli;
mod competitions;
mod contract;
mod conventions;
mod dashboard;
mod dates;
mod engage;
mod events;
mod experts;
mod faults;
mod helpers;
mod home;
mod imports;
mod instances;
mod mail;
mod market;
mod matching;
mod meetings;
mod notify;
mod opencall;
mod orgs;
mod rollup;
mod schema;
mod search;
mod seo;
mod sessions;
mod taxonomy;

pub mod account;
pub mod admin;
pub mod auth;
pub mod coming;
pub mod home;
pub mod invitation;
pub mod not_found;
pub mod orgs;

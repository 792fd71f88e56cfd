//! Reusable pieces: form fields, loading and error states, the pager, labels.

pub mod act;
pub mod confirm;
pub mod console;
pub mod data;
pub mod form;
pub mod labels;
pub mod route;

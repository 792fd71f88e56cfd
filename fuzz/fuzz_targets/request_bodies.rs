//! JSON request bodies as the API reads them, then the shared rules that check them: any input is
//! accepted or refused with field errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::taxonomy::Taxonomy;

fuzz_target!(|data: &[u8]| {
    let tax = Taxonomy { terms: vec![] };
    let today = time::macros::date!(2026 - 11 - 30);
    if let Ok(r) = serde_json::from_slice::<shared::accounts::RegisterRequest>(data) {
        let _ = r.parse();
    }
    if let Ok(r) = serde_json::from_slice::<shared::accounts::LoginRequest>(data) {
        let _ = r.parse();
    }
    if let Ok(r) = serde_json::from_slice::<shared::accounts::UpdateMeRequest>(data) {
        let _ = r.parse();
    }
    if let Ok(r) = serde_json::from_slice::<shared::orgs::OrgInput>(data) {
        let _ = r.parse(&tax, 2026);
    }
    if let Ok(r) = serde_json::from_slice::<shared::market::PostingInput>(data) {
        let _ = r.parse(&tax, today);
    }
    if let Ok(r) = serde_json::from_slice::<shared::privacy::RetentionInput>(data) {
        let _ = r.parse();
    }
    if let Ok(r) = serde_json::from_slice::<shared::matching::Weights>(data) {
        let _ = r.parse();
    }
});

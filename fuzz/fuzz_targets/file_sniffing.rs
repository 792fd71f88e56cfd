//! Uploaded files are typed by their content: any bytes give a known type or none, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(mime) = shared::engage::sniff_mime(data) {
        assert!(mime.contains('/'), "{mime}");
    }
});

//! Uploaded files: checked by content (PDF and images only), stored outside the database under
//! `<files>/<first two hex digits>/<sha256>` (`<files>` is `--files-dir`, by default
//! `<data>/attachments`), verified against the checksum when read.

use sha2::{Digest, Sha256};
use shared::ErrorCode;
use shared::engage::{ATTACHMENT_MAX, sniff_mime};

use crate::AppState;
use crate::error::{AppError, AppResult};

fn path(state: &AppState, sha256: &str) -> std::path::PathBuf {
    state.config.files_dir().join(&sha256[..2]).join(sha256)
}

fn checksum(bytes: &[u8]) -> String {
    crate::common::hex(&Sha256::digest(bytes))
}

/// Checks `bytes` and stores them once per content; returns (mime type, sha256).
pub async fn save(state: &AppState, bytes: &[u8]) -> AppResult<(&'static str, String)> {
    save_up_to(state, bytes, ATTACHMENT_MAX).await
}

/// [`save`] with another size limit (a competition's business plan may be 20 MB).
pub async fn save_up_to(state: &AppState, bytes: &[u8], max: usize) -> AppResult<(&'static str, String)> {
    if bytes.len() > max {
        return Err(AppError::PayloadTooLarge(max));
    }
    let mime = sniff_mime(bytes).ok_or(AppError::Refused(ErrorCode::FileType))?;
    let sha256 = checksum(bytes);
    let file = path(state, &sha256);
    if !tokio::fs::try_exists(&file).await.unwrap_or(false) {
        let dir = file.parent().ok_or_else(|| AppError::Internal(anyhow::anyhow!("attachment path")))?;
        tokio::fs::create_dir_all(dir).await.map_err(AppError::io)?;
        // Written aside, then renamed: a crash never leaves a truncated file under a checksum name.
        let tmp = file.with_extension(format!("tmp{}", uuid::Uuid::new_v4().simple()));
        if let Err(e) = tokio::fs::write(&tmp, bytes).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(AppError::io(e));
        }
        tokio::fs::rename(&tmp, &file).await.map_err(AppError::io)?;
    }
    Ok((mime, sha256))
}

/// The stored bytes of `sha256`, checked.
pub async fn read(state: &AppState, sha256: &str) -> AppResult<Vec<u8>> {
    let bytes = tokio::fs::read(path(state, sha256)).await.map_err(|e| AppError::Internal(e.into()))?;
    if checksum(&bytes) != sha256 {
        return Err(AppError::Internal(anyhow::anyhow!("stored file {sha256} does not match its checksum")));
    }
    Ok(bytes)
}

/// A stored file as a download: its type, `attachment` disposition with the name (RFC 5987 for
/// non-ASCII names), never cached by shared caches.
pub fn response(file: &shared::engage::Attachment, bytes: Vec<u8>) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&file.mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    let ascii: String = file.name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    let encoded: String = file
        .name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

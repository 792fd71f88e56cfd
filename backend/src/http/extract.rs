//! `Json`, `Path` and `Query` extractors whose rejections answer in the shared error shape.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::error::FieldErrors;
use shared::validate::FieldError;

use crate::error::AppError;
use crate::http::contract;

/// A JSON body, held to the OpenAPI document: malformed JSON answers 400, a missing content
/// type 415, an oversized body 413, and a body of the wrong shape 422 naming every field with a
/// problem at once (see [`contract`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned + utoipa::PartialSchema,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(v)) => v,
            Err(rejection) => return Err(json_rejection(rejection)),
        };
        let errs = contract::CONTRACT.check_body(&value, &body_schema::<T>());
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        serde_path_to_error::deserialize(value).map(Json).map_err(|e| {
            let field = e.path().to_string();
            let error = if e.inner().to_string().starts_with("missing field") {
                FieldError::Required
            } else {
                FieldError::Invalid
            };
            match (field.as_str(), field_of_data_error(&e.inner().to_string())) {
                (".", Some((f, err))) => AppError::Validation(one(f, err)),
                (".", None) => AppError::MalformedJson(e.inner().to_string()),
                _ => AppError::Validation(one(field.split('[').next().unwrap_or(&field).to_owned(), error)),
            }
        })
    }
}

fn one(field: String, error: FieldError) -> FieldErrors {
    let mut errs = FieldErrors::new();
    errs.add(field, error);
    errs
}

/// Per type (by name), what the contract checks it with.
type PerType<T> = LazyLock<Mutex<HashMap<&'static str, Arc<T>>>>;

/// The normalized schema of a body type, made once per type.
pub(crate) fn body_schema<T: utoipa::PartialSchema>() -> Arc<serde_json::Value> {
    static CACHE: PerType<serde_json::Value> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(std::any::type_name::<T>())
        .or_insert_with(|| {
            let mut schema = serde_json::to_value(T::schema()).unwrap_or_default();
            contract::normalize(&mut schema);
            Arc::new(schema)
        })
        .clone()
}

/// The normalized query parameters of a query type, made once per type.
fn query_params<T: utoipa::IntoParams>() -> Arc<Vec<serde_json::Value>> {
    static CACHE: PerType<Vec<serde_json::Value>> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(std::any::type_name::<T>())
        .or_insert_with(|| {
            let params = T::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query));
            let mut value = serde_json::to_value(params).unwrap_or_default();
            contract::normalize(&mut value);
            Arc::new(value.as_array().cloned().unwrap_or_default())
        })
        .clone()
}

fn json_rejection(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonDataError(e) => AppError::MalformedJson(e.body_text()),
        JsonRejection::JsonSyntaxError(e) => AppError::MalformedJson(e.body_text()),
        JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType,
        JsonRejection::BytesRejection(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::PayloadTooLarge(crate::app::BODY_LIMIT)
        }
        other => AppError::MalformedJson(other.body_text()),
    }
}

/// Reads the field out of serde's message: `missing field `email``, or
/// `display_name: invalid type: ...` (axum reports the path before the colon).
fn field_of_data_error(text: &str) -> Option<(String, FieldError)> {
    let detail = text.split_once(": ").map_or(text, |(_, rest)| rest);
    if let Some(rest) = detail.split("missing field `").nth(1) {
        let field = rest.split('`').next()?;
        return Some((field.to_owned(), FieldError::Required));
    }
    let (path, _) = detail.split_once(": ")?;
    let field = path.trim();
    let ok = !field.is_empty() && field.chars().all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c));
    ok.then(|| (field.split(['.', '[']).next().unwrap_or(field).to_owned(), FieldError::Invalid))
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Path parameters. A parameter that does not parse (`/api/orgs/abc`) names nothing that exists: 404.
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => Err(AppError::NotFound),
            Err(other) => Err(AppError::Internal(anyhow::anyhow!("path extraction: {}", other.body_text()))),
        }
    }
}

/// Query string, held to the operation's documented parameters like a body: unknown names,
/// missing required ones and values outside a parameter's type, values or range answer 422 naming
/// each; a string that is not `application/x-www-form-urlencoded` answers 400 `invalid_query`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned + utoipa::IntoParams,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw).map_err(|e| AppError::InvalidQuery(e.to_string()))?;
        let errs = contract::CONTRACT.check_query(&pairs, &query_params::<T>());
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        serde_urlencoded::from_str(raw).map(Query).map_err(|e| AppError::InvalidQuery(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_error_names_the_missing_field() {
        let t = "Failed to deserialize the JSON body into the target type: missing field `email` at line 1 column 2";
        assert_eq!(field_of_data_error(t), Some(("email".into(), FieldError::Required)));
    }

    #[test]
    fn data_error_names_the_mistyped_field() {
        let t = "Failed to deserialize the JSON body into the target type: founded_year: invalid type: string \"x\", expected i32 at line 1 column 20";
        assert_eq!(field_of_data_error(t), Some(("founded_year".into(), FieldError::Invalid)));
    }

    #[test]
    fn data_error_without_a_field_has_none() {
        let t = "Failed to deserialize the JSON body into the target type: invalid type: integer `3`, expected struct X at line 1 column 1";
        assert_eq!(field_of_data_error(t), None);
    }
}

/// A body already serialized as JSON (pages assembled from cached pieces).
#[derive(Debug, Clone)]
pub struct RawJson(pub String);

impl IntoResponse for RawJson {
    fn into_response(self) -> Response {
        ([(axum::http::header::CONTENT_TYPE, "application/json")], self.0).into_response()
    }
}

/// A raw request body (an upload) of at most `MAX` bytes; a larger one answers 413 in the shared
/// error shape, naming this limit.
#[derive(Debug, Clone, Default)]
pub struct Body<const MAX: usize>(pub axum::body::Bytes);

impl<S: Send + Sync, const MAX: usize> FromRequest<S> for Body<MAX> {
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let declared = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > MAX as u64) {
            return Err(AppError::PayloadTooLarge(MAX));
        }
        match axum::body::to_bytes(req.into_body(), MAX).await {
            Ok(b) => Ok(Body(b)),
            Err(e) if is_length_limit(&e) => Err(AppError::PayloadTooLarge(MAX)),
            Err(e) => Err(AppError::MalformedJson(e.to_string())),
        }
    }
}

/// Whether reading a body failed on its length limit.
fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// An uploaded attachment, image or cover: up to [`shared::engage::ATTACHMENT_MAX`].
pub type Upload = Body<{ shared::engage::ATTACHMENT_MAX }>;

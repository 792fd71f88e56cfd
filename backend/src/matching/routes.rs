//! Thin handlers: matches per kind (each path documented), feedback, the admin's weights.

use axum::extract::State;
use axum::http::StatusCode;
use shared::ApiError;
use shared::market::PostingKind;
use shared::matching::{Bundle, FeedEntry, FeedQuery, Match, MatchQuery, Weights};

use super::ops;
use crate::AppState;
use crate::accounts::{AdminUser, CurrentUser, MaybeUser};
use crate::error::AppResult;
use crate::http::extract::{Json, Path, Query};

macro_rules! match_route {
    ($name:ident, $kind:expr, $tag:literal, $path:expr) => {
        /// Recommended matches with their score, factor breakdown and reasons.
        #[utoipa::path(get, path = $path, tag = $tag, params(("id" = i64, Path), MatchQuery),
            responses((status = 200, body = Vec<Match>), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
        pub async fn $name(
            State(state): State<AppState>,
            user: MaybeUser,
            Path(id): Path<i64>,
            Query(q): Query<MatchQuery>,
        ) -> AppResult<Json<Vec<Match>>> {
            Ok(Json(ops::matches(&state, user.0.as_ref(), $kind, id, q).await?))
        }
    };
}

match_route!(demand_matches, PostingKind::Demand, "matching", shared::paths::template::DEMAND_MATCHES);
match_route!(capability_matches, PostingKind::Capability, "matching", shared::paths::template::CAPABILITY_MATCHES);
match_route!(scenario_matches, PostingKind::Scenario, "matching", shared::paths::template::SCENARIO_MATCHES);
match_route!(mandate_matches, PostingKind::Mandate, "matching", shared::paths::template::MANDATE_MATCHES);

/// Save a match (`{source}-{candidate}`) for your organization: its organization's other postings rank higher.
#[utoipa::path(post, path = shared::paths::template::MATCH_SAVE, tag = "matching", params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn save(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    ops::feedback(&state, &current.user, &id, "save").await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Dismiss a match: that posting never comes back for your organization.
#[utoipa::path(post, path = shared::paths::template::MATCH_DISMISS, tag = "matching", params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn dismiss(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    ops::feedback(&state, &current.user, &id, "dismiss").await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The factor weights (site admins).
#[utoipa::path(get, path = shared::paths::template::ADMIN_MATCHING_WEIGHTS, tag = "admin",
    responses((status = 200, body = Weights), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn get_weights(State(state): State<AppState>, _admin: AdminUser) -> Json<Weights> {
    Json(ops::weights(&state).await)
}

/// Change the factor weights (site admins); each 0–100, not all zero.
#[utoipa::path(put, path = shared::paths::template::ADMIN_MATCHING_WEIGHTS, tag = "admin", request_body = Weights,
    responses((status = 200, body = Weights), (status = 401, body = ApiError), (status = 403, body = ApiError),
              (status = 422, body = ApiError)))]
pub async fn put_weights(
    State(state): State<AppState>,
    admin: AdminUser,
    Json(w): Json<Weights>,
) -> AppResult<Json<Weights>> {
    Ok(Json(ops::set_weights(&state, &admin.0, w).await?))
}

/// Your feed: the best matches for everything your organizations have published.
#[utoipa::path(get, path = shared::paths::template::FEED, tag = "matching", params(FeedQuery),
    responses((status = 200, body = Vec<FeedEntry>), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn feed(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(q): Query<FeedQuery>,
) -> AppResult<Json<Vec<FeedEntry>>> {
    Ok(Json(ops::feed(&state, &current.user, q).await?))
}

/// `GET /api/demands/{id}/bundles?limit=`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BundleQuery {
    /// 1–20, default 5.
    pub limit: Option<u32>,
}

/// Three-sided proposals for a demand: capability + scenario + mandate.
#[utoipa::path(get, path = shared::paths::template::DEMAND_BUNDLES, tag = "matching", params(("id" = i64, Path), BundleQuery),
    responses((status = 200, body = Vec<Bundle>), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn bundles(
    State(state): State<AppState>,
    user: MaybeUser,
    Path(id): Path<i64>,
    Query(q): Query<BundleQuery>,
) -> AppResult<Json<Vec<Bundle>>> {
    Ok(Json(ops::bundles(&state, user.0.as_ref(), id, q.limit).await?))
}

//! Router assembly, layers, state, start-up and graceful shutdown.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, Router, middleware};
use serde::Serialize;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::config::Config;
use crate::db::sql;
use crate::db::{self, Db};
use crate::error::AppError;
use crate::http::{self, docs};
use crate::{
    accounts, agenda, audit, changes, common, competitions, console, dashboard, demo, engage, events, experts, home,
    imports, market, matching, meetings, notify, opencall, orgs, retention, search, seo, taxonomy,
};

/// What pages may load: only this server's own scripts (and WebAssembly compiled from them), styles,
/// images and connections; no inline script or style, no plugins, never framed.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; media-src 'self' blob:; object-src 'none'; \
    base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The header on every answer holding the platform's current time (Unix milliseconds).
pub const SERVER_TIME: HeaderName = HeaderName::from_static(shared::paths::SERVER_TIME_HEADER);

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub search: Arc<search::SearchIndex>,
    /// What public lists keep in memory (see `market::memory`).
    pub published: Arc<market::memory::Published>,
    /// The matching engine's index, weights and feedback (see `matching`).
    pub matching: Arc<matching::engine::Engine>,
    /// Where this instance is in following the others' changes (see `changes`).
    pub changes: Arc<changes::Follower>,
    /// The application's clock: the system's, moved forward by tests (see `common::clock`).
    pub clock: common::clock::Clock,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "FutureMatch 未来产业对接平台", description = "The API of Hangzhou's future-industry matchmaking and exchange platform.\n\n\
        Versioned in the path (`/api/v1`); the first release's unversioned paths (`/api/...`) answer, for one more release, \
        with a 308 redirect to `/api/v1/...` (method and body kept, `Deprecation: true`). \
        Failures answer in one shape (`ApiError`): a request with problems answers 422 once, naming every problem in \
        `error.fields` (missing, wrong type, a value outside the allowed ones, which are listed, out of range, unknown \
        field), in the caller's language. Lists answer `{items, total, page, per_page}` and take `page` and `per_page` \
        (1–100, default 20). JSON bodies are at most 1 MiB."),
    tags(
        (name = "accounts", description = "Registration, login, the current user"),
        (name = "orgs", description = "Organizations, members and invitations"),
        (name = "taxonomy", description = "Reference data: 5+X fields, districts, pilot zones, tiers"),
        (name = "imports", description = "Spreadsheets in: the template and imports of postings from .xlsx or .csv"),
        (name = "demands", description = "Technology demands and open calls (技术需求 / 揭榜挂帅)"),
        (name = "capabilities", description = "Labs' capabilities and transferable results (成果与能力)"),
        (name = "scenarios", description = "Application scenario openings (场景开放)"),
        (name = "mandates", description = "Investor mandates (投资偏好)"),
        (name = "search", description = "Full-text search across all postings"),
        (name = "matching", description = "Recommended matches with scores and reasons, feedback"),
        (name = "events", description = "Events: ticket types, registrations, waiting lists, check-in, agenda"),
        (name = "meetings", description = "Matchmaking meetings: availability, requests, the scheduler, table plans"),
        (name = "experts", description = "The expert pool: applications, review, search"),
        (name = "competitions", description = "Competitions: set-up, teams, submissions, judging, results"),
        (name = "dashboard", description = "The plan dashboard: targets, activity, funnel, export"),
        (name = "admin", description = "Site administration"),
        (name = "meta", description = "Health and documentation"),
    ),
    // Enums used only inside query parameters are not collected from the handlers.
    components(schemas(shared::market::PostingSort, shared::events::RegistrantSort))
)]
struct ApiDoc;

/// Every `/api` route, each registered with its OpenAPI description.
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(accounts::router())
        .merge(orgs::router())
        .merge(market::router())
        .merge(search::router())
        .merge(matching::router())
        .merge(engage::router())
        .merge(notify::router())
        .merge(opencall::router())
        .merge(events::router())
        .merge(agenda::router())
        .merge(experts::router())
        .merge(competitions::router())
        .merge(audit::router())
        .merge(dashboard::router())
        .merge(home::router())
        .merge(console::router())
        .merge(meetings::router())
        .merge(retention::router())
        .merge(taxonomy::router())
        .merge(imports::router())
        .routes(routes!(docs::openapi_json))
        .routes(routes!(docs::docs_page))
}

/// The OpenAPI document of every route the app serves.
pub fn openapi() -> OpenApiDoc {
    let (_, api) = api_routes().split_for_parts();
    let (_, root) = OpenApiRouter::<AppState>::new().routes(routes!(healthz)).split_for_parts();
    let mut doc = ApiDoc::openapi().nest(http::version::PREFIX, api);
    doc.merge(root);
    doc
}

pub fn build_app(state: AppState) -> Router {
    let doc = Arc::new(openapi());
    let (api, _) = api_routes().split_for_parts();
    let api = api
        .fallback(http::route_not_found)
        .method_not_allowed_fallback(http::method_not_allowed)
        .route_layer(middleware::from_fn(http::trace::record_route))
        .layer(Extension(doc))
        // Inside the session layer, so the refusal speaks the caller's language.
        .layer(middleware::from_fn_with_state(state.clone(), http::origin::middleware))
        .layer(middleware::from_fn_with_state(state.clone(), accounts::session::middleware));
    let (root, _) = OpenApiRouter::new().routes(routes!(healthz)).split_for_parts();
    let inner = http::spa::Api(Router::new().nest(http::version::PREFIX, api.clone()).with_state(state.clone()));
    let request_id = HeaderName::from_static("x-request-id");
    // Over https (secure cookies or an https public URL) browsers are told to keep to https.
    let https = state.config.secure_cookies || state.config.site_url().starts_with("https://");
    let hsts = https.then(|| HeaderValue::from_static("max-age=31536000"));
    let clock = state.clock.clone();
    root.nest(http::version::PREFIX, api)
        .merge(seo::router())
        .fallback_service(http::spa::service(&state, inner))
        .with_state(state)
        // Every request on this application's clock; the answer says what time it is there, so
        // pages judge deadlines by the platform's clock rather than the device's.
        .layer(middleware::from_fn(move |req: Request, next: middleware::Next| {
            let clock = clock.clone();
            async move {
                clock
                    .scope(async {
                        let mut response = next.run(req).await;
                        let millis = (db::now().unix_timestamp_nanos() / 1_000_000).to_string();
                        if let Ok(v) = HeaderValue::from_str(&millis) {
                            response.headers_mut().insert(SERVER_TIME, v);
                        }
                        response
                    })
                    .await
            }
        }))
        .layer(middleware::from_fn(http::version::redirect_unversioned))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, hsts))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(middleware::from_fn(http::trace::measure))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| http::trace::span(req)))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(CatchPanicLayer::custom(|_| AppError::Internal(anyhow::anyhow!("handler panicked")).into_response()))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
}

/// Liveness and database check.
#[utoipa::path(get, path = "/healthz", tag = "meta",
    responses((status = 200, body = Health), (status = 503, description = "Database unreachable", body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Response {
    match sql::query("SELECT 1").execute(&state.db).await {
        Ok(_) => Json(Health { status: "ok" }).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(Health { status: "database unavailable" })).into_response()
        }
    }
}

/// Hands the memory the start's bulk reads freed back to the system: glibc keeps freed blocks
/// in the middle of the heap resident otherwise, and the server would look (and be) hundreds of
/// megabytes larger than what it holds.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Opens the database, applies migrations and, on first start, loads the demo data.
pub async fn prepare(config: Config) -> anyhow::Result<AppState> {
    let db = db::connect(&config).await?;
    db::migrate(&db).await?;
    let db = db::connect_capped(&config, db).await?;
    let seeded = !config.no_demo && demo::seed_if_first_start(&db).await?;
    if seeded {
        tracing::info!("loaded the demo data (first start)");
    }
    let follower = Arc::new(changes::Follower::start(&db).await?);
    let search = Arc::new(search::SearchIndex::open(Some(&config.data_dir.join("search-index")))?);
    if let Some(n) = search::rebuild_if_needed(&db, &search).await? {
        tracing::info!(n, "rebuilt the search index from the database");
    }
    let started = std::time::Instant::now();
    let facets = async {
        let published = market::ops::load_published(&db).await?;
        let (n, ms) = (published.facets().len(), started.elapsed().as_millis() as u64);
        tracing::info!(published = n, ms, "loaded the list facets and open calls");
        anyhow::Ok(published)
    };
    let matching = async {
        let matching = matching::ops::load(&db).await?;
        let (postings, ms) = (matching.index().len(), started.elapsed().as_millis() as u64);
        tracing::info!(postings, ms, "built the match index");
        anyhow::Ok(matching)
    };
    let (published, matching) = tokio::try_join!(facets, matching)?;
    let published = Arc::new(published);
    let matching = Arc::new(matching);
    release_freed_memory();
    anyhow::Context::context(notify::mail::transport(&config), "the email settings")?;
    let clock = common::clock::Clock::default();
    let state = AppState { db, config: Arc::new(config), search, published, matching, changes: follower, clock };
    if seeded {
        let n = dashboard::count_matches_of_published(&state).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
        tracing::info!(n, "counted the demo postings' high-score matches");
    }
    Ok(state)
}

/// Serves on `listener` until `shutdown` completes, then finishes in-flight requests.
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tokio::spawn(expire_sessions(state.clone()));
    tokio::spawn(expire_postings(state.clone()));
    tokio::spawn(expire_requests(state.clone()));
    tokio::spawn(notify::ops::mailer(state.clone()));
    tokio::spawn(retention::daily(state.clone()));
    tokio::spawn(changes::follow(state.clone()));
    let app = build_app(state).into_make_service_with_connect_info::<http::client::Peer>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

/// Prepares and serves on the configured address until SIGTERM or ctrl-c.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let addr = config.addr;
    // Held until the process ends: one server per data folder, no restore under it.
    let _lock = db::lock_data_dir(&config)?;
    let state = prepare(config).await?;
    let listener = TcpListener::bind(addr).await?;
    tracing::info!("FutureMatch listening on http://{}", listener.local_addr()?);
    serve_on(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn expire_sessions(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let Ok(mut conn) = state.db.acquire().await else {
            continue;
        };
        match state.clock.scope(async { accounts::delete_expired_sessions(&mut conn, db::now()).await }).await {
            Ok(n) if n > 0 => tracing::info!(n, "deleted expired sessions"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "deleting expired sessions"),
        }
    }
}

/// Postings expire at their deadline: checked at start and every ten minutes.
async fn expire_postings(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        match state.clock.scope(market::ops::expire_due(&state)).await {
            Ok(n) if n > 0 => tracing::info!(n, "expired postings past their deadline"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "expiring postings"),
        }
    }
}

/// Unanswered interest requests expire (a reminder is recorded halfway): at start and every ten minutes.
async fn expire_requests(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        match state.clock.scope(engage::ops::expire_due(&state)).await {
            Ok((expired, reminded)) if !expired.is_empty() || !reminded.is_empty() => {
                tracing::info!(expired = expired.len(), reminded = reminded.len(), "interest requests due")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "expiring interest requests"),
        }
        match state.clock.scope(events::ops::expire_offers(&state)).await {
            Ok(passed) if !passed.is_empty() => tracing::info!(n = passed.len(), "waiting-list offers passed on"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "expiring waiting-list offers"),
        }
        match state.clock.scope(opencall::ops::close_windows(&state)).await {
            Ok(closed) if !closed.is_empty() => tracing::info!(n = closed.len(), "closed notice windows"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "closing notice windows"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

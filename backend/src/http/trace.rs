//! What each request's span records, so a log line says what was asked and what it cost: the
//! matched route (`/api/v1/events/{id}/registrations`, not the raw path with its ids), the user, the
//! organization it acted for, the time spent in the database, and the status answered.

use std::cell::Cell;
use std::time::Duration;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Span;
use tracing::field::Empty;

tokio::task_local! {
    /// The database time of the request being served, in microseconds.
    static DB_TIME: Cell<u64>;
}

/// The request's span, its later fields empty until known.
pub fn span(req: &Request) -> Span {
    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id,
        route = Empty, user = Empty, org = Empty, db_ms = Empty, status = Empty)
}

/// Measures the database time of everything the request does (inside [`span`]) and records it,
/// with the status, when the answer is ready.
pub async fn measure(req: Request, next: Next) -> Response {
    DB_TIME
        .scope(Cell::new(0), async move {
            let res = next.run(req).await;
            let micros = DB_TIME.with(Cell::get);
            let span = Span::current();
            span.record("db_ms", micros as f64 / 1000.0);
            span.record("status", res.status().as_u16());
            res
        })
        .await
}

/// Records the route a request matched (a route layer: only matched requests reach it).
pub async fn record_route(req: Request, next: Next) -> Response {
    if let Some(path) = req.extensions().get::<MatchedPath>() {
        Span::current().record("route", path.as_str());
    }
    next.run(req).await
}

/// Adds a query's time to the request's database time (outside a request, e.g. the mailer, nothing).
pub fn add_db_time(spent: Duration) {
    let _ = DB_TIME.try_with(|t| t.set(t.get().saturating_add(u64::try_from(spent.as_micros()).unwrap_or(u64::MAX))));
}

/// Records the signed-in user on the request's span.
pub fn record_user(user: i64) {
    Span::current().record("user", user);
}

/// Records the organization the request acts for (the last one an access check looked at).
pub fn record_org(org: i64) {
    Span::current().record("org", org);
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;
    use tower_http::trace::TraceLayer;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_request_span_names_the_matched_route_the_user_the_org_and_the_database_time() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_max_level(tracing::Level::INFO)
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = Router::new()
            .route(
                "/events/{id}/registrations",
                get(|| async {
                    record_user(7);
                    record_org(3);
                    add_db_time(Duration::from_micros(1500));
                    tracing::info!("handled");
                    "ok"
                }),
            )
            .route_layer(axum::middleware::from_fn(record_route))
            .layer(axum::middleware::from_fn(measure))
            .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| span(req)).on_response(
                |_res: &Response, _latency: Duration, span: &Span| {
                    span.in_scope(|| tracing::info!("answered"));
                },
            ));
        let res = app.oneshot(Request::get("/events/42/registrations").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), 200);
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let answered =
            log.lines().find(|l| l.contains("answered")).unwrap_or_else(|| panic!("no answer line in {log}"));
        assert!(answered.contains(r#"route="/events/{id}/registrations""#), "{answered}");
        assert!(answered.contains("path=/events/42/registrations"), "{answered}");
        assert!(answered.contains("user=7") && answered.contains("org=3"), "{answered}");
        assert!(answered.contains("db_ms=1.5") && answered.contains("status=200"), "{answered}");
    }
}

//! Spreadsheets in: the template, and imports of demands, capabilities, scenarios and mandates
//! from .xlsx or .csv, previewed row by row and written all at once or not at all.

pub mod columns;
pub mod ops;
pub mod read;
pub mod routes;
pub mod template;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(routes::import)).routes(routes!(routes::template))
}

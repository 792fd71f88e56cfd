//! Pagination, written once for every list.

use serde::{Deserialize, Serialize};

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;

/// One page of a list, with the total count for the pager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// The page `q` asks for of a list held whole (already filtered and ordered).
    pub fn window(all: Vec<T>, q: PageQuery) -> Page<T> {
        let (page, per_page, offset) = q.resolve();
        let total = all.len() as u64;
        let items = all.into_iter().skip(offset as usize).take(per_page as usize).collect();
        Page { items, total, page, per_page }
    }

    pub fn pages(&self) -> u32 {
        if self.per_page == 0 { 1 } else { (self.total.div_ceil(self.per_page as u64) as u32).max(1) }
    }
}

/// `?page=&per_page=` as sent; `resolve()` clamps it to a valid window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PageQuery {
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 20).
    pub per_page: Option<u32>,
}

impl PageQuery {
    /// (page, per_page, offset), page ≥ 1 and per_page in 1..=100.
    pub fn resolve(self) -> (u32, u32, u64) {
        let page = self.page.unwrap_or(1).max(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE);
        (page, per_page, (page as u64 - 1) * per_page as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_query_clamps_to_valid_window() {
        assert_eq!(PageQuery { page: None, per_page: None }.resolve(), (1, 20, 0));
        assert_eq!(PageQuery { page: Some(0), per_page: Some(1000) }.resolve(), (1, 100, 0));
        assert_eq!(PageQuery { page: Some(3), per_page: Some(10) }.resolve(), (3, 10, 20));
    }

    #[test]
    fn a_window_holds_the_asked_page_and_the_whole_total() {
        let w = Page::window((1..=45).collect::<Vec<u32>>(), PageQuery { page: Some(3), per_page: Some(20) });
        assert_eq!((w.items, w.total, w.page, w.per_page), (vec![41, 42, 43, 44, 45], 45, 3, 20));
        let beyond = Page::window(vec![1, 2], PageQuery { page: Some(9), per_page: None });
        assert!(beyond.items.is_empty());
        assert_eq!(beyond.total, 2);
    }

    #[test]
    fn pages_rounds_up_and_is_at_least_one() {
        let p = |total| Page::<()> { items: vec![], total, page: 1, per_page: 20 }.pages();
        assert_eq!(p(0), 1);
        assert_eq!(p(20), 1);
        assert_eq!(p(21), 2);
    }
}

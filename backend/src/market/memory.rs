//! What the public lists keep in memory: the published postings' facets (which postings, in which
//! order) and a bounded cache of their summaries already serialized, so a list page is assembled
//! without SQL for postings viewed before. The database stays the source of truth: both are
//! corrected by [`super::ops::commit_published`] after every commit that changes a published posting.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};

use super::facets::{FacetRow, Facets};

/// Summaries serialized as JSON, by posting id. Evicts arbitrary entries when full: list traffic
/// concentrates on first pages, which stay warm because they are asked for again at once.
#[derive(Debug)]
pub struct Rendered {
    capacity: usize,
    map: HashMap<i64, Arc<str>>,
}

impl Rendered {
    pub fn new(capacity: usize) -> Self {
        Rendered { capacity: capacity.max(1), map: HashMap::new() }
    }

    pub fn get(&self, id: i64) -> Option<Arc<str>> {
        self.map.get(&id).cloned()
    }

    pub fn insert(&mut self, id: i64, json: Arc<str>) {
        if self.map.len() >= self.capacity && !self.map.contains_key(&id) {
            let evict: Vec<i64> = self.map.keys().take(self.capacity / 8 + 1).copied().collect();
            for k in evict {
                self.map.remove(&k);
            }
        }
        self.map.insert(id, json);
    }

    pub fn forget(&mut self, ids: &[i64]) {
        for id in ids {
            self.map.remove(id);
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Up to this many serialized summaries (about 1 KB each).
pub const RENDERED_CAPACITY: usize = 20_000;

/// The facets and the rendered summaries, shared by every request.
#[derive(Debug)]
pub struct Published {
    facets: RwLock<Facets>,
    rendered: Mutex<Rendered>,
}

impl Published {
    pub fn new(facets: Facets) -> Self {
        Published { facets: RwLock::new(facets), rendered: Mutex::new(Rendered::new(RENDERED_CAPACITY)) }
    }

    /// Reads the facets. Each write is whole, so a panic elsewhere cannot leave them half-changed.
    pub fn facets(&self) -> RwLockReadGuard<'_, Facets> {
        self.facets.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Postings `changed`: `rows` are their current facets (the published ones), `removals` the others.
    pub fn update(&self, rows: Vec<FacetRow>, removals: &[i64], changed: &[i64]) {
        self.facets.write().unwrap_or_else(std::sync::PoisonError::into_inner).apply(rows, removals);
        self.rendered().forget(changed);
    }

    pub fn rendered(&self) -> std::sync::MutexGuard<'_, Rendered> {
        self.rendered.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_makes_room_and_keeps_what_was_just_added() {
        let mut r = Rendered::new(16);
        for id in 0..100 {
            r.insert(id, Arc::from(format!("{{\"id\":{id}}}")));
            assert!(r.len() <= 16);
            assert_eq!(r.get(id).as_deref(), Some(format!("{{\"id\":{id}}}").as_str()));
        }
    }

    #[test]
    fn forgotten_entries_are_gone() {
        let mut r = Rendered::new(4);
        r.insert(1, Arc::from("a"));
        r.insert(2, Arc::from("b"));
        r.forget(&[1]);
        assert_eq!((r.get(1), r.get(2).as_deref()), (None, Some("b")));
    }
}

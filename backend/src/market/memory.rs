//! What the public lists keep in memory: the published postings' facets (which postings, in which
//! order) and a bounded cache of their summaries already serialized, so a list page is assembled
//! without SQL for postings viewed before. The database stays the source of truth: both are
//! corrected by [`super::on_postings_changed`] after every commit that changes a published posting.
//! The published open calls are kept too, for the home page.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};

use shared::home::OpenCallCard;

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

/// The facets, the rendered summaries and the open calls, shared by every request.
#[derive(Debug)]
pub struct Published {
    facets: RwLock<Facets>,
    rendered: Mutex<Rendered>,
    /// Published open calls (揭榜挂帅) by posting id, closed ones included (the reader filters by date).
    open_calls: RwLock<HashMap<i64, OpenCallCard>>,
}

impl Published {
    pub fn new(facets: Facets, open_calls: Vec<OpenCallCard>) -> Self {
        Published {
            facets: RwLock::new(facets),
            rendered: Mutex::new(Rendered::new(RENDERED_CAPACITY)),
            open_calls: RwLock::new(open_calls.into_iter().map(|c| (c.id, c)).collect()),
        }
    }

    /// Every published open call, in no particular order.
    pub fn open_calls(&self) -> Vec<OpenCallCard> {
        self.open_calls.read().unwrap_or_else(std::sync::PoisonError::into_inner).values().cloned().collect()
    }

    /// Reads the facets. Each write is whole, so a panic elsewhere cannot leave them half-changed.
    pub fn facets(&self) -> RwLockReadGuard<'_, Facets> {
        self.facets.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Postings `changed`: `rows` are their current facets (the published ones), `removals` the
    /// others, `calls` the open calls among them.
    pub fn update(&self, rows: Vec<FacetRow>, removals: &[i64], changed: &[i64], calls: Vec<OpenCallCard>) {
        self.facets.write().unwrap_or_else(std::sync::PoisonError::into_inner).apply(rows, removals);
        self.rendered().forget(changed);
        let mut open = self.open_calls.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        for id in changed {
            open.remove(id);
        }
        open.extend(calls.into_iter().map(|c| (c.id, c)));
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

    fn call(id: i64, title: &str) -> OpenCallCard {
        OpenCallCard {
            id,
            title_zh: title.into(),
            title_en: None,
            org_name_zh: "某企业".into(),
            org_name_en: None,
            reward: 100,
            application_deadline: time::macros::date!(2027 - 01 - 31),
        }
    }

    #[test]
    fn a_changed_posting_replaces_its_open_call_and_a_withdrawn_one_drops_it() {
        let published = Published::new(Facets::new(), vec![call(1, "旧"), call(2, "二")]);
        published.update(vec![], &[2], &[1, 2], vec![call(1, "新")]);
        let titles: Vec<(i64, String)> = published.open_calls().into_iter().map(|c| (c.id, c.title_zh)).collect();
        assert_eq!(titles, vec![(1, "新".to_owned())]);
        published.update(vec![], &[], &[3], vec![call(3, "三")]);
        assert_eq!(published.open_calls().len(), 2);
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

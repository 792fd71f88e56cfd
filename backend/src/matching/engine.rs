//! The matching engine's shared state: the index, the weights, the feedback — in memory, loaded
//! from the database at start and kept in step with it by every write.

use std::collections::{HashMap, HashSet};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use shared::engage::{DealStage, FailureReason};
use shared::matching::Weights;

use super::index::MatchIndex;
use super::score::DEFAULT_WEIGHTS;

/// What organizations did with their matches.
#[derive(Debug, Default)]
pub struct Feedback {
    /// (organization, candidate posting) pairs.
    dismissed: HashSet<(i64, i64)>,
    saved: HashSet<(i64, i64)>,
    /// (organization, other organization): what their deals taught, in both directions.
    deals: HashMap<(i64, i64), i32>,
}

impl Feedback {
    pub fn record(&mut self, org: i64, candidate: i64, action: &str) {
        self.dismissed.remove(&(org, candidate));
        self.saved.remove(&(org, candidate));
        match action {
            "dismiss" => self.dismissed.insert((org, candidate)),
            _ => self.saved.insert((org, candidate)),
        };
    }

    /// A deal between two organizations reached `stage`: signing counts +2 and completing +1 more
    /// for every pair of their postings; failing as "not relevant" counts −2, other failures nothing
    /// (budget or timing say little about fit).
    pub fn record_outcome(&mut self, a: i64, b: i64, stage: DealStage, failure: Option<FailureReason>) {
        let delta = match (stage, failure) {
            (DealStage::Signed, _) => 2,
            (DealStage::Completed, _) => 1,
            (DealStage::Failed, Some(FailureReason::NotRelevant)) => -2,
            _ => 0,
        };
        if delta != 0 {
            *self.deals.entry((a, b)).or_insert(0) += delta;
            *self.deals.entry((b, a)).or_insert(0) += delta;
        }
    }

    /// What deals between `org` and `other` taught (0 without any).
    pub fn deals(&self, org: i64, other: i64) -> i32 {
        self.deals.get(&(org, other)).copied().unwrap_or(0)
    }

    pub fn dismissed(&self, org: i64, candidate: i64) -> bool {
        self.dismissed.contains(&(org, candidate))
    }

    pub fn saved(&self, org: i64, candidate: i64) -> bool {
        self.saved.contains(&(org, candidate))
    }

    /// For each other organization, how many matches between it and `org` either side saved (`org`
    /// saving one of its postings, or it saving one of `org`'s): the same count from both sides.
    pub fn saved_between(&self, org: i64, index: &MatchIndex) -> HashMap<i64, u32> {
        let mut out = HashMap::new();
        for (saver, candidate) in &self.saved {
            let Some(owner) = index.profile(*candidate).map(|p| p.org_id) else { continue };
            let other = match (*saver == org, owner == org) {
                (true, false) => owner,
                (false, true) => *saver,
                _ => continue,
            };
            *out.entry(other).or_insert(0) += 1;
        }
        out
    }
}

fn read<T>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(l: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[derive(Debug)]
pub struct Engine {
    index: RwLock<MatchIndex>,
    weights: RwLock<Weights>,
    feedback: RwLock<Feedback>,
}

impl Engine {
    pub fn new(index: MatchIndex, weights: Option<Weights>, feedback: Feedback) -> Self {
        Engine {
            index: RwLock::new(index),
            weights: RwLock::new(weights.unwrap_or(DEFAULT_WEIGHTS)),
            feedback: RwLock::new(feedback),
        }
    }

    pub fn index(&self) -> RwLockReadGuard<'_, MatchIndex> {
        read(&self.index)
    }

    pub fn index_mut(&self) -> RwLockWriteGuard<'_, MatchIndex> {
        write(&self.index)
    }

    pub fn weights(&self) -> Weights {
        *read(&self.weights)
    }

    pub fn set_weights(&self, w: Weights) {
        *write(&self.weights) = w;
    }

    pub fn feedback(&self) -> RwLockReadGuard<'_, Feedback> {
        read(&self.feedback)
    }

    pub fn feedback_mut(&self) -> RwLockWriteGuard<'_, Feedback> {
        write(&self.feedback)
    }
}

//! The hash chain of the audit log. Pure: hashing an entry and checking a sequence of them.

use sha2::{Digest, Sha256};

/// The previous hash of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry's fields, as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub before: String,
    pub after: String,
    pub prev_hash: String,
    pub hash: String,
}

/// SHA-256 (hex) over the previous hash and every field, each length-prefixed so no two different
/// entries share an encoding.
pub fn hash(prev: &str, e: &Entry) -> String {
    let mut h = Sha256::new();
    let actor_id = e.actor_id.map(|a| a.to_string()).unwrap_or_default();
    for part in [prev, &e.id.to_string(), &e.at, &actor_id, &e.actor, &e.action, &e.target, &e.before, &e.after] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    crate::common::hex(&h.finalize())
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// The entry's fields do not give its hash: it was edited.
    Altered { id: i64 },
    /// The entry does not follow the one before it: one was removed, inserted or reordered.
    Unlinked { id: i64 },
}

/// Checks entries in id order; the number checked when the chain holds.
pub fn verify(entries: &[Entry]) -> Result<usize, Broken> {
    let mut prev = GENESIS.to_owned();
    let mut last_id = 0;
    for e in entries {
        if e.prev_hash != prev || e.id != last_id + 1 {
            return Err(Broken::Unlinked { id: e.id });
        }
        if hash(&e.prev_hash, e) != e.hash {
            return Err(Broken::Altered { id: e.id });
        }
        prev = e.hash.clone();
        last_id = e.id;
    }
    Ok(entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Entry> {
        let mut out: Vec<Entry> = vec![];
        for id in 1..=n {
            let prev = out.last().map_or(GENESIS.to_owned(), |e| e.hash.clone());
            let mut e = Entry {
                id,
                at: format!("2026-11-29T10:00:0{id}Z"),
                actor_id: Some(1),
                actor: "admin@example.com".into(),
                action: "org.verify".into(),
                target: format!("org:{id}"),
                before: "{\"verified\":false}".into(),
                after: "{\"verified\":true}".into(),
                prev_hash: prev.clone(),
                hash: String::new(),
            };
            e.hash = hash(&prev, &e);
            out.push(e);
        }
        out
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
        assert_eq!(verify(&[]), Ok(0));
    }

    #[test]
    fn an_edited_field_is_detected_at_its_entry() {
        let mut c = chain(5);
        c[2].after = "{\"verified\":false}".into();
        assert_eq!(verify(&c), Err(Broken::Altered { id: 3 }));
    }

    #[test]
    fn a_removed_entry_breaks_the_link_of_the_next() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify(&c), Err(Broken::Unlinked { id: 3 }));
    }

    #[test]
    fn a_rehashed_edit_still_breaks_the_following_link() {
        let mut c = chain(4);
        c[1].actor = "someone-else@example.com".into();
        c[1].hash = hash(&c[1].prev_hash, &c[1]);
        assert_eq!(verify(&c), Err(Broken::Unlinked { id: 3 }));
    }
}

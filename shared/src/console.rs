//! The site administrators' console: its sections, each with its own address, and what waits in
//! them.

use serde::{Deserialize, Serialize};

use crate::Msg;

/// `GET /api/v1/admin/overview`: how many items wait in each section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overview {
    pub orgs_to_verify: u32,
    pub postings_to_moderate: u32,
    pub experts_to_review: u32,
    pub notices_to_decide: u32,
    pub reports_open: u32,
    pub emails_failed: u32,
}

/// A section of the console, at `/admin/{slug}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Orgs,
    Moderation,
    Experts,
    Notices,
    Reports,
    Outbox,
    Users,
    Taxonomy,
    Targets,
    Weights,
    Retention,
    Audit,
}

impl Section {
    /// In the side menu's order: what waits for a decision first, then settings, then the record.
    pub const ALL: [Section; 12] = [
        Section::Moderation,
        Section::Orgs,
        Section::Experts,
        Section::Notices,
        Section::Reports,
        Section::Outbox,
        Section::Users,
        Section::Taxonomy,
        Section::Targets,
        Section::Weights,
        Section::Retention,
        Section::Audit,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Section::Orgs => "orgs",
            Section::Moderation => "moderation",
            Section::Experts => "experts",
            Section::Notices => "notices",
            Section::Reports => "reports",
            Section::Outbox => "outbox",
            Section::Users => "users",
            Section::Taxonomy => "taxonomy",
            Section::Targets => "targets",
            Section::Weights => "weights",
            Section::Retention => "retention",
            Section::Audit => "audit",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn path(self) -> String {
        format!("/admin/{}", self.slug())
    }

    pub fn msg(self) -> Msg {
        match self {
            Section::Orgs => Msg::AdminOrgsTitle,
            Section::Moderation => Msg::ModerationTitle,
            Section::Experts => Msg::ExpertsReview,
            Section::Notices => Msg::AdminPendingNoticesTitle,
            Section::Reports => Msg::AdminReportsTitle,
            Section::Outbox => Msg::AdminOutboxTitle,
            Section::Users => Msg::AdminUsersTitle,
            Section::Taxonomy => Msg::AdminTaxonomyTitle,
            Section::Targets => Msg::AdminTargetsTitle,
            Section::Weights => Msg::AdminWeightsTitle,
            Section::Retention => Msg::AdminRetentionTitle,
            Section::Audit => Msg::AdminAuditTitle,
        }
    }

    /// What waits in this section, when it is a queue.
    pub fn waiting(self, o: &Overview) -> Option<u32> {
        match self {
            Section::Orgs => Some(o.orgs_to_verify),
            Section::Moderation => Some(o.postings_to_moderate),
            Section::Experts => Some(o.experts_to_review),
            Section::Notices => Some(o.notices_to_decide),
            Section::Reports => Some(o.reports_open),
            Section::Outbox => Some(o.emails_failed),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_its_own_address_and_only_queues_count_what_waits() {
        for s in Section::ALL {
            assert_eq!(Section::from_slug(s.slug()), Some(s));
            assert!(s.path().starts_with("/admin/"));
        }
        let o = Overview { postings_to_moderate: 3, emails_failed: 1, ..Overview::default() };
        assert_eq!(Section::Moderation.waiting(&o), Some(3));
        assert_eq!(Section::Outbox.waiting(&o), Some(1));
        assert_eq!(Section::Audit.waiting(&o), None);
        assert_eq!(Section::from_slug("nope"), None);
    }
}

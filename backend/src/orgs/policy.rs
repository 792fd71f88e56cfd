//! Who may do what to an organization. Pure functions, no I/O.

use shared::orgs::OrgRole;

/// The caller's standing towards one organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub role: Option<OrgRole>,
    pub is_admin: bool,
}

impl Standing {
    pub fn is_owner(self) -> bool {
        self.role == Some(OrgRole::Owner)
    }

    pub fn is_member(self) -> bool {
        self.role.is_some()
    }

    /// Only owners edit the profile and manage members and invitations.
    pub fn may_manage(self) -> bool {
        self.is_owner()
    }

    /// Members and site admins see contact details and the member list.
    pub fn may_see_private(self) -> bool {
        self.is_member() || self.is_admin
    }

    /// Owners remove anyone; a member may remove only themself (leave).
    pub fn may_remove(self, actor_id: i64, target_id: i64) -> bool {
        self.is_owner() || (self.is_member() && actor_id == target_id)
    }
}

/// Whether changing `target`'s role from `from` to `to` (or removing them, `to = None`)
/// would leave the organization without an owner.
pub fn leaves_no_owner(owners: i64, from: OrgRole, to: Option<OrgRole>) -> bool {
    from == OrgRole::Owner && to != Some(OrgRole::Owner) && owners <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: Standing = Standing { role: Some(OrgRole::Owner), is_admin: false };
    const MEMBER: Standing = Standing { role: Some(OrgRole::Member), is_admin: false };
    const STRANGER: Standing = Standing { role: None, is_admin: false };
    const ADMIN: Standing = Standing { role: None, is_admin: true };

    #[test]
    fn only_owners_manage() {
        assert!(OWNER.may_manage());
        assert!(!MEMBER.may_manage());
        assert!(!STRANGER.may_manage());
        assert!(!ADMIN.may_manage());
    }

    #[test]
    fn members_and_admins_see_private_details_strangers_do_not() {
        assert!(OWNER.may_see_private() && MEMBER.may_see_private() && ADMIN.may_see_private());
        assert!(!STRANGER.may_see_private());
    }

    #[test]
    fn a_member_may_leave_but_not_remove_others() {
        assert!(MEMBER.may_remove(7, 7));
        assert!(!MEMBER.may_remove(7, 8));
        assert!(OWNER.may_remove(7, 8));
        assert!(!STRANGER.may_remove(7, 7));
    }

    #[test]
    fn the_last_owner_cannot_be_demoted_or_removed() {
        assert!(leaves_no_owner(1, OrgRole::Owner, Some(OrgRole::Member)));
        assert!(leaves_no_owner(1, OrgRole::Owner, None));
        assert!(!leaves_no_owner(2, OrgRole::Owner, None));
        assert!(!leaves_no_owner(1, OrgRole::Member, None));
        assert!(!leaves_no_owner(1, OrgRole::Owner, Some(OrgRole::Owner)));
    }
}

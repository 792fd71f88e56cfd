//! Who may do what to an engagement. Pure functions, no I/O.

use shared::engage::{EngagementStatus, Side};

/// The caller's relation to one engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Party {
    /// Member of the sending organization.
    pub sender: bool,
    /// Member of the receiving organization.
    pub receiver: bool,
    pub admin: bool,
}

impl Party {
    /// The two organizations' members see the engagement; site admins too, for moderation. For
    /// everyone else it does not exist (404).
    pub fn may_see(self) -> bool {
        self.sender || self.receiver || self.admin
    }

    /// Only the two sides act on it (admins read, they do not negotiate).
    pub fn may_act(self) -> bool {
        self.sender || self.receiver
    }

    pub fn side(self) -> Option<Side> {
        match (self.sender, self.receiver) {
            (true, _) => Some(Side::Sent),
            (_, true) => Some(Side::Received),
            _ => None,
        }
    }

    /// Only the receiver answers a request.
    pub fn may_answer(self) -> bool {
        self.receiver && !self.sender
    }

    /// Only the sender withdraws it.
    pub fn may_withdraw(self) -> bool {
        self.sender
    }
}

/// Contacts and the conversation exist only once both sides agreed (double opt-in).
pub fn open(status: EngagementStatus) -> bool {
    status == EngagementStatus::Accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENDER: Party = Party { sender: true, receiver: false, admin: false };
    const RECEIVER: Party = Party { sender: false, receiver: true, admin: false };
    const ADMIN: Party = Party { sender: false, receiver: false, admin: true };
    const STRANGER: Party = Party { sender: false, receiver: false, admin: false };

    #[test]
    fn strangers_do_not_see_an_engagement_admins_see_but_do_not_act() {
        assert!(!STRANGER.may_see());
        assert!(ADMIN.may_see() && !ADMIN.may_act());
        assert!(SENDER.may_act() && RECEIVER.may_act());
    }

    #[test]
    fn only_the_receiver_answers_and_only_the_sender_withdraws() {
        assert!(RECEIVER.may_answer() && !SENDER.may_answer() && !ADMIN.may_answer());
        assert!(SENDER.may_withdraw() && !RECEIVER.may_withdraw());
    }

    #[test]
    fn contacts_open_only_after_acceptance() {
        assert!(open(EngagementStatus::Accepted));
        for s in [EngagementStatus::Pending, EngagementStatus::Declined, EngagementStatus::Expired] {
            assert!(!open(s));
        }
    }
}

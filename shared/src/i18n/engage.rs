//! The catalogue: cooperation requests, contacts, messages and deals.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! engage_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    ProposalPilot => "场景试点", "Pilot in a scenario";
    ProposalInvestment => "投融资", "Investment";
    EngPending => "待回复", "Awaiting reply";
    EngAccepted => "已接受", "Accepted";
    EngDeclined => "已婉拒", "Declined";
    EngExpired => "已过期", "Expired";
    EngWithdrawn => "已撤回", "Withdrawn";
    StageNegotiating => "洽谈中", "Negotiating";
    StageSigned => "已签约", "Signed";
    StageCompleted => "已结项", "Completed";
    StageFailed => "未成", "Did not happen";
    FailNotRelevant => "需求与能力不相关", "Not relevant";
    FailBudget => "预算不匹配", "Budget";
    FailTiming => "时间不合适", "Timing";
    FailTerms => "条款未谈拢", "Terms";
    FailOther => "其他原因", "Other";
    SideSent => "我发出的", "Sent";
    SideReceived => "我收到的", "Received";
    EngTitle => "对接管理", "Engagements";
    EngIntro => "你的机构发出和收到的对接申请，以及接受后的合作进展。", "Requests your organizations sent and received, and the cooperations that followed.";
    EngEmpty => "暂无对接", "Nothing here yet";
    EngColumnClosed => "已结束", "Closed";
    EngRequestTitle => "申请对接", "Request cooperation";
    EngRequestIntro => "说明你能提供什么、希望如何合作；对方接受后，双方的联系方式才会互相可见。", "Say what you offer and how you would work together; contact details are shown to both sides only once they accept.";
    EngFromOrg => "代表机构", "On behalf of";
    EngProposal => "合作方式", "Cooperation mode";
    EngMessage => "留言", "Message";
    EngSend => "发送申请", "Send request";
    EngNeedVerified => "你的机构通过认证后才能申请对接：在“我的组织”中查看认证进度，补全资料可加快审核。", "Your organization must be verified before it can send requests: see where verification stands in My organizations; a complete profile speeds it up.";
    EngNoOrg => "申请对接以组织的名义发出：先创建您的组织，或请同事从组织成员页邀请您加入。", "Requests are sent on behalf of an organization: create yours, or ask a colleague to invite you from its members page.";
    EngLoginToRequest => "登录后可申请对接", "Sign in to request cooperation";
    EngAlreadyOpen => "已申请，查看进展", "Requested — see its progress";
    EngUnread => "条未读", "unread";
    EngAccept => "接受", "Accept";
    EngDecline => "婉拒", "Decline";
    EngDeclineReason => "婉拒理由", "Reason for declining";
    EngWithdraw => "撤回申请", "Withdraw";
    EngContacts => "联系方式", "Contacts";
    EngContactsHidden => "对方接受申请后，双方的联系方式才会显示。", "Contact details appear once the request is accepted.";
    EngPerson => "联系人", "Contact person";
    EngPhone => "电话", "Phone";
    EngEmail => "邮箱", "Email";
    EngConversation => "沟通", "Conversation";
    EngNoMessages => "还没有消息。", "No messages yet.";
    EngWrite => "写消息", "Write a message";
    EngSendMessage => "发送", "Send";
    EngAttach => "附件（PDF或图片，不超过10MB）", "Attachment (PDF or image, up to 10 MB)";
    EngMarkSigned => "标记已签约", "Mark signed";
    EngContractValue => "合同金额（万元）", "Contract value (10k CNY)";
    EngMarkCompleted => "标记已结项", "Mark completed";
    EngMarkFailed => "标记未成", "Mark as not happening";
    EngFailureReason => "未成原因", "Why it did not happen";
    EngHistory => "进展记录", "History";
    EngExpires(date) => "如未回复，这条申请将于 {date} 过期。", "If unanswered, this request expires on {date}.";
    EngFrom => "申请方", "From";
    EngTo => "接收方", "To";
    EngAbout => "查看所涉发布", "View the posting it is about";
    EngWithdrawAsk => "撤回后，对方将不能再接受这条申请。确定撤回？", "Once withdrawn, the other side can no longer accept this request. Withdraw it?";
    EngDeclineAsk => "婉拒后，对方会收到通知和您填写的理由，这条申请随即关闭。确定婉拒？", "The sender is told, with your reason, and the request closes. Decline it?";
    EngMarkFailedAsk => "标记未成后，这笔对接就此关闭，不能再标记签约。确定标记未成？", "The deal closes and can no longer be marked signed. Mark it as not happening?";
    EngReport => "举报该机构", "Report this organization";
    EngBlock => "屏蔽该机构的申请", "Block requests from this organization";
    EngReportReason => "举报理由", "Reason for the report";
    EngReported => "已提交举报", "Report sent";
    EngBlocked => "已屏蔽", "Blocked";
        }
    };
}

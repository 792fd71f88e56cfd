//! The catalogue: notifications and their preferences.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! notify_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    NoteRequestReceived => "收到对接申请", "Request received";
    NoteRequestAccepted => "申请被接受", "Request accepted";
    NoteRequestDeclined => "申请被婉拒", "Request declined";
    NoteRequestReminder => "待回复提醒", "Reminder to answer";
    NoteRequestExpired => "申请已过期", "Request expired";
    NoteNewMessage => "新消息", "New message";
    NoteStageChanged => "合作进展", "Deal progress";
    NoteHighScoreMatch => "高分匹配", "High-score match";
    NoteSavedSearchHit => "订阅搜索有新结果", "Saved search alert";
    NoteTextRequestReceived(org, title) => "{org}申请就「{title}」与你对接", "{org} asks to cooperate on “{title}”";
    NoteTextRequestAccepted(org, title) => "{org}接受了你就「{title}」的对接申请，联系方式已可见", "{org} accepted your request about “{title}”; contacts are now visible";
    NoteTextRequestDeclined(org, title) => "{org}婉拒了你就「{title}」的对接申请", "{org} declined your request about “{title}”";
    NoteTextRequestReminder(org, title) => "{org}就「{title}」的对接申请尚未回复，即将过期", "The request from {org} about “{title}” is waiting for your answer and will expire soon";
    NoteTextRequestExpired(org, title) => "你就「{title}」发给{org}的对接申请已过期", "Your request to {org} about “{title}” expired unanswered";
    NoteTextNewMessage(org, title) => "{org}就「{title}」发来新消息", "New message from {org} about “{title}”";
    NoteTextStageChanged(org, title, stage) => "与{org}就「{title}」的合作进展：{stage}", "Your cooperation with {org} on “{title}”: {stage}";
    NoteTextHighScoreMatch(title, score) => "新发布「{title}」与你的发布匹配度{score}分", "New posting “{title}” matches yours with a score of {score}";
    NoteTextSavedSearchHit(title, q) => "新发布「{title}」符合你订阅的搜索「{q}」", "New posting “{title}” fits your saved search “{q}”";
    NoteOpenCallResult => "揭榜结果", "Open call result";
    NoteObjection => "公示异议", "Objection";
    NoteTextOpenCallResult(title) => "「{title}」揭榜结果已公示", "The result of the open call “{title}” has been published";
    NoteSeatOffered => "候补名额", "Seat offered";
    NoteEventMessage => "活动通知", "Event message";
    NoteMeetingRequested => "洽谈邀约", "Meeting request";
    NoteMeetingAccepted => "洽谈已接受", "Meeting accepted";
    NoteMeetingsScheduled => "洽谈日程", "Meeting schedule";
    NoteJudgingAssigned => "评审任务", "Judging assignment";
    NoteCompetitionResult => "赛事结果", "Competition results";
    NoteConsultationInvite => "咨询邀请", "Consultation invitation";
    NoteTeamJoined => "参赛团队", "Competition team";
    NoteSpeakerInvitation => "演讲邀请", "Invitation to speak";
    NotePanelInvitation => "评审邀请", "Invitation to judge";
    NoteTeamInvitation => "组队邀请", "Invitation to a team";
    NoteStaffInvitation => "活动工作人员邀请", "Invitation to an event's staff";
    NoteTextStaffInvitation(org, title) => "{org}邀请您担任「{title}」的工作人员，请确认是否接受", "{org} invites you to the staff of “{title}”: please accept or decline";
    NoteCompetitionStageClosed => "赛事评审结果", "Stage results";
    NoteTextSeatOffered(title) => "「{title}」有名额空出，已为你保留，请在48小时内确认", "A seat at “{title}” is free and held for you; please confirm within 48 hours";
    NoteTextEventMessage(title, message) => "「{title}」主办方通知：{message}", "From the organizers of “{title}”: {message}";
    NoteTextMeetingRequested(org, title) => "{org} 邀请您在「{title}」洽谈", "{org} asks to meet you at “{title}”";
    NoteTextMeetingAccepted(org, title) => "{org} 接受了您在「{title}」的洽谈邀约", "{org} accepted your meeting request at “{title}”";
    NoteTextMeetingsScheduled(title, score) => "「{title}」的洽谈日程已排定：您有 {score} 场洽谈", "Your meetings at “{title}” are scheduled: {score} in all";
    NoteTextJudgingAssigned(score, title) => "「{title}」有 {score} 个参赛项目等待您评审", "{score} entries of “{title}” are waiting for your scores";
    NoteTextCompetitionResult(title) => "「{title}」的结果已公示", "The results of “{title}” have been published";
    NoteTextConsultationInvite(title) => "您受邀为技术需求「{title}」提供专家咨询", "You are invited to advise on the demand “{title}”";
    NoteTextSpeakerInvitation(org, q, title) => "{org}邀请您在「{title}」的「{q}」环节演讲，请确认是否接受", "{org} invites you to speak at “{q}” of “{title}”: please accept or decline";
    NoteTextPanelInvitation(org, title) => "{org}邀请您担任「{title}」的评审专家，请确认是否接受", "{org} invites you to judge “{title}”: please accept or decline";
    NoteTextTeamInvitation(org, q, title) => "{org}邀请您加入「{title}」的参赛团队「{q}」，请确认是否加入", "{org} invites you to join the team “{q}” in “{title}”: please join or decline";
    NoteTextTeamJoined(org, title) => "{org}将您加入了「{title}」的参赛团队", "{org} added you to a team in “{title}”";
    NoteTextCompetitionStageClosed(title) => "「{title}」本阶段评审已结束，请查看您团队的结果", "Judging of a stage of “{title}” has closed: see your team's result";
    NoteTextObjection(title) => "有人对「{title}」的公示结果提出异议，请答复", "Someone objected to the result of “{title}”; please answer";
    NotePostingApproved => "审核通过", "Approved";
    NotePostingRejected => "审核未通过", "Not approved";
    NoteTextPostingApproved(title) => "你的发布「{title}」已通过审核", "Your posting “{title}” was approved";
    NoteTextPostingRejected(title, reason) => "你的发布「{title}」未通过审核：{reason}", "Your posting “{title}” was not approved: {reason}";
    NotificationsTitle => "通知", "Notifications";
    NotificationsEmpty => "暂无通知", "No notifications";
    NotificationsMarkAll => "全部标为已读", "Mark all as read";
    NotificationsPrefs => "通知设置", "Notification settings";
    NotificationsInApp => "站内", "In the app";
    NotificationsEmail => "邮件", "Email";
    NotificationsSaved => "已保存", "Saved";
        }
    };
}

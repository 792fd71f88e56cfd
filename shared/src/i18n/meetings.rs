//! The catalogue: 1:1 meetings and their scheduler.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! meetings_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    MeetPending => "待回复", "Awaiting reply";
    MeetSlot => "时段", "Slot";
    MeetingsTitle => "一对一洽谈", "1:1 meetings";
    MeetingsOpen => "进入洽谈区", "Open the meeting area";
    MeetingsIntro => "选择您可洽谈的时段，浏览与您最匹配的参会者并发出邀约；主办方排定后，您的洽谈日程与桌号会显示在这里。", "Choose the slots you are free in, browse the attendees who fit you best and ask them to meet; once the organizers schedule the meetings, your agenda with table numbers shows here.";
    MeetingsNotAttendee => "报名确认后即可参与一对一洽谈。", "Once your registration is confirmed you can take part in the 1:1 meetings.";
    MeetingsNoSlots => "主办方尚未设置洽谈时段。", "The organizers have not set the meeting slots yet.";
    MeetingsAvailability => "我的可洽谈时段", "When I can meet";
    MeetingsSaveAvailability => "保存时段", "Save my slots";
    MeetingsSaved => "已保存", "Saved";
    MeetingsAttendees => "推荐洽谈对象", "Who to meet";
    MeetingsNoAttendees => "暂无其他参会者", "No other attendees yet";
    MeetingsCommonSlots(n) => "共同空闲 {n} 个时段", "{n} slots free in common";
    MeetingsVia(mine, theirs) => "依据：{mine} ↔ {theirs}", "Based on: {mine} ↔ {theirs}";
    MeetingsNoPostings => "双方尚无可比对的发布内容", "No postings on both sides to compare";
    MeetingsRequest => "邀约洽谈", "Ask to meet";
    MeetingsMessage => "留言（选填）", "Message (optional)";
    MeetingsRequests => "洽谈邀约", "Meeting requests";
    MeetingsNoRequests => "暂无邀约", "No requests yet";
    MeetingsIncoming => "收到", "Received";
    MeetingsOutgoing => "发出", "Sent";
    MeetingsAccept => "接受", "Accept";
    MeetingsDecline => "婉拒", "Decline";
    MeetingsWithdraw => "撤回", "Withdraw";
    MeetingsCallOff => "取消洽谈", "Call off";
    MeetingsAgenda => "我的洽谈日程", "My meetings";
    MeetingsNoAgenda => "尚未排定", "Not scheduled yet";
    MeetingsWith => "洽谈对象", "With";
    MeetingsIcs => "下载日程 (.ics)", "Download (.ics)";
    MeetingsSetup => "时段与桌位", "Slots and tables";
    MeetingsTables => "桌数", "Tables";
    MeetingsFirstSlot => "首个时段开始", "First slot starts";
    MeetingsSlotCount => "时段数", "Slots";
    MeetingsSlotMinutes => "每场分钟数", "Minutes per meeting";
    MeetingsPause => "间隔分钟数", "Minutes between";
    MeetingsSaveSetup => "生成时段", "Set the slots";
    MeetingsSchedule => "排定洽谈", "Schedule the meetings";
    MeetingsScheduleHint => "把已接受的邀约排入时段与桌位：任何人同一时段只有一场，只在双方都空闲的时段，不超过桌数；先求场次最多，再求匹配分最高。可随时重新排定。", "Places accepted requests at slots and tables: no one in two meetings at once, only when both are free, never more than the tables; as many meetings as possible, then the best-matched. Run it again at any time.";
    MeetingsReport(placed, accepted, avg, greedy_placed, greedy_avg, took) => "已排定 {placed} / {accepted} 场已接受的会谈，平均匹配分 {avg}（满分 100）；先到先排法只能排 {greedy_placed} 场，平均 {greedy_avg}。用时{took}。", "Placed {placed} of {accepted} accepted meetings, average match score {avg} (of 100); first come, first placed would place {greedy_placed}, average {greedy_avg}. Took {took}.";
    TookUnderMs => "不到 1 毫秒", "under 1 ms";
    TookMs(n) => " {n} 毫秒", "{n} ms";
    TookSeconds(n) => " {n} 秒", "{n} s";
    MeetNoScore => "无匹配分", "No match score";
    MeetNoScoreHint => "双方机构没有可比对的发布，这场会谈按邀约排定，不计匹配分。", "Their organizations have nothing published to compare: the meeting is placed because it was requested, without a match score.";
    MeetingsPlan => "桌位安排", "Table plan";
    MeetingsPlanXlsx => "导出桌位表 (Excel)", "Export the table plan (Excel)";
    MeetTable => "桌号", "Table";
    MeetPersonA => "甲方", "Attendee A";
    MeetOrgA => "甲方单位", "Organization A";
    MeetPersonB => "乙方", "Attendee B";
    MeetOrgB => "乙方单位", "Organization B";
    MeetScore => "匹配分", "Match score";
    MeetPlanTitle => "桌位安排", "Table plan";
    MeetIcsSummary(name, table) => "洽谈：{name} · {table}号桌", "Meeting: {name} · table {table}";
    MeetIcsLocation(table) => "{table}号桌", "Table {table}";
    MeetAccepted => "已接受", "Accepted";
    MeetDeclined => "已婉拒", "Declined";
    MeetCancelled => "已撤回", "Withdrawn";
        }
    };
}

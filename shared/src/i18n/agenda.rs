//! The catalogue: sessions, speakers, rooms.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! agenda_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    AgendaSpeakers => "嘉宾", "Speakers";
    AgendaTitle => "议程", "Agenda";
    AgendaEmpty => "议程尚未发布", "The agenda is not published yet";
    AgendaRoom => "会场", "Room";
    AgendaSeatsLeft(free, capacity) => "剩余 {free} / {capacity} 座", "{free} of {capacity} seats left";
    AgendaJoin => "预约席位", "Reserve a seat";
    AgendaLeave => "取消预约", "Give up the seat";
    AgendaJoined => "已预约", "Seat reserved";
    AgendaFull => "已满", "Full";
    AgendaAdd => "添加场次", "Add session";
    AgendaSessionTitle => "场次名称", "Session title";
    AgendaSessionTitleEn => "英文名称", "Title in English";
    AgendaSpeakersHint => "每行一位；填写平台用户的邮箱即关联其账号", "One per line; a platform user's email links their account";
    AgendaCapacity => "座位数", "Seats";
    AgendaCapacityHint => "不限座位请留空", "Leave empty when seats are not limited";
    AgendaJoinHint => "报名确认后可预约限额场次", "Once your registration is confirmed you can reserve seats in limited sessions";
    SpeakerNamed => "演讲嘉宾", "Speaker";
    SpeakerInvited => "待确认", "Awaiting reply";
    SpeakerAccepted => "已接受", "Accepted";
    SpeakerDeclined => "已婉拒", "Declined";
    SpeakerInviteTitle => "您受邀在此环节演讲", "You are invited to speak in this session";
    SpeakerAccept => "接受邀请", "Accept";
    SpeakerDecline => "婉拒", "Decline";
        }
    };
}

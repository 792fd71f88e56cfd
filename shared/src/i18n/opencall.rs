//! The catalogue: open calls (揭榜挂帅), applications, result notices and objections.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! opencall_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    NoticeOpen => "公示中", "Open for objections";
    NoticeUnderReview => "异议审查中", "Under review";
    NoticeFinal => "结果生效", "Final";
    NoticeOverturned => "结果撤销", "Overturned";
    NoticesTitle => "公示", "Public notices";
    NoticesIntro => "揭榜挂帅的结果在公示期内接受异议；公示期满且无未答复异议后结果生效。", "Open-call results are open to objections during the notice period; they become final when it ends with every objection answered.";
    NoticesEmpty => "暂无公示", "No notices yet";
    NoticeWinners => "揭榜单位", "Selected";
    NoticeRationale => "评选理由", "Rationale";
    NoticeWindowEnds => "公示截止", "Objections until";
    NoticeObjections => "异议", "Objections";
    NoticeNoObjections => "暂无异议", "No objections";
    NoticeFileObjection => "提出异议", "File an objection";
    NoticeGrounds => "异议理由", "Grounds";
    NoticeAnswer => "答复", "Answer";
    NoticeAnswered => "已答复", "Answered";
    NoticeDecide => "裁定", "Decide";
    NoticeUphold => "维持结果", "Uphold";
    NoticeOverturn => "撤销结果", "Overturn";
    ApplicationsTitle => "揭榜申请", "Applications";
    ApplyTitle => "我要揭榜", "Apply to this open call";
    ApplyIntro => "提交解决方案、团队、预算和进度安排；截止前可以修改。", "Submit your solution, team, budget and timeline; you can revise it until the deadline.";
    ApplySolution => "解决方案", "Proposed solution";
    ApplyTeam => "团队", "Team";
    ApplyBudget => "预算（万元）", "Budget (10k CNY)";
    ApplyTimeline => "进度安排", "Timeline";
    ApplySubmit => "提交申请", "Submit application";
    ApplyRevise => "修改申请", "Revise application";
    ApplyClosed => "申请已截止", "Applications are closed";
    ApplySubmitted => "申请已提交，截止前可修改", "Application submitted; you may revise it until the deadline";
    Shortlist => "入围", "Shortlist";
    AskClarification => "请求澄清", "Ask for clarification";
    SelectWinners => "选定揭榜单位并公示", "Select and publish the result";
    NoApplications => "还没有申请", "No applications yet";
        }
    };
}

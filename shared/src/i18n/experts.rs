//! The catalogue: the expert pool and consultations.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! experts_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    ExpertScientist => "科学家", "Scientist";
    ExpertsTitle => "专家库", "Expert pool";
    ConsultTitle => "专家咨询", "Expert consultation";
    ConsultIntro => "专家库中与本需求领域和关键词相符的专家。邀请后专家会收到通知，可通过本需求页与您联系。", "Experts of the pool whose fields and keywords fit this demand. An invited expert is notified and can contact you from this page.";
    ConsultInvite => "邀请咨询", "Invite to advise";
    ConsultInvited => "已邀请", "Invited";
    ExpertsIntro => "汇聚科学家、企业家与投资人，为技术需求提供咨询，为创新创业大赛担任评委。申请经平台审核后入库；主办单位可检索专家并邀请评审。", "Scientists, entrepreneurs and investors who advise on technology demands and judge innovation competitions. Applications are reviewed by the platform; organizers search the pool and invite judges.";
    ExpertsSignIn => "登录后可申请加入专家库。", "Sign in to apply to the expert pool.";
    ExpertsApply => "申请加入专家库", "Apply to the expert pool";
    ExpertsStatus => "申请状态", "Application";
    ExpertsKind => "专家类型", "Kind of expert";
    ExpertsKeywords => "专长关键词", "Expertise keywords";
    ExpertsKeywordsHint => "用顿号或逗号分隔，最多10个", "Separated by commas, at most 10";
    ExpertsAffiliation => "所在单位", "Affiliation";
    ExpertsJobTitle => "职称/职务", "Title";
    ExpertsBio => "个人简介", "Short bio";
    ExpertsConflicts => "利益冲突单位", "Conflicts of interest";
    ExpertsConflictsHint => "每行一个：曾任职单位或其他需回避的单位；您所属的平台组织自动回避。", "One per line: past employers or other organizations to avoid; the platform organizations you belong to are avoided anyway.";
    ExpertsSubmit => "提交申请", "Submit";
    ExpertsSearch => "检索专家", "Search the pool";
    ExpertsWords => "关键词", "Words";
    ExpertsFind => "检索", "Search";
    ExpertsNone => "没有符合条件的专家", "No expert matches";
    ExpertsReview => "专家入库审核", "Expert applications";
    ExpertsQueueEmpty => "暂无待审核的申请", "No applications waiting";
    ExpertsRejectReason => "不通过的原因", "Reason for refusing";
    ExpertEntrepreneur => "企业家", "Entrepreneur";
    ExpertInvestor => "投资人", "Investor";
    ExpertOther => "其他", "Other";
    ExpertPending => "待审核", "Awaiting review";
    ExpertApproved => "已入库", "In the pool";
    ExpertRejected => "未通过", "Not accepted";
        }
    };
}

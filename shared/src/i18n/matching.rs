//! The catalogue: matches, their factors and reasons, bundles, the feed.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! matching_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    FactorDomain => "领域", "Field";
    FactorText => "内容相关度", "Text relevance";
    FactorTrl => "技术成熟度", "Technology readiness";
    FactorBudget => "预算与价格", "Budget and price";
    FactorStage => "投资阶段", "Investment stage";
    FactorGeography => "地域", "Location";
    FactorTiming => "时间", "Timing";
    FactorStanding => "机构资质", "Standing";
    FactorFeedback => "反馈", "Feedback";
    BundlesTitle => "三方组合推荐", "Three-sided proposals";
    BundlesIntro => "一项成果、一个试点场景、一只基金：各自与需求匹配，彼此也相互契合。", "One capability, one pilot scenario, one fund: each fits the demand, and they fit each other.";
    BundlesEmpty => "暂时凑不齐成果、场景与投资三方。", "Not enough capabilities, scenarios and funds to combine yet.";
    BundleRequestOpen => "一键向三方发起对接", "Ask all three at once";
    BundleRequestIntro => "同一条留言分别发给三方：成果方按下面选择的合作方式，场景方为试点申请，投资方为融资对接。此前已发过请求的一方不会重复发送。", "One message goes to each party: the lab with the cooperation mode chosen below, the scenario's owner as a pilot request, the fund as an investment request. A party already asked is not asked again.";
    BundleCapabilityProposal => "向成果方提出的合作方式", "What you ask the lab for";
    BundleRequestSend => "发送给三方", "Send to all three";
    BundleRequestSent(n) => "已向{n}方发送对接请求。", "Requests sent to {n} parties.";
    BundleRequestAlready(n) => "{n}方此前已收到你的请求，未重复发送。", "{n} already had your request and were not asked again.";
    BundleRequestBoard => "查看对接进展", "See your requests";
    FeedTitle => "为我推荐", "For you";
    FeedIntro => "根据您所在组织已发布的信息，为您推荐最匹配的合作机会。", "The best opportunities for what your organizations have published.";
    FeedEmpty => "发布需求、成果、场景或投资偏好后，这里会出现为您推荐的机会。", "Publish a demand, capability, scenario or mandate to see opportunities here.";
    FeedFor => "对应：", "For: ";
    MatchesTitle => "推荐匹配", "Recommended matches";
    MatchesIntro => "按匹配度排序，每一项都列出得分构成与理由。", "Ranked by fit; every match shows how its score is made up and why.";
    MatchesEmpty => "暂无推荐，补充领域、关键词和详细说明可以获得更多匹配。", "No recommendations yet; fields, keywords and details bring more.";
    MatchScore => "匹配度", "Fit";
    MatchHeldBack => "主要不足：", "Held back by: ";
    MatchFactors => "得分构成", "Score breakdown";
    MatchFactorsLegend => "每项“得分 / 满分”相加即为匹配度（满分 100）；条形表示该项符合的程度，满分随管理员设定的权重而定。", "Each factor's points out of its maximum add up to the match score (out of 100); the bar shows how well the factor is met, and the maximums follow the weights the administrators set.";
    MatchPointsOf(points, max) => "{points} / {max} 分", "{points} of {max}";
    FitFull => "完全符合", "fully met";
    FitMostly => "基本符合", "mostly met";
    FitPartly => "部分符合", "partly met";
    FitHardly => "基本不符", "hardly met";
    MatchSave => "收藏", "Save";
    MatchSaved => "已收藏", "Saved";
    MatchDismiss => "不感兴趣", "Not interested";
    MatchMinScore => "最低匹配度", "Minimum fit";
        }
    };
}

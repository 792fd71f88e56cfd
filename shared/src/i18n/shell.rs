//! The catalogue: the app shell: navigation, the home page, pages, lists, not found.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! shell_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    AppName => "未来产业对接平台", "FutureMatch";
    AppTagline => "杭州未来产业合作交流平台 · 让技术需求、创新成果、应用场景与资本高效对接", "Hangzhou's future-industry exchange: technology demands, innovation, application scenarios and capital, matched";
    NavHome => "首页", "Home";
    NavDemands => "需求", "Demands";
    NavCapabilities => "成果与能力", "Capabilities";
    NavScenarios => "场景", "Scenarios";
    NavInvestors => "投资", "Investors";
    NavEvents => "活动", "Events";
    NavDashboard => "看板", "Dashboard";
    NavLogin => "登录", "Log in";
    NavRegister => "注册", "Register";
    NavLogout => "退出登录", "Log out";
    NavAccount => "我的账户", "My account";
    NavMyOrgs => "我的组织", "My organizations";
    NavAdmin => "管理后台", "Admin";
    NavOrganizations => "组织名录", "Organizations";
    NavMenu => "菜单", "Menu";
    NavSearch => "搜索", "Search";
    NavMore => "更多", "More";
    LanguageSwitch => "切换语言", "Switch language";
    Loading => "加载中…", "Loading…";
    Retry => "重试", "Retry";
    AppCrashed => "页面出错了，请刷新后再试。", "Something went wrong on this page. Please reload it.";
    Back => "返回", "Back";
    PrevPage => "上一页", "Previous";
    NextPage => "下一页", "Next";
    PageOf(page, pages, total) => "第 {page} / {pages} 页，共 {total} 条", "Page {page} of {pages}, {total} in all";
    FooterText => "杭州市未来产业合作交流平台 · 建设中的 5+X+N 未来产业培育体系", "Hangzhou future-industry cooperation platform · the 5+X+N system";
    ApiDocsLink => "开放接口文档", "API documentation";
    ApiDocsIntro => "所有接口均使用 JSON。出错时统一返回 {\"error\":{\"code\",\"message\",\"fields\"}}，提示语言依次取用户设置、Accept-Language 请求头、简体中文。登录或注册后通过 fm_session Cookie 认证。机器可读文档：", "All endpoints speak JSON. Errors always answer {\"error\":{\"code\",\"message\",\"fields\"}}; messages follow the user's language, else Accept-Language, else zh-CN. Authentication is the fm_session cookie set by login or registration. Machine-readable document: ";
    HomeHeroTitle => "让每一项技术需求找到解题者", "Every technology demand, matched with those who can solve it";
    HomeHeroBody => "企业发布技术需求与揭榜挂帅任务，实验室与科研院所展示成果与能力，场景方开放应用场景，投资机构发布投资偏好——平台为各方智能匹配、促成合作。", "Enterprises post technology demands and open calls; labs and institutes publish capabilities; scenario owners open pilots; investors publish mandates. The platform matches them and helps them work together.";
    HomeCtaRegister => "立即注册", "Get started";
    HomeCtaBrowse => "浏览组织名录", "Browse organizations";
    HomeSectionIndustries => "5+X 重点领域", "The 5+X fields";
    HomeHot => "五大风口潜力产业", "Five hot potential industries";
    HomeFrontier => "前沿领域", "Frontier fields";
    HomeSectionRoles => "谁在使用平台", "Who uses the platform";
    HomeRoleEnterprise => "企业：发布技术需求、揭榜挂帅任务与融资需求", "Enterprises: post technology demands, open calls and funding needs";
    HomeRoleLab => "实验室与科研院所：发布成果、能力与概念验证服务", "Labs and institutes: publish achievements, capabilities and proof-of-concept services";
    HomeRoleScenario => "场景方：开放未来工厂、未来医院等应用场景", "Scenario owners: open future factories, hospitals and other pilot sites";
    HomeRoleInvestor => "投资机构：发布投资偏好，发现优质项目", "Investors: publish mandates and find deals";
    HomeFiguresTitle => "平台实时数据", "Live on the platform";
    HomeFigDeals => "今年签约", "Deals signed this year";
    HomeNewestDemands => "最新技术需求", "Newest demands";
    HomeOpenCalls => "揭榜挂帅 · 即将截止", "Open calls closing soon";
    HomeCallCloses(date) => "{date} 截止揭榜", "Applications close on {date}";
    HomeCallReward(amount) => "榜额：{amount}", "Reward: {amount}";
    HomeUpcomingEvents => "近期活动", "Upcoming events";
    HomeCompetitions => "进行中的赛事", "Competitions under way";
    HomeStageDeadline(date) => "本阶段 {date} 截止", "This stage closes on {date}";
    HomeSeeAll => "查看全部", "See all";
    HomeNothingYet => "暂无内容。", "Nothing here yet.";
    HomeWelcome(name) => "{name}，您好", "Hello, {name}";
    HomeTodoTitle => "需要您处理", "Needs you";
    HomeTodoRequests(n) => "{n} 个合作请求待您回复", "Requests waiting for your answer: {n}";
    HomeTodoMessages(n) => "{n} 条未读消息", "Unread messages: {n}";
    HomeTodoNotifications(n) => "{n} 条未读通知", "Unread notifications: {n}";
    HomeTodoMatches(n) => "{n} 个新的高分匹配（80 分以上）", "New strong matches (80 or more): {n}";
    HomeTodoJudging(n) => "{n} 个参赛项目待您评审", "Entries waiting for your scores: {n}";
    HomeTodoEvents(n) => "您的组织有 {n} 场活动即将举行", "Upcoming events your organizations run: {n}";
    HomeTodoNone => "暂时没有需要您处理的事项。", "Nothing needs you right now.";
    HomeActionsTitle => "快速开始", "Get going";
    HomeNoOrg => "加入或创建一个组织后，即可发布技术需求、成果、场景与投资偏好并申请对接。", "Join or create an organization to post demands, capabilities, scenarios and mandates and to request cooperation.";
    HomeNoOrgJoin => "您的单位已在平台上？请其管理员在成员页向您发出邀请。", "Is your organization already here? Ask its administrator to invite you from its members page.";
    RetryAfterMinutes(minutes) => "请在 {minutes} 分钟后重试", "Try again in {minutes} minutes";
    NavEngagements => "对接", "Engagements";
    AppSubmitted => "已提交", "Submitted";
    AppShortlisted => "入围", "Shortlisted";
    AppSelected => "揭榜成功", "Selected";
    AppNotSelected => "未入选", "Not selected";
    NavCompetitions => "创新创业赛事", "Competitions";
    NavJudging => "我的评审", "My judging";
    NavExperts => "专家库", "Experts";
    KeywordPlaceholder => "技术、产品或机构，如 固态电池", "Technology, product or organization";
    KeywordNothingFound => "没有找到相关结果。可以换个说法、少用几个词，或清除搜索查看全部。", "Nothing found. Try other or fewer words, or clear the search to see everything.";
    KeywordClear => "清除搜索", "Clear the search";
    NotFoundTitle => "页面不存在", "Page not found";
    NotFoundBody => "您访问的页面不存在或已被移除。", "The page you are looking for does not exist or was removed.";
    NotFoundHome => "返回首页", "Back to the home page";
        }
    };
}

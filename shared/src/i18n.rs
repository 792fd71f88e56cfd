//! The i18n catalogue: every user-visible string, in Simplified Chinese (default) and English.
//!
//! Keys are an enum so a missing translation is a compile error, not a blank on screen.

use serde::{Deserialize, Serialize};

/// A supported interface language. zh-CN is the default for a Hangzhou platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, as stored and sent over the wire.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a stored or user-supplied tag; accepts any `zh*` / `en*` variant.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Locale::ZhCn)
        } else if lower.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value,
    /// honouring q-values; `None` when nothing in it is supported.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(locale) = Locale::from_tag(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l)
    }

    /// The label shown in the language switch (each language names itself).
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "中文",
            Locale::En => "English",
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A catalogue key. `Msg::X.t(locale)` gives the text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            /// The text in `locale`: an index into one table per language (in the browser a
            /// table is a fraction of the code a `match` over every key compiles to).
            pub fn t(self, locale: Locale) -> &'static str {
                static ZH: &[&str] = &[$($zh),*];
                static EN: &[&str] = &[$($en),*];
                match locale {
                    Locale::ZhCn => ZH[self as usize],
                    Locale::En => EN[self as usize],
                }
            }
        }
    };
}

catalogue! {
    // ---- errors (codes) ----
    ErrMalformedJson => "请求格式有误，无法解析", "The request body could not be parsed";
    ErrInvalidQuery => "查询参数有误", "The query string is invalid";
    ErrUnsupportedMediaType => "请求须为 JSON 格式（Content-Type: application/json）", "The request must be JSON (Content-Type: application/json)";
    VerifyTitle => "验证邮箱", "Verify your email";
    VerifyAsk => "确认这是您的邮箱，完成验证。", "Confirm that this email address is yours to finish verifying it.";
    VerifyConfirm => "确认验证", "Confirm";
    VerifyDone => "邮箱已验证。现在可以创建或加入组织、报名活动和发起对接了。", "Your email is verified. You can now create or join organizations, register for events and send requests.";
    VerifyContinue => "继续", "Continue";
    VerifyBanner => "请验证邮箱：我们已向 {email} 发送了验证链接。验证后才能创建或加入组织、接受邀请、报名活动和发起对接。", "Please verify your email: we sent a link to {email}. Until then you cannot create or join organizations, accept invitations, register for events or send requests.";
    VerifyResend => "重新发送验证邮件", "Resend the verification email";
    VerifyResent => "已发送，请查收邮件（包括垃圾邮件文件夹）。", "Sent — check your inbox (and the spam folder).";
    VerifyEmailSubject => "请验证您的邮箱", "Verify your email address";
    VerifyEmailBody => "欢迎注册未来产业对接平台。请在 {hours} 小时内打开以下链接，验证这个邮箱地址：\n{link}\n\n验证后即可创建或加入组织、接受邀请、报名活动和发起对接。如果不是您本人注册，请忽略此邮件。", "Welcome to FutureMatch. Open this link within {hours} hours to verify this email address:\n{link}\n\nOnce verified you can create or join organizations, accept invitations, register for events and send requests. If you did not register, ignore this email.";
    ErrEmailNotVerified => "请先验证邮箱：点击我们发到您邮箱的链接（页面顶部可重新发送验证邮件）", "Verify your email first: follow the link we sent you (the bar at the top of the page sends it again)";
    ErrVerificationInvalid => "验证链接无效或已过期：登录后可在页面顶部重新发送验证邮件", "This verification link is invalid or has expired: sign in and send it again from the bar at the top of the page";
    ErrAlreadyInTeam => "您已加入本赛事的另一支队伍：每人只能加入一支队伍", "You already joined another team in this competition: one team per person";
    ErrLeaderMustHandOver => "队长不能直接退出：请先把队长转交给一位已加入的队员（队伍已提交材料时同样适用）", "The team leader cannot just leave: first make a member who joined the leader (this also holds once the team has submitted)";
    ErrScanReused => "这个扫码编号（设备与 nonce）已用于另一张门票，未签到任何人；请重新扫码", "This scan's device and nonce were already used with another ticket; nobody was checked in — scan again";
    ErrImportInvalid => "表格中有错误，未导入任何内容：请按提示修改后重新上传", "The spreadsheet has problems, so nothing was imported: fix them and upload it again";
    ErrWorkbookRefused => "无法读取这个文件：请上传 .xlsx 工作簿（不含宏）或 UTF-8 / GBK 编码的 .csv 文件", "This file cannot be read: upload an .xlsx workbook (without macros) or a UTF-8 or GBK .csv file";
    ErrWorkbookDamaged => "无法读取这个文件：它已损坏，或内容与扩展名不符。请重新导出 .xlsx 或 .csv 后再上传", "This file cannot be read: it is damaged or not what its name says. Export the .xlsx or .csv again and upload it";
    ErrNotPublished => "这条发布尚未公开（草稿、待审核或已关闭）：公开发布后才有推荐匹配", "This posting is not published (a draft, awaiting review or closed): it gets matches once it is published";
    ErrPayloadTooLarge => "请求内容过大（上限 {limit} MiB）", "The request body is too large (limit {limit} MiB)";
    ErrUnauthenticated => "请先登录", "Please log in first";
    ErrInvalidCredentials => "邮箱或密码不正确", "Wrong email or password";
    ErrForbidden => "您没有执行此操作的权限", "You are not allowed to do this";
    ErrNotFound => "未找到该内容", "Not found";
    ErrRouteNotFound => "接口不存在", "No such API route";
    ErrMethodNotAllowed => "不支持该请求方法", "Method not allowed";
    ErrConflict => "与现有数据冲突", "This conflicts with existing data";
    ErrEmailTaken => "该邮箱已注册", "This email is already registered";
    ErrValidation => "请检查标记的字段", "Please check the highlighted fields";
    FieldProblem => "{field}：{problem}", "{field}: {problem}";
    Colon => "：", ": ";
    ListSep => "、", ", ";
    ErrTooManyRequests => "尝试次数过多，请稍后再试", "Too many attempts, please try again later";
    ErrBusy => "系统繁忙，请稍后重试", "The server is busy; please try again in a moment";
    ErrSessionFull => "该场次座位已满", "This session is full";
    ErrNotAttendee => "需先报名并确认参会", "Only attendees with a confirmed registration can do this";
    ErrNotMatchmaking => "只有对接会活动可安排洽谈", "Only matchmaking events have meetings";
    ErrRegistrationNotOpen => "报名尚未开始", "Registration has not opened yet";
    ErrRegistrationClosed => "报名已截止", "Registration has closed";
    ErrUndoUnavailable => "已无法撤销：名额已让给候补者，或撤销时限已过", "This can no longer be undone: the seats went to the waiting list, or the time to undo has passed";
    ErrCrossOrigin => "请求来自其他网站，已被拒绝；请直接在本平台上操作", "The request came from another site and was refused; use the platform's own pages";
    ErrAccountDisabled => "该账号已被平台停用，如有疑问请联系管理员", "This account was disabled by the platform; contact the administrators";
    AdminUsersTitle => "用户管理", "Users";
    AdminUsersSearch => "按邮箱或姓名检索", "Search by email or name";
    AdminUsersDisable => "停用", "Disable";
    AdminUsersEnable => "启用", "Enable";
    AdminUsersReset => "注销全部会话", "Sign out everywhere";
    AdminUsersDisabled => "已停用", "Disabled";
    AdminUsersSessions => "会话", "Sessions";
    EventRegOpens => "报名开始", "Registration opens";
    EventRegCloses => "报名截止", "Registration closes";
    EventRegWindowHint => "留空：即时开放，活动结束前均可报名", "Leave empty: open at once, until the event ends";
    EventRegNotYet => "报名将于 {at} 开始", "Registration opens on {at}";
    EventRegClosed => "报名已截止", "Registration has closed";
    EventRegUntil => "报名截止：{at}", "Registration closes on {at}";
    EventCover => "封面图", "Cover image";
    EventDescriptionEn => "活动介绍（英文）", "Description (English)";
    EventCoverHint => "PNG、JPEG、GIF 或 WebP，不超过 10 MB", "PNG, JPEG, GIF or WebP, up to 10 MB";
    EventCoverAlt => "活动封面", "Event cover";
    ErrInternal => "服务器出现问题，请稍后再试", "Something went wrong on our side, please try again later";
    ErrLastOwner => "组织至少需要保留一位所有者", "An organization must keep at least one owner";
    ErrInvitationInvalid => "邀请链接无效或已过期", "This invitation is invalid or has expired";
    ErrInvitationEmailMismatch => "该邀请发给了其他邮箱，请用受邀邮箱登录", "This invitation was sent to another email; log in with that address";
    ErrAlreadyMember => "该用户已是组织成员", "This person is already a member";
    ErrTermExists => "该代码已存在", "This code already exists";
    ErrNotVerified => "组织通过认证后才能提交发布", "Your organization must be verified before it can submit";
    ErrWrongOrgKind => "该类型的组织不能发布此类信息", "This kind of organization cannot post this";
    ErrInvalidTransition => "当前状态下不能执行此操作", "This cannot be done in the current state";
    ErrAlreadyRequested => "你的机构已就该发布提交过对接申请", "Your organization has already sent a request about this posting";
    ErrRequestLimit => "今日对接申请已达上限，请明天再试", "Your organization has reached today's limit of requests; try again tomorrow";
    ErrBlocked => "对方不接受你的机构的对接申请", "This organization does not accept requests from yours";
    ErrRequestExpired => "该申请已过期，不能再接受", "This request has expired and can no longer be accepted";
    ErrOwnPosting => "不能向自己的机构发出对接申请", "You cannot send a request to your own organization";
    ErrFileType => "只接受PDF或图片（PNG、JPEG、GIF、WebP）", "Only PDF files and images (PNG, JPEG, GIF, WebP) are accepted";
    ErrNetwork => "网络连接失败，请检查网络后重试", "Network error, please check your connection and retry";

    // ---- field validation ----
    FieldRequired => "此项为必填项", "This field is required";
    FieldEmailInvalid => "请输入有效的邮箱地址", "Enter a valid email address";
    FieldPasswordTooShort => "密码至少需要 10 个字符", "The password needs at least 10 characters";
    FieldPasswordTooLong => "密码不能超过 128 个字符", "The password may have at most 128 characters";
    FieldPasswordCommon => "该密码过于常见，请换一个更难猜的密码", "This password is too common; choose one that is harder to guess";
    FieldPasswordWrong => "当前密码不正确", "The current password is wrong";
    FieldTooLong => "内容过长", "This is too long";
    FieldUnknownTerm => "请从列表中选择有效选项", "Choose a valid option from the list";
    FieldNotForKind => "该选项不适用于此组织类型", "This option does not apply to this kind of organization";
    FieldUrlInvalid => "请输入以 http:// 或 https:// 开头的网址", "Enter a URL starting with http:// or https://";
    FieldYearInvalid => "请输入 1900 年至今的年份", "Enter a year between 1900 and this year";
    FieldPhoneInvalid => "请输入有效的电话号码", "Enter a valid phone number";
    FieldCodeInvalid => "代码只能包含小写字母、数字和下划线", "Codes may contain lowercase letters, digits and underscores only";
    FieldInvalid => "格式不正确", "This value is not valid";
    FieldDateInPast => "日期不能早于今天", "The date cannot be in the past";
    FieldRangeInverted => "下限不能高于上限", "The minimum cannot exceed the maximum";
    FieldFundBelowTicket => "基金规模不能小于单笔投资金额", "A fund cannot be smaller than the tickets it writes";
    FieldOutOfRange => "数值超出允许范围", "The value is out of the allowed range";
    FieldNotOneOf => "不是可选的值。可选值：{values}", "Not one of the allowed values: {values}";
    FieldUnknownField => "没有这个字段：请删除它或检查拼写", "Unknown field: remove it or check its spelling";
    FieldExpectedInteger => "应为整数", "Must be a whole number";
    FieldExpectedNumber => "应为数字", "Must be a number";
    FieldExpectedText => "应为文本", "Must be text (a string)";
    FieldExpectedBoolean => "应为 true 或 false", "Must be true or false";
    FieldExpectedList => "应为列表（数组）", "Must be a list (an array)";
    FieldExpectedObject => "应为对象", "Must be an object";
    FieldCreditCodeInvalid => "不是有效的统一社会信用代码（18 位，末位为校验码）", "Not a valid unified social credit code (18 characters, the last a check character)";
    FieldCreditCodeTaken => "已有组织使用这个统一社会信用代码", "Another organization already has this unified social credit code";
    FieldFormulaRefused => "内容以 = + - @ 开头或是公式，表格软件会把它当公式执行：请去掉开头的符号或粘贴为纯文本", "Starts with = + - @ or is a formula, which spreadsheet apps would run: remove the leading sign or paste it as plain text";
    FieldExpectedDate => "应为日期，如 2027-03-31", "Must be a date, such as 2027-03-31";
    FieldOrgNotVerified => "该组织尚未认证，只能导入为草稿", "This organization is not verified: its postings can only be imported as drafts";
    FieldOtherOrg => "这一行写的不是您选择导入的组织", "This row names an organization other than the one you are importing into";
    FieldDatesOutOfOrder => "开始日期不能晚于结束日期", "The start cannot be after the end";
    FieldControlChars => "不能包含控制字符、换行或文字方向控制符", "Must not contain control characters, line breaks or text-direction overrides";
    FieldDateOutOfRange => "日期须在 2000-01-01 至 2099-12-31 之间", "Dates must be between 2000-01-01 and 2099-12-31";
    FieldTooFew => "请至少选择一项", "Choose at least one";
    FieldTooMany => "选择的项目过多", "Too many items selected";

    // ---- app shell ----
    AppName => "未来产业对接平台", "FutureMatch";
    EmailFooter => "——未来产业对接平台。可在“通知设置”中选择哪些通知发送邮件。", "— FutureMatch. Choose which notifications reach you by email under Notification settings.";
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
    Save => "保存", "Save";
    Saved => "已保存", "Saved";
    Cancel => "取消", "Cancel";
    Edit => "编辑", "Edit";
    Create => "创建", "Create";
    Remove => "移除", "Remove";
    Back => "返回", "Back";
    Yes => "是", "Yes";
    No => "否", "No";
    None_ => "无", "None";
    NotSet => "未填写", "Not provided";
    PrevPage => "上一页", "Previous";
    NextPage => "下一页", "Next";
    PageOf => "第 {page} / {pages} 页，共 {total} 条", "Page {page} of {pages}, {total} in all";
    FooterText => "杭州市未来产业合作交流平台 · 建设中的 5+X+N 未来产业培育体系", "Hangzhou future-industry cooperation platform · the 5+X+N system";
    ApiDocsLink => "开放接口文档", "API documentation";
    ApiDocsIntro => "所有接口均使用 JSON。出错时统一返回 {\"error\":{\"code\",\"message\",\"fields\"}}，提示语言依次取用户设置、Accept-Language 请求头、简体中文。登录或注册后通过 fm_session Cookie 认证。机器可读文档：", "All endpoints speak JSON. Errors always answer {\"error\":{\"code\",\"message\",\"fields\"}}; messages follow the user's language, else Accept-Language, else zh-CN. Authentication is the fm_session cookie set by login or registration. Machine-readable document: ";

    // ---- home ----
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
    HomeCallCloses => "{date} 截止揭榜", "Applications close on {date}";
    HomeCallReward => "榜额：{amount}", "Reward: {amount}";
    HomeUpcomingEvents => "近期活动", "Upcoming events";
    HomeCompetitions => "进行中的赛事", "Competitions under way";
    HomeStageDeadline => "本阶段 {date} 截止", "This stage closes on {date}";
    HomeSeeAll => "查看全部", "See all";
    HomeNothingYet => "暂无内容。", "Nothing here yet.";
    HomeWelcome => "{name}，您好", "Hello, {name}";
    HomeTodoTitle => "需要您处理", "Needs you";
    HomeTodoRequests => "{n} 个合作请求待您回复", "Requests waiting for your answer: {n}";
    HomeTodoMessages => "{n} 条未读消息", "Unread messages: {n}";
    HomeTodoNotifications => "{n} 条未读通知", "Unread notifications: {n}";
    HomeTodoMatches => "{n} 个新的高分匹配（80 分以上）", "New strong matches (80 or more): {n}";
    HomeTodoJudging => "{n} 个参赛项目待您评审", "Entries waiting for your scores: {n}";
    HomeTodoEvents => "您的组织有 {n} 场活动即将举行", "Upcoming events your organizations run: {n}";
    HomeTodoNone => "暂时没有需要您处理的事项。", "Nothing needs you right now.";
    HomeActionsTitle => "快速开始", "Get going";
    HomeNoOrg => "加入或创建一个组织后，即可发布技术需求、成果、场景与投资偏好并申请对接。", "Join or create an organization to post demands, capabilities, scenarios and mandates and to request cooperation.";
    HomeNoOrgJoin => "您的单位已在平台上？请其管理员在成员页向您发出邀请。", "Is your organization already here? Ask its administrator to invite you from its members page.";

    // ---- upcoming capability pages ----

    // ---- auth ----
    LoginTitle => "登录", "Log in";
    RegisterTitle => "注册账户", "Create an account";
    FieldEmail => "邮箱", "Email";
    FieldPassword => "密码", "Password";
    FieldPasswordHint => "至少 10 个字符，避免常见密码", "At least 10 characters; avoid common passwords";
    FieldDisplayName => "姓名 / 昵称", "Display name";
    FieldLocale => "界面语言", "Interface language";
    LoginSubmit => "登录", "Log in";
    RegisterSubmit => "注册", "Register";
    NoAccountYet => "还没有账户？", "No account yet?";
    HaveAccount => "已有账户？", "Already registered?";
    RetryAfterMinutes => "请在 {minutes} 分钟后重试", "Try again in {minutes} minutes";

    // ---- account ----
    AccountTitle => "我的账户", "My account";
    AccountMyData => "我的个人信息", "My personal data";
    AccountMyDataIntro => "依据《个人信息保护法》，您可以下载平台保存的关于您的全部信息（JSON 格式）：账户、登录记录、所属组织、发布与对接、消息、活动报名、专家资料、参赛团队、通知和审计日志中的操作。", "Under China's Personal Information Protection Law you can download everything the platform holds about you (JSON): account, sign-ins, organizations, postings and requests, messages, event registrations, expert profile, competition teams, notifications and your actions in the audit log.";
    AccountMyDataDownload => "下载我的数据", "Download my data";
    AccountProfile => "个人资料", "Profile";
    AccountChangePassword => "修改密码", "Change password";
    FieldCurrentPassword => "当前密码", "Current password";
    FieldNewPassword => "新密码", "New password";
    PasswordChanged => "密码已修改，其他设备上的登录已失效", "Password changed; sessions on other devices were signed out";
    AccountMemberships => "所属组织", "Organizations";
    SiteAdminBadge => "平台管理员", "Site administrator";

    // ---- organizations ----
    OrgsTitle => "组织名录", "Organizations";
    OrgsIntro => "入驻平台的企业、实验室与科研院所、投资机构和活动主办方。", "Enterprises, labs and institutes, investors and event organizers on the platform.";
    MyOrgsTitle => "我的组织", "My organizations";
    MyOrgsEmpty => "您还没有加入任何组织。创建一个组织，或请组织所有者向您发送邀请。", "You are not in any organization yet. Create one, or ask an owner to invite you.";
    OrgCreateTitle => "创建组织", "Create an organization";
    OrgEditTitle => "编辑组织资料", "Edit organization profile";
    OrgNameZh => "中文名称", "Name (Chinese)";
    OrgNameEn => "英文名称", "Name (English)";
    OrgKind => "组织类型", "Kind";
    OrgSubtype => "细分类型", "Sub-type";
    OrgTiers => "企业梯队", "Enterprise tiers";
    OrgCreditCode => "统一社会信用代码", "Unified social credit code";
    OrgDomains => "所属领域（5+X）", "Fields (5+X)";
    OrgDistrict => "所在区县", "District";
    OrgPilotZone => "未来产业先导区", "Pilot zone";
    OrgDescription => "简介", "Description";
    OrgWebsite => "网站", "Website";
    OrgFounded => "成立年份", "Founded";
    OrgSize => "规模", "Size";
    OrgContactPhone => "联系电话", "Contact phone";
    OrgContactEmail => "联系邮箱", "Contact email";
    OrgContactPrivate => "联系方式仅组织成员可见", "Contact details are visible to members only";
    OrgVerified => "已认证", "Verified";
    OrgJoined => "入驻时间", "On the platform since";
    OrgUnverified => "待认证", "Not verified";
    OrgVerify => "认证", "Verify";
    OrgUnverify => "撤销认证", "Revoke verification";
    OrgMembersTitle => "成员管理", "Members";
    OrgMembersCount => "{n} 位成员", "Members: {n}";
    OrgRoleOwner => "所有者", "Owner";
    OrgRoleMember => "成员", "Member";
    OrgRole => "角色", "Role";
    OrgInvite => "邀请成员", "Invite a member";
    OrgInviteSubmit => "生成邀请链接", "Create invitation link";
    OrgInviteCreated => "邀请已创建。请将以下链接发送给受邀人：", "Invitation created. Send this link to the invitee:";
    OrgPendingInvites => "待接受的邀请", "Pending invitations";
    OrgRevoke => "撤回", "Revoke";
    OrgLeave => "退出组织", "Leave";
    OrgKindAll => "全部类型", "All kinds";
    OrgSearch => "搜索组织名称", "Search by name";
    OrgFilterVerified => "认证状态", "Verification";
    OrgAll => "全部", "All";
    OrgEmpty => "没有符合条件的组织", "No organizations match";
    OrgNotMember => "您不是该组织成员", "You are not a member of this organization";
    OrgExpires => "有效期至", "Expires";
    KindEnterprise => "企业", "Enterprise";
    KindLab => "实验室 / 科研机构", "Lab / research institution";
    KindInvestor => "投资机构", "Investor";
    KindOrganizer => "活动主办方", "Organizer";
    SizeMicro => "20 人以下", "Under 20 people";
    SizeSmall => "20–99 人", "20–99 people";
    SizeMedium => "100–499 人", "100–499 people";
    SizeLarge => "500–1999 人", "500–1,999 people";
    SizeHuge => "2000 人以上", "2,000 people or more";
    ChooseOne => "请选择", "Choose…";

    // ---- marketplace ----
    PostingDemand => "技术需求", "Technology demand";
    PostingCapability => "成果与能力", "Capability";
    PostingScenario => "场景开放", "Scenario opening";
    PostingMandate => "投资偏好", "Investor mandate";
    StatusDraft => "草稿", "Draft";
    StatusSubmitted => "待审核", "Awaiting review";
    StatusPublished => "已发布", "Published";
    StatusRejected => "未通过", "Rejected";
    StatusClosed => "已关闭", "Closed";
    StatusExpired => "已过期", "Expired";
    ExportId => "编号", "ID";
    ExportTitle => "标题", "Title";
    ExportOrg => "机构", "Organization";
    ExportType => "类型", "Type";
    ExportDomains => "领域", "Fields";
    ExportDistrict => "区县", "District";
    ExportTrl => "技术成熟度", "TRL";
    ExportAmountMin => "金额下限（万元）", "Amount from (CNY 10k)";
    ExportAmountMax => "金额上限（万元）", "Amount to (CNY 10k)";
    ExportDeadline => "截止日期", "Deadline";
    ExportStatus => "状态", "Status";
    ExportPublished => "发布时间", "Published";
    ExportLink => "链接", "Link";
    ExportPostingsCsv => "导出 CSV", "Export to CSV";
    ExportEngagements => "对接与交易", "Requests and deals";
    ExportSide => "方向", "Direction";
    ExportStage => "对接阶段", "Deal stage";
    ExportPostingKind => "信息类型", "Kind";
    ExportSignedOn => "签约日期", "Signed on";
    ExportCreated => "发起时间", "Sent";
    ExportUpdated => "最近更新", "Last activity";

    // ---- spreadsheet import ----
    ImportTitle => "批量导入", "Import from a spreadsheet";
    ImportNav => "批量导入", "Import";
    ImportIntro => "用 Excel 需求征集表一次导入多条技术需求、成果与能力、应用场景或投资偏好。先下载模板填写，上传后预览每一行的检查结果，确认后才会全部写入；有任何错误都不会写入。", "Import many demands, capabilities, scenarios or mandates at once from an Excel collection sheet. Download the template and fill it in; after uploading you see each row's check, and the postings are written only when you confirm, all of them or none.";
    ImportTemplateZh => "下载中文模板", "Download the Chinese template";
    ImportTemplateEn => "下载英文模板", "Download the English template";
    ImportTemplateHint => "模板每类一个工作表，代码列有下拉选项，第二行是示例（导入时忽略）；也可上传 UTF-8 或 GBK 编码的 .csv（一类一个文件）。", "The template has one sheet per kind, drop-down lists for coded columns and an example row (ignored on import); a UTF-8 or GBK .csv of one kind also works.";
    ImportOrg => "导入到组织", "Import into";
    ImportOnBehalf => "按表中的组织名称或统一社会信用代码（缺少的组织将以未认证状态创建）", "The organizations the rows name, by credit code or name (missing ones are created unverified)";
    ImportMode => "导入后状态", "Import as";
    ImportAsDraft => "草稿（之后逐条检查、提交）", "Drafts (check and submit later)";
    ImportAsSubmitted => "直接提交审核", "Submitted for review";
    ImportFile => "选择文件（.xlsx 或 .csv，最大 10 MB，最多 10,000 行）", "File (.xlsx or .csv, up to 10 MB and 10,000 rows)";
    ImportCheck => "上传并预览", "Upload and preview";
    ImportChecking => "正在检查…", "Checking…";
    ImportConfirm => "确认导入 {n} 条", "Import {n} postings";
    ImportSummary => "共 {rows} 行：{valid} 行可导入，{invalid} 行有错误。", "{rows} rows: {valid} ready, {invalid} with problems.";
    ImportSkipped => "已忽略 {n} 行示例。", "{n} example rows ignored.";
    ImportFixHint => "请在表格中修改下列错误后重新上传；有错误时不会导入任何内容。", "Fix these in the spreadsheet and upload it again; nothing is imported while any row has a problem.";
    ImportNewOrgs => "将新建以下未认证组织：", "These organizations will be created, unverified: ";
    ImportRow => "行", "Row";
    ImportSheet => "工作表", "Sheet";
    ImportColumn => "列", "Column";
    ImportProblem => "问题", "Problem";
    ImportRowOk => "可导入", "Ready";
    ImportDone => "已导入 {n} 条。", "{n} postings imported.";
    ImportSeeMine => "在“我的发布”中查看", "See them in My postings";
    ImportAgain => "再导入一个文件", "Import another file";
    ImportNoOrg => "您还不是任何组织的成员：请先创建或加入组织，再导入。", "You are not a member of any organization yet: create or join one first.";
    ImportMissingColumn => "工作表“{sheet}”缺少必填列：{columns}", "Sheet \"{sheet}\" lacks required columns: {columns}";
    ImportUnknownSheet => "无法识别的工作表“{sheet}”已跳过（工作表名须为模板中的名称）", "Sheet \"{sheet}\" was skipped: its name is not one of the template's";
    ImportTooManyRows => "行数超过上限 {max}，请分成几个文件导入", "More than {max} rows: split the file";
    ImportNoRows => "文件中没有可导入的行", "The file holds no rows to import";
    ImportUnknownColumn => "工作表“{sheet}”中无法识别的列已忽略：{columns}", "Columns not recognised in sheet \"{sheet}\" were ignored: {columns}";
    ImportExampleMark => "【示例】", "[Example]";
    ImportInstructions => "填写说明", "Instructions";
    ImportLists => "选项", "Options";
    ImportOrgName => "组织名称", "Organization";
    ImportOrgSubtype => "组织类别（新建实验室或投资机构时填写）", "Organization type (for a new lab or investor)";
    ImportOpenCallDeadline => "揭榜申报截止日期", "Open call closes";
    ImportNegotiable => "价格面议（是/否）", "Price negotiable (yes/no)";
    ImportPatents => "专利号", "Patent numbers";
    ImportTeam => "团队介绍", "Team";
    ImportCases => "应用案例", "Cases";
    ImportIpStatus => "知识产权状态", "IP status";
    ImportExpectedOutcome => "预期成果", "Expected outcome";
    ImportIndicators => "技术指标", "Indicators";
    ImportStart => "计划开始日期", "Start date";
    ImportDeadline => "截止日期", "Deadline";
    ImportCategory => "场景类别", "Scenario category";
    ImportSite => "场景地点", "Site";
    ImportSeeks => "寻求的技术", "Technology sought";
    ImportOffers => "场景提供", "What the scenario offers";
    ImportSlots => "拟接纳方案数", "Solutions taken";
    ImportFundType => "投资机构类型", "Investor type";
    ImportDistricts => "投资区域", "Districts invested in";
    ImportPortfolio => "代表案例", "Portfolio";
    ImportDemandType => "需求类型", "Demand type";
    ImportDistrict => "所在区县", "District";
    ImportPilotZone => "所属试验区", "Pilot zone";
    ImportHowTo => "每个工作表的第一行是列名，不要修改；第二行是示例，可删除或保留（以“【示例】”开头的行不会导入）。带 * 的列必填。代码列可从下拉选项中选择，也可填写代码；多个值用顿号、逗号或分号分隔。金额单位为万元，日期写成 2027-03-31。以 = + - @ 开头的内容会被拒绝。组织名称与统一社会信用代码仅管理员代表组织导入时需要填写。", "Row 1 of each sheet holds the column names: keep them. Row 2 is an example you may delete or keep (rows starting with \"[Example]\" are not imported). Columns marked * are required. Coded columns offer a drop-down list; codes work too; separate several values with commas or semicolons. Amounts are in 10k CNY, dates like 2027-03-31. Text starting with = + - @ is refused. Organization name and credit code are needed only when an administrator imports on behalf of organizations.";
    DemandTechProblem => "技术攻关", "Technical problem";
    DemandJointRnd => "联合研发", "Joint R&D";
    DemandTechAcquisition => "成果转化", "Acquire or license a technology";
    DemandExpertConsultation => "专家咨询", "Expert consultation";
    DemandFunding => "融资需求", "Funding need";
    CapResearch => "研发能力", "Research capability";
    CapTransferable => "可转化成果 / 专利", "Transferable result or patent";
    CapPoc => "概念验证服务", "Proof-of-concept service";
    CapFacility => "检测 / 算力设施", "Testing or compute facility";
    IpNone => "无知识产权", "No IP";
    IpApplied => "专利申请中", "Patent pending";
    IpGranted => "已授权专利", "Granted patents";
    ModeLicense => "许可", "License";
    ModeTransfer => "转让", "Transfer";
    ModeJointDevelopment => "联合开发", "Joint development";
    ModeContractResearch => "委托研发", "Contract research";
    ModeService => "技术服务", "Service";
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
    NavEngagements => "对接", "Engagements";
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
    EngExpires => "如未回复，这条申请将于 {date} 过期。", "If unanswered, this request expires on {date}.";
    EngFrom => "申请方", "From";
    EngTo => "接收方", "To";
    EngAbout => "查看所涉发布", "View the posting it is about";
    EvRequested => "发出申请", "Request sent";
    EvAccepted => "接受申请", "Accepted";
    EvDeclined => "婉拒申请", "Declined";
    EvWithdrawn => "撤回申请", "Withdrawn";
    EvExpired => "申请过期", "Expired";
    EvReminded => "提醒回复", "Reminder sent";
    NoteRequestReceived => "收到对接申请", "Request received";
    NoteRequestAccepted => "申请被接受", "Request accepted";
    NoteRequestDeclined => "申请被婉拒", "Request declined";
    NoteRequestReminder => "待回复提醒", "Reminder to answer";
    NoteRequestExpired => "申请已过期", "Request expired";
    NoteNewMessage => "新消息", "New message";
    NoteStageChanged => "合作进展", "Deal progress";
    NoteHighScoreMatch => "高分匹配", "High-score match";
    NoteSavedSearchHit => "订阅搜索有新结果", "Saved search alert";
    NoteTextRequestReceived => "{org}申请就「{title}」与你对接", "{org} asks to cooperate on “{title}”";
    NoteTextRequestAccepted => "{org}接受了你就「{title}」的对接申请，联系方式已可见", "{org} accepted your request about “{title}”; contacts are now visible";
    NoteTextRequestDeclined => "{org}婉拒了你就「{title}」的对接申请", "{org} declined your request about “{title}”";
    NoteTextRequestReminder => "{org}就「{title}」的对接申请尚未回复，即将过期", "The request from {org} about “{title}” is waiting for your answer and will expire soon";
    NoteTextRequestExpired => "你就「{title}」发给{org}的对接申请已过期", "Your request to {org} about “{title}” expired unanswered";
    NoteTextNewMessage => "{org}就「{title}」发来新消息", "New message from {org} about “{title}”";
    NoteTextStageChanged => "与{org}就「{title}」的合作进展：{stage}", "Your cooperation with {org} on “{title}”: {stage}";
    NoteTextHighScoreMatch => "新发布「{title}」与你的发布匹配度{score}分", "New posting “{title}” matches yours with a score of {score}";
    NoteTextSavedSearchHit => "新发布「{title}」符合你订阅的搜索「{q}」", "New posting “{title}” fits your saved search “{q}”";
    AppSubmitted => "已提交", "Submitted";
    AppShortlisted => "入围", "Shortlisted";
    AppSelected => "揭榜成功", "Selected";
    AppNotSelected => "未入选", "Not selected";
    NoticeOpen => "公示中", "Open for objections";
    NoticeUnderReview => "异议审查中", "Under review";
    NoticeFinal => "结果生效", "Final";
    NoticeOverturned => "结果撤销", "Overturned";
    NoteOpenCallResult => "揭榜结果", "Open call result";
    NoteObjection => "公示异议", "Objection";
    NoteTextOpenCallResult => "「{title}」揭榜结果已公示", "The result of the open call “{title}” has been published";
    NoteSeatOffered => "候补名额", "Seat offered";
    NoteEventMessage => "活动通知", "Event message";
    NoteMeetingRequested => "洽谈邀约", "Meeting request";
    RegPromote => "移至候补首位", "Move to the front";
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
    NoteTextStaffInvitation => "{org}邀请您担任「{title}」的工作人员，请确认是否接受", "{org} invites you to the staff of “{title}”: please accept or decline";
    StaffInviteText => "您受邀担任本活动的工作人员：", "You are invited to this event's staff as:";
    StaffInvited => "待确认", "Invited";
    NoteCompetitionStageClosed => "赛事评审结果", "Stage results";
    NoteTextSeatOffered => "「{title}」有名额空出，已为你保留，请在48小时内确认", "A seat at “{title}” is free and held for you; please confirm within 48 hours";
    NoteTextEventMessage => "「{title}」主办方通知：{message}", "From the organizers of “{title}”: {message}";
    NoteTextMeetingRequested => "{org} 邀请您在「{title}」洽谈", "{org} asks to meet you at “{title}”";
    NoteTextMeetingAccepted => "{org} 接受了您在「{title}」的洽谈邀约", "{org} accepted your meeting request at “{title}”";
    NoteTextMeetingsScheduled => "「{title}」的洽谈日程已排定：您有 {score} 场洽谈", "Your meetings at “{title}” are scheduled: {score} in all";
    NoteTextJudgingAssigned => "「{title}」有 {score} 个参赛项目等待您评审", "{score} entries of “{title}” are waiting for your scores";
    NoteTextCompetitionResult => "「{title}」的结果已公示", "The results of “{title}” have been published";
    NoteTextConsultationInvite => "您受邀为技术需求「{title}」提供专家咨询", "You are invited to advise on the demand “{title}”";
    NoteTextSpeakerInvitation => "{org}邀请您在「{title}」的「{q}」环节演讲，请确认是否接受", "{org} invites you to speak at “{q}” of “{title}”: please accept or decline";
    NoteTextPanelInvitation => "{org}邀请您担任「{title}」的评审专家，请确认是否接受", "{org} invites you to judge “{title}”: please accept or decline";
    NoteTextTeamInvitation => "{org}邀请您加入「{title}」的参赛团队「{q}」，请确认是否加入", "{org} invites you to join the team “{q}” in “{title}”: please join or decline";
    NoteTextTeamJoined => "{org}将您加入了「{title}」的参赛团队", "{org} added you to a team in “{title}”";
    NoteTextCompetitionStageClosed => "「{title}」本阶段评审已结束，请查看您团队的结果", "Judging of a stage of “{title}” has closed: see your team's result";
    NoteTextObjection => "有人对「{title}」的公示结果提出异议，请答复", "Someone objected to the result of “{title}”; please answer";
    NotePostingApproved => "审核通过", "Approved";
    NotePostingRejected => "审核未通过", "Not approved";
    NoteTextPostingApproved => "你的发布「{title}」已通过审核", "Your posting “{title}” was approved";
    NoteTextPostingRejected => "你的发布「{title}」未通过审核：{reason}", "Your posting “{title}” was not approved: {reason}";
    AdminReportsTitle => "举报", "Abuse reports";
    AdminReportsEmpty => "暂无举报", "No reports";
    AdminOutboxTitle => "邮件发件箱", "Email outbox";
    AdminOutboxPending => "待发送", "Waiting";
    EventForum => "论坛", "Forum";
    EventConference => "大会", "Conference";
    EventExhibition => "展会", "Exhibition";
    EventMatchmaking => "对接会", "Matchmaking meeting";
    EventRoadshow => "路演", "Roadshow";
    RegConfirmed => "已确认", "Confirmed";
    RegPending => "待审核", "Awaiting approval";
    RegWaitlisted => "候补中", "On the waiting list";
    RegOffered => "候补转正待确认", "Seat offered";
    RegCancelled => "已取消", "Cancelled";
    RegRejected => "未通过", "Rejected";
    MeetPending => "待回复", "Awaiting reply";
    StageOpen => "征集中", "Taking submissions";
    StageJudging => "评审中", "Judging";
    StageClosed => "已结束", "Closed";
    ExpertScientist => "科学家", "Scientist";
    ExpertsTitle => "专家库", "Expert pool";
    AdminAuditTitle => "审计日志", "Audit log";
    AuditOrgVerify => "认证机构", "Verified an organization";
    AuditOrgUnverify => "撤销机构认证", "Withdrew an organization's verification";
    AuditPostingModerate => "审核发布", "Moderated a posting";
    AuditPostingImport => "批量导入发布", "Imported postings";
    AuditExpertReview => "审核专家入库", "Reviewed an expert application";
    AuditNoticeDecide => "裁定异议", "Decided on an objection";
    AuditTaxonomyAdd => "新增参考数据", "Added reference data";
    AuditTargetEdit => "修改规划目标", "Changed a plan target";
    AuditMatchingWeights => "修改匹配权重", "Changed the matching weights";
    AuditRetentionEdit => "修改保留期限", "Changed retention periods";
    AuditRetentionApply => "执行到期清理", "Applied retention";
    AuditAdminCreate => "创建管理员", "Created an administrator";
    AuditAdminPromote => "设为管理员", "Made an administrator";
    AuditAccountPassword => "修改密码", "Changed a password";
    AuditLoginFailed => "登录失败", "Failed sign-in";
    AuditEmailVerified => "验证邮箱", "Verified an email address";
    AuditAccountDelete => "注销账户", "Deleted an account";
    AuditUserDisable => "停用账户", "Disabled an account";
    AuditUserEnable => "启用账户", "Enabled an account";
    AuditSessionsReset => "强制退出所有设备", "Signed an account out everywhere";
    AuditRaw => "原始记录", "Raw record";
    AuditSystem => "系统", "System";
    AuditGroupOrg => "机构", "Organizations";
    AuditGroupPosting => "发布", "Postings";
    AuditGroupExpert => "专家", "Experts";
    AuditGroupNotice => "揭榜结果与异议", "Results and objections";
    AuditGroupTaxonomy => "参考数据", "Reference data";
    AuditGroupAdmin => "管理员", "Administrators";
    AuditGroupAccount => "账户", "Accounts";
    AuditGroupUser => "账户管理", "Account management";
    AdminAuditIntact => "哈希链完整，未发现篡改", "The hash chain holds: no entry was altered";
    AdminAuditBroken => "哈希链断裂：记录被改动或删除，起始于", "The hash chain is broken: an entry was altered or removed, starting at";
    AdminAuditAt => "时间", "When";
    AdminAuditActor => "操作人", "Who";
    AdminAuditAction => "操作", "Action";
    AdminAuditTarget => "对象", "Target";
    AdminAuditChange => "变更前 → 变更后", "Before → after";
    ConsultTitle => "专家咨询", "Expert consultation";
    ConsultIntro => "专家库中与本需求领域和关键词相符的专家。邀请后专家会收到通知，可通过本需求页与您联系。", "Experts of the pool whose fields and keywords fit this demand. An invited expert is notified and can contact you from this page.";
    ConsultInvite => "邀请咨询", "Invite to advise";
    ConsultInvited => "已邀请", "Invited";
    NavCompetitions => "创新创业赛事", "Competitions";
    NavJudging => "我的评审", "My judging";
    CompTitle => "创新创业赛事", "Competitions";
    CompIntro => "面向5+X未来产业领域的创新创业大赛：按赛道报名，分阶段提交项目材料，由专家库评委在线评审，结果公示后颁发证书。", "Innovation and entrepreneurship competitions in the 5+X future industries: register a team in a track, submit stage by stage, be judged online by experts from the pool; results are published for objections, then certificates are issued.";
    CompNew => "发布赛事", "New competition";
    CompEdit => "编辑赛事", "Edit competition";
    CompNone => "暂无赛事", "No competitions yet";
    CompEligibility => "参赛条件", "Eligibility";
    CompEligibilityEn => "参赛条件（英文）", "Eligibility (English)";
    CompTracks => "赛道", "Tracks";
    CompTrack => "赛道", "Track";
    CompTrackName => "赛道名称", "Track name";
    CompNameEn => "英文名称", "English name";
    CompAddTrack => "添加赛道", "Add a track";
    CompStages => "赛程", "Stages";
    CompStageName => "阶段", "Stage";
    CompAddStage => "添加阶段", "Add a stage";
    CompDeadline => "提交截止", "Submissions close";
    CompAdvance => "每赛道晋级/获奖数", "Advance (per track)";
    CompFields => "附加提交项", "Extra submission fields";
    CompFieldsHint => "附加提交项每行一项，以 * 开头表示必填；最后一个阶段的晋级数即每个赛道的获奖数。", "One extra field per line, a leading * makes it required; the last stage's number is the prize winners per track.";
    CompRubric => "评分标准", "Rubric";
    CompCriterion => "评分项", "Criterion";
    CompWeight => "权重（%）", "Weight (%)";
    CompScale => "满分", "Scale (points)";
    CompWeightSum => "权重合计（须为100）", "Weights add up to (must be 100)";
    CompAddCriterion => "添加评分项", "Add a criterion";
    CompJudgesPerEntry => "每个项目的评委数", "Judges per entry";
    CompTeams => "参赛团队", "Teams";
    CompTeam => "团队", "Team";
    CompSignIn => "登录后可报名参赛。", "Sign in to register a team.";
    CompSignInButton => "登录报名", "Sign in to register";
    CompOrganizerView => "您是本大赛的主办方：参赛队伍、评审与结果在下方的“赛事管理”中。报名表只对参赛者显示。", "You run this competition: teams, judging and results are under “Running the competition” below. Only entrants see the registration form.";
    CompGoToManagement => "前往赛事管理", "Go to running the competition";
    CompRegister => "报名参赛", "Register a team";
    CompTeamName => "团队名称", "Team name";
    CompTeamOrg => "所属单位", "Organization";
    CompMembers => "团队成员", "Members";
    CompRegisterSubmit => "提交报名", "Register";
    CompMembersHint => "每行一个邮箱；已注册的成员会收到通知，可查看团队并代表团队提交材料。", "One email per line; members with an account are notified, see the team and may submit for it.";
    CompColleagues => "从本单位添加", "Add from your organization";
    CompMyTeam => "我的团队", "My team";
    CompReached => "所处阶段", "Stage reached";
    CompAllStagesPassed => "已通过全部阶段", "Through every stage";
    CompSubmission => "项目提交", "Submission";
    CompSummary => "项目摘要", "Project summary";
    CompVideo => "路演视频链接", "Video link";
    CompPlan => "商业计划书（PDF，不超过20MB）", "Business plan (PDF, up to 20 MB)";
    CompSubmit => "保存为新版本", "Save as a new version";
    CompVersions => "历史版本", "Earlier versions";
    CompVersion => "版本", "Version";
    CompFrozen => "本阶段提交已截止，材料已锁定。", "This stage's deadline has passed; the submission is frozen.";
    CompOrganizer => "赛事管理", "Running the competition";
    CompPanel => "评审专家组", "Judging panel";
    CompPanelSave => "保存专家组", "Save the panel";
    CompAssign => "自动分配评委", "Assign judges";
    CompAssignAfterDeadline => "提交截止后才能分配评委。", "Judges are assigned once submissions close.";
    CompRelease => "下发评审任务", "Release to the judges";
    CompReleased => "已下发", "Released";
    CompNoAssignment => "尚未分配评委", "No judges assigned yet";
    CompJudges => "评委", "Judges";
    CompFit => "专业匹配度", "Expertise fit";
    CompFitAverage => "评委与作品的平均专业匹配度 {pct}%（{pairs} 组）", "Judges fit their entries' fields {pct}% on average ({pairs} judge–entry pairs)";
    CompGreedyFitAverage => "先到先分配为 {pct}%", "first come, first assigned would give {pct}%";
    CompFitHint => "匹配度看评委的专长领域和关键词与作品的相符程度，100% 为完全相符。", "Fit compares each judge's fields and keywords with the entry's; 100% is a perfect fit.";
    CompLoad => "评审量", "Loads";
    CompResults => "评审结果", "Results";
    CompRank => "名次", "Rank";
    CompRaw => "原始分", "Raw";
    CompNormalised => "标准分", "Normalised";
    CompScores => "各评委评分（原始→标准）", "Per judge (raw → normalised)";
    CompMissing => "缺评", "Missing";
    CompAdvances => "晋级", "Advances";
    CompClose => "结束本阶段评审", "Close the stage";
    CompExport => "导出评分表（Excel）", "Export scores (Excel)";
    CompNormNote => "标准分：每位评委的加权总分先换算为该评委评分内的z分数，再按本阶段全部评分的均值和标准差还原到百分制，以消除评委宽严差异。", "Normalised: each judge's weighted totals become z-scores within that judge, rescaled to the mean and standard deviation of all the stage's totals, removing lenient and harsh judges' bias.";
    CompTieRule => "同一赛道内按标准分排名；标准分相同时依次比较原始分、权重最高评分项的平均得分、报名先后。", "Within a track entries rank by normalised score; ties go to the higher raw score, then the higher mean on the most heavily weighted criterion, then the earlier registration.";
    CompPublish => "公示最终结果", "Publish the final results";
    CompRationale => "评审说明", "Statement";
    CompNotice => "结果公示", "Results notice";
    CompAudit => "操作日志", "Audit log";
    CompRanking => "获奖名单", "Prize winners";
    CompCertificate => "获奖证书", "Certificate";
    CompJudging => "我的评审", "My judging";
    CompJudgingIntro => "分配给您的参赛项目。评分在本阶段结束前可随时修改。", "The entries assigned to you. You can change your scores until the stage closes.";
    CompJudgingNone => "暂无评审任务", "Nothing to judge";
    CompScore => "评分", "Scores";
    CompScored => "已评分", "Scored";
    CompNotScored => "待评分", "To score";
    CompComment => "评语", "Comment";
    CompOverall => "总体意见", "Overall comments";
    CompTotal => "加权总分", "Weighted total";
    CompSaveScore => "保存评分", "Save scores";
    CompSaved => "评分已保存", "Scores saved";
    CompScoringClosed => "本阶段评审已结束，评分不可再修改。", "This stage is closed; scores can no longer change.";
    CertTitle => "荣誉证书", "Certificate of Award";
    CertBody => "{team} 在「{title}」{track}中荣获第 {rank} 名。", "{team} placed {rank} in the {track} of “{title}”.";
    CertMembers => "团队成员", "Team members";
    CertPrint => "打印证书", "Print";
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
    NavExperts => "专家库", "Experts";
    ExpertEntrepreneur => "企业家", "Entrepreneur";
    ExpertInvestor => "投资人", "Investor";
    ExpertOther => "其他", "Other";
    ExpertPending => "待审核", "Awaiting review";
    ExpertApproved => "已入库", "In the pool";
    ExpertRejected => "未通过", "Not accepted";
    MeetSlot => "时段", "Slot";
    AgendaSpeakers => "嘉宾", "Speakers";
    AgendaTitle => "议程", "Agenda";
    AgendaEmpty => "议程尚未发布", "The agenda is not published yet";
    AgendaRoom => "会场", "Room";
    AgendaSeatsLeft => "剩余 {free} / {capacity} 座", "{free} of {capacity} seats left";
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
    BadgesTitle => "胸卡", "Badges";
    BadgesOpen => "打印胸卡", "Print badges";
    BadgesEmpty => "暂无已确认的参会人", "No confirmed attendees yet";
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
    MeetingsCommonSlots => "共同空闲 {n} 个时段", "{n} slots free in common";
    MeetingsVia => "依据：{mine} ↔ {theirs}", "Based on: {mine} ↔ {theirs}";
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
    MeetingsReport => "已排定 {placed} / {accepted} 场已接受的会谈，平均匹配分 {avg}（满分 100）；先到先排法只能排 {greedy_placed} 场，平均 {greedy_avg}。用时{took}。", "Placed {placed} of {accepted} accepted meetings, average match score {avg} (of 100); first come, first placed would place {greedy_placed}, average {greedy_avg}. Took {took}.";
    TookUnderMs => "不到 1 毫秒", "under 1 ms";
    TookMs => " {n} 毫秒", "{n} ms";
    TookSeconds => " {n} 秒", "{n} s";
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
    MeetIcsSummary => "洽谈：{name} · {table}号桌", "Meeting: {name} · table {table}";
    MeetIcsLocation => "{table}号桌", "Table {table}";
    MeetAccepted => "已接受", "Accepted";
    MeetDeclined => "已婉拒", "Declined";
    MeetCancelled => "已撤回", "Withdrawn";
    EventsTitle => "活动", "Events";
    EventsIntro => "未来产业论坛、大会、展会、对接会与路演：在线报名，满员自动候补，空出名额按顺序递补。", "Future-industry forums, conferences, exhibitions, matchmaking meetings and roadshows: register online; when full you join the waiting list and freed seats are offered in order.";
    EventsUpcoming => "即将举行", "Upcoming";
    EventsPast => "往期活动", "Past events";
    EventsEmpty => "暂无活动", "No events";
    EventsNew => "发布活动", "New event";
    EventType => "活动类型", "Type";
    EventVenue => "地点", "Venue";
    EventOnline => "线上链接", "Online link";
    EventStarts => "开始时间", "Starts";
    EventEnds => "结束时间", "Ends";
    EventCapacity => "总名额", "Capacity";
    EventInvitationOnly => "仅限邀请", "Invitation only";
    TeamInvited => "待确认", "Invited";
    TeamJoinedStatus => "已加入", "Joined";
    TeamInviteText => "您被邀请加入这支队伍", "You are invited to join this team";
    TeamJoin => "加入队伍", "Join the team";
    TeamDeclineInvite => "婉拒", "Decline";
    TeamLeave => "退出队伍", "Leave the team";
    TeamHandOver => "转交队长", "Make team leader";
    TeamInviteMember => "邀请队员", "Invite a member";
    TeamLeaveConfirm => "确定退出这支队伍吗？退出后需队长重新邀请才能回来。", "Leave this team? The leader must invite you again to come back.";
    PanelInvited => "待回复", "Awaiting reply";
    PanelAccepted => "已接受", "Accepted";
    PanelDeclined => "已婉拒", "Declined";
    CompPanelInvited => "勾选的专家会收到邀请，接受后才会被分配评审任务。", "Checked experts are invited; they are assigned entries only once they accept.";
    PanelInvitationsTitle => "评审邀请", "Invitations to judge";
    PanelInvitationText => "{org}邀请您担任「{title}」{stage}的评审专家", "{org} invites you to judge {stage} of “{title}”";
    PanelAccept => "接受", "Accept";
    PanelDecline => "婉拒", "Decline";
    SpeakerNamed => "演讲嘉宾", "Speaker";
    SpeakerInvited => "待确认", "Awaiting reply";
    SpeakerAccepted => "已接受", "Accepted";
    SpeakerDeclined => "已婉拒", "Declined";
    SpeakerInviteTitle => "您受邀在此环节演讲", "You are invited to speak in this session";
    SpeakerAccept => "接受邀请", "Accept";
    SpeakerDecline => "婉拒", "Decline";
    EventDraft => "草稿：只有主办方能看到。组织通过认证后即可发布，发布后公众可见、可报名。", "Draft: only its organizers see it. Once the organization is verified it can be published, and the public can see it and register.";
    EventPublish => "发布活动", "Publish the event";
    CompDraft => "草稿：只有主办方能看到。组织通过认证后即可发布，发布后公众可见、可报名组队。", "Draft: only its organizers see it. Once the organization is verified it can be opened to the public, who can then register teams.";
    CompOpen => "发布赛事", "Open the competition";
    EventVerifiedOnly => "报名须已验证邮箱", "Registrants must have verified their email";
    EventSeatsFree => "剩余名额", "Seats left";
    EventWaiting => "候补", "Waiting";
    TicketTypes => "票种", "Ticket types";
    TicketName => "票种名称", "Ticket type";
    TicketQuota => "名额", "Quota";
    TicketApproval => "需审核", "Needs approval";
    TicketAdd => "添加票种", "Add ticket type";
    EventRegisterTitle => "报名", "Register";
    ConfirmYes => "确定", "Yes, go ahead";
    ConfirmNo => "返回", "Go back";
    RegisterCancelAsk => "取消后，如有人候补，名额会立即让给下一位，无法撤销；无人候补时 30 分钟内可撤销。确定取消报名？", "If someone is waiting, your seat goes to them at once and cannot be taken back; otherwise you can undo within 30 minutes. Cancel your registration?";
    RegisterCancelledUndo => "您已取消报名。{at} 前可撤销，恢复原来的报名。", "You cancelled your registration. Until {at} you can undo this and keep your place.";
    RegisterUndo => "撤销取消", "Undo cancellation";
    RegSortNewest => "最新报名在前", "Newest first";
    RegSortOldest => "最早报名在前", "Oldest first";
    RegSortName => "按报名人", "By registrant";
    RegSortOrg => "按机构", "By organization";
    RegSortStatus => "按状态", "By status";
    RegSortCheckedIn => "已签到在前", "Checked in first";
    BulkApprove => "批量通过", "Approve selected";
    BulkReject => "批量拒绝", "Reject selected";
    BulkApproveAsk => "所选的待审核报名将全部通过，名额随即确认，电子票即可使用。确定？", "Every selected pending registration will be approved: its seats are confirmed and its tickets usable. Go ahead?";
    BulkRejectAsk => "所选的待审核报名将全部被拒绝，名额会让给候补名单。确定？", "Every selected pending registration will be rejected and its seats go to the waiting list. Go ahead?";
    BulkMessage => "给所选的人发消息", "Message the selected";
    BulkExport => "导出所选（CSV）", "Export the selected (CSV)";
    BulkDone => "已处理 {n} 条报名", "{n} registrations updated";
    RegSelected => "已选 {n} 条", "{n} selected";
    RegSelectPage => "选择本页全部", "Select this page";
    RegFilterAll => "全部", "All";
    RegSortDefault => "最新报名在前", "Newest first";
    RegTotal => "共 {n} 条报名", "{n} registrations";
    RegColRegistrant => "报名人", "Registrant";
    RegColPeople => "参会人", "Attendees";
    RegColOrg => "机构", "Organization";
    RegColTicket => "票种", "Ticket type";
    RegColStatus => "状态", "Status";
    RegColAt => "报名时间", "Registered";
    RegColCheckedIn => "签到", "Checked in";
    RegSearch => "搜索姓名、邮箱或机构", "Search names, emails or organizations";
    MsgPreview => "预览", "Preview";
    MsgPreviewTitle => "发送前预览：将通过站内通知和邮件发件箱发出", "Preview before sending: it goes out as notifications and through the email outbox";
    MsgRecipients => "收件人：{n} 人", "Recipients: {n}";
    MsgSendNow => "确认发送", "Send now";
    MsgEdit => "返回修改", "Back to editing";
    MsgToSelection => "仅发给所选的 {n} 条报名", "Only to the {n} selected registrations";
    EngWithdrawAsk => "撤回后，对方将不能再接受这条申请。确定撤回？", "Once withdrawn, the other side can no longer accept this request. Withdraw it?";
    EngDeclineAsk => "婉拒后，对方会收到通知和您填写的理由，这条申请随即关闭。确定婉拒？", "The sender is told, with your reason, and the request closes. Decline it?";
    EngMarkFailedAsk => "标记未成后，这笔对接就此关闭，不能再标记签约。确定标记未成？", "The deal closes and can no longer be marked signed. Mark it as not happening?";
    ModApproveAsk => "通过后，所选信息立即公开发布，发布方会收到通知。确定通过？", "The selected postings go public at once and their owners are told. Approve?";
    ModRejectAsk => "驳回后，发布方会看到您填写的原因，修改后可重新提交。确定驳回？", "The owners see your reason and may resubmit after editing. Reject?";
    EventLoginToRegister => "登录后报名", "Sign in to register";
    EventLoginToRegisterIntro => "选好上方的票种后登录即可报名；还没有账号可先注册，完成后会回到本页。", "Pick a ticket type above and sign in to register; new here? Create an account and you will come back to this page.";
    RegisterPeople => "参会人（每行一位，最多10位）", "Attendees (one per line, up to 10)";
    EventRegisterSubmit => "提交报名", "Register";
    RegisterMine => "我的报名", "My registration";
    RegisterCancel => "取消报名", "Cancel";
    RegisterAcceptOffer => "确认递补名额", "Take the seat";
    RegisterOfferUntil => "请在此时间前确认", "Confirm before";
    RegistrationsTitle => "报名名单", "Registrations";
    Approve => "通过", "Approve";
    Reject => "拒绝", "Reject";
    AddToCalendar => "加入日历", "Add to calendar";
    CsvRegistration => "报名编号", "Registration";
    CsvAttendee => "参会人", "Attendee";
    CsvRegistrant => "报名人", "Registered by";
    CsvStatus => "状态", "Status";
    CsvRegisteredAt => "报名时间", "Registered at";
    ExportCsv => "导出名单（CSV）", "Export list (CSV)";
    StaffManager => "协办管理员", "Manager";
    StaffCheckin => "签到人员", "Check-in staff";
    StaffTitle => "协办人员", "Co-organizers";
    StaffEmail => "成员邮箱", "Member's email";
    StaffRoleLabel => "角色", "Role";
    StaffAdd => "添加", "Add";
    StaffRemove => "移除", "Remove";
    StaffEmpty => "暂无协办人员", "No co-organizers yet";
    CheckinOk => "签到成功", "Checked in";
    CheckinAlready => "已签到过", "Already checked in";
    CheckinRefused => "不可入场", "Not admitted";
    CheckinTitle => "现场签到", "Check-in";
    CheckinOpen => "打开签到页", "Open check-in";
    CheckinCode => "票码", "Ticket code";
    CheckinSubmit => "签到", "Check in";
    CheckinScan => "扫码", "Scan QR code";
    CheckinStopScan => "停止扫码", "Stop scanning";
    CheckinNoCamera => "此浏览器不支持扫码，请输入票码", "This browser cannot scan; type the code";
    CheckinFirstAt => "首次签到时间", "First checked in at";
    CheckinReason => "原因：{status}", "Reason: {status}";
    CheckinUndo => "撤销签到", "Undo";
    CheckinUndone => "已撤销", "Undone";
    CheckinCounts => "已签到 {n} / 应到 {total}", "{n} of {total} checked in";
    CheckinQueued => "网络中断：{n} 次扫码待重发", "Offline: {n} scans waiting to be resent";
    CheckinRetry => "重发", "Resend";
    CheckinOrg => "单位", "Organization";
    TicketsTitle => "我的电子票", "My tickets";
    TicketsPrint => "打印电子票", "Print tickets";
    TicketsHint => "入场时出示二维码，或报出票码。", "Show the QR code at the door, or tell the staff the code.";
    TicketQrAlt => "{name} 的入场二维码", "Entry QR code of {name}";
    PrintButton => "打印", "Print";
    RegisterOrg => "代表单位（可选）", "On behalf of (optional)";
    TicketCodeLabel => "票码", "Code";
    ReportTitle => "报名统计", "Figures";
    ReportPerDay => "每日报名", "Registrations per day";
    ReportCheckinRate => "签到率", "Check-in rate";
    ReportSection => "分类", "Breakdown";
    ReportItem => "项目", "Item";
    ReportPeople => "人数", "People";
    ReportNone => "未填写", "Not given";
    ExportXlsx => "导出 Excel", "Export to Excel";
    QText => "单行文字", "Short text";
    QLongText => "多行文字", "Long text";
    QSingle => "单选", "Single choice";
    QMultiple => "多选", "Multiple choice";
    QNumber => "数字", "Number";
    QDate => "日期", "Date";
    QYesNo => "是/否", "Yes / no";
    QuestionsTitle => "报名问题", "Registration questions";
    QuestionLabelZh => "问题（中文）", "Question (Chinese)";
    QuestionLabelEn => "问题（英文，可选）", "Question (English, optional)";
    QuestionKindLabel => "回答方式", "Answer type";
    QuestionTicketType => "仅针对票种（留空为全部）", "Only for ticket type (empty: all)";
    QuestionRequired => "必答", "Required";
    QuestionOptionsZh => "选项（中文，每行一个）", "Choices (Chinese, one per line)";
    QuestionOptionsEn => "选项（英文，每行一个，可选）", "Choices (English, one per line, optional)";
    QuestionAdd => "添加问题", "Add question";
    MessageTitle => "通知报名者", "Message registrants";
    MessageText => "通知内容", "Message";
    MessageStatus => "发送给（状态，留空为全部在册）", "To (status; empty: everyone registered)";
    MessageTicket => "票种（留空为全部）", "Ticket type (empty: all)";
    MessageSend => "发送通知", "Send";
    MessageSent => "已发送给 {n} 人", "Sent to {n} people";
    MessagesEmpty => "尚未发送通知", "No messages sent yet";
    InvitationCode => "邀请码", "Invitation code";
    InvitationsTitle => "邀请码", "Invitation codes";
    InvitationLabel => "发给谁（如单位名称）", "For whom (e.g. an organization)";
    InvitationMaxUses => "可用次数（留空不限）", "Uses allowed (empty: no limit)";
    InvitationAdd => "生成邀请码", "Create code";
    InvitationUses => "已用 {n} 次", "Used {n} times";
    InvitationLink => "邀请链接", "Invitation link";
    InvitationsEmpty => "尚未生成邀请码", "No codes yet";
    EngReport => "举报该机构", "Report this organization";
    EngBlock => "屏蔽该机构的申请", "Block requests from this organization";
    EngReportReason => "举报理由", "Reason for the report";
    EngReported => "已提交举报", "Report sent";
    EngBlocked => "已屏蔽", "Blocked";
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
    Question => "问题", "Question";
    SelectWinners => "选定揭榜单位并公示", "Select and publish the result";
    NoApplications => "还没有申请", "No applications yet";
    NotificationsTitle => "通知", "Notifications";
    NotificationsEmpty => "暂无通知", "No notifications";
    NotificationsMarkAll => "全部标为已读", "Mark all as read";
    NotificationsPrefs => "通知设置", "Notification settings";
    NotificationsInApp => "站内", "In the app";
    NotificationsEmail => "邮件", "Email";
    NotificationsSaved => "已保存", "Saved";
    SavedSearches => "订阅的搜索", "Saved searches";
    SavedSearchesEmpty => "还没有订阅的搜索。在搜索页点击“订阅此搜索”，有新发布符合时会通知你。", "No saved searches yet. Use “Save this search” on the search page to be alerted to new postings.";
    SaveSearch => "订阅此搜索", "Save this search";
    SearchSaved => "已订阅，有新发布符合时会通知你", "Saved: you will be notified of new postings that fit";
    OfferSite => "场地", "Site";
    OfferData => "数据", "Data";
    OfferFunding => "资金", "Funding";
    OfferUsers => "用户", "Users";
    SortRelevance => "最相关", "Most relevant";
    SortNewest => "最新发布", "Newest";
    SortDeadline => "截止日期", "Deadline";
    PostDemand => "发布技术需求", "Post a demand";
    PostCapability => "发布成果与能力", "Publish a capability";
    PostScenario => "开放应用场景", "Open a scenario";
    PostMandate => "发布投资偏好", "Publish a mandate";
    EditPostingTitle => "编辑信息", "Edit posting";
    PostingOrg => "发布机构", "Posting for";
    NoOrgForKind => "您所在的组织不能发布此类信息：技术需求由企业发布，成果与能力由实验室和科研机构发布，投资偏好由投资机构发布，应用场景可由任何组织开放。", "None of your organizations can post this: demands come from enterprises, capabilities from labs and institutes, mandates from investors; any organization can open a scenario.";
    OrgNotVerifiedHint => "该组织尚未认证：可以先保存草稿，认证通过后才能提交审核。", "This organization is not verified yet: save a draft now, submit it for review once verified.";
    TitleZh => "标题（中文）", "Title (Chinese)";
    TitleEn => "标题（英文）", "Title (English)";
    SummaryZh => "公开概要（中文）", "Public summary (Chinese)";
    SummaryEn => "公开概要（英文）", "Public summary (English)";
    DetailsZh => "详细说明（中文，仅认证组织可见）", "Details (Chinese, verified organizations only)";
    DetailsEn => "详细说明（英文）", "Details (English)";
    PostingDomains => "所属领域（1–3 个）", "Fields (1–3)";
    KeywordsHint => "用逗号或顿号分隔，最多 10 个", "Separate with commas; up to 10";
    TrlHint => "1（基本原理）至 9（实际应用验证）", "1 (basic principles) to 9 (proven in operation)";
    BudgetMin => "预算下限（万元）", "Budget from (10k CNY)";
    AmountSoughtLabel => "拟融资金额（万元）", "Amount sought (10k CNY)";
    RoundLabel => "融资轮次", "Round";
    RoundHint => "不确定轮次可不填：匹配会按企业资质与技术成熟度推断，并在推荐理由中说明。", "Not sure of the round? Leave it empty: matching infers it from your company's tiers and TRL and says so in its reasons.";
    RoundNotSaid => "未填写（按企业情况推断）", "Not given (inferred from the company)";
    MandateDomains => "投资领域（可多选）", "Fields invested in (any number)";
    BudgetMax => "预算上限（万元）", "Budget up to (10k CNY)";
    OpenCallToggle => "作为揭榜挂帅任务发布", "Publish as an open call with a reward";
    RewardField => "榜单奖励（万元）", "Reward (10k CNY)";
    CapKindLabel => "成果类型", "Kind";
    PatentsHint => "多个专利号用逗号分隔", "Separate patent numbers with commas";
    PriceMin => "价格下限（万元）", "Price from (10k CNY)";
    PriceMax => "价格上限（万元）", "Price up to (10k CNY)";
    PilotStart => "试点开始", "Pilot starts";
    PilotEnd => "试点结束", "Pilot ends";
    ScenarioDeadline => "申请截止日期", "Applications close";
    TicketMin => "单笔投资下限（万元）", "Ticket from (10k CNY)";
    TicketMax => "单笔投资上限（万元）", "Ticket up to (10k CNY)";
    FundSizeField => "基金规模（万元）", "Fund size (10k CNY)";
    SaveDraft => "保存草稿", "Save draft";
    SaveAndSubmit => "保存并提交审核", "Save and submit for review";
    SubmitEdit => "提交修改审核", "Submit the edit for review";
    SubmitForReview => "提交审核", "Submit for review";
    EditPosting => "编辑", "Edit";
    ClosePosting => "关闭", "Close";
    ConfirmClose => "确定关闭此信息？关闭后将不再公开显示。", "Close this posting? It will no longer be shown publicly.";
    OwnerPanelTitle => "管理此信息", "Manage this posting";
    RejectedBecause => "未通过原因：", "Rejected because: ";
    PendingEditNotice => "您的修改正在审核中，审核通过前仍公开显示当前版本。", "Your edit is awaiting review; the current version stays public until it is approved.";
    SubmittedNotice => "已提交，等待管理员审核。", "Submitted; waiting for an administrator's review.";
    DraftNotice => "草稿仅本组织成员可见，提交审核通过后公开。", "Drafts are visible to your organization only; they go public once approved.";
    HistoryTitle => "操作记录", "History";
    SystemActor => "系统", "System";
    MyPostings => "我的发布", "My postings";
    MyPostingsIntro => "您所在组织发布的全部信息，包括草稿、待审核与已关闭的。", "Everything your organizations have posted, drafts, pending and closed included.";
    FilterStatus => "状态", "Status";
    ModerationTitle => "信息审核", "Moderation";
    ModerationIntro => "审核新提交的信息和已发布信息的修改。可多选后批量通过或驳回；驳回须填写原因，发布方可见。", "Review new submissions and edits of published postings. Select several to approve or reject at once; a rejection needs a reason, which the poster sees.";
    ModerationEmpty => "暂无待审核的信息", "Nothing is waiting for review";
    ModSelectAll => "全选", "Select all";
    ModReason => "驳回原因", "Reason for rejection";
    ModReasonBulk => "驳回所选时的原因", "Reason when rejecting the selected";
    ModReview => "查看全部内容、发布机构与记录", "See every field, the organization and the history";
    ModEditBadge => "修改待审", "Edit to review";
    ModNewBadge => "新提交", "New submission";
    ModDone => "已处理 {n} 条", "{n} handled";
    ModSelected => "已选 {n} 条", "{n} selected";
    ModRevisedTo => "修改后：", "Revised: ";
    ActCreate => "创建草稿", "Draft created";
    ActEdit => "修改", "Edited";
    ActSubmit => "提交审核", "Submitted for review";
    ActApprove => "审核通过并发布", "Approved and published";
    ActReject => "审核未通过", "Rejected";
    ActApproveEdit => "修改审核通过", "Edit approved";
    ActRejectEdit => "修改未通过", "Edit rejected";
    ActClose => "关闭", "Closed";
    ActExpire => "到期自动下线", "Expired at its deadline";
    ModApprove => "通过", "Approve";
    ModReject => "驳回", "Reject";

    IntroDemands => "企业发布的技术需求与揭榜挂帅任务，面向高校院所、实验室与科技企业征集解决方案。", "Technology demands and open calls from enterprises, seeking solutions from universities, labs and tech companies.";
    IntroCapabilities => "实验室、科研院所与概念验证中心发布的研究能力、可转化成果与测试平台。", "Research capabilities, transferable results and test facilities from labs, institutes and proof-of-concept centers.";
    IntroScenarios => "开放的应用场景：未来工厂、未来医院、未来社区等，征集技术方案开展试点。", "Open application scenarios — future factories, hospitals, communities and more — inviting pilots.";
    IntroMandates => "政府引导基金、产业基金与创投机构的投资偏好：阶段、额度、领域与区域。", "Mandates of guidance funds, industry funds and VCs: stages, ticket sizes, fields and regions.";
    SearchPlaceholder => "搜索需求、成果、场景、投资…", "Search demands, capabilities, scenarios, investors…";
    SearchTitle => "搜索结果", "Search results";
    SearchNone => "没有找到相关内容，换个关键词试试", "Nothing found; try other words";
    SearchTry => "试试：", "Try:";
    SearchWithoutFilters => "去掉领域和区县筛选，可找到 {n} 条结果", "Without the field and district filters: {n} results";
    SearchTips => "提示：用更短或更常见的词（如「无人机」而非完整句子），中英文都可以。", "Tip: use shorter or more common words; Chinese and English both work.";
    SearchAll => "全部", "All";
    PostingsEmpty => "暂无符合条件的信息", "Nothing matches these filters";
    FilterType => "类型", "Type";
    FilterTrlMin => "最低成熟度", "Minimum TRL";
    FilterAmountMin => "金额下限（万元）", "Amount from (10k CNY)";
    FilterAmountMax => "金额上限（万元）", "Amount up to (10k CNY)";
    FilterSort => "排序", "Sort";
    FilterKeyword => "搜索", "Search";
    KeywordPlaceholder => "技术、产品或机构，如 固态电池", "Technology, product or organization";
    EventsKeywordPlaceholder => "活动名称、主题或地点，如 机器人论坛", "Event, topic or venue";
    CompKeywordPlaceholder => "大赛名称或赛道，如 低空经济", "Competition or track";
    KeywordNothingFound => "没有找到相关结果。可以换个说法、少用几个词，或清除搜索查看全部。", "Nothing found. Try other or fewer words, or clear the search to see everything.";
    KeywordClear => "清除搜索", "Clear the search";
    FilterApply => "筛选", "Filter";
    FilterReset => "清除筛选", "Clear filters";
    AmountFrom => "{amount}起", "From {amount}";
    AmountUpTo => "最高 {amount}", "Up to {amount}";
    AmountYuan => "{n} 元", "CNY {n}";
    AmountWan => "{n} 万元", "CNY {n} ×10k";
    AmountYi => "{n} 亿元", "CNY {n} ×100m";
    AmountMillion => "{n} 百万元", "CNY {n} million";
    AmountBillion => "{n} 十亿元", "CNY {n} billion";
    Negotiable => "面议", "Negotiable";
    DeadlineLabel => "截止日期", "Deadline";
    TrlLabel => "技术成熟度", "Technology readiness";
    BudgetLabel => "预算", "Budget";
    PriceLabel => "价格", "Price";
    TicketLabel => "单笔投资", "Ticket size";
    KeywordsLabel => "关键词", "Keywords";
    SummaryLabel => "概要", "Summary";
    DetailsLabel => "详细信息", "Details";
    DetailsHidden => "详细信息仅对已认证组织的成员开放。", "Details are shown to members of verified organizations only.";
    OpenCallBadge => "揭榜挂帅", "Open call";
    RewardLabel => "榜单奖励", "Reward";
    ApplicationDeadline => "揭榜截止", "Applications close";
    ExpectedOutcome => "预期成果", "Expected outcome";
    Indicators => "验收指标", "Acceptance indicators";
    StartLabel => "期望开始", "Desired start";
    IpStatusLabel => "知识产权", "IP status";
    PatentsLabel => "专利号", "Patents";
    ModesLabel => "合作方式", "Cooperation modes";
    TeamLabel => "团队", "Team";
    CasesLabel => "案例", "Past cases";
    SiteLabel => "场景地点", "Site";
    SeeksLabel => "技术需求", "Technology sought";
    OffersLabel => "场景提供", "Offers";
    SlotsLabel => "拟遴选方案数", "Solutions taken";
    PilotPeriod => "试点周期", "Pilot period";
    StagesLabel => "投资阶段", "Stages";
    FundSizeLabel => "基金规模", "Fund size";
    PortfolioLabel => "投资案例", "Portfolio";
    DistrictsLabel => "投资区域", "Regions";
    PostedBy => "发布机构", "Posted by";
    PublishedOn => "发布于", "Published";

    // ---- matching ----
    FactorDomain => "领域", "Field";
    FactorText => "内容相关度", "Text relevance";
    FactorTrl => "技术成熟度", "Technology readiness";
    FactorBudget => "预算与价格", "Budget and price";
    FactorStage => "投资阶段", "Investment stage";
    FactorGeography => "地域", "Location";
    FactorTiming => "时间", "Timing";
    FactorStanding => "机构资质", "Standing";
    FactorFeedback => "反馈", "Feedback";
    ListSeparator => "、", ", ";
    AtLeast => "{n}以上", "{n} or more";
    AtMost => "{n}以内", "up to {n}";
    ReasonSameField => "领域一致：{field}", "Same field: {field}";
    ReasonRelatedField => "相关领域：{field}与{other}", "Related fields: {field} and {other}";
    ReasonSharedKeywords => "共同关键词：{words}", "Shared keywords: {words}";
    ReasonSimilarText => "需求与能力描述高度相关", "The descriptions closely match";
    ReasonTrlMeets => "成熟度TRL{have}达到需求TRL{need}", "Readiness TRL {have} meets the required TRL {need}";
    ReasonTrlBelow => "成熟度TRL{have}低于需求TRL{need}", "Readiness TRL {have} is below the required TRL {need}";
    ReasonAmountFits => "金额{amount}万元在对方的{range}万元区间内", "The amount, {amount} (10k CNY), is within their range of {range}";
    ReasonAmountApart => "金额{amount}万元不在对方的{range}万元区间内", "The amount, {amount} (10k CNY), is outside their range of {range}";
    ReasonPriceNegotiable => "价格面议", "Price negotiable";
    ReasonSameDistrict => "同属{district}", "Both in {district}";
    ReasonSamePilotZone => "同在{zone}", "Both in {zone}";
    ReasonInvestsInDistrict => "投资区域覆盖{district}", "Invests in {district}";
    ReasonStageFits => "投资阶段匹配：{stage}", "Stage fits: {stage}";
    ReasonStageOff => "融资轮次不在该基金的投资阶段内", "The round is not one this fund invests in";
    ReasonRoundInferred => "未填写融资轮次，按企业情况推断为{stage}，在该基金投资阶段内", "No round given; inferred as {stage}, a stage this fund invests in";
    ReasonFundsCompanyStage => "非融资需求：企业所处阶段（推断为{stage}）与领域符合该基金的投资方向", "Not a funding demand: the company's stage (inferred as {stage}) and field are what this fund invests in";
    ReasonDeadlineSoon => "距截止还有{days}天", "{days} days to the deadline";
    ReasonStrongStanding => "对方为重点培育企业或高水平机构", "A tiered enterprise or leading institution";
    ReasonSavedSimilar => "您曾收藏同一机构的匹配", "You saved a match with this organization before";
    ReasonPastDeal => "双方机构曾签约合作", "Your organizations have signed a deal before";
    ReasonPastFailure => "与该机构的对接曾因不相关未成", "An earlier deal with this organization failed as not relevant";
    ReasonAllInField => "三方同属{field}领域", "All three work in {field}";
    ReasonPilotReady => "成果成熟度TRL{trl}，可进入场景试点", "At TRL {trl}, ready for a pilot";
    ReasonFundsPilotDistrict => "基金投资区域覆盖试点所在的{district}", "The fund invests in {district}, where the pilot is";
    BundlesTitle => "三方组合推荐", "Three-sided proposals";
    BundlesIntro => "一项成果、一个试点场景、一只基金：各自与需求匹配，彼此也相互契合。", "One capability, one pilot scenario, one fund: each fits the demand, and they fit each other.";
    BundlesEmpty => "暂时凑不齐成果、场景与投资三方。", "Not enough capabilities, scenarios and funds to combine yet.";
    BundleRequestOpen => "一键向三方发起对接", "Ask all three at once";
    BundleRequestIntro => "同一条留言分别发给三方：成果方按下面选择的合作方式，场景方为试点申请，投资方为融资对接。此前已发过请求的一方不会重复发送。", "One message goes to each party: the lab with the cooperation mode chosen below, the scenario's owner as a pilot request, the fund as an investment request. A party already asked is not asked again.";
    BundleCapabilityProposal => "向成果方提出的合作方式", "What you ask the lab for";
    BundleRequestSend => "发送给三方", "Send to all three";
    BundleRequestSent => "已向{n}方发送对接请求。", "Requests sent to {n} parties.";
    BundleRequestAlready => "{n}方此前已收到你的请求，未重复发送。", "{n} already had your request and were not asked again.";
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
    MatchPointsOf => "{points} / {max} 分", "{points} of {max}";
    FitFull => "完全符合", "fully met";
    FitMostly => "基本符合", "mostly met";
    FitPartly => "部分符合", "partly met";
    FitHardly => "基本不符", "hardly met";
    MatchSave => "收藏", "Save";
    MatchSaved => "已收藏", "Saved";
    MatchDismiss => "不感兴趣", "Not interested";
    MatchMinScore => "最低匹配度", "Minimum fit";

    // ---- invitations ----
    InviteTitle => "组织邀请", "Invitation";
    InviteBody => "您受邀加入以下组织：", "You have been invited to join:";
    InviteAccept => "接受邀请", "Accept invitation";
    InviteLoginFirst => "请先登录或注册（使用受邀邮箱），然后回到此页面接受邀请。", "Log in or register with the invited email address, then come back to accept.";
    InviteAccepted => "已加入组织", "You have joined the organization";

    // ---- admin ----
    AdminTitle => "管理后台", "Administration";
    ConsoleSections => "管理后台栏目", "Console sections";
    ConsoleWaiting => "{n} 项待处理", "{n} waiting";
    ConsoleOverviewIntro => "以下栏目有待处理的事项；其余设置在左侧菜单中。", "These sections have items waiting; every other setting is in the menu.";
    ConsoleAllClear => "目前没有待处理的事项。", "Nothing is waiting right now.";
    AdminOrgsTitle => "组织认证", "Organization verification";
    AdminOrgsIntro => "核实组织资质后点击“认证”。只有已认证的组织可以发布需求、成果与场景。", "Check an organization's credentials, then verify it. Only verified organizations can publish.";
    AdminTaxonomyTitle => "参考数据", "Reference data";
    AdminTaxonomyIntro => "领域、区县、先导区、企业梯队等列表由管理员维护，可随时新增条目。", "Fields, districts, pilot zones, tiers and other lists are data administrators extend.";
    TermKind => "列表", "List";
    TermCode => "代码", "Code";
    TermLabelZh => "中文名称", "Chinese label";
    TermLabelEn => "英文名称", "English label";
    TermGroup => "分组", "Group";
    TermParent => "上级", "Parent";
    TermAdd => "新增条目", "Add entry";
    TaxDomain => "领域（5+X）", "Fields (5+X)";
    TaxDistrict => "区县", "Districts";
    TaxPilotZone => "未来产业先导区", "Pilot zones";
    TaxEnterpriseTier => "企业梯队", "Enterprise tiers";
    TaxLabSubtype => "实验室与科研机构类型", "Lab sub-types";
    TaxInvestorType => "投资机构类型", "Investor types";
    TaxInvestmentStage => "投资阶段", "Investment stages";
    TaxScenarioCategory => "场景类别", "Scenario categories";
    GroupHot => "风口潜力产业", "Hot potential industry";
    GroupFrontier => "前沿领域", "Frontier field";
    GroupNational => "国家级", "National";
    GroupProvincial => "省级", "Provincial";
    GroupCity => "市级", "City";

    // ---- not found ----
    NotFoundTitle => "页面不存在", "Page not found";
    NotFoundBody => "您访问的页面不存在或已被移除。", "The page you are looking for does not exist or was removed.";
    NotFoundHome => "返回首页", "Back to the home page";
    MetricPostingDemand => "技术需求发布", "Demands published";
    MetricPostingCapability => "能力发布", "Capabilities published";
    MetricPostingScenario => "场景开放发布", "Scenarios published";
    MetricPostingMandate => "投资意向发布", "Investment mandates published";
    MetricMatch => "获得高分匹配", "Postings with a high-score match";
    MetricRequest => "对接申请", "Requests sent";
    MetricAccepted => "申请接受", "Requests accepted";
    MetricSigned => "签约", "Deals signed";
    MetricEvent => "活动场次", "Events";
    MetricAttendance => "签到人次", "Attendance (check-ins)";
    MetricCompetition => "赛事", "Competitions";
    MetricEntry => "参赛团队", "Competition entries";
    FunnelPosting => "发布", "Postings";
    DashTitle => "未来产业发展看板", "Future-industry dashboard";
    DashIntro => "对照《杭州市未来产业培育行动计划（2024—2026年）》的目标，跟踪平台上的对接、活动与赛事（强化跟踪监测）。", "Progress against the targets of Hangzhou's Future Industry Cultivation Action Plan (2024–2026), and the activity on the platform: matchmaking, events and competitions.";
    DashTargets => "2026 年目标完成情况", "Progress towards the 2026 targets";
    DashGoal => "目标", "Goal";
    DashCurrent => "当前", "Current";
    DashProgress => "完成进度", "Progress";
    DashNotReported => "尚未填报", "Not reported yet";
    DashSourcePlatform => "平台数据", "Platform data";
    DashSourceManual => "人工填报", "Entered by an admin";
    DashAsOf => "截至", "As of";
    DashActivity => "平台活动", "Platform activity";
    DashPeriod => "统计周期", "Period";
    DashPeriodFrom => "起（周）", "From (week)";
    DashPeriodTo => "止（周）", "To (week)";
    DashAllDomains => "全部领域", "All fields";
    DashApply => "更新", "Update";
    DashPreset12 => "近 12 周", "Last 12 weeks";
    DashPreset26 => "近 26 周", "Last 26 weeks";
    DashPresetYear => "今年", "This year";
    DashWeekly => "每周动态", "Week by week";
    DashWeek => "周（周一）", "Week (Monday)";
    DashFunnel => "对接漏斗：发布 → 匹配 → 申请 → 接受 → 签约", "Funnel: posting → match → request → accepted → signed";
    DashConversion => "转化率", "Conversion";
    DashByDomain => "按 5+X 领域", "By 5+X field";
    DashByDistrict => "按区县", "By district";
    DashPostingsByKind => "按类型的发布", "Postings by kind";
    DashSignedValue => "签约金额（万元）", "Value signed (10k CNY)";
    DashUnknown => "未注明", "Not given";
    DashShowTable => "以表格查看", "Show as a table";
    DashShowChart => "以图表查看", "Show as a chart";
    DashExport => "导出 Excel", "Export to Excel";
    DashTotal => "合计", "Total";
    DashMetric => "指标", "Measure";
    DashChartSeries => "{metric}：{from} 至 {to} 每周数量，最高 {max}", "{metric}: weekly counts from {from} to {to}, highest {max}";
    DashRuleOrgs => "已认证组织", "Verified organizations";
    DashRuleOpenCalls => "结果公示已生效的揭榜挂帅项目", "Open calls with a final result notice";
    DashRuleScenarios => "已签约试点的开放场景", "Scenario openings with a signed pilot";
    DashRulePilotZones => "先导区（参考数据）", "Pilot zones (reference data)";
    DashRuleManual => "人工填报", "Entered by hand";
    DashLevelAny => "所有级别", "All levels";
    DashLevelNational => "国家级", "National";
    DashLevelProvincial => "省级", "Provincial";
    DashLevelCity => "市级", "City";
    AdminTargetsTitle => "规划目标与数据口径", "Plan targets and how they are counted";
    AdminTargetsIntro => "为每个目标选择计数的平台数据；平台没有的数据请人工填报数值、来源和日期。", "Choose for each target which platform data counts towards it; for figures the platform does not hold, enter the value with its source and date.";
    AdminTargetRule => "数据口径", "Counted from";
    AdminTargetSubtype => "机构类型", "Organization type";
    AdminTargetTier => "企业梯队", "Enterprise tier";
    AdminTargetLevel => "先导区级别", "Pilot-zone level";
    AdminTargetManualValue => "填报数值", "Figure";
    AdminTargetManualSource => "数据来源", "Source";
    AdminTargetManualAsOf => "数据日期", "Date of the figure";
    AdminAny => "不限", "Any";
    AdminWeightsTitle => "匹配权重", "Matching weights";
    AdminWeightsIntro => "各项因素在匹配得分中的权重（合计不必为 100，按比例计算）。", "How much each factor counts in a match's score (they need not add up to 100; they are used in proportion).";
    AdminPendingNoticesTitle => "待裁定的异议", "Objections awaiting a decision";
    AdminPendingNoticesEmpty => "没有待裁定的公示。", "No notice is waiting for a decision.";
    DeletedUser => "已注销用户", "Deleted user";
    AdminUsersDeleted => "已注销", "Deleted";
    AccountDelete => "注销账户", "Delete my account";
    AccountDeleteIntro => "注销后无法恢复：您的姓名、邮箱、密码、登录会话、通知、收藏的检索、专家资料和报名时填写的信息将被删除；尚未举行的活动报名会被取消，名额依次让给候补者。组织发布的需求、成果与对接记录会保留，但作者显示为“已注销用户”。审计日志依法保留。如果您是某个仍有其他成员的组织的唯一所有者，请先将所有权转交他人。", "This cannot be undone: your name, email, password, sessions, notifications, saved searches, expert profile and the answers you gave when registering are deleted; registrations for events still to come are cancelled and their seats go to the waiting list. Postings and requests stay with their organizations, their author shown as a deleted user. The audit log is kept as the law requires. If you are the only owner of an organization that has other members, hand ownership to one of them first.";
    AccountDeleteConfirm => "永久注销我的账户", "Delete my account permanently";
    ErrStorageFull => "服务器存储空间已满，本次内容未保存；已有内容仍可正常查看，请稍后重试或联系管理员", "The server's storage is full and nothing was saved; everything already there can still be viewed. Try again later or contact the administrators";
    ErrSoleOwner => "您是仍有其他成员的组织的唯一所有者：请先转交所有权", "You are the only owner of an organization that has other members: hand ownership to one of them first";
    AdminRetentionTitle => "个人信息保留期限", "Retention of personal data";
    AdminRetentionIntro => "超过期限的数据每天自动删除。消息：组织之间的对接消息和活动通知；日志：登录失败记录、已发送的邮件和已读通知（依《网络安全法》至少保留六个月）。审计日志不在此列，永久保留。留空表示一直保留。", "Data older than these limits is deleted every day. Messages: messages between organizations and event announcements; logs: failed sign-ins, sent emails and read notifications (at least six months, as the Cybersecurity Law requires). The audit log is not affected and is kept. Leave a field empty to keep the data until deleted by hand.";
    FieldMessagesDays => "消息保留天数（30–3650）", "Keep messages for (days, 30–3650)";
    FieldLogsDays => "日志保留天数（180–3650）", "Keep logs for (days, 180–3650)";
    AdminRetentionApply => "立即执行", "Apply now";
    AdminRetentionLastApplied => "上次执行", "Last applied";
    AdminRetentionReport => "已删除：消息 {messages} 条，活动通知 {event_messages} 条，登录失败记录 {login_failures} 条，邮件 {emails} 封，通知 {notifications} 条", "Deleted: {messages} messages, {event_messages} event announcements, {login_failures} failed sign-ins, {emails} emails, {notifications} notifications";
    AdminRetentionNever => "从未执行", "Never";
}

/// Replaces `{name}` placeholders in a catalogue text.
/// A text given in Chinese and maybe English, in `locale`: the English one when there is one (not
/// blank), else the Chinese.
pub fn in_language(zh: &str, en: Option<&str>, locale: Locale) -> String {
    match (locale, en.map(str::trim).filter(|e| !e.is_empty())) {
        (Locale::En, Some(en)) => en.to_owned(),
        _ => zh.to_owned(),
    }
}

pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_they_differ_where_expected() {
        for msg in Msg::ALL {
            let zh = msg.t(Locale::ZhCn);
            let en = msg.t(Locale::En);
            assert!(!zh.trim().is_empty(), "{msg:?} has no Chinese text");
            assert!(!en.trim().is_empty(), "{msg:?} has no English text");
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{msg:?} English text contains Chinese characters: {en}"
            );
        }
    }

    #[test]
    fn accept_language_prefers_highest_quality_supported_tag() {
        assert_eq!(Locale::from_accept_language("fr;q=1.0, en-US;q=0.8, zh-CN;q=0.5"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("zh-TW,zh;q=0.9,en;q=0.8"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(Locale::from_accept_language("en;q=0"), None);
    }

    #[test]
    fn locale_round_trips_through_its_tag() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.tag()));
        }
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill(Msg::RetryAfterMinutes.t(Locale::En), &[("minutes", "7")]), "Try again in 7 minutes");
    }
}

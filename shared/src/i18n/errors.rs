//! The catalogue: what an error code says, and the reasons given with refusals.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! errors_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    ErrMalformedJson => "请求格式有误，无法解析", "The request body could not be parsed";
    ErrInvalidQuery => "查询参数有误", "The query string is invalid";
    ErrUnsupportedMediaType => "请求须为 JSON 格式（Content-Type: application/json）", "The request must be JSON (Content-Type: application/json)";
    ErrEmailNotVerified => "请先验证邮箱：点击我们发到您邮箱的链接（页面顶部可重新发送验证邮件）", "Verify your email first: follow the link we sent you (the bar at the top of the page sends it again)";
    ErrVerificationInvalid => "验证链接无效或已过期：登录后可在页面顶部重新发送验证邮件", "This verification link is invalid or has expired: sign in and send it again from the bar at the top of the page";
    ErrAlreadyInTeam => "您已加入本赛事的另一支队伍：每人只能加入一支队伍", "You already joined another team in this competition: one team per person";
    ErrLeaderMustHandOver => "队长不能直接退出：请先把队长转交给一位已加入的队员（队伍已提交材料时同样适用）", "The team leader cannot just leave: first make a member who joined the leader (this also holds once the team has submitted)";
    ErrScanReused => "这个扫码编号（设备与 nonce）已用于另一张门票，未签到任何人；请重新扫码", "This scan's device and nonce were already used with another ticket; nobody was checked in — scan again";
    ErrImportInvalid => "表格中有错误，未导入任何内容：请按提示修改后重新上传", "The spreadsheet has problems, so nothing was imported: fix them and upload it again";
    ErrWorkbookRefused => "无法读取这个文件：请上传 .xlsx 工作簿（不含宏）或 UTF-8 / GBK 编码的 .csv 文件", "This file cannot be read: upload an .xlsx workbook (without macros) or a UTF-8 or GBK .csv file";
    ErrWorkbookDamaged => "无法读取这个文件：它已损坏，或内容与扩展名不符。请重新导出 .xlsx 或 .csv 后再上传", "This file cannot be read: it is damaged or not what its name says. Export the .xlsx or .csv again and upload it";
    ErrNotPublished => "这条发布尚未公开（草稿、待审核或已关闭）：公开发布后才有推荐匹配", "This posting is not published (a draft, awaiting review or closed): it gets matches once it is published";
    ErrPayloadTooLarge(limit) => "请求内容过大（上限 {limit} MiB）", "The request body is too large (limit {limit} MiB)";
    ErrUnauthenticated => "请先登录", "Please log in first";
    ErrInvalidCredentials => "邮箱或密码不正确", "Wrong email or password";
    ErrForbidden => "您没有执行此操作的权限", "You are not allowed to do this";
    ErrNotFound => "未找到该内容", "Not found";
    ErrRouteNotFound => "接口不存在", "No such API route";
    ErrMethodNotAllowed => "不支持该请求方法", "Method not allowed";
    ErrConflict => "与现有数据冲突", "This conflicts with existing data";
    ErrEmailTaken => "该邮箱已注册", "This email is already registered";
    ErrValidation => "请检查标记的字段", "Please check the highlighted fields";
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
    ReasonSameField(field) => "领域一致：{field}", "Same field: {field}";
    ReasonRelatedField(field, other) => "相关领域：{field}与{other}", "Related fields: {field} and {other}";
    ReasonSharedKeywords(words) => "共同关键词：{words}", "Shared keywords: {words}";
    ReasonSimilarText => "需求与能力描述高度相关", "The descriptions closely match";
    ReasonTrlMeets(have, need) => "成熟度TRL{have}达到需求TRL{need}", "Readiness TRL {have} meets the required TRL {need}";
    ReasonTrlBelow(have, need) => "成熟度TRL{have}低于需求TRL{need}", "Readiness TRL {have} is below the required TRL {need}";
    ReasonAmountFits(amount, range) => "金额{amount}万元在对方的{range}万元区间内", "The amount, {amount} (10k CNY), is within their range of {range}";
    ReasonAmountApart(amount, range) => "金额{amount}万元不在对方的{range}万元区间内", "The amount, {amount} (10k CNY), is outside their range of {range}";
    ReasonPriceNegotiable => "价格面议", "Price negotiable";
    ReasonSameDistrict(district) => "同属{district}", "Both in {district}";
    ReasonSamePilotZone(zone) => "同在{zone}", "Both in {zone}";
    ReasonInvestsInDistrict(district) => "投资区域覆盖{district}", "Invests in {district}";
    ReasonStageFits(stage) => "投资阶段匹配：{stage}", "Stage fits: {stage}";
    ReasonStageOff => "融资轮次不在该基金的投资阶段内", "The round is not one this fund invests in";
    ReasonRoundInferred(stage) => "未填写融资轮次，按企业情况推断为{stage}，在该基金投资阶段内", "No round given; inferred as {stage}, a stage this fund invests in";
    ReasonFundsCompanyStage(stage) => "非融资需求：企业所处阶段（推断为{stage}）与领域符合该基金的投资方向", "Not a funding demand: the company's stage (inferred as {stage}) and field are what this fund invests in";
    ReasonDeadlineSoon(days) => "距截止还有{days}天", "{days} days to the deadline";
    ReasonStrongStanding => "对方为重点培育企业或高水平机构", "A tiered enterprise or leading institution";
    ReasonSavedSimilar => "您曾收藏同一机构的匹配", "You saved a match with this organization before";
    ReasonPastDeal => "双方机构曾签约合作", "Your organizations have signed a deal before";
    ReasonPastFailure => "与该机构的对接曾因不相关未成", "An earlier deal with this organization failed as not relevant";
    ReasonAllInField(field) => "三方同属{field}领域", "All three work in {field}";
    ReasonPilotReady(trl) => "成果成熟度TRL{trl}，可进入场景试点", "At TRL {trl}, ready for a pilot";
    ReasonFundsPilotDistrict(district) => "基金投资区域覆盖试点所在的{district}", "The fund invests in {district}, where the pilot is";
    ErrStorageFull => "服务器存储空间已满，本次内容未保存；已有内容仍可正常查看，请稍后重试或联系管理员", "The server's storage is full and nothing was saved; everything already there can still be viewed. Try again later or contact the administrators";
    ErrSoleOwner => "您是仍有其他成员的组织的唯一所有者：请先转交所有权", "You are the only owner of an organization that has other members: hand ownership to one of them first";
        }
    };
}

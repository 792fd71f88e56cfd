//! The catalogue: organizations, members, invitations to join.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! orgs_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
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
    OrgMembersCount(n) => "{n} 位成员", "Members: {n}";
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
    OrgNotVerifiedHint => "该组织尚未认证：可以先保存草稿，认证通过后才能提交审核。", "This organization is not verified yet: save a draft now, submit it for review once verified.";
    OwnerPanelTitle => "管理此信息", "Manage this posting";
    InviteTitle => "组织邀请", "Invitation";
    InviteBody => "您受邀加入以下组织：", "You have been invited to join:";
    InviteAccept => "接受邀请", "Accept invitation";
    InviteLoginFirst => "请先登录或注册（使用受邀邮箱），然后回到此页面接受邀请。", "Log in or register with the invited email address, then come back to accept.";
    InviteAccepted => "已加入组织", "You have joined the organization";
        }
    };
}

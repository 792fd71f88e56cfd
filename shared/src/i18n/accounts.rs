//! The catalogue: signing up and in, email verification, one's account.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! accounts_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    VerifyTitle => "验证邮箱", "Verify your email";
    VerifyAsk => "确认这是您的邮箱，完成验证。", "Confirm that this email address is yours to finish verifying it.";
    VerifyConfirm => "确认验证", "Confirm";
    VerifyDone => "邮箱已验证。现在可以创建或加入组织、报名活动和发起对接了。", "Your email is verified. You can now create or join organizations, register for events and send requests.";
    VerifyContinue => "继续", "Continue";
    VerifyBanner(email) => "请验证邮箱：我们已向 {email} 发送了验证链接。验证后才能创建或加入组织、接受邀请、报名活动和发起对接。", "Please verify your email: we sent a link to {email}. Until then you cannot create or join organizations, accept invitations, register for events or send requests.";
    VerifyResend => "重新发送验证邮件", "Resend the verification email";
    VerifyResent => "已发送，请查收邮件（包括垃圾邮件文件夹）。", "Sent — check your inbox (and the spam folder).";
    VerifyEmailSubject => "请验证您的邮箱", "Verify your email address";
    VerifyEmailBody(hours, link) => "欢迎注册未来产业对接平台。请在 {hours} 小时内打开以下链接，验证这个邮箱地址：\n{link}\n\n验证后即可创建或加入组织、接受邀请、报名活动和发起对接。如果不是您本人注册，请忽略此邮件。", "Welcome to FutureMatch. Open this link within {hours} hours to verify this email address:\n{link}\n\nOnce verified you can create or join organizations, accept invitations, register for events and send requests. If you did not register, ignore this email.";
    EmailFooter => "——未来产业对接平台。可在“通知设置”中选择哪些通知发送邮件。", "— FutureMatch. Choose which notifications reach you by email under Notification settings.";
    LoginTitle => "登录", "Log in";
    RegisterTitle => "注册账户", "Create an account";
    LoginSubmit => "登录", "Log in";
    RegisterSubmit => "注册", "Register";
    NoAccountYet => "还没有账户？", "No account yet?";
    HaveAccount => "已有账户？", "Already registered?";
    AccountTitle => "我的账户", "My account";
    AccountMyData => "我的个人信息", "My personal data";
    AccountMyDataIntro => "依据《个人信息保护法》，您可以下载平台保存的关于您的全部信息（JSON 格式）：账户、登录记录、所属组织、发布与对接、消息、活动报名、专家资料、参赛团队、通知和审计日志中的操作。", "Under China's Personal Information Protection Law you can download everything the platform holds about you (JSON): account, sign-ins, organizations, postings and requests, messages, event registrations, expert profile, competition teams, notifications and your actions in the audit log.";
    AccountMyDataDownload => "下载我的数据", "Download my data";
    AccountProfile => "个人资料", "Profile";
    AccountChangePassword => "修改密码", "Change password";
    PasswordChanged => "密码已修改，其他设备上的登录已失效", "Password changed; sessions on other devices were signed out";
    AccountMemberships => "所属组织", "Organizations";
    DeletedUser => "已注销用户", "Deleted user";
    AccountDelete => "注销账户", "Delete my account";
    AccountDeleteIntro => "注销后无法恢复：您的姓名、邮箱、密码、登录会话、通知、收藏的检索、专家资料和报名时填写的信息将被删除；尚未举行的活动报名会被取消，名额依次让给候补者。组织发布的需求、成果与对接记录会保留，但作者显示为“已注销用户”。审计日志依法保留。如果您是某个仍有其他成员的组织的唯一所有者，请先将所有权转交他人。", "This cannot be undone: your name, email, password, sessions, notifications, saved searches, expert profile and the answers you gave when registering are deleted; registrations for events still to come are cancelled and their seats go to the waiting list. Postings and requests stay with their organizations, their author shown as a deleted user. The audit log is kept as the law requires. If you are the only owner of an organization that has other members, hand ownership to one of them first.";
    AccountDeleteConfirm => "永久注销我的账户", "Delete my account permanently";
        }
    };
}

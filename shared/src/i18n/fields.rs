//! The catalogue: what is wrong with a form field.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! fields_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    FieldProblem(field, problem) => "{field}：{problem}", "{field}: {problem}";
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
    FieldNotOneOf(values) => "不是可选的值。可选值：{values}", "Not one of the allowed values: {values}";
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
    FieldEmail => "邮箱", "Email";
    FieldPassword => "密码", "Password";
    FieldPasswordHint => "至少 10 个字符，避免常见密码", "At least 10 characters; avoid common passwords";
    FieldDisplayName => "姓名 / 昵称", "Display name";
    FieldLocale => "界面语言", "Interface language";
    FieldCurrentPassword => "当前密码", "Current password";
    FieldNewPassword => "新密码", "New password";
    FieldMessagesDays => "消息保留天数（30–3650）", "Keep messages for (days, 30–3650)";
    FieldLogsDays => "日志保留天数（180–3650）", "Keep logs for (days, 180–3650)";
        }
    };
}

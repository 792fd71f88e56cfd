//! The catalogue: spreadsheet imports and exports.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! imports_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
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
    ImportConfirm(n) => "确认导入 {n} 条", "Import {n} postings";
    ImportSummary(rows, valid, invalid) => "共 {rows} 行：{valid} 行可导入，{invalid} 行有错误。", "{rows} rows: {valid} ready, {invalid} with problems.";
    ImportSkipped(n) => "已忽略 {n} 行示例。", "{n} example rows ignored.";
    ImportFixHint => "请在表格中修改下列错误后重新上传；有错误时不会导入任何内容。", "Fix these in the spreadsheet and upload it again; nothing is imported while any row has a problem.";
    ImportNewOrgs => "将新建以下未认证组织：", "These organizations will be created, unverified: ";
    ImportRow => "行", "Row";
    ImportSheet => "工作表", "Sheet";
    ImportColumn => "列", "Column";
    ImportProblem => "问题", "Problem";
    ImportRowOk => "可导入", "Ready";
    ImportDone(n) => "已导入 {n} 条。", "{n} postings imported.";
    ImportSeeMine => "在“我的发布”中查看", "See them in My postings";
    ImportAgain => "再导入一个文件", "Import another file";
    ImportNoOrg => "您还不是任何组织的成员：请先创建或加入组织，再导入。", "You are not a member of any organization yet: create or join one first.";
    ImportMissingColumn(sheet, columns) => "工作表“{sheet}”缺少必填列：{columns}", "Sheet \"{sheet}\" lacks required columns: {columns}";
    ImportUnknownSheet(sheet) => "无法识别的工作表“{sheet}”已跳过（工作表名须为模板中的名称）", "Sheet \"{sheet}\" was skipped: its name is not one of the template's";
    ImportTooManyRows(max) => "行数超过上限 {max}，请分成几个文件导入", "More than {max} rows: split the file";
    ImportNoRows => "文件中没有可导入的行", "The file holds no rows to import";
    ImportUnknownColumn(sheet, columns) => "工作表“{sheet}”中无法识别的列已忽略：{columns}", "Columns not recognised in sheet \"{sheet}\" were ignored: {columns}";
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
    CsvRegistration => "报名编号", "Registration";
    CsvAttendee => "参会人", "Attendee";
    CsvRegistrant => "报名人", "Registered by";
    CsvStatus => "状态", "Status";
    CsvRegisteredAt => "报名时间", "Registered at";
    ExportCsv => "导出名单（CSV）", "Export list (CSV)";
    ExportXlsx => "导出 Excel", "Export to Excel";
        }
    };
}

//! The catalogue: the plan dashboard: targets and activity.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! dashboard_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
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
    DashChartSeries(metric, from, to, max) => "{metric}：{from} 至 {to} 每周数量，最高 {max}", "{metric}: weekly counts from {from} to {to}, highest {max}";
    DashRuleOrgs => "已认证组织", "Verified organizations";
    DashRuleOpenCalls => "结果公示已生效的揭榜挂帅项目", "Open calls with a final result notice";
    DashRuleScenarios => "已签约试点的开放场景", "Scenario openings with a signed pilot";
    DashRulePilotZones => "先导区（参考数据）", "Pilot zones (reference data)";
    DashRuleManual => "人工填报", "Entered by hand";
    DashLevelAny => "所有级别", "All levels";
    DashLevelNational => "国家级", "National";
    DashLevelProvincial => "省级", "Provincial";
    DashLevelCity => "市级", "City";
        }
    };
}

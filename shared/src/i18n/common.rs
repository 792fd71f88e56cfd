//! The catalogue: words every page uses.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! common_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    Colon => "：", ": ";
    ListSep => "、", ", ";
    Cancel => "取消", "Cancel";
    Create => "创建", "Create";
    Remove => "移除", "Remove";
    Yes => "是", "Yes";
    No => "否", "No";
    None_ => "无", "None";
    NotSet => "未填写", "Not provided";
    ChooseOne => "请选择", "Choose…";
    NoOrgForKind => "您所在的组织不能发布此类信息：技术需求由企业发布，成果与能力由实验室和科研机构发布，投资偏好由投资机构发布，应用场景可由任何组织开放。", "None of your organizations can post this: demands come from enterprises, capabilities from labs and institutes, mandates from investors; any organization can open a scenario.";
    ListSeparator => "、", ", ";
        }
    };
}

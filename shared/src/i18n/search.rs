//! The catalogue: search and saved searches.
//!
//! Each entry is `Key => "中文", "English";`; every area's entries become one [`super::Msg`]
//! (see `catalogue!` in `mod.rs`).

macro_rules! search_msgs {
    ([$next:ident $(, $rest:ident)*] $($done:tt)*) => {
        $next! { [$($rest),*] $($done)*
    Saved => "已保存", "Saved";
    SavedSearches => "订阅的搜索", "Saved searches";
    SavedSearchesEmpty => "还没有订阅的搜索。在搜索页点击“订阅此搜索”，有新发布符合时会通知你。", "No saved searches yet. Use “Save this search” on the search page to be alerted to new postings.";
    SaveSearch => "订阅此搜索", "Save this search";
    SearchSaved => "已订阅，有新发布符合时会通知你", "Saved: you will be notified of new postings that fit";
    SearchPlaceholder => "搜索需求、成果、场景、投资…", "Search demands, capabilities, scenarios, investors…";
    SearchTitle => "搜索结果", "Search results";
    SearchNone => "没有找到相关内容，换个关键词试试", "Nothing found; try other words";
    SearchTry => "试试：", "Try:";
    SearchWithoutFilters(n) => "去掉领域和区县筛选，可找到 {n} 条结果", "Without the field and district filters: {n} results";
    SearchTips => "提示：用更短或更常见的词（如「无人机」而非完整句子），中英文都可以。", "Tip: use shorter or more common words; Chinese and English both work.";
    SearchAll => "全部", "All";
        }
    };
}

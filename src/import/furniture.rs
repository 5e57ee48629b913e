//! Site furniture: the lines of a scraped page that belong to the site, not the article
//! (breadcrumbs, page tools, related links, footers, disclaimers), by kind, so that the report
//! can say what was taken off and why.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::cjk::is_cjk_punctuation;

/// Site furniture, by kind, as patterns on the simplified text of a whole line.
pub(super) static BOILERPLATE: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("breadcrumb", r"^(当前位置|当前页面|您的位置|您现在的位置|您所在的位置|您现在位于|所在位置|现在位置)\s*[：:\-－]|(首页|主页)\s*[>»＞›→]"),
        ("skip link", r"^(跳至|跳到|跳转到|略过|跳过)(主要|主)?(内容|正文|导航)(区块|区)?$|^:::$"),
        ("view counter", r"^[【\[]?\s*(浏览|阅读|点击|访问)(次数|量|数|人次)?\s*[：:]?\s*\d*\s*次?\s*[】\]]?$"),
        ("page tools", r"^(?:[•·|｜\s]*(?:字号|字体|打印|关闭|分享|收藏|放大|缩小|默认|大|中|小)\s*[：:]?)+[•·|｜\s]*$|^视力保护色\s*[：:]?"),
        ("font size switch", r"[【\[]?\s*字[体号]\s*[：:]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小|^[【\[]?\s*字[体号]\s*[：:]?\s*(?:[【\[]?\s*(?:放大|缩小|超大|较大|正常|默认|标准|复位|大|中|小|[AT][+-]?)\s*[】\]|｜/]?\s*)*$"),
        ("login prompt", r"(登录|注册).*(才可以|没有帐号|没有账号|享用更多功能|结交更多好友|忘记密码)|^(马上|立即)注册|^(登录|注册|登录\s*\|\s*注册)$"),
        ("document site notice", r"下载收益归作者|免费在线阅读|由会员上传分享|由会员分享|可在线阅读|^下载到本地|小编为你整理|还可以找到更多|^欢迎来到|^浏览记录$|^ID\s*[：:]\s*\d+$|^大小\s*[：:]\s*[\d.]+\s*[KMG]?B$|^页数\s*[：:]\s*\d+\s*页?$|文档下载|下载文档|^本文档|^点击下载"),
        ("related links", r"^(相关(链接|连结|阅读|新闻|文章|附件|内容|信息)|延伸阅读)\s*[：:]?$|^(此前报道|相关报道|往期回顾|往期链接)\s*[：:]"),
        // An editor's summary above the text, which the text then says again.
        ("summary", r"^[【\[]?(摘要|内容摘要|内容提要|导读|核心提示)[】\]]?\s*[：:]"),
        // A blog's or an account's count of the text: `本篇文章297字，读完约1分钟`.
        ("reading time", r"^本篇?文章?共?\s*\d+\s*字\s*[，,]?\s*(预计)?(读完|阅读)(约|需|时间)?\s*[：:]?\s*\d+\s*分钟$|^(预计)?(阅读|读完)(全文)?(约|需|大约|时间)\s*[：:]?\s*\d+\s*分钟$"),
        ("advertisement", r"^广告\s*([（(]请?继续阅读(本文|下文)?[）)])?$"),
        ("empty attachments line", r"^附件\s*[：:]?\s*$"),
        ("page navigation", r"^(?:内容|栏目|站内|文章)导航\s*[：:]?$|^(上一篇|下一篇|上一条|下一条|返回顶部|返回首页|返回列表|关闭窗口|关闭本页|打印本页|【?打印】?|【?关闭】?|分享到|扫一扫|[•·]?\s*友善列印|<\s*返回|【返回顶部】)"),
        ("site footer", r"主办单位|承办单位|网站标识码|ICP备|公网安备|技术支持\s*[：:]|^(网站地图|联系我们|网站声明)|^(主办|承办|协办)\s*[：:]|即将离开|^(标签|关键词|TAG)\s*[：:]|^(随机阅读|相关推荐|推荐阅读|热点推荐|热门资讯|热点资讯|热门文章|热门推荐|猜你喜欢|更多)$"),
        ("disclaimer", r"不代表本(?:站|网|平台|报)(?:的|赞同其)?(?:观点|立场)|转载目的在于传递更多信息|未经(?:允许|授权|许可|书面授权)不得转载|授权转载务必注明|来源于网友上传|若需要原创|转载请注明|版权所有|^免责声明|^声明[：:]本文档|版权归属内容提供方|^特别声明[：:]?$|仅代表(?:该机构|作者本人|作者)(?:的)?观点|^导语[：:]|仅供其表达个人看法|并不表明(?:本站|本网|网站)(?:观点|立场)|^(?:网友评论|社群留言)$"),
    ]
    .into_iter()
    .map(|(kind, pattern)| (kind, Regex::new(pattern).expect("valid pattern")))
    .collect()
});

/// A site menu: three or more short words side by side, no punctuation
/// (`首页 政务公开 互动交流`).
pub(super) fn is_menu(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "|｜·".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 3
        && words.iter().all(|w| w.chars().count() <= 6)
        && !line.chars().any(is_cjk_punctuation)
}

/// The parts of `当前位置：首页 > 信息传达 > 本地新闻`, after the colon.
pub(super) fn breadcrumb_parts(line: &str) -> Vec<String> {
    let trail = line
        .split_once(['：', ':'])
        .map_or(line, |(_, trail)| trail);
    trail
        .split(['>', '»', '＞', '›', '→'])
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(line: &str) -> Option<&'static str> {
        BOILERPLATE
            .iter()
            .find(|(_, pattern)| pattern.is_match(line))
            .map(|(kind, _)| *kind)
    }

    #[test]
    fn reading_times_related_information_and_repost_notices_are_furniture() {
        assert_eq!(kind_of("本篇文章297字,读完约1分钟"), Some("reading time"));
        assert_eq!(kind_of("阅读时间：3分钟"), Some("reading time"));
        assert_eq!(kind_of("相关信息"), Some("related links"));
        let repost = "凡本网未注明“发布者:运城新闻网”的作品,均转载自其它媒体,转载目的在于传递更多信息,并不代表本网赞同其观点和对其真实性负责。";
        assert_eq!(kind_of(repost), Some("disclaimer"));
        let own = "运城日报所有自采新闻独家授权运城新闻网发布,未经允许不得转载或镜像。";
        assert_eq!(kind_of(own), Some("disclaimer"));
        assert_eq!(kind_of("内容导航："), Some("page navigation"));
        let comments = "网友评论仅供其表达个人看法，并不表明网站立场。";
        assert_eq!(kind_of(comments), Some("disclaimer"));
        assert_eq!(kind_of("网友评论"), Some("disclaimer"));
        // Text that only mentions such things stays.
        assert_eq!(kind_of("全文约3000字，阅读本文需要耐心。"), None);
        assert_eq!(kind_of("相关信息公开工作稳步推进"), None);
    }
}

//! Site furniture: the lines of a scraped page that belong to the site, not the article
//! (breadcrumbs, page tools, related links, footers, disclaimers), by kind, so that the report
//! can say what was taken off and why.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::cjk::is_cjk_punctuation;

/// A platform's time of posting, relative: `發布於 11 天前`.
const POSTING_TIME: &str = r"^(?:发布于)?\s*\d{1,3}\s*(?:分钟|小时|天|周|个月)前$";

/// Whether a line (in simplified script) is a platform's time of posting, relative.
pub(super) fn is_posting_time(folded: &str) -> bool {
    static POSTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(POSTING_TIME).expect("valid pattern"));
    POSTED.is_match(folded)
}

/// Site furniture, by kind, as patterns on the simplified text of a whole line.
/// Whether a line is a weather report's temperature alone, as a site's header shows it beside
/// today's date: `33°C`, `-2℃`, `18~26℃`.
pub(super) fn is_temperature(line: &str) -> bool {
    static TEMPERATURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^-?\d{1,2}(?:\s*[~～-]\s*-?\d{1,2})?\s*(?:°C|℃|°)$").expect("valid pattern")
    });
    TEMPERATURE.is_match(line.trim())
}

pub(super) static BOILERPLATE: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("breadcrumb", r"^(当前位置|当前页面|您的位置|您现在的位置|您当前的位置|您当前位置|当前的位置|您所在的位置|您现在位于|所在位置|现在位置)\s*[：:\-－]|^\p{Han}{2,6}(?:当前位置|您的位置|您现在的位置)\s*[：:]|^(?:路径|导航)\s*[：:][^>»＞›]+[>»＞›]|(首页|主页)\s*[>»＞›→]"),
        ("skip link", r"^(跳至|跳到|跳转到|略过|跳过)(主要|主)?(内容|正文|导航)(区块|区)?$|^:::$"),
        ("view counter", r"^[【\[]?\s*(浏览|阅读|点击|访问)(次数|量|数|人次)?\s*[：:]?\s*\d*\s*次?\s*[】\]]?$"),
        ("page tools", r"^[【\[]?(?:[•·|｜\s]*(?:字体大小|字号|字体|打印|关闭|分享[至到]?|收藏|放大|缩小|默认|大|中|小|(?:人工智能|语音)?朗读|语音播报)\s*[：:]?)+[•·|｜\s\]】]*$|^(?:视力保护色|保护视力色|护眼色)\s*[：:]?"),
        // The site header's label for today's date, its date gone with its script: `今天是：`.
        ("today's date", r"^(?:今天是|今日是)\s*[：:]?$"),
        // A photo's file name where the crawl kept its alternative text (`微信图片_2020….jpg`).
        // An e-paper's note that an item goes on from or to another page, `（上接01版）`.
        ("page jump", r"^[（(]\s*(?:上接|下转|接上|转下|接第|转第)\s*(?:第\s*)?[A-Z]?\d{1,3}\s*版\s*[）)]$"),
        ("photo file name", r"(?i)^[^\s。，]{1,60}\.(?:jpe?g|png|gif|bmp|webp)$"),
        // The page's own address, as a saved text may end: `地址：http://www.example.com/1.html`,
        // or a repost's source: `原文連結在此：https://…`.
        ("page address", r"^(?:原文|本文|文章|页面|网页)?(?:地址|链接|连结|网址)(?:在此|如下)?\s*[：:]\s*https?://\S+$"),
        // A share or read-on prompt beside a QR code: `微信扫描下方的二维码阅读本文`,
        // `了解某地更多资讯，尽在某某网微信，扫描下方二维码免费阅读。`.
        ("QR code prompt", r"^[^。]{0,20}二维码[^。]{0,12}$|微信搜索(?:公众号)?[^。]{0,20}关注|尽在[^。]{0,16}(?:微信|客户端|公众号)[^。]{0,20}(?:二维码|阅读|关注|下载)"),
        // A blog's comment form and post footer (WordPress and the like): `发表回复`,
        // `您的电子邮箱地址不会被公开。`, `本篇发表于 某分类 并标签为 …。将永久链结加入书签。`, its
        // subscription box (`探索更多来自 某某 的内容`, `订阅即可透过电子邮件收到最新文章。`).
        ("comment form", r"^(?:发表回复|发表评论|留下评论|评论已关闭|回应已关闭|回复已关闭)。?$|电子邮[箱件]地址不会被?公开|(?:发表|留下)第一(?:个|则|条)留言|必填项已用\s*\*\s*标注|^(?:本篇|本文|此条目)发表[于在]|加入(?:书签|收藏夹)。?$|^探索更多来自\s*\S.{0,30}的内容$|订阅[^。]{0,6}电子邮件[^。]{0,6}(?:收到|获取|接收)最新"),
        // A promotion of another item, its link after it: `《说说心理话》 …观念。► 即睇`; of the
        // site's LINE account (`某某新聞LINE@每日推播…`).
        ("promotion", r"[►▶]\s*(?:即睇|立即睇|即看|点击阅读|了解更多|详情)\s*$|(?i)^[^。]{0,30}LINE\s*@[^。]{0,30}$"),
        ("font size switch", r"[【\[]?\s*字[体号]\s*[：:]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小|^[【\[]?\s*(?:浏览|阅读)?字[体号]\s*[：:]?\s*(?:[【\[]?\s*(?:放大|缩小|超大|较大|正常|默认|标准|复位|大|中|小|[AT][+-]?)\s*[】\]|｜/]?\s*)*$"),
        ("login prompt", r"(登录|注册).*(才可以|没有帐号|没有账号|享用更多功能|结交更多好友|忘记密码)|^(马上|立即)注册|^(?:用户|会员)?(?:登录|注册)(?:\s*[|/／]\s*(?:登录|注册))?(?:\s*搜索)?$|^还?没有[帐账]号[？?]?$"),
        // A page's notices to its reader's browser, and an e-paper's dialog at its last issue.
        // A server's error printed atop the page by its PHP: `Deprecated: … on line 11`.
        ("server error", r"^(?:Deprecated|Warning|Notice|Strict Standards|Fatal error|Parse error)\s*:\s.{0,400}\bon line \d+$"),
        // A site's search box and the heading of its results: `搜尋結果Search`, `站内搜索：`,
        // and the title bar of its results page, `站內搜尋-某某公司`.
        ("search box", r"^(?:站内|全站)?(?:搜索|搜寻|检索)(?:结果)?\s*(?i:search)?\s*[：:]?$|^(?:站内|全站)(?:搜索|搜寻|检索)\s*[-－|｜_]"),
        // A site's banner asking to accept its cookies: `本網站使用Cookies來確保…最佳體驗。`.
        ("cookie notice", r"^(?:本网站|本站|我们的网站|我们|网站)(?:会|將|将)?使用\s*(?i:cookies?|曲奇)"),
        ("browser notice", r"此为临时链接[，,]\s*仅用于(?:文章)?预览|浏览器版本(?:过|太)低|(?:升级|更新)(?:您的)?浏览器|^建议(?:您)?使用\s*(?:IE|Chrome|谷歌|火狐)|^现在升级|已经是(?:最后|第)一(?:期|版)了|^我知道了$"),
        ("document site notice", r"下载收益归作者|免费在线阅读|由会员上传分享|由会员分享|可在线阅读|^下载到本地|小编为你整理|小编(?:精心)?(?:为[你您]|[为给]?大家)?(?:收集|搜集)?整理[^。]{0,40}(?:希望|欢迎|分享|参考|借鉴|看看|欣赏)|小编(?:为[你您]|[为给]?大家)?(?:收集|搜集|带来|准备)了?[^。]{0,20}(?:范文|范本|模板)[^。]{0,30}(?:希望|欢迎|分享|参考|借鉴|看看|欣赏)|由[^，。,]{2,12}整理[，,]\s*希望|以下是[^。]{0,40}整理的[^。]{0,60}(?:欢迎|希望)[^。]{0,8}(?:参考|阅读|借鉴)|还可以找到更多|^欢迎来到|^浏览记录$|^ID\s*[：:]\s*\d+$|^大小\s*[：:]\s*[\d.]+\s*[KMG]?B$|^页数\s*[：:]\s*\d+\s*页?$|文档下载|下载文档|^(?:\d{1,2}[、.．]\s*)?本文档|^点击下载|^网站客服|精心整理了[^。]{0,30}范文|^上传人\s*[：:]|^第\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页$|全部预览完了|^资源描述\s*[：:]?$|^合集下载$|下载文档前请自行甄别|仅部分预览|如文档侵犯您的权益|编辑为[你您]精心准备|(?:特意|特地|精心)为[你您](?:整理|收集|搜集|准备|挑选)了[^。]{0,30}(?:范文|范本|模板)|^编辑推荐[你您]?关注\s*[：:]?$|^返回\s+下载\s+相关\s+举报$|查看预览时可能会显示错乱|^(?:\d{1,2}[、.．]\s*)?下载前请仔细阅读"),
        // A photo's caption where the crawl kept only its words: `活动现场。`, dated as a
        // news agency dates its photos: `…给村民测量血压（2023年12月6日摄）。`, or numbered as
        // a photo library numbers them, `香港中秋節孔明燈 (hkgimages-20140907-122826/)`, with
        // the list of those numbers (`照片庫編號: …`).
        ("photo caption", r"^(?:活动|会议|比赛|培训|演练|宣传|工作|检查|启动仪式)?现场(?:图|照片|图片)?\s*[。.]?$|^[（(](?:相关)?资料图片?(?:仅供参考)?[）)]$|[（(](?:\d{4}年)?\d{1,2}月\d{1,2}日摄[）)]。?$|\s[（(]\s*[A-Za-z]{2,}[-_]\d{8}[-_]\d{6}/?\s*[）)]$|^照片库编号\s*[：:]"),
        ("related links", r"^(相关(链接|连结|阅读|新闻|文章|附件|内容|信息)|延伸阅读|更多精彩(?:文章|内容)?推荐阅读|更多精彩(?:文章|内容|推荐))\s*[：:]?$|^(此前报道|相关报道|往期回顾|往期链接)\s*[：:]"),
        // An editor's summary above the text, which the text then says again.
        ("summary", r"^[【\[]?(摘要|内容摘要|新闻摘要|内容提要|提要|新闻导读|导读|核心提示|内容预览|推荐阅读)[】\]]?\s*[：:]|^[【\[](摘要|内容摘要|新闻摘要|内容提要|提要|核心提示)[】\]]"),
        // A blog's or an account's count of the text: `本篇文章297字，读完约1分钟`.
        ("reading time", r"^本篇?文章?共?\s*\d+\s*字\s*[，,]?\s*(预计)?(读完|阅读)(约|需|时间)?\s*[：:]?\s*\d+\s*分钟$|^(预计)?(阅读|读完)(全文)?(约|需|大约|时间)\s*[：:]?\s*\d+\s*分钟$"),
        // Or a business's offer with its number, as a host's domain adds it to the pages it
        // copies: `某某灭鼠为广大客户提供专业的灭鼠…服务。咨询电话:84830158`.
        ("advertisement", r"^广告\s*([（(]请?继续阅读(本文|下文)?[）)])?$|为广大[^。]{0,6}提供[^。]{0,60}服务[^。]{0,10}。?\s*(?:咨询|联系|服务|订购)?(?:电话|热线)\s*[：:]\s*\d"),
        // A template's empty labels, above the text or below it: no end of the article.
        ("empty attachments line", r"^附件\s*[：:]?\s*$|^(?:关联|相关)稿件\s*[：:]?\s*$"),
        // A template's label over the text, `简讯：`, `正文：`: no part of it.
        ("text label", r"^(?:简讯|快讯|短讯|正文|全文|详细内容|文章内容|公告内容|通知内容|新闻内容|基本介绍|内容介绍|新闻详情)\s*[：:]$"),
        ("page navigation", r"^(?:内容|栏目|站内|文章)导航\s*[：:]?$|上一版\s*下一版|本期共\s*\d+\s*版|返回搜狐[，,]?\s*查看更多|^(?:\d{1,2}\s*)?(上一篇|下一篇|上一条|下一条|返回顶部|返回首页|返回列表|关闭窗口|关闭本页|打印本页|【?打印】?|【?关闭】?|分享到|分享工具$|扫一扫|[•·]?\s*友善列印|<\s*返回|【返回顶部】)"),
        ("posting time", POSTING_TIME),
        // A site's motto under its name on every page: Wikinews's `維基新聞，自由的新聞源`, a
        // greeting with its address (`Welcome To Www.Example.Com, 某某是…的好地方！`).
        ("site motto", r"^维基新闻[，,]\s*自由的新闻源$|(?i)^welcome\s+to\s+www\.[a-z0-9-]+\."),
        // An account's plea for a like under its post, and a template's link to the next one in
        // English: `喜欢就按个赞吧！！！`, `Next Article`.
        ("reader prompt", r"^喜欢(?:就|的话)?[^。]{0,8}(?:点?赞|在看|关注|分享|转发)[^。]{0,6}$|(?i)^(?:next|previous|prev)\s+(?:article|post|story)$"),
        // A question-and-answer site's labels, the asker's plea over the answer and its
        // generated answer's sign-off: `问题描述：`, `最佳答案`, `…，跪求万能的网友，帮我破局！`,
        // `希望这篇内容符合您的需求！`.
        ("Q&A labels", r"^(?:问题描述|问题补充|最佳答案|推荐答案|满意答案|其他答案|网友回答)\s*[：:]?$|(?:跪求|求助)[^。]{0,8}(?:网友|大神|大佬)|^希望(?:这篇|以上|本篇|这些)(?:内容|回答|文章|答案)[^。！!]{0,12}(?:需求|帮助|有用)"),
        // A forum's thread tools over the post: `页尾 帖尾 显示所有留言 … 回帖 发新帖`.
        ("forum tools", r"^[^。]{0,60}(?:帖尾|发新帖|只看该作者|只看楼主|电梯直达|显示所有留言)[^。]{0,60}$|^使用道具\s*(?:举报|检举)$"),
        // A forum's footer under the thread, its reply box's rules: `本版积分规则 发表回复
        // 回复后跳转到最后一页`; the members' medals under it are the forum's.
        ("forum footer", r"^本版积分规则|回复后跳转到最后一页$"),
        // A government site's marks of access for all: `符合万维网联盟…无障碍网页设计指引…`,
        // `无障碍网页嘉许计划`, `长者模式`.
        ("accessibility mark", r"万维网联盟|无障碍网页(?:设计|嘉许|认证)|^无障碍(?:浏览|阅读|模式|通道)?$|^(?:长者|关怀)模式$|^适老化(?:版|模式)?$"),
        ("site footer", r"国内统一(?:连续出版物)?刊号|违法和不良信息(?:公开)?举报|^[^。，]{0,20}法律顾问\s*[：:]|^第[一二三四]办公区\s*[：:]|(?:主办|承办)单位\s*[：:]|^(?:主办|承办)单位|网站标识码|ICP备|公网安备|技术支持\s*[：:]|(?i:copyright\s*(?:©|\(c\)|@|\d)|all rights reserved)|^(网站地图|联系我们|网站声明)|^(主办|承办|协办)\s*[：:]|即将离开|^(标签|关键词|(?i:tags?))\s*[：:]|^(随机阅读|相关推荐|推荐阅读|热点推荐|热门资讯|热点资讯|热门文章|热门推荐|猜你喜欢|最近更新|最新更新|更多)$"),
        // A heading over a list of other items (`热点图片`, `最新专题`): below the text, the
        // site's to the page's end.
        ("news list", r"^(?:热点图片|头条新闻|新闻推荐|最新专题|热点新闻|图片新闻|最新新闻|最新资讯|精彩推荐|热门新闻|今日推荐|新闻精选|精选新闻)$"),
        // A blog's box about its author under the post (`About author` / `not provided` / a
        // bio): below the text, the site's to the page's end.
        ("author box", r"(?i)^about\s+(?:the\s+)?author$|^关于作者$"),
        // A copyright notice's heading alone: the notice, to the page's end, is the site's.
        ("copyright notice", r"^[【\[]?(?:版权声明|免责声明)[】\]]?\s*[：:]?$"),
        ("disclaimer", r"^(?:注|备注)\s*[：:].{0,120}仅供参考.{0,60}(?:查证|核实|洽询|确认)|^版权声明|^(?:[^。]{0,10}(?:资料|数据|报价|行情)由[^。]{2,60}提供。)+$|不代表本(?:站|网|平台|报)(?:的|赞同其)?(?:观点|立场)|转载目的在于传递更多信息|未经(?:允许|授权|许可|书面授权)[，,]?\s*(?:不得|禁止|严禁)转载|未经[^。]{0,12}授权不得转载|版权均?(?:属|归)[^。]{0,20}所有|授权转载务必注明|来源于网友上传|若需要原创|转载请(?:务必)?(?:注明|附上|保留|标明)|版权所有|^免责声明|^声明[：:]本文档|版权归属内容提供方|^特别声明[：:]?$|仅代表(?:该机构|该作者(?:或机构)?|作者本人|作者)(?:的)?观点|^导语[：:]|仅供其表达个人看法|并不表明(?:本站|本网|网站)(?:观点|立场)|^(?:网友评论|社群留言)$|(?:如有|如涉及|如涉|若有|若涉及)(?:版权|侵权)[^。！]{0,20}(?:删除|联系)|请(?:相关)?权利人[^。]{0,12}(?:与|和|联系)本(?:网站|站|网)|欢迎[^。]{0,6}投稿[^。]{0,6}提供[^。]{0,4}线索"),
    ]
    .into_iter()
    .map(|(kind, pattern)| (kind, Regex::new(pattern).expect("valid pattern")))
    .collect()
});

/// The words of a gambling site's name, as hijacked and spam domains put it on the pages they
/// copy (`bet365体育`, `九游会登录j9入口`, `188比分直播`): no office's, no headline's.
static GAMBLING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)bet\d|\d{2,4}(?:体育|比分)|投注|博彩|娱乐城|棋牌|九游|开云|真人(?:娱乐|视讯)|比分直播|登录入口|[a-z]\d入口")
        .expect("valid pattern")
});

/// Whether a name is a gambling site's.
pub(super) fn is_gambling_name(name: &str) -> bool {
    GAMBLING.is_match(name)
}

/// A headline without the gambling site's name a spam domain glued to it, before it
/// (`188比分直播《…》政策解读`) or after a dash (`…帮扶调研-九游会登录j9入口`).
pub(super) fn without_gambling_name(headline: &str) -> &str {
    static AFTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*[-–_|｜]\s*[^-–_|｜]{2,24}$").expect("valid pattern"));
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{2,4}|[A-Za-z]{2,8}\d*)\p{Han}{0,2}(?:比分直播|比分|体育)")
            .expect("valid pattern")
    });
    let headline = match AFTER.find(headline) {
        Some(tail) if is_gambling_name(tail.as_str()) => &headline[..tail.start()],
        _ => headline,
    };
    // Or its name before a blank (`开云官方app下载 某某社区：入户走访…`).
    let headline = match headline.split_once(char::is_whitespace) {
        Some((name, rest)) if is_gambling_name(name) && rest.trim().chars().count() >= 6 => {
            rest.trim_start()
        }
        _ => headline,
    };
    match BEFORE.find(headline) {
        Some(head) if head.end() < headline.len() => &headline[head.end()..],
        _ => headline,
    }
}

/// A newsroom's name with its brand in Latin letters, as a broadcaster prints it under a
/// headline: `無綫新聞 TVB News`, `全民新聞 CVRHK`.
pub(super) fn is_newsroom_brand(line: &str) -> bool {
    static BRAND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{2,6}(?:新闻|新聞)(?:\s+[A-Za-z]{2,12}){1,3}$").expect("valid pattern")
    });
    BRAND.is_match(line.trim())
}

/// A site menu: three or more short words side by side, no punctuation
/// (`首页 政务公开 互动交流`); not a byline's roles and names (`某某新闻记者 王五 通讯员 李六`)
/// nor a newsroom's brand.
pub(super) fn is_menu(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "|｜·".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let short = words.iter().filter(|w| w.chars().count() <= 6).count();
    // Barred links may follow the site's slogan (`游遍某地从某某网开始>> | 首页 | 意见反馈 | …`).
    let barred = line.contains(['|', '｜']) && short >= 4 && short + 1 >= words.len();
    let roles = ["记者", "通讯员", "記者", "通訊員"];
    // A byline names two roles or more (`某某新闻记者 王五 通讯员 李六`); a menu hardly any.
    let byline = words
        .iter()
        .filter(|w| roles.iter().any(|r| w.ends_with(r)))
        .count()
        >= 2;
    (barred || (words.len() >= 3 && short == words.len()))
        && !line.chars().any(is_cjk_punctuation)
        && !byline
        && !is_newsroom_brand(line)
}

/// The parts of `当前位置：首页 > 信息传达 > 本地新闻`, after the colon.
pub(super) fn breadcrumb_parts(line: &str) -> Vec<String> {
    let trail = line
        .split_once(['：', ':'])
        .map_or(line, |(_, trail)| trail);
    // Some trails mark their steps with a slash or a spaced dash: `首页 / 新闻发布 / 镇街之窗`,
    // `首页 - 专题 - 正文`.
    trail
        .split(" - ")
        .flat_map(|step| step.split(['>', '»', '＞', '›', '→', '/', '／']))
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect()
}

/// A headline run on after a breadcrumb's last part (`首页 > 乡村振兴 > 新风尚 某镇：整治…`):
/// the part after the column's name, which has no blank of its own; the column stays the
/// last part.
pub(super) fn headline_after_crumbs(crumbs: &mut [String]) -> Option<String> {
    let last = crumbs.last_mut()?;
    let (column, rest) = last.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    let han = rest
        .chars()
        .filter(|&c| crate::text::cjk::is_cjk(c))
        .count();
    if column.chars().count() > 8 || han < 6 || super::extract::find_date(rest).is_some() {
        return None;
    }
    let headline = rest.to_string();
    *last = column.to_string();
    Some(headline)
}

/// Tags left in a saved text (`<p class="ql-block">`, `</p>`), which a browser never shows.
static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s+[A-Za-z:-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s<>"']+))?)*\s*/?>"#)
        .expect("valid pattern")
});

/// A line without the tags left in it, and the tags; `None` for a line without any.
pub(super) fn without_markup(line: &str) -> Option<(String, String)> {
    let tags: Vec<&str> = MARKUP.find_iter(line).map(|m| m.as_str()).collect();
    if tags.is_empty() {
        return None;
    }
    // A tag between two paragraphs stands for a break: a blank keeps them apart.
    Some((MARKUP.replace_all(line, " ").into_owned(), tags.join(" ")))
}

/// A line without the list marker a crawl wrote before it (`- 某某开发区召开…`).
pub(super) fn without_list_marker(line: &str) -> &str {
    match line.strip_prefix(['-', '*']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => line,
    }
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
        assert_eq!(kind_of("（上接01版）"), Some("page jump"));
        assert_eq!(kind_of("(下转第A3版)"), Some("page jump"));
        assert_eq!(kind_of("阅读时间：3分钟"), Some("reading time"));
        assert_eq!(kind_of("相关信息"), Some("related links"));
        assert_eq!(kind_of("更多精彩文章推荐阅读:"), Some("related links"));
        let repost = "凡本网未注明“发布者:运城新闻网”的作品,均转载自其它媒体,转载目的在于传递更多信息,并不代表本网赞同其观点和对其真实性负责。";
        assert_eq!(kind_of(repost), Some("disclaimer"));
        let own = "运城日报所有自采新闻独家授权运城新闻网发布,未经允许不得转载或镜像。";
        assert_eq!(kind_of(own), Some("disclaimer"));
        let original = "本站原创文章，转载请附上原文链接。";
        assert_eq!(kind_of(original), Some("disclaimer"));
        let paper = "以上内容版权均属某某报社所有(注明其他来源的内容除外),任何媒体、网站或个人未经本报协议授权不得转载、链接、转贴或以其他方式复制发布/发表。";
        assert_eq!(kind_of(paper), Some("disclaimer"));
        assert_eq!(kind_of("内容导航："), Some("page navigation"));
        let comments = "网友评论仅供其表达个人看法，并不表明网站立场。";
        assert_eq!(kind_of(comments), Some("disclaimer"));
        assert_eq!(kind_of("网友评论"), Some("disclaimer"));
        let line = "某某新闻LINE@每日推播热门推荐文章，趣闻不漏接";
        assert_eq!(kind_of(line), Some("promotion"));
        let takedown = "声明：以上文章来源某某新闻，如涉版权，请通知0537-1234567删除。";
        assert_eq!(kind_of(takedown), Some("disclaimer"));
        assert_eq!(kind_of("提要：某日，某区召开会议。"), Some("summary"));
        let owner = "Copyright © 2005-2018 某某网 - www.example.com All rights reserved";
        assert_eq!(kind_of(owner), Some("site footer"));
        assert_eq!(kind_of("最近更新"), Some("site footer"));
        let contact =
            "联系电话:010-56019387,监督电话:18516948318,违法和不良信息举报电话:010-57028685";
        assert_eq!(kind_of(contact), Some("site footer"));
        let offices = "第一办公区:北京市西城区敬胜胡同甲3号东侧;第二办公区:北京市东城区";
        assert_eq!(kind_of(offices), Some("site footer"));
        let imprint = "某某日报报刊社 某某集团 出版 国内统一刊号：CN52-0013 代号65-1";
        assert_eq!(kind_of(imprint), Some("site footer"));
        assert_eq!(kind_of("2、本文档由用户上传"), Some("document site notice"));
        assert_eq!(kind_of("2. 本文档由用户上传"), Some("document site notice"));
        let preview = "1. 部分包含数学公式或PPT动画的文件，查看预览时可能会显示错乱或异常。";
        assert_eq!(kind_of(preview), Some("document site notice"));
        let read_first = "3. 下载前请仔细阅读文档内容，确认文档内容符合您的需求后进行下载。";
        assert_eq!(kind_of(read_first), Some("document site notice"));
        let greeting = "Welcome To Www.Example.Com, 某某阁是创造资源财富的好地方！";
        assert_eq!(kind_of(greeting), Some("site motto"));
        assert_eq!(
            kind_of("网站客服：3074922707"),
            Some("document site notice")
        );
        let preface =
            "前言：本站为你精心整理了民政局医疗保险方案范文，希望能为你的创作提供参考价值。";
        assert_eq!(kind_of(preface), Some("document site notice"));
        let intro = "请欣赏驻村书记述职报告(精选6篇),由笔构网整理,希望能够帮助到大家。";
        assert_eq!(kind_of(intro), Some("document site notice"));
        let shared =
            "以下是小编精心收集整理的消防宣传日主题活动方案,下面小编就和大家分享,来欣赏一下吧。";
        assert_eq!(kind_of(shared), Some("document site notice"));
        for intro in [
            "以下是小编为大家收集的优秀范文，欢迎大家分享阅读。",
            "世界读书日的时间是每年的4月23日。以下是第一心得心得体会频道整理的心得体会怎么写【十篇】，欢迎参考，更多详细内容请关注第一心得。",
            "这时就需要发出修路通告，下面本站小编给大家带来修路通告范文，供大家参考！",
        ] {
            assert_eq!(kind_of(intro), Some("document site notice"), "{intro}");
        }
        // An editor so called in a byline is no site's notice.
        assert_eq!(kind_of("小编：张三 整理：李四"), None);
        let glued = "党建工作当前位置:关于国盛 > 党建工作";
        assert_eq!(kind_of(glued), Some("breadcrumb"));
        let spaced = "您当前的位置 : 某某信息港 >> 新闻 >> 时政 |";
        assert_eq!(kind_of(spaced), Some("breadcrumb"));
        assert_eq!(kind_of("项目所在位置：城东路以北"), None);
        // A path so labelled, its steps marked; not a route (`路径：某路至某路`).
        assert_eq!(kind_of("路径 : 服务介绍 > 最新消息"), Some("breadcrumb"));
        assert_eq!(kind_of("路径：某某路至某某路"), None);
        assert_eq!(
            kind_of("您当前使用的浏览器版本过低，可能导致部分功能不能正常使用。"),
            Some("browser notice")
        );
        assert_eq!(kind_of("这已经是最后一期了哦！"), Some("browser notice"));
        assert_eq!(kind_of("登录/注册 搜索"), Some("login prompt"));
        assert_eq!(kind_of("第1页 / 共2页"), Some("document site notice"));
        let previewed = "亲，该文档总共2页，全部预览完了，如果喜欢就下载吧！";
        assert_eq!(kind_of(previewed), Some("document site notice"));
        assert_eq!(kind_of("活动现场。"), Some("photo caption"));
        let dated = "某村乡村医生给村民测量血压（2023年12月6日摄）。";
        assert_eq!(kind_of(dated), Some("photo caption"));
        // A notice's sentence that names an organiser is no footer.
        let organiser =
            "二、需要燃放烟花爆竹的，主办单位应向当地镇政府提出申请，并按照有关规定办理手续。";
        assert_eq!(kind_of(organiser), None);
        assert_eq!(kind_of("（相关资料图）"), Some("photo caption"));
        let tip = "温馨提示：微信搜索公众号某某本地宝，关注后在对话框回复【疫情】可获最新消息。";
        assert_eq!(kind_of(tip), Some("QR code prompt"));
        assert_eq!(
            kind_of("探索更多来自 某某新闻云 的内容"),
            Some("comment form")
        );
        assert_eq!(
            kind_of("订阅即可透过电子邮件收到最新文章。"),
            Some("comment form")
        );
        let promotion = "《说说心理话》 消费能获取快乐？一起看看正确理财观念。► 即睇";
        assert_eq!(kind_of(promotion), Some("promotion"));
        let offer = "某某灭鼠为广大客户提供专业的灭鼠、灭蟑螂的服务。咨询电话:84830158";
        assert_eq!(kind_of(offer), Some("advertisement"));
        let news = "该行将继续为广大客户提供优质金融服务。";
        assert_eq!(kind_of(news), None);
        let badge = "符合万维网联盟有关无障碍网页设计指引中2A级别的要求";
        assert_eq!(kind_of(badge), Some("accessibility mark"));
        assert_eq!(kind_of("无障碍网页嘉许计划"), Some("accessibility mark"));
        assert_eq!(kind_of("某区推进无障碍环境建设"), None);
        // Text that only mentions such things stays.
        assert_eq!(kind_of("全文约3000字，阅读本文需要耐心。"), None);
        assert_eq!(kind_of("相关信息公开工作稳步推进"), None);
    }

    #[test]
    fn comment_forms_preview_notices_server_errors_and_slogan_menus_are_furniture() {
        assert_eq!(kind_of("维基新闻，自由的新闻源"), Some("site motto"));
        for form in [
            "发布留言必须填写的电子邮件地址不会公开。 必填栏位标示为 *",
            "发表第一个留言支持创作者!",
        ] {
            assert_eq!(kind_of(form), Some("comment form"), "{form}");
        }
        assert!(is_menu(
            "游遍某地从某某网开始>> | 某某首页 | 意见反馈 | 天气预报 | 网站投稿 |"
        ));
        assert!(!is_menu("简讯 | 某区召开安全生产工作会议部署节前工作"));
        assert!(!is_menu("某某新闻记者 王五 通讯员 李六"));
        assert!(!is_menu("某某新聞 ABC News"));
        assert!(is_menu("首页 本地新闻 EN"));
        let php = "Deprecated: Creation of dynamic property a::$k is deprecated in /var/www/p.php on line 11";
        assert_eq!(kind_of(php), Some("server error"));
        assert_eq!(
            kind_of("您的IE浏览器版本太低，请升级至IE8及以上版本。"),
            Some("browser notice")
        );
        assert_eq!(kind_of("新闻精选"), Some("news list"));
        let preview = "此为临时链接，仅用于预览，将在短期内失效。";
        assert_eq!(kind_of(preview), Some("browser notice"));
        let cookies = "本网站使用Cookies来确保您获得我们网站上的最佳体验。浏览更多";
        assert_eq!(kind_of(cookies), Some("cookie notice"));
        assert_eq!(kind_of("保护视力色："), Some("page tools"));
        assert_eq!(kind_of("今天是："), Some("today's date"));
        for search in [
            "搜寻结果Search",
            "站内搜索：",
            "搜索",
            "站内搜寻-某某建设公司",
        ] {
            assert_eq!(kind_of(search), Some("search box"), "{search}");
        }
        assert_eq!(kind_of("搜索结果显示，该镇去年接待游客十万人次。"), None);
        assert_eq!(kind_of("本网站使用说明"), None);
        let rights = "本网部分转载文章、图片等无法联系到权利人，请相关权利人与本网站联系。";
        assert_eq!(kind_of(rights), Some("disclaimer"));
    }

    #[test]
    fn gambling_names_are_no_office_and_leave_the_headline() {
        assert!(is_gambling_name("bet365体育"));
        assert!(!is_gambling_name("某某区体育局"));
        assert_eq!(
            without_gambling_name("省政协工作专班到新区开展帮扶调研-九游会登录j9入口"),
            "省政协工作专班到新区开展帮扶调研"
        );
        assert_eq!(
            without_gambling_name("188比分直播《2023年某镇政府工作报告》政策解读"),
            "《2023年某镇政府工作报告》政策解读"
        );
        assert_eq!(
            without_gambling_name("开云官方app下载 某某社区：入户走访察民情"),
            "某某社区：入户走访察民情"
        );
        assert_eq!(
            without_gambling_name("某区召开会议 - 某某新闻网"),
            "某区召开会议 - 某某新闻网"
        );
    }

    #[test]
    fn photo_names_qr_prompts_comment_forms_and_copyright_notices_are_furniture() {
        assert_eq!(
            kind_of("微信图片_20200812153645.jpg"),
            Some("photo file name")
        );
        assert_eq!(
            kind_of("微信扫描下方的二维码阅读本文"),
            Some("QR code prompt")
        );
        let promotion = "了解某地更多资讯，尽在某某网微信，扫描下方二维码免费阅读。";
        assert_eq!(kind_of(promotion), Some("QR code prompt"));
        assert_eq!(kind_of("美景尽在眼前，游客纷纷拍照留念。"), None);
        assert_eq!(kind_of("发表回复"), Some("comment form"));
        assert_eq!(kind_of("喜欢就按个赞吧！！！"), Some("reader prompt"));
        assert_eq!(kind_of("Next Article"), Some("reader prompt"));
        assert_eq!(kind_of("About author"), Some("author box"));
        assert_eq!(
            kind_of("喜欢读书的孩子越来越多，图书馆的座位常常坐满。"),
            None
        );
        let notice = "文章为某某融媒体中心原创，转载或内容合作请联系我们。未经许可，不得转载。";
        assert_eq!(kind_of(notice), Some("disclaimer"));
        let address = "地址：http://www.example.com/news/123.html";
        assert_eq!(kind_of(address), Some("page address"));
        assert_eq!(kind_of("公告内容："), Some("text label"));
        assert_eq!(kind_of("基本介绍："), Some("text label"));
        let source = "原文连结在此：https://www.example.hk/700463/某某";
        assert_eq!(kind_of(source), Some("page address"));
        assert_eq!(kind_of("地址：某某路1号"), None);
        let form = "您的电子邮箱地址不会被公开。 必填项已用 * 标注";
        assert_eq!(kind_of(form), Some("comment form"));
        let footer = "本篇发表于 未分类 并标签为 , , 。将永久链结加入书签。";
        assert_eq!(kind_of(footer), Some("comment form"));
        assert_eq!(kind_of("【字体大小："), Some("page tools"));
        assert_eq!(kind_of("分享至："), Some("page tools"));
        assert_eq!(kind_of("人工智能朗读："), Some("page tools"));
        assert_eq!(kind_of("3 上一篇  下一篇 4"), Some("page navigation"));
        assert_eq!(kind_of("分享工具"), Some("page navigation"));
        let intro =
            "前言：想要写出好文章吗？我们特意为您整理了5篇应急预案范文，相信会为您带来帮助。";
        assert_eq!(kind_of(intro), Some("document site notice"));
        let appeal = "（某某客户端欢迎各界投稿，提供线索，包括文字、照片、短视频。）";
        assert_eq!(kind_of(appeal), Some("disclaimer"));
        let sohu = "稿件作者：王某返回搜狐，查看更多";
        assert_eq!(kind_of(sohu), Some("page navigation"));
        assert_eq!(kind_of("版权声明："), Some("copyright notice"));
        let scraped = "版权声明：本文由网络蜘蛛自动收集于网络，如需转载请注明出处";
        assert_eq!(kind_of(scraped), Some("disclaimer"));
        let quotes = "股票及指数资料由某某财经有限公司提供。外汇及黄金报价由某社提供。";
        assert_eq!(kind_of(quotes), Some("disclaimer"));
        let takedown = "文中内容、图片均来源于网络，如有版权问题请联系本站删除！";
        assert_eq!(kind_of(takedown), Some("disclaimer"));
        assert_eq!(kind_of("如有侵权请联系删除"), Some("disclaimer"));
        let note = "注：在您使用某某网发布的资料时，提醒您，仍需留意讯息内容之真实性与正确性，各项资料仅供参考。如有疑虑，请先透过本网站客服信箱向本部查证。";
        assert_eq!(kind_of(note), Some("disclaimer"));
        assert_eq!(kind_of("注：以上数据仅供参考。"), None);
        assert_eq!(kind_of("Copyright@某某通讯社（香港）"), Some("site footer"));
        assert_eq!(kind_of("新闻导读：某日，某区召开会议。"), Some("summary"));
        assert_eq!(
            kind_of("推荐阅读：市工商局开展了读书活动."),
            Some("summary")
        );
        assert_eq!(kind_of("简讯："), Some("text label"));
        let forum = "页尾 帖尾 显示所有留言 搜索某用户之留言 回帖 在本分区发新帖 搜索本分区";
        assert_eq!(kind_of(forum), Some("forum tools"));
        assert_eq!(kind_of("使用道具 检举"), Some("forum tools"));
        let reply_box = "本版积分规则 发表回复 回复后跳转到最后一页";
        assert_eq!(kind_of(reply_box), Some("forum footer"));
        assert_eq!(kind_of("发布于 11 天前"), Some("posting time"));
        assert_eq!(kind_of("最佳答案"), Some("Q&A labels"));
        let plea = "12.2（全国交通安全日），跪求万能的网友，帮我破局！";
        assert_eq!(kind_of(plea), Some("Q&A labels"));
        assert_eq!(kind_of("希望这篇内容符合您的需求！"), Some("Q&A labels"));
        assert_eq!(kind_of("希望这篇内容引起大家重视，共同守护安全。"), None);
        assert_eq!(kind_of("简讯：某日，某区召开会议。"), None);
        // Text that only mentions such things stays.
        assert_eq!(kind_of("扫描二维码即可报名，名额有限。"), None);
        assert_eq!(kind_of("会议还研究了图片.jpg格式的档案整理办法。"), None);
        assert_eq!(
            kind_of("有关数据由区统计局提供。会议要求各部门抓好落实。"),
            None
        );
    }

    #[test]
    fn markup_list_markers_and_a_headline_after_the_breadcrumb_come_off() {
        let (text, tags) = without_markup(r#"<p class="x">第一段。</p> <p>第二段。</p>"#).unwrap();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["第一段。", "第二段。"]
        );
        assert_eq!(tags, r#"<p class="x"> </p> <p> </p>"#);
        assert_eq!(without_markup("收入<5万元的农户>3户"), None);
        assert_eq!(without_list_marker("- 某区召开会议"), "某区召开会议");
        assert_eq!(without_list_marker("-5℃"), "-5℃");
        let mut crumbs =
            breadcrumb_parts("当前位置: 首页 > 乡村振兴 > 新风尚 某镇：整治环境促提升");
        assert_eq!(
            headline_after_crumbs(&mut crumbs).as_deref(),
            Some("某镇：整治环境促提升")
        );
        assert_eq!(crumbs, ["首页", "乡村振兴", "新风尚"]);
        let mut plain = breadcrumb_parts("首页 > 新闻中心 > 政务要闻");
        assert_eq!(headline_after_crumbs(&mut plain), None);
        let dashed = breadcrumb_parts("您当前的位置：首页 - 生态环境保护督察进行时 - 正文");
        assert_eq!(dashed, ["首页", "生态环境保护督察进行时", "正文"]);
        let slashed = breadcrumb_parts("您当前的位置: 网站首页 / 新闻发布 / 镇街之窗");
        assert_eq!(slashed, ["网站首页", "新闻发布", "镇街之窗"]);
    }

    #[test]
    fn footers_reading_tools_and_a_photo_librarys_numbers_are_furniture() {
        let hotline = "违法和不良信息公开举报电话 | 涉未成年人有害信息举报电话:0578-1234567";
        assert_eq!(kind_of(hotline), Some("site footer"));
        assert_eq!(
            kind_of("某某日报社(某某网)法律顾问:某某律师事务所"),
            Some("site footer")
        );
        assert_eq!(kind_of("编辑推荐您关注:"), Some("document site notice"));
        let sign_off = "本文由读书人编辑为您精心准备,请大家参考!";
        assert_eq!(kind_of(sign_off), Some("document site notice"));
        assert_eq!(kind_of("【浏览字体:"), Some("font size switch"));
        let platform =
            "本文在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场。";
        assert_eq!(kind_of(platform), Some("disclaimer"));
        assert_eq!(
            kind_of("内容预览：为了解文物保护现状，某乡组织调研。"),
            Some("summary")
        );
        let numbered = "香港中秋节孔明灯 (hkgimages-20140907-122826/)";
        assert_eq!(kind_of(numbered), Some("photo caption"));
        let numbers = "照片库编号: hkgimages-20110409-123116, hkgimages-20140907-122826/";
        assert_eq!(kind_of(numbers), Some("photo caption"));
        // A model's number in the text is none.
        assert_eq!(kind_of("该型号(ABC-2023)已停产。"), None);
    }
}

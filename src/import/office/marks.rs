//! An outlet's own marks on its page, the last clue to who made an item: the record its
//! e-paper system leaves, its masthead over the text, its footer's owner or host, a repost
//! notice's provider, and the site's name in the title bar.

use std::sync::LazyLock;

use regex::Regex;

use super::{Clues, DATED, OUTLET, take};

/// What an e-paper's system (Founder's `enpproperty`) leaves at the foot of a saved page when
/// its tags are stripped: `2024-02-03 2 2 某某晚报 content_226314.html 1 标题 /enpproperty-->`
/// (or `c110301.html`, as other papers name their pages).
static EPAPER_RECORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?P<paper>[^\s\d]{2,12})\s+[A-Za-z]*_?\d+\.s?html?\s.*enpproperty")
        .expect("valid pattern")
});

/// A paper's issue where a breadcrumb gives the page's place: `当前位置:某某晚报2013年12月05日期
/// 第A31版:…`.
static ISSUE_CRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^(?:当前位置|您的位置|您现在的位置|当前的位置)\s*[：:]\s*(?P<paper>\p{Han}{2,8}(?:日报|晚报|早报|时报|商报|都市报))\s*\d{4}\s*年")
        .expect("valid pattern")
});

/// A site's host in its footer, `主办：某某晚报社`; an outlet's own site names the outlet.
/// Or the owner before its roles, `某某报主管主办`.
static HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:主办(?:单位)?\s*[：:]\s*(?P<owner>[\p{Han}·]{2,20})|(?P<before>[\p{Han}·]{2,20}?)(?:主管主办|主管|主办)(?:\s|$))")
        .expect("valid pattern")
});

/// An e-paper's masthead over an article, the paper's name before its issue and edition:
/// `《 某某晚报 》( 2025年12月18日 第 02 版 )`, `《某某日报》（2022年11月8日） 08版`.
static EDITION_MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^《\s*(?P<rest>[^《》\s]{2,12})\s*》\s*[（(][^（）()]*(?:(?:第\s*)?[A-Z]?\d{1,3}\s*版|日\s*[）)]\s*(?:第\s*)?[A-Z]?\d{1,3}\s*版)")
        .expect("valid pattern")
});

/// A site's name and its address on the masthead's line: `某某新聞 www.example.net`.
static SITE_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[\p{Han}·]{2,12})\s+(?i:https?://)?(?i:www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/?$")
        .expect("valid pattern")
});

/// A paper's name: `某某日报`, `某某晚报`.
static PAPER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}·]{2,10}(?:日报|晚报|早报|时报|商报|都市报)$").expect("valid pattern")
});

static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"版权所有\s*(?:[©Ⓒ]|\(c\)|（c）)?\s*(?:\d{4}(?:\s*-\s*\d{4})?)?\s*[：:]?\s*(?P<owner>[\p{Han}·]{2,20})").expect("valid pattern")
});

/// An e-paper's name for its edition, after the paper's: `某某日报数字报`, `今日某某-电子版`.
const EDITION: &str = "数字报纸|數字報紙|数字报|數字報|电子版|電子版";

/// What follows a paper's or a site's name in its masthead: its edition, its page (`第3版`),
/// a greeting.
static MASTHEAD_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\s*(?:{EDITION}|欢迎您|歡迎您|欢迎你|歡迎你|第\s*[A-Z]?\d{{1,3}}\s*版)[！!]?$"
    ))
    .expect("valid pattern")
});

/// Whether a line is a masthead: a paper's or a site's name with its edition or greeting
/// (`今日某某-数字报`, `某某日报电子版`, `某某网欢迎您！`), no headline.
pub(in crate::import) fn is_masthead(line: &str) -> bool {
    MASTHEAD_TAIL.is_match(line.trim_end())
}

/// An outlet's own marks, last: the record its e-paper system leaves, its issue in the
/// breadcrumb, its masthead over the text (`某某时报 | SomeTimes`, `2019年10月23日 09:05
/// 环球网`), its footer's owner or host, or the site's name; only a news outlet's name is taken
/// from these.
pub(super) fn outlets_own_mark(clues: &Clues, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let masthead = clues
        .above
        .iter()
        .map(|l| {
            let l = l.trim();
            // A site's name before its address, `某某新聞 www.example.net`: a news site's, if it
            // ends as one (`新聞`).
            if let Some(name) = SITE_ADDRESS.captures(l).and_then(|c| c.name("name")) {
                let news = fold(name.as_str()).ends_with("新闻");
                return (news || OUTLET.is_match(&fold(name.as_str()))).then_some(name.as_str());
            }
            let l = DATED
                .captures(l)
                .or_else(|| EDITION_MASTHEAD.captures(l))
                .and_then(|c| c.name("rest"))
                .map_or(l, |rest| rest.as_str());
            // A masthead may name its edition or greet the reader after the name (`某某日报
            // 数字报纸`, `某某新闻网欢迎您！`).
            let l = MASTHEAD_TAIL.find(l).map_or(l, |tail| &l[..tail.start()]);
            // A masthead may give the name in English beside the Chinese one, or the
            // paper's name after its group's (`某某传媒|某某报`).
            let name = match l.split_once(['|', '｜']) {
                Some((name, english)) if !english.chars().any(crate::text::cjk::is_cjk) => {
                    name.trim()
                }
                Some((_, paper)) if OUTLET.is_match(&fold(paper.trim())) => paper.trim(),
                _ => l,
            };
            // A greeting may come before it (`欢迎光临某某网`); a model-essay site is no outlet.
            let name = ["欢迎光临", "歡迎光臨", "欢迎访问", "歡迎訪問"]
                .iter()
                .find_map(|greeting| name.strip_prefix(greeting))
                .unwrap_or(name);
            let folded = fold(name);
            (OUTLET.is_match(&folded) && !folded.contains("范文")).then_some(name)
        })
        .find_map(|name| name);
    let footer = |re: &Regex, group: &str| {
        clues
            .furniture
            .iter()
            .find_map(|line| take(line, re, group, fold))
    };
    let outlet = |name: &String| OUTLET.is_match(&fold(name));
    // A site's name in Latin initials (`RTHK`) is a broadcaster's or an agency's.
    let initials = |name: &String| INITIALS.is_match(name);
    // A paper's name alone under its story, where an e-paper prints it.
    let paper_alone = || {
        let alone = clues.furniture.iter().map(|l| l.trim());
        let paper = |l: &&str| PAPER.is_match(&fold(l));
        alone.into_iter().find(paper).map(str::to_string)
    };
    let named_elsewhere = || {
        paper_alone()
            .or_else(|| footer(&OWNER, "owner").filter(outlet))
            .or_else(|| footer(&HOST, "owner").filter(outlet))
            .or_else(|| footer(&HOST, "before").filter(outlet))
            .or_else(|| clues.site.map(|s| s.trim().to_string()))
            .or_else(|| title_bar_site(clues, fold))
            .filter(|name| outlet(name) || initials(name))
    };
    let marked = take(clues.page, &EPAPER_RECORD, "paper", fold)
        .filter(outlet)
        .or_else(|| take(clues.page, &ISSUE_CRUMB, "paper", fold))
        .or_else(|| masthead.map(str::to_string))
        .or_else(named_elsewhere);
    // A repost notice names the outlet that provided the text, whatever its name's form.
    footer(&PROVIDER, "outlet")
        .or_else(|| e_papers_name(clues.above))
        .or(marked)
}

/// An e-paper's name over its pages, whatever its form: `今日某某-数字报|今日某某-电子版`.
fn e_papers_name(above: &[String]) -> Option<String> {
    static E_PAPER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?P<name>\p{{Han}}{{2,10}}?)\s*[-－—]?\s*(?:{EDITION})\s*(?:$|[|｜])"
        ))
        .expect("valid pattern")
    });
    let name = |line: &String| Some(E_PAPER.captures(line.trim())?["name"].to_string());
    above.iter().find_map(name)
}

/// A repost notice's outlet: `《某某》由某某新闻网-某某网提供，转载请注明出处`.
static PROVIDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"由(?P<outlet>[^\s，,。：:《》]{2,20}?)提供\s*[，,]\s*转载请")
        .expect("valid pattern")
});

/// A site's name in Latin capitals.
static INITIALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{2,6}$").expect("valid pattern"));

/// The site's name after the headline in the page's title bar, as a saved text keeps it at
/// its top: `某某召开会议 - 某某新闻网`, `某某召开会议_要闻_某某网`.
fn title_bar_site(clues: &Clues, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let squeezed = |text: &str| -> String { fold(text).split_whitespace().collect() };
    let title = squeezed(clues.title);
    let bar = clues.above.iter().find_map(|line| {
        let (headline, site) = line.rsplit_once(" - ").or_else(|| line.rsplit_once('_'))?;
        let echoes = !title.is_empty() && squeezed(headline).starts_with(&title);
        echoes.then(|| site.trim().to_string())
    });
    bar.filter(|site| !site.is_empty())
}

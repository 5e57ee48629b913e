//! Which office or outlet a page comes from, when no source line says so: the signature under
//! a notice, the outlet of a dateline lead (`红网桂东站8月20日讯`), the closing credit
//! (`（濂溪区融媒体中心 记者 刘文）`), a byline's outlet (`齐鲁晚报·齐鲁壹点 通讯员 程超`), the
//! issuer a notice's title names (`XX县人民政府办公室关于…`), an author line that names an
//! office, and last a news outlet's own marks: an e-paper's record of the article, its masthead,
//! its ownership or host line (`太平洋新聞網`, `版权所有 ©2022 通辽日报`, `主办：某某晚报社`), its
//! name in the page's title bar (`某某召开会议 - RTHK`). A release's contact after the text names
//! its office too (`聯絡人：某某市政府民政局 黃先生`), and so do an outlet's notice under the
//! text and a reporter's credit there (`office/under.rs`).
//! Kept as the item's `source`, never lost.

mod credit;
mod lead;
mod marks;
mod under;

use std::sync::LazyLock;

use regex::Regex;

use super::headline::unspaced;

use credit::{credited_outlet, supplier_before_writers};
use lead::lead_outlet;
pub(super) use marks::is_masthead;
use marks::outlets_own_mark;

/// What the page offers, in its own script; `fold` gives simplified script.
pub(super) struct Clues<'a> {
    pub(super) lead: Option<&'a str>,
    pub(super) title: &'a str,
    /// The headline's line as printed, tags and all.
    pub(super) headline: Option<&'a str>,
    pub(super) author: Option<&'a str>,
    /// The parenthesised credit after the last sentence.
    pub(super) credit: Option<&'a str>,
    /// Who contributed the text, `（某某中心供稿）`: a newsroom the outlet of a dateline
    /// publishes for.
    pub(super) contributor: Option<&'a str>,
    /// The line that signs a notice, just above its date.
    pub(super) signature: Option<&'a str>,
    /// The lines taken out above the text (bylines, captions) and as the page's header.
    pub(super) above: &'a [String],
    /// The lines taken out between the headline and the text.
    pub(super) between: &'a [String],
    /// The lines taken out as furniture.
    pub(super) furniture: &'a [String],
    /// The site's name, as its page title or metadata gives it.
    pub(super) site: Option<&'a str>,
    /// The whole text of the page, where its machinery may have left a record of the article.
    pub(super) page: &'a str,
}

/// An office's name: what it ends with.
const OFFICE_END: &str = r"(?:人民政府办公室|支队|大队|人民政府办公厅|办公室|办公厅|人民政府|政府|委员会|管委会|残联|妇联|文联|侨联|工商联|科协|协会|基金会|领导小组|指挥部|社区|总工会|民政事务处|事务处|街道办事处|办事处|公所|局|委|办|署|处|厅|中心|所|站|院|部|街道|镇|乡)";

static CREDIT_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[（(]\s*(?P<outlet>[^\s（）()]{3,20}?)\s*(?:记者|通讯员|供稿|全媒体记者|融媒记者)",
    )
    .expect("valid pattern")
});

/// The issuer a notice's title names before what it is about, or on its red header, or before
/// its kind alone (`某某县人民政府办公室关于…`, `某某省人民政府办公厅文件`, `某某统计局公告`).
static TITLE_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<office>[\p{{Han}}（）()]{{2,30}}?{OFFICE_END})\s*(?:关于|印发|转发|文件$|公告$|通告$)"
    ))
    .expect("valid pattern")
});

/// A paper's imprint, its publisher first: `某某日报报刊社 某某传媒集团 出版 国内统一刊号：CN52-0013`,
/// `某某报社出版 国内统一刊号：…`.
static IMPRINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<outlet>\p{Han}{2,20}?(?:报社|报刊社|报业集团|传媒集团|日报社))(?:\s.{0,40}?)?出版\s*国内统一(?:连续出版物)?刊号")
        .expect("valid pattern")
});

/// A repost's notice under its text naming where it came from: `声明：以上文章来源某某新闻，如涉
/// 版权，请通知…删除。`, `本文來源：某某新聞`.
static REPOST_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:以上|本篇?)(?:文章|内容|稿件|文)(?:来源|来自|转自|转载自)[于：:]?\s*(?:微信公众号\s*[：:]?)?\s*(?P<outlet>[^\s，,。；;（(：:]{2,16})(?:[，,。；;]|\s*$)")
        .expect("valid pattern")
});

/// A release's contact after its text, an office and one of its staff:
/// `聯絡人：某某市政府民政局 黃先生`.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:新闻)?(?:联络人|联系人)[：:]\s*(?P<office>\p{{Han}}{{2,20}}?{OFFICE_END})\s*\p{{Han}}(?:先生|小姐|女士)"
    ))
    .expect("valid pattern")
});

/// A Taiwanese byline, the outlet before the reporter: `聯合報／記者某某／台中即時報導`,
/// `【互傳媒/記者 某某/南投 報導】`.
static SLASH_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[【\[（(]?\s*(?P<outlet>[^\s/／【】\[\]（）()]{2,12}?)\s*[/／]\s*记者")
        .expect("valid pattern")
});

/// A Taiwanese byline that names no role, the outlet before a dash and the reporter before
/// the place: `某某新聞-王小明/嘉義`.
static DASH_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<outlet>[^\s/／\-－]{2,12}?)\s*[-－]\s*\p{Han}{2,4}\s*[/／]\s*\p{Han}{2,4}$")
        .expect("valid pattern")
});

/// A Taiwanese byline that credits the outlet's desk, not a reporter: `某某新聞生活中心/台北報導`,
/// `某某新聞網／綜合報導` (a desk alone, `地方中心/苗栗報導`, names no outlet).
static DESK_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[【\[（(]?\s*(?P<outlet>[^\s/／【】\[\]（）()记]{2,12}?)\s*[/／]?\s*(?:\p{Han}{2}中心\s*[/／]\s*\p{Han}{0,4}|综合)(?:报导|报道)\s*[】\]）)]?$")
        .expect("valid pattern")
});

/// A reporter's role after the outlet's name in a byline: `记者`, `融媒体记者`, `通讯员`.
const REPORTER_ROLE: &str = r"(?:全媒体|融媒体|融媒)?(?:记者|通讯员)";

/// A byline that names the outlet before the reporter: `某某日报全媒体记者 王五`.
static BYLINE_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^[□■●◆]?\s*(?P<outlet>[^\s（(：:/／]{{2,16}}?)\s*{REPORTER_ROLE}\s*[：:]?\s*\p{{Han}}{{2,4}}"))
        .expect("valid pattern")
});

/// A news outlet's name: a paper, a news site, an agency, a broadcaster.
static OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}·]{1,10}(?:日报|晚报|时报|商报|[^公通简情]报|新闻网|网|通讯社|社|电视台|台|融媒|传媒|客户端|在线)$").expect("valid pattern")
});

static OFFICE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^[\p{{Han}}（）()·]{{1,30}}{OFFICE_END}$")).expect("valid pattern")
});

/// A date line that runs on with the outlet, `2019年10月23日 09:05 环球网`.
static DATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2})\s*(?P<rest>\S.*)$")
        .expect("valid pattern")
});

/// A paper and its edition cited in a byline: `《某某日报》（ 2017年10月14日 09版）`.
static CITED_EDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"《\s*(?P<paper>[^《》\s]{2,12})\s*》\s*[（(][^（）()]*\d{1,2}日[^（）()]*\d{1,3}\s*版\s*[）)]")
        .expect("valid pattern")
});

/// Whether a line (in simplified script) is an office's name and nothing else: `区应急管理局`;
/// not a page's button that ends as one does (`显示全部`, `返回顶部`).
pub(super) fn is_office_name(folded: &str) -> bool {
    OFFICE_NAME.is_match(folded) && !["全部", "顶部", "底部"].iter().any(|b| folded.ends_with(b))
}

/// Whether a name (in simplified script) is a news outlet's: `某某日报`, `某某在线`.
pub(super) fn is_outlet_name(folded: &str) -> bool {
    OUTLET.is_match(folded)
}

/// Whether a line (in simplified script) names who can sign a notice over its date: an
/// office or a section of one (`某某市发改局重点股`), a company that serves the public
/// (`某某市公共交通有限公司`), or a school or hospital writing to its parents or patients
/// (`某某镇中心学校`); a brand in Latin letters may open its name (`SOHO某某物业服务中心`).
pub(super) fn is_signer_name(folded: &str) -> bool {
    static COMPANY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\p{Han}{2,28}(?:有限责任公司|有限公司|公司|集团|学校|小学|中学|幼儿园|医院|卫生院)$|^\p{Han}{2,20}(?:局|委|办)\p{Han}{1,4}股$",
        )
        .expect("valid pattern")
    });
    let named = |name: &str| is_office_name(name) || COMPANY.is_match(name);
    let unbranded = folded.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    named(folded)
        || (unbranded.len() < folded.len() && unbranded.chars().count() >= 4 && named(unbranded))
}

/// An office's own release names it first in both the headline and the lead
/// (`中西区民政事务处派发…` over `中西区民政事务处因应…`): the longest name they begin with alike,
/// or else the headline's name that the lead shortens (`西貢民政事務處派發…` over
/// `西貢民政處及…`, sharing four characters or more).
fn issuer_of_both(title: &str, lead: &str, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let (title_folded, lead_folded) = (fold(title), fold(lead));
    let shared = (title_folded.chars().zip(lead_folded.chars()))
        .take_while(|(t, l)| t == l)
        .count();
    let folded: Vec<char> = title_folded.chars().collect();
    let original: Vec<char> = title.chars().collect();
    // The page's own characters, where folding kept the length.
    let name = |len: usize| -> String {
        let chars = if original.len() == folded.len() {
            &original
        } else {
            &folded
        };
        chars[..len].iter().collect()
    };
    let names_office = |len: &usize| ISSUER.is_match(&folded[..*len].iter().collect::<String>());
    // No name is longer than ISSUER's longest: a title the lead repeats whole is not tried
    // at every length.
    let whole = (4..=shared.min(ISSUER_LONGEST)).rev().find(names_office);
    let shortened =
        || (shared >= 4).then(|| (shared + 1..=folded.len().min(14)).find(names_office))?;
    whole.or_else(shortened).map(name)
}

/// The name of an office that issues releases of its own: a place, then its office.
/// At most [`ISSUER_LONGEST`] characters: twelve for the place, five for `民政事务处`.
const ISSUER_LONGEST: usize = 17;
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{2,12}(?:民政事务处|事务处|办事处|管理局|局|署|委员会|办公室|公所)$")
        .expect("valid pattern")
});

/// The part of `text` that `re`'s `group` finds in its simplified form, in the page's own
/// characters (the simplified ones where conversion changed the length).
fn take(text: &str, re: &Regex, group: &str, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let folded = fold(text);
    let found = re.captures(&folded)?.name(group)?;
    let (start, len) = (
        folded[..found.start()].chars().count(),
        found.as_str().chars().count(),
    );
    let original: String = text.chars().skip(start).take(len).collect();
    Some(if original.chars().count() == len {
        original
    } else {
        found.as_str().to_string()
    })
}

/// Whether a name can be a platform's account, as it stamps a post: a word of 2 to 12 letters
/// (`欢乐长安`), not a phrase.
pub(super) fn is_account_name(name: &str) -> bool {
    (2..=12).contains(&name.chars().count())
        && name.chars().all(char::is_alphanumeric)
        && name.chars().any(crate::text::cjk::is_cjk)
}

/// Whether a name is a person's, not an office's: two or three characters that end as no
/// office's or outlet's name does (`李安平`, not `党办`).
fn is_personal_name(folded: &str) -> bool {
    (2..=3).contains(&folded.chars().count())
        && folded.chars().all(crate::text::cjk::is_cjk)
        && !is_office_name(folded)
        && !OUTLET.is_match(folded)
}

/// Whether `folded` is one or more people's names, spaced or run together (`翟成新 冯清`,
/// `翟成新冯清`), as a byline lists its reporters; not a run of words that names an outlet or
/// an office and a place (`观察网山西`).
fn are_personal_names(folded: &str) -> bool {
    let names: Vec<&str> = folded
        .split([' ', '、', '\u{3000}'])
        .filter(|n| !n.is_empty())
        .collect();
    let together: String = names.concat();
    !names.is_empty()
        && (names.iter().all(|n| is_personal_name(n))
            || ((4..=9).contains(&together.chars().count())
                && together.chars().all(crate::text::cjk::is_cjk)
                && !together.contains(['网', '报', '台', '社', '局', '委', '办', '站', '部'])))
}

/// Whether a dateline's or byline's outlet names one: `本报讯` (or `本报汶上讯`) names the paper
/// only as "this paper", `本站讯` the site, `融媒体记者` a newsroom, `首席记者` a rank; `3月6日讯` names none; a
/// brand in Latin letters does (`News586`).
fn names_an_outlet(outlet: &str, fold: &dyn Fn(&str) -> String) -> bool {
    let count = |keep: fn(char) -> bool| outlet.chars().filter(|&c| keep(c)).count();
    let han = count(|c| crate::text::cjk::is_cjk(c) && !"年月日".contains(c));
    let latin = count(|c| c.is_ascii_alphabetic());
    let folded = fold(outlet);
    // `本报讯`, or `本报汶上讯`: this paper, from a place.
    let own = ["本报", "本网", "本台", "本站"].iter().any(|own| {
        folded
            .strip_prefix(own)
            .is_some_and(|place| place.chars().count() <= 4)
    });
    // `记者徐松`, `记者 翟成新 冯清`: a reporter's role and names, run together or not (but
    // `记者观察网` is an outlet).
    let role = ["记者", "通讯员"]
        .iter()
        .any(|r| folded.strip_prefix(r).is_some_and(are_personal_names));
    !own && !role
        && !matches!(
            folded.as_str(),
            "本刊" | "融媒体" | "全媒体" | "首席" | "特约" | "实习" | "见习"
        )
        && (han >= 2 || latin >= 3)
}

/// The office, by the first clue that names one.
pub(super) fn office_of(clues: &Clues, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let named = |outlet: &String| names_an_outlet(outlet, fold);
    clues
        .signature
        .map(str::to_string)
        .or_else(|| lead_outlet(clues.lead?, fold))
        // `供稿：李安平` names a writer, not a newsroom.
        .or_else(|| {
            clues
                .contributor
                .map(str::trim)
                .filter(|c| !is_personal_name(&fold(c)))
                .map(str::to_string)
        })
        .or_else(|| credited_outlet(clues.credit?, fold).filter(named))
        .or_else(|| (clues.furniture.iter()).find_map(|line| take(line, &CONTACT, "office", fold)))
        .or_else(|| (clues.furniture.iter()).find_map(|line| take(line, &IMPRINT, "outlet", fold)))
        .or_else(|| under::maker_under_text(clues.furniture, fold))
        // A document's title may be printed in its 《》 (`《某某办公厅关于印发…的通知》`).
        .or_else(|| {
            take(
                clues.title.trim_start_matches('《'),
                &TITLE_ISSUER,
                "office",
                fold,
            )
        })
        .or_else(|| issuer_over_title(clues, fold))
        .or_else(|| {
            let byline = |line: &str| {
                // A post's time may stand before it (`2018-08-01 20:53某某 記者某某/某地報導`).
                let line = (DATED.captures(line).and_then(|c| c.name("rest")))
                    .map_or(line, |rest| rest.as_str());
                take(line, &BYLINE_OUTLET, "outlet", fold)
                    .or_else(|| take(line, &SLASH_BYLINE, "outlet", fold))
                    .or_else(|| take(line, &DASH_BYLINE, "outlet", fold))
                    .or_else(|| take(line, &DESK_BYLINE, "outlet", fold))
            };
            let in_lead = || take(clues.lead?, &SLASH_BYLINE, "outlet", fold);
            clues
                .above
                .iter()
                .find_map(|l| byline(l))
                .or_else(in_lead)
                .filter(named)
        })
        .or_else(|| name_under_headline(clues.between, fold))
        // An office or an outlet given as the author (`作者：某某新闻网`), not a person's name.
        .or_else(|| {
            // Or an outlet's news desk (`經濟通採訪組`).
            let desk = |a: &str| a.ends_with("采访组") || a.ends_with("编辑部");
            let outlet = |a: &str| a.chars().count() >= 4 && (OUTLET.is_match(a) || desk(a));
            clues
                .author
                .map(str::trim)
                .filter(|a| is_office_name(&fold(a)) || outlet(&fold(a)))
                .map(str::to_string)
                .or_else(|| office_before_writer(clues.author?.trim(), fold))
        })
        // An e-paper's byline cites the paper and its edition: `本报记者 某某 《某某日报》（ … 09版）`.
        .or_else(|| {
            take(clues.author?, &CITED_EDITION, "paper", fold).filter(|p| OUTLET.is_match(&fold(p)))
        })
        .or_else(|| {
            clues
                .lead
                .and_then(|lead| issuer_of_both(clues.title, lead, fold))
        })
        .or_else(|| bracketed_outlet(clues, fold))
        .or_else(|| sender_before_headline(clues.headline?, fold))
        .or_else(|| outlets_own_mark(clues, fold))
        .or_else(|| supplier_before_writers(clues.credit?, fold))
        .or_else(|| reposted_from(clues.furniture, fold))
}

/// The office an author line names before its writer, run on or spaced: `宿管中心李慶忠`,
/// `某某街道 王五`; not a site's role (`网站管理员`).
fn office_before_writer(author: &str, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let folded: Vec<char> = fold(author).chars().collect();
    let original: Vec<char> = author.chars().collect();
    if folded.len() != original.len() || folded.len() > 30 {
        return None;
    }
    (3..folded.len().saturating_sub(1)).rev().find_map(|at| {
        let office: String = folded[..at].iter().collect();
        let writer: String = folded[at..].iter().collect();
        let writer = writer.trim_start();
        let role = writer.ends_with(['员', '者']);
        (is_office_name(&office) && is_personal_name(writer) && !role).then(|| {
            original[..at]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string()
        })
    })
}

/// Where a repost's notice under its text says it came from, an outlet (not `互联网`).
fn reposted_from(furniture: &[String], fold: &dyn Fn(&str) -> String) -> Option<String> {
    let outlet =
        |o: &String| names_an_outlet(o, fold) && !["互联网", "网络"].contains(&fold(o).as_str());
    let reposted = |line: &String| take(line, &REPOST_SOURCE, "outlet", fold).filter(outlet);
    furniture.iter().find_map(reposted)
}

/// The account or office a post is printed under: a name alone right under its headline (the
/// first of the lines `between` it and the text, or under the date there), or after or before
/// the date there
/// (`2025.01.10 某某縣政府`, `某某中心    2021-03-12`, `某某好新聞` over `發布於 11 天前`).
fn name_under_headline(between: &[String], fold: &dyn Fn(&str) -> String) -> Option<String> {
    // A count after the time, left empty or not (`… 10:11:25 阅读量:`, `阅读次数: 4313`), or
    // run on after the name (`新余日报阅读：3953`), is the platform's.
    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*(?:阅读|閱讀|浏览|瀏覽|点击|點擊)(?:次数|次數|量|数|數)?\s*[：:]\s*\d*$")
            .expect("valid pattern")
    });
    // The date may stand above the name, whole or in pieces (`2014` / `02/18` / `08:30`).
    static DATE_PIECE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{4}|\d{1,2}[/.-]\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?)$")
            .expect("valid pattern")
    });
    let date_piece = |l: &&String| {
        DATE_PIECE.is_match(l.trim()) || super::extract::whole_date(l.trim()).is_some()
    };
    let dated_above = between.iter().take_while(date_piece).count();
    let between = &between[dated_above..];
    let under = between.first().map(|l| l.trim())?;
    let under = COUNT
        .find(under)
        .map_or(under, |count| &under[..count.start()]);
    let dated = DATED.captures(under).and_then(|c| c.name("rest"));
    let date_after = super::extract::find_date(under)
        .filter(|(_, at)| at.start > 0 && under[at.end..].trim().is_empty());
    let posted = date_after.as_ref().is_some_and(|(d, _)| d.time.is_some());
    // Or the date on the next line (`北京青年报客户端` / `2021-10-20 15:11`), or how long ago
    // the platform posted it (`發布於 11 天前`).
    let date_under = || {
        (between.get(1)).is_some_and(|l| {
            let posted_ago = super::furniture::is_posting_time(&fold(l.trim()));
            super::extract::whole_date(l.trim()).is_some() || posted_ago
        })
    };
    let (under, with_date) = match (dated, date_after) {
        (Some(rest), _) => (rest.as_str().trim(), true),
        (None, Some((_, at))) => (under[..at.start].trim(), true),
        (None, None) => (under, dated_above > 0 || date_under()),
    };
    // With its date, an outlet too (`某某日报 2023年10月23日`, as an e-paper prints it),
    // and with the time it posted at, an account (`欢乐长安 2020-11-04 16:46:53`).
    let name = fold(under);
    let account = posted && is_account_name(under);
    let outlet = OUTLET.is_match(&name) || (name.ends_with("新闻") && name.chars().count() <= 8);
    let brand = super::furniture::is_newsroom_brand(under);
    // A Taiwanese township office's section, `文化觀光課`.
    let section = under.ends_with('課')
        && (3..=8).contains(&under.chars().count())
        && under.chars().all(crate::text::cjk::is_cjk);
    let office = is_office_name(&name) || section;
    (office || (with_date && outlet) || account || brand).then(|| under.to_string())
}

/// A notice's issuer alone on the line over its title, `某某县人民政府办公室` over `关于…的通知`,
/// as its red header prints it apart; or any office's name opening the page over its headline
/// (`某某慈善基金会` over `「新春送暖」上门探访长者活动`).
fn issuer_over_title(clues: &Clues, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let title = clues.title.trim();
    let notice = fold(title).starts_with("关于");
    let lines: Vec<&str> = (clues.page.lines().take(40))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // The page as stored, before its punctuation was repaired: the title's opening words.
    let opening: String = unspaced(title).chars().take(10).collect();
    let at = lines
        .iter()
        .position(|l| unspaced(l).starts_with(&opening))?;
    // Or the page's first line, an office's name over its headline, as its own site heads it.
    if !notice && at != 1 {
        return None;
    }
    let above = lines.get(at.checked_sub(1)?)?;
    is_office_name(&fold(above)).then(|| above.to_string())
}

/// The unit that sent a headline, in round brackets before it with a colon:
/// `（某县县委党校）：某某培训班开班`.
/// Or an outlet's name before a lone closing bracket: `美傳媒 》全台唯一…`.
fn sender_before_headline(headline: &str, fold: &dyn Fn(&str) -> String) -> Option<String> {
    static SENDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:[（(](?P<office>\p{Han}{2,16})[）)]\s*[：:]|(?P<outlet>\p{Han}{2,8})\s*》)",
        )
        .expect("valid pattern")
    });
    let sender = |office: &String| {
        let name = fold(office);
        is_office_name(&name) || name.ends_with('校')
    };
    let outlet = |outlet: &String| OUTLET.is_match(&fold(outlet));
    (take(headline, &SENDER, "office", fold).filter(sender))
        .or_else(|| take(headline, &SENDER, "outlet", fold).filter(outlet))
}

/// An outlet's mark in brackets on a line of its own over the text or before the headline:
/// `【某某新聞中心】`, `[now新聞] 某某節目：…`, `【某某11月6日報導】`.
fn bracketed_outlet(clues: &Clues, fold: &dyn Fn(&str) -> String) -> Option<String> {
    static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[【\[](?P<outlet>[A-Za-z]{0,6}\p{Han}{2,10})[】\]]")
            .expect("valid pattern")
    });
    let lead: String = clues.lead?.chars().take(6).collect();
    let above = clues
        .page
        .lines()
        .take(30)
        .take_while(|l| !l.contains(&lead));
    // A dateline in brackets names its outlet whatever the name (`【大紀元11月6日報導】`).
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[【\[](?P<outlet>[A-Za-z]{0,6}\p{Han}{2,10}?)\s*\d{1,2}月\d{1,2}日(?:讯|电|报导|报道)[】\]]")
            .expect("valid pattern")
    });
    let named = |outlet: &String| names_an_outlet(outlet, fold);
    above.into_iter().find_map(|line| {
        if let Some(outlet) = take(line, &DATED, "outlet", fold).filter(named) {
            return Some(outlet);
        }
        let mark = take(line, &BRACKETED, "outlet", fold)?;
        let name = fold(&mark);
        let bare = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        // A newsroom's name, not a column's tag (`【园区新闻】`): a place before `新闻中心` or
        // `新闻台`, or a brand in Latin letters before `新闻`.
        let newsroom = ["新闻台", "新闻中心"]
            .iter()
            .any(|end| name.ends_with(end) && name.chars().count() >= end.chars().count() + 2)
            || (bare == "新闻" && name.len() >= bare.len() + 2);
        (OUTLET.is_match(bare) || newsroom).then_some(mark)
    })
}

#[cfg(test)]
mod tests;

//! The outlet a lead opens with: its dateline (`某某网讯`), its credit to another outlet, a
//! wire's credit, its mark in brackets, or the outlet before its reporters.

use std::sync::LazyLock;

use regex::Regex;

use super::{CREDIT_OUTLET, OUTLET, is_office_name, names_an_outlet, take};

/// A dateline opening the lead, after mojibake that stood for indentation if any:
/// `某某新闻网2月25日讯`, `??? 某某网讯`, a paper's `明报专讯`, a site's `某某网消息` (only an outlet's: `…传来好消息`
/// is no dateline).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[?？]+\s*)?【?(?:(?P<outlet>[^\s，。（(：:【】?？]{2,16}?)专?(?:\d{1,2}月\d{1,2}日?|\d{1,2}日|[一二三四五六七八九十]{1,3}日)?(?:讯|电|最新报道)|(?P<site>[^\s，。（(：:【】?？]{1,14}(?:网|报|台|社))消息)")
        .expect("valid pattern")
});

/// A lead's credit to the outlet it reports, the first of those it names: `据某某商报 某某网
/// 无线某某报道 …`, `据新华社消息，…`.
static REPORTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^据(?P<outlet>[^\s，。（(]{2,12}?(?:报|网|台|社))[^，。]{0,24}?(?:报道|消息)")
        .expect("valid pattern")
});

/// An outlet named before the reporters' credit that opens a lead, without a `讯`:
/// `某某网（融媒体记者 王五）5月25日，…`.
static LEAD_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<outlet>[^\s，。（(：:]{2,16}?)\s*[（(]\s*(?:融媒体|全媒体|特约)?(?:记者|通讯员)",
    )
    .expect("valid pattern")
});

/// A lead's dateline that says its news is the outlet's and names its reporter:
/// `无线某某消息（记者：王五）`, whatever the outlet's name ends with.
static CREDITED_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<outlet>[^\s，。（(：:]{2,12}?)消息\s*[（(]\s*(?:记者|通讯员)")
        .expect("valid pattern")
});

/// A site's name before the paper's own dateline that opens the lead, `某某在线 本报讯（记者 某某）`:
/// the outlet.
static NAMED_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<outlet>[^\s，。（(：:【】]{2,12})\s+本(?:报|网|台|站)讯")
        .expect("valid pattern")
});

/// The office a site's own dateline credits, with its writer: `本网讯（县政府办 杨刚）`.
static OWN_DATELINE_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^本(?:报|网|台|站)\p{Han}{0,4}讯\s*[（(]\s*(?P<office>\p{Han}{2,20}?)\s+\p{Han}{2,4}\s*[）)]")
        .expect("valid pattern")
});

/// An outlet's name in brackets opening the lead, `【某某新聞台】`, `【Now新聞台】`.
static MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^【(?P<outlet>[A-Za-z]{0,6}\p{Han}{2,10})】").expect("valid pattern")
});

/// A wire service's or paper's credit opening the lead, `（中央社记者某某彰化7日电）`,
/// `（大成报记者某某/新北报导）`, `【某某传媒记者某某/苗栗报导】`.
static WIRE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(【]\s*(?P<outlet>[^\s（）()【】/／记]{2,8})记者[^（）()【】]{2,12}?(?:\d{1,2}日电|报导|报道)\s*[）)】]")
        .expect("valid pattern")
});

/// The outlet the lead opens with: its dateline (`某某网讯`, `某某在线 本报讯`), its credit to
/// another outlet (`据某某报报道`), a wire's credit, its mark (`【某某新聞台】`) or the outlet
/// before the reporters (`某某网（记者 王五）`).
pub(super) fn lead_outlet(lead: &str, fold: &dyn Fn(&str) -> String) -> Option<String> {
    let named = |outlet: &String| names_an_outlet(outlet, fold);
    let outlet = |name: &String| OUTLET.is_match(&fold(name));
    take(lead, &NAMED_DATELINE, "outlet", fold)
        .filter(outlet)
        .or_else(|| take(lead, &DATELINE, "outlet", fold))
        .or_else(|| take(lead, &DATELINE, "site", fold))
        .or_else(|| take(lead, &CREDITED_MESSAGE, "outlet", fold))
        .filter(named)
        .or_else(|| take(lead, &REPORTED_BY, "outlet", fold))
        .or_else(|| take(lead, &WIRE_CREDIT, "outlet", fold))
        .or_else(|| {
            // `【某某新聞台】警方拘捕…`: the outlet's mark opening its lead.
            let mark = take(lead, &MARK, "outlet", fold)?;
            let name = fold(&mark);
            OUTLET
                .is_match(name.trim_start_matches(|c: char| c.is_ascii_alphabetic()))
                .then_some(mark)
        })
        .or_else(|| {
            // `某某网（记者 王五）…`, or the paper inside the credit, `（某某日报记者王五）…`.
            let outlet = take(lead, &LEAD_OUTLET, "outlet", fold)
                .or_else(|| take(lead.trim_start(), &CREDIT_OUTLET, "outlet", fold))?;
            (named(&outlet) && OUTLET.is_match(&fold(&outlet))).then_some(outlet)
        })
        .or_else(|| {
            take(lead, &OWN_DATELINE_OFFICE, "office", fold).filter(|o| is_office_name(&fold(o)))
        })
}

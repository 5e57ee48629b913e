//! Pages that list other pages rather than being one: a list of dated links, a digest of
//! several releases between rules, a page of short lines only, one teaser cut over its
//! stamp, a list's page at a paginated address that shows a teaser or two stories. `import`
//! skips them and says so.

use crate::text::cjk::is_cjk;

/// Whether a page lists other pages rather than being one: many short dated lines (a list
/// of links, not the related items under an article), items separated by rules or opened by
/// their outlet's mark (a digest of several releases), only short lines, or one teaser.
pub fn is_list_page(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .filter(|l| !l.is_empty())
        .collect();
    let ends_sentence = |l: &&&str| l.contains(['。', '！', '？']);
    let is_long_sentence = |l: &&str| ends_sentence(&l) && l.chars().count() > 30;
    let sentences = lines.iter().filter(ends_sentence).count();
    let long_sentences = lines.iter().filter(|l| is_long_sentence(l)).count();
    // Dated links under an article's last sentence list related items: the page is the article.
    // So do those under a heading that says so, below a sentence (`相關新聞`).
    static RELATED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:相[关關](?:新[闻聞]|[链鏈]接|[阅閱][读讀]|文章|[报報][道导導])|延伸[阅閱][读讀])\s*[：:]?$")
            .expect("valid pattern")
    });
    let related_below = lines
        .iter()
        .position(|l| RELATED.is_match(l))
        .filter(|&at| lines[..at].iter().any(|l| ends_sentence(&l)));
    let article_end = match long_sentences {
        2.. => lines.iter().rposition(is_long_sentence).unwrap_or(0),
        _ => lines.len(),
    };
    let article_end = related_below.map_or(article_end, |at| at.min(article_end));
    let dated_links = lines[..article_end]
        .iter()
        .filter(|l| {
            l.chars().count() <= 60
                && l.chars().filter(|&c| is_cjk(c)).count() >= 4
                && super::extract::find_date(l).is_some_and(|(d, _)| d.year.is_some())
        })
        .count();
    let separators = lines
        .windows(2)
        .filter(|pair| matches!(pair[0], "-" | "—" | "*" | "---" | "———") && !pair[1].is_empty())
        .count();
    (dated_links >= 5 && dated_links >= long_sentences)
        || separators >= 3
        || (sentences == 0 && lines.len() >= 10)
        || stories(&lines) >= 3
        || lone_teaser(&lines)
}

/// The label a list's stamp may give its date: `发布时间：`.
static STAMP_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:发布时间|发布日期|發佈時間|發布時間|發佈日期|發布日期|日期|时间|時間)\s*[：:]\s*",
    )
    .expect("valid pattern")
});

/// Whether a page shows one teaser of a list: the item's opening cut mid-sentence, over the
/// item's stamp (`…县乡两级防火办落实24小时领导` / `2025-04-03 10:54:00`). An article ends its
/// last paragraph as a sentence ends, and a page the store cut short has nothing under the cut.
fn lone_teaser(lines: &[&str]) -> bool {
    let mut long = (lines.iter().enumerate()).filter(|(_, l)| l.chars().count() >= 60);
    let (Some((at, teaser)), None) = (long.next(), long.next()) else {
        return false;
    };
    // Not a notice run on with its closing formula (`…特此通告`), signed and dated beneath.
    let cut = (teaser.chars().last()).is_some_and(|c| is_cjk(c) || c.is_ascii_digit())
        && !teaser.contains("特此");
    // The stamp is a date alone, labelled or not (`发布时间：2021-04-23 14:40:59`).
    let stamp = |line: &&str| {
        let line: &str = line;
        let date = STAMP_LABEL
            .find(line)
            .map_or(line, |label| &line[label.end()..]);
        super::extract::whole_date(date).is_some_and(|d| d.year.is_some())
    };
    cut && lines[at + 1..].iter().take(2).any(stamp)
}

/// How many stories a page holds by the leads its outlet's mark opens, `【有线新闻】天文台表示…`:
/// the most different leads one mark opens (a page that prints its one story twice has one).
fn stories(lines: &[&str]) -> usize {
    static MARKED_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^【([^】]{2,10})】.{20,}").expect("valid pattern")
    });
    let mut leads: Vec<(&str, &str)> = lines
        .iter()
        .filter_map(|l| Some((MARKED_LEAD.captures(l)?.get(1)?.as_str(), *l)))
        .collect();
    leads.sort_unstable();
    leads.dedup();
    let by_mark = leads.chunk_by(|a, b| a.0 == b.0);
    by_mark.map(<[_]>::len).max().unwrap_or(0)
}

/// Whether a page found at `address` is one of a list's pages: a paginated or filtered
/// address (`…/index_99.html`, `?page=179`, `/page/5`, `/tag/…`, `/category/…`, `/search…`)
/// that shows a teaser, an item's opening cut short (`…本次活动充分利用...`), or two stories
/// whose leads one reporter's mark opens. An article may have such an address; its text is
/// neither. A site search's results for a query (`/search?q=…`) are a list whatever they show:
/// no article lives at such an address.
pub fn is_listing_page(address: &str, text: &str) -> bool {
    static SEARCH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)/search/?\?(?:[^#]*&)?(?:q|query|keywords?|kw|wd|word|searchword)=[^&#]",
        )
        .expect("valid pattern")
    });
    if SEARCH.is_match(address) {
        return true;
    }
    static LISTING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)(?:/(?:index|list|more)_\d+\.s?html?$|[?&](?:page|start|pageindex|pagenum)=\d+|/page/\d+/?$|/(?:tag|tags|category|search)(?:/|\?|$))")
            .expect("valid pattern")
    });
    let cut_short = |line: &str| {
        let line = line.trim_end();
        line.chars().count() > 30 && (line.ends_with("...") || line.ends_with('…'))
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    LISTING.is_match(address)
        && (lines.iter().any(|l| cut_short(l)) || stories(&lines) >= 2 || stamped(&lines) >= 3)
}

/// How many teasers a page holds under a stamp of their own, a date and time alone on its line
/// (`2025-03-22 11:56` / `台中市清水區一棟…`), as a tag's page lists the items it gathers.
fn stamped(lines: &[&str]) -> usize {
    let stamp = |line: &str| {
        line.contains(':') && super::extract::whole_date(line).is_some_and(|d| d.year.is_some())
    };
    lines
        .windows(2)
        .filter(|pair| stamp(pair[0]) && pair[1].chars().count() > 30)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_pages_are_told_from_articles() {
        let links: String = (1..=6)
            .map(|i| format!("区政府召开第{i}次常务会议 2023-03-0{i}\n"))
            .collect();
        assert!(is_list_page(&links));
        let digest = "-\n甲项目开工\n内容一。\n-\n乙项目竣工\n内容二。\n-\n丙项目验收\n内容三。\n";
        assert!(is_list_page(digest));
        let notice = "关于做好防汛工作的通知\n各镇：\n现将有关事项通知如下：\n一、提高认识\n各单位要重视。\n二、落实责任\n负责同志是第一责任人。\n附件：名单\n区应急管理局\n2023年5月10日\n";
        assert!(!is_list_page(notice));
        let related: String = (1..=6)
            .map(|i| format!("某镇召开第{i}次会议 2023-03-0{i}\n"))
            .collect();
        let article = format!(
            "某镇近日开展环境整治，全镇机关干部和群众三百余人参加了这次集中行动。\n行动中清理垃圾二十余吨，拆除违规广告牌五十余块，村容村貌焕然一新。\n相关新闻\n{related}"
        );
        assert!(!is_list_page(&article), "related items under an article");
        let short = format!(
            "施政報告：明年禁拖網捕魚\n2011-10-12 (12:31)\n行政長官發表施政報告。\n曾某表示，政府已立法於明年禁止拖網捕魚，草案亦建議設立漁業保護區。\n相關新聞\n{related}"
        );
        assert!(
            !is_list_page(&short),
            "related items under a heading, a sentence above"
        );
        let digest = "- 某某新闻\n- 2025年06月13日\n天文台料风力增强\n【某某新闻】天文台表示一号戒备信号今日大部分时间维持，今晚评估。\n- 某某新闻\n青马大桥发生交通意外\n【某某新闻】青马大桥早上发生四宗交通意外，往机场方向交通一度挤塞。\n科大举行独角兽日\n【某某新闻】科大举行第三届独角兽日，超过一百间初创公司展示产品。\n";
        assert!(is_list_page(digest), "three stories, each with its lead");
        let twice = "【某某网讯】某区今日举行防灾演习，约五百名居民和义工参与了演习。\n（某某中心供稿）\n【某某网讯】某区今日举行防灾演习，约五百名居民和义工参与了演习。\n";
        assert!(!is_list_page(twice), "one story printed twice");
    }

    #[test]
    fn one_teaser_cut_over_its_stamp_is_a_list() {
        let opening = "今日某市讯（通讯员 王五）清明期间，天气连续高温晴热，森林火险等级偏高。连日来，某县三级林长联动，持续开展大宣传、大排查活动，县乡两级防火办落实24小时领导";
        let teaser = format!("某县持续抓好森林防灭火工作\n{opening}\n\n2025-04-03 10:54:00\n");
        assert!(is_list_page(&teaser));
        let labelled = format!("{opening}\n图文\n发布时间：2021-04-23 14:40:59\n");
        assert!(is_list_page(&labelled));
        let article = format!("某县持续抓好森林防灭火工作\n{opening}值班制度。\n2025-04-03\n");
        assert!(!is_list_page(&article), "a whole sentence over its date");
        let cut_by_store = format!("某县持续抓好森林防灭火工作\n2025-04-03\n{opening}");
        assert!(!is_list_page(&cut_by_store), "nothing under the cut");
        let notice = format!(
            "关于禁止燃放烟花爆竹的通告 {opening}。特此通告\n某某市人民政府 2019年1月21日\n"
        );
        assert!(!is_list_page(&notice), "a notice signed and dated");
    }

    #[test]
    fn a_tags_page_of_stamped_teasers_is_a_list() {
        let teasers: String = (1..=3)
            .map(|i| format!("2025-03-0{i} 11:56\n某市某区今（{i}）日发生一起事故，市政府统计最新资料，共疏散十三户居民。\n"))
            .collect();
        assert!(is_listing_page(
            "https://news.example.tw/lookfor/tag/民政局長",
            &teasers
        ));
        let article = "2025-03-01 11:56\n某市某区今（1）日发生一起事故，市政府统计最新资料，共疏散十三户居民。\n";
        assert!(!is_listing_page(
            "https://news.example.tw/lookfor/tag/民政局長",
            article
        ));
    }

    #[test]
    fn a_list_pages_address_showing_a_teaser_or_two_stories_is_a_list() {
        let teaser = "2023年4月是第35个全国爱国卫生月。某乡开展爱国卫生月活动，本次活动充分利用...\n日期:2023-04-20浏览:114";
        assert!(is_listing_page(
            "https://www.example.gov.cn/xzdt/index_99.html",
            teaser
        ));
        assert!(is_listing_page(
            "https://example.hk/news/today?page=151&type=All",
            teaser
        ));
        assert!(!is_listing_page(
            "https://www.example.gov.cn/xzdt/202304/t20230420_1.html",
            teaser
        ));
        let article = "2023年4月是第35个全国爱国卫生月。某乡开展爱国卫生月活动。";
        assert!(!is_listing_page(
            "https://www.example.gov.cn/xzdt/index_99.html",
            article
        ));
        let found = "維護校園安全 某分局舉辦座談會\n【記者某某/金門報導】為有效維護轄區校園安全，某分局召開座談會。\n某縣召開疫情指揮中心會議\n【記者某某/金門報導】因應疫情，某縣召開第6次會議，研商防疫措施。";
        assert!(is_listing_page(
            "http://www.example.com/search?max-results=200",
            found
        ));
        assert!(
            !is_list_page(found),
            "two stories alone could be one page's"
        );
        let teasers = "为加大禁毒宣传工作力度，某街道开展禁毒宣传活动。\n2月7日某镇利用年例期间开展禁毒宣传活动。";
        assert!(is_listing_page(
            "https://www.example.org/news/search?form=X&q=%E5%8C%96%E5%B7%9E",
            teasers
        ));
    }
}

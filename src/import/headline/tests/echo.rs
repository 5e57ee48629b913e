//! What echoes a headline: an e-paper's record, a saved `<title>`, not a site's name.

use super::*;

#[test]
fn a_sites_name_atop_the_page_and_in_its_footer_echoes_no_headline() {
    let page = numbered(&[
        (1, "某某体育网址_某某体育投注官网"),
        (5, "某县机收作业有序进行中"),
        (9, "进入十月份以来，某县秋收工作全面展开。"),
    ]);
    let footer = [Removed {
        kind: "related links",
        line: 18,
        text: "某某体育网址_某某体育投注官网  |  关于我们  |  联系我们".into(),
    }];
    assert_eq!(echo_on_page(&page, &footer), None);
    assert_eq!(echo_on_page(&page, &[]).as_deref(), Some("某某体育网址"));
    let paper = lines(&["今日某某-数字报|今日某某-电子版", "某县推进两个中心建设"]);
    assert_eq!(
        echo_on_page(&paper, &[]),
        None,
        "an e-paper's name echoes no headline"
    );
}

#[test]
fn an_e_papers_foot_names_its_headline() {
    let page = lines(&[
        "2024年03月08日",
        "某某發展備受關注",
        "某某代表團小組會設置現場提問環節",
        "某某發展備受關注",
        "代表團昨日舉行小組會議，設置現場提問環節。",
        "2024-03-08 本報記者 某某某 1 1 某某日报 content_323961.html 1 某某發展備受關注 /enpproperty-->",
    ]);
    let title = echo_on_page(&page, &[]);
    assert_eq!(title.as_deref(), Some("某某發展備受關注"));
    let same = |s: &str| s.to_string();
    assert_eq!(headline(&page, title.as_deref(), &[], &same), Some(3));
    let numbered =
        lines(&["2021-04-19 2 2 某某日报 content_36516.html 1 3 本市要闻 /enpproperty-->"]);
    assert_eq!(echo_on_page(&numbered, &[]).as_deref(), Some("本市要闻"));
    assert_eq!(echo_on_page(&lines(&["某区召开会议。"]), &[]), None);
}

#[test]
fn a_title_bar_of_keywords_ends_with_the_headline_it_echoes() {
    let page = lines(&[
        "天文台,特别天气提示,三号强风信号 下午09时45分天文台特别天气提示:三号强风信号",
        "下午09时45分天文台特别天气提示:三号强风信号",
        "家庭生活",
        "香港天文台于今晚发出三号强风信号，现正生效。",
    ]);
    assert_eq!(
        echo_on_page(&page, &[]).as_deref(),
        Some("下午09时45分天文台特别天气提示:三号强风信号")
    );
    // A bar that ends with the site's name over its masthead lists no keywords.
    let site = lines(&[
        "某镇新闻 某某区人民政府网",
        "某某区人民政府网",
        "某镇召开会议。",
    ]);
    assert_eq!(echo_on_page(&site, &[]), None);
}

#[test]
fn a_listed_headline_printed_twice_in_a_row_echoes_itself_over_its_deck() {
    let page = lines(&[
        "本版標題導航",
        "李家超籲把握港發展機遇",
        "港擬建四新博物館",
        "回港避風",
        "港擬建四新博物館",
        "港擬建四新博物館",
        "兩聚焦文物修復推廣歷史文化",
        "【中新社香港二日電】香港特區立法會二日舉行會議。",
    ]);
    let echo = echo_on_page(&page, &[]);
    assert_eq!(echo.as_deref(), Some("港擬建四新博物館"));
    assert_eq!(
        echo_on_page(&page[3..], &[]),
        None,
        "not in the edition's list"
    );
    let columns = lines(&["通知公告", "某县新闻", "通知公告", "通知公告", "某县推进"]);
    assert_eq!(
        echo_on_page(&columns, &[]),
        None,
        "a column's name is short"
    );
    let numbers = lines(&[
        "京政办发〔2016〕26号",
        "各区：",
        "京政办发〔2016〕26号",
        "京政办发〔2016〕26号",
    ]);
    assert_eq!(echo_on_page(&numbers, &[]), None, "a document's number");
    let marks = lines(&[
        "某某電視台新聞部",
        "某某電視台新聞部",
        "某某電視台新聞部",
        "某某電視台新聞部",
    ]);
    assert_eq!(
        echo_on_page(&marks, &[]),
        None,
        "a mark printed thrice in a row"
    );
}

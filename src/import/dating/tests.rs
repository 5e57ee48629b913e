//! Which date wins, on small made-up pages.

use super::*;

fn best(text: &str, lead: Option<&str>) -> Option<(String, &'static str)> {
    let lines: Vec<&str> = text.lines().collect();
    publication_date(&lines, &|l| l.to_string(), lead, None)
        .map(|c| (c.date.front_matter(c.date.year.unwrap()), c.how))
}

#[test]
fn a_labelled_publication_date_wins_over_other_dates() {
    let page = "今天是2025年5月19日 星期一\n文 号 | 成文日期:2019-08-01 | 发布日期:2019-08-02 |\n2019-07-30\n正文。";
    assert_eq!(best(page, None), Some(("2019-08-02".into(), "a date line")));
    let clock = "香港时间:2018年6月23日 星期六 22:11\n正文。";
    assert_eq!(best(clock, None), None, "the site's clock");
    let footer = "正文。\n• 日期:2020-09-15\n";
    assert_eq!(best(footer, None).unwrap().0, "2020-09-15");
    let breadcrumb = "首页 > 新闻 来源:XX客户端 2018-08-24 16:12:37\n正文。";
    assert_eq!(best(breadcrumb, None).unwrap().0, "2018-08-24 16:12");
    let epaper = "第A05版 >2019-01-15编印\n正文。";
    assert_eq!(best(epaper, None).unwrap().1, "an e-paper's header");
    let masthead = "《某某晚报》（ 2025年12月18日 第 02 版）\n正文。";
    assert_eq!(best(masthead, None).unwrap().0, "2025-12-18");
    let cells = "某某区林业发展中心    2021-03-12 \n阳春三月，3月12日上午，某区开展植树活动。";
    assert_eq!(best(cells, None), Some(("2021-03-12".into(), "a byline")));
    let reported = "地方中心/苗栗报导 2018-04-12 13:05\n为带动民众阅读风气，县府协调各馆。";
    assert_eq!(
        best(reported, None),
        Some(("2018-04-12 13:05".into(), "a byline"))
    );
    // Labels in brackets, and icons for labels.
    let labelled = "发布者： [发表时间]:2012-05-09 [来源]: [浏览次数]:\n正文。";
    assert_eq!(best(labelled, None).unwrap().0, "2012-05-09");
    let icons = "📝 Frances   📰 2022-8-16 10:41 AM   ⏱    👍\n寿丰乡丰年祭即将登场。";
    assert_eq!(
        best(icons, None),
        Some(("2022-08-16 10:41".into(), "a byline"))
    );
    let headline = "📝 某乡丰年祭热闹登场 2022-8-16 10:41\n寿丰乡丰年祭即将登场。";
    assert_ne!(best(headline, None).map(|b| b.1), Some("a byline"));
    let bracketed = " 【记者某某/新竹报导】2021-10-17\n新竹县持续服务长辈。";
    assert_eq!(best(bracketed, None).unwrap().0, "2021-10-17");
    let stamped = "转载 2013/09/22 17:14:45 发布\n据悉，台风在22日10时登陆。";
    assert_eq!(best(stamped, None).unwrap().0, "2013-09-22 17:14");
    let english = "发布时间：May 24, 2019 | 作者：\n7 June 2023, Wednesday\n正文。";
    assert_eq!(best(english, None).unwrap().0, "2019-05-24");
    let flattened = "暑期将至，特通告如下：一、严禁游泳。 特此通告。 2022年6月17日";
    assert_eq!(best(flattened, None).unwrap().0, "2022-06-17");
    // The page's `时间：` beside its source, over a reposted notice's own date.
    let repost = "时间:2024-08-22 15:00:03 来源:网友投稿\n【公布日期】2018.03.08\n正文。";
    assert_eq!(best(repost, None).unwrap().0, "2024-08-22 15:00");
    let source_time = "来源时间为:2022-11-05\n2022年11月3日，某小学学生在领取牛奶。";
    let lead = Some("2022年11月3日，某小学学生在领取牛奶。");
    assert_eq!(best(source_time, lead).unwrap().0, "2022-11-05");
    let agency = "（中央社記者某某高雄22日電）某市開辦行動戶政所。\n陳菊允諾明年擴大辦理。1040922";
    assert_eq!(
        best(agency, None),
        Some(("2015-09-22".into(), "a news agency's date code"))
    );
    // Not a number that ends no sentence, nor a day no month has.
    assert_eq!(best("某市開辦行動戶政所。\n電話 1040922", None), None);
    // A headline that opens with its day, its digits run together; not a number that is no day.
    let headline = "20130202國家清潔週誓師\n為迎接農曆新年到來，市府舉行誓師。";
    assert_eq!(
        best(headline, None),
        Some(("2013-02-02".into(), "a headline opening with its day"))
    );
    assert_eq!(best("20131302國家清潔週誓師\n市府舉行誓師。", None), None);
    let labelled = "20130202國家清潔週誓師\n發布日期：2013-02-03\n市府舉行誓師。";
    assert_eq!(best(labelled, None).unwrap().0, "2013-02-03");
    assert_eq!(best("某市開辦行動戶政所。1041322", None), None);
    let record = "【期号】= 212\n【日期】= 1990.03.18\n正文。";
    assert_eq!(
        best(record, None),
        Some(("1990-03-18".into(), "a date line"))
    );
}

#[test]
fn a_date_in_pieces_or_under_its_label_is_read_whole() {
    let pieces = "开学啦！某县3万余名中小学生走进校园\n2014\n02/18\n08:30\n某县新闻中心\n2月17日，寒假结束。";
    assert_eq!(best(pieces, None).unwrap().0, "2014-02-18 08:30");
    // A list's items may print their year apart: without the time, no date.
    let listed = "2019\n03-12\n某镇召开会议\n会议于3月10日召开。";
    assert_eq!(best(listed, None), None);
    let under = "某馆举办晒书节\n2022/08/20\n正文。\n发布日期\n\n2022-08-29\n";
    assert_eq!(
        best(under, None),
        Some(("2022-08-29".into(), "a date line"))
    );
    // Not under a word that ends with a label, nor lower than the date alone ranks.
    let closed = "二、禁渔时间\n2017年3月1日0时至6月30日24时。\n2017年03月03日 14:43:36来源:某某";
    assert_eq!(best(closed, None).unwrap().0, "2017-03-03 14:43");
    let issued = "发文日期：\n2023-04-18\n正文。\n（2023年4月12日）\n";
    assert_eq!(best(issued, None).unwrap().0, "2023-04-18");
}

#[test]
fn a_letter_spaced_label_labels_its_date() {
    let table = "发 布 机 构 某某办公室 发 文 日 期 2019-11-29\n文  号 某政发〔2019〕29号 上 载 日 期 2019-12-02\n2019年11月29日";
    assert_eq!(
        best(table, None),
        Some(("2019-12-02".into(), "a date line"))
    );
}

#[test]
fn a_flattened_pages_time_is_its_date() {
    let page = "某区举行防灾演习 居民踊跃参与 2021年6月23日 23:09 【某某新闻台】某区今日举行防灾演习，约五百名居民参与。";
    assert_eq!(
        best(page, None),
        Some(("2021-06-23 23:09".into(), "a dateline"))
    );
}

#[test]
fn an_events_day_is_not_the_pages() {
    let plan = "一、活动目的\n提升政务工作水平。\n二、活动时间\n2024年8月23日（暂定）\n";
    assert_eq!(best(plan, None), None);
    let same_line = "会议时间：2024年8月23日上午9时\n";
    assert_eq!(best(same_line, None), None);
    let published = "发布时间：2024年8月20日\n会议时间：2024年8月23日\n";
    assert_eq!(best(published, None).unwrap().0, "2024-08-20");
}

#[test]
fn todays_date_over_the_weather_is_the_sites_clock() {
    let header = "2024 / 09 / 08 - (星期日)\n\n台北市\n33°C\nLight Rain\n某鎮公所舉行活動\n";
    assert_eq!(best(header, None), None);
    let dated = "2024 / 09 / 08 - (星期日)\n某鎮公所舉行活動\n";
    assert_eq!(best(dated, None).unwrap().0, "2024-09-08");
}

#[test]
fn a_byline_gives_the_date_but_a_list_line_does_not() {
    assert_eq!(
        best("中央社/ 2013.05.07 00:00\n（中央社記者彰化7日電）", None),
        Some(("2013-05-07 00:00".to_string(), "a byline"))
    );
    assert_eq!(best("新华网 | 2020-01-01", None).unwrap().1, "a byline");
    assert_eq!(best("遂平新闻 2025-6-9\n遂平新闻 2025-5-7", None), None);
    assert_eq!(best("据统计，截至 | 2020-01-01", None), None);
    assert_eq!(best("区政府召开会议 | 2020-01-01", None), None);
    // A column's name in a cell of its own is no item of a list.
    let column = "| 招商动态 |2016-09-22\n9月12日上午，开发区召开工作会议。";
    assert_eq!(best(column, None), Some(("2016-09-22".into(), "a byline")));
    let related = "会议召开。\n某镇新闻 2025-6-9\n2025-5-12某镇新闻\n某镇新闻 2025-5-7";
    assert_eq!(best(related, None), None, "a list of related items");
    let header = "2025-5-12\n某镇召开会议\n会议于2025年5月10日召开。";
    assert_eq!(best(header, None).unwrap().0, "2025-05-12");
    // An account's stamp of the time it posted, under the headline; without the time a
    // name and a date a space apart may be a list's line.
    let posted = "某镇人口普查登记正在进行\n欢乐长安 2020-11-04 16:46:53\n11月1日，普查开始。";
    assert_eq!(
        best(posted, None),
        Some(("2020-11-04 16:46".into(), "a byline"))
    );
    let undated = "某镇人口普查登记正在进行\n欢乐长安 2020-11-04\n11月1日，普查开始。";
    assert_eq!(best(undated, None), None);
    // A count of reads after the date makes it the page's own: lists print none.
    let counted = "区领导调研城建项目\n临报融媒 2022-09-09 阅读次数: 4313\n9月7日，调研开始。";
    assert_eq!(
        best(counted, None),
        Some(("2022-09-09".into(), "a metadata line"))
    );
    // An e-paper article's count of characters, its date and its page's column.
    let words = "某校战高温\n字数：557 2025年07月15日 要闻\n本报讯 夏季是学生溺水事故的高发期。";
    assert_eq!(
        best(words, None),
        Some(("2025-07-15".into(), "a metadata line"))
    );
}

#[test]
fn dates_in_addresses() {
    let day = |s: &str| address_date(s).map(|d| d.to_string());
    assert_eq!(
        day("http://www.lianxi.gov.cn/zfxxgk/202301/t20230103_5898853.html").as_deref(),
        Some("2023-01-03")
    );
    assert_eq!(
        day("https://www.ctxww.com/folder22/2024-12-07/6726.html").as_deref(),
        Some("2024-12-07")
    );
    assert_eq!(day("article_show.aspx?id=690"), None);
    assert_eq!(day("post_20231399.html"), None, "no 13th month");
    let published = chrono::NaiveDate::from_ymd_opt(2023, 1, 3).unwrap();
    assert_eq!(year_before(published, 12, 30), 2022);
    assert_eq!(year_before(published, 1, 2), 2023);
}

#[test]
fn republic_of_china_dates_and_leads() {
    assert_eq!(best("發布日期：111-12-22\n", None).unwrap().0, "2022-12-22");
    let short = "发布日期:09-01-06 09:18:41\n正文。";
    assert_eq!(best(short, None).unwrap().0, "2009-01-06 09:18");
    assert_eq!(
        best("编号:09-01-06 09:18\n", None),
        None,
        "not a publication label"
    );
    let cited = "奉一九五○年八月十四日政政董字第三三号快函，统一规定名称。";
    assert_eq!(best("", Some(cited)), None, "a cited document's date");
    let deadline = "现公开征求意见，公众可在2023年12月24日前提出意见。";
    assert_eq!(best("", Some(deadline)), None, "a deadline");
    let signed = "联系电话：0571-1234567 某某镇人民政府 2023年11月24日 |";
    assert_eq!(
        best(signed, Some(deadline)),
        Some(("2023-11-24".into(), "a notice's signature"))
    );
    let issue = "日期:[2017年05月17日] -- 某某日报\n某某区人民政府 二〇一七年五月十六日";
    assert_eq!(best(issue, None).unwrap().0, "2017-05-17");
    let lead = "區公所於111年5月23日召開會議，研商防疫工作。";
    assert_eq!(
        best("", Some(lead)),
        Some(("2022-05-23".into(), "the lead"))
    );
    assert_eq!(
        best("二零一九年十月八日的新闻公报\n", None),
        None,
        "a list of other releases"
    );
    assert_eq!(
        best("某县政府新闻参考资料105.4.26\n", None),
        Some(("2016-04-26".into(), "a press release's header"))
    );
}

#[test]
fn a_time_to_the_second_dates_the_page_whatever_it_is_glued_to() {
    let page = "心得体会范文2019-05-19 13:38:59才子老师\n出了枣园，转道延安革命纪念馆。";
    assert_eq!(
        best(page, None),
        Some(("2019-05-19 13:38".into(), "a timestamp"))
    );
    // To the minute only, it says no more than any date in a line.
    assert_eq!(
        best("心得体会范文2019-05-19 13:38才子老师\n正文。", None),
        None
    );
}

#[test]
fn a_closing_credit_dates_the_page_above_its_leads_day() {
    let page =
        "暑托班于7月10日正式开班。\n家长们表示放心。\n（某某街道社区教育中心 王五 2021年7月11日）";
    assert_eq!(
        best(page, Some("暑托班于7月10日正式开班。")),
        Some(("2021-07-11".into(), "a closing credit"))
    );
    // A bracketed aside that ends with a date is no credit.
    assert_eq!(best("会议审议了工作报告（2021年7月11日）", None), None);
}

#[test]
fn dates_are_found_alike_whatever_window_they_fall_in() {
    // Searched the plain way: each date from the end of the last, in the whole rest.
    let plainly = |text: &str| {
        let (mut found, mut from) = (Vec::new(), 0);
        while let Some((date, range)) = find_date(&text[from..]) {
            if date.year.is_some() {
                found.push((date, from + range.start..from + range.end));
            }
            from += range.end;
        }
        found
    };
    // Dates without a year and dates with one, spaced so that some straddle every window's
    // edge, and stretches far longer than a window with none.
    let mut paragraph = String::new();
    for i in 0..400 {
        paragraph += &"某镇组织青年参加预检，".repeat(i % 37);
        paragraph += &"检".repeat(i * 7 % 11);
        paragraph += [
            "7月23日上午，",
            "2024年7月23日 09:30，",
            "16.12.2015 18:25 ",
        ][i % 3];
        if i % 100 == 99 {
            paragraph += &"又到一年征兵时".repeat(2000);
        }
    }
    let windowed: Vec<_> = full_dates(&paragraph).collect();
    assert_eq!(windowed.len(), 266);
    assert_eq!(windowed, plainly(&paragraph));
}

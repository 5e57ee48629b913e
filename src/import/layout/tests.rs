//! The layout of pages: lines sorted into fields, furniture and paragraphs.

use super::*;

fn same(text: &str) -> String {
    text.to_string()
}

fn texts(layout: &Layout) -> Vec<&str> {
    layout.paragraphs.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn a_letter_spaced_line_is_closed_up() {
    let text = "司 长 探 访 少 年 警 讯 夏 令 营\n\n司 长 今 日 前 往 新 村 ， 探 访 营 友 。\n";
    assert_eq!(
        texts(&lay_out(text, &same)),
        ["司长探访少年警讯夏令营", "司长今日前往新村，探访营友。"]
    );
}

#[test]
fn furniture_goes_and_is_listed() {
    let text = "当前位置：首页 > 信息传达 > 本地新闻\n\n本地新闻\n\n标题在这里\n浏览次数：1267\n\n正文第一段。\n\n此文档下载收益归作者所有\n|\nx\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["标题在这里", "正文第一段。"]);
    let kinds: Vec<&str> = layout.removed.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            "breadcrumb",
            "column name",
            "view counter",
            "document site notice",
            "stray line",
            "stray line"
        ]
    );
    assert_eq!(layout.removed[2].line, 6);
    // A breadcrumb that ends with the headline: the headline printed under it stays.
    let text = "当前位置：首页 > 讲话稿 > 某区长在全区经济工作会议上的讲话\n某区长在全区经济工作会议上的讲话\n同志们：\n";
    assert_eq!(
        texts(&lay_out(text, &same)),
        ["某区长在全区经济工作会议上的讲话", "同志们："]
    );
}

#[test]
fn page_tools_and_platform_notices_are_furniture() {
    let text = "标题在这里\n简介：小编为你整理了多篇相关的《标题在这里》，你还可以找到更多。\n•字号：•打印\n视力保护色：\n浏览次数：\n正文第一段。\n特别声明\n本文为政务等机构上传并发布，仅代表该机构观点，不代表本平台的观点或立场。\n网友个人意见，不代表本站立场，对于发言内容，由发表者自负责任。\n此前报道：港媒曝当事人出狱前首受访\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["标题在这里", "正文第一段。"]);
    let kinds: Vec<&str> = layout.removed.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            "document site notice",
            "page tools",
            "page tools",
            "view counter",
            "disclaimer",
            "disclaimer",
            "disclaimer",
            "related links"
        ]
    );
}

#[test]
fn metadata_lines_become_fields() {
    let text = "时间：2022-03-26 09:11:00\n（濠江区建设局供稿）\n发布日期：2021-01-02 来源：区政府办 作者：张三\n责任编辑：李四\n正文。\n二〇〇九年八月十二日\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["正文。"]);
    let fields = &layout.fields;
    assert_eq!(fields.date.as_deref().unwrap(), "2022-03-26 09:11:00");
    // A source line names the page's source; a contributor is kept apart.
    assert_eq!(fields.source.as_deref(), Some("区政府办"));
    assert_eq!(fields.contributor.as_deref(), Some("濠江区建设局"));
    assert_eq!(fields.author.as_deref(), Some("张三"));
    assert_eq!(fields.editor.as_deref(), Some("李四"));
    assert_eq!(fields.dateline.unwrap().0.year, Some(2009));
}

#[test]
fn a_summary_an_advertisement_and_what_follows_related_content_are_furniture() {
    let text = "摘要：4月11日，社区举办游园会。\n4月11日，社区举办游园会。\n广告（请继续阅读本文）\n居民参加。\n相关内容\n热门资讯\n他处新闻一则。\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["4月11日，社区举办游园会。", "居民参加。"]);
    let kinds: Vec<&str> = layout.removed.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            "summary",
            "advertisement",
            "related links",
            "site footer",
            "related links"
        ]
    );
    let body = lay_out("会议听取了摘要：部分。\n", &same);
    assert_eq!(texts(&body), ["会议听取了摘要：部分。"]);
    let neighbours = "4月11日，社区举办游园会。\n上一篇 : 某镇召开会议\n下一篇 : 某村修路\n茶资讯猜你喜欢\n喝茶的学问\n";
    assert_eq!(
        texts(&lay_out(neighbours, &same)),
        ["4月11日，社区举办游园会。"]
    );
    let above = "上一篇：某镇召开会议\n4月11日，社区举办游园会。\n";
    assert_eq!(texts(&lay_out(above, &same)), ["4月11日，社区举办游园会。"]);
    // The column's latest items under the text; the column's name alone is no heading of it.
    let latest =
        "首页 > 下设单位 > 正文\n本港教育局宣布所有学校停课。\n最新下设单位\n• 他处新闻一则\n";
    assert_eq!(
        texts(&lay_out(latest, &same)),
        ["本港教育局宣布所有学校停课。"]
    );
    let heading = "首页 > 动态 > 正文\n某镇召开会议，部署防汛。\n最新进展\n堤坝已加固。\n";
    assert_eq!(texts(&lay_out(heading, &same)).len(), 3);
}

#[test]
fn an_editors_line_under_the_text_ends_it_but_for_more_metadata() {
    let text = "标题在这里\n正文第一段。\n责编：袁敏\n来源：某某县融媒体中心\n别处的要闻一则！\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["标题在这里", "正文第一段。"]);
    assert_eq!(layout.fields.source.as_deref(), Some("某某县融媒体中心"));
    // Above the text, an editor's line is the header's.
    let header = lay_out("标题在这里\n责任编辑：袁敏\n正文第一段。\n", &same);
    assert_eq!(texts(&header), ["标题在这里", "正文第一段。"]);
    // A reader's browser and an account are the page's business, not the text's.
    let notices = "正文第一段。\n您当前使用的浏览器版本过低，可能导致部分功能不能正常使用。\n用户登录\n还没有账号?\n";
    assert_eq!(texts(&lay_out(notices, &same)), ["正文第一段。"]);
}

#[test]
fn a_copyright_notice_below_the_text_ends_it_and_one_above_does_not() {
    let text = "版权声明\n标题在这里\n正文第一段。\n版权声明：\n1.凡本网注明“来源：某某网”的作品，未经授权不得转载。\n首席法律顾问：某某律师\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["标题在这里", "正文第一段。"]);
    // A site's copyright line too: the rest is its footer, whatever it says.
    let summary = "标题在这里\n【摘要】随着私家车增多，小区车位已无法满足需要。\n来源:新闻110\n";
    assert_eq!(
        texts(&lay_out(summary, &same)),
        ["标题在这里", "随着私家车增多，小区车位已无法满足需要。"]
    );
    let footer = "标题在这里\n正文第一段。\nCopyright 2002-2021 example.com.cn Inc. All Rights Reserved\n编辑部电话:0578-1234567\n投诉电话:(0571)88901234 邮箱:a@b.cn\n";
    assert_eq!(
        texts(&lay_out(footer, &same)),
        ["标题在这里", "正文第一段。"]
    );
}

#[test]
fn a_notice_opening_with_a_documents_name_names_the_page_and_a_summary_does_not() {
    let reprint = "正文第一段。\n《某街道召开联席会议》由某某网提供，转载请注明出处，谢谢合作！\n";
    assert_eq!(
        lay_out(reprint, &same).fields.title.as_deref(),
        Some("某街道召开联席会议")
    );
    let summary = "新闻导读：近日某网站发布了《某某名单的公示》，信息显示…\n正文第一段。\n";
    assert_eq!(lay_out(summary, &same).fields.title, None);
}

#[test]
fn a_label_alone_takes_the_next_line_unless_it_is_a_label_too() {
    let text = "• 来源：\n\n• 发文机构：\n\n    县政府网站\n正文。\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["正文。"]);
    assert_eq!(layout.fields.source.as_deref(), Some("县政府网站"));
    // An empty date label leaves the headline under it.
    let layout = lay_out("发布日期：\n井盖“张大口”\n正文。\n", &same);
    assert_eq!(texts(&layout), ["井盖“张大口”", "正文。"]);
    assert_eq!(layout.fields.date, None);
    // A disclosure's catalogue labels go, and an index's value with its label; the value of
    // another is kept for what it is.
    let layout = lay_out(
        "索引号\n0012/2020-01\n是否有效\n某会议召开\n正文。\n",
        &same,
    );
    assert_eq!(texts(&layout), ["某会议召开", "正文。"]);
    let layout = lay_out("• 主题分类:\n• 发文日期:\n• 内容概述:\n第一章总则\n", &same);
    assert_eq!(texts(&layout), ["第一章总则"]);
}

#[test]
fn fields_keep_the_pages_script() {
    let fold = |s: &str| {
        s.replace('來', "来")
            .replace('隨', "随")
            .replace('區', "区")
    };
    let layout = lay_out("來源：隨州高新區\n", &fold);
    assert_eq!(layout.fields.source.as_deref(), Some("隨州高新區"));
}

#[test]
fn page_markers_that_cut_sentences_go_and_the_sentence_is_joined() {
    let text = "1、第一页的内容，写到一半的句子还没有写完就到了页面的末尾所以\n2、接着写完了。第二页还有内容\n3、第三页。";
    let layout = lay_out(text, &same);
    assert_eq!(
        texts(&layout),
        [
            "第一页的内容，写到一半的句子还没有写完就到了页面的末尾所以接着写完了。第二页还有内容第三页。"
        ]
    );
    assert_eq!(layout.removed.len(), 3);
}

#[test]
fn a_numbered_list_of_sentences_is_not_page_markers() {
    let text = "1、方案制定要迅速落实。\n\n2、排兵布阵要迅速落实。\n\n3、整治整改要迅速落实。";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout).len(), 3);
    assert!(layout.removed.is_empty());
    assert!(texts(&layout)[0].starts_with("1、"));
}

#[test]
fn wrapped_lines_join_but_titles_and_points_do_not() {
    let text = "标题不是被折行的句子\n这是一段被网页按固定宽度折行的很长的正文，它在这里断开\n了，下一行接着写完。\n一、这一行是新的要点\n";
    let layout = lay_out(text, &same);
    assert_eq!(
        texts(&layout),
        [
            "标题不是被折行的句子",
            "这是一段被网页按固定宽度折行的很长的正文，它在这里断开了，下一行接着写完。",
            "一、这一行是新的要点"
        ]
    );
    // A caption closed by its credit is no sentence the next line goes on with, and a press
    // release's rule of stars leaves its text.
    let captioned = "某社区居民比赛包粽子。 记者 张文庭 图\n本报讯 又到一年粽飘香。\n";
    let layout = lay_out(captioned, &same);
    assert_eq!(texts(&layout).last(), Some(&"本报讯 又到一年粽飘香。"));
    let credited = "某社區快樂農場，所收成的作物也拿來舉辦共餐活動。 圖/某某電視提供
某社區在今年6月底開闢一處快樂農場，也拿來舉辦共餐活動。
";
    assert_eq!(
        texts(&lay_out(credited, &same)),
        [
            "某社區快樂農場，所收成的作物也拿來舉辦共餐活動。 圖/某某電視提供",
            "某社區在今年6月底開闢一處快樂農場，也拿來舉辦共餐活動。"
        ]
    );
    // A tilde ends a line as a stop does: the newsroom's name under it is no part of it.
    let tilde = "这是一段很长的正文，经过时间酝酿和打磨，等待才愈发珍贵~\n某某幼儿园信息报道组\n";
    assert_eq!(texts(&lay_out(tilde, &same)).len(), 2);
    let cell = "| 某区发布首个加装电梯地图 |\n| 某某 | 某某 |\n";
    assert_eq!(texts(&lay_out(cell, &same))[0], "某区发布首个加装电梯地图");
    // A list's item is a paragraph of its own, though it ends as a sentence goes on.
    let listed = "- 团体训练时，每一训练小组不得超过四人，超过四人的小组须分成不多于四人的分组等；及\n- 游泳池观众席会暂停开放。\n";
    assert_eq!(texts(&lay_out(listed, &same)).len(), 2);
    let starred = "某地交通安排\n******** 运输署今日提醒市民，当局将实施特别交通安排。\n";
    assert_eq!(
        texts(&lay_out(starred, &same))[1],
        "运输署今日提醒市民，当局将实施特别交通安排。"
    );
}

#[test]
fn paragraphs_run_together_are_split_at_blanks() {
    let text = "下面，我再强调三点： 一、强化责任落实，务求取得实效 园区全体干部职工要牢固树立责任意识。统筹 ，“一体化”推进 COVID-19 疫情";
    let layout = lay_out(text, &same);
    assert_eq!(
        texts(&layout),
        [
            "下面，我再强调三点：",
            "一、强化责任落实，务求取得实效",
            "园区全体干部职工要牢固树立责任意识。统筹 ，“一体化”推进 COVID-19 疫情"
        ]
    );
    let spoken = "某乡公所年度防汛演习再度蝉联全县冠军 乡长王五：运用网络与科技增强守护乡亲之效能";
    assert_eq!(texts(&lay_out(spoken, &same)), [spoken]);
    let tagged =
        "【不忘初心 牢记使命】我院医技药剂党支部举办2019年中药、药学理论知识与专业技能大赛";
    assert_eq!(texts(&lay_out(tagged, &same)), [tagged]);
}

#[test]
fn a_government_page_header() {
    let text = "首页 政务公开 互动交流\n发布时间：2023-05-12 10:30   来源：区应急管理局   浏览次数：356  【字体：大 中 小】\n正文。\n主办单位：XX区人民政府办公室 网站标识码：4401000001\n";
    let layout = lay_out(text, &same);
    assert_eq!(texts(&layout), ["正文。"]);
    assert_eq!(layout.fields.date.as_deref(), Some("2023-05-12 10:30"));
    assert_eq!(layout.fields.source.as_deref(), Some("区应急管理局"));
    let kinds: Vec<&str> = layout.removed.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, ["navigation", "metadata", "site footer"]);
}

#[test]
fn a_taiwan_page() {
    let text = "臺中市政府全球資訊網\n:::\n首頁 > 市政新聞\n發布日期：111-03-26\n發布單位：臺中市政府新聞局\n\n中市推動智慧交通　號誌優化\n\n臺中市政府今（26）日宣布。\n\n相關連結：\n交通局網站\n";
    let fold = |s: &str| {
        s.replace("發", "发")
            .replace("單", "单")
            .replace("關", "关")
            .replace("連", "连")
            .replace("結", "结")
            .replace("頁", "页")
    };
    let layout = lay_out(text, &fold);
    assert_eq!(
        texts(&layout),
        ["中市推動智慧交通　號誌優化", "臺中市政府今（26）日宣布。"]
    );
    assert_eq!(layout.fields.source.as_deref(), Some("臺中市政府新聞局"));
    let kinds: Vec<&str> = layout.removed.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            "site header",
            "skip link",
            "breadcrumb",
            "metadata",
            "metadata",
            "related links",
            "related links"
        ]
    );
}

#[test]
fn blanks_inside_brackets_are_not_paragraph_breaks() {
    let layout = lay_out("本报讯（记者 王五 通讯员 李六）今天召开会议。", &same);
    assert_eq!(
        texts(&layout),
        ["本报讯（记者 王五 通讯员 李六）今天召开会议。"]
    );
    // Nor between a photo credit's role and the name after it.
    let credit = "在幸福食堂用餐的老年人。某某日报全媒体记者 王五摄";
    assert_eq!(texts(&lay_out(credit, &same)), [credit]);
}

#[test]
fn headings() {
    assert!(is_heading("一、認清形勢迅速升溫"));
    assert!(is_heading("三、转变工作作风，优化发展环境"));
    assert!(is_heading("（二）健全服务网络，提高服务水平"));
    assert!(!is_heading("（二）各单位要健全服务网络。"));
    assert!(!is_heading("一是明确责任，落实人头。"));
    assert!(!is_heading("一、方案制定要迅速落實。"));
    assert!(!is_heading("同志們："));
}

#[test]
fn a_regulations_article_number_is_a_heading() {
    assert!(is_heading("第一条"));
    assert!(is_heading("第十二條"));
    assert!(!is_heading("第一条为做好公文处理工作，加强管理。"));
}

#[test]
fn a_notices_closing_formula_ends_its_paragraph_without_a_stop() {
    let text = "一、任何单位和个人未经许可，严禁燃放烟花爆竹。 二、本通告自发布之日起实施。 此告\n某某市人民政府 2019年1月21日\n";
    let layout = lay_out(text, &same);
    let paragraphs = texts(&layout);
    assert_eq!(paragraphs.last(), Some(&"某某市人民政府 2019年1月21日"));
    assert!(paragraphs.contains(&"此告"));
}

#[test]
fn a_headline_and_its_date_on_one_line_come_apart() {
    let text = "管理学院开展实验室安全专项巡查工作 2025-10-31 10:04\n\n10月27日上午，学院进行了安全巡查。\n某某街道 2024年5月6日\n";
    let layout = lay_out(text, &same);
    assert_eq!(
        texts(&layout),
        [
            "管理学院开展实验室安全专项巡查工作",
            "10月27日上午，学院进行了安全巡查。",
            "某某街道 2024年5月6日"
        ],
        "under the text, an office over its date stays for the signature"
    );
    let (date, line) = layout.fields.dateline.expect("the date");
    assert_eq!(
        (date.year, date.month, date.day, line),
        (Some(2025), 10, 31, 1)
    );
    let byline = lay_out(
        "某区重点项目开工\n某某焦点站 2019-04-03 09:03:26\n正文。\n",
        &same,
    );
    assert_eq!(
        texts(&byline)[0],
        "某区重点项目开工",
        "a byline under a headline is none"
    );
    assert!(
        byline.fields.dateline.is_none(),
        "{:?}",
        byline.fields.dateline
    );
    let glued = lay_out("发布时间2025-10-31\n正文。\n", &same);
    assert_eq!(
        texts(&glued),
        ["发布时间2025-10-31", "正文。"],
        "no space, no headline"
    );
}

#[test]
fn a_page_with_only_a_summary_has_it_for_text() {
    let text = "某镇卫生镇创建动员会召开\n发布日期：2024-03-29 17:33\n摘要：近日，某镇召开动员会，在全镇范围内开展集中攻坚行动。\n";
    let layout = lay_out(text, &same);
    assert_eq!(
        texts(&layout),
        [
            "某镇卫生镇创建动员会召开",
            "近日，某镇召开动员会，在全镇范围内开展集中攻坚行动。"
        ]
    );
    let with_text = lay_out(
        "标题\n摘要：某镇召开动员会。\n近日，某镇召开动员会。\n",
        &same,
    );
    assert_eq!(texts(&with_text), ["标题", "近日，某镇召开动员会。"]);
}

#[test]
fn a_notices_headline_and_its_addressees_on_one_line_come_apart() {
    let text = "某某街道驻点联系群众活动公告 居民朋友们、辖区单位：\n按照区委统一部署，每周二下午为活动日。\n";
    assert_eq!(
        texts(&lay_out(text, &same)),
        [
            "某某街道驻点联系群众活动公告",
            "居民朋友们、辖区单位：",
            "按照区委统一部署，每周二下午为活动日。"
        ]
    );
    let numbered = "某师大保〔2005〕3号 关于做好寒假期间安全工作的通知\n各院系：\n寒假将至，现提出以下要求。\n";
    assert_eq!(
        texts(&lay_out(numbered, &same))[..2],
        ["某师大保〔2005〕3号", "关于做好寒假期间安全工作的通知"]
    );
    let speech = "县局长在开学工作会议上讲话同志们：大家上午好！今天，我们召开会议。\n";
    assert_eq!(
        texts(&lay_out(speech, &same)),
        [
            "县局长在开学工作会议上讲话",
            "同志们：大家上午好！今天，我们召开会议。"
        ]
    );
    // Under a headline, the same shape is text (`…的通知 各村：` quoted in a sentence line).
    let below = "某某公告\n关于开展活动的通知 各村：\n";
    assert_eq!(
        texts(&lay_out(below, &same)),
        ["某某公告", "关于开展活动的通知 各村："]
    );
}

#[test]
fn addressees_that_end_with_a_labels_word_are_text() {
    let text = "各单位、部门：\n根据学校有关通知精神，现就放假事项通知如下：\n";
    let layout = lay_out(text, &same);
    assert_eq!(
        texts(&layout),
        [
            "各单位、部门：",
            "根据学校有关通知精神，现就放假事项通知如下："
        ]
    );
}

#[test]
fn a_headers_date_over_its_weather_is_the_readers_day() {
    let text = "2024 / 09 / 08 - (星期日)\n\n台北市\n33°C\n某鎮公所動員200人市區清掃\n鎮公所12日舉行活動。\n";
    let layout = lay_out(text, &same);
    assert_eq!(layout.fields.dateline, None);
    assert!(!texts(&layout).contains(&"33°C"));
    let clock = "2024年9月8日\n台北市\n33°C\n某鎮公所動員200人市區清掃\n鎮公所12日舉行活動。\n";
    assert_eq!(lay_out(clock, &same).fields.dateline, None);
    let dated = lay_out(
        "2024年9月8日\n某鎮公所動員200人市區清掃\n鎮公所12日舉行活動。\n",
        &same,
    );
    assert!(dated.fields.dateline.is_some());
}

#[test]
fn a_forum_posts_header_run_on_into_its_text_goes() {
    let text = "參加網路普度 送平安米\n2011-07-29 10:38:12 IP:220.132.230.*** 農曆七月中元祭祀即將展開。\n";
    let layout = lay_out(text, &same);
    assert_eq!(
        texts(&layout),
        ["參加網路普度 送平安米", "農曆七月中元祭祀即將展開。"]
    );
    let (date, line) = layout.fields.dateline.expect("the post's date");
    assert_eq!(
        (date.year, date.month, date.day, line),
        (Some(2011), 7, 29, 2)
    );
}

#[test]
fn a_papers_name_before_its_rights_names_no_document() {
    let page =
        "某地开幕迎春展示活动，一百名传承人到场。\n《某某社会科学报》版权所有，转载请注明出处。\n";
    assert_eq!(lay_out(page, &same).fields.title, None);
    let shared = "某地开幕迎春展示活动，一百名传承人到场。\n《某街道召开联席会议》由某某网提供，转载请注明出处。\n";
    assert_eq!(
        lay_out(shared, &same).fields.title.as_deref(),
        Some("某街道召开联席会议")
    );
}

#[test]
fn a_forums_footer_under_the_thread_ends_the_post() {
    let thread = "某区木棉花季活动昨天正式开幕，欢迎民众来赏花。\n使用道具 检举\n本版积分规则 发表回复 回复后跳转到最后一页\n恭喜你的文章高度超过台北101!\n";
    assert_eq!(
        texts(&lay_out(thread, &same)),
        ["某区木棉花季活动昨天正式开幕，欢迎民众来赏花。"]
    );
}

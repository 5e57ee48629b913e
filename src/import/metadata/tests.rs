//! Which lines are a page's metadata, and the fields they give.

use super::*;

/// The fields of a line that must be metadata.
fn taken(line: &str) -> Fields {
    let mut fields = Fields::default();
    assert!(take_fields(line, line, &mut fields), "{line}");
    fields
}

#[test]
fn an_outlet_before_its_date_contributed_the_text() {
    let fields = taken("某某在线 发布时间：2011-04-02");
    assert_eq!(fields.contributor.as_deref(), Some("某某在线"));
    assert_eq!(fields.date.as_deref(), Some("2011-04-02"));
    // Not before a writer's role: the outlet named there is the reporter's.
    assert_eq!(taken("某某日报 作者：王五").contributor, None);
}

#[test]
fn a_copys_source_is_the_source() {
    let fields = taken("稿源：某某网 编辑：王五 2024-06-14 12:47");
    assert_eq!(fields.source.as_deref(), Some("某某网"));
}

#[test]
fn a_word_before_a_publication_key_makes_one_label_with_it() {
    let fields = taken("内容更新时间：2025-05-30 07:56:21来源：某某乡音报");
    assert_eq!(fields.source.as_deref(), Some("某某乡音报"));
    let portal = taken("中央政府门户网站 www.gov.cn   2007年03月12日   来源:某某市人民政府");
    assert_eq!(portal.source.as_deref(), Some("某某市人民政府"));
    assert_eq!(portal.headline, None);
    let headed = taken(
        "某合作区实现集中供水全覆盖 实现居民用水模式大转变 2021-12-20 10:45:24  来源:某某晚报",
    );
    assert_eq!(
        headed.headline.as_deref(),
        Some("某合作区实现集中供水全覆盖 实现居民用水模式大转变")
    );
    assert_eq!(
        taken("某某区政府网 2021-12-20 来源:某某晚报").headline,
        None
    );
    // A model-essay site's `题目：` names the piece as `标题：` does.
    assert_eq!(taken("题目:采茶叶").title.as_deref(), Some("采茶叶"));
    let agency = taken("2007-09-25 新华社记者：杨俊江摄 来源：经济参考报");
    assert_eq!(agency.source.as_deref(), Some("经济参考报"));
    let credit = taken("图文来源:某某融媒");
    assert_eq!(credit.source.as_deref(), Some("某某融媒"));
    // A short field closed with a full stop; a sentence that quotes a label is none.
    let stopped = taken("来源:禁毒大队。");
    assert_eq!(stopped.source.as_deref(), Some("禁毒大队"));
    let mut quoted = Fields::default();
    let sentence = "来源：群众反映，路灯已修复。";
    assert!(!take_fields(sentence, sentence, &mut quoted));
    let mut meeting = Fields::default();
    assert!(!take_fields(
        "会议时间：5月30日",
        "会议时间：5月30日",
        &mut meeting
    ));
}

#[test]
fn a_headers_source_is_found_on_its_line_or_the_next() {
    let same = |s: &str| s.to_string();
    let lines = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let one_line = lines(&[
        "索引号： 11370303004217709K/2022-5238762 文号：",
        "发文日期： 2022-05-16 发布机构：公园街道办事处",
    ]);
    assert_eq!(
        source_in_header(&one_line, &same).as_deref(),
        Some("公园街道办事处")
    );
    let next_line = lines(&[
        "• 索引号：",
        "6107280000/2024-001005",
        "• 主题分类：",
        "• 发文机构：",
        "县政府网站",
        "• 发文字号：",
        "镇政发〔2024〕7号",
    ]);
    assert_eq!(
        source_in_header(&next_line, &same).as_deref(),
        Some("县政府网站")
    );
    assert_eq!(
        source_in_header(&lines(&["• 来源：", "• 发文机构："]), &same),
        None
    );
    let unlabelled = lines(&[
        "• 123456789/2020-00283",
        "• 某某区某某街道办事处",
        "• 2020-09-17",
    ]);
    assert_eq!(
        source_in_header(&unlabelled, &same).as_deref(),
        Some("某某区某某街道办事处")
    );
    let site_name = lines(&["某某区人民政府", "首页 > 新闻"]);
    assert_eq!(source_in_header(&site_name, &same), None);
    let leveled = lines(&[
        "某某区基层政务公开",
        "经济技术开发区应急管理局县级",
        "2022-07-20 2022-07-20",
    ]);
    assert_eq!(
        source_in_header(&leveled, &same).as_deref(),
        Some("经济技术开发区应急管理局")
    );
    assert_eq!(source_in_header(&lines(&["全市县级"]), &same), None);
}

#[test]
fn a_table_row_of_labels_and_values_is_a_metadata_line() {
    let row = "索引号 | 123-4/2020-01 | 发布机构 | 某某镇 |";
    let (line, folded) = table_row_as_fields(row, row).expect("a row");
    assert_eq!(line, "索引号：123-4/2020-01 发布机构：某某镇");
    let mut fields = Fields::default();
    assert!(take_fields(&line, &folded, &mut fields));
    assert_eq!(fields.source.as_deref(), Some("某某镇"));
    // A row without labels, or a headline with bars, is not one.
    assert_eq!(
        table_row_as_fields("首页 | 新闻 | 公告", "首页 | 新闻 | 公告"),
        None
    );
    // Labels spaced to their column's width, the cells' bars kept around a value.
    let row = "标 题： | 某镇2021年政府工作报告 |";
    let (spaced, _) = unspaced_labels(row, row);
    let mut fields = Fields::default();
    assert!(take_fields(&spaced, &spaced, &mut fields));
    assert_eq!(fields.title.as_deref(), Some("某镇2021年政府工作报告"));
    // A label whose cell ends it, without a colon.
    let row = "来   源 | 某某市人民政府网 | 发布日期 | 2013-10-31 |";
    let (spaced, _) = unspaced_labels(row, row);
    let (line, folded) = table_row_as_fields(&spaced, &spaced).expect("a row of fields");
    let mut fields = Fields::default();
    assert!(take_fields(&line, &folded, &mut fields));
    assert_eq!(fields.source.as_deref(), Some("某某市人民政府网"));
    let speech = "各 位 代 表：";
    assert_eq!(unspaced_labels(speech, speech).0, speech);
    // Outside a table only a title's label; the original script's line loses the same blanks.
    let (line, folded) =
        unspaced_labels("分  類: 通知 標  題: 某通知", "分  类: 通知 标  题: 某通知");
    assert_eq!(
        (&*line, &*folded),
        ("分  類: 通知 標題: 某通知", "分  类: 通知 标题: 某通知")
    );
    let title = "标      题: 某区人民政府关于做好秸秆禁烧工作的通知";
    let (spaced, _) = unspaced_labels(title, title);
    let mut fields = Fields::default();
    assert!(take_fields(&spaced, &spaced, &mut fields));
    assert_eq!(
        fields.title.as_deref(),
        Some("某区人民政府关于做好秸秆禁烧工作的通知")
    );
    assert!(is_bare_label("文件编号：") && is_bare_label("实施时间："));
    assert!(!is_bare_label("各位代表：") && !is_bare_label("各位记者："));
    // An e-paper's date of issue, its empty counters beside it.
    let issued = "刊发日期：2019-01-15 阅读次数： 作者：";
    let fields = taken(issued);
    assert_eq!(fields.date.as_deref(), Some("2019-01-15"));
    let account = "某市号作者：某市发布";
    let fields = taken(account);
    assert_eq!(fields.source.as_deref(), Some("某市发布"));
    let run_on = "2020年01月02日来源：某某新闻中心";
    let fields = taken(run_on);
    assert_eq!(fields.source.as_deref(), Some("某某新闻中心"));
    let reposted = "（转载自某某政府新闻公报）";
    let fields = taken(reposted);
    assert_eq!(fields.source.as_deref(), Some("某某政府新闻公报"));
    let closing = "2010.01.02 (新闻来源:某某晚报)";
    let fields = taken(closing);
    assert_eq!(fields.source.as_deref(), Some("某某晚报"));
    let dated = "编辑日期：2020/1/2   作者：某某街道";
    let fields = taken(dated);
    assert_eq!(fields.date.as_deref(), Some("2020/1/2"));
    assert_eq!(fields.author.as_deref(), Some("某某街道"));
}

#[test]
fn fields_in_brackets_are_taken_each_on_its_own() {
    let mut fields = Fields::default();
    let line =
        "字体【 】 【编辑日期:2025-09-10 09:53】 【来源:石台县委宣传部】 【作者:】 【 关 闭 】";
    assert!(take_fields(line, line, &mut fields));
    assert_eq!(fields.source.as_deref(), Some("石台县委宣传部"));
    assert_eq!(fields.author, None);
    let mut fields = Fields::default();
    let text = "【要闻】县长主持会议。【图】会场";
    assert!(!take_fields(text, text, &mut fields));
}

#[test]
fn a_field_in_brackets_leaves_its_closing_bracket_out() {
    let mut fields = Fields::default();
    let line = "（来源：某某网） 【原标题：某镇着力打造蔬菜产业园】";
    assert!(take_fields(line, line, &mut fields));
    assert_eq!(fields.title.as_deref(), Some("某镇着力打造蔬菜产业园"));
    assert_eq!(
        without_bracket_around("某某网（客户端）".into()),
        "某某网（客户端）"
    );
}

#[test]
fn a_field_whose_value_is_another_label_is_empty() {
    let mut fields = Fields::default();
    let line = "来源:发布者:时间:2023-09-13";
    assert!(take_fields(line, line, &mut fields));
    assert_eq!(fields.source, None);
    assert_eq!(fields.date.as_deref(), Some("2023-09-13"));
    let mut fields = Fields::default();
    let line = "发布时间:2021-12-15 来源: 编审:网管中心 浏览量:1983";
    assert!(take_fields(line, line, &mut fields));
    assert_eq!(fields.source, None);
}

#[test]
fn a_full_stop_before_the_next_key_ends_a_value_not_a_sentence() {
    let mut fields = Fields::default();
    let line = "作者： 某某网。    时间： 2025-3-28 23:18";
    assert!(take_fields(line, line, &mut fields));
    assert_eq!(fields.author.as_deref(), Some("某某网"));
    assert_eq!(fields.date.as_deref(), Some("2025-3-28 23:18"));
    let sentence = "作者：某某。他说，时间：今天";
    assert!(!take_fields(sentence, sentence, &mut Fields::default()));
}

#[test]
fn a_label_the_pattern_does_not_know_ends_the_value_before_it() {
    for (line, source) in [
        (
            "发布时间:2019-01-18 17:29 来源:县广播电视台 浏览:",
            "县广播电视台",
        ),
        (
            "发布时间:2020-09-29 14:03   来源: 成都新闻网  Tag:",
            "成都新闻网",
        ),
        ("编稿时间: 2017-10-10 10:59 来源: 市安监局", "市安监局"),
        ("来自:嘉兴路中心", "嘉兴路中心"),
        ("编辑:王五来源:某某日报投稿邮箱:abc.", "某某日报"),
    ] {
        let mut fields = Fields::default();
        assert!(take_fields(line, line, &mut fields), "{line}");
        assert_eq!(fields.source.as_deref(), Some(source), "{line}");
    }
}

#[test]
fn an_archive_records_fields_are_metadata() {
    let mut fields = Fields::default();
    for line in [
        "【日期】= 1990.03.18",
        "【标题】= 下镇乡里刮春风",
        "【版名】=",
    ] {
        assert!(take_fields(line, line, &mut fields), "{line}");
    }
    assert_eq!(fields.date.as_deref(), Some("1990.03.18"));
    assert_eq!(fields.title.as_deref(), Some("下镇乡里刮春风"));
}

#[test]
fn a_labelled_title_is_taken_and_a_word_ending_in_the_label_is_not() {
    let mut fields = Fields::default();
    let line = "标题:快讯:经开区2008年度入区项目建设目标基本实现";
    assert!(take_fields(line, line, &mut fields));
    assert_eq!(
        fields.title.as_deref(),
        Some("快讯:经开区2008年度入区项目建设目标基本实现")
    );
    let mut fields = Fields::default();
    let quoted = "标题:“禹王台区南郊乡多措并举”";
    assert!(take_fields(quoted, quoted, &mut fields));
    assert_eq!(fields.title.as_deref(), Some("禹王台区南郊乡多措并举"));
    let mut fields = Fields::default();
    let two = "标题:“三秋”生产和“禁烧”工作";
    assert!(take_fields(two, two, &mut fields));
    assert_eq!(fields.title.as_deref(), Some("“三秋”生产和“禁烧”工作"));
    let mut fields = Fields::default();
    assert!(take_fields("标题:“”", "标题:“”", &mut fields));
    assert_eq!(fields.title, None);
    let mut fields = Fields::default();
    let text = "会议审议了副标题:关于加强管理的意见";
    assert!(!take_fields(text, text, &mut fields));
    assert_eq!(fields.title, None);
}

#[test]
fn a_press_releases_and_a_text_databases_labels() {
    // Labels are read in simplified script (`發稿單位` as `发稿单位`).
    let release = taken("发稿单位:新闻及国际关系处");
    assert_eq!(release.source.as_deref(), Some("新闻及国际关系处"));
    assert_eq!(taken("发稿人员:林某某").author.as_deref(), Some("林某某"));
    let record = taken("文章名称 : 某某局局长出席嘉年华致辞全文");
    assert_eq!(
        record.title.as_deref(),
        Some("某某局局长出席嘉年华致辞全文")
    );
    let agency = taken("相关机构/单位/部门 : 某某事务局");
    assert_eq!(agency.source.as_deref(), Some("某某事务局"));
}

#[test]
fn a_disclosure_catalogues_rows_are_its_metadata() {
    let mut fields = Fields::default();
    let named = "名称： | 农村危房改造申请程序 | 文号： | 无 |";
    let (line, folded) = table_row_as_fields(named, named).expect("a row");
    assert!(take_fields(&line, &folded, &mut fields));
    assert_eq!(fields.title.as_deref(), Some("农村危房改造申请程序"));
    // A table's heading names a column `名称`, no title.
    let heading = "时间 | 发布机构 | 名称 | 主要评价指标体系及影响分析 |";
    let (line, folded) = table_row_as_fields(heading, heading).expect("a row");
    let mut fields = Fields::default();
    take_fields(&line, &folded, &mut fields);
    assert_eq!(fields.title, None);
    // Its index and class name nothing, but are metadata all the same; a counter is not.
    let catalogue = "索引号： | 11341730003260983A/202502-00118 | 组配分类： | 农村危房改造 |";
    assert_eq!(taken(catalogue), Fields::default());
    let counter = "浏览次数：12";
    assert!(!take_fields(counter, counter, &mut Fields::default()));
    let provided = taken("信息提供日期 : 2025-10-23 11:18 来源 :某某街道办事处");
    assert_eq!(provided.date.as_deref(), Some("2025-10-23 11:18"));
    assert_eq!(provided.source.as_deref(), Some("某某街道办事处"));
    let contributed = taken("供稿:党办 统战办 医务部");
    assert_eq!(
        contributed.contributor.as_deref(),
        Some("党办 统战办 医务部")
    );
}

#[test]
fn an_office_before_its_writers_roles_supplied_the_text() {
    let credit = taken("（某某路街道  撰稿：杨某某  审核：江某）");
    assert_eq!(credit.contributor.as_deref(), Some("某某路街道"));
    assert_eq!(credit.author.as_deref(), Some("杨某某"));
    let run_on = taken("（供稿：某某学院采写：王小明 李华审核：于某）");
    assert_eq!(run_on.contributor.as_deref(), Some("某某学院"));
    // A date before the keys is no office.
    assert_eq!(taken("2022-02-10 撰稿：杨某某").contributor, None);
}

#[test]
fn a_later_source_names_the_office_where_the_first_named_the_site() {
    let mut fields = Fields::default();
    for line in [
        "发布机构: 本网 生成日期: 2023-04-04",
        "来源:台山市文明办、都斛镇",
    ] {
        assert!(take_fields(line, line, &mut fields), "{line}");
    }
    assert_eq!(fields.source.as_deref(), Some("台山市文明办、都斛镇"));
    for line in ["来源:区政府办公室", "来源:本站"] {
        assert!(take_fields(line, line, &mut fields), "{line}");
    }
    assert_eq!(fields.source.as_deref(), Some("台山市文明办、都斛镇"));
}

#[test]
fn a_posts_note_of_its_account_is_its_source() {
    let fields = taken("本篇文章来源于微信公众号: 玉山之窗");
    assert_eq!(fields.source.as_deref(), Some("玉山之窗"));
    let mut fields = Fields::default();
    let disclaimer = "免责声明:本文来自宁化在线新闻频道,不代表宁化在线的观点和立场。";
    assert!(!take_fields(disclaimer, disclaimer, &mut fields));
}

#[test]
fn a_credit_in_brackets_before_a_broken_lead_is_no_metadata_line() {
    let lead = "（通讯员：李成勇）近日，天气越来越炎热，雨水增多，为进一步加强校园安全教育，某小学紧紧围绕";
    assert!(!take_fields(lead, lead, &mut Fields::default()));
    let credit = taken("（某某街道  撰稿：某某  审核：某某）");
    assert_eq!(credit.contributor.as_deref(), Some("某某街道"));
}

#[test]
fn a_photo_credit_after_the_contributor_is_a_field_of_its_own() {
    let fields = taken("供稿： 苏云飞 配图：董向东");
    assert_eq!(fields.contributor.as_deref(), Some("苏云飞"));
}

//! A page's title and source as the importer finds them on small made-up pages.

use super::*;

/// What the importer reports of a page.
fn report_of(page: &str) -> Report {
    let config = crate::config::Config::parse(
        std::path::Path::new("."),
        "title: t\nbase_url: https://example.org/\nvariants:\n  - { lang: zh-Hans, path: hans }\ndepartments:\n  ban: 区政府办公室\n",
    )
    .unwrap();
    let converter = Converter::new();
    let departments = GroupNames::departments(&config, &converter);
    let site = ImportContext {
        converter: &converter,
        departments: &departments,
        fallback: Some(0),
        year: None,
        date: None,
    };
    import_text(page.as_bytes(), None, None, None, &site).1
}

/// The title the importer gives a page, and how it found it.
fn title_of_page(page: &str) -> (String, String) {
    let report = report_of(page);
    let (_, title, how) = report.fields.iter().find(|f| f.0 == "title").unwrap();
    (title.clone(), how.clone())
}

#[test]
fn a_headline_stands_over_its_date_and_a_notices_signature_is_none() {
    let above = "某某新闻网\n某乡举办农民运动会\n2020-05-01\n发布在 新闻, 乡镇\n5月1日，某乡举办第三届农民运动会，全乡八百余名村民参加了比赛。";
    assert_eq!(title_of_page(above).0, "某乡举办农民运动会");
    let below = "5月1日，某乡举办第三届农民运动会，全乡八百余名村民参加了比赛。\n另外，村民们\n某乡举办农民运动会\n- 2020-05-01";
    assert_eq!(
        title_of_page(below),
        (
            "某乡举办农民运动会".to_string(),
            "the line over the metadata below the text".to_string()
        )
    );
    let signed = "各村：\n为做好防汛工作，现将有关事项通知如下，请认真贯彻落实。\n某某乡人民政府\n2020年5月1日";
    assert_eq!(title_of_page(signed).1, "the first sentence");
    // A notice's preamble ends with a colon: it is the lead, not the first item under it.
    let preamble = "校属各单位：\n根据上级通知精神，现将我校劳动节放假安排通知如下：\n一、4月30日至5月2日放假，共3天。\n二、各单位要做好安全工作。\n校长办公室\n2016年4月26日";
    assert_eq!(title_of_page(preamble).0, "根据上级通知精神");
    // A headline printed whole at the top and again in two lines over the text is taken whole
    // (its stray space closed up, as the repair does).
    let twice = "当前位置: 首页 >> 社会实践 >> 正文\n\n文化宿舍 魅力校园——设计学院开展宿舍文化节\n\n发布者: [发表时间]:2012-05-09 [来源]:\n\n文化宿舍魅力校园\n\n设计学院开展宿舍文化节\n\n本站讯为创造宿舍良好环境,培养学生良好的卫生习惯,设计学院举办为期一周宿舍文化节活动。";
    assert_eq!(
        title_of_page(twice).0,
        "文化宿舍魅力校园——设计学院开展宿舍文化节"
    );
}

#[test]
fn a_column_path_or_a_cms_filler_is_no_source() {
    let source = |s: &str| clean_source(Some(s.to_string()));
    assert_eq!(source("区委部门 > 宣传部 > 新闻中心"), None);
    assert_eq!(source("机关"), None);
    assert_eq!(source("暂无"), None, "a CMS's \"none given\"");
    assert_eq!(source("某某区教育局").as_deref(), Some("某某区教育局"));
    assert_eq!(source("显示全部"), None, "a page's button");
    // A value run on into the page's date, and a brand in Latin capitals.
    assert_eq!(
        source("某某市人民政府办公室2017-09-22 14:31:09").as_deref(),
        Some("某某市人民政府办公室")
    );
    assert_eq!(source("AM730").as_deref(), Some("AM730"));
    assert_eq!(source("admin"), None);
}

#[test]
fn a_source_on_the_line_above_the_text_that_the_layout_did_not_take_is_found() {
    let page = "某区委办开展志愿者服务活动 发布时间:2018-10-24 信息来源:市委办公室 浏览次数: 次 【字体:小 大】 为弘扬文明新风，某区委办组织干部在某路开展志愿者服务活动。志愿者们认真清理道路路面垃圾，劝导不文明行为。";
    let report = report_of(page);
    let source = report.fields.iter().find(|f| f.0 == "source");
    assert_eq!(source.map(|f| f.1.as_str()), Some("市委办公室"));
}

#[test]
fn joint_issuers_above_a_notice_are_no_part_of_its_headline_and_a_credit_under_the_text_names_its_outlet()
 {
    let joint = "某市公安局交通警察支队\n某市住房和城乡建设局\n关于南环路丁字路口车行道维修改造期间实施交通管制的通告\n南环路丁字路口车行道维修改造工程是2018年度城建重点项目，为保障工程顺利进行，施工期间将实行交通管制。依据有关规定，特通告如下：\n2018年3月13日至4月13日，对南环路丁字路口车行道进行全封闭施工改造。\n特此通告。\n某市公安局交通警察支队 某市住房和城乡建设局\n2018年3月8日";
    assert_eq!(
        title_of_page(joint).0,
        "关于南环路丁字路口车行道维修改造期间实施交通管制的通告"
    );
    let credited = "全国秋粮收获近两成\n时间:2025-09-23\n眼下，我国秋粮正陆续成熟，开镰收获。\n（总台央视记者 王某某 张某）";
    let report = report_of(credited);
    let source = report.fields.iter().find(|f| f.0 == "source");
    assert_eq!(source.map(|f| f.1.as_str()), Some("总台央视"));
    // The page runs on into the next item's first words under the credit.
    let run_on = format!("{credited}\n某某公安出入境管理部门推出增");
    let report = report_of(&run_on);
    let source = report.fields.iter().find(|f| f.0 == "source");
    assert_eq!(source.map(|f| f.1.as_str()), Some("总台央视"));
}

#[test]
fn a_red_headers_issuer_over_its_number_is_no_part_of_the_title_but_names_the_office() {
    let page = "某府办发〔2022〕33号\n某县人民政府办公室\n关于印发《某县应急管理工作方案》的通知\n各乡（镇）人民政府，县政府有关部门：\n经县政府研究同意，现将《某县应急管理工作方案》印发给你们，请认真抓好贯彻落实。\n2022年4月26日";
    assert_eq!(
        title_of_page(page).0,
        "关于印发《某县应急管理工作方案》的通知"
    );
    let report = report_of(page);
    let source = report.fields.iter().find(|f| f.0 == "source");
    assert_eq!(source.map(|f| f.1.as_str()), Some("某县人民政府办公室"));
}

//! The lead of a news item: the correspondent credited before it, and a headline made from
//! its first clause when the page had none.

use std::sync::LazyLock;

use regex::Regex;

use super::whole_date;

/// A news lead's credit line, `本网讯（通讯员郭海洲）` or `（记者 王五）`: the person and the
/// byte length of the credit, to be cut from the text.
pub fn lead_credit(paragraph: &str) -> Option<(String, usize)> {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:[^\s，。（(]{0,14}(?:[讯訊]|报道|報道|報導))?\s*[（(]\s*(?:特约|特約)?(?:通讯员|通訊員|记者|記者|实习生|實習生)[\s：:]*(?P<name>[^）)]{2,20})[）)]\s*",
        )
        .expect("valid pattern")
    });
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:特约|特約)?(?:通讯员|通訊員|记者|記者|实习生|實習生)|[\s　、，,]+")
            .expect("valid pattern")
    });
    let caps = CREDIT.captures(paragraph)?;
    // `王五 通讯员 李六`: the names, without the roles between them.
    let name = ROLE
        .split(&caps["name"])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、");
    Some((name, caps.get(0).expect("whole match").end()))
}

/// Where a quotation that opens a lead ends, when news follows it.
fn opening_quotation_end(chars: &[char]) -> Option<usize> {
    let close = match chars.first()? {
        '“' => '”',
        '「' => '」',
        _ => return None,
    };
    let end = chars.iter().position(|&c| c == close)? + 1;
    (chars.len() - end >= 8).then_some(end)
}

/// Words that open a lead before its first comma, when it happened or who told it: not its
/// news.
const OPENERS: [&str; 23] = [
    "近日",
    "日前",
    "新年伊始",
    "近期",
    "今天",
    "昨天",
    "上午",
    "下午",
    "连日来",
    "近年来",
    "今年以来",
    "近来",
    "最近",
    "今日",
    "昨日",
    "近几年",
    "近年",
    "时下",
    "眼下",
    "目前",
    "当前",
    "据了解",
    "据悉",
];

/// Words that end an official's post: the name follows them.
const POSTS: [&str; 15] = [
    "副书记",
    "书记",
    "副主任",
    "主任",
    "局长",
    "区长",
    "市长",
    "县长",
    "镇长",
    "部长",
    "主席",
    "院长",
    "经理",
    "董事长",
    "委员",
];

/// A headline made from a lead sentence when the page had none: the first clause, without
/// its dateline (`3月1日下午，`) and without the chain of posts before a name
/// (`市人大常委会副主任、……主任郭晓东带队……` gives `郭晓东带队……`). `folded` is the
/// same sentence in simplified script, for matching the posts.
pub fn headline_from_lead(lead: &str, folded: &str) -> Option<String> {
    // A dateline before the first comma, `某某网消息 1月6日`, `某某网安徽讯`, `本报讯 3月2日`.
    static OPENING_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[^\s据]\S{0,11}?(?:报|网|台|社|站|融媒|中心|在线)\S{0,6}?(?:讯|电|消息)\s*(?:\d{1,2}月\d{1,2}日)?$|^\d{1,2}月\d{1,2}日(?:讯|电)$|^\d{1,2}日(?:上午|下午|晚上?|早上|凌晨)?$")
            .expect("valid pattern")
    });
    let mut chars: Vec<char> = lead.chars().collect();
    let mut folded: Vec<char> = folded.chars().collect();
    if chars.len() != folded.len() {
        folded = chars.clone();
    }
    // A lead that opens with a quotation (`“您好，我们是普查员……”11月1日上午，…`) tells its
    // news after it.
    if let Some(close) = opening_quotation_end(&chars) {
        // With the comma after it, `“又到一年征兵时……”，7月23日上午，…`.
        let close = close + usize::from(chars.get(close) == Some(&'，'));
        chars.drain(..close);
        folded.drain(..close);
    }
    let sentence_end = chars
        .iter()
        .position(|c| matches!(c, '。' | '！' | '？'))
        .unwrap_or(chars.len());
    chars.truncate(sentence_end);
    folded.truncate(sentence_end);
    // Drop a dateline standing before a blank, `某某网消息 岁岁重阳，…`.
    let first_blank = chars.iter().position(|c| c.is_whitespace());
    if let Some(blank) = first_blank
        .filter(|&blank| OPENING_DATELINE.is_match(&folded[..blank].iter().collect::<String>()))
    {
        let text_at = (blank..chars.len())
            .find(|&i| !chars[i].is_whitespace())
            .unwrap_or(chars.len());
        chars.drain(..text_at);
        folded.drain(..text_at);
    }
    // Then a dateline and opening words such as 近日 before the first comma.
    let first_comma = chars.iter().position(|&c| c == '，');
    if let Some(comma) = first_comma {
        let opening: String = chars[..comma].iter().collect();
        if whole_date(&opening).is_some()
            || OPENING_DATELINE.is_match(&folded[..comma].iter().collect::<String>())
            || OPENERS.contains(&folded[..comma].iter().collect::<String>().as_str())
        {
            chars.drain(..=comma);
            folded.drain(..=comma);
        }
    }
    if let Some(comma) = chars.iter().position(|&c| c == '，') {
        chars.truncate(comma);
        folded.truncate(comma);
    }
    // A chain of posts joined by 、 before the name: keep from the name on.
    let folded_text: String = folded.iter().collect();
    if folded_text.contains('、') {
        let last_post_end = POSTS
            .iter()
            .filter_map(|post| {
                folded_text
                    .rfind(post)
                    .map(|at| folded_text[..at + post.len()].chars().count())
            })
            .max();
        if let Some(end) = last_post_end.filter(|&end| chars.len() - end >= 6) {
            chars.drain(..end);
        }
    }
    let headline: String = chars.into_iter().collect();
    let headline = headline.trim();
    // A document site's text run on from its name, `某某活动总结2021年是…`: the name.
    let folded: String = folded.into_iter().collect();
    if let Some(name) = GLUED_DOCUMENT_NAME
        .captures(folded.trim())
        .map(|caps| caps[1].chars().count())
    {
        return Some(headline.chars().take(name).collect());
    }
    (headline.chars().count() >= 4).then(|| headline.to_string())
}

/// A document's name glued to its first sentence on a one-line text: the name ends with its
/// kind and the sentence opens with a year or a purpose.
static GLUED_DOCUMENT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\S{4,40}?(?:总结|方案|计划|报告|讲话|致辞|倡议书|心得体会|工作要点|意见|办法|细则))(?:\d{4}年|为了|为进一步|根据|针对|按照)")
        .expect("valid pattern")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_in_the_lead() {
        let lead = "本網訊(通訊員郭海洲)3月1日下午，市人大";
        let (name, len) = lead_credit(lead).unwrap();
        assert_eq!(name, "郭海洲");
        assert_eq!(&lead[len..], "3月1日下午，市人大");
        assert_eq!(
            lead_credit("（記者 王五 李四）今天").unwrap().0,
            "王五、李四"
        );
        // A portal's dateline before the credit, `某某之窗最新报道（记者：某某）`.
        let lead = "某某之窗最新报道（记者：某天 王大友）2012年运动会将于今晚开幕。";
        let (name, len) = lead_credit(lead).unwrap();
        assert_eq!(
            (name.as_str(), &lead[len..]),
            ("某天、王大友", "2012年运动会将于今晚开幕。")
        );
        // Parentheses that are not a credit.
        assert_eq!(lead_credit("為貫徹落實市委市政府(濠江)現場會"), None);
    }

    #[test]
    fn headlines_from_a_lead() {
        let lead = "3月1日下午，市人大常委會副主任、隨州高新區黨工委書記、管委會主任郭曉東帶隊深入部分重點項目建設一線現場辦公，解難題。";
        let folded = "3月1日下午，市人大常委会副主任、随州高新区党工委书记、管委会主任郭晓东带队深入部分重点项目建设一线现场办公，解难题。";
        assert_eq!(
            headline_from_lead(lead, folded).as_deref(),
            Some("郭曉東帶隊深入部分重點項目建設一線現場辦公")
        );
        // Each lead read as it is (its own simplified form): a day or a dateline before the
        // first comma is not the news (a source the lead cites, `据某某网站消息`, is), nor is a
        // quotation that opens it.
        for (lead, headline) in [
            (
                "县委“雷锋月”志愿服务活动总结2021年是全面贯彻党的十九大精神的第一年，也是…。",
                "县委“雷锋月”志愿服务活动总结",
            ),
            (
                "区利用消费热点促进居民消费意见针对一季度我区商贸流通业出现销售水平整体下滑，销售形势较为严峻。",
                "区利用消费热点促进居民消费意见",
            ),
            (
                "4月21日上午，西區召開黨政班子成員與部門正職2020年第一次聯席會議。區黨政",
                "西區召開黨政班子成員與部門正職2020年第一次聯席會議",
            ),
            (
                "今日竹山网消息 1月6日，全市春运工作会议结束后，我县随即召开会议。",
                "全市春运工作会议结束后",
            ),
            (
                "连日来，某县相关部门围绕全县高考工作要求，严把考试各环节。",
                "某县相关部门围绕全县高考工作要求",
            ),
            (
                "“又到一年征兵时，有志男儿当兵去”，7月23日上午，某镇武装部组织青年参加身体预检。",
                "某镇武装部组织青年参加身体预检",
            ),
            ("四川某某网消息 岁岁重阳，今又重阳。", "岁岁重阳"),
            (
                "据了解，该区还派出农技人员来到基地。",
                "该区还派出农技人员来到基地",
            ),
            (
                "据香港特区政府网站消息，日前，香港食物环境卫生署在全港灭鼠。",
                "据香港特区政府网站消息",
            ),
            (
                "27日，海南省海口市秀英区人武部组织报名应征青年统一接受体检，拉开序幕。",
                "海南省海口市秀英区人武部组织报名应征青年统一接受体检",
            ),
            (
                "“您好，我们是社区的普查员……”11月1日上午，普查员钟珏玲敲开了居民的家门，开展登记。",
                "普查员钟珏玲敲开了居民的家门",
            ),
        ] {
            assert_eq!(
                headline_from_lead(lead, lead).as_deref(),
                Some(headline),
                "{lead}"
            );
        }
    }
}

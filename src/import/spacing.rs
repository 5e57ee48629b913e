//! Lines set with odd spacing: a line printed letter-spaced closed up, and a line holding
//! several paragraphs run together split at the blanks between them.

use crate::text::cjk::is_cjk;

/// A line printed letter-spaced, a blank after every character (`政 务 司 司 长 探 访`), as
/// some old pages set their text: the line without those blanks (a wider gap stays one
/// blank). `None` for a line set as usual.
pub(super) fn letter_spaced(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let blank = |c: char| c.is_whitespace() || c == '\u{3000}';
    let shown = chars.iter().filter(|&&c| !blank(c)).count();
    let single_gaps = (1..chars.len().saturating_sub(1))
        .filter(|&i| blank(chars[i]) && !blank(chars[i - 1]) && !blank(chars[i + 1]))
        .count();
    // Nearly every pair of neighbours apart, and Chinese: not a list of words or English.
    if shown < 8 || single_gaps * 10 < (shown - 1) * 8 || !chars.iter().any(|&c| is_cjk(c)) {
        return None;
    }
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let single = i > 0 && i + 1 < chars.len() && !blank(chars[i - 1]) && !blank(chars[i + 1]);
        if !blank(c) {
            out.push(c);
        } else if !single && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    Some(out)
}

/// A line with the words in it that were spaced out to a table's column, `上 载 日 期`,
/// closed up: three or more characters, each alone between single blanks, the first after a
/// blank or at the start.
pub(super) fn spaced_words_closed(line: &str) -> std::borrow::Cow<'_, str> {
    static SPACED_WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(^|\s)(\p{Han}(?: \p{Han}){2,5})([^\p{Han}]|$)").expect("valid pattern")
    });
    SPACED_WORD.replace_all(line, |caps: &regex::Captures| {
        format!("{}{}{}", &caps[1], caps[2].replace(' ', ""), &caps[3])
    })
}

/// A page's count of its readers run on after the headline, `… --閱讀人次：1200`: the
/// headline ends there.
pub(super) static READ_COUNT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\s*-{0,2}\s*(?:阅读人次|閱讀人次|阅读次数|閱讀次數|浏览次数|瀏覽次數|点击数|點擊數)\s*[：:]\s*\d+\s*$")
        .expect("valid pattern")
});

/// The paragraphs of a line, split at the blanks between them (Chinese text has no spaces
/// between words).
pub(super) fn split_at_blanks(text: &str) -> Vec<String> {
    // A short line without a full stop is one headline, `中市推動智慧交通　號誌優化`,
    // `深化城市交流！ 北市民政局率團訪西屯區公所`; so is a longer one with no sentence's end
    // at all, a headline and its quoted speaker (`某所演習蟬聯冠軍 鄉長：守護鄉親`).
    let length = text.chars().count();
    if (length <= 40 && !text.contains('。'))
        || (length <= 60 && !text.contains(['。', '！', '？', '；']))
    {
        return vec![text.to_string()];
    }
    let chars: Vec<char> = text.chars().collect();
    let credit_end = report_credit_end(&chars);
    let mut parts = Vec::new();
    let mut current = Gathered::default();
    let mut depth = 0usize;
    // Asked at every blank of the first part, so found once: whether the line opens with a
    // dateline, and whether a sentence has ended since.
    let opens_with_dateline = {
        let words: Vec<&str> = text.split_whitespace().take(3).collect();
        // Its date may be spaced out, `某某网    7月27 日讯`.
        let date_piece = |w: &&str| {
            w.chars()
                .all(|c| c.is_ascii_digit() || "月日讯訊电電".contains(c))
        };
        let spaced = (1..=words.len())
            .take_while(|&n| n == 1 || date_piece(&words[n - 1]))
            .any(|n| is_dateline(&words[..n].concat()));
        let outlet = words.first().is_some_and(|w| is_outlet_name(w));
        spaced || (outlet && words.get(1).is_some_and(|w| is_own_dateline(w)))
    };
    let mut sentence_ended = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '（' | '(' | '《' | '“' | '【' | '「' => depth += 1,
            '）' | ')' | '》' | '”' | '】' | '」' => depth = depth.saturating_sub(1),
            _ => {}
        }
        // Within brackets, `（记者 王五 通讯员 李六）`, `【不忘初心 牢记使命】`, blanks separate
        // words, not paragraphs.
        // Nor within the lead's credit to the outlet it reports (`据某某报 某某网 某某报道 …`).
        let in_credit = credit_end.is_some_and(|end| i <= end);
        if (c.is_whitespace() || c == '\u{3000}') && depth == 0 && !in_credit {
            let mut end = i;
            while end < chars.len() && (chars[end].is_whitespace() || chars[end] == '\u{3000}') {
                end += 1;
            }
            // On a page flattened to one line, its time (`2021年6月23日 23:09`) stands apart
            // from the headline before it, and an outlet's mark (`【某某新闻台】`) opens the
            // lead whatever stands before it.
            let after = chars.get(end).copied();
            // A dateline (`某某网消息 岁岁重阳，…`, `某某网8月9日讯 据某某网报道 8月8日上午，…`)
            // opens the lead it stands before, up to the lead's first sentence.
            let dateline = parts.is_empty() && !sentence_ended && opens_with_dateline;
            let counted = parts.is_empty() && ends_with_read_count(&current.text);
            // A reporter's role and name stand apart in a credit (`…。某某日报记者 王五摄`).
            let role = ["记者", "記者", "通讯员", "通訊員", "摄影", "攝影"];
            let before_name = role.iter().any(|r| current.text.ends_with(r));
            let breaks = (!dateline
                && !before_name
                && !is_photo_credit(&chars[end..])
                && current.ends_a_paragraph()
                && (after.is_some_and(|a| is_cjk(a) || "“‘「『（《【".contains(a))
                    || is_timestamp(&chars[end..])
                    || (parts.is_empty()
                        && opens_with_a_day(&chars[end..])
                        && is_headline(&current.text))))
                || after == Some('【')
                || counted;
            if breaks {
                // The count goes apart from the headline it follows.
                let count_at = counted.then(|| READ_COUNT.find(&current.text)).flatten();
                if let Some(count) = count_at.filter(|count| count.start() > 0) {
                    let count = current.text.split_off(count.start());
                    parts.push(current.take());
                    count.trim_start().chars().for_each(|c| current.push(c));
                }
                parts.push(current.take());
            } else {
                chars[i..end].iter().for_each(|&c| current.push(c));
            }
            i = end;
            continue;
        }
        sentence_ended |= matches!(c, '。' | '！' | '？' | '；');
        current.push(c);
        i += 1;
    }
    parts.push(current.text);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// Whether the rest of a line is a photo's credit, `圖/某某電視提供`: it closes the caption
/// before it on its paragraph.
fn is_photo_credit(rest: &[char]) -> bool {
    let marked = matches!(rest, ['图' | '圖', '/' | '／' | '∕', ..]);
    marked && rest.len() <= 22 && !rest.iter().any(|c| "。，,".contains(*c))
}

/// Whether a line's first part so far ends with a count of readers: its last 40 characters
/// are looked at, as this is asked at every blank of a line.
fn ends_with_read_count(text: &str) -> bool {
    if !text.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let tail = text.char_indices().rev().nth(39).map_or(0, |(at, _)| at);
    READ_COUNT.is_match(&text[tail..])
}

/// Where a lead's credit to the outlets it reports ends, `据某某商报 某某网 无线某某报道`
/// (the character after `报道`), if the text opens with one: its names stand apart, not as
/// paragraphs.
fn report_credit_end(chars: &[char]) -> Option<usize> {
    static CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[据據][^，。,；]{2,30}?(?:报道|報道|報導|报导|消息)")
            .expect("valid pattern")
    });
    let head: String = chars.iter().take(40).collect();
    CREDIT
        .find(&head)
        .map(|credit| head[..credit.end()].chars().count())
}

/// Whether `text`, the first part of a line, reads as a headline: some length, no clause,
/// not a dateline's outlet (`某某网讯`), which opens the lead.
fn is_headline(text: &str) -> bool {
    text.chars().count() >= 8
        && !text.contains(['，', '。', ',', '；'])
        && !text.ends_with(['讯', '訊', '电', '電'])
}

/// Whether `text`, the first part of a line, is an outlet's dateline: `本报讯`, `某某网消息`,
/// `新华社北京3月5日电`, `某某网(www.example.com)讯` (not a headline ending with `用电`).
fn is_dateline(text: &str) -> bool {
    static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[^\s，。,]{0,16}?(?:报|報|网|網|台|社|站|融媒|中心|日|在线|在線|信息港)(?:[（(][A-Za-z0-9.]{4,30}[）)])?[^\s，。,]{0,8}?(?:讯|訊|电|電|消息)$")
            .expect("valid pattern")
    });
    text.chars().count() <= 24 && DATELINE.is_match(text)
}

/// Whether `text`, a line's first word, is a site's or a paper's name, as it stands before
/// the paper's own dateline (`某某在线 本报讯`).
fn is_outlet_name(text: &str) -> bool {
    static OUTLET: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^[\p{Han}·]{1,10}(?:网|網|报|報|台|社|在线|在線|融媒|传媒|傳媒|客户端|客戶端)$",
        )
        .expect("valid pattern")
    });
    OUTLET.is_match(text)
}

/// Whether `text` opens with the paper's or site's own dateline, `本报讯`, `本網訊`.
fn is_own_dateline(text: &str) -> bool {
    [
        "本报讯",
        "本報訊",
        "本网讯",
        "本網訊",
        "本台讯",
        "本臺訊",
        "本站讯",
        "本站訊",
    ]
    .iter()
    .any(|own| text.starts_with(own))
}

/// Whether `chars` open a lead with its day, `9月21日上午，…`, as a headline run on with its
/// text has it after the headline.
fn opens_with_a_day(chars: &[char]) -> bool {
    static DAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚)?[，,]").expect("valid pattern")
    });
    let head: String = chars.iter().take(12).collect();
    DAY.is_match(&head)
}

/// Whether `chars` open with a page's time of publication, its date and its hour:
/// `2021年6月23日 23:09`, `2021-06-23 23:09`.
fn is_timestamp(chars: &[char]) -> bool {
    static TIMESTAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\d{4}(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2})\s*\d{1,2}:\d{2}")
            .expect("valid pattern")
    });
    let head: String = chars.iter().take(20).collect();
    TIMESTAMP.is_match(&head)
}

/// The part of a line gathered so far, with what a blank asks of its last sentence kept as
/// it grows (where that sentence starts, whether a comma has gone on with it), so that a line
/// of a hundred thousand blanks is not read again at each.
#[derive(Default)]
struct Gathered {
    text: String,
    sentence_start: usize,
    comma: bool,
}

impl Gathered {
    fn push(&mut self, c: char) {
        self.text.push(c);
        match c {
            '。' | '！' | '？' | '；' => {
                (self.sentence_start, self.comma) = (self.text.len(), false)
            }
            '，' | ',' => self.comma = true,
            _ => {}
        }
    }

    fn take(&mut self) -> String {
        std::mem::take(self).text
    }

    /// Whether a paragraph may end here: after a word or a sentence's mark; after a closing
    /// quote only where the quote ends a sentence (`…”。`/`…。”`), not where it closes a phrase
    /// inside one (`部署“满意在基层” 工作`).
    fn ends_a_paragraph(&self) -> bool {
        let mut marks = self.text.chars().rev();
        match marks.next() {
            Some('”' | '’' | '」' | '』') => {
                marks.next().is_some_and(|b| "。！？；：".contains(b))
            }
            Some(last) if is_cjk(last) => !self.in_a_clause(),
            Some(last) => "。！？；：".contains(last),
            None => false,
        }
    }

    /// Whether the text ends inside a sentence that a comma has gone on with
    /// (`为加强安全管理，维护`), not a numbered heading (`一、强化责任，务求实效`): a blank
    /// there is a page's stray space, not a paragraph's end.
    fn in_a_clause(&self) -> bool {
        self.comma && !super::layout::is_heading(self.text[self.sentence_start..].trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_spaced_line_is_closed_up_and_a_spaced_list_is_not() {
        assert_eq!(
            letter_spaced("司 长 今 日 探 访 夏 令 营 。").as_deref(),
            Some("司长今日探访夏令营。")
        );
        assert_eq!(letter_spaced("首页 新闻 公告 政务 服务"), None);
        assert_eq!(letter_spaced("区长主持召开常务会议 研究有关事项"), None);
    }

    #[test]
    fn a_quote_closing_a_phrase_runs_on_and_one_closing_a_sentence_ends_it() {
        let phrase = "街道提早部署“服务在基层” 工作，制定了明年第一季度的走访计划，并将在区“两会”召开前完成走访。";
        assert_eq!(split_at_blanks(phrase), [phrase]);
        let clause = "为加强安全管理，持续改善环境空气质量，维护 人民群众生命财产安全，根据有关法律法规，现将有关事项通告如下：";
        assert_eq!(split_at_blanks(clause), [clause]);
        let sentences =
            "他说：“要服务在基层。” 会议要求，各社区要制定明年第一季度的走访计划，并在年底前完成。";
        assert_eq!(split_at_blanks(sentences).len(), 2);
    }

    #[test]
    fn a_word_spaced_out_to_its_column_is_closed_up() {
        let row = "发 文 日 期 2019-11-29 文  号 某政发〔2019〕29号 上 载 日 期 2019-12-02";
        assert_eq!(
            spaced_words_closed(row),
            "发文日期 2019-11-29 文  号 某政发〔2019〕29号 上载日期 2019-12-02"
        );
        let words = "来源：某某门户网 日期：2017-01-12";
        assert_eq!(spaced_words_closed(words), words);
    }

    #[test]
    fn a_flattened_pages_time_and_its_outlets_mark_stand_apart() {
        let page = "某区举行防灾演习 居民踊跃参与 2021年6月23日 23:09 【某某新闻台】某区今日举行防灾演习，约五百名居民参与。";
        assert_eq!(
            split_at_blanks(page),
            [
                "某区举行防灾演习",
                "居民踊跃参与",
                "2021年6月23日 23:09",
                "【某某新闻台】某区今日举行防灾演习，约五百名居民参与。"
            ]
        );
        let run_on =
            "某县召开秋收工作动员会 9月21日上午，某县召开秋收工作动员会。县领导出席会议并讲话。";
        assert_eq!(
            split_at_blanks(run_on).len(),
            2,
            "a headline run on with its lead"
        );
        let dateline =
            "某某网讯 3月15日，某开发区一行来考察。开发区领导介绍了区域规划情况和组织架构。";
        assert_eq!(split_at_blanks(dateline), [dateline]);
        let dateline =
            "中国某某在线临泽讯 连日来，某县组成验收组验收改厕工作。验收组按照原则逐户核对。";
        assert_eq!(split_at_blanks(dateline), [dateline]);
        for dateline in [
            "某某新闻网消息 岁岁重阳，今又重阳。连日来，某镇党委政府组织开展了丰富多彩的庆祝活动。",
            "本报讯 岁岁重阳，今又重阳。连日来，某镇党委政府组织开展了丰富多彩的庆祝活动。",
            "某某姜网（www.example.com）讯 走进某镇蔬菜产业园，西瓜长势喜人。近年来，某镇调整产业结构。",
            "某某财经网    7月27 日讯    今年以来，某镇全面启动道路建设。目前已经竣工。",
            "某某信息港讯 通讯员王五 李六 10月9日是重阳节。今年敬老月，某区领导走访老人。",
        ] {
            assert_eq!(split_at_blanks(dateline), [dateline]);
        }
        let named = "某某在线 本报讯(记者 王五)乡镇有什么新举措?带着问题,2月16日,区委书记到乡镇调研。 区委书记要求各乡镇抓好落实。";
        assert_eq!(
            split_at_blanks(named)[0],
            "某某在线 本报讯(记者 王五)乡镇有什么新举措?带着问题,2月16日,区委书记到乡镇调研。"
        );
        let column = "要闻动态 本报讯 2月16日,区委书记到乡镇调研。区委书记要求各乡镇抓好落实。";
        assert_eq!(
            split_at_blanks(column)[0],
            "要闻动态",
            "a column's name is no outlet"
        );
        let credited = "某某网龙岩8月9日讯 据某某新闻网报道 8月8日上午，某开发区召开会议。会议宣布了调整方案。";
        assert_eq!(split_at_blanks(credited), [credited]);
        let headline =
            "某某镇开展夏季安全用电 近日，某某镇组织开展了夏季安全用电宣传活动，向居民发放资料。";
        assert_eq!(split_at_blanks(headline).len(), 2, "{headline}");
        let spaced =
            "会议于 2007 年 1 月 23 日召开，全体委员出席了会议，并审议通过了有关事项和工作报告。";
        assert_eq!(split_at_blanks(spaced), [spaced]);
        let credited = "据某某商报 合肥网 无线合肥报道 虽然天已入秋，但天气依然炎热。今天下午，居民们自编自导了一场纳凉晚会。";
        assert_eq!(split_at_blanks(credited), [credited]);
        let counted = "某鄉父親節餐會延期辦理 --閱讀人次 : 1200 本年度模範父親為某村某先生。";
        assert_eq!(
            split_at_blanks(counted),
            [
                "某鄉父親節餐會延期辦理",
                "--閱讀人次 : 1200",
                "本年度模範父親為某村某先生。"
            ]
        );
    }
}

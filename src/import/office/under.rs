//! Who made a text, as the lines under it say: a notice that the text is the outlet's own
//! (`▌文章为某某融媒体中心原创，转载或内容合作请联系我们。`) or the reporter's credit with the
//! outlet before it (`县融媒体中心记者：某某`).

use std::sync::LazyLock;

use regex::Regex;

use super::{OUTLET, is_office_name, names_an_outlet, take};

/// An outlet's notice that the text is its own: `文章为某某融媒体中心原创`, `本文系某某网独家`.
static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[▌▍|｜■\s]*(?:文章|本文|本稿|此文)(?:系|为|是)(?P<outlet>\p{Han}{2,16}?)(?:原创|独家|首发)")
        .expect("valid pattern")
});

/// An outlet's appeal for stories under the text, `（某某晚报·某某客户端欢迎各界投稿，提供线索…）`:
/// only a news outlet asks for them.
static APPEAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?\s*(?P<outlet>[\p{Han}·]{2,16}?)(?:客户端|APP|App)?欢迎[^。]{0,6}投稿")
        .expect("valid pattern")
});

/// A reporter's credit on its own line, the outlet before the role: `县融媒体中心记者：某某`,
/// the outlet named with its medium or not (`龙马融媒记者：某某`).
static REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<named>(?P<outlet>\p{Han}{2,16}?)(?:全媒体|融媒体|融媒)?)(?:记者|通讯员)\s*[：:]\s*\p{Han}{2,4}(?:\s+\p{Han}{2,4})*$",
    )
    .expect("valid pattern")
});

/// A newsroom's name on its own line beside the writers' credit: `某某幼儿园信息报道组` over
/// `图/文：朱老师`, `大学生记者团` over `郭祖斌/文`, `今日某某编辑部` under `图文 /通讯员 某某`.
static NEWSROOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Han}{2,16}(?:记者团|报道组|通讯组|宣传组|新闻组|新闻中心|宣传部|宣传科|编辑部)$",
    )
    .expect("valid pattern")
});

/// A writers' credit: `图/文：某某`, `文：某某`, `某某/文`.
static WRITERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:图\s*[/／]\s*文|文\s*[/／]\s*图|图文|文|撰稿)\s*[：:/／]|[/／]\s*(?:文|图文)$")
        .expect("valid pattern")
});

/// The outlet or office the lines under the text (`furniture`, in the page's order) name as
/// the text's maker, if any.
pub(super) fn maker_under_text(
    furniture: &[String],
    fold: &dyn Fn(&str) -> String,
) -> Option<String> {
    let names_maker = |name: &String| {
        let name = fold(name);
        OUTLET.is_match(&name) || is_office_name(&name)
    };
    let credited = furniture.iter().find_map(|line| {
        let line = line.trim();
        take(line, &ORIGINAL, "outlet", fold)
            .or_else(|| take(line, &REPORTER, "outlet", fold))
            .filter(names_maker)
            .or_else(|| take(line, &REPORTER, "named", fold).filter(names_maker))
            .or_else(|| take(line, &APPEAL, "outlet", fold).filter(|o| names_an_outlet(o, fold)))
    });
    credited.or_else(|| {
        let credit = |line: &String| WRITERS.is_match(&fold(line.trim()));
        let newsroom = |line: &String| NEWSROOM.is_match(&fold(line.trim()));
        furniture.windows(2).find_map(|pair| {
            let name = match pair {
                [name, writers] if newsroom(name) && credit(writers) => name,
                [writers, name] if newsroom(name) && credit(writers) => name,
                _ => return None,
            };
            Some(name.trim().to_string())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maker(lines: &[&str]) -> Option<String> {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        maker_under_text(&lines, &|s: &str| s.to_string())
    }

    #[test]
    fn an_outlets_notice_or_its_reporters_credit_names_it() {
        let notice = "▌文章为沈丘融媒体中心原创，转载或内容合作请联系我们。未经许可，不得转载。";
        assert_eq!(maker(&[notice]).as_deref(), Some("沈丘融媒体中心"));
        let credits = ["县融媒体中心记者：陈庆彬", "编辑：苏伟", "一审：魏倩"];
        assert_eq!(maker(&credits).as_deref(), Some("县融媒体中心"));
        let medium = ["龙马融媒记者：袁凤临", "编辑：汪静 责编：刘健"];
        assert_eq!(maker(&medium).as_deref(), Some("龙马融媒"));
        // A person's title before the role names no maker.
        assert_eq!(maker(&["首席记者：王五", "本文为转载，原创不易"]), None);
    }

    #[test]
    fn an_outlets_appeal_for_stories_names_it() {
        let appeal = "（某某晚报·某某壹点客户端欢迎各界投稿，提供线索，包括文字、照片。）";
        assert_eq!(maker(&[appeal]).as_deref(), Some("某某晚报·某某壹点"));
        assert_eq!(maker(&["（本网欢迎各界投稿，提供线索。）"]), None);
    }

    #[test]
    fn a_newsroom_over_its_writers_credit_names_it() {
        let signed = ["某某幼儿园信息报道组", "图/文：朱老师", "审核：汪老师"];
        assert_eq!(maker(&signed).as_deref(), Some("某某幼儿园信息报道组"));
        let campus = ["大学生记者团", "郭祖斌/文", "杨金洪 唐妮雅/图"];
        assert_eq!(maker(&campus).as_deref(), Some("大学生记者团"));
        let under = ["图文 /通讯员 某某", "今日某某编辑部", "版式：某某"];
        assert_eq!(maker(&under).as_deref(), Some("今日某某编辑部"));
        // Not without the credit beside it.
        assert_eq!(maker(&["大学生记者团", "审核：汪老师"]), None);
    }
}

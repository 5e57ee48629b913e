//! Who made a text, as the lines under it say: a notice that the text is the outlet's own
//! (`▌文章为某某融媒体中心原创，转载或内容合作请联系我们。`) or the reporter's credit with the
//! outlet before it (`县融媒体中心记者：某某`).

use std::sync::LazyLock;

use regex::Regex;

use super::{OUTLET, REPORTER_ROLE, is_office_name, take};

/// An outlet's notice that the text is its own: `文章为某某融媒体中心原创`, `本文系某某网独家`.
static ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[▌▍|｜■\s]*(?:文章|本文|本稿|此文)(?:系|为|是)(?P<outlet>\p{Han}{2,16}?)(?:原创|独家|首发)")
        .expect("valid pattern")
});

/// A reporter's credit on its own line, the outlet before the role: `县融媒体中心记者：某某`.
static REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<outlet>\p{{Han}}{{2,16}}?){REPORTER_ROLE}\s*[：:]\s*\p{{Han}}{{2,4}}(?:\s+\p{{Han}}{{2,4}})*$"
    ))
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
    furniture.iter().find_map(|line| {
        let line = line.trim();
        take(line, &ORIGINAL, "outlet", fold)
            .or_else(|| take(line, &REPORTER, "outlet", fold))
            .filter(names_maker)
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
        // A person's title before the role names no maker.
        assert_eq!(maker(&["首席记者：王五", "本文为转载，原创不易"]), None);
    }
}

//! A closing credit in brackets under the text, `（濂溪区融媒体中心 记者 刘文）`,
//! `（供稿：某某镇人民政府 姚琴）`: the outlet or office it names.

use std::sync::LazyLock;

use regex::Regex;

use super::{CREDIT_OUTLET, OUTLET, is_office_name, take};

/// The outlet a closing credit names: `（濂溪区融媒体中心 记者 刘文）`, or an outlet alone,
/// `（某县政府网）`, labelled or not (`（稿源：某某局）`), or labelled before its staff
/// (`（出处：某某报 本报记者 王五/摄）`).
pub(super) fn credited_outlet(credit: &str, fold: &dyn Fn(&str) -> String) -> Option<String> {
    // An office that wrote the text and took the photos: `（某某社区 文/图）`, not a person's
    // name (`（王五 文/图）`).
    static MAKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[（(]\s*(?P<maker>[^\s（）()]{2,20}?)\s*(?:文\s*[/／]\s*图|图\s*[/／]\s*文|图文|供图)\s*[）)]$")
            .expect("valid pattern")
    });
    let maker = || {
        let name = take(credit.trim(), &MAKER, "maker", fold)?;
        let folded = fold(&name);
        (is_office_name(&folded) || OUTLET.is_match(&folded)).then_some(name)
    };
    take(credit, &CREDIT_OUTLET, "outlet", fold)
        .or_else(maker)
        .or_else(|| {
            let (inner, labelled) = credit_inner(credit, fold);
            // An office that closes its own item (`…的目标。（农林水务局）`) wrote it.
            let name = fold(inner);
            let first = inner.split_whitespace().next().unwrap_or(inner);
            if OUTLET.is_match(&name) || is_office_name(&name) {
                Some(inner.to_string())
            } else {
                (labelled && OUTLET.is_match(&fold(first))).then(|| first.to_string())
            }
        })
}

/// What a closing credit says inside its brackets, after its label if it has one
/// (`供稿：`, `稿源：`, `来源：`, `出处：`).
fn credit_inner<'c>(credit: &'c str, fold: &dyn Fn(&str) -> String) -> (&'c str, bool) {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:供稿|稿源|来源|出处)\s*[：:]\s*").expect("valid pattern")
    });
    let inner = credit
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    // Other labels may follow the supplier's: `供稿：某某办公室 编发：某某头条`.
    static NEXT_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s+\p{Han}{2,4}\s*[：:]").expect("valid pattern"));
    match LABEL.find(&fold(inner)) {
        Some(label) => {
            let at = inner.char_indices().nth(label.as_str().chars().count());
            let value = &inner[at.map_or(inner.len(), |(at, _)| at)..];
            let value = NEXT_LABEL
                .find(value)
                .map_or(value, |next| &value[..next.start()]);
            (value, true)
        }
        None => (inner, false),
    }
}

/// The office a labelled closing credit names before its writers:
/// `（供稿：某某镇人民政府 姚琴 张华学）`. The last clue, as an outlet that publishes the item
/// names itself elsewhere on the page. (Unlabelled, `（某某办事处 胡 俊）`, it was tried, and
/// lost as many offices on pages kept aside as it gained; dated after the writers, `（某某中心
/// 王五 2021年7月11日）`, it is the office's own signing.)
pub(super) fn supplier_before_writers(
    credit: &str,
    fold: &dyn Fn(&str) -> String,
) -> Option<String> {
    static DATE_AT_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s+\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$").expect("valid pattern")
    });
    let (inner, labelled) = credit_inner(credit, fold);
    let (inner, dated) = match DATE_AT_END.find(inner) {
        Some(date) => (&inner[..date.start()], true),
        None => (inner, false),
    };
    let (office, writers) = inner.split_once(char::is_whitespace)?;
    let persons = writers
        .split_whitespace()
        .all(|w| (1..=4).contains(&w.chars().count()) && w.chars().all(crate::text::cjk::is_cjk));
    ((labelled || dated) && persons && is_office_name(&fold(office))).then(|| office.to_string())
}

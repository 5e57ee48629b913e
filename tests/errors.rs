//! One test per kind of bad input: the build fails with a message naming the file, the line
//! and what to do, reports every problem at once, and leaves the previous output untouched.

mod common;

use std::path::Path;

use bulletin::Problem;
use common::*;

/// Builds the small fixture once, breaks it with `sabotage`, builds again, checks that the
/// old output survived whole, and returns the problems of the failed build.
fn problems_after(sabotage: impl FnOnce(&Path)) -> Vec<Problem> {
    let site = built("small");
    let out = site.out();
    let before = tree(&out);
    sabotage(site.path());
    let error = bulletin::build(&options(site.path())).expect_err("the build should fail");
    assert_eq!(
        tree(&out),
        before,
        "the previous output must survive a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging directories left behind: {leftovers:?}"
    );
    assert!(
        !error.problems().is_empty(),
        "expected located problems, got: {error}"
    );
    error.problems().to_vec()
}

fn write(root: &Path, path: &str, contents: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Where a problem is and which rule it falls under: (file, line, column, rule); column 0
/// and rule "" where none applies.
fn at(problem: &Problem) -> (String, usize, usize, &'static str) {
    (
        problem.file.to_string_lossy().replace('\\', "/"),
        problem.line,
        problem.column,
        problem.rule,
    )
}

fn only(problems: Vec<Problem>) -> Problem {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems.into_iter().next().unwrap()
}

#[test]
fn malformed_yaml() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/bad.md",
            "---\ntitle: 标题\ndate: [2024-01-01\ndepartment: jianshe\n---\n正文\n".as_bytes(),
        )
    }));
    // The parser notices the unclosed `[` where the next key starts.
    assert_eq!(
        at(&problem),
        ("content/bad.md".into(), 4, 11, ""),
        "{problem}"
    );
    assert!(problem.message.starts_with("front matter:"), "{problem}");
    assert!(!problem.hint.is_empty());
}

#[test]
fn missing_field() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/bad.md",
            "---\ntitle: 标题\ndepartment: jianshe\n---\n正文\n".as_bytes(),
        )
    }));
    assert_eq!(at(&problem), ("content/bad.md".into(), 1, 0, ""));
    assert_eq!(problem.message, "missing `date` in the front matter");
    assert!(problem.hint.contains("date: 2022-03-26"), "{problem}");
}

#[test]
fn bad_date() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/bad.md",
            "---\ntitle: 标题\ndepartment: jianshe\ndate: 2024年3月5日\n---\n".as_bytes(),
        )
    }));
    assert_eq!(at(&problem), ("content/bad.md".into(), 4, 0, ""));
    assert_eq!(problem.message, "cannot read the date `2024年3月5日`");
    assert!(problem.hint.contains("2022-03-26"), "{problem}");
}

#[test]
fn unknown_department_lists_the_closest_names() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/bad.md",
            "---\ntitle: 标题\ndate: 2024-01-01\ndepartment: 区建設厅\n---\n".as_bytes(),
        )
    }));
    assert_eq!(
        at(&problem),
        ("content/bad.md".into(), 4, 0, "unknown-department")
    );
    assert_eq!(problem.message, "unknown department `区建設厅`");
    assert!(
        problem.hint.starts_with("did you mean 区建设局 (jianshe)"),
        "{problem}"
    );
}

#[test]
fn unknown_front_matter_key() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/bad.md",
            "---\ntitle: 标题\ndate: 2024-01-01\ndepartment: jianshe\ndepartmnet: x\n---\n"
                .as_bytes(),
        )
    }));
    assert_eq!(
        at(&problem),
        ("content/bad.md".into(), 5, 1, ""),
        "{problem}"
    );
    assert!(
        problem
            .message
            .contains("unknown field `departmnet`, expected one of"),
        "{problem}"
    );
}

#[test]
fn duplicate_slug() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/2022/report-2023.md",
            "---\ntitle: 另一份报告\ndate: 2022-01-01\ndepartment: jianshe\n---\n".as_bytes(),
        )
    }));
    assert_eq!(
        at(&problem),
        ("content/annual-report.md".into(), 1, 0, "duplicate-slug")
    );
    assert!(
        problem
            .message
            .contains("slug `report-2023` is already used by content/2022/report-2023.md"),
        "{problem}"
    );
}

#[test]
fn duplicate_url_between_a_static_file_and_a_page() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "static/hans/archive/index.html",
            b"<p>old archive</p>",
        )
    }));
    assert_eq!(at(&problem), ("hans/archive/index.html".into(), 0, 0, ""));
    assert!(problem.message.contains("same place"), "{problem}");
}

#[test]
fn unusable_slug_suggests_one() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/通知.md",
            "---\ntitle: 停水通知\ndate: 2024-01-01\ndepartment: jianshe\n---\n".as_bytes(),
        )
    }));
    assert_eq!(at(&problem), ("content/通知.md".into(), 1, 0, ""));
    assert!(
        problem.hint.contains("slug: ting-shui-tong-zhi"),
        "{problem}"
    );
}

#[test]
fn invalid_utf8() {
    // "标题" in GBK, as an old CMS would export it.
    let problem = only(problems_after(|root| {
        write(
            root,
            "content/gbk.md",
            b"---\ntitle: \xb1\xea\xcc\xe2\n---\n",
        )
    }));
    assert_eq!(
        at(&problem),
        ("content/gbk.md".into(), 2, 8, ""),
        "{problem}"
    );
    assert!(problem.message.contains("not valid UTF-8"));
    assert!(problem.hint.contains("bulletin import"));
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let problem = only(problems_after(|root| {
        write(
            root,
            "templates/item.html",
            b"{% extends \"base.html\" %}\n{% block main %}\n{{ item.title \n{% endblock main %}\n",
        )
    }));
    // The `{{` left open on line 3 is noticed where line 4 starts.
    assert_eq!(
        at(&problem),
        ("templates/item.html".into(), 4, 1, ""),
        "{problem}"
    );
    assert!(problem.message.starts_with("template error"), "{problem}");
}

#[test]
fn template_rendering_error_names_the_template() {
    let problem = only(problems_after(|root| {
        write(root, "templates/404.html", b"{% extends \"base.html\" %}\n{% block main %}\n{{ no_such_variable.field }}\n{% endblock main %}\n")
    }));
    assert_eq!(
        at(&problem),
        ("templates/404.html".into(), 3, 4, ""),
        "{problem}"
    );
}

#[test]
fn bad_config() {
    let problem = only(problems_after(|root| {
        let config =
            read(&root.join("bulletin.yaml")).replace("items_per_page: 2", "items_per_pag: 2");
        write(root, "bulletin.yaml", config.as_bytes());
    }));
    assert_eq!(
        at(&problem),
        ("bulletin.yaml".into(), 4, 1, ""),
        "{problem}"
    );
    assert!(
        problem.message.contains("unknown field `items_per_pag`"),
        "{problem}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let problems = problems_after(|root| {
        write(
            root,
            "content/one.md",
            "---\ntitle: 一\ndate: 2024-01-01\ndepartment: nowhere\n---\n".as_bytes(),
        );
        write(
            root,
            "content/two.md",
            "---\ntitle: 二\ndate: yesterday\ndepartment: jianshe\n---\n".as_bytes(),
        );
        write(root, "content/three.md", b"no front matter\n");
    });
    let found: Vec<_> = problems.iter().map(at).collect();
    assert_eq!(
        found,
        [
            ("content/one.md".into(), 4, 0, "unknown-department"),
            ("content/three.md".into(), 1, 0, ""),
            ("content/two.md".into(), 3, 0, ""),
        ]
    );
}

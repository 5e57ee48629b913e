//! Generates a large bulletin site for benchmarks, deterministically: N items drawn from the
//! paragraphs of the seed bulletins in both scripts, about half simplified and half
//! traditional, dated 2009–2026, over 25 departments, with headings, lists and emphasis.
//!
//!     cargo run --release --example generate_corpus -- 10000 /dev/shm/site-10k
//!
//! Also writes the same items as a Hugo site under `<dir>/hugo/` when `--hugo` is given, and
//! as a Zola site under `<dir>/zola/` when `--zola` is, for the side-by-side benchmark
//! (`bench/run.sh`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bulletin::text::converter::Converter;
use bulletin::text::markdown::split_front_matter;

const USAGE: &str = "usage: generate_corpus N DIR [--hugo] [--zola]";
const DEPARTMENTS: &[(&str, &str)] = &[
    ("bangongshi", "区政府办公室"),
    ("fagai", "区发展和改革局"),
    ("jiaoyu", "区教育局"),
    ("keji", "区科学技术局"),
    ("gongxin", "区工业和信息化局"),
    ("minzheng", "区民政局"),
    ("sifa", "区司法局"),
    ("caizheng", "区财政局"),
    ("renshe", "区人力资源和社会保障局"),
    ("ziranziyuan", "区自然资源局"),
    ("shengtai", "区生态环境局"),
    ("jianshe", "区住房和城乡建设局"),
    ("jiaotong", "区交通运输局"),
    ("shuiwu", "区水务局"),
    ("nongye", "区农业农村局"),
    ("shangwu", "区商务局"),
    ("wenlv", "区文化广电旅游体育局"),
    ("weijian", "区卫生健康局"),
    ("tuijun", "区退役军人事务局"),
    ("yingji", "区应急管理局"),
    ("shenji", "区审计局"),
    ("shichang", "区市场监督管理局"),
    ("tongji", "区统计局"),
    ("yibao", "区医疗保障局"),
    ("gaoxin", "高新区管委会"),
];

/// A fixed linear congruential sequence: the same corpus on every machine.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

/// The body paragraphs of the example site's items, which are the cleaned seeds.
fn seed_paragraphs(root: &Path) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let (_, body) = split_front_matter(&text).unwrap();
        paragraphs.extend(
            body.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.starts_with('#') && p.chars().count() > 30)
                .map(str::to_string),
        );
    }
    paragraphs
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|n| n.parse().ok()).expect(USAGE);
    let dir = PathBuf::from(args.next().expect(USAGE));
    let peers: Vec<String> = args.collect();
    let hugo = peers.iter().any(|a| a == "--hugo");
    let zola = peers.iter().any(|a| a == "--zola");
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));

    let converter = Converter::new();
    let original = seed_paragraphs(repository);
    // Every paragraph in both scripts, so that either script has the whole variety.
    let hans: Vec<String> = original
        .iter()
        .map(|p| converter.convert(p, "t2s"))
        .collect();
    let hant: Vec<String> = original
        .iter()
        .map(|p| converter.convert(p, "s2t"))
        .collect();

    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("content")).unwrap();
    let mut config = String::from(
        "title: 大型区县政务动态\ndescription: 基准测试用的生成站点\nbase_url: https://bench.example.org/\nitems_per_page: 20\n# Hugo builds no search index: bench/run.sh measures search apart.\nsearch: false\nvariants:\n  - { lang: zh-Hans, path: hans, default: true }\n  - { lang: zh-Hant, path: hant }\ndepartments:\n",
    );
    for (key, name) in DEPARTMENTS {
        let _ = writeln!(config, "  {key}: {name}");
    }
    std::fs::write(dir.join("bulletin.yaml"), config).unwrap();

    let mut random = Sequence(0x5eed_b011_e71e);
    for i in 0..count {
        let traditional = i % 2 == 1;
        let paragraphs = if traditional { &hant } else { &hans };
        let (key, _) = DEPARTMENTS[random.next(DEPARTMENTS.len())];
        let year = 2009 + random.next(18);
        let (month, day) = (1 + random.next(12), 1 + random.next(28));
        let (hour, minute) = (8 + random.next(10), random.next(60));
        let lead = &paragraphs[random.next(paragraphs.len())];
        let title: String = lead
            .chars()
            .take_while(|c| !"，。；：、".contains(*c))
            .take(24)
            .collect();
        let mut body = String::new();
        let sections = 1 + random.next(4);
        for section in 0..sections {
            if section > 0 {
                let heading: String = paragraphs[random.next(paragraphs.len())]
                    .chars()
                    .take(8 + random.next(6))
                    .collect();
                let _ = writeln!(body, "## {heading}\n");
            }
            for _ in 0..1 + random.next(3) {
                let paragraph = &paragraphs[random.next(paragraphs.len())];
                // Emphasise the first clause now and then, as editors do.
                match paragraph.split_once('，') {
                    Some((first, rest)) if random.next(4) == 0 => {
                        let _ = writeln!(body, "**{first}**，{rest}\n");
                    }
                    _ => {
                        let _ = writeln!(body, "{paragraph}\n");
                    }
                }
            }
            if random.next(3) == 0 {
                for _ in 0..2 + random.next(3) {
                    let point: String = paragraphs[random.next(paragraphs.len())]
                        .chars()
                        .take(20 + random.next(20))
                        .collect();
                    let _ = writeln!(body, "- {point}");
                }
                body.push('\n');
            }
        }
        let slug = format!("item-{i:06}");
        let date = format!("{year}-{month:02}-{day:02} {hour:02}:{minute:02}:00");
        let front = format!(
            "---\ntitle: \"{title}（{i}）\"\ndate: {date}\ndepartment: {key}\nsource: 区政府网站\ntags: [政务动态]\n---\n\n"
        );
        let path = dir
            .join("content")
            .join(year.to_string())
            .join(format!("{slug}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("{front}{body}")).unwrap();
        if hugo {
            write_hugo_item(&dir.join("hugo"), &slug, &title, i, &date, key, &body);
        }
        if zola {
            write_zola_item(&dir.join("zola"), &slug, &title, i, &date, key, &body);
        }
    }
    if hugo {
        copy_tree(&repository.join("bench/hugo"), &dir.join("hugo"));
    }
    if zola {
        copy_tree(&repository.join("bench/zola"), &dir.join("zola"));
    }
    println!("wrote {count} items to {}", dir.display());
}

/// The same item for Hugo: TOML-free YAML front matter with the department as a taxonomy.
fn write_hugo_item(
    dir: &Path,
    slug: &str,
    title: &str,
    i: usize,
    date: &str,
    department: &str,
    body: &str,
) {
    let path = dir.join("content/posts").join(format!("{slug}.md"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let date = date.replacen(' ', "T", 1) + "+08:00";
    let front = format!(
        "---\ntitle: \"{title}（{i}）\"\ndate: {date}\nslug: {slug}\ndepartments: [{department}]\nyears: [\"{}\"]\n---\n\n",
        &date[..4]
    );
    std::fs::write(path, format!("{front}{body}")).unwrap();
}

/// The same item for Zola: its address as Hugo's (`path`), the department and the year as
/// taxonomies.
fn write_zola_item(
    dir: &Path,
    slug: &str,
    title: &str,
    i: usize,
    date: &str,
    department: &str,
    body: &str,
) {
    let path = dir.join("content/posts").join(format!("{slug}.md"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let date = date.replacen(' ', "T", 1) + "+08:00";
    let (year, month) = (&date[..4], &date[5..7]);
    let front = format!(
        "---\ntitle: \"{title}（{i}）\"\ndate: {date}\npath: \"{year}/{month}/{slug}\"\ntaxonomies:\n  departments: [{department}]\n  years: [\"{year}\"]\n---\n\n"
    );
    std::fs::write(path, format!("{front}{body}")).unwrap();
}

/// A peer's configuration and templates, kept in the repository (`bench/hugo/`, `bench/zola/`),
/// copied into its generated site.
fn copy_tree(source: &Path, dir: &Path) {
    for entry in walkdir::WalkDir::new(source) {
        let entry = entry.unwrap();
        let target = dir.join(entry.path().strip_prefix(source).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

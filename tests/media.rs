//! Photos and attachments beside items (bundles), on the bundle fixture with real images made
//! here: published widths and formats, EXIF and GPS stripped, orientation applied, figures and
//! captions, the 附件 list in both variants, lead images, the cache, and bad files.

mod common;

use std::path::Path;

use common::photos::*;
use common::*;

/// The bundle fixture with its photos and attachments, built.
fn built_bundle() -> (tempfile::TempDir, bulletin::BuildReport) {
    let site = copy_fixture("bundle");
    fill_bundle_fixture(site.path());
    let report = bulletin::build(&options(site.path())).unwrap();
    (site, report)
}

const ITEM: &str = "2024/03/huiyi/index.html";

#[test]
fn photos_are_published_in_widths_and_formats_with_their_size() {
    let (site, report) = built_bundle();
    assert_eq!(report.photos_processed, 3);
    let page = html(&site.path().join("public/hans").join(ITEM));
    let figures = select(&page, ".content figure.photo");
    assert_eq!(
        figures.len(),
        1,
        "the photo alone in its paragraph is a figure"
    );
    let caption = text(&select(&page, ".content figure.photo figcaption")[0]);
    assert_eq!(caption, "区长在会上讲话，各部门负责同志参加会议");
    let webp = select(&page, "figure.photo picture source[type='image/webp']");
    let srcset = webp[0].value().attr("srcset").unwrap();
    let base = "/site/files/2024/03/huiyi/%E7%8E%B0%E5%9C%BA";
    assert_eq!(
        srcset,
        format!("{base}-480.webp 480w, {base}-960.webp 960w, {base}-1600.webp 1600w")
    );
    let images = select(&page, ".content img");
    assert_eq!(images.len(), 2);
    let first = images[0].value();
    assert_eq!(first.attr("src").unwrap(), format!("{base}-960.jpg"));
    assert_eq!(
        (first.attr("width"), first.attr("height")),
        (Some("960"), Some("640"))
    );
    assert_eq!(first.attr("alt"), Some("区长在会上讲话"));
    assert_eq!(first.attr("loading"), None, "the first photo loads at once");
    assert!(first.attr("srcset").unwrap().ends_with("-1600.jpg 1600w"));
    // The chart, inline in a sentence: a picture but no figure, lazy, never wider than it is.
    let chart = images[1].value();
    assert_eq!(chart.attr("loading"), Some("lazy"));
    assert_eq!(chart.attr("alt"), Some("各部门完成情况统计图"));
    assert!(
        chart.attr("src").unwrap().ends_with("-700.png"),
        "{:?}",
        chart.attr("src")
    );
    let out = site.path().join("public/files/2024/03/huiyi");
    for name in [
        "现场-480.jpg",
        "现场-960.webp",
        "现场-1600.jpg",
        "图表-480.png",
        "图表-700.webp",
    ] {
        let bytes = std::fs::read(out.join(name)).unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap();
        let width: u32 = name
            .rsplit('-')
            .next()
            .unwrap()
            .split('.')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(decoded.width(), width, "{name}");
    }
    assert!(
        !out.join("现场-1800.jpg").exists(),
        "1600 is the widest published"
    );
    // The chart keeps its transparency.
    let chart = image::load_from_memory(&std::fs::read(out.join("图表-700.png")).unwrap()).unwrap();
    assert!(chart.color().has_alpha());
}

#[test]
fn no_published_image_carries_exif_or_gps() {
    let (site, _) = built_bundle();
    let original = std::fs::read(site.path().join("content/2024/huiyi/现场.jpg")).unwrap();
    let gps = gps_fields(&original);
    assert!(gps.len() >= 4, "the test photo should carry GPS: {gps:?}");
    let mut images = 0;
    for (path, bytes) in tree(&site.path().join("public")) {
        if ![".jpg", ".png", ".webp"].iter().any(|e| path.ends_with(e)) {
            continue;
        }
        images += 1;
        assert_eq!(
            gps_fields(&bytes),
            Vec::<String>::new(),
            "{path} carries GPS"
        );
        let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&bytes));
        assert!(exif.is_err(), "{path} carries EXIF");
        assert!(
            !bytes.windows(6).any(|w| w == b"Exif\0\0"),
            "{path} holds an EXIF block"
        );
    }
    assert_eq!(
        images,
        3 * 2 + 2 * 2 + 2,
        "every width of every photo was looked at"
    );
}

#[test]
fn the_exif_orientation_is_applied() {
    let (site, _) = built_bundle();
    // Stored 400×300 with orientation 6: shown 300×400.
    let out = site.path().join("public/files/2024/03/kaigong");
    let shown = image::load_from_memory(&std::fs::read(out.join("现场-300.jpg")).unwrap()).unwrap();
    assert_eq!((shown.width(), shown.height()), (300, 400));
    let page = html(&site.path().join("public/hans/2024/03/kaigong/index.html"));
    let img = select(&page, ".content img")[0].value();
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("300"), Some("400"))
    );
    // No WebP is wider than the original either.
    assert!(out.join("现场-300.webp").is_file());
    assert!(!out.join("现场-480.webp").exists());
}

#[test]
fn attachments_are_listed_with_sizes_in_both_variants() {
    let (site, _) = built_bundle();
    for (variant, heading) in [("hans", "附件："), ("tw", "附件：")] {
        let page = html(&site.path().join("public").join(variant).join(ITEM));
        assert_eq!(text(&select(&page, ".attachments h2")[0]), heading);
        let items: Vec<String> = select(&page, ".attachments li").iter().map(text).collect();
        assert_eq!(
            items,
            ["会议纪要.pdf（PDF，235 KB）", "报名表.xlsx（XLSX，9 KB）"],
            "{variant}"
        );
        let links = select(&page, ".attachments a");
        let pdf = links[0].value();
        assert_eq!(
            pdf.attr("href"),
            Some("/site/files/2024/03/huiyi/%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.pdf")
        );
        assert_eq!(pdf.attr("download"), Some("会议纪要.pdf"));
        assert_eq!(
            links[1].value().attr("href"),
            Some("/site/files/2024/03/huiyi/%E9%99%84%E4%BB%B6/%E6%8A%A5%E5%90%8D%E8%A1%A8.xlsx")
        );
        // The link in the text leads there too, and downloads under the file's name.
        let in_text = select(&page, ".content a[download]");
        assert_eq!(in_text.len(), 3, "{variant}");
        assert_eq!(in_text[0].value().attr("href"), pdf.attr("href"));
    }
    // Once for every variant, and byte for byte the editor's file.
    let published = site.path().join("public/files/2024/03/huiyi/会议纪要.pdf");
    assert_eq!(std::fs::read(published).unwrap(), pdf(240_000));
    assert!(!site.path().join("public/hans/files").exists());
    // The words around the files are converted; the names never are.
    let tw = read(&site.path().join("public/tw").join(ITEM));
    assert!(
        tw.contains("區長在會上講話，各部門負責同志參加會議"),
        "the caption is converted"
    );
    assert!(tw.contains("alt=\"各部門完成情況統計圖\""));
    assert!(
        tw.contains("%E7%8E%B0%E5%9C%BA-960.jpg"),
        "the file name (现场) is not converted"
    );
}

#[test]
fn the_first_photo_is_the_lead_image_of_lists_previews_and_feeds() {
    let (site, _) = built_bundle();
    let out = site.path().join("public");
    let page = html(&out.join("hans").join(ITEM));
    let meta = |selector: &str| {
        select(&page, selector)[0]
            .value()
            .attr("content")
            .unwrap()
            .to_string()
    };
    let large = "https://example.org/site/files/2024/03/huiyi/%E7%8E%B0%E5%9C%BA-960.jpg";
    assert_eq!(meta("meta[property='og:image']"), large);
    assert_eq!(meta("meta[name='Image']"), large);
    assert_eq!(meta("meta[property='og:image:alt']"), "区长在会上讲话");
    let home = html(&out.join("hans/index.html"));
    let thumbnails = select(&home, ".item-list img.thumbnail");
    assert_eq!(thumbnails.len(), 2, "the two items with photos");
    let srcs: Vec<&str> = thumbnails
        .iter()
        .map(|t| t.value().attr("src").unwrap())
        .collect();
    assert!(
        srcs.contains(&"/site/files/2024/03/huiyi/%E7%8E%B0%E5%9C%BA-480.jpg"),
        "{srcs:?}"
    );
    let feed = read(&out.join("hans/atom.xml"));
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let enclosures: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("link") && n.attribute("rel") == Some("enclosure"))
        .map(|n| n.attribute("href").unwrap())
        .collect();
    assert_eq!(enclosures.len(), 2);
    assert!(enclosures.contains(&large));
    let plain = html(&out.join("hans/2024/03/tongzhi/index.html"));
    assert!(select(&plain, "meta[property='og:image']").is_empty());
}

#[test]
fn a_second_build_processes_nothing_and_an_edit_only_what_changed() {
    let site = copy_fixture("bundle");
    fill_bundle_fixture(site.path());
    let first = bulletin::build(&options(site.path())).unwrap();
    assert_eq!(first.photos_processed, 3);
    let before = tree(&site.path().join("public"));
    let again = bulletin::build(&options(site.path())).unwrap();
    assert_eq!(again.photos_processed, 0);
    assert_eq!(again.written.written, 0, "nothing changed, nothing written");
    std::fs::write(
        site.path().join("content/2024/huiyi/图表.png"),
        png(640, 480),
    )
    .unwrap();
    let edited = bulletin::build(&options(site.path())).unwrap();
    assert_eq!(edited.photos_processed, 1);
    let after = tree(&site.path().join("public"));
    assert!(after.contains_key("files/2024/03/huiyi/图表-640.png"));
    assert!(
        !after.contains_key("files/2024/03/huiyi/图表-700.png"),
        "the old widths are gone"
    );
    let unchanged = "files/2024/03/huiyi/现场-960.webp";
    assert_eq!(before[unchanged], after[unchanged]);
    // A clean build of the same input gives the same bytes.
    std::fs::remove_dir_all(site.path().join(".bulletin-cache")).unwrap();
    let clean = site.path().join("clean");
    bulletin::build(&bulletin::BuildOptions {
        output: Some(clean.clone()),
        ..options(site.path())
    })
    .unwrap();
    assert!(
        tree(&clean) == after,
        "a cached build and a clean one differ"
    );
}

#[test]
fn a_bundle_item_takes_its_slug_from_its_folder_and_holds_no_other_item() {
    let (site, _) = built_bundle();
    assert!(
        site.path()
            .join("public/hans/2024/03/huiyi/index.html")
            .is_file()
    );
    std::fs::write(
        site.path().join("content/2024/huiyi/another.md"),
        "---\ntitle: 另一条\ndate: 2024-03-27\ndepartment: bangongshi\n---\n正文。\n",
    )
    .unwrap();
    let error = bulletin::build(&options(site.path())).unwrap_err();
    let shown = error.to_string();
    assert!(shown.contains("content/2024/huiyi/another.md"), "{shown}");
    assert!(
        shown.contains("inside the folder of the item content/2024/huiyi/index.md"),
        "{shown}"
    );
}

#[test]
fn missing_damaged_and_fake_files_are_reported_at_once_and_nothing_is_lost() {
    let (site, _) = built_bundle();
    let before = tree(&site.path().join("public"));
    let root = site.path();
    let jpeg = jpeg(800, 600);
    std::fs::write(
        root.join("content/2024/kaigong/现场.jpg"),
        &jpeg[..jpeg.len() / 2],
    )
    .unwrap();
    std::fs::write(root.join("content/2024/huiyi/图表.png"), "这不是图片").unwrap();
    let item = root.join("content/2024/tongzhi.md");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, format!("{text}\n![防火宣传](宣传.jpg)\n")).unwrap();
    let item = root.join("content/2024/huiyi/index.md");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(
        &item,
        format!("{text}\n[照片](../kaigong/现场.jpg) [旧表](旧表.xls)\n"),
    )
    .unwrap();
    let error = bulletin::build(&options(root)).unwrap_err();
    let problems = error.problems();
    let shown = error.to_string();
    assert_eq!(problems.len(), 5, "{shown}");
    let about = |file: &str, words: &str| {
        problems
            .iter()
            .any(|p| p.file == Path::new(file) && p.line > 0 && p.to_string().contains(words))
    };
    assert!(about("content/2024/kaigong.md", "cut short"), "{shown}");
    assert!(
        about(
            "content/2024/huiyi/index.md",
            "not a JPEG, PNG, WebP or GIF"
        ),
        "{shown}"
    );
    assert!(
        about("content/2024/tongzhi.md", "no folder of files"),
        "{shown}"
    );
    assert!(
        about("content/2024/huiyi/index.md", "outside the item's folder"),
        "{shown}"
    );
    assert!(
        about(
            "content/2024/huiyi/index.md",
            "it holds 会议纪要.pdf, 图表.png, 现场.jpg, 附件/报名表.xlsx"
        ),
        "the missing file's hint lists what is there: {shown}"
    );
    assert!(
        tree(&root.join("public")) == before,
        "a failed build left the output changed"
    );
}

/// The peak memory of the largest child process this test has waited for, in bytes.
fn peak_child_memory() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes the struct it is given.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn a_60_megapixel_photo_is_published_within_a_memory_limit() {
    let site = copy_fixture("bundle");
    fill_bundle_fixture(site.path());
    // 9,000 × 6,700: 60.3 megapixels, as a high-end phone or camera takes them.
    std::fs::write(
        site.path().join("content/2024/kaigong/现场.jpg"),
        jpeg(9000, 6700),
    )
    .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("build")
        .stdout(std::process::Stdio::null())
        .current_dir(site.path())
        .status()
        .unwrap();
    assert!(status.success());
    let peak = peak_child_memory();
    // The decoded photo alone is 181 MB; a build that held several copies would pass 1 GB.
    assert!(
        peak < 900 * 1024 * 1024,
        "peak memory {} MB",
        peak / 1024 / 1024
    );
    let widest = site
        .path()
        .join("public/files/2024/03/kaigong/现场-1600.jpg");
    let shown = image::load_from_memory(&std::fs::read(widest).unwrap()).unwrap();
    assert_eq!((shown.width(), shown.height()), (1600, 1191));
}

/// The bundle fixture's item pages, home page and published files (names and sizes) are
/// compared with `tests/golden/bundle`. Run with `BULLETIN_BLESS=1` to accept a deliberate
/// change.
#[test]
fn the_bundle_fixture_matches_golden_output() {
    let (site, _) = built_bundle();
    let out = site.path().join("public");
    let mut built: Vec<(String, Vec<u8>)> = [
        "hans/",
        "tw/",
        "hans/2024/03/huiyi/",
        "tw/2024/03/huiyi/",
        "hans/2024/03/kaigong/",
    ]
    .iter()
    .map(|page| {
        let path = format!("{page}index.html");
        let contents = std::fs::read(out.join(&path)).unwrap();
        (path.replace('/', "_"), contents)
    })
    .collect();
    let files: String = tree(&out.join("files"))
        .iter()
        .map(|(path, bytes)| format!("{path} {}\n", bytes.len()))
        .collect();
    built.push(("files.txt".into(), files.into_bytes()));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/bundle");
    if std::env::var_os("BULLETIN_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        std::fs::create_dir_all(&golden).unwrap();
        for (name, contents) in &built {
            std::fs::write(golden.join(name), contents).unwrap();
        }
    }
    for (name, contents) in &built {
        let expected = std::fs::read(golden.join(name)).unwrap_or_default();
        assert!(
            *contents == expected,
            "{name} differs from tests/golden/bundle/{name}; rerun with BULLETIN_BLESS=1 if the change is intended"
        );
    }
}

/// A build reads a bundle's file again only when its size or modification time changed, as
/// git does: years of photos are not read at every build.
#[test]
fn unchanged_photos_are_not_read_again() {
    let (site, _) = built_bundle();
    let chart = site.path().join("content/2024/huiyi/图表.png");
    let size = std::fs::metadata(&chart).unwrap().len() as usize;
    let modified = std::fs::metadata(&chart).unwrap().modified().unwrap();
    // Other bytes of the same size, under the same time: not read, so not noticed.
    std::fs::write(&chart, vec![b'x'; size]).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&chart)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let again = bulletin::build(&options(site.path())).unwrap();
    assert_eq!(again.photos_processed, 0);
    // Touched: read again, and found to be no photo.
    std::fs::File::options()
        .write(true)
        .open(&chart)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    let error = bulletin::build(&options(site.path())).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("图表.png: the file is not a JPEG"),
        "{error}"
    );
}

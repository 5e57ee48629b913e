//! Generates a site of N items, each a bundle with one photo the size district offices upload
//! (2400×1600 JPEG, about 4 megapixels), for the photo benchmark (`bench/photos.sh`). The
//! photos are the public-domain launch photo of `docs/photo-example`, enlarged, mirrored and
//! tinted differently for each item, so that no two share a digest.
//!
//!     cargo run --release --example photo_corpus -- 1000 /dev/shm/photos [--hugo]
//!
//! With `--hugo`, also writes the same items as page bundles of a Hugo site under `<dir>/hugo/`
//! whose item template makes the same six renditions of each photo (`Resize "480x webp q80"`
//! and so on), for the side-by-side benchmark.

use std::path::Path;

use image::{DynamicImage, ImageFormat, imageops::FilterType};

const WIDTH: u32 = 2400;
const HEIGHT: u32 = 1600;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: photo_corpus COUNT DIR");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let hugo = args.iter().any(|a| a == "--hugo");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/photo-example/content/2024/hangtian-kepu/发射现场.jpg");
    let base = image::open(source)
        .expect("the example photo")
        .resize_exact(WIDTH, HEIGHT, FilterType::Triangle)
        .into_rgb8();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("bulletin.yaml"),
        "title: 照片测试\nbase_url: https://example.org/\nsearch: false\nvariants:\n  - { lang: zh-Hans, path: hans, default: true }\n  - { lang: zh-Hant, path: hant }\ndepartments:\n  kexie: 区科协\n",
    )
    .unwrap();
    std::thread::scope(|scope| {
        for part in 0..2 {
            let base = &base;
            scope.spawn(move || {
                for n in (part..count).step_by(2) {
                    write_item(dir, base, n, hugo);
                }
            });
        }
    });
    if hugo {
        write_hugo_site(&dir.join("hugo"));
    }
}

/// A Hugo site whose item pages publish each bundle's photo as bulletin does: 480, 960 and
/// 1600 pixels wide, as WebP (q80) and JPEG (q82).
fn write_hugo_site(dir: &Path) {
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "config.toml",
        "baseURL = 'https://example.org/'\ntitle = '照片测试'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
    );
    write(
        "layouts/_default/single.html",
        "<!doctype html><title>{{ .Title }}</title>{{ .Content }}{{ with .Resources.GetMatch \"*.jpg\" }}{{ $photo := . }}<picture>{{ range slice 480 960 1600 }}{{ $webp := $photo.Resize (printf \"%dx webp q80\" .) }}{{ $jpeg := $photo.Resize (printf \"%dx jpg q82\" .) }}<source srcset=\"{{ $webp.RelPermalink }} {{ . }}w\"><img src=\"{{ $jpeg.RelPermalink }}\" width=\"{{ $jpeg.Width }}\">{{ end }}</picture>{{ end }}\n",
    );
    write(
        "layouts/_default/list.html",
        "<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}\n",
    );
}

fn write_item(dir: &Path, base: &image::RgbImage, n: usize, hugo: bool) {
    let folder = dir.join(format!("content/{}/item-{n:05}", 2020 + n % 5));
    std::fs::create_dir_all(&folder).unwrap();
    let mut photo = base.clone();
    if n % 2 == 1 {
        image::imageops::flip_horizontal_in_place(&mut photo);
    }
    let tint = (n % 97) as u8;
    for pixel in photo.pixels_mut() {
        pixel[0] = pixel[0].saturating_add(tint / 2);
        pixel[2] = pixel[2].saturating_sub(tint / 3);
    }
    // The item's number in the first row, bit by bit: every photo its own digest.
    for bit in 0..20 {
        let on = (n >> bit) & 1 == 1;
        photo.put_pixel(bit, 0, image::Rgb(if on { [255; 3] } else { [0; 3] }));
    }
    DynamicImage::ImageRgb8(photo)
        .save_with_format(folder.join("现场.jpg"), ImageFormat::Jpeg)
        .unwrap();
    let item = format!(
        "---\ntitle: 科普活动第{n}期\ndate: {}-0{}-1{} 10:00\ndepartment: kexie\n---\n区科协举办第{n}期科普活动。\n\n![活动现场](现场.jpg \"第{n}期活动现场\")\n",
        2020 + n % 5,
        1 + n % 9,
        n % 10
    );
    std::fs::write(folder.join("index.md"), &item).unwrap();
    if hugo {
        let bundle = dir.join(format!("hugo/content/posts/item-{n:05}"));
        std::fs::create_dir_all(&bundle).unwrap();
        std::fs::hard_link(folder.join("现场.jpg"), bundle.join("现场.jpg")).unwrap();
        let item = item.replace(" 10:00\ndepartment: kexie\n", "T10:00:00+08:00\n");
        std::fs::write(bundle.join("index.md"), item).unwrap();
    }
}

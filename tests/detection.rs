//! Script detection on the five real seed bulletins, noise and all: 001 is simplified, the
//! others traditional (made by a poor machine conversion, so with simplified leftovers).

use bulletin::text::converter::Converter;
use bulletin::text::script::Script;

#[test]
fn each_seed_is_detected_in_its_script() {
    let converter = Converter::new();
    let seeds = [
        (
            include_str!("data/seeds/000_4833842e96c4d02d.txt"),
            Script::Hant,
        ),
        (
            include_str!("data/seeds/001_29a1b122f8feb788.txt"),
            Script::Hans,
        ),
        (
            include_str!("data/seeds/002_c70ee472566153cc.txt"),
            Script::Hant,
        ),
        (
            include_str!("data/seeds/003_ac52f7e304e603d4.txt"),
            Script::Hant,
        ),
        (
            include_str!("data/seeds/004_cb33e5c765a8c06d.txt"),
            Script::Hant,
        ),
    ];
    for (i, (text, script)) in seeds.into_iter().enumerate() {
        let evidence = converter.script_evidence(text);
        assert_eq!(
            evidence.verdict(),
            Some(script),
            "seed {i:03}: {evidence:?}"
        );
        assert!(
            !evidence.is_mixed(),
            "seed {i:03}: a consistent (if noisy) text is not a paste"
        );
    }
}

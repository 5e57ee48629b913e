//! OpenCC's own upstream test suite, run through bulletin's conversion. Prints the pass rate per
//! configuration and fails when any configuration drops below its recorded baseline.

use std::collections::BTreeMap;

use bulletin::text::converter::{Converter, is_known_conversion};
/// Passing cases per configuration, as last measured. Raise these when conversion improves;
/// never lower them to make a change pass.
const BASELINE: &[(&str, usize)] = &[
    ("hk2s", 21),
    ("hk2sp", 8),
    ("hk2t", 17),
    ("jp2t", 4),
    ("s2hk", 51),
    ("s2hkp", 8),
    ("s2t", 96),
    ("s2tw", 65),
    ("s2twp", 84),
    ("t2hk", 17),
    ("t2jp", 4),
    ("t2s", 55),
    ("t2tw", 10),
    ("tw2s", 32),
    ("tw2sp", 52),
    ("tw2t", 18),
];

#[test]
fn upstream_suite_pass_rates_hold() {
    let data: serde_json::Value =
        serde_json::from_str(include_str!("data/opencc-testcases.json")).unwrap();
    let converter = Converter::new();
    let mut results: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in data["cases"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        for (config, expected) in case["expected"].as_object().unwrap() {
            assert!(
                is_known_conversion(config),
                "the engine does not know {config}"
            );
            let got = converter.convert(input, config);
            let entry = results.entry(config.clone()).or_default();
            entry.1 += 1;
            if got == expected.as_str().unwrap() {
                entry.0 += 1;
            } else {
                failures.push(format!("{config} {}", case["id"]));
            }
        }
    }
    let (passed, total) = results
        .values()
        .fold((0, 0), |(p, t), (a, b)| (p + a, t + b));
    println!(
        "OpenCC upstream suite: {passed}/{total} ({:.1}%)",
        100.0 * passed as f64 / total as f64
    );
    for (config, (passed, total)) in &results {
        println!(
            "  {config:6} {passed:3}/{total:3}  {:5.1}%",
            100.0 * *passed as f64 / *total as f64
        );
    }
    println!("failing: {}", failures.join(", "));
    let baseline: BTreeMap<&str, usize> = BASELINE.iter().copied().collect();
    assert_eq!(
        results.keys().map(String::as_str).collect::<Vec<_>>(),
        baseline.keys().copied().collect::<Vec<_>>(),
        "every configuration in the suite has a baseline"
    );
    for (config, (passed, total)) in &results {
        assert!(
            *passed >= baseline[config.as_str()],
            "{config}: {passed}/{total} is below the baseline of {}",
            baseline[config.as_str()]
        );
        assert!(
            *passed * 100 >= *total * 95,
            "{config}: {passed}/{total} is below the 95% goal"
        );
    }
}

//! What a link's target is: its scheme, and whether it may reach a page. Shared by the
//! stages that read links (front matter, Markdown) so that both refuse the same addresses.

use crate::text::markdown::Safety;
/// Whether a link's or image's target may reach a page: an address of the web (`http:`,
/// `https:`), of mail or a phone (`mailto:`, `tel:`), or one with no scheme (a path, a
/// fragment); `data:image/…` for images where the site allows it. Anything else
/// (`javascript:`, `vbscript:`, `data:text/html`, a scheme no one vetted) could run a script.
pub fn is_safe_target(target: &str, image: bool, safety: Safety) -> bool {
    // Read the address as a browser does: tabs and line breaks inside it are dropped, control
    // characters and spaces at its ends trimmed, and the scheme is case-insensitive.
    let cleaned: String = target
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let Some(scheme) = scheme_of(cleaned) else {
        return true;
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" | "mailto" | "tel" => true,
        "data" => {
            image
                && safety.allow_data_images
                && cleaned[scheme.len() + 1..]
                    .trim_start()
                    .get(..6)
                    .is_some_and(|kind| kind.eq_ignore_ascii_case("image/"))
        }
        _ => false,
    }
}

/// The scheme of an address (`https` in `https://…`), as a URL parser finds it: letters,
/// digits, `+`, `-` and `.` starting with a letter, before the first `:`. `None` for a
/// relative address.
pub fn scheme_of(address: &str) -> Option<&str> {
    let (scheme, _) = address.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

/// Whether a value is an address a browser would run as a script: `javascript:`,
/// `vbscript:`, or `data:` other than an image. Used for free-form values (front matter's
/// `extra`), where words with a colon are not links.
pub fn runs_script(value: &str) -> bool {
    let cleaned: String = value.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    scheme_of(&cleaned).is_some_and(|scheme| {
        ["javascript", "vbscript", "data"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme))
    }) && !is_safe_target(
        &cleaned,
        true,
        Safety {
            allow_html: false,
            allow_data_images: true,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_phone_and_relative_targets_are_safe() {
        let safety = Safety::default();
        for safe in [
            "https://e.org/区",
            "HTTP://e.org",
            "mailto:a@b.c",
            "tel:+86-754-1",
            "/hans/2020/",
            "../x/",
            "#一",
            "?q=1",
            "//cdn.org/x",
            "区:政府",
            "java script:alert(1)",
        ] {
            assert!(is_safe_target(safe, false, safety), "{safe}");
        }
        for unsafe_ in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "livescript:x",
        ] {
            assert!(!is_safe_target(unsafe_, false, safety), "{unsafe_:?}");
        }
        let png = "data:image/png;base64,iVBOR";
        assert!(!is_safe_target(png, true, safety));
        let allowing = Safety {
            allow_data_images: true,
            ..safety
        };
        assert!(is_safe_target(png, true, allowing));
        assert!(
            !is_safe_target(png, false, allowing),
            "a data link is not an image"
        );
        assert!(!is_safe_target("data:text/html,x", true, allowing));
    }

    #[test]
    fn only_script_addresses_run_scripts() {
        assert!(runs_script("javascript:alert(1)"));
        assert!(runs_script(" JavaScript : alert(1)"));
        assert!(runs_script("data:text/html,x"));
        assert!(!runs_script("data:image/png;base64,x"));
        assert!(!runs_script("状态:待定"));
        assert!(!runs_script("note:pending"));
        assert!(!runs_script("https://e.org/"));
    }
}

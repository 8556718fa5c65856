//! Headings at the level the host page asks for: a widget under the page's
//! own `<h2>` can start its outline at `<h3>` (`data-gloss-heading-level`),
//! so the page's headings and the widget's make one outline.

use leptos::prelude::*;

/// The host attribute that sets the level of the widget's first heading.
pub const HEADING_LEVEL: &str = "data-gloss-heading-level";

/// A host's `data-gloss-heading-level`, when it is a level (1 to 6).
pub fn parse_level(value: &str) -> Option<u8> {
    value.trim().parse().ok().filter(|l| (1..=6).contains(l))
}

/// The level of the widget's section headings (the article's top level,
/// the panels', the glossary's): below the title when there is one, else
/// the host's level itself; `<h2>` when the host sets none.
pub fn section_level(host_level: Option<u8>, titled: bool) -> u8 {
    match host_level {
        Some(level) if titled => level + 1,
        Some(level) => level,
        None => 2,
    }
}

/// An `<h1>` to `<h6>` (deeper levels are drawn as `<h6>`). Styles go by
/// `class`, never by the tag, which the host chooses.
pub fn heading(level: u8, class: &'static str, id: Option<String>, content: AnyView) -> AnyView {
    match level {
        0 | 1 => view! { <h1 class=class id=id>{content}</h1> }.into_any(),
        2 => view! { <h2 class=class id=id>{content}</h2> }.into_any(),
        3 => view! { <h3 class=class id=id>{content}</h3> }.into_any(),
        4 => view! { <h4 class=class id=id>{content}</h4> }.into_any(),
        5 => view! { <h5 class=class id=id>{content}</h5> }.into_any(),
        _ => view! { <h6 class=class id=id>{content}</h6> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_six_levels_are_taken() {
        assert_eq!(parse_level("2"), Some(2));
        assert_eq!(parse_level(" 6 "), Some(6));
        for wrong in ["0", "7", "", "h2", "-1", "2.5"] {
            assert_eq!(parse_level(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn sections_sit_below_the_title_or_at_the_hosts_level() {
        assert_eq!(section_level(None, true), 2);
        assert_eq!(section_level(None, false), 2);
        assert_eq!(section_level(Some(3), true), 4);
        assert_eq!(section_level(Some(3), false), 3);
        assert_eq!(section_level(Some(1), false), 1);
    }
}

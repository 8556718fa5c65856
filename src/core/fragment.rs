//! The reader's state as a URL fragment, so it can be shared as a link.
//!
//! Several widgets share one page and so one fragment: each writes only its
//! own `KEY.name=value` pairs and keeps everyone else's, e.g.
//! `#g1.speaker=putin&g1.term=donbas&g2.event=moscow-talks`. Values are
//! percent-encoded, so any id round-trips.

use super::ids::{EventId, SpeakerId, TermId};

/// What one widget stores in the fragment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WidgetState {
    pub term: Option<TermId>,
    pub speaker: Option<SpeakerId>,
    pub event: Option<EventId>,
}

/// The key of a widget on its page, in element ids and in the fragment: the
/// host element's own id when it is usable (stable across page edits),
/// otherwise `gloss-N`, the first N that `is_free`. A key already taken (a
/// page that gives two hosts one id, as a shortcode used twice does) gets
/// the first free `-2`, `-3`… after it, so no two widgets share ids.
pub fn widget_key(host_id: &str, is_free: impl Fn(&str) -> bool) -> String {
    let usable = !host_id.is_empty()
        && host_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let (stem, from) = if usable {
        (format!("gloss-{host_id}"), 2)
    } else {
        ("gloss".to_owned(), 1)
    };
    if usable && is_free(&stem) {
        return stem;
    }
    (from..)
        .map(|n| format!("{stem}-{n}"))
        .find(|key| is_free(key))
        .unwrap_or_default()
}

/// Whether a fragment (with or without `#`) is made of state pairs, or is
/// empty; not when the page uses it for something else, an anchor (a
/// footnote, a heading) or a route.
pub fn holds_state(fragment: &str) -> bool {
    fragment
        .trim_start_matches('#')
        .split('&')
        .all(|p| p.is_empty() || is_pair(p))
}

/// Reads the state of widget `key` from a fragment (with or without `#`).
pub fn read_state(fragment: &str, key: &str) -> WidgetState {
    let mut state = WidgetState::default();
    for (name, value) in pairs(fragment) {
        let Some(field) = name
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix('.'))
        else {
            continue;
        };
        match field {
            "term" => state.term = Some(TermId::from(value)),
            "speaker" => state.speaker = Some(SpeakerId::from(value)),
            "event" => state.event = Some(EventId::from(value)),
            _ => {}
        }
    }
    state
}

/// The fragment with widget `key`'s pairs replaced by `state`; other pairs
/// (other widgets', or the page's own `name=value`) keep their order. No
/// leading `#`. `None` when the fragment holds something else, which the
/// page owns: an anchor (`#chapter-3`) or a client-side route
/// (`#/articles/42`) must not be changed under it. An anchor of the
/// widget's own (`#KEY-fn1-ref`, `#KEY--a-heading`: a footnote or heading
/// the reader followed) is the widget's to replace.
pub fn write_state(fragment: &str, key: &str, state: &WidgetState) -> Option<String> {
    let fragment = fragment.trim_start_matches('#');
    let own_anchor = fragment
        .strip_prefix(key)
        .is_some_and(|rest| rest.starts_with('-') && !rest.contains(['=', '&']));
    if !own_anchor && !holds_state(fragment) {
        return None;
    }
    let fragment = if own_anchor { "" } else { fragment };
    let prefix = format!("{key}.");
    let mut parts: Vec<String> = fragment
        .split('&')
        .filter(|p| {
            !p.is_empty() && !decode(p.split('=').next().unwrap_or("")).starts_with(&prefix)
        })
        .map(str::to_owned)
        .collect();
    let fields = [
        ("term", state.term.as_ref().map(|t| t.as_str())),
        ("speaker", state.speaker.as_ref().map(|s| s.as_str())),
        ("event", state.event.as_ref().map(|e| e.as_str())),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            parts.push(format!(
                "{}={}",
                encode(&format!("{key}.{name}")),
                encode(value)
            ));
        }
    }
    Some(parts.join("&"))
}

/// Whether `part` is a `name=value` pair (name: letters, digits, `.-_~`
/// or percent escapes), as widgets and query-like fragments write them.
fn is_pair(part: &str) -> bool {
    part.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~' | b'%'))
    })
}

fn pairs(fragment: &str) -> impl Iterator<Item = (String, String)> + '_ {
    fragment
        .trim_start_matches('#')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_field_and_odd_ids() {
        let state = WidgetState {
            term: Some(TermId::from("donbas")),
            speaker: Some(SpeakerId::from("é & =")),
            event: Some(EventId::from("moscow-talks")),
        };
        let fragment = write_state("", "g1", &state).unwrap();
        assert_eq!(
            fragment,
            "g1.term=donbas&g1.speaker=%C3%A9%20%26%20%3D&g1.event=moscow-talks"
        );
        assert_eq!(read_state(&format!("#{fragment}"), "g1"), state);
    }

    #[test]
    fn a_widget_is_keyed_by_its_host_id_or_its_place() {
        let free = |key: &str| !["gloss-1", "gloss-2", "gloss-x", "gloss-x-2"].contains(&key);
        assert_eq!(widget_key("donbas", free), "gloss-donbas");
        assert_eq!(widget_key("", free), "gloss-3");
        assert_eq!(widget_key("a b", free), "gloss-3");
        assert_eq!(widget_key("x\"y", free), "gloss-3");
        assert_eq!(widget_key("x", free), "gloss-x-3");
        assert_eq!(widget_key("2", free), "gloss-2-2");
    }

    #[test]
    fn keeps_other_widgets_pairs() {
        let fragment = "g2.event=x&g1.term=old&t=30";
        let state = WidgetState {
            speaker: Some(SpeakerId::from("putin")),
            ..WidgetState::default()
        };
        assert_eq!(
            write_state(fragment, "g1", &state).as_deref(),
            Some("g2.event=x&t=30&g1.speaker=putin")
        );
        assert_eq!(read_state(fragment, "g2").event, Some(EventId::from("x")));
        assert_eq!(read_state(fragment, "g1").term, Some(TermId::from("old")));
        assert_eq!(read_state(fragment, "g10"), WidgetState::default());
    }

    #[test]
    fn clearing_removes_the_widgets_pairs() {
        assert_eq!(
            write_state("#g1.term=a&g2.term=b", "g1", &WidgetState::default()).as_deref(),
            Some("g2.term=b")
        );
    }

    #[test]
    fn leaves_the_pages_own_anchor_or_route_alone() {
        let state = WidgetState {
            term: Some(TermId::from("donbas")),
            ..WidgetState::default()
        };
        for fragment in [
            "#chapter-3",
            "#/articles/42",
            "#!/a?b=c",
            "#/search?q=x&g1.term=a",
            "#a&b=c",
        ] {
            assert_eq!(write_state(fragment, "g1", &state), None, "{fragment}");
            assert!(!holds_state(fragment), "{fragment}");
        }
        for fragment in ["", "#", "#g1.term=a&g2.event=b", "#t=30"] {
            assert!(holds_state(fragment), "{fragment}");
        }
        // Still read from a route the page wrote around them.
        assert_eq!(read_state("#/r&g1.term=donbas", "g1"), state);
    }

    #[test]
    fn replaces_an_anchor_of_the_widgets_own() {
        let state = WidgetState {
            term: Some(TermId::from("donbas")),
            ..WidgetState::default()
        };
        for fragment in ["#g1-fn1-ref", "#g1--the-talks", "g1-fn2"] {
            assert_eq!(
                write_state(fragment, "g1", &state).as_deref(),
                Some("g1.term=donbas"),
                "{fragment}"
            );
        }
        // Another widget's, or the page's, stays.
        for fragment in ["#g10-fn1", "#g2-fn1-ref", "#g1", "#g1x-a"] {
            assert_eq!(write_state(fragment, "g1", &state), None, "{fragment}");
        }
    }
}

//! Automatic mentions: finding term labels and speaker names in the text.
//!
//! One Aho-Corasick automaton holds every label, name and alias, folded by
//! Unicode rules (case, `ß`, Greek accents, Turkish `ı`, any run of white
//! space as one space), so matching costs one pass over the text whatever the
//! number of terms. A match counts only as a whole word (no letter or digit
//! on either side, except in scripts written without spaces), and among
//! overlapping matches the leftmost, then the longest, wins. A name written
//! all in capitals (an acronym or a symbol: US, WHO, U.S., C) matches only
//! as written, so "us", "who" and "vitamin c" are left alone; a person's
//! name that starts with a capital matches only where the text's words
//! have the name's capitals
//! (Theresa May's `May`, not the verb "may"; George W. Bush's `Bush`, not
//! "a bush").
//!
//! Mentions are never sought inside code, links, headings or explicit
//! references. Of a term's mentions, only the first in each section is
//! `decorated` (focusable, styled) so readers are not flooded.
//!
//! The Markdown converter hands each run of body text to a [`Linker`] as it
//! completes it, so the text is searched once, where it arrives, and the
//! tree is never walked again; footnotes, which the article shows after
//! its last section, are walked once they are all known ([`Linker::walk`]).

use super::document::{Block, Inline};
use super::ids::{SpeakerId, TermId};
use super::markdown::{push_inline, push_text};
use aho_corasick::AhoCorasick;
use aho_corasick::AhoCorasickKind;
use std::collections::HashMap;
use std::ops::Range;

/// What a pattern stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Term(TermId),
    Speaker(SpeakerId),
}

/// The compiled set of names to look for.
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    targets: Vec<Target>,
    /// Per pattern, the number of its term among the matcher's terms (for
    /// tracking which are decorated); `None` for a speaker.
    term_numbers: Vec<Option<usize>>,
    /// The number of each term that has a pattern.
    terms: HashMap<TermId, usize>,
    /// Per pattern, how the text's case must agree with the name's.
    case: Vec<Case>,
}

/// How a match's case must agree with its name's.
#[derive(Clone, Debug, PartialEq)]
enum Case {
    /// In any case: a term's label (`Ceasefire` and "ceasefire").
    Any,
    /// As written: an acronym (see [`is_acronym`]).
    Exact(String),
    /// Each word with a capital where the name (this) has one: a person's
    /// name, which in lower case is usually a word (`May`, `Bush`, `Rice`).
    Capitals(String),
}

impl Case {
    fn of(written: &str, target: &Target) -> Self {
        if is_acronym(written) {
            Case::Exact(written.to_owned())
        } else if matches!(target, Target::Speaker(_)) && starts_with_capital(written) {
            Case::Capitals(written.to_owned())
        } else {
            Case::Any
        }
    }

    fn agrees(&self, text: &str) -> bool {
        match self {
            Case::Any => true,
            // (Spaced as the text is: "UN SC" is "UN\u{a0}SC".)
            Case::Exact(name) => name.split_whitespace().eq(text.split_whitespace()),
            Case::Capitals(name) => name
                .split_whitespace()
                .zip(text.split_whitespace())
                .all(|(n, t)| !starts_with_capital(n) || starts_with_capital(t)),
        }
    }
}

fn starts_with_capital(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a name is written all in capitals (US, WHO, U.S., AT&T, and a
/// single letter: C, R, 5G): such a name is an acronym or a symbol, and the
/// same letters in lower case are usually another word ("us", "vitamin c").
fn is_acronym(name: &str) -> bool {
    let mut letters = name.chars().filter(|c| c.is_alphabetic());
    letters.clone().next().is_some() && letters.all(char::is_uppercase)
}

/// A pattern that could not be added, for a diagnostic.
pub struct Clash {
    pub pattern: String,
    pub first: Target,
    pub second: Target,
}

/// One whole-word match: where it is in the text searched, and the pattern.
type Found = (Range<usize>, usize);

impl Matcher {
    /// Builds the matcher from `(name, target)` pairs in priority order: a
    /// name claimed twice keeps its first target and yields a [`Clash`].
    pub fn new(names: impl IntoIterator<Item = (String, Target)>) -> (Self, Vec<Clash>) {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut case: Vec<Case> = Vec::new();
        let mut clashes = Vec::new();
        for (name, target) in names {
            let written = name.trim();
            let folded = fold_case(written).0;
            if folded.is_empty() {
                continue;
            }
            match index.get(&folded) {
                Some(&i) if targets[i] != target => clashes.push(Clash {
                    pattern: name,
                    first: targets[i].clone(),
                    second: target,
                }),
                // The same name again for the same target: written another
                // way (`NATO` and `Nato`), it matches in any case.
                Some(&i) => {
                    if case[i] != Case::of(written, &target) {
                        case[i] = Case::Any;
                    }
                }
                None => {
                    index.insert(folded.clone(), patterns.len());
                    case.push(Case::of(written, &target));
                    patterns.push(folded);
                    targets.push(target);
                }
            }
        }
        let mut terms = HashMap::new();
        let term_numbers = targets
            .iter()
            .map(|target| match target {
                Target::Term(id) => {
                    let next = terms.len();
                    Some(*terms.entry(id.clone()).or_insert(next))
                }
                Target::Speaker(_) => None,
            })
            .collect();
        // Patterns are folded already, and so is the text searched: an
        // automaton that folded ASCII itself would take three times as long
        // to build (1.9 ms against 0.6 ms for 2,000 names) and search no
        // faster. A contiguous NFA, not the DFA the crate would pick for
        // few names: the DFA searched no faster in the benchmarks and its
        // build was an eighth of a 10 KB article's parse.
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .expect("literal patterns always build")
        });
        let matcher = Self {
            automaton,
            targets,
            term_numbers,
            terms,
            case,
        };
        (matcher, clashes)
    }

    /// Whole-word, non-overlapping matches in `text`, leftmost then longest,
    /// as `(byte range in text, target index)`.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        self.find_into(text, &mut String::new(), &mut found);
        found
    }

    /// [`Matcher::find`] into `found`, with a buffer for the folded text: a
    /// caller searching many texts keeps both from one to the next.
    fn find_into(&self, text: &str, lower: &mut String, found: &mut Vec<Found>) {
        found.clear();
        let Some(automaton) = &self.automaton else {
            return;
        };
        let origin_buffer;
        let origin = if text.is_ascii() && !has_space_run(text) {
            // The common case: folding keeps every offset where it was.
            lower.clear();
            lower.push_str(text);
            lower.make_ascii_lowercase();
            None
        } else {
            let folded;
            (folded, origin_buffer) = fold_case(text);
            *lower = folded;
            Some(origin_buffer.as_slice())
        };
        let haystack = lower.as_str();
        // A match on folded text, as a range of `text` if it is a whole word
        // there.
        let word = |m: aho_corasick::Match| -> Option<Found> {
            let range = match origin {
                None => m.range(),
                Some(origin) => {
                    let (fs, fe) = (m.start(), m.end());
                    // It must begin and end on whole original characters.
                    let starts_char = fs == 0 || origin[fs] != origin[fs - 1];
                    let ends_char = fe == haystack.len() || origin[fe] != origin[fe - 1];
                    if !(starts_char && ends_char) {
                        return None;
                    }
                    origin[fs]..origin[fe]
                }
            };
            let pattern = m.pattern().as_usize();
            let agrees = self.case[pattern].agrees(&text[range.clone()]);
            (agrees && is_whole_word(text, range.start, range.end)).then_some((range, pattern))
        };
        // Every match, overlapping: one that is not a whole word may hide
        // a shorter name that is, or one starting inside it.
        found.extend(automaton.find_overlapping_iter(haystack).filter_map(word));
        // Overlapping matches arrive by where they end; keep the leftmost,
        // then the longest, of each overlapping group.
        found.sort_unstable_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut taken_until = 0;
        found.retain(|(range, _)| {
            let keep = range.start >= taken_until;
            if keep {
                taken_until = range.end;
            }
            keep
        });
    }

    pub fn target(&self, index: usize) -> &Target {
        &self.targets[index]
    }
}

/// Whether ASCII `text` has white space that folding changes: two spaces
/// in a row, a tab or a line break (see [`fold_case`]).
fn has_space_run(text: &str) -> bool {
    text.contains("  ") || text.contains(['\t', '\n', '\r'])
}

/// Folds `text` for matching, by Unicode rules, and maps every byte of the
/// result (and its end) back to the byte where its character starts in
/// `text`. Lower case, and beyond it what the same word may be written
/// with: every apostrophe as `'`, any run of white space (a no-break space,
/// as French writes "M. Macron" and "article 5", or two spaces) as one
/// space, `ß` as `ss` (`STRASSE`), Greek's final `ς` as `σ` and its
/// accents left out (capitals go without them: `ΣΩΚΡΑΤΗΣ`), and the
/// Turkish `ı` and `İ` as `i` (`IŞIK`, `ışık`).
fn fold_case(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut after_space = false;
    for (i, c) in text.char_indices() {
        let before = folded.len();
        let space = c.is_whitespace();
        if space {
            if !after_space {
                folded.push(' ');
            }
        } else if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            match c {
                // A typographic apostrophe is the typewriter one: "Côte
                // d’Ivoire" is a mention of "Côte d'Ivoire".
                '\u{2018}' | '\u{2019}' | '\u{02bc}' => folded.push('\''),
                'ß' | 'ẞ' => folded.push_str("ss"),
                'ı' | 'İ' => folded.push('i'),
                '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => {
                    folded.extend(c.to_lowercase().map(greek_base));
                }
                _ => folded.extend(c.to_lowercase()),
            }
        }
        after_space = space;
        origin.extend(std::iter::repeat_n(i, folded.len() - before));
    }
    origin.push(text.len());
    (folded, origin)
}

/// A lower-case Greek letter without its accent or diaeresis, and the
/// final sigma as the medial one.
fn greek_base(c: char) -> char {
    match c {
        'ά' | 'ἀ'..='ἇ' | 'ὰ' | 'ᾶ' => 'α',
        'έ' | 'ἐ'..='ἕ' | 'ὲ' => 'ε',
        'ή' | 'ἠ'..='ἧ' | 'ὴ' | 'ῆ' => 'η',
        'ί' | 'ϊ' | 'ΐ' | 'ἰ'..='ἷ' | 'ὶ' | 'ῖ' => 'ι',
        'ό' | 'ὀ'..='ὅ' | 'ὸ' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' | 'ὐ'..='ὗ' | 'ὺ' | 'ῦ' => 'υ',
        'ώ' | 'ὠ'..='ὧ' | 'ὼ' | 'ῶ' => 'ω',
        'ς' => 'σ',
        _ => c,
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let boundary = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (None, _) => true,
        (Some(o), Some(i)) => !is_word_char(o) || is_unspaced(o) || is_unspaced(i),
        (Some(o), None) => !is_word_char(o),
    };
    boundary(before, first) && boundary(after, last)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}')
}

/// Scripts written without spaces between words, where any position is a
/// word boundary.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}'   // Thai, Lao
        | '\u{1000}'..='\u{109f}' // Myanmar
        | '\u{1780}'..='\u{17ff}' // Khmer
        | '\u{3040}'..='\u{30ff}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified
        | '\u{f900}'..='\u{faff}' // CJK compatibility
        | '\u{20000}'..='\u{2fa1f}')
}

/// Adds automatic mentions to runs of text, in document order, and chooses
/// which term mentions are decorated: the first of each term in each
/// section (a section starts at a heading of level 2 or less, or of the
/// top level the article has used so far: an article of `###` headings
/// has its sections at `###`).
pub struct Linker<'m> {
    matcher: &'m Matcher,
    /// The section each term (by its number in the matcher) was last
    /// decorated in.
    decorated_in: Vec<u32>,
    section: u32,
    /// The top heading level seen so far.
    top: u8,
    /// Mentions added, per pattern.
    found: Vec<usize>,
    /// The run being searched, folded, and the matches in it.
    lower: String,
    matches: Vec<Found>,
}

impl<'m> Linker<'m> {
    pub fn new(matcher: &'m Matcher) -> Self {
        Self {
            matcher,
            decorated_in: vec![0; matcher.terms.len()],
            section: 1,
            top: u8::MAX,
            found: vec![0; matcher.targets.len()],
            lower: String::new(),
            matches: Vec::new(),
        }
    }

    /// A heading of level 2 or less, or of the top level so far, begins a
    /// new section.
    pub fn heading(&mut self, level: u8) {
        self.top = self.top.min(level);
        if level <= self.top.max(2) {
            self.section += 1;
        }
    }

    /// An explicit reference to a term is its decorated mention.
    pub fn explicit_term(&mut self, id: &TermId) {
        if let Some(&number) = self.matcher.terms.get(id) {
            self.decorated_in[number] = self.section;
        }
    }

    /// Pushes a run of `text` to `out`, its mentions split out of it.
    pub fn run(&mut self, text: &str, out: &mut Vec<Inline>) {
        let mut matches = std::mem::take(&mut self.matches);
        self.matcher.find_into(text, &mut self.lower, &mut matches);
        let mut last = 0;
        for (range, index) in matches.drain(..) {
            if range.start > last {
                push_text(out, &text[last..range.start]);
            }
            let content = vec![Inline::Text(text[range.clone()].into())];
            self.found[index] += 1;
            out.push(match self.matcher.target(index) {
                Target::Term(id) => Inline::Term {
                    id: id.clone(),
                    decorated: self.first_in_section(index),
                    content,
                },
                Target::Speaker(id) => Inline::Speaker {
                    id: id.clone(),
                    content,
                },
            });
            last = range.end;
        }
        if last < text.len() {
            push_text(out, &text[last..]);
        }
        self.matches = matches;
    }

    fn first_in_section(&mut self, pattern: usize) -> bool {
        let Some(number) = self.matcher.term_numbers[pattern] else {
            return false;
        };
        let first = self.decorated_in[number] != self.section;
        self.decorated_in[number] = self.section;
        first
    }

    /// Adds the mentions to blocks already built, as if their text had come
    /// now: for footnotes, which follow the article's last section.
    pub fn walk(&mut self, blocks: &mut [Block]) {
        for block in blocks {
            match block {
                Block::Heading { level, .. } => self.heading(*level),
                Block::Paragraph(inlines) => self.inlines(inlines),
                Block::BlockQuote(blocks)
                | Block::Footnote {
                    content: blocks, ..
                } => self.walk(blocks),
                Block::List { items, .. } => items.iter_mut().for_each(|b| self.walk(b)),
                Block::Table { head, rows, .. } => head
                    .iter_mut()
                    .chain(rows.iter_mut().flatten())
                    .for_each(|cell| self.inlines(cell)),
                Block::Code { .. } | Block::RawText(_) | Block::Rule => {}
            }
        }
    }

    /// Finds the mentions in a run of inlines, rebuilding it around them.
    fn inlines(&mut self, inlines: &mut Vec<Inline>) {
        let mut out = Vec::with_capacity(inlines.len());
        for mut inline in inlines.drain(..) {
            match &mut inline {
                Inline::Text(text) => {
                    self.run(text, &mut out);
                    continue;
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    self.inlines(c)
                }
                // Quotes and event passages are annotations, not links: the
                // names in them are still mentions.
                Inline::Quote { content, .. } | Inline::EventRef { content, .. } => {
                    self.inlines(content)
                }
                Inline::Term { id, .. } => self.explicit_term(id),
                _ => {}
            }
            push_inline(&mut out, inline);
        }
        *inlines = out;
    }

    /// How many mentions were added of each of the matcher's names.
    pub fn into_found(self) -> Vec<usize> {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(names: &[(&str, &str)]) -> Matcher {
        Matcher::new(
            names
                .iter()
                .map(|(n, id)| (n.to_string(), Target::Term(TermId::from(*id)))),
        )
        .0
    }

    fn check(names: &[(&str, &str)], text: &str, expect: &[&str]) {
        let m = matcher(names);
        let found: Vec<&str> = m.find(text).into_iter().map(|(r, _)| &text[r]).collect();
        assert_eq!(found, expect, "{text:?}");
    }

    #[test]
    fn any_run_of_white_space_is_a_space() {
        let names = [("article 5", "a"), ("Le Pen", "l")];
        for text in [
            "l'article 5 dit",
            "l'article\u{a0}5 dit",
            "l'article\u{202f}5 dit",
            "l'article  5 dit",
            "l'article\t5 dit",
        ] {
            let found: Vec<String> = matcher(&names)
                .find(text)
                .into_iter()
                .map(|(r, _)| text[r].to_owned())
                .collect();
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert!(
                found[0].starts_with("article") && found[0].ends_with('5'),
                "{text:?}"
            );
        }
        check(&names, "Mme\u{a0}Le\u{a0}Pen", &["Le\u{a0}Pen"]);
        // A name written with a no-break space matches one written plainly.
        check(&[("M.\u{a0}Macron", "m")], "M. Macron", &["M. Macron"]);
        // Acronyms keep their capitals across the space.
        check(&[("UN SC", "u")], "the UN\u{a0}SC met", &["UN\u{a0}SC"]);
        check(&[("UN SC", "u")], "un sc", &[]);
    }

    #[test]
    fn folds_sharp_s_greek_accents_and_turkish_i() {
        check(
            &[("Straße", "s")],
            "STRASSE und Strasse",
            &["STRASSE", "Strasse"],
        );
        check(&[("Fußball", "f")], "FUSSBALL", &["FUSSBALL"]);
        check(
            &[("Σωκράτης", "s")],
            "ΣΩΚΡΑΤΗΣ, Σωκράτης",
            &["ΣΩΚΡΑΤΗΣ", "Σωκράτης"],
        );
        check(&[("λόγος", "l")], "ΛΟΓΟΣ", &["ΛΟΓΟΣ"]);
        check(&[("Işık", "i")], "ışık ve IŞIK", &["ışık", "IŞIK"]);
        check(&[("İzmir", "i")], "İZMİR, izmir", &["İZMİR", "izmir"]);
        check(&[("istiklal", "i")], "İstiklal", &["İstiklal"]);
    }

    #[test]
    fn a_single_capital_letter_is_a_symbol() {
        let names = [("C", "c"), ("R", "r")];
        check(&names, "vitamin c, plan c, the r in bar", &[]);
        check(&names, "written in C and R", &["C", "R"]);
    }

    #[test]
    fn matches_whole_words_only() {
        let names = [("Kremlin", "k")];
        check(&names, "the Kremlin said", &["Kremlin"]);
        check(&names, "Kremlinology", &[]);
        check(&names, "the Kremlin's view", &["Kremlin"]);
        check(&names, "x_Kremlin", &[]);
    }

    #[test]
    fn prefers_leftmost_then_longest() {
        let names = [
            ("Donbas", "d"),
            ("Donbass", "d"),
            ("US", "u"),
            ("US peace plan", "p"),
        ];
        check(&names, "Donbass and Donbas", &["Donbass", "Donbas"]);
        check(&names, "the US peace plan", &["US peace plan"]);
        // The longer candidate fails the word test; the shorter still counts.
        check(&names, "the US peace planned", &["US"]);
    }

    #[test]
    fn folds_case_by_unicode_rules() {
        let names = [("the Russian leader", "p"), ("Донбасс", "d")];
        check(&names, "The Russian leader spoke", &["The Russian leader"]);
        check(&names, "ДОНБАСС и Донбасса", &["ДОНБАСС"]);
        // A character whose lower case is longer keeps offsets right.
        check(&[("x", "x")], "İ x İ", &["x"]);
    }

    #[test]
    fn a_persons_capitalised_name_is_not_the_word_in_lower_case() {
        let speaker = |n: &str| (n.to_string(), Target::Speaker(SpeakerId::from("may")));
        let m = Matcher::new([
            speaker("Theresa May"),
            speaker("May"),
            speaker("bell hooks"),
        ])
        .0;
        let text = "May said we may go; Theresa may not. BELL HOOKS and Bell Hooks agree.";
        let found: Vec<&str> = m.find(text).into_iter().map(|(r, _)| &text[r]).collect();
        // (An all-capitals line and a name at a sentence's start still match.)
        assert_eq!(found, ["May", "BELL HOOKS", "Bell Hooks"]);
        // A term's label matches in any case.
        check(
            &[("Ceasefire", "c")],
            "a ceasefire, the Ceasefire",
            &["ceasefire", "Ceasefire"],
        );
    }

    #[test]
    fn finds_names_in_scripts_without_spaces() {
        check(&[("東京", "t")], "私は東京に住む", &["東京"]);
    }
}

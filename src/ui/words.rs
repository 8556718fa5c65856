//! The widget's own words (panel titles, counts, labels) in the explainer's
//! language, for the languages listed here; English otherwise. Dates and
//! spans of time come from the browser's `Intl` instead (`ui::dates`).
//! Messages for the author (notes, load errors) stay in English.

/// How a language writes "N mentions".
#[derive(Clone, Copy)]
enum Count {
    /// `one` for 1, `other` otherwise (English, German ...).
    OneOther(&'static str, &'static str),
    /// `one` for 0 and 1 (French).
    ZeroOneOther(&'static str, &'static str),
    /// Russian, Ukrainian, Polish: one, few, many.
    Slavic {
        one: &'static str,
        few: &'static str,
        many: &'static str,
        /// Polish: only 1 itself takes `one` (not 21, 31 ...).
        only_one: bool,
    },
    /// Arabic: one, two, 3 to 10, and from 11.
    Arabic,
    /// Hebrew: "one mention" written as a word, then a plural.
    Hebrew,
    /// Chinese, Japanese: a counter after the number, no plural.
    Counter(&'static str),
}

/// The words of one language.
pub struct Words {
    pub people: &'static str,
    pub chronology: &'static str,
    /// The badge of an event that has not happened.
    pub projection: &'static str,
    /// The printed glossary's heading.
    pub glossary: &'static str,
    /// The footnotes' label.
    pub notes: &'static str,
    pub back_to_text: &'static str,
    /// Written before an approximate date ("c. 1764"), space included.
    pub about: &'static str,
    /// What goes before and after a span of years to say it is a gap in
    /// the chronology ("249 years later").
    pub later: (&'static str, &'static str),
    /// The button that clears the reader's selection.
    pub clear: &'static str,
    /// What joins a label to what it labels ("December 2, 2025: Talks").
    pub colon: &'static str,
    count: Count,
}

impl Words {
    /// "1 mention", "9 mentions".
    pub fn mentions(&self, n: usize) -> String {
        match self.count {
            Count::OneOther(one, other) => format!("{n} {}", if n == 1 { one } else { other }),
            Count::ZeroOneOther(one, other) => format!("{n} {}", if n <= 1 { one } else { other }),
            Count::Slavic {
                one,
                few,
                many,
                only_one,
            } => {
                let (last, last_two) = (n % 10, n % 100);
                let word = if n == 1 || (!only_one && last == 1 && last_two != 11) {
                    one
                } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                    few
                } else {
                    many
                };
                format!("{n} {word}")
            }
            Count::Arabic => match n {
                1 => "إشارة واحدة".to_string(),
                2 => "إشارتان".to_string(),
                n if (3..=10).contains(&(n % 100)) => format!("{n} إشارات"),
                n => format!("{n} إشارة"),
            },
            Count::Hebrew => match n {
                1 => "אזכור אחד".to_string(),
                n => format!("{n} אזכורים"),
            },
            Count::Counter(word) => format!("{n}{word}"),
        }
    }
}

const ENGLISH: Words = Words {
    people: "People",
    chronology: "Chronology",
    projection: "Projection",
    glossary: "Glossary",
    notes: "Notes",
    back_to_text: "Back to the text",
    about: "c. ",
    later: ("", " later"),
    clear: "Clear selection",
    colon: ": ",
    count: Count::OneOther("mention", "mentions"),
};

/// By primary language subtag.
const LANGUAGES: &[(&str, Words)] = &[
    (
        "fr",
        Words {
            people: "Personnes",
            chronology: "Chronologie",
            projection: "Projection",
            glossary: "Glossaire",
            notes: "Notes",
            back_to_text: "Retour au texte",
            about: "vers ",
            later: ("", " plus tard"),
            clear: "Effacer la sélection",
            colon: "\u{202f}: ",
            count: Count::ZeroOneOther("mention", "mentions"),
        },
    ),
    (
        "de",
        Words {
            people: "Personen",
            chronology: "Chronologie",
            projection: "Prognose",
            glossary: "Glossar",
            notes: "Anmerkungen",
            back_to_text: "Zurück zum Text",
            about: "ca. ",
            later: ("", " später"),
            clear: "Auswahl aufheben",
            colon: ": ",
            count: Count::OneOther("Erwähnung", "Erwähnungen"),
        },
    ),
    (
        "es",
        Words {
            people: "Personas",
            chronology: "Cronología",
            projection: "Proyección",
            glossary: "Glosario",
            notes: "Notas",
            back_to_text: "Volver al texto",
            about: "c. ",
            later: ("", " después"),
            clear: "Borrar la selección",
            colon: ": ",
            count: Count::OneOther("mención", "menciones"),
        },
    ),
    (
        "it",
        Words {
            people: "Persone",
            chronology: "Cronologia",
            projection: "Proiezione",
            glossary: "Glossario",
            notes: "Note",
            back_to_text: "Torna al testo",
            about: "c. ",
            later: ("", " dopo"),
            clear: "Annulla la selezione",
            colon: ": ",
            count: Count::OneOther("menzione", "menzioni"),
        },
    ),
    (
        "pt",
        Words {
            people: "Pessoas",
            chronology: "Cronologia",
            projection: "Projeção",
            glossary: "Glossário",
            notes: "Notas",
            back_to_text: "Voltar ao texto",
            about: "c. ",
            later: ("", " depois"),
            clear: "Limpar a seleção",
            colon: ": ",
            count: Count::OneOther("menção", "menções"),
        },
    ),
    (
        "ru",
        Words {
            people: "Люди",
            chronology: "Хронология",
            projection: "Прогноз",
            glossary: "Глоссарий",
            notes: "Примечания",
            back_to_text: "Вернуться к тексту",
            about: "ок. ",
            later: ("спустя ", ""),
            clear: "Снять выбор",
            colon: ": ",
            count: Count::Slavic {
                one: "упоминание",
                few: "упоминания",
                many: "упоминаний",
                only_one: false,
            },
        },
    ),
    (
        "uk",
        Words {
            people: "Люди",
            chronology: "Хронологія",
            projection: "Прогноз",
            glossary: "Глосарій",
            notes: "Примітки",
            back_to_text: "Повернутися до тексту",
            about: "бл. ",
            later: ("через ", ""),
            clear: "Скасувати вибір",
            colon: ": ",
            count: Count::Slavic {
                one: "згадка",
                few: "згадки",
                many: "згадок",
                only_one: false,
            },
        },
    ),
    (
        "pl",
        Words {
            people: "Osoby",
            chronology: "Chronologia",
            projection: "Prognoza",
            glossary: "Słowniczek",
            notes: "Przypisy",
            back_to_text: "Powrót do tekstu",
            about: "ok. ",
            later: ("", " później"),
            clear: "Wyczyść wybór",
            colon: ": ",
            count: Count::Slavic {
                one: "wzmianka",
                few: "wzmianki",
                many: "wzmianek",
                only_one: true,
            },
        },
    ),
    (
        "ar",
        Words {
            people: "الأشخاص",
            chronology: "التسلسل الزمني",
            projection: "توقّع",
            glossary: "مسرد المصطلحات",
            notes: "ملاحظات",
            back_to_text: "العودة إلى النص",
            about: "نحو ",
            later: ("بعد ", ""),
            clear: "إلغاء التحديد",
            colon: ": ",
            count: Count::Arabic,
        },
    ),
    (
        "he",
        Words {
            people: "אנשים",
            chronology: "ציר הזמן",
            projection: "תחזית",
            glossary: "מילון מונחים",
            notes: "הערות",
            back_to_text: "חזרה לטקסט",
            about: "בערך ",
            later: ("כעבור ", ""),
            clear: "ניקוי הבחירה",
            colon: ": ",
            count: Count::Hebrew,
        },
    ),
    (
        "zh",
        Words {
            people: "人物",
            chronology: "大事年表",
            projection: "预测",
            glossary: "术语表",
            notes: "注释",
            back_to_text: "返回正文",
            about: "约",
            later: ("", "后"),
            clear: "清除选择",
            colon: "：",
            count: Count::Counter(" 次提及"),
        },
    ),
    (
        "ja",
        Words {
            people: "人物",
            chronology: "年表",
            projection: "予測",
            glossary: "用語集",
            notes: "注",
            back_to_text: "本文に戻る",
            about: "約",
            later: ("", "後"),
            clear: "選択を解除",
            colon: "：",
            count: Count::Counter(" 件の言及"),
        },
    ),
];

/// The words for language tag `lang` (`fr`, `pt-BR`, `zh-Hant` ...).
pub fn words(lang: &str) -> &'static Words {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .find(|(tag, _)| tag.eq_ignore_ascii_case(primary))
        .map_or(&ENGLISH, |(_, words)| words)
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn counts_follow_each_languages_plural_rules() {
        let counts = |lang: &str, ns: &[usize]| -> Vec<String> {
            ns.iter().map(|&n| words(lang).mentions(n)).collect()
        };
        assert_eq!(counts("en-GB", &[1, 2]), ["1 mention", "2 mentions"]);
        assert_eq!(
            counts("fr", &[0, 1, 2]),
            ["0 mention", "1 mention", "2 mentions"]
        );
        assert_eq!(
            counts("ru", &[1, 3, 5, 11, 21, 22, 112]),
            [
                "1 упоминание",
                "3 упоминания",
                "5 упоминаний",
                "11 упоминаний",
                "21 упоминание",
                "22 упоминания",
                "112 упоминаний"
            ]
        );
        assert_eq!(
            counts("pl", &[1, 21, 22]),
            ["1 wzmianka", "21 wzmianek", "22 wzmianki"]
        );
        assert_eq!(
            counts("ar", &[1, 2, 3, 11, 103]),
            [
                "إشارة واحدة",
                "إشارتان",
                "3 إشارات",
                "11 إشارة",
                "103 إشارات"
            ]
        );
        assert_eq!(counts("ja", &[4]), ["4 件の言及"]);
        assert_eq!(words("PT-br").people, "Pessoas");
        assert_eq!(words("xx").people, "People");
        assert_eq!(words("").chronology, "Chronology");
        assert_eq!(words("ru").later, ("спустя ", ""));
    }
}

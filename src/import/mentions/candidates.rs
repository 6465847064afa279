//! Spotting names of people and bodies that match no entity file: a person-like name next to a
//! position word, or a capitalised adjective before an organization's head noun.

use std::collections::BTreeMap;

use super::found::Candidate;
use super::names;
use crate::text::Token;
use crate::text::stem::{kk_inflects_folded, ru_inflects_folded, ru_stem};

/// Words for positions that stand next to a person's name: Russian (before the name, in any
/// case form) and Kazakh (the possessive form before the name: «Премьер-министрі Олжас Бектенов»).
const TITLES_RU: [&str; 24] = [
    "политолог",
    "эксперт",
    "аналитик",
    "профессор",
    "депутат",
    "представитель",
    "генсек",
    "премьер-министр",
    "президент",
    "министр",
    "секретарь",
    "председатель",
    "глава",
    "заместитель",
    "вице-премьер",
    "посол",
    "губернатор",
    "аким",
    "мэр",
    "сопредседатель",
    "директор",
    "руководитель",
    "спикер",
    "премьер",
];
const TITLES_KK: [&str; 15] = [
    "саясаттанушы",
    "сарапшы",
    "өкіл",
    "депутат",
    "премьер-министр",
    "президент",
    "министр",
    "хатшы",
    "төраға",
    "басшы",
    "орынбасар",
    "вице-премьер",
    "әкім",
    "елші",
    "кеңесші",
];

/// Head nouns of organization names, in the nominative; matched in any case form.
const ORG_HEADS_RU: [&str; 17] = [
    "министерство",
    "комитет",
    "агентство",
    "фонд",
    "банк",
    "ассоциация",
    "палата",
    "корпорация",
    "консорциум",
    "центр",
    "комиссия",
    "организация",
    "союз",
    "институт",
    "университет",
    "служба",
    "объединение",
];
const ORG_HEADS_KK: [&str; 6] = ["министрлік", "комитет", "агенттік", "қор", "банк", "орталық"];

/// Words for councils and unions, which end an organization's name that starts with capitalised
/// words («Түркі кеңесі», «Высший Евразийский экономический совет»): a capitalised word before
/// one is no part of a person's name.
const COUNCIL_HEADS: [&str; 6] = ["совет", "кеңес", "ұйым", "одақ", "союз", "организаци"];

/// Words for a region's unit, which end a place's name the same way («Ақмола облысы»,
/// «Акмолинской области», «Бурабай ауданы»): a capitalised word before one is a place's.
const PLACE_HEADS: [&str; 5] = ["облыс", "област", "аудан", "район", "қаласы"];

/// Parts of the world, which end a region's name that looks like a first name and a surname
/// («Центральная Азия», «Орталық Азия», «Ближний Восток»): stems, matched as prefixes.
const REGIONS: [&str; 7] = ["ази", "европ", "америк", "африк", "восток", "шығыс", "кавказ"];

fn is_title_word(t: &Token) -> bool {
    // «вице-президент», «экс-премьер»: a position word with a prefix is one too.
    let word = ["вице-", "экс-"]
        .iter()
        .find_map(|p| t.folded.strip_prefix(p))
        .unwrap_or(t.folded.as_str());
    if TITLES_RU.iter().any(|w| word.strip_prefix(w).is_some_and(|r| r.starts_with('-'))) {
        return true;
    }
    // A form of a position word starts with its first letter (the stem is a prefix of both) and
    // is at most ten letters longer; any other token is no position word, unstemmed: stemming
    // every token against every position word made a long fuzzed page take over ten seconds.
    if word.chars().count() > 25 {
        return false;
    }
    let first = word.chars().next();
    // A short position word (мэр, аким) must begin the word: Snowball cuts «акил» and «аким»
    // alike to «ак».
    TITLES_RU.iter().any(|w| {
        w.chars().next() == first
            && (w.chars().count() > 4 || word.starts_with(w))
            && ru_inflects_folded(word, w)
    }) || TITLES_KK.iter().any(|w| kk_inflects_folded(word, w))
}

/// A Russian adjective form (Евразийский, Азиатского, Межбанковское).
fn is_adjective(folded: &str) -> bool {
    [
        "ий", "ый", "ой", "ая", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему", "ую", "ых",
        "их", "ым", "им",
    ]
    .iter()
    .any(|e| folded.ends_with(e))
        && folded.chars().count() > 4
}

fn is_org_head(t: &Token) -> bool {
    ORG_HEADS_RU.iter().any(|w| ru_inflects_folded(&t.folded, w))
        || ORG_HEADS_KK.iter().any(|w| kk_inflects_folded(&t.folded, w))
}

/// Candidates in `toks` (the words of `text`), where `covered` marks words of known names.
pub(super) fn candidates(text: &str, toks: &[Token], covered: &[bool]) -> Vec<Candidate> {
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut note = |kind: &'static str, key: String, name: String, form: String| {
        let c = found.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Candidate { kind, name: name.clone(), forms: Vec::new(), count: 0 }
        });
        c.count += 1;
        // A full name rather than initials («Владимир Путин», not «В.Путин»), then the shortest
        // form, most often the nominative (Шаккалиев, not Шаккалиевым).
        let rank = |n: &str| (n.contains('.'), n.chars().count());
        if rank(&name) < rank(&c.name) {
            c.name = name;
        }
        if !c.forms.contains(&form) {
            c.forms.push(form);
        }
    };
    // Whether each token is a position word, stemmed once per token: asked up to ten times
    // for each, with a Snowball stem per title word, it made a long text of capitalised words
    // (a fuzzed 48 KB page) take over ten seconds.
    let title: Vec<bool> = toks.iter().map(is_title_word).collect();
    let shape = Shape { text, toks, covered, title: &title, kazakh: is_kazakh(text) };
    let mut i = 0;
    while i < toks.len() {
        // People: a name (initials + surname, or two or three capitalised words) next to a
        // position word, after «Country –» in a list, or shaped as a first name and a surname.
        let name_len = shape.person_name_at(i);
        if name_len > 0 && shape.is_person(i, name_len) && !is_region(&toks[i + name_len - 1]) {
            let words: Vec<&Token> = toks[i..i + name_len].iter().collect();
            let form = join_name(&words, None);
            let last = words.last().map(|w| names::nominative(w.text, shape.kazakh));
            let mut name = join_name(&words, last.as_deref());
            if let [first, .., l] = words.as_slice()
                && !shape.kazakh
                && !first.initial
            {
                let nom = names::first_nominative(first.text, l.text);
                name = format!("{nom}{}", &name[first.text.len()..]);
            }
            let key = person_key(&words, last.as_deref().unwrap_or(""));
            note("person", key, name, form);
            i += name_len;
            continue;
        }
        if let Some((end, key, form)) = organization_at(toks, covered, i) {
            note("organization", key, form.clone(), form);
            i = end;
            continue;
        }
        i += 1;
    }
    let mut out: Vec<Candidate> = order.into_iter().filter_map(|k| found.remove(&k)).collect();
    for c in out.iter_mut().filter(|c| c.kind == "person") {
        c.name = nominative_from_paradigm(&c.name, &c.forms);
    }
    out
}

/// Whether a name's last word is a part of the world (a region, not a person): a stem of
/// [`REGIONS`] and at most a two-letter ending (Азия, Азии, Азией; not Азимов).
fn is_region(last: &Token) -> bool {
    REGIONS
        .iter()
        .any(|r| last.folded.strip_prefix(r).is_some_and(|rest| rest.chars().count() <= 2))
}

/// Russian case endings a name word takes (genitive, dative, instrumental, prepositional).
const RU_ENDINGS: [&str; 7] = ["ом", "ем", "ым", "а", "у", "е", "ы"];

/// A folded name word without a Russian case ending: the part the forms of one name share
/// («жапаров», «жапарова», «жапаровым» → «жапаров»; «цзиньпина», «цзиньпином» → «цзиньпин»).
fn ru_name_stem(folded: &str) -> &str {
    RU_ENDINGS
        .iter()
        .filter_map(|e| folded.strip_suffix(e))
        .find(|s| s.chars().count() >= 3)
        .unwrap_or(folded)
}

/// What the forms of one person's name in a text share: the first letter of the first word and
/// the stem of the last, so that «Садыр Жапаров» and «Садыра Жапарова» are one candidate (and
/// the shorter, nominative form names it).
fn person_key(words: &[&Token], last_nominative: &str) -> String {
    let first = words.first().and_then(|w| w.folded.chars().next()).unwrap_or(' ');
    let last = crate::text::fold(last_nominative);
    format!("p:{first}:{}", ru_stem(ru_name_stem(&last)))
}

/// A name seen only in oblique cases, back to its nominative when its forms prove it: a form in
/// the masculine instrumental (-ом, -ем) shows a stem ending in a consonant, so the genitive or
/// dative form taken as the name («Си Цзиньпина» beside «Си Цзиньпином») drops its ending too.
fn nominative_from_paradigm(name: &str, forms: &[String]) -> String {
    let last_of = |n: &str| n.rsplit([' ', '.']).next().unwrap_or_default().to_string();
    let last = last_of(name);
    let stems: Vec<String> = forms
        .iter()
        .map(|f| last_of(f))
        .filter_map(|w| ["ом", "ем"].iter().find_map(|e| w.strip_suffix(e).map(str::to_string)))
        .filter(|s| s.chars().last().is_some_and(|c| !"аеёиоуыэюяьй".contains(c)))
        .collect();
    for stem in stems {
        let oblique = ["а", "у"].iter().any(|e| last == format!("{stem}{e}"));
        if oblique {
            return format!("{}{stem}", &name[..name.len() - last.len()]);
        }
    }
    name.to_string()
}

/// An organization's name at `i`: a capitalised adjective (not opening a sentence) before a head
/// noun, and up to two lowercase words after it («Евразийский банк развития»), as (one past its
/// last word, its key, the name as written).
fn organization_at(toks: &[Token], covered: &[bool], i: usize) -> Option<(usize, String, String)> {
    let t = &toks[i];
    let starts = t.capitalized
        && !t.all_caps
        && !covered[i]
        && !t.sentence_start
        && is_adjective(&t.folded)
        && toks.get(i + 1).is_some_and(|n| is_org_head(n) && !covered[i + 1]);
    if !starts {
        return None;
    }
    let mut end = i + 2;
    while end < toks.len()
        && end < i + 4
        && !covered[end]
        && !toks[end].sentence_start
        && !toks[end].capitalized
        && toks[end].folded.chars().count() > 3
    {
        end += 1;
    }
    let form = toks[i..end].iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    let key = format!(
        "o:{}",
        toks[i..i + 2]
            .iter()
            .map(|t| t.folded.chars().take(5).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    );
    Some((end, key, form))
}

/// A text is read as Kazakh for names when it has a letter only Kazakh uses.
fn is_kazakh(text: &str) -> bool {
    text.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c))
}

/// What deciding on a person's name needs of the text.
struct Shape<'a, 't> {
    text: &'a str,
    toks: &'a [Token<'t>],
    covered: &'a [bool],
    title: &'a [bool],
    kazakh: bool,
}

impl Shape<'_, '_> {
    /// The text between two tokens.
    fn gap(&self, a: usize, b: usize) -> &str {
        &self.text[self.toks[a].end..self.toks[b].start]
    }

    /// Whether word `j` may be part of a person's name: capitalised, of two letters or more,
    /// not an abbreviation, a known name or a position word, and not the first word of an
    /// organization's name (a council word follows it: «Түркі кеңесі», «Высший Евразийский
    /// экономический совет»).
    fn name_word(&self, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else { return false };
        t.capitalized
            && !t.all_caps
            && !self.covered[j]
            && !self.title[j]
            && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !(j + 1..self.toks.len().min(j + 4))
                .take_while(|&n| {
                    !self.toks[n].capitalized && self.gap(n - 1, n).chars().all(char::is_whitespace)
                })
                .any(|n| {
                    let f = &self.toks[n].folded;
                    COUNCIL_HEADS.iter().chain(&PLACE_HEADS).any(|h| f.starts_with(h))
                })
    }

    /// Whether word `j` continues the name of word `j - 1`: only a space between them (a comma,
    /// a dash or a quote ends a name), and not after a Kazakh word with a case ending, which
    /// ends a name.
    fn continues(&self, j: usize) -> bool {
        self.name_word(j)
            && !self.toks[j].sentence_start
            && self.gap(j - 1, j).chars().all(char::is_whitespace)
            && !(self.kazakh && names::kk_case_stem(&self.toks[j - 1].folded).is_some())
    }

    /// Length of a person-like name starting at `i`: initials + surname, or 2–3 capitalised
    /// words none of which is a known entity or an abbreviation.
    fn person_name_at(&self, i: usize) -> usize {
        let toks = self.toks;
        let mut j = i;
        while j < toks.len() && toks[j].initial && !self.covered[j] {
            j += 1;
        }
        if j > i && self.name_word(j) {
            return j + 1 - i;
        }
        if toks[i].sentence_start || !self.name_word(i) || !self.continues(i + 1) {
            return 0;
        }
        if i + 2 < toks.len() && self.continues(i + 2) { 3 } else { 2 }
    }

    /// Whether the name at `i` of `len` words is a person's: a position word before it (over
    /// lowercase words and known names, not across a number or a colon: «министр иностранных
    /// дел Республики Узбекистан Бахтиёр Саидов») or right after it, a list entry «Country –
    /// Name», or two words whose last is shaped as a surname.
    fn is_person(&self, i: usize, len: usize) -> bool {
        let toks = self.toks;
        let mut before = false;
        let mut j = i;
        while j > 0 && i - j < 10 && !toks[j].sentence_start {
            if self.gap(j - 1, j).contains([':', ';']) {
                break;
            }
            j -= 1;
            if self.title[j] {
                before = true;
                break;
            }
            if toks[j].text.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
        }
        let after = self.title.get(i + len).is_some_and(|t| *t) && !toks[i + len].sentence_start;
        let listed = i > 0
            && (self.covered[i - 1] || toks[i - 1].capitalized)
            && self.gap(i - 1, i).contains(['-', '–', '—'])
            && len >= 2;
        let last = names::nominative(toks[i + len - 1].text, self.kazakh);
        let shaped =
            len >= 2 && !toks[i + len - 1].initial && names::is_surname(&crate::text::fold(&last));
        before || after || listed || shaped
    }
}

/// The words of a name joined as written (initials with their dots), the last replaced by
/// `last` when given.
fn join_name(words: &[&Token], last: Option<&str>) -> String {
    let mut s = String::new();
    for (n, w) in words.iter().enumerate() {
        match last {
            Some(l) if n + 1 == words.len() => s.push_str(l),
            _ => s.push_str(w.text),
        }
        s.push(if w.initial { '.' } else { ' ' });
    }
    s.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// A sentence naming no known entity → its candidates, as `kind:name×count`.
    const CASES: &[(&str, &[&str])] = &[
        // A Russian position word before a name, in an oblique case.
        (
            "Встреча с министром иностранных дел Мурат Нуртлеу прошла в среду.",
            &["person:Мурат Нуртлеу×1"],
        ),
        // Initials and a surname, named twice: the instrumental goes back to the nominative,
        // and both are one candidate.
        (
            "Заявление сделал заместитель министра Р.Т.Шаккалиев. Позже с Р.Т.Шаккалиевым говорили.",
            &["person:Р.Т.Шаккалиев×2"],
        ),
        // A list «Country – Name», after a position word out of reach.
        (
            "Приехали премьер-министры: Грузии – Нодар Беридзе, Армении – Ашот Саркисян.",
            &["person:Нодар Беридзе×1", "person:Ашот Саркисян×1"],
        ),
        // A comma ends a name; so does a Kazakh case ending, which comes off.
        (
            "Сенегал президенті Амаду Диалло, Непал премьер-министрі Рам Тапа келді.",
            &["person:Амаду Диалло×1", "person:Рам Тапа×1"],
        ),
        ("Президент Амаду Диаллоны Ақсарайда қарсы алды.", &["person:Амаду Диалло×1"]),
        // A position word in the next sentence is not this name's.
        ("Об этом сообщает Радио Свобода. Президент страны уехал.", &[]),
        // A capitalised word opening an organization's name is not the name's.
        (
            "Сауда министрі Ерлан Сапарбеков Түрік кеңесінің жиынында",
            &["person:Ерлан Сапарбеков×1"],
        ),
        // A text cut inside a name: one letter is no name word.
        ("Мемлекет басшысы Ерлан С", &[]),
        // A first name and a surname shaped as one, with no position word.
        (
            "Об этом рассказали Ерлан Сапарбеков и Данияр Ахметов.",
            &["person:Ерлан Сапарбеков×1", "person:Данияр Ахметов×1"],
        ),
        // Initials, then the full name: the full name is proposed.
        (
            "Сказал президент В.Путин. Позже президент Владимир Путин уехал.",
            &["person:Владимир Путин×2"],
        ),
        // A position word with a prefix.
        ("Прибыл вице-президент Амаду Диалло.", &["person:Амаду Диалло×1"]),
        // A Kazakh possessive position word before the name.
        (
            "Үкімет басшысы Премьер-министрі Олжас Бектенов сөз сөйледі.",
            &["person:Олжас Бектенов×1"],
        ),
        // A position word after the name.
        (
            "Как отметил Алихан Смаилов, председатель комиссии, работа идет.",
            &["person:Алихан Смаилов×1"],
        ),
        // Two capitalised words with no position word near and no surname are no candidate…
        ("Вчера в городе Белая Церковь открыли выставку.", &[]),
        // …but a first name and a surname are.
        ("Вчера в городе Алихан Смаилов открыл выставку.", &["person:Алихан Смаилов×1"]),
        // An organization: a capitalised adjective before a head noun, then lowercase words.
        (
            "Средства выделит Евразийский банк развития в этом году.",
            &["organization:Евразийский банк развития×1"],
        ),
        // The head noun in an oblique case.
        (
            "Договор с Азиатским банком инфраструктурных инвестиций.",
            &["organization:Азиатским банком инфраструктурных инвестиций×1"],
        ),
        // An adjective opening a sentence is not taken.
        ("Евразийский банк развития выделит средства.", &[]),
        // Abbreviations in capitals are neither people nor adjectives.
        ("Премьер-министр РК ЕАЭС заявил.", &[]),
        // The same person twice counts twice.
        ("Посол Ли Мин вручил грамоты. Посол Ли Мин уехал.", &["person:Ли Мин×2"]),
        // A nominative and a genitive of one name are one candidate, named by the nominative.
        (
            "Президент Данияр Ахметов прибыл. Президента Данияра Ахметова встретили.",
            &["person:Данияр Ахметов×2"],
        ),
        // A genitive beside an instrumental goes back to the consonant stem.
        (
            "По приглашению председателя Ли Миньчжэна. Встреча с председателем Ли Миньчжэном.",
            &["person:Ли Миньчжэн×2"],
        ),
        // A part of the world is no person; a region's unit ends a name.
        ("Президент приехал в Центральную Азию. Министр Орталық Азия туралы.", &[]),
        ("Прибыл вице-премьер Рустам Азимов.", &["person:Рустам Азимов×1"]),
        ("Президент Амаду Диалло Ақмола облысы аумағында болды.", &["person:Амаду Диалло×1"]),
    ];

    #[test]
    fn names_with_no_entity_file_are_spotted() {
        for (text, want) in CASES {
            let toks = tokenize(text);
            let got: Vec<String> = candidates(text, &toks, &vec![false; toks.len()])
                .into_iter()
                .map(|c| format!("{}:{}×{}", c.kind, c.name, c.count))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    /// A word → whether it is a position word.
    const TITLES: &[(&str, bool)] = &[
        ("министр", true),
        ("министром", true),
        ("Премьер-министра", true),
        ("вице-премьер-министр", true),
        ("төрағасы", true),
        ("әкімі", true),
        ("заместителя", true),
        ("Алихан", false),
        ("Акил", false),
        ("акима", true),
        ("министерство", false),
    ];

    #[test]
    fn position_words_in_any_form() {
        for (word, want) in TITLES {
            assert_eq!(is_title_word(&tokenize(word)[0]), *want, "{word}");
        }
    }

    #[test]
    fn names_join_initials_with_dots() {
        let toks = tokenize("Р.Т. Шаккалиев");
        assert_eq!(join_name(&toks.iter().collect::<Vec<_>>(), None), "Р.Т.Шаккалиев");
    }
}

//! Document bodies as the build and `archive check` see them: raw HTML that must not swallow
//! the text after it, control characters that must not reach any page or feed, sanitizing that
//! drops text (a warning) and nesting too deep to render (an error), each naming file and line.

use crate::common::*;

/// A dated Russian document with `title` (a YAML value) and `body`, at
/// content/documents/2024/<slug>.md; its body starts on line 8.
fn document(f: &Fixture, slug: &str, title: &str, body: &str) {
    f.write(
        &format!("content/documents/2024/{slug}.md"),
        &format!(
            "---\ntitle: {title}\nlang: ru\ndate: 2024-03-01\nkind: news\ncountries: [kazakhstan]\n---\n{body}"
        ),
    );
}

/// `archive check`'s text report and exit code.
fn check(root: &std::path::Path) -> (Option<i32>, String) {
    check_site(root, &[])
}

/// The text of a page a reader sees (outside scripts, styles and other raw-text elements).
fn seen(html: &str) -> String {
    const HIDDEN: [&str; 11] = [
        "script",
        "style",
        "template",
        "textarea",
        "title",
        "noscript",
        "iframe",
        "noembed",
        "noframes",
        "xmp",
        "plaintext",
    ];
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for node in doc.tree.root().descendants() {
        let scraper::Node::Text(t) = node.value() else { continue };
        let hidden = node
            .ancestors()
            .any(|a| a.value().as_element().is_some_and(|e| HIDDEN.contains(&e.name())));
        if !hidden {
            out.push_str(t);
        }
    }
    out
}

#[test]
fn stray_tags_in_a_body_swallow_nothing_on_the_page() {
    let f = Fixture::new(&["minimal"]);
    let stray = ["<script>", "<style>", "<template>", "<textarea>", "<!--", "<math><style>"];
    let body: String = stray
        .iter()
        .enumerate()
        .map(|(i, tag)| format!("Абзац {i}: тег {tag} в тексте, слово{i}.\n\n{tag}\nстрока{i}\n\n"))
        .collect::<String>()
        + "Последний **абзац**.\n";
    document(&f, "tegi", "Теги", &body);
    let report = f.build("https://example.org/").unwrap();
    assert!(report.diagnostics.is_empty() || !report.diagnostics.has_errors());
    let page = seen(&read(&f.out(), "ru/documents/2024/tegi/index.html"));
    let mut from = 0;
    for i in 0..stray.len() {
        for w in [format!("слово{i}"), format!("строка{i}")] {
            let at = page[from..].find(&w).unwrap_or_else(|| panic!("«{w}» lost: {page}"));
            from += at + w.len();
        }
    }
    assert!(page[from..].contains("Последний абзац"), "{page}");
}

/// What no HTML or XML page may hold: control characters but tab and line ends, DEL, C1
/// controls, noncharacters.
fn forbidden(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || n & 0xfffe == 0xfffe
}

#[test]
fn control_characters_never_reach_a_page_or_feed() {
    let f = Fixture::new(&["minimal"]);
    document(
        &f,
        "upravlyayushchie",
        "\"Заго\\0ло\\x01вок\\x7f \\u0085\\u009f\\uFFFE\\x1b\"",
        "Текст\u{0}\u{1}\u{b}\u{1b}\u{7f}\u{85}\u{9f}\u{fdd0}\u{fffe} и &#1;&#x7f;&#128;.\n\n# Раз\u{2}дел\n",
    );
    f.build("https://example.org/").unwrap();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(f.out()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if !path.extension().is_some_and(|e| e == "html" || e == "xml") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let bad: Vec<char> = text.chars().filter(|&c| forbidden(c)).collect();
        assert!(bad.is_empty(), "{}: {bad:?}", path.display());
        checked += 1;
    }
    assert!(checked > 20, "{checked} files checked");
    let page = read(&f.out(), "ru/documents/2024/upravlyayushchie/index.html");
    assert!(page.contains("Заголовок") && page.contains("Раздел"), "{page}");
    let feed = read(&f.out(), "ru/feed.xml");
    assert!(feed.contains("Заголовок"), "{feed}");
}

#[test]
fn sanitizer_dropping_text_is_a_warning_naming_file_and_line() {
    let f = Fixture::new(&["minimal"]);
    document(
        &f,
        "skrytoe",
        "Скрытое",
        "Первый абзац.\n\n<div>видно <template>спрятано</template></div>\n",
    );
    let report = f.build("https://example.org/").unwrap();
    let warnings: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    let expected = "warning: content/documents/2024/skrytoe.md:10: raw HTML: the sanitizer removed text a reader would see («спрятано»)";
    assert!(warnings.iter().any(|w| w.starts_with(expected)), "{warnings:#?}");
    let (code, text) = check(&f.root());
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains(expected), "{text}");
}

#[test]
fn deep_nesting_is_an_error_naming_file_and_line() {
    let f = Fixture::new(&["minimal"]);
    let n = 100_000;
    document(&f, "divy", "Дивы", &format!("Начало.\n\n{}\n", "<div>".repeat(n)));
    document(&f, "tsitaty", "Цитаты", &format!("Начало.\n\nЕщё.\n\n{}x\n", "> ".repeat(n)));
    document(&f, "vydelenie", "Выделение", &format!("{}x{}\n", "*".repeat(n), "*".repeat(n)));
    let before = std::time::Instant::now();
    let e = f.build("https://example.org/").unwrap_err().to_string();
    eprintln!("refused in {:?}", before.elapsed());
    for at in ["divy.md:10", "tsitaty.md:12", "vydelenie.md:8"] {
        let line =
            format!("error: content/documents/2024/{at}: the text nests deeper than 256 levels");
        assert!(e.contains(&line), "{line} not in:\n{e}");
    }
    assert!(!f.out().exists(), "nothing is published");
    let (code, text) = check(&f.root());
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("divy.md:10") && text.contains("tsitaty.md:12"), "{text}");
}

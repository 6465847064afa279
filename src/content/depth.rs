//! A bound on how deeply front matter nests, checked before the YAML parser sees the text.
//!
//! libyaml's scanner does work per open flow collection for every token, so 100,000 `[` in a
//! front matter block took it minutes. Real front matter nests three or four levels (a list of
//! roles, each with a title per language); [`check`] refuses more than [`MAX_DEPTH`] in one
//! linear pass over the text. It follows enough of YAML to count what the parser would nest —
//! flow collections (`[`, `{`) outside quotes and comments, block indentation, compact block
//! entries (`- - x`) — and skips block scalars (`|`, `>`), whose text is not nested.

/// The deepest nesting front matter may have.
pub const MAX_DEPTH: usize = 64;

/// Checks that `yaml` nests at most [`MAX_DEPTH`] levels; on failure returns the 0-based line
/// where it first goes deeper.
///
/// ```
/// use archive::content::depth::check;
/// assert_eq!(check("a: [[1], {b: [2]}]\nc:\n  - - x\n"), Ok(()));
/// assert_eq!(check(&format!("a: 1\nb: {}\n", "[".repeat(100))), Err(1));
/// ```
pub fn check(yaml: &str) -> Result<(), usize> {
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    let mut quote: Option<u8> = None;
    // Indentation of the line that opened a block scalar, while in one.
    let mut block_scalar: Option<usize> = None;
    for (i, line) in yaml.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = bytes[indent..].iter().all(|b| b.is_ascii_whitespace());
        if let Some(owner) = block_scalar {
            if blank || indent > owner {
                continue;
            }
            block_scalar = None;
        }
        let mut compact = 0;
        let mut value_start = true;
        if flow == 0 && quote.is_none() {
            if blank || bytes[indent] == b'#' {
                continue;
            }
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        let mut j = if flow == 0 && quote.is_none() { indent } else { 0 };
        while j < bytes.len() {
            let b = bytes[j];
            let next_is_space = bytes.get(j + 1).is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r'));
            if let Some(q) = quote {
                if b == b'\\' && q == b'"' {
                    j += 1;
                } else if b == q {
                    quote = None;
                }
                j += 1;
                continue;
            }
            match b {
                b'#' if j == 0 || matches!(bytes[j - 1], b' ' | b'\t') => break,
                b'[' | b'{' if flow > 0 || value_start => {
                    flow += 1;
                    value_start = true;
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                b'"' | b'\'' if flow > 0 || value_start => quote = Some(b),
                b'|' | b'>' if flow == 0 && value_start => {
                    block_scalar = Some(indent);
                    break;
                }
                b'-' | b'?' if flow == 0 && value_start && next_is_space => compact += 1,
                b':' if next_is_space => value_start = true,
                b',' if flow > 0 => value_start = true,
                b'&' | b'!' if value_start => {
                    // An anchor or a tag before a value: the value still starts after it.
                    while j + 1 < bytes.len() && !matches!(bytes[j + 1], b' ' | b'\t') {
                        j += 1;
                    }
                }
                b' ' | b'\t' | b'\r' => {}
                _ if flow == 0 => value_start = false,
                _ => {}
            }
            if indents.len() + compact + flow > MAX_DEPTH {
                return Err(i);
            }
            j += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, n: usize) -> String {
        format!("title: x\ncountries: {}\n", open.repeat(n))
    }

    #[test]
    fn deep_nesting_is_refused_on_its_line() {
        for open in ["[", "{", "{a: ", "[a, ", "- ", "&x [", "!!seq ["] {
            assert_eq!(check(&nested(open, MAX_DEPTH + 1)), Err(1), "{open:?}");
            assert_eq!(check(&nested(open, MAX_DEPTH - 2)), Ok(()), "{open:?}");
        }
        // Block style: one more level per line.
        let mut deep = String::new();
        for level in 0..=MAX_DEPTH {
            deep.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
        }
        assert_eq!(check(&deep), Err(MAX_DEPTH));
        // Closed collections do not add up.
        assert_eq!(check(&format!("a: {}\n", "[1] ".repeat(1000))), Ok(()));
        assert_eq!(check(&format!("a: [{}]\n", "[1], ".repeat(1000))), Ok(()));
    }

    #[test]
    fn brackets_in_text_are_not_nesting() {
        let many = "[".repeat(MAX_DEPTH * 2);
        for yaml in [
            format!("title: a {many}\n"),
            format!("title: \"{many}\"\n"),
            format!("title: '{many}'\n"),
            format!("title: \"a\\\"{many}\"\n"),
            format!("title: x # {many}\n"),
            format!("# {many}\ntitle: x\n"),
            format!("title: |\n  {many}\n  {many}\nlang: ru\n"),
            format!("title: >-\n  {many}\n\n  {many}\nlang: ru\n"),
            format!("title: \"multi\n  line {many}\"\n"),
            format!("countries: [\"{many}\", '{many}']\n"),
        ] {
            assert_eq!(check(&yaml), Ok(()), "{yaml}");
        }
    }

    #[test]
    fn a_hundred_thousand_brackets_take_one_linear_pass() {
        let yaml = nested("[", 100_000);
        let t = std::time::Instant::now();
        assert_eq!(check(&yaml), Err(1));
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    }
}

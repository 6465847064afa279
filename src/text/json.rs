//! Small JSON objects written straight into text, for the JSON-LD of every page and the
//! CSL-JSON of every document. Keys come out sorted, as a `serde_json::Map` would write them,
//! so the order they are set in does not matter; strings are escaped for JSON and for a
//! `<script>` element in one pass ([`super::escape::json_in_script`]). Building serde_json
//! values and then serializing and escaping them again cost more than the rest of a document
//! page's metadata.

use super::escape::push_json_in_script;

/// A JSON object being written.
#[derive(Debug, Default, Clone)]
pub(crate) struct Obj {
    /// Keys (our own ASCII names, written as they are) and their values as JSON text.
    fields: Vec<(&'static str, String)>,
}

/// A JSON string literal of `s`, script-safe.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push('"');
    push_json_in_script(&mut out, s);
    out.push('"');
    out
}

/// A JSON array of values already written as JSON.
pub(crate) fn array(items: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[");
    for (n, item) in items.into_iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&item);
    }
    out.push(']');
    out
}

impl Obj {
    /// An empty object.
    pub(crate) fn new() -> Obj {
        Obj::default()
    }

    /// Sets `key` to a JSON value already written (a number, an array, an object).
    pub(crate) fn raw(&mut self, key: &'static str, json: String) -> &mut Obj {
        debug_assert!(key.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'));
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some(field) => field.1 = json,
            None => self.fields.push((key, json)),
        }
        self
    }

    /// Sets `key` to the string `value`.
    pub(crate) fn str(&mut self, key: &'static str, value: &str) -> &mut Obj {
        self.raw(key, string(value))
    }

    /// Sets `key` to the object `value`.
    pub(crate) fn obj(&mut self, key: &'static str, value: Obj) -> &mut Obj {
        self.raw(key, value.end())
    }

    /// Sets `key` to an array of objects.
    pub(crate) fn objs(
        &mut self,
        key: &'static str,
        items: impl IntoIterator<Item = Obj>,
    ) -> &mut Obj {
        self.raw(key, array(items.into_iter().map(Obj::end)))
    }

    /// The object as JSON text, keys sorted.
    pub(crate) fn end(mut self) -> String {
        self.fields.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let len: usize = self.fields.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
        let mut out = String::with_capacity(len + 2);
        out.push('{');
        for (n, (k, v)) in self.fields.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(k);
            out.push_str("\":");
            out.push_str(v);
        }
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_as_serde_json_with_script_escapes() {
        let mut inner = Obj::new();
        inner.str("name", "ШЫҰ </script>").str("@type", "Organization");
        let mut o = Obj::new();
        o.str("url", "https://x/?a=1&b=2")
            .raw("year", 2019.to_string())
            .objs("mentions", [inner.clone(), Obj::new()])
            .str("@context", "https://schema.org")
            .str("url", "https://x/");
        let expected = serde_json::json!({
            "url": "https://x/",
            "year": 2019,
            "mentions": [{"name": "ШЫҰ </script>", "@type": "Organization"}, {}],
            "@context": "https://schema.org",
        })
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
        assert_eq!(o.end(), expected);
        let back: serde_json::Value = serde_json::from_str(&inner.end()).unwrap();
        assert_eq!(back["name"], "ШЫҰ </script>");
    }

    #[test]
    fn no_string_can_close_a_script_element() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}";
        let mut o = Obj::new();
        o.str("name", hostile);
        let s = o.end();
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], hostile, "the escapes read back as the same text");
    }
}

//! Many strings in one allocation: for text held through a whole build, one entry per document
//! (rendered list items, excerpts). A `Vec<String>` of 100,000 small strings scatters them
//! among the render threads' short-lived allocations, and the allocator can then return none of
//! the pages they share; packed, they take their own bytes plus an offset each.

/// Strings stored end to end, by index.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Packed {
    text: String,
    /// End offset of each string in `text`.
    ends: Vec<usize>,
}

impl Packed {
    /// An empty list.
    pub(crate) const fn new() -> Packed {
        Packed { text: String::new(), ends: Vec::new() }
    }

    /// The `i`-th string, or "" past the end.
    pub(crate) fn get(&self, i: usize) -> &str {
        match self.ends.get(i) {
            Some(&end) => &self.text[if i == 0 { 0 } else { self.ends[i - 1] }..end],
            None => "",
        }
    }

    /// Number of strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Every string, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl<S: AsRef<str>> FromIterator<S> for Packed {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Packed {
        let mut p = Packed::default();
        for s in iter {
            p.text.push_str(s.as_ref());
            p.ends.push(p.text.len());
        }
        p.text.shrink_to_fit();
        p.ends.shrink_to_fit();
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_by_index() {
        let p: Packed = ["Қазақстан", "", "ШОС"].into_iter().collect();
        assert_eq!((p.get(0), p.get(1), p.get(2), p.get(3)), ("Қазақстан", "", "ШОС", ""));
        assert_eq!(p.iter().collect::<Vec<_>>(), ["Қазақстан", "", "ШОС"]);
        assert_eq!(Packed::new().get(0), "");
    }
}

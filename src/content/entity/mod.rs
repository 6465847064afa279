//! Entities: countries, organizations, people, places and events, one file each under
//! `content/<kind>/<id>.md`, with names in every language and a description per language.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

mod coords;
mod kinds;

pub use coords::Coordinates;
pub use kinds::{
    Country, Event, MemberStatus, Membership, OrgType, Organization, Person, Place, Role,
};

/// A text in several languages, keyed by language code (`ru`, `kk`, `en`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Names(pub BTreeMap<String, String>);

impl Names {
    /// The text in `lang`, else in English, else in Russian, else any; empty when there is none.
    pub fn get(&self, lang: &str) -> &str {
        [lang, "en", "ru"]
            .iter()
            .find_map(|l| self.0.get(*l))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// Whether the text exists in exactly `lang` (no fallback).
    pub fn has(&self, lang: &str) -> bool {
        self.0.get(lang).is_some_and(|s| !s.trim().is_empty())
    }
}

/// The kinds of entity, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// `content/countries/`
    Country,
    /// `content/organizations/`
    Organization,
    /// `content/people/`
    Person,
    /// `content/places/`
    Place,
    /// `content/events/`
    Event,
}

impl EntityKind {
    /// All kinds: the event first, then in the order a document lists them.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Event,
        EntityKind::Country,
        EntityKind::Organization,
        EntityKind::Person,
        EntityKind::Place,
    ];

    /// Folder under `content/` and URL segment: `countries`, `organizations` …
    pub fn dir(self) -> &'static str {
        match self {
            EntityKind::Country => "countries",
            EntityKind::Organization => "organizations",
            EntityKind::Person => "people",
            EntityKind::Place => "places",
            EntityKind::Event => "events",
        }
    }

    /// The field of a document's front matter naming entities of this kind: `event` (one id),
    /// or the list `countries`, `organizations` …
    pub fn field(self) -> &'static str {
        match self {
            EntityKind::Event => "event",
            k => k.dir(),
        }
    }

    /// The fields of an entity of this kind that name other entities, in field order: (field,
    /// the key naming the entity inside each list item or `None` for the value itself, the kind
    /// named). [`EntityData::refs`] reads the same fields from loaded data; a file that failed to
    /// load is read by these (`broken::references`).
    pub fn ref_fields(self) -> &'static [(&'static str, Option<&'static str>, EntityKind)] {
        use EntityKind::*;
        match self {
            Country => &[("capital", None, Place)],
            Organization => &[
                ("parent", None, Organization),
                ("headquarters", None, Place),
                ("members", Some("country"), Country),
            ],
            Person => &[
                ("roles", Some("country"), Country),
                ("roles", Some("organization"), Organization),
            ],
            Place => &[("country", None, Country)],
            Event => &[
                ("body", None, Organization),
                ("place", None, Place),
                ("countries", None, Country),
            ],
        }
    }

    /// The singular name used in messages and string keys.
    pub fn singular(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Organization => "organization",
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
        }
    }
}

/// A loaded entity of any kind: what every kind has (id, file, names, aliases, descriptions,
/// fields under review) and its kind's own data.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The id (file stem).
    pub id: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The front matter, of its kind.
    pub data: EntityData,
    /// Description (Markdown) per language.
    pub descriptions: BTreeMap<String, String>,
    /// File line of each top-level field.
    pub field_lines: super::front_matter::FieldLines,
}

impl Entity {
    /// The file line of `field`.
    pub fn line_of(&self, field: &str) -> Option<usize> {
        self.field_lines.get(field)
    }

    /// Which kind of entity it is.
    pub fn kind(&self) -> EntityKind {
        self.data.kind()
    }

    /// Its name per language (`name:`).
    pub fn names(&self) -> &Names {
        self.data.names()
    }

    /// Other forms of its name (`aliases:`), used by the importer and the search.
    pub fn aliases(&self) -> &[String] {
        self.data.aliases()
    }

    /// Fields still to be checked (`review:`).
    pub fn review(&self) -> &[String] {
        self.data.review()
    }

    /// Its data as kind `T`, `None` when it is of another kind.
    pub fn get<T: KindData>(&self) -> Option<&T> {
        T::of(&self.data)
    }
}

/// The front matter of one kind of entity ([`Country`], [`Organization`] …): it knows its kind
/// and its place in [`EntityData`].
pub trait KindData: Sized + 'static {
    /// The kind.
    const KIND: EntityKind;
    /// The data of `data` when it is of this kind.
    fn of(data: &EntityData) -> Option<&Self>;
}

/// An entity's front matter, by kind. Each kind's struct holds its whole front matter (the
/// fields every kind has — `name`, `aliases`, `review` — included), in the order serde names
/// them in messages; [`Entity`] reads the shared ones through [`EntityData::names`] and its
/// siblings.
#[derive(Debug, Clone)]
pub enum EntityData {
    /// A country.
    Country(Country),
    /// An organization.
    Organization(Organization),
    /// A person.
    Person(Person),
    /// A place.
    Place(Place),
    /// An event.
    Event(Event),
}

/// The one list of kinds with data: the enum's variants, the [`EntityKind`] variants and the
/// structs share their names.
macro_rules! kind_data {
    ($($kind:ident),*) => {
        $(impl From<$kind> for EntityData {
            fn from(data: $kind) -> EntityData {
                EntityData::$kind(data)
            }
        })*

        $(impl KindData for $kind {
            const KIND: EntityKind = EntityKind::$kind;
            fn of(data: &EntityData) -> Option<&Self> {
                match data {
                    EntityData::$kind(d) => Some(d),
                    _ => None,
                }
            }
        })*

        impl EntityData {
            /// Parses the front matter of an entity of `kind` (see
            /// [`super::front_matter::parse_all`]).
            pub fn parse(
                kind: EntityKind,
                yaml: &str,
                yaml_line: usize,
            ) -> Result<EntityData, super::front_matter::Rejected> {
                match kind {
                    $(EntityKind::$kind => super::front_matter::parse_all::<$kind>(yaml, yaml_line)
                        .map(EntityData::$kind),)*
                }
            }

            /// Which kind the data is of.
            pub fn kind(&self) -> EntityKind {
                match self {
                    $(EntityData::$kind(_) => EntityKind::$kind,)*
                }
            }

            /// The name per language.
            pub fn names(&self) -> &Names {
                match self {
                    $(EntityData::$kind(d) => &d.name,)*
                }
            }

            /// Other forms of the name.
            pub fn aliases(&self) -> &[String] {
                match self {
                    $(EntityData::$kind(d) => &d.aliases,)*
                }
            }

            /// Fields still to be checked.
            pub fn review(&self) -> &[String] {
                match self {
                    $(EntityData::$kind(d) => &d.review,)*
                }
            }
        }
    };
}

kind_data!(Country, Organization, Person, Place, Event);

impl EntityData {
    /// A second name per language, where the kind has one: a country's official name, an
    /// organization's abbreviation, a person's full name. The importer and the search find an
    /// entity by it too.
    pub fn other_names(&self) -> Option<&Names> {
        match self {
            EntityData::Country(x) => Some(&x.official_name),
            EntityData::Organization(o) => Some(&o.short),
            EntityData::Person(p) => Some(&p.full_name),
            EntityData::Place(_) | EntityData::Event(_) => None,
        }
    }

    /// The other entities its front matter names, as (field, kind, id), in field order (the
    /// fields of [`EntityKind::ref_fields`]).
    pub fn refs(&self) -> Vec<(&'static str, EntityKind, &str)> {
        use EntityKind as K;
        let mut v = Vec::new();
        match self {
            EntityData::Country(x) => {
                v.extend(x.capital.iter().map(|p| ("capital", K::Place, p.as_str())));
            }
            EntityData::Organization(o) => {
                v.extend(o.parent.iter().map(|p| ("parent", K::Organization, p.as_str())));
                v.extend(o.headquarters.iter().map(|p| ("headquarters", K::Place, p.as_str())));
                v.extend(o.members.iter().map(|m| ("members", K::Country, m.country.as_str())));
            }
            EntityData::Person(p) => {
                for r in &p.roles {
                    v.extend(r.country.iter().map(|x| ("roles", K::Country, x.as_str())));
                    v.extend(r.organization.iter().map(|x| ("roles", K::Organization, x.as_str())));
                }
            }
            EntityData::Place(p) => {
                v.extend(p.country.iter().map(|x| ("country", K::Country, x.as_str())));
            }
            EntityData::Event(e) => {
                v.extend(e.body.iter().map(|x| ("body", K::Organization, x.as_str())));
                v.extend(e.place.iter().map(|x| ("place", K::Place, x.as_str())));
                v.extend(e.countries.iter().map(|x| ("countries", K::Country, x.as_str())));
            }
        }
        v
    }
}

/// Splits an entity body into per-language descriptions. A line `<!-- lang: kk -->` starts the
/// Kazakh section; text before any marker belongs to `default_lang`.
///
/// ```
/// let d = archive::content::entity::split_descriptions(
///     "Общее.\n<!-- lang: kk -->\nЖалпы.\n", "ru");
/// assert_eq!(d["ru"], "Общее.");
/// assert_eq!(d["kk"], "Жалпы.");
/// ```
pub fn split_descriptions(body: &str, default_lang: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut current = default_lang.to_string();
    let mut buf = String::new();
    let mut flush = |lang: &str, buf: &mut String| {
        let t = buf.trim();
        if !t.is_empty() {
            out.insert(lang.to_string(), t.to_string());
        }
        buf.clear();
    };
    for line in body.lines() {
        let marker = line
            .trim()
            .strip_prefix("<!--")
            .and_then(|r| r.strip_suffix("-->"))
            .and_then(|r| r.trim().strip_prefix("lang:"))
            .map(str::trim);
        match marker {
            Some(lang) => {
                flush(&current, &mut buf);
                current = lang.to_string();
            }
            None => {
                buf.push_str(line);
                buf.push('\n');
            }
        }
    }
    flush(&current, &mut buf);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fall_back_to_english_then_russian() {
        let n: Names = serde_yaml::from_str("{ru: Казахстан, en: Kazakhstan}").unwrap();
        assert_eq!(n.get("kk"), "Kazakhstan");
        assert_eq!(n.get("ru"), "Казахстан");
        assert!(!n.has("kk"));
    }

    /// A loaded entity's references and a broken file's are read by two functions: they must
    /// name the same fields and kinds, in the same order.
    #[test]
    fn typed_references_follow_the_reference_fields_of_each_kind() {
        let yaml = |kind| match kind {
            EntityKind::Country => "capital: astana",
            EntityKind::Organization => {
                "parent: sco\nheadquarters: beijing\nmembers: [{country: china, status: member}]"
            }
            EntityKind::Person => "roles: [{title: {ru: t}, country: china, organization: sco}]",
            EntityKind::Place => "country: china",
            EntityKind::Event => "body: sco\nplace: astana\ncountries: [china]",
        };
        for kind in EntityKind::ALL {
            let data = EntityData::parse(kind, &format!("name: {{ru: x}}\n{}\n", yaml(kind)), 1)
                .unwrap_or_else(|e| panic!("{kind:?}: {:?}", e.errors));
            assert_eq!(data.kind(), kind);
            let typed: Vec<_> = data.refs().into_iter().map(|(f, k, _)| (f, k)).collect();
            let fields: Vec<_> = kind.ref_fields().iter().map(|&(f, _, k)| (f, k)).collect();
            assert_eq!(typed, fields, "{kind:?}");
        }
    }

    #[test]
    fn member_status_kebab_case() {
        let m: Membership =
            serde_yaml::from_str("{country: mongolia, status: dialogue-partner, from: 2004}")
                .unwrap();
        assert_eq!(m.status, MemberStatus::DialoguePartner);
    }
}

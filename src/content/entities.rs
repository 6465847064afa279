//! The entities of a corpus, one collection keyed by kind then id: every kind is stored, looked
//! up and walked the same way, and [`Entities::of`] and [`Entities::get_as`] give typed access to
//! the data of one kind (a country's memberships, an event's date).

use std::collections::BTreeMap;

use super::entity::{Entity, EntityKind, KindData};

/// Entities by kind, then by id.
#[derive(Debug, Clone, Default)]
pub struct Entities(BTreeMap<EntityKind, BTreeMap<String, Entity>>);

static EMPTY: BTreeMap<String, Entity> = BTreeMap::new();

impl Entities {
    /// The entities of `kind` by id.
    fn map(&self, kind: EntityKind) -> &BTreeMap<String, Entity> {
        self.0.get(&kind).unwrap_or(&EMPTY)
    }

    /// The entities of `kind` by id, to change (loading, a file reloaded).
    pub(super) fn map_mut(&mut self, kind: EntityKind) -> &mut BTreeMap<String, Entity> {
        self.0.entry(kind).or_default()
    }

    /// Adds `e` under its kind and id, replacing an entity of the same kind and id.
    pub fn insert(&mut self, e: Entity) {
        self.map_mut(e.kind()).insert(e.id.clone(), e);
    }

    /// The entity `id` of `kind`.
    pub fn get(&self, kind: EntityKind, id: &str) -> Option<&Entity> {
        self.map(kind).get(id)
    }

    /// Whether an entity of `kind` has id `id`.
    pub fn contains(&self, kind: EntityKind, id: &str) -> bool {
        self.map(kind).contains_key(id)
    }

    /// The entities of `kind`, in id order.
    pub fn iter(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.map(kind).values()
    }

    /// The ids of the entities of `kind`, in id order.
    pub fn ids(&self, kind: EntityKind) -> impl Iterator<Item = &String> {
        self.map(kind).keys()
    }

    /// How many entities of `kind` there are.
    pub fn len(&self, kind: EntityKind) -> usize {
        self.map(kind).len()
    }

    /// Whether there are no entities of `kind`.
    pub fn is_empty(&self, kind: EntityKind) -> bool {
        self.map(kind).is_empty()
    }

    /// Every entity, kind by kind in the order [`EntityKind`] declares them (countries first,
    /// events last: the order entity files are loaded and their problems reported in), each kind
    /// in id order.
    pub fn all(&self) -> impl Iterator<Item = &Entity> {
        self.0.values().flat_map(BTreeMap::values)
    }

    /// The entities of kind `T` with their data, in id order.
    pub fn of<T: KindData>(&self) -> impl Iterator<Item = (&Entity, &T)> {
        self.iter(T::KIND).filter_map(|e| Some((e, e.get::<T>()?)))
    }

    /// The entity `id` of kind `T` with its data.
    pub fn get_as<T: KindData>(&self, id: &str) -> Option<(&Entity, &T)> {
        let e = self.get(T::KIND, id)?;
        Some((e, e.get::<T>()?))
    }
}

#[cfg(test)]
mod tests {
    use super::super::entity::{Country, EntityData, Place};
    use super::*;

    fn entity(id: &str, data: EntityData) -> Entity {
        Entity {
            id: id.into(),
            path: format!("{id}.md").into(),
            data,
            descriptions: BTreeMap::new(),
            field_lines: Default::default(),
        }
    }

    #[test]
    fn kinds_are_kept_apart_and_typed_access_finds_only_its_kind() {
        let mut all = Entities::default();
        all.insert(entity("astana", EntityData::Place(Place::default())));
        all.insert(entity("kazakhstan", EntityData::Country(Country::default())));
        all.insert(entity("china", EntityData::Country(Country::default())));
        assert!(all.contains(EntityKind::Country, "china"));
        assert!(!all.contains(EntityKind::Place, "china"));
        assert_eq!(all.ids(EntityKind::Country).collect::<Vec<_>>(), ["china", "kazakhstan"]);
        assert_eq!(all.len(EntityKind::Event), 0);
        assert!(all.get_as::<Country>("kazakhstan").is_some());
        assert!(all.get_as::<Place>("kazakhstan").is_none());
        assert_eq!(all.of::<Place>().map(|(e, _)| e.id.as_str()).collect::<Vec<_>>(), ["astana"]);
        let order: Vec<_> = all.all().map(|e| e.id.as_str()).collect();
        assert_eq!(order, ["china", "kazakhstan", "astana"]);
    }
}

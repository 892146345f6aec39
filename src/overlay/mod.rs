//! Segment overlays: a journey that names a base and adds, replaces, updates or removes items by id.

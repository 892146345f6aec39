//! Inline suppression comments (`# journeyc: ignore[CODE] reason`).

//! `journeyc.toml`: per-rule severity, per-path overrides and journey locations.

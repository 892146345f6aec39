//! `journeyc diff`: semantic comparison of two versions of a journey and of its generated artifacts.

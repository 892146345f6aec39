//! Machine-readable diagnostics: JSON, GitHub workflow annotations and SARIF.

//! The diagnostic codes of `journeyc.toml` (JC701–JC706).
//!
//! They are declared here, next to the reader that reports them, rather than
//! in `crate::codes`, so that the configuration's problems and their
//! documentation change together; `codes::NON_RULE_CODES` lists them so that
//! `journeyc explain` and `journeyc rules` find them. None of them can be
//! configured or suppressed: a configuration that cannot be read cannot say
//! how it wants to be read.

use crate::codes::{Code, Phase};
use crate::diagnostic::Severity;

/// JC701: `journeyc.toml` is not valid TOML.
pub static CONFIG_SYNTAX: Code = Code {
    code: "JC701",
    name: "config-syntax",
    severity: Severity::Error,
    phase: Phase::Config,
    summary: "`journeyc.toml` is not valid TOML",
    doc: r#"## What it checks
The project configuration `journeyc.toml` must be a valid TOML file: every
setting is `key = value`, text is in double quotes, lists are in square
brackets and tables start with a `[name]` header line.

## Why
journeyc cannot guess what a broken configuration meant. Checking journeys
with half of the team's settings would turn rules on or off that the team
decided otherwise, so nothing is checked until the file reads cleanly.

## Example
```toml
[rules]
JC302 = warning        # the severity is text and needs quotes
```

## How to fix
Look at the line and column named in the message. Put text values in double
quotes (`"warning"`), close every `[` and `"` you open, and write each
setting on its own line.
"#,
};

/// JC702: a key that `journeyc.toml` does not define.
pub static CONFIG_UNKNOWN_KEY: Code = Code {
    code: "JC702",
    name: "config-unknown-key",
    severity: Severity::Error,
    phase: Phase::Config,
    summary: "a key that `journeyc.toml` does not define",
    doc: r#"## What it checks
The top of `journeyc.toml` may hold `journeys`, a `[rules]` table and
`[[overrides]]` entries; each override may hold `paths` and `rules`. Any
other key is reported, with the nearest known key when it looks like a typo.

## Why
A misspelt key (`[rule]` for `[rules]`, `path` for `paths`) would otherwise be
ignored silently, and the team would believe a rule is relaxed or enforced
when it is not.

## Example
```toml
[[overrides]]
path = ["journeys/clinic/**"]     # the key is `paths`
rules = { JC210 = "off" }
```

## How to fix
Use the suggested key, or remove the setting. The README section
"Configuration" lists every key.
"#,
};

/// JC703: a value of the wrong type or outside its choices.
pub static CONFIG_INVALID_VALUE: Code = Code {
    code: "JC703",
    name: "config-invalid-value",
    severity: Severity::Error,
    phase: Phase::Config,
    summary: "a setting in `journeyc.toml` has a value it cannot take",
    doc: r#"## What it checks
- `journeys` is a list of directories (text) that exist;
- a severity is one of `"error"`, `"warning"` or `"off"`;
- an override has a non-empty list of `paths` and a `rules` table;
- a path pattern is relative to the repository root and uses only `*`
  (any characters within one folder or file name), `**` (any number of
  folders, as a whole path segment) and `?` (one character).

## Why
A value journeyc cannot use would leave the team's intent unapplied; an
override whose pattern can never match a file changes nothing and is easy to
miss in review.

## Example
```toml
[rules]
JC302 = "warn"                    # the choices are "error", "warning", "off"

[[overrides]]
paths = ["/journeys/clinic/**"]   # patterns are relative: no leading `/`
rules = { JC404 = "warning" }
```

## How to fix
Use one of the values the help lists. Write patterns relative to the folder
that holds `journeyc.toml`, with `/` between folders.
"#,
};

/// JC704: a rule code or name that journeyc does not know.
pub static CONFIG_UNKNOWN_RULE: Code = Code {
    code: "JC704",
    name: "config-unknown-rule",
    severity: Severity::Error,
    phase: Phase::Config,
    summary: "`journeyc.toml` names a rule that does not exist",
    doc: r#"## What it checks
Every key of a `rules` table names a rule by its code (`JC302`) or its name
(`orphan-stage`), as `journeyc rules` lists them. Case does not matter.

## Why
A misspelt rule name would leave the rule at its default severity while the
team believes it changed it.

## Example
```toml
[rules]
orphan-stages = "warning"         # the rule is `orphan-stage`
```

## How to fix
Use the suggested name, or look the rule up with `journeyc rules`.
"#,
};

/// JC705: a code that exists but may not be relaxed.
pub static CONFIG_NOT_CONFIGURABLE: Code = Code {
    code: "JC705",
    name: "config-code-not-configurable",
    severity: Severity::Error,
    phase: Phase::Config,
    summary: "`journeyc.toml` changes a code that cannot be relaxed",
    doc: r#"## What it checks
Only the business rules (codes JC201–JC418) and `unused-suppression`
(JC711) can be set to `"warning"` or `"off"`. Problems found while reading
files (JC0xx), checking their structure (JC1xx), assembling a journey, building
(JC5xx), preparing a handoff (JC6xx) or reading the configuration itself
(JC7xx) cannot.

## Why
Those problems mean journeyc could not read the journey as written: a file
that is not valid YAML, or a key the format does not know, leaves nothing to
judge. Hiding them would let a journey that is not what its authors think
reach the CRM and the PSA.

## Example
```toml
[rules]
JC101 = "off"                     # unknown keys cannot be switched off
```

## How to fix
Remove the setting and fix the journey instead; `journeyc explain CODE` says
how.
"#,
};

/// JC706: the same rule set twice in one table.
pub static CONFIG_DUPLICATE_RULE: Code = Code {
    code: "JC706",
    name: "config-duplicate-rule",
    severity: Severity::Error,
    phase: Phase::Config,
    summary: "a `rules` table sets the same rule twice",
    doc: r#"## What it checks
Within one `rules` table, each rule is set once, whether it is named by its
code or by its name.

## Why
`JC404 = "off"` next to `touchpoint-owner-not-single = "warning"` says two
different things about one rule; whichever journeyc picked, a reviewer would
be misled by the other.

## Example
```toml
[rules]
JC404 = "off"
touchpoint-owner-not-single = "warning"
```

## How to fix
Keep one of the two settings. To treat some folders differently, use an
`[[overrides]]` entry.
"#,
};

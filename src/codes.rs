//! The catalogue entry behind every diagnostic code.
//!
//! Rules carry their own [`Code`] in their file under `rules/`; the problems
//! found before the rules run (unreadable files, YAML syntax, schema
//! violations, assembling a journey from several files) are listed here.
//! `journeyc explain CODE` and `journeyc rules` read both lists.

use crate::diagnostic::Severity;

/// Which phase reports a code. Shown by `journeyc rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading a file and parsing its YAML.
    Load,
    /// Structural validation against `schemas/journey.schema.json`.
    Schema,
    /// Putting the files of one journey together.
    Assemble,
    /// A rule run on the assembled journey.
    Rule,
    /// Generating artifacts with `journeyc build`.
    Build,
    /// Checking a deal file with `journeyc handoff`.
    Handoff,
    /// Reading `journeyc.toml` and inline suppression comments.
    Config,
    /// Applying a segment overlay to its base journey.
    Overlay,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Schema => "schema",
            Phase::Assemble => "assemble",
            Phase::Rule => "rule",
            Phase::Build => "build",
            Phase::Handoff => "handoff",
            Phase::Config => "config",
            Phase::Overlay => "overlay",
        }
    }
}

/// A stable diagnostic code with its documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// Stable code such as `JC302`; never reused for another problem.
    pub code: &'static str,
    /// Kebab-case name of the problem, such as `orphan-stage`.
    pub name: &'static str,
    pub severity: Severity,
    pub phase: Phase,
    /// One line: what the code reports.
    pub summary: &'static str,
    /// Markdown: what it checks, why it matters, an example and the fix.
    pub doc: &'static str,
}

macro_rules! code {
    ($ident:ident, $code:literal, $name:literal, $sev:ident, $phase:ident, $summary:literal, $doc:literal) => {
        pub static $ident: Code = Code {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            phase: Phase::$phase,
            summary: $summary,
            doc: $doc,
        };
    };
}

code!(
    UNREADABLE_FILE,
    "JC001",
    "unreadable-file",
    Error,
    Load,
    "a journey file could not be read as UTF-8 text",
    r#"## What it checks
Every journey file must be plain UTF-8 text. A file that is not valid UTF-8,
that contains NUL bytes (a binary file), or that is larger than the size
limit is reported here instead of being parsed.

## Why
A journey file is read by people in pull requests and by several tools. A file
saved in another encoding, or a binary attachment renamed to `.journey.yaml`,
would be silently misread.

## Example
A spreadsheet export saved as `touchpoints.journey.yaml` in Windows-1252.

## How to fix
Save the file as UTF-8 (every modern editor offers this in "Save as"), or move
files that are not journeys out of the journey directory.
"#
);

code!(
    YAML_SYNTAX,
    "JC002",
    "yaml-syntax",
    Error,
    Load,
    "the file is not valid YAML",
    r#"## What it checks
The file must parse as one YAML document: consistent indentation with spaces,
balanced quotes and brackets, a `key: value` on each mapping line.

## Why
journeyc cannot guess what a broken file meant; a silently misread journey
would produce wrong CRM fields.

## Example
```yaml
stages:
  - id: awareness
     name: Awareness    # indented one space too far
```

## How to fix
Look at the line named in the message and the line before it. Indent with
spaces only, line up keys of the same mapping, and quote text that contains
`: ` or starts with a special character such as `*`, `&`, `!`, `%` or `@`.
"#
);

code!(
    DUPLICATE_KEY,
    "JC003",
    "duplicate-key",
    Error,
    Load,
    "a key appears twice in the same mapping",
    r#"## What it checks
No mapping may contain the same key twice.

## Why
YAML tools disagree about which of two duplicate keys wins; most silently keep
the last one. A reviewer reading the first one would approve a value that is
not used.

## Example
```yaml
- id: kickoff
  owner: dana
  owner: sam
```

## How to fix
Delete one of the two keys. If a touchpoint really has two people involved,
keep one `owner` and name the other in the description.
"#
);

code!(
    TOO_DEEP,
    "JC004",
    "nesting-too-deep",
    Error,
    Load,
    "the YAML nests deeper than any journey needs",
    r#"## What it checks
Mappings and lists may nest at most 64 levels deep.

## Why
A journey never needs more than a handful of levels. Very deep nesting is a
sign of a broken or hostile file and would make every tool that reads it slow.

## How to fix
Flatten the structure; compare with the format reference in `docs/format.md`.
"#
);

code!(
    ALIAS_LIMIT,
    "JC005",
    "alias-expansion-limit",
    Error,
    Load,
    "YAML aliases expand to too much data",
    r#"## What it checks
Anchors (`&name`) and aliases (`*name`) may be used to repeat content, but the
repeated content may not add more than 1,000,000 values in total.

## Why
A few lines of nested aliases can expand to billions of values (the "billion
laughs" attack) and exhaust the memory of every machine that reads the file.

## How to fix
Write the repeated content out, or use fewer levels of aliases.
"#
);

code!(
    EMPTY_FILE,
    "JC006",
    "empty-file",
    Error,
    Load,
    "a journey file has no content",
    r#"## What it checks
A `*.journey.yaml` file must contain at least one section.

## Why
An empty file is usually a mistake: content lost in a merge or a file created
and never filled in.

## How to fix
Add the sections the file is meant to hold, or delete the file.
"#
);

code!(
    SEVERAL_DOCUMENTS,
    "JC007",
    "several-documents",
    Error,
    Load,
    "a journey file holds more than one YAML document",
    r#"## What it checks
Each file holds one YAML document; a second `---` separator starts another,
which journeyc does not read.

## How to fix
Remove the `---` line, or move the second document into a file of its own in
the same directory (files in one directory form one journey).
"#
);

code!(
    UNKNOWN_KEY,
    "JC101",
    "unknown-key",
    Error,
    Schema,
    "a key that the journey format does not define",
    r#"## What it checks
Every key must be one that the journey format defines at that place. The
published schema (`schemas/journey.schema.json`) lists them.

## Why
A misspelt key (`onwer:` for `owner:`) would otherwise be ignored silently and
the journey would lose the owner without anyone noticing.

## How to fix
Use the suggested key, or remove the key. Editors that use the schema
modeline complete keys as you type.
"#
);

code!(
    WRONG_TYPE,
    "JC102",
    "wrong-type",
    Error,
    Schema,
    "a value of the wrong kind (text, number, list, mapping)",
    r#"## What it checks
Each value must be of the kind the format expects: text, a whole number, a
number, true/false, a list or a mapping.

## Example
```yaml
heat:
  pain: high       # a score from 0 to 5 is expected
```

## How to fix
Write the kind of value the message names. Text that looks like a number or
`true` can be put in quotes.
"#
);

code!(
    MISSING_KEY,
    "JC103",
    "missing-key",
    Error,
    Schema,
    "a required key is missing",
    r#"## What it checks
Some keys are required wherever their mapping appears, such as the `id` of a
stage or the `name` of an owner.

## How to fix
Add the key named in the message to the mapping the label points at.
"#
);

code!(
    INVALID_VALUE,
    "JC104",
    "invalid-value",
    Error,
    Schema,
    "a value outside the allowed choices, pattern or range",
    r#"## What it checks
Values with a fixed set of choices (a system `kind`, a touchpoint `function`,
an experiment `kind`) must use one of them; ids must be lowercase words joined
by `-` or `_`; scores must lie in their range; dates are `YYYY-MM-DD`.

## How to fix
Use one of the values listed in the help text.
"#
);

code!(
    SECTION_TWICE,
    "JC011",
    "section-defined-twice",
    Error,
    Assemble,
    "a single-valued section is defined in two files of one journey",
    r#"## What it checks
Lists (`stages`, `touchpoints`, `events`, …) may be spread over several files
of a journey directory, but sections that describe the journey once
(`journey`, `segment`, `qualification`, `onboarding`, `roi`, `governance`) may
appear in one file only.

## Why
Two definitions of the qualification threshold would leave it to file order
which one wins.

## How to fix
Keep the section in one file and delete it from the other.
"#
);

code!(
    MISSING_HEADER,
    "JC012",
    "missing-journey-header",
    Error,
    Assemble,
    "no file of the journey has a `journey:` header",
    r#"## What it checks
Exactly one file of each journey directory has a `journey:` section with the
journey's `id` and `name`.

## Why
The header names the journey in every generated artifact and in messages.

## Example
```yaml
journey:
  id: finance-20-150
  name: Finance firms with 20 to 150 seats
```

## How to fix
Add a `journey:` section to the main file of the journey (by convention
`journey.journey.yaml`).
"#
);

code!(
    TEMPLATE_ERROR,
    "JC501",
    "template-error",
    Error,
    Build,
    "a document template failed to render",
    r#"## What it checks
Documents are rendered from minijinja templates, shipped with journeyc or
supplied with `journeyc build --templates DIR`. A template that does not
parse, or uses a variable that does not exist, stops the build.

## Why
An undefined variable would otherwise print as an empty string, and a
handbook with silent gaps is worse than no handbook.

## How to fix
Look at the template line named in the message. `docs/templates.md` lists
the variables every template receives.
"#
);

code!(
    VENDOR_NAME,
    "JC502",
    "vendor-name-invalid",
    Error,
    Build,
    "a value cannot become a valid name in a vendor's system",
    r#"## What it checks
Ids and labels become names in the CRM and the PSA: HubSpot internal names
(lowercase letters, digits and `_`, at most 100 characters), Salesforce API
names (at most 40 characters before `__c`), pick-list labels (at most 255
characters), ConnectWise and Autotask text limits.

## Why
A name the vendor rejects fails the import halfway, leaving the CRM or PSA
half-configured.

## How to fix
Shorten the id or label the message points at.
"#
);

code!(
    VENDOR_LIMIT,
    "JC503",
    "vendor-limit-exceeded",
    Error,
    Build,
    "the journey exceeds a limit of a vendor's system",
    r#"## What it checks
Counts that vendors cap: at most 100 Opportunity stages in Salesforce, 1,000
pick-list values, 5,000 HubSpot enumeration options, 40 items per Autotask
checklist, and similar.

## Why
The import would be refused by the vendor.

## How to fix
Split the list (for example, one checklist per onboarding pillar) or shorten
it; the message names the limit.
"#
);

code!(
    DEAL_MISMATCH,
    "JC601",
    "deal-does-not-match-journey",
    Error,
    Handoff,
    "a deal names something its journey does not define",
    r#"## What it checks
Every id a deal file uses must exist in its journey: the `segment`, the
service `package` and `sla_tier`, the journey `owner` each team member stands
in for, the committee `role` of each client contact, and the plan step that
fulfils each promise.

## Why
The handoff memo and checklist are generated from the journey. A deal that
sells a package the journey does not describe, or promises something no plan
step delivers, would hand Service a promise nobody is set up to keep.

## How to fix
Use the id the help suggests, or add the missing package, tier or plan step
to the journey first.
"#
);

code!(
    DEAL_INCOMPLETE,
    "JC602",
    "deal-incomplete",
    Error,
    Handoff,
    "a deal leaves out something the handoff needs",
    r#"## What it checks
- every committee role of the journey has a named client contact;
- every promise names the plan step (`fulfilled_by`) whose deliverable
  fulfils it;
- the kickoff is on or after the signature date, and both are real dates.

## Why
Deals die late when only one champion was courted, and onboarding fails when
a promise reaches Service without a deliverable behind it. The 90-day plan is
dated from the kickoff; a kickoff before signature means a typo in a date.

## How to fix
Add the missing contact or `fulfilled_by`, or correct the date.
"#
);

/// The codes that are not rules, in catalogue order.
pub static NON_RULE_CODES: &[&Code] = &[
    &UNREADABLE_FILE,
    &YAML_SYNTAX,
    &DUPLICATE_KEY,
    &TOO_DEEP,
    &ALIAS_LIMIT,
    &EMPTY_FILE,
    &SEVERAL_DOCUMENTS,
    &SECTION_TWICE,
    &MISSING_HEADER,
    &UNKNOWN_KEY,
    &WRONG_TYPE,
    &MISSING_KEY,
    &INVALID_VALUE,
    &TEMPLATE_ERROR,
    &VENDOR_NAME,
    &VENDOR_LIMIT,
    &DEAL_MISMATCH,
    &DEAL_INCOMPLETE,
    &crate::config::CONFIG_SYNTAX,
    &crate::config::CONFIG_UNKNOWN_KEY,
    &crate::config::CONFIG_INVALID_VALUE,
    &crate::config::CONFIG_UNKNOWN_RULE,
    &crate::config::CONFIG_NOT_CONFIGURABLE,
    &crate::config::CONFIG_DUPLICATE_RULE,
    &crate::suppress::INVALID_SUPPRESSION,
    &crate::suppress::UNUSED_SUPPRESSION,
    &crate::overlay::codes::UNKNOWN_TARGET,
    &crate::overlay::codes::ADD_EXISTING,
    &crate::overlay::codes::BASE_NOT_FOUND,
    &crate::overlay::codes::CHAIN_LOOP,
    &crate::overlay::codes::SECTION_NOT_OVERLAYABLE,
    &crate::overlay::codes::CONFLICT,
];

#[cfg(test)]
mod tests {
    /// Codes are never reused: a code or a name means one problem forever,
    /// and `journeyc explain` must find exactly one entry for it.
    #[test]
    fn codes_and_names_are_unique() {
        let mut codes = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for code in crate::rules::all_codes() {
            assert!(codes.insert(code.code), "{} is listed twice", code.code);
            assert!(names.insert(code.name), "{} is listed twice", code.name);
        }
    }
}

//! The diagnostic codes of the overlay phase (JC8xx).
//!
//! They live next to the code that reports them, like a rule's code lives in
//! its rule file; `codes::NON_RULE_CODES` lists them for `journeyc rules` and
//! `journeyc explain`.

use crate::codes::{Code, Phase};
use crate::diagnostic::Severity;

/// Declares one overlay code with its documentation, in the shape of the
/// catalogue in `crate::codes`.
macro_rules! overlay_code {
    ($ident:ident, $code:literal, $name:literal, $summary:literal, $doc:literal) => {
        #[doc = $summary]
        pub static $ident: Code = Code {
            code: $code,
            name: $name,
            severity: Severity::Error,
            phase: Phase::Overlay,
            summary: $summary,
            doc: $doc,
        };
    };
}

overlay_code!(
    UNKNOWN_TARGET,
    "JC801",
    "overlay-unknown-target",
    "an overlay replaces, updates or removes an id its base does not have",
    r#"## What it checks
Every id listed under `replace`, `update` or `remove` in an overlay must name
an item of that section in the base journey, and a section under `update`
must exist in the base. An item the overlay itself adds is not in the base:
its fields are written in its `add:` entry.

## Why
An overlay that names an id the base does not have changes nothing. If that
went unnoticed, the segment's journey would silently keep the base's item —
for example the generic discovery call instead of the HIPAA risk review the
overlay was written to add — and the CRM and PSA files built from it would be
wrong for every client of the segment. A typo, or a base item renamed since
the overlay was written, is the usual cause.

## Example
```yaml
overlay:
  base: ../../msp-finance
remove:
  touchpoints: [webinar-invitation]   # the base calls it `webinar-invite`
```

## How to fix
Use the id as the base journey writes it (journeyc suggests the closest
one). If the item is new in this segment, list it under `add` instead.
"#
);

overlay_code!(
    ADD_EXISTING,
    "JC802",
    "overlay-add-existing",
    "an overlay adds an item whose id already exists in its base",
    r#"## What it checks
Every item under `add` in an overlay must have an id that the base journey
does not already use in that section.

## Why
Two items with one id would make every reference to that id ambiguous. The
author of the overlay usually meant to change the base item, and adding a
second copy would hide that intent.

## Example
```yaml
add:
  owners:
    - id: sales-lead        # the base already has an owner `sales-lead`
      name: Priya Natarajan
```

## How to fix
To change the base item, list it under `replace` (the whole item) or
`update` (only the fields that change). To add a new item, give it an id of
its own.
"#
);

overlay_code!(
    BASE_NOT_FOUND,
    "JC803",
    "overlay-base-not-found",
    "the base journey an overlay names cannot be found",
    r#"## What it checks
The `base:` of an overlay must be the directory of a journey: a directory,
relative to the overlay file, that holds `*.journey.yaml` files.

## Why
Without its base an overlay is only a list of changes; there is no journey
to check or build.

## Example
```yaml
overlay:
  base: ../msp-finance      # the base is two directories up, not one
```

## How to fix
Write the path from the overlay file's directory to the base journey's
directory, such as `../../msp-finance`, and make sure that directory holds
the base journey's files.
"#
);

overlay_code!(
    CHAIN_LOOP,
    "JC804",
    "overlay-chain-loop",
    "overlays name each other as bases in a loop, or the chain is too long",
    r#"## What it checks
A base may itself be an overlay, but following the bases must end at a plain
journey without coming back to a journey already on the way, and the chain
may hold at most 8 journeys, the plain one at the bottom included.

## Why
A loop has no journey at its bottom to start from. A very long chain is
hard for anyone to follow in review and usually means overlays were stacked
by accident.

## Example
`clinic/` names `../finance` as its base, and `finance/` names `../clinic`.

## How to fix
Make one journey of the chain a plain journey (no `overlay:` section), and
let the segment variants name it as their base.
"#
);

overlay_code!(
    SECTION_NOT_OVERLAYABLE,
    "JC805",
    "overlay-section-not-allowed",
    "a section is written where an overlay cannot use it",
    r#"## What it checks
- `add`, `replace` and `remove` take list sections (`stages`, `touchpoints`,
  `owners`, …), whose items have ids;
- `update` takes list sections and the single-valued sections (`journey`,
  `segment`, `qualification`, `onboarding`, `roi`, `governance`);
- a list section is not written directly in an overlay, because it would be
  unclear whether its items are new or replace the base's;
- `add`, `replace`, `update` and `remove` are only used in an overlay, a
  journey with an `overlay:` section.

## Why
Each action has one meaning. Guessing what a misplaced section meant could
add a second copy of an item or silently drop the base's.

## Example
```yaml
overlay:
  base: ../../msp-finance
touchpoints:                 # new or changed? write it under `add:`
  - id: hipaa-risk-review
```

## How to fix
Put new items under `add`, whole replacements under `replace`, changed
fields under `update` and dropped ids under `remove`. To replace a
single-valued section as a whole, write it at the top of the overlay.
"#
);

overlay_code!(
    CONFLICT,
    "JC806",
    "overlay-conflict",
    "an overlay changes the same item or section twice",
    r#"## What it checks
Within one overlay, each item (section and id) and each single-valued
section is changed at most once, and only one file names the base.

## Why
Two changes to one item — removed in one place and updated in another,
updated twice — leave the reader unable to tell which one wins.

## Example
```yaml
update:
  stages: [{ id: discovery, owner: sales-lead }]
remove:
  stages: [discovery]
```

## How to fix
Keep one change per item: merge the two updates into one, or drop the
update of an item that is removed.
"#
);

/// Every overlay code, in code order, for `codes::NON_RULE_CODES`.
pub static ALL: &[&Code] = &[
    &UNKNOWN_TARGET,
    &ADD_EXISTING,
    &BASE_NOT_FOUND,
    &CHAIN_LOOP,
    &SECTION_NOT_OVERLAYABLE,
    &CONFLICT,
];

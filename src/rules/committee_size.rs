//! JC412: the buying committee has four to six roles.

use super::{Context, Rule};
use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};

const MIN_ROLES: usize = 4;
const MAX_ROLES: usize = 6;

pub static RULE: Rule = Rule {
    code: Code {
        code: "JC412",
        name: "committee-size",
        severity: Severity::Error,
        phase: Phase::Rule,
        summary: "the buying committee does not have four to six roles",
        doc: r#"## What it checks
The `committee` section lists between four and six roles.

## Why
Deals die late when only one champion was courted. MSP purchases are decided
by a committee — usually the CFO, Security/Compliance, COO/Operations and the
IT Manager. Fewer than four roles means someone who can veto the deal is not
mapped; more than six means the map has stopped being a decision tool.

## How to fix
Add the missing roles with their fears and proof, or merge roles that decide
together.
"#,
    },
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let roles = &ctx.journey.committee;
    if roles.is_empty() || (MIN_ROLES..=MAX_ROLES).contains(&roles.len()) {
        return; // An absent committee is reported by missing-section.
    }
    let (message, span, help) = if roles.len() < MIN_ROLES {
        (
            format!(
                "the buying committee has {} roles; it needs at least {MIN_ROLES}",
                roles.len()
            ),
            roles[0].id.span,
            "add the missing roles; the usual four are CFO, Security/Compliance, COO/Operations and IT Manager",
        )
    } else {
        (
            format!(
                "the buying committee has {} roles; at most {MAX_ROLES} are useful",
                roles.len()
            ),
            roles[MAX_ROLES].id.span,
            "merge roles that decide together, or drop roles that do not influence the decision",
        )
    };
    let label = if roles.len() < MIN_ROLES {
        format!("first of only {} committee roles", roles.len())
    } else {
        format!("committee role number {}", MAX_ROLES + 1)
    };
    out.push(Diagnostic::new(&RULE.code, message, span, label).with_help(help));
}

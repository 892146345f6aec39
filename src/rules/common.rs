//! Checks shared by several rules.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::{Id, OwnerRefs, Spanned};

/// Report an owner field that names no one or several people. `what` names
/// the item in messages ("touchpoint `kickoff`"); `anchor` is where a
/// missing owner is reported.
pub fn single_owner(
    code: &'static Code,
    what: &str,
    owner: &Option<Spanned<OwnerRefs>>,
    anchor: &Id,
    out: &mut Vec<Diagnostic>,
) {
    match owner.as_ref().map(|o| o.0.as_slice()) {
        None | Some([]) => out.push(
            Diagnostic::new(
                code,
                format!("{what} has no owner"),
                anchor.span,
                "nobody owns this",
            )
            .with_help("add `owner:` with the id of the one person accountable for it"),
        ),
        Some([_]) => {}
        Some([first, rest @ ..]) => {
            let mut d = Diagnostic::new(
                code,
                format!("{what} has {} owners", rest.len() + 1),
                first.span,
                "first of several owners",
            )
            .with_help("keep one owner: shared ownership means nobody is accountable");
            for other in rest {
                d = d.with_secondary(other.span, "another owner");
            }
            out.push(d);
        }
    }
}

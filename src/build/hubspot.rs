//! HubSpot artifacts. FIXME: being written (issue 3).

use super::Emit;

pub fn emit(emit: Emit<'_, '_>) {
    let _ = emit;
}

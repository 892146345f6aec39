//! Probing which variables a template receives: a template generated from
//! the variable tables of `docs/templates.md` prints every documented path it
//! can reach and the keys of every documented map, so the tests can compare
//! the documentation with the real context in both directions.

/// A template that prints `HAS <path>` for every documented path that exists
/// (strict undefined makes a path that does not exist an error) and
/// `KEY <map>.<key>` for every key of every documented map, so undocumented
/// fields show up too. Paths use `.` between names and `[]` after a list.
pub fn probe_template(documented: &[String]) -> String {
    let mut text = String::new();
    for path in documented {
        let (open, expr, close) = reach(path);
        text.push_str(&format!(
            "{open}{{% if {expr} is defined %}}HAS {path}\n{{% endif %}}{close}\n"
        ));
    }
    let maps: std::collections::BTreeSet<&str> = documented
        .iter()
        .filter_map(|p| p.rsplit_once('.').map(|(parent, _)| parent))
        .collect();
    for map in &maps {
        let (open, expr, close) = reach(&format!("{map}.probe"));
        let parent = expr
            .strip_suffix(".probe")
            .expect("reach ends in the probe");
        text.push_str(&format!(
            "{open}{{% for key in {parent} %}}KEY {map}.{{{{ key }}}}\n{{% endfor %}}{close}\n"
        ));
    }
    text
}

/// The template code that reaches `path`: loops over lists, guards around
/// maps that may be none, and the expression for the last name.
fn reach(path: &str) -> (String, String, String) {
    let (mut open, mut close, mut expr) = (String::new(), String::new(), String::new());
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (name, list) = part
            .strip_suffix("[]")
            .map_or((*part, false), |n| (n, true));
        let access = if expr.is_empty() {
            name.to_owned()
        } else {
            format!("{expr}.{name}")
        };
        if i + 1 == parts.len() {
            expr = access;
        } else if list {
            open.push_str(&format!("{{% for v{i} in {access} %}}"));
            close.insert_str(0, "{% endfor %}");
            expr = format!("v{i}");
        } else {
            // A map that may be none, such as `segment` or `roi`.
            open.push_str(&format!("{{% if {access} is not none %}}"));
            close.insert_str(0, "{% endif %}");
            expr = access;
        }
    }
    (open, expr, close)
}

//! Settings read from the environment (`TRACE_OWNERSHIP*`, `NO_COLOR`): colour only on a
//! terminal-bound trace, and never when `NO_COLOR` is set to a value (no-color.org).

use trace_ownership_runtime::Config;

fn with(vars: &'static [(&'static str, &'static str)]) -> Config {
    Config::from_lookup(|k| {
        vars.iter()
            .find(|(name, _)| *name == k)
            .map(|(_, v)| v.to_string())
    })
    .0
}

#[test]
fn colour_is_on_by_default_and_off_with_no_color_or_a_file() {
    assert!(with(&[]).color);
    assert!(
        with(&[("NO_COLOR", "")]).color,
        "an empty NO_COLOR is unset"
    );
    assert!(!with(&[("NO_COLOR", "1")]).color);
    assert!(!with(&[("TRACE_OWNERSHIP_OUT", "/tmp/trace.txt")]).color);
    assert!(!with(&[("NO_COLOR", "1"), ("TRACE_OWNERSHIP_OUT", "/tmp/t")]).color);
}

//! `newsclaims rules new`: the commented skeleton of a new language's rule file, filled in
//! with the language's code, name and detector code.

/// The commented skeleton `newsclaims rules new` fills in.
const SKELETON: &str = include_str!("../../templates/rules_skeleton.toml");

/// A commented skeleton rule file for language `code` (as claims will name it, `es`),
/// which the detector knows as `detector`: its ISO 639-3 code (`spa`) or English name
/// (`Spanish`); without `detector`, `code` itself is looked up that way.
pub fn skeleton(code: &str, detector: Option<&str>) -> Option<String> {
    let name = detector.unwrap_or(code);
    let lang = whatlang::Lang::from_code(name.to_ascii_lowercase()).or_else(|| {
        whatlang::Lang::all()
            .iter()
            .copied()
            .find(|l| l.eng_name().eq_ignore_ascii_case(name))
    })?;
    let number_words = match text2num::get_interpreter_for(code) {
        Some(_) => format!("number_words = \"{code}\"  # text2num reads spelled-out numbers"),
        None => "# number_words = \"..\"  # text2num has no interpreter for this language".into(),
    };
    Some(
        SKELETON
            .replace("{code}", code)
            .replace("{name}", lang.eng_name())
            .replace("{detector}", lang.code())
            .replace("{number_words}", &number_words),
    )
}

//! `[organisations]` of a language file: how the language names a company no list holds —
//! a cue noun right before its name ("the start-up Zorbex Robotics", "le fabricant de
//! câbles Brelic", "het bouwbedrijf Dura", "der Zulieferer Leoni"), a legal form right
//! after it ("Van Hool NV", "Brelic SAS", "Leoni AG"), or what only a company does right
//! after it: the actor of a business action ("Airbus will cut", "Philips schrapt",
//! "Northvolt a annoncé").

use regex::Regex;
use toml::Spanned;

use super::patterns::{
    bounded, typographic, word_alternation, LangCompiler, LATIN_LETTER, LATIN_LOWER, LATIN_UPPER,
};
use super::schema::OrganisationsDef;
use crate::error::Result;

/// A name as a text writes a company's: up to four words, each starting with a capital
/// letter of the Latin script (Latin Extended letters, "Škoda", included), with `&` between
/// two of them ("Procter & Gamble"). Latin classes, not Unicode ones: the four patterns a
/// language builds on this stay small in memory. What makes it a company's name is the
/// cue, the legal form or the action of the language's rules around it.
const NAME: &str = r"(?P<name>[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}][0-9A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}&'’-]*(?:[ \t\x{A0}]+(?:&[ \t\x{A0}]+)?[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}][0-9A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}&'’-]*){0,3})";

/// One word of a name: a capital letter of the Latin script, then letters, digits, `&`,
/// apostrophes and hyphens (as in [`NAME`]).
const WORD: &str = r"[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}][0-9A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}&'’-]*";

/// How many characters before a name are read for a complement word: more than the
/// longest ("de l’" and the space before it).
const COMPLEMENT_CHARS: usize = 32;

/// The compiled `[organisations]` table.
#[derive(Debug)]
pub struct OrganisationRules {
    /// A cue noun and the name right after it; the name is group `name`.
    pub cued: Option<Regex>,
    /// An investor's cue noun ("the fund", "le fonds") and the name right after it: an
    /// organisation that invests, never the company that raises; the name is group `name`.
    pub investor: Option<Regex>,
    /// The rest of a list of names, right after the first one a cue names: its last
    /// name, after a conjunction (group `name`), is of the cue's kind too ("ses concurrents
    /// Intermarché et Auchan", "investors including Harwick, Ostera and Kovalt").
    pub list_tail: Option<Regex>,
    /// A name and the legal form right after it; the name is group `name`.
    pub with_legal_form: Option<Regex>,
    /// A name whose last word is a designator ("Harwick Group", "Kelbridge
    /// Technologies"): a company's whole name, designator included, is group `name`. A
    /// designator that is also a common word ("AI") makes no name by itself ("French AI").
    pub with_designator: Option<Regex>,
    /// A name and a business action right after it, of which it is the actor; the name is
    /// group `name`.
    pub acting: Option<Regex>,
    /// A finite verb and the name of its subject right after it, in a language that puts
    /// the subject after the verb ("Vorig jaar schrapte Philips"); the name is group `name`.
    pub acting_after: Option<Regex>,
    /// A noun for a subsidiary ending the text before a name ("die Kunststofftochter",
    /// "its subsidiary"): that name's first word is likely its parent's, not its own short
    /// form ("die Tochter Traunfels Plastics GmbH … Traunfels beschäftigte").
    subsidiary: Option<Regex>,
    /// A name, a comma and a cue noun after one of the `apposition_articles` ("Fenmoor
    /// Logistics, a haulier"): the cue said after the name; the name is group `name`, and
    /// a reporting verb right after the cue (no apposition then) group `verb`.
    pub cued_after: Option<Regex>,
    /// What only a company has, and the name of the company that has it ("la division
    /// spatiale d'Airbus", "the workforce of Harwick Foods"); the name is group `name`.
    pub owned: Option<Regex>,
    /// Whether the language writes every noun with a capital (German): a single plain
    /// word after a cue ("das Startup Berichten zufolge") is then no name; one with a
    /// capital or digit inside ("RWE", "Data4") still is.
    pub capitalised_nouns: bool,
    /// The legal forms, as written.
    legal_forms: Vec<String>,
    /// Words that may open a sentence before a name but are no part of it ("Die", "The").
    articles: Vec<String>,
    /// Endings a name takes in the genitive ("Europas" for "Europa"): a known entity's
    /// name with one of them is that entity, not a company.
    pub genitive_endings: Vec<String>,
    /// How an adjective of a place ends and how the place's name ends instead ("er" for
    /// "", "ner" for "en": "Hamburger", "Dresdner"): a known place's adjective that opens
    /// a name of more words is no part of it ("Die Dresdner Siliqon Materials GmbH").
    pub place_adjectives: Vec<(String, String)>,
    /// Words right before a name that make it a place's, not a company's ("in Roeselare
    /// schrapt", "uit Hoogeveen is failliet"), in lower case.
    place_words: Vec<String>,
    /// Words right before a name that make it the complement of the noun before them,
    /// not the subject of the verb after it ("le ministre de l'Industrie a jugé"), in
    /// lower case.
    complement_words: Vec<String>,
    /// Words the language writes in capitals that are common nouns, never a company by
    /// themselves ("IA" in French, "KI" in German).
    common_words: Vec<String>,
    /// Words after a company's short name that name the same company ("AI" in "Mistral
    /// AI", "Asset Management"): the short name alone is then that company. The
    /// investor designators among them.
    designators: Vec<String>,
    /// Designators of firms that invest ("Ventures", "Capital"): a name ending in one is
    /// an investor's, never the company that raises.
    investor_designators: Vec<String>,
    /// Endings of a possessive ("'s"): the word that ends in one is no part of the name
    /// after it ("Singapore's Tamarind Capital").
    possessives: Vec<String>,
    /// Endings of a word saying where a company is at home ("-based"): the word with one
    /// is no part of the name after it ("Boston-based Carewell Systems").
    home_suffixes: Vec<String>,
}

impl OrganisationRules {
    /// Whether `before` (the text before a name) ends with a noun for a subsidiary
    /// (`subsidiary_cues`, compounds included: "Kunststofftochter").
    pub fn follows_subsidiary_cue(&self, before: &str) -> bool {
        self.subsidiary.as_ref().is_some_and(|r| r.is_match(before))
    }

    /// Whether `word` is one of the language's legal forms ("AG", "NV").
    pub fn is_legal_form(&self, word: &str) -> bool {
        self.legal_forms.iter().any(|f| f == word)
    }

    /// Whether `word` is one of the language's `articles`: a word a sentence may open
    /// with before a name, no part of the name ("Die Kessmann Holding GmbH").
    pub fn is_article(&self, word: &str) -> bool {
        self.articles.iter().any(|a| a == word)
    }

    /// Whether `before` (the text before a name) ends with one of the language's
    /// `complement_words`, as whole words, in any case: the name is then a complement.
    pub fn ends_with_complement_word(&self, before: &str) -> bool {
        // Only the last few words can end with one: a name may follow thousands of them.
        let before = before.trim_end();
        let last_words = before
            .char_indices()
            .rev()
            .nth(COMPLEMENT_CHARS)
            .map_or(before, |(at, _)| &before[at..]);
        let before = last_words.to_lowercase();
        self.complement_words.iter().any(|w| {
            before
                .strip_suffix(w.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
        })
    }

    /// Whether `word` (any case) is one of the words that make the name after it a
    /// place's ("in", "uit", "près de").
    pub fn is_place_word(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.place_words.contains(&word)
    }

    /// Whether `words` are one of the language's `designators` ("AI", "Group").
    pub fn is_designator(&self, words: &str) -> bool {
        self.designators.iter().any(|d| d == words)
    }

    /// Where the words after the last possessive of `words` start ("Singapore's Tamarind
    /// Capital": at "Tamarind"), if `words` holds one of the language's `possessives`
    /// followed by a space.
    pub fn after_possessive(&self, words: &str) -> Option<usize> {
        self.possessives
            .iter()
            .filter_map(|p| Some(words.rfind(&format!("{p} "))? + p.len() + 1))
            .max()
    }

    /// Where the words after the first words of `words` that end in a possessive or a
    /// home suffix start ("Germany's Brenner Guss", "Boston-based Carewell Systems": at
    /// "Brenner", "Carewell"); 0 when it opens with none.
    pub fn after_home(&self, words: &str) -> usize {
        let mut at = 0;
        for word in words.split_inclusive(' ') {
            let bare = word.trim_end();
            let home = self
                .possessives
                .iter()
                .chain(&self.home_suffixes)
                .any(|end| bare.len() > end.len() && bare.ends_with(end.as_str()));
            if !home || at + word.len() >= words.len() {
                break;
            }
            at += word.len();
        }
        at
    }

    /// Whether `name` ends in one of the language's `investor_designators` ("Northwind
    /// Ventures").
    pub fn is_investor_name(&self, name: &str) -> bool {
        self.investor_designators.iter().any(|d| {
            name.strip_suffix(d.as_str())
                .is_some_and(|n| n.ends_with(' '))
        })
    }

    /// Whether `name` is one of the language's `common_words`: no company by itself.
    pub fn is_common_word(&self, name: &str) -> bool {
        self.common_words.iter().any(|w| w == name)
    }
}

/// The `[organisations]` table of the file `c` compiles.
pub(super) fn compile_organisations(
    c: &LangCompiler,
    def: &OrganisationsDef,
    conjunctions: &[String],
) -> Result<OrganisationRules> {
    let cues = patterns(c, &def.cues, "organisations.cues")?;
    let (cued, investor) = cue_finders(c, def, &cues)?;
    let list_tail = compiled(c, list_tail(conjunctions), "references.conjunctions")?;
    // Legal forms are matched as written: "SA" is one, "sa" a word.
    let with_legal_form = match def.legal_forms.iter().all(String::is_empty) {
        true => None,
        false => {
            let forms = word_alternation(&def.legal_forms);
            let pattern = format!(r"{NAME},?[ \t\x{{A0}}]+{forms}");
            Some(c.regex(&pattern, "organisations.legal_forms", None)?)
        }
    };
    let with_designator = compiled(c, designated_name(def), "organisations.designators")?;
    let actions = patterns(c, &def.actions, "organisations.actions")?;
    let acting = compiled(
        c,
        (!actions.is_empty()).then(|| format!(r"{NAME}[ \t\x{{A0}}]+(?i:{})", actions.join("|"))),
        "organisations.actions",
    )?;
    let inverted = patterns(c, &def.inverted_actions, "organisations.inverted_actions")?;
    let acting_after = compiled(
        c,
        (!inverted.is_empty()).then(|| format!(r"(?i:{})[ \t\x{{A0}}]+{NAME}", inverted.join("|"))),
        "organisations.inverted_actions",
    )?;
    let cued_after = compiled(c, apposition(def, &cues, &actions), "organisations.cues")?;
    let owners = patterns(c, &def.owners, "organisations.owners")?;
    let owned = compiled(
        c,
        (!owners.is_empty()).then(|| format!(r"(?i:{})[ \t\x{{A0}}]*{NAME}", owners.join("|"))),
        "organisations.owners",
    )?;
    let subsidiary = c.words_regex(
        r"(?i)\w*(?:{})[ \t\x{A0}]+$",
        &def.subsidiary_cues,
        "organisations.subsidiary_cues",
    )?;
    Ok(OrganisationRules {
        cued,
        subsidiary,
        list_tail,
        investor,
        with_legal_form,
        with_designator,
        acting,
        acting_after,
        cued_after,
        owned,
        capitalised_nouns: def.capitalised_nouns,
        legal_forms: def.legal_forms.clone(),
        articles: def.articles.clone(),
        place_words: def.place_words.iter().map(|w| w.to_lowercase()).collect(),
        complement_words: def
            .complement_words
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
        genitive_endings: def.genitive_endings.clone(),
        place_adjectives: def.place_adjectives.clone(),
        common_words: def.common_words.clone(),
        designators: def
            .designators
            .iter()
            .chain(&def.investor_designators)
            .cloned()
            .collect(),
        investor_designators: def.investor_designators.clone(),
        possessives: def.possessives.clone(),
        home_suffixes: def.home_suffixes.clone(),
    })
}

/// The pattern of a name before an apposition ending in one of the `cues` (compiled) of
/// `def` ("Fenmoor Logistics, a haulier"), if there are cues and apposition articles;
/// `actions` are the compiled `[organisations] actions`.
fn apposition(def: &OrganisationsDef, cues: &[String], actions: &[String]) -> Option<String> {
    // A reporting verb or an action right after the cue makes a new clause, not an
    // apposition ("led by Calder Ventures, the start-up said"; "researchers at Heriot-Watt
    // University, the company raised"): matched as group `verb`, and then no name.
    let mut verbs: Vec<String> = actions.to_vec();
    if !def.reporting_verbs.is_empty() {
        verbs.push(word_alternation(&def.reporting_verbs));
    }
    let reporting = match verbs.is_empty() {
        true => String::new(),
        false => format!(r"(?:[ \t\x{{A0}}]+(?P<verb>(?i:{})))?", verbs.join("|")),
    };
    (!cues.is_empty() && !def.apposition_articles.is_empty()).then(|| {
        format!(
            r"{NAME},[ \t\x{{A0}}]+(?:{})[ \t\x{{A0}}]+(?:(?:{LATIN_LOWER}+|{LATIN_UPPER}[{LATIN_LETTER}.]*-{LATIN_LOWER}+|{LATIN_UPPER}{LATIN_LOWER}+)[ \t\x{{A0}}]+){{0,2}}(?i:{}){reporting}",
            word_alternation(&def.apposition_articles),
            cues.join("|")
        )
    })
}

/// The finders of a name after the `cues` (compiled) and after the investor cues of `def`.
fn cue_finders(
    c: &LangCompiler,
    def: &OrganisationsDef,
    cues: &[String],
) -> Result<(Option<Regex>, Option<Regex>)> {
    let between = patterns(c, &def.between, "organisations.between")?;
    let between = match between.is_empty() {
        true => String::new(),
        false => format!(r"(?:[ \t\x{{A0}}]+(?:{})){{0,3}}", between.join("|")),
    };
    // A cue, the words `between` allows, and the name; a headline may put a colon between
    // the cue and the name ("KI-Startup: Mistral").
    let after_cue = |cues: &[String]| {
        (!cues.is_empty())
            .then(|| format!(r"(?i:{}){between}:?[ \t\x{{A0}}]+{NAME}", cues.join("|")))
    };
    let investor_cues = patterns(c, &def.investor_cues, "organisations.investor_cues")?;
    Ok((
        compiled(c, after_cue(cues), "organisations.cues")?,
        compiled(c, after_cue(&investor_cues), "organisations.investor_cues")?,
    ))
}

/// The rest of a list of names, anchored where its first name ends: more names after
/// commas, then a conjunction and the last name.
fn list_tail(conjunctions: &[String]) -> Option<String> {
    let name = format!(r"{WORD}(?:[ \t\x{{A0}}]+{WORD}){{0,3}}");
    (!conjunctions.is_empty()).then(|| {
        format!(
            r"^(?:,[ \t\x{{A0}}]+{name}){{0,3}},?[ \t\x{{A0}}]+{}[ \t\x{{A0}}]+{NAME}",
            word_alternation(conjunctions)
        )
    })
}

/// The pattern of a name of one to three words ending in one of the designators that are
/// not common words ("Harwick Group"), or of one of the leading designators and one or two
/// words ("Ateliers Brière", "Chantiers de l'Atlantique"), if there are any.
fn designated_name(def: &OrganisationsDef) -> Option<String> {
    let designators: Vec<String> = def
        .designators
        .iter()
        .chain(&def.investor_designators)
        .filter(|d| !def.common_words.contains(d))
        .cloned()
        .collect();
    let space = r"[ \t\x{A0}]+";
    let mut names = Vec::new();
    if !designators.is_empty() {
        let ending = word_alternation(&designators);
        names.push(format!(r"{WORD}(?:{space}{WORD}){{0,2}}?{space}{ending}"));
    }
    if !def.leading_designators.is_empty() {
        let opening = word_alternation(&def.leading_designators);
        let linked =
            format!(r"(?:{space}(?:(?:de|du|des|de la){space}|d['’]|de l['’])?{WORD}){{1,2}}");
        names.push(format!(r"{opening}{linked}"));
    }
    (!names.is_empty()).then(|| format!(r"(?-u:\b)(?P<name>{})(?-u:\b)", names.join("|")))
}

/// `pattern` compiled, if there is one.
fn compiled(c: &LangCompiler, pattern: Option<String>, what: &str) -> Result<Option<Regex>> {
    pattern.map(|p| c.regex(&p, what, None)).transpose()
}

/// The patterns of a list, each checked alone, as whole words.
fn patterns(c: &LangCompiler, list: &[Spanned<String>], what: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for p in list {
        c.written_pattern(p.get_ref(), what, Some(p.span().start))?;
        out.push(bounded(&typographic(p.get_ref())));
    }
    Ok(out)
}

"""The JSON Schema of a bundle file, for editors (``kiosk schema``, ``content/schema.json``).

A bundle's files share one schema: each file holds some of the top-level parts
(``metadata``, ``topic``, ``references``, ``assets``), so none is required per file.

The descriptions editors see on hover come from :data:`DESCRIPTIONS` (the model
imports nothing from the validation library, so they are added here).
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.content._validate import json_schema
from kiosk.content.model import BundleDocument

__all__ = ["DESCRIPTIONS", "bundle_file_schema", "schema_text"]

_TEXT = "Text in the bundle's first language, or one text per language (en: ..., es: ...)."
_LEVEL_TEXT = "Written once per reading level (patient: ..., clinician: ...)."

DESCRIPTIONS: dict[str, str] = {
    # "Definition.property" for a property, "Definition" for a whole definition;
    # "BundleFile.<part>" for the top-level parts of a file
    "BundleFile.metadata": "What this bundle is: id, title, version, review, dates.",
    "BundleFile.topic": "The title, summary and sections the reader sees.",
    "BundleFile.references": "Every source the text cites, by number.",
    "BundleFile.assets": "Files (such as icons) inside the bundle folder.",
    "Metadata": "What this bundle is, its review status and its disclaimer.",
    "Metadata.id": "The bundle's name for the computer: lowercase letters, digits and "
    "single hyphens. Use the folder's name; each bundle needs its own id.",
    "Metadata.title": "The topic's name, for lists and menus. " + _TEXT,
    "Metadata.version": "Your own version label, such as 1.0.0. Change it each time the "
    "content changes.",
    "Metadata.review": "Where the content is in clinical review.",
    "Metadata.updated": "The day the content last changed, as YYYY-MM-DD.",
    "Metadata.editorial_policy": "How the content was made: where the facts come from, "
    "how it is written, its review status, how to report a mistake. " + _TEXT,
    "Metadata.disclaimer": "The 'this is not medical advice' notice. " + _LEVEL_TEXT,
    "Metadata.languages": "The languages every text is written in (codes such as en, es, "
    "es-MX); the first is the main one.",
    "Metadata.reading_levels": "The reading levels every text is written for.",
    "Metadata.source": "A short note naming the main source of the topic. " + _TEXT,
    "Metadata.icon": "The id of an asset (an icon) shown on the topic's tile when the kiosk "
    "offers several topics.",
    "Review": "The clinical review of the content.",
    "Review.status": "submitted (waiting for a clinician), under_review or approved (a "
    "named clinician has approved it).",
    "Review.reviewer": "The name (and role) of the clinician who approved it; required "
    "when approved.",
    "Review.date": "The day they approved it, as YYYY-MM-DD; required when approved.",
    "ReviewStatus": "Where the bundle is in clinical review; anything but approved shows "
    "a 'pending review' caution.",
    "ReadingLevel": "Who the text is written for.",
    "Reference": "One source, cited in the text as [number].",
    "Reference.number": "The number the text cites, such as 1 for [1]. Starts at 1; "
    "each number once.",
    "Reference.title": "The title of the work as published (one text, not translated); "
    "per language only for an entry that names no work, e.g. 'Reference 4 of the source "
    "overview'.",
    "Reference.kind": "What sort of work it is, in your words, such as guideline.",
    "Reference.publisher": "Who published it (or the authors).",
    "Reference.year": "The year it was published.",
    "Reference.note": "Anything the reader should know about this source. " + _TEXT,
    "Reference.url": "A web address for the work, if it has one.",
    "Asset": "A file inside the bundle folder, such as an icon.",
    "Asset.id": "The name other keys (such as a section's icon) use for this file; unique.",
    "Asset.path": "Where the file is, relative to the bundle folder, with / between folders.",
    "Asset.alt": "A short description of the picture, for readers who cannot see it. " + _TEXT,
    "Topic": "The title, summary and sections the reader sees.",
    "Topic.title": "The topic's heading. " + _LEVEL_TEXT,
    "Topic.summary": "A short overview shown first; it cites its sources, e.g. [1]. " + _LEVEL_TEXT,
    "Topic.sections": "The sections, in reading order; at least one.",
    "Section": "One section of the topic.",
    "Section.id": "A short name for the section: lowercase letters, digits and single "
    "hyphens. Unique within the bundle.",
    "Section.title": "The section heading. " + _LEVEL_TEXT,
    "Section.passages": "The section's passages, in order; at least one. Each is "
    "written once per reading level and cites its sources, e.g. [1].",
    "Section.icon": "The id of an asset to show as the section's icon.",
    "Section.figures": "Pictures shown in the section, each an asset with alt text in "
    "every language.",
    "Section.handout": "The numbers of the passages (from 1) printed on the handout under "
    "'What helps' (whatever the self-check found), each with the figures placed after it.",
    "Figure": "A picture in a section: an asset that has alt text in every language.",
    "Figure.asset": "The id of the asset to show (an .svg, .png or .jpg file).",
    "Figure.after": "The number of the passage (from 1) the picture follows; without it, "
    "the picture comes after the last passage.",
    "BundleFile.selfcheck": "The self-check of risk factors: questions, red flags, factors.",
    "SelfCheck": "An offline self-check: questions, the answers that call for help, and "
    "the factors that may be contributing. Never a diagnosis.",
    "SelfCheck.title": "The self-check's heading. " + _LEVEL_TEXT,
    "SelfCheck.intro": "Shown before the first question: what it is, and that it is not a "
    "diagnosis. " + _LEVEL_TEXT,
    "SelfCheck.questions": "The questions, in order; questions used by red flags are asked first.",
    "SelfCheck.red_flags": "Answers that raise a warning sign (signs:); those questions are "
    "asked first.",
    "SelfCheck.factors": "Things that may be contributing, each with the answers that point to it.",
    "Question": "One question, shown on its own screen.",
    "Question.id": "A short name for the question: lowercase letters, digits and hyphens.",
    "Question.kind": "yes_no (yes / no / not sure), single (one option) or multiple (any options).",
    "Question.text": "The question. " + _LEVEL_TEXT,
    "Question.help": "Extra words under the question. " + _LEVEL_TEXT,
    "Question.options": "The answers to choose from (single and multiple only).",
    "Question.show_if": "Ask this question only when earlier answers say so.",
    "QuestionKind": "yes_no, single or multiple.",
    "Option": "One answer to choose from.",
    "Option.id": "A short name for the answer, used in rules.",
    "Option.text": "The answer as shown. " + _LEVEL_TEXT,
    "Rule": "Either any: (one of the conditions is enough) or all: (every condition).",
    "Rule.any": "True when any one of these conditions holds.",
    "Rule.all": "True when every one of these conditions holds.",
    "Condition": "One answer to look for.",
    "Condition.question": "The id of an earlier question.",
    "Condition.answer": "The answer: yes, no, not_sure, or an option id.",
    "Condition.answered": "true: the question was answered at all (any answer).",
    "RedFlag": "Answers that raise a warning sign (signs:). A yes/no question answered "
    "not sure where the rule asks for yes raises it too, as not sure.",
    "RedFlag.sign": "The id of the warning sign (under signs:) these answers raise.",
    "RedFlag.when": "The rule over answers that raises the sign.",
    "Urgency": "The kiosk's one urgency scale, most urgent first: emergency (immediate "
    "action), urgent (see a doctor right away), soon (within days), self-care.",
    "Sign": "A warning sign, defined once and used everywhere: self-check, results, "
    "sections, handout, question box, read-aloud.",
    "Sign.id": "A short name for the sign: lowercase letters, digits and hyphens.",
    "Sign.tier": "Its tier on the urgency scale, as its sources give it; where sources "
    "differ, the safer tier, and the advice says who says what.",
    "Sign.name": "The sign in a few words (the card's title). " + _LEVEL_TEXT,
    "Sign.advice": "What the sources say to do, citing them, e.g. [6]. " + _LEVEL_TEXT,
    "Sign.sources": "The numbers of the references that give this advice.",
    "Sign.words": "Per language, the words visitors use for this sign: a question with one "
    "of them shows the sign's card first. A section whose text uses one must list the sign "
    "in its signs:.",
    "Section.signs": "The ids of the warning signs this section speaks of: their cards come "
    "first on its screen.",
    "Ask.medicine_safety": "The fixed answer to a question about stopping, changing or "
    "dosing a medicine (never a dose). " + _LEVEL_TEXT,
    "BundleFile.signs": "The topic's warning signs, each with its urgency tier, advice, "
    "sources and the words visitors use for it.",
    "Factor": "Something that may be contributing to cramps.",
    "Factor.id": "A short name for the factor.",
    "Factor.name": "The factor as shown. " + _LEVEL_TEXT,
    "Factor.when": "The rule over answers that points to this factor.",
    "Factor.sections": "The ids of the sections that explain it.",
    "Factor.helps": "What may help, with its citations. " + _LEVEL_TEXT,
    "BundleFile.ask": "What the question box knows beyond the passages: synonyms, "
    "everyday spellings, medicine names, what visitors want, and curated answers.",
    "Ask": "Synonyms, spellings and medicine names (per language), intents, and curated "
    "questions with their answers.",
    "Ask.spellings": "Per language: everyday spellings of general words (cuz, alot), each "
    "read as the word it means.",
    "Ask.medicines": "Per language: names of medicines, each searched as the class of "
    "medicine the topic names, with its source.",
    "Ask.intents": "What visitors want (what do I do, why, when to see a doctor): cue "
    "phrases per language and the passages that answer that kind of question.",
    "Spelling": "An everyday spelling and the general word it means.",
    "Spelling.words": "Spellings as visitors type them (text-speak, run-together words).",
    "Spelling.means": "The general word or words they mean (need not be in the topic).",
    "Medicine": "Names of medicines and the class of medicine the topic names.",
    "Medicine.names": "Brand, generic or everyday names, as visitors type them.",
    "Medicine.means": "The class of medicine as the topic's text names it in that language.",
    "Medicine.source": "Where it says these names are of that class (a source of the "
    "briefs: its name and the words to find there).",
    "Intent": "A kind of question: its cue phrases and the passages that answer it.",
    "Intent.id": "A short name for the intent (lowercase letters, digits, hyphens).",
    "Intent.cues": "Per language: the phrases that show this intent (what do i do, why).",
    "Intent.answers": "Section ids, or 'section#words' for the passage of that section "
    "holding these words, that answer this kind of question.",
    "Intent.lower_unless_asked": "true: these passages answer this kind of question only, "
    "and rank lower for a question that does not ask it (no cue of this intent).",
    "Ask.synonyms": "Per language: patients' words, each list searched as one of the "
    "bundle's own words.",
    "Ask.answers": "Questions editors expect, with a reviewed answer; a match is shown first.",
    "Synonym": "Words patients use, and the bundle's word they mean.",
    "Synonym.words": "Words or phrases as patients type them (case, accents and endings "
    "do not matter).",
    "Synonym.means": "A word or phrase the topic's text uses in that language.",
    "CuratedAnswer": "A curated question: several phrasings, an answer, the section that "
    "says more.",
    "CuratedAnswer.id": "A short name for the answer (lowercase letters, digits, hyphens).",
    "CuratedAnswer.questions": "Per language: the ways patients ask it.",
    "CuratedAnswer.answer": "The answer, with its citations. " + _LEVEL_TEXT,
    "CuratedAnswer.section": "The id of the section it restates, which its 'Read the "
    "section' button opens; leave it out for an answer that restates the topic's short "
    "answer.",
}


def _describe(schema: dict[str, Any]) -> None:
    definitions = schema.get("$defs", {})
    for path, text in DESCRIPTIONS.items():
        name, _, prop = path.partition(".")
        target = schema if name == "BundleFile" else definitions[name]
        if prop:
            target["properties"][prop]["description"] = text
        else:
            target["description"] = text


def bundle_file_schema() -> dict[str, Any]:
    schema = json_schema(BundleDocument)
    _describe(schema)
    schema.pop("required", None)
    schema["title"] = "Kiosk content bundle file"
    schema["description"] = (
        "One YAML file of a content bundle. Together, a bundle's files hold metadata, topic "
        "and references (and optionally assets), each in exactly one file. "
        "See docs/content-format.md."
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    return json.dumps(bundle_file_schema(), indent=2, sort_keys=True) + "\n"

"""spaCy components of ours, registered as factories (also through the ``spacy_factories`` entry point).

Each extractor reads the ``Doc`` and stores its spans and records with ``extract.nlp.spans.store`` (records carry
the exact character offsets of the mention, which may be narrower than the token-aligned span).
"""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.grammars.categories import OFFENCES, Categorization, Evidence, categorize
from extract.grammars.count_relations import relate
from extract.grammars.counted import counted_around
from extract.grammars.counts import CountMatch
from extract.grammars.sentences import Sentences
from extract.grammars.table_rows import CELL
from extract.nlp.model_gate import count_matches
from extract.nlp.spans import store, text_of

__all__ = ["CountExtractor", "make_count_extractor"]

_NOUNISH = {"NOUN", "PROPN"}
#: below this much evidence a category is a guess, and the text's dominant offence is taken instead
_WEAK = 1.0
#: what a part of a whole can be on its own ("Of these, 139 ended in convictions", "64 as killed")
_OUTCOMES = frozenset({"conviction", "killed", "wounded", "captured", "casualties", "equipment_loss"})
#: what separates the clauses of a list of parts ("139 ended in convictions, 17 were …"; "— 174;\n по ст. 338")
_SEPARATOR = regex.compile(r"[,;:](?=\s)|\n")
#: wholes whose parts take the offence they name ("Из 96 дел 78 — о СОЧ", "of its 38,000 men, 4,870 left")
_GENERAL = frozenset({"prosecution", "personnel"})


def _antecedent_offence(lang: str, text: str, found: list[dict], guesses: set[int], i: int) -> str | None:
    """The offence "such cases" point back to: the nearest one named before ``found[i]`` in its paragraph, by a
    figure that has one of its own or by a cue of the lexicon ("самовольное оставление части … дела данной
    категории")."""
    start = text.rfind("\n\n", 0, found[i]["char_start"]) + 1
    figure = next((j for j in range(i - 1, -1, -1) if j not in guesses and found[j]["category"] in OFFENCES), None)
    named = [m for m in Evidence(lang, text[start : found[i]["char_start"]]).matches if m[0] in OFFENCES]
    at = max(named, key=lambda m: m[3], default=None)
    if (
        figure is not None
        and found[figure]["char_start"] >= start
        and (at is None or found[figure]["char_end"] >= start + at[3])
    ):
        return found[figure]["category"]
    return at[0] if at else None


def _named_offences(lang: str, text: str) -> set[str]:
    """The offences a text names anywhere (by the lexicon's cues: "СОЧ", "deserted", "Article 338")."""
    return {m[0] for m in Evidence(lang, text).matches if m[0] in OFFENCES}


def _use_document_topic(
    lang: str, text: str, found: list[dict], guesses: set[int], specific: set[int], unqualified: set[int]
) -> None:
    """Counts with no evidence of their own ("such cases", "entries") or only a generic noun ("soldiers",
    "человек") take the text's dominant category: the figures of one report are mostly about one thing, the one
    its first figure is about."""
    confident = [r["category"] for i, r in enumerate(found) if i not in guesses]
    topics = [c for c in confident if c != "personnel"]
    named: set[str] | None = None  # the offences the text names, read once if needed
    for i, record in enumerate(found):
        such = record["category"] == "prosecution" and i in guesses
        if such or i in unqualified:
            # "such cases", "дела этой категории" point back to the offence named last in their paragraph; they and
            # unqualified cases ("1 530 новых дел") are cases of the offence the text reports when it reports one,
            # and stay prosecution in a text about several (gold clarification 10)
            offence = _antecedent_offence(lang, text, found, guesses, i) if such else None
            if offence is None:
                named = _named_offences(lang, text) if named is None else named
                offence = next(iter(named)) if len(named) == 1 else None
            if offence:
                record["category"], record["category_basis"] = offence, "topic"
        elif topics and (i in guesses or (record["category"] == "personnel" and i not in specific)):
            # the most frequent category, the first figure's (the headline's or the lead's) counting twice and
            # winning ties: a leaked list of absentees stays AWOL though a paragraph lists tanks and БМП lost
            topic = max(sorted(set(topics)), key=lambda c: (topics.count(c) + (c == topics[0]), c == topics[0]))
            if record["category"] == "personnel" and topic == "equipment_loss":
                topic = "casualties"  # "личный состав — 973 340" among "танки — 10 780": personnel losses
            record["category"], record["category_basis"] = topic, "topic"


def _shares_of_strength(text: str, found: list[dict]) -> None:
    """A share of people or of a unit's strength measures the figure before it in its paragraph: "lost at least
    two thousand men, almost half of its strength" (casualties), "about two in five of the brigade's nominal
    strength" after a count of absentees (awol), passing over the strength itself ("With a strength of 38,000, that
    is about 13%")."""
    for i, record in enumerate(found):
        if (
            record["kind"] != "share"
            or record["relation"] not in (None, "restated")
            or record["category"] != "personnel"
        ):
            continue
        for before in reversed(found[:i]):
            if "\n\n" in text[before["char_end"] : record["char_start"]]:
                break
            if before["kind"] == "count" and before["category"] != "personnel":  # the strength is the denominator
                record["category"], record["category_basis"] = before["category"], "related"
                break


#: a header cell that is a part of the column before it ("из них мобилизованных", "of which officers")
_PART_COLUMN = regex.compile(r"^(?:из\s+них|в\s+том\s+числе|в\s+т\.\s?ч\.|of\s+(?:them|which|whom)|incl)", regex.I)
_NUMERIC_CELL = regex.compile(r"[\d\s.,%+—–-]*")


class _TableColumns:
    """What the column of a table says its cells count, by the header cell above a figure ("по ст. 338",
    "направлено дел в суд"); a column of a part ("из них мобилизованных") counts what the column before it does;
    under a header that says nothing of it (a year), the label of the figure's row.
    A table is a block of lines with as many cells, under a header line of mostly words. Each line walks up to
    its table's header once, and each column's header is read once."""

    def __init__(self, lang: str, text: str) -> None:
        self.lang = lang
        self.text = text
        self._tops: dict[int, int] = {}  # line start -> start of its table's first line
        self._columns: dict[tuple[int, int], Categorization | None] = {}
        self._rows: dict[int, Categorization | None] = {}  # line start -> what its label says

    def category(self, start: int, end: int) -> Categorization | None:
        text = self.text
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", end)
        cells = len(CELL.split(text[first : len(text) if last < 0 else last]))
        if cells < 3:
            return None
        top = self._top(first, cells)
        if top == first:
            return None  # the figure is on the header line, or no table is above it
        column = len(CELL.findall(text, first, start))
        if (top, column) not in self._columns:
            header = CELL.split(text[top : text.find("\n", top)])
            words = sum(not _NUMERIC_CELL.fullmatch(c) for c in header) >= len(header) - 1
            self._columns[top, column] = self._read(header[: column + 1]) if words else None
        if self._columns[top, column] is None and column > 0:
            # a column by year or month says nothing: the row's label may ("Art. 338 — desertion\t38\t212")
            if first not in self._rows:
                label = text[first : CELL.search(text, first).start()]
                self._rows[first] = self._read([label]) if not _NUMERIC_CELL.fullmatch(label) else None
            return self._rows[first]
        return self._columns[top, column]

    def _top(self, first: int, cells: int) -> int:
        """The start of the first line of the block of lines with ``cells`` cells that holds the line at
        ``first``."""
        walked, top = [], first
        while top not in self._tops:
            walked.append(top)
            above = self.text.rfind("\n", 0, top - 1) + 1
            if top == 0 or len(CELL.split(self.text[above : top - 1])) != cells:
                break
            top = above
        top = self._tops.get(top, top)
        self._tops.update(dict.fromkeys(walked, top))
        return top

    def _read(self, header: list[str]) -> Categorization | None:
        while header:
            cell = header[-1].strip()
            if not _PART_COLUMN.match(cell):
                found = categorize(Evidence(self.lang, cell), counted=None, start=len(cell), end=len(cell))
                return found if found.score > _WEAK and found.specific else None
            header = header[:-1]
        return None


_LEAD_LINES = 15  # lines of a list to walk up to the line that introduces it


def _lead_in(text: str, first: int) -> str | None:
    """The line introducing the list whose line starts at ``first`` ("… получили:", "Losses by type:"), if any."""
    if "\n" not in text[max(0, first - 3) : first]:
        return None
    end = text.rfind("\n", 0, first)
    for _ in range(_LEAD_LINES):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if not line:
            return None  # a blank line ends the list
        if line.endswith(":"):
            return line
        end = start - 1
    return None


class CountExtractor:
    """Finds counts (``extract.grammars.counts``) and adds the counted noun, category and projection."""

    def __init__(self, lang: str, *, spans_key: str = "counts") -> None:
        self.lang = lang
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        found: list[dict] = []
        parsed = doc.has_annotation("DEP")  # walks every token: once per doc
        guesses: set[int] = set()
        specific: set[int] = set()
        unqualified: set[int] = set()
        text = text_of(doc)
        sentences = Sentences(text)
        columns = _TableColumns(self.lang, text)
        evidence: dict[tuple[int, int], Evidence] = {}
        for m in count_matches(doc, self.lang):
            span = doc.char_span(m.start, m.end, label=m.rule, alignment_mode="expand")
            if span is None:
                continue
            counted = self._counted(doc, text, m, span, parsed)
            first, last = sentences.bounds(m.start, m.end)
            context = text[first:last]
            if (first, last) not in evidence:
                evidence[first, last] = Evidence(self.lang, context)
            category = categorize(evidence[first, last], counted=counted, start=m.start - first, end=m.end - first)
            basis = "sentence" if category.specific else "generic"
            if category.score <= _WEAK and (lead := _lead_in(text, first)) is not None:
                # a line of a list says nothing itself: "Больше всего дел о СОЧ получили:\n— суды Москвы — 1 870;"
                listed = categorize(Evidence(self.lang, lead), counted=counted, start=len(lead), end=len(lead))
                category, basis = (listed, "list") if listed.score > _WEAK else (category, basis)
            if by_column := columns.category(m.start, m.end):  # a table's column says what its cells count
                category, basis = by_column, "column"
            if category.score <= _WEAK:
                guesses.add(len(found))
                basis = "guess"
            elif (
                basis == "sentence"
                and category.category == "prosecution"
                and not any(c in OFFENCES for c, *_ in evidence[first, last].matches)
            ):
                unqualified.add(len(found))  # "1 530 новых дел": cases of what the text reports, if one offence
            elif category.specific:
                specific.add(len(found))
            record = {
                "text": text[m.start : m.end],
                "char_start": m.start,
                "char_end": m.end,
                "rule": m.rule,
                "value": m.value,
                "low": m.low,
                "high": m.high,
                "qualifier": m.qualifier,
                "kind": m.kind,
                "counted": counted,
                "category": category.category,
                "category_basis": basis,
                "projection": evidence[first, last].projection,
                "period": None,
                "period_basis": None,
                "period_date": None,
                "unit": None,
                "source": None,
                "whole": None,
                "relation": None,
            }
            if text[max(0, m.start - 2) : m.start].endswith(("(+", "+")) and found:
                record["category"] = found[-1]["category"]  # a daily delta "(+12)" of a total
                record["category_basis"] = "related"
            spans.append(span)
            found.append(record)
        _use_document_topic(self.lang, text, found, guesses, specific, unqualified)
        self._relate(text, sentences, found, guesses, specific)
        _shares_of_strength(text, found)
        store(doc, self.spans_key, spans, found)
        return doc

    def _relate(
        self, text: str, sentences: Sentences, found: list[dict], guesses: set[int], specific: set[int]
    ) -> None:
        """Parts, restated wholes, changes and baselines take what they count from the figure they refer to."""
        relations = relate(text, found, sentences, self.lang)
        for i, relation in sorted(relations.items()):
            record, whole = found[i], found[relation.whole]
            record["whole"], record["relation"] = whole["char_start"], relation.kind
            if relation.kind == "part":
                own = self._own_category(text, sentences, found, i)
                keeps_own = own in _OUTCOMES or (own in OFFENCES and whole["category"] in _GENERAL)
                if not keeps_own:
                    record["category"], record["category_basis"] = whole["category"], "related"
                elif own != record["category"]:
                    record["category"], record["category_basis"] = own, "clause"
            elif relation.kind == "restated" and relation.same_sentence and record["counted"] and not whole["counted"]:
                whole["category"] = record["category"]  # "20–25%, то есть от 150 до 180 тыс. погибших"
                whole["category_basis"] = "related"
            elif relation.same_sentence or relation.kind == "restated" or i in guesses or i not in specific:
                record["category"], record["category_basis"] = whole["category"], "related"

    def _own_category(self, text: str, sentences: Sentences, found: list[dict], i: int) -> str | None:
        """The category a part's own clause gives it, if it says one: the clause runs between the separators (or
        the neighbouring figures) around it, so "139 ended in convictions, 17 were returned" and "по ст. 337 — 174;
        по ст. 338 — 12" each read their own words."""
        record = found[i]
        first, last = sentences.bounds(record["char_start"], record["char_end"])
        previous = [found[i - 1]["char_end"]] if i and first <= found[i - 1]["char_start"] else []
        start = max([*previous, first])
        end = found[i + 1]["char_start"] if i + 1 < len(found) and found[i + 1]["char_end"] <= last else last
        before = [m.end() for m in _SEPARATOR.finditer(text, start, record["char_start"])]
        after = _SEPARATOR.search(text, record["char_end"], end)
        # no separator after the figure before: the words between are that figure's ("260 ended in convictions and")
        start = before[-1] if before else (record["char_start"] if previous else start)
        end = after.start() if after else end
        evidence = Evidence(self.lang, text[start:end])
        own = categorize(
            evidence, counted=record["counted"], start=record["char_start"] - start, end=record["char_end"] - start
        )
        return own.category if own.score > _WEAK and own.specific else None

    def _counted(self, doc: Doc, text: str, m: CountMatch, span: Span, parsed: bool) -> str | None:
        if parsed:
            found = _counted_by_parse(doc, span)
            if found:
                return found
        return counted_around(text, m.start, m.end, self.lang)


def _counted_by_parse(doc: Doc, span: Span) -> str | None:
    """The noun the number modifies ("20,538 criminal cases"), or the object of "of" ("thousands of soldiers")."""
    last = span[-1]
    head = last.head
    if any("\n" in t.whitespace_ or "\n" in t.text for t in doc[span.end - 1 : head.i]):
        return None  # a noun on the next line is another entry
    if head.i > last.i and _nounish(head) and last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod"):
        mods = [t for t in head.lefts if t.i > last.i and t.dep_ in ("amod", "compound")]
        start = mods[0].i if mods else head.i
        return doc[start : head.i + 1].text
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        objects = [t for t in nxt.children if t.dep_ == "pobj"]
        if objects:
            obj = objects[0]
            mods = [t for t in obj.lefts if t.dep_ in ("amod", "compound")]
            return doc[(mods[0].i if mods else obj.i) : obj.i + 1].text
    return None


def _nounish(token: Token) -> bool:
    """A noun by its fine tag (the gate skips the attribute ruler, so coarse POS may be unset) or its POS."""
    return token.tag_.startswith("NN") or token.pos_ in _NOUNISH


@Language.factory("extract_counts", assigns=["doc.spans"], default_config={"spans_key": "counts"})
def make_count_extractor(nlp: Language, name: str, spans_key: str) -> CountExtractor:
    return CountExtractor(nlp.lang, spans_key=spans_key)

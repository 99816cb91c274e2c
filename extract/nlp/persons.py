"""spaCy component for person names, registered as the factory ``extract_persons``.

English: the doc's own NER (``PERSON`` entities, if the pipeline has ``ner``) plus the rank rule of
``extract.grammars.persons``. Russian: natasha's NER (``PER`` spans, loaded once per process on first use) on
``doc.text``, plus the rank rule and the initials rule; names are put into the nominative (natasha's normalizer,
or pymorphy2 guided by the case of the rank word before the name). Spans are the name only, without the rank;
entities that are sources or units (Mediazona, Storm-Z) are dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import Any

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extract.grammars.name_cues import needs_ner
from extract.grammars.persons import (
    NameMatch,
    Rank,
    find_initials_names,
    find_ranked_names,
    is_initial,
    person_key,
    rank_after,
    rank_before,
    rank_prefix,
)
from extract.grammars.sentences import Sentences
from extract.grammars.sources import find_sources
from extract.grammars.units import find_units
from extract.nlp.spans import records, store, text_of

__all__ = ["PersonExtractor", "make_person_extractor", "natasha_models"]


@cache
def natasha_models() -> dict[str, Any]:
    """natasha's segmenter, NER, morphology and vocabulary, loaded once per process (the weights ship in the wheels)."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    return {
        "segmenter": Segmenter(),
        "ner": NewsNERTagger(emb),
        "morph": NewsMorphTagger(emb),
        "vocab": MorphVocab(),
    }


_PYMORPHY_CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct"}


def _nominative_word(vocab: Any, word: str, cases: frozenset[str]) -> str:
    """One name word in the nominative, given the cases the context allows (pymorphy2 through natasha's vocab)."""
    if is_initial(word) or "nomn" in cases:
        return word
    parts = word.split("-")
    if len(parts) > 1:
        return "-".join(_nominative_word(vocab, p, cases) for p in parts)
    allowed = set(cases) | ({"accs"} if "gent" in cases else set())
    parses = vocab.parse(word.lower())
    best = None
    for p in parses:
        tag = p.tag
        if tag.case not in allowed or tag.number == "plur":
            continue
        if {"Surn", "Name", "Patr"} & set(tag.grammemes):
            best = p
            break
        if best is None and tag.POS == "NOUN":
            best = p
    if best is None:
        return word
    infl = best.inflect({"Nom"})  # natasha's forms take UD grammemes
    if infl is None:
        return word
    out = infl.word
    if "ё" not in word.lower():
        out = out.replace("ё", "е")
    return out[:1].upper() + out[1:]


def _keep_yo(name: str, surface: str) -> str:
    """natasha writes "е" for "ё": where a word only differs by that, keep the word as written."""
    written = {w.replace("ё", "е").replace("Ё", "Е"): w for w in surface.split()}
    return " ".join(written.get(w, w) for w in name.split())


def _feminine_subject(vocab: Any, text: str, end: int) -> bool:
    """The name is followed by a feminine past-tense verb ("огласила"), so it is a nominative woman's name."""
    m = regex.match(r"[\s,]*(\p{Ll}+)", text[end : end + 40])
    if not m:
        return False
    return any(p.tag.POS == "VERB" and p.tag.gender == "femn" for p in vocab.parse(m.group(1)))


def _nominative(vocab: Any, name: str, rank: Rank | None) -> str:
    if rank is None or not rank.cases:
        return name
    return regex.sub(r"[\p{L}-]+", lambda m: _nominative_word(vocab, m.group(), rank.cases), name)


_LABEL_BEFORE = regex.compile(r":[ \t]*$")
#: the case endings of Russian surnames in -ов/-ев/-ин (the stem is the nominative)
_RU_SURNAME_ENDINGS = r"(?:а|у|ым|ом|е|ой|ую|ы|ых|ыми)?"


def _mention_spans(doc: Doc, key: str, find: Any) -> list[tuple[int, int]]:
    """Where the sources or units are: from their component when it ran before this one, else found here."""
    if ("extract.records", key) in doc.user_data:
        return [(r["char_start"], r["char_end"]) for r in records(doc, key)]
    return [(m.start, m.end) for m in find()]


class PersonExtractor:
    """Finds names of people and the rank standing next to them."""

    def __init__(self, lang: str, *, spans_key: str = "persons") -> None:
        self.lang = lang
        self.spans_key = spans_key

    # candidates: (start, end, name or None, rank, rule); None name = as written
    def _ner_ru(self, text: str) -> list[tuple[int, int, str, str]]:
        # natasha's NER only on the sentences that may hold a name (``needs_ner``), joined
        # with blank lines; offsets are mapped back below
        pieces = [(a, b) for a, b in Sentences(text).spans() if b > a and needs_ner(text[a:b], "ru")]
        if not pieces:
            return []
        joined, where = "", []  # where: (offset in joined, offset in text) of each piece
        for a, b in pieces:
            where.append((len(joined), a))
            joined += text[a:b] + "\n\n"
        found = self._natasha(joined)
        starts = [w[0] for w in where]
        out = []
        for start, end, name, rule in found:
            i = bisect_right(starts, start) - 1
            shift = where[i][1] - where[i][0]
            out.append((start + shift, end + shift, name, rule))
        return out

    def _natasha(self, text: str) -> list[tuple[int, int, str, str]]:
        from natasha import Doc as NDoc
        from natasha.doc import inject_morph, sent_words
        from natasha.norm import normalize

        models = natasha_models()
        ndoc = NDoc(text)
        ndoc.segment(models["segmenter"])
        ndoc.tag_ner(models["ner"])
        people = [span for span in ndoc.spans if span.type == "PER"]
        # Morphology (for the nominative) only where a name was found: it costs as much as the NER itself.
        sents = [s for s in ndoc.sents if any(p.start < s.stop and s.start < p.stop for p in people)]
        for sent, markup in zip(sents, models["morph"].map([sent_words(s) for s in sents]), strict=True):
            inject_morph(sent.tokens, markup.tokens)
        out = []
        for span in people:
            tokens = list(span.tokens)
            # a capitalised rank tagged as part of the name ("Рядового Белякова"): keep the name only
            while tokens and rank_prefix(text[tokens[0].start : span.stop], self.lang):
                skip = rank_prefix(text[tokens[0].start : span.stop], self.lang)
                tokens = [t for t in tokens if t.start >= tokens[0].start + skip]
            if not tokens:
                continue
            start, end = tokens[0].start, tokens[-1].stop
            out.append((start, end, normalize(models["vocab"], tokens), "ner"))
        return out

    def _ner_en(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        out = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start_char, ent.end_char
            text = text_of(doc)
            skip = rank_prefix(text[start:end], self.lang)
            start += skip
            m = regex.search(r"(?:'s|’s|[\s,.;:'’\"-])+$", text[start:end])
            if m and not regex.search(r"\b\p{Lu}\.$", text[start:end]):
                end = start + m.start()
            if end <= start:
                continue
            out.append((start, end, text[start:end], "ner"))
        return out

    def _plausible(self, surface: str) -> bool:
        if regex.search(r"\d|[@/#&]", surface):
            return False
        words = surface.replace(".", ". ").split()
        if not words or not all(w[:1].isupper() for w in words):
            return False
        if any(len(w) > 1 and w.isupper() and not w.endswith(".") for w in words):
            return False  # acronyms: "VDV", "ФСБ"
        return any(not is_initial(w) for w in words)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        lang = self.lang
        blocked = _mention_spans(doc, "sources", lambda: find_sources(text, lang))
        blocked += _mention_spans(doc, "units", lambda: find_units(text, lang))

        def is_blocked(a: int, b: int) -> bool:
            return any(a < e and s < b for s, e in blocked)

        ner = self._ner_ru(text) if lang == "ru" else self._ner_en(doc)
        rules: list[NameMatch] = find_ranked_names(text, lang) + find_initials_names(text, lang)
        vocab = natasha_models()["vocab"] if lang == "ru" else None

        cands: list[tuple[int, int, str, Rank | None, str]] = []
        for m in rules:
            if m.rank is None:
                m = NameMatch(m.start, m.end, rank_before(text, m.start, lang) or rank_after(text, m.end, lang), m.rule)
            cands.append((m.start, m.end, "", m.rank, m.rule))
        for start, end, normal, rule in ner:
            if any(start < c[1] and c[0] < end for c in cands):
                # the rule's span wins; NER normalization is used for it below where spans agree
                continue
            rank = rank_before(text, start, lang) or rank_after(text, end, lang)
            cands.append((start, end, normal, rank, rule))
        ner_normal = {(s, e): n for s, e, n, _ in ner}

        # rank rule first, then the initials rule, then NER; a later candidate overlapping a kept one is dropped
        priority = {"rank_name": 0, "initials": 1, "ner": 2}
        cands.sort(key=lambda c: (priority[c[4]], c[0], -(c[1] - c[0])))
        found: tuple[list, list] = ([], [])
        known: list[str] = []  # names found so far, to resolve later bare surnames ("Мельникова" → "Мельников")
        kept: list[tuple[int, int]] = []
        for start, end, normal, rank, rule in cands:
            surface = text[start:end]
            if any(start < e and s < end for s, e in kept) or is_blocked(start, end) or not self._plausible(surface):
                continue
            if rule == "ner" and rank is None and " " not in surface and not self._seen(surface, text, cands):
                continue  # a bare capitalised word is a person only as the surname of a name found in the doc
            if lang == "ru":
                if rank is not None and rank.cases and "nomn" not in rank.cases:
                    name = _nominative(vocab, surface, rank)
                elif normal:
                    name = normal
                elif (start, end) in ner_normal:
                    name = ner_normal[(start, end)]
                else:
                    name = surface
                name = self._resolve(_keep_yo(name, surface), surface, known)
                if name != surface and _LABEL_BEFORE.search(text, max(0, start - 8), start):
                    name = surface  # "Судья: Ф. Р. Латыпова": the value of a labelled field is in the nominative
                if name != surface and _feminine_subject(vocab, text, end):
                    name = surface  # "Ф. Р. Латыпова огласила": a woman's surname in the nominative, not "Латыпов"
            else:
                name = surface
            span = doc.char_span(start, end, label="PERSON", alignment_mode="expand")
            if span is None:
                continue
            kept.append((start, end))
            known.append(name)
            record = {
                "text": surface,
                "char_start": start,
                "char_end": end,
                "rule": rule,
                "name": name,
                "rank": rank.rank if rank else None,
            }
            found[0].append(span)
            found[1].append(record)
        self._repeat_surnames(doc, found, kept, is_blocked, lang, known)
        for record in found[1]:
            record["key"] = person_key(record["name"])
        store(doc, self.spans_key, *found)
        return doc

    @classmethod
    def _repeat_surnames(
        cls, doc: Doc, found: tuple[list, list], kept: list[tuple[int, int]], is_blocked: Any, lang: str,
        known: list[str],
    ) -> None:  # fmt: skip
        """Later bare mentions of a found person's surname ("Timurov was caught", "суд приговорил Мельникова"),
        which the NER may miss (or, where it runs only on sentences with a full name, never sees)."""
        text = text_of(doc)
        surnames = {cls._surname(r["name"]) for r in found[1] if " " in r["name"]}
        surnames = {w for w in surnames if w and len(w) >= 3 and not is_initial(w)}
        if not surnames:
            return
        ending = _RU_SURNAME_ENDINGS if lang == "ru" else ""
        pattern = regex.compile(
            r"(?<![\p{L}.-])(?:" + "|".join(map(regex.escape, sorted(surnames))) + rf"){ending}(?![\p{{L}}-])"
        )
        added = []
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in kept) or is_blocked(start, end):
                continue
            span = doc.char_span(start, end, label="PERSON", alignment_mode="expand")
            if span is None:
                continue
            name = cls._resolve(m.group(), m.group(), known) if lang == "ru" else m.group()
            record = {"text": m.group(), "char_start": start, "char_end": end, "rule": "surname"}
            added.append((span, {**record, "name": name, "rank": None}))
        if added:
            pairs = sorted([*zip(found[0], found[1], strict=True), *added], key=lambda p: p[1]["char_start"])
            found[0][:] = [p[0] for p in pairs]
            found[1][:] = [p[1] for p in pairs]

    @staticmethod
    def _surname(name: str) -> str | None:
        """The surname of a normalized full name: the first word of "Иванов Иван Иванович" / "Иванов И. И.", the last
        of "Ivan Sokolov" / "И. И. Иванов"."""
        words = [w for w in name.split() if not is_initial(w) and not regex.fullmatch(r"(?:\p{Lu}\.)+", w)]
        if not words:
            return None
        if regex.search(r"(?:вич|вна|ична|чна)$", words[-1]) and len(words) >= 3:
            return words[0]  # surname, given name, patronymic
        if len(words) == 1:
            return words[0]
        return words[-1] if not regex.search(r"(?:ов|ев|ёв|ин|ын|ий|ой|ая|ова|ева|ина|ына)$", words[0]) else words[0]

    @staticmethod
    def _seen(word: str, text: str, cands: list) -> bool:
        """``word`` is (an inflection of) a word of another, longer name among the candidates."""
        w = word.lower().replace("ё", "е")
        for c in cands:
            if c[1] - c[0] <= len(word):
                continue
            for other in regex.findall(r"\p{L}{3,}", text[c[0] : c[1]]):
                o = other.lower().replace("ё", "е")
                if (w.startswith(o) or o.startswith(w)) and abs(len(w) - len(o)) <= 2:
                    return True
        return False

    @staticmethod
    def _resolve(name: str, surface: str, known: list[str]) -> str:
        """A surname (with the same initials, if any) already seen in the nominative: reuse that form."""
        words = surface.split()
        surnames = [w for w in words if not is_initial(w) and not regex.fullmatch(r"\p{Lu}\.\p{Lu}\.", w)]
        if len(surnames) != 1:
            return name
        word = surnames[0]
        rest = [w for w in words if w != word]
        for prev in reversed(known):
            pw = prev.split()
            psur = [w for w in pw if not is_initial(w)]
            prest = [w for w in pw if is_initial(w)]
            if len(psur) < 1 or (rest and rest != prest):
                continue
            for cand in psur:
                stem = cand.lower().replace("ё", "е")
                w = word.lower().replace("ё", "е")
                if w.startswith(stem) and len(w) - len(stem) <= 2 and len(stem) >= 3:
                    return " ".join(cand if x == word else x for x in words)
        return name


@Language.factory("extract_persons", assigns=["doc.spans"], default_config={"spans_key": "persons"})
def make_person_extractor(nlp: Language, name: str, spans_key: str) -> PersonExtractor:
    return PersonExtractor(nlp.lang, spans_key=spans_key)

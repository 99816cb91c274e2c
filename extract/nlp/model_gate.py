"""The statistical model, run only on the sentences that need it (registered as ``extract_model_gate``).

Our extractors are rules; the English model serves two of them: the dependency parse tells the count component
which noun a number counts, and the NER finds person names. Both are some 30× dearer than the rules, so this
component runs them sentence by sentence where they can matter: the tagger and parser (with their ``tok2vec``
and the ``attribute_ruler``) on sentences holding a count candidate, the NER on sentences holding a capitalised
word that may be a name (not a month, a place, a unit or source word, or a sentence opener of
``models/nlp/not_names.tsv``). The annotations of those sentences are copied back into the full ``Doc``;
other tokens stay unannotated. The count candidates are kept in ``doc.user_data`` for the count component.

The model's own components stay in the pipeline, disabled, so ``nlp.get_pipe("ner")`` still finds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LENGTH, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc

from extract.grammars.counts import CountMatch, find_counts
from extract.grammars.name_cues import needs_ner
from extract.grammars.sentences import Sentences
from extract.nlp.spans import text_of

__all__ = ["COUNT_MATCHES", "ModelGate", "count_matches", "make_model_gate"]

#: ``doc.user_data`` key of the count candidates found while gating (reused by the count component)
COUNT_MATCHES = "extract.count_matches"
_PARSE_PIPES = ("tok2vec", "tagger", "parser")  # the attribute ruler's coarse POS is not needed (tags are)
_NER_PIPES = ("ner",)
_ATTRS = [TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]


def count_matches(doc: Doc, lang: str) -> list[CountMatch]:
    """The count candidates of ``doc``: found once, by the gate or the count component, whichever runs first."""
    found = doc.user_data.get(COUNT_MATCHES)
    if found is None:
        found = find_counts(text_of(doc), lang)
        doc.user_data[COUNT_MATCHES] = found
    return found


class ModelGate:
    """Runs the model's disabled components on the sentences that need them, in batches across docs."""

    def __init__(self, nlp: Language, *, parse: bool = False, batch_size: int = 256) -> None:
        self.nlp = nlp
        self.lang = nlp.lang
        self.parse = parse
        self.batch_size = batch_size

    def _components(self, names: tuple[str, ...]) -> list:
        have = set(self.nlp.component_names)
        return [self.nlp.get_pipe(n) for n in names if n in have]

    def _select(self, doc: Doc) -> list[tuple[int, int, bool, bool]]:
        """(first token, end token, parse?, ner?) of the sentences that need the model."""
        text = text_of(doc)
        sentences = Sentences(text)
        counts = count_matches(doc, self.lang)  # found here once, reused by the count component
        with_counts = {sentences.bounds(m.start, m.end) for m in counts} if self.parse else set()
        out = []
        for first, last in sentences.spans():
            if last <= first or not text[first:last].strip():
                continue
            parse = any(a < last and first < b for a, b in with_counts)
            ner = needs_ner(text[first:last], self.lang)
            if parse or ner:
                span = doc.char_span(first, last, alignment_mode="expand")
                if span is not None and len(span):
                    out.append((span.start, span.end, parse, ner))
        return out

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, batch_size or self.batch_size)):
            yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        pieces = []  # (doc index, first token, end token, sub-doc, parse, ner)
        for i, doc in enumerate(docs):
            selected = self._select(doc)
            if not selected:
                continue
            text = text_of(doc)
            # token offsets from one array: cheaper than a Token object per token
            starts, lengths, spaced = (doc.to_array([IDX, LENGTH, SPACY]).T).tolist()
            for first, end, parse, ner in selected:
                words = [text[a : a + n] for a, n in zip(starts[first:end], lengths[first:end], strict=True)]
                spaces = [bool(x) for x in spaced[first:end]]
                pieces.append((i, first, end, Doc(doc.vocab, words=words, spaces=spaces), parse, ner))
        for names, flag in ((_PARSE_PIPES, 4), (_NER_PIPES, 5)):
            chosen = [p[3] for p in pieces if p[flag]]
            for component in self._components(names):
                chosen = list(component.pipe(chosen, batch_size=self.batch_size))
        arrays = {i: doc.to_array(_ATTRS) for i, doc in enumerate(docs) if any(p[0] == i for p in pieces)}
        for i, first, end, sub, _, _ in pieces:
            arrays[i][first:end] = sub.to_array(_ATTRS)
        for i, array in arrays.items():
            docs[i].from_array(_ATTRS, numpy.asarray(array))
        return docs


@Language.factory(
    "extract_model_gate",
    assigns=["token.dep", "token.head", "token.tag", "doc.ents"],
    default_config={"parse": False, "batch_size": 256},
)
def make_model_gate(nlp: Language, name: str, parse: bool, batch_size: int) -> ModelGate:
    return ModelGate(nlp, parse=parse, batch_size=batch_size)

"""What a count counts: its category from lexicons of both languages, and whether it is a projection.


Evidence is weighed by where it stands: in the counted noun phrase (strongest), and elsewhere in the sentence
with a weight that falls with the distance from the number, so in "Art. 337 (14,126) Art. 338 (1,093)" each
figure takes the article next to it. Each lexicon entry has a weight too, so a generic "soldiers" (personnel)
loses to "left their units" (awol) in the same sentence. Cases and prosecutions about one offence take that
offence's category; cases spanning several offences stay ``prosecution``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.grammars.lexicon import rows

__all__ = ["OFFENCES", "Categorization", "Evidence", "categorize"]

_FLAGS = regex.IGNORECASE | regex.V1
#: offences whose cases are counted under their own category rather than "prosecution"
OFFENCES = ("awol", "desertion", "refusal")
_COUNTED_WEIGHT = 4.0
_HALF_DISTANCE = 25.0  # characters at which sentence evidence counts half
_TRACE = 0.3  # evidence below this is too far away to count
_DOMINANT = 1.5  # an offence near the figure, this much better supported than the next, is what its cases are about
_VERDICT_NEAR = 1.5  # a verdict word this close (about 25 characters) makes counted cases or people convictions
_ARTICLE_ITEM = regex.compile(r"(?:ст\.|стать\w*|art\.|articles?)\s*\d+(?:\.\d+)?\s*\($", _FLAGS)
_ANAPHORA = regex.compile(
    r"\b(?:(?:such|these|those|similar|the\s+same)\s+(?:\w+\s+)?(?:cases|charges|prosecutions|offences|crimes|ones)|"
    r"(?:аналогичн\w*|таких|такие|подобн\w*|этих)\s+(?:\w+\s+)?(?:дел\w*|случа\w*|преступлени\w*|обвинени\w*)|"
    r"(?:этой|данной|той\s+же)\s+категории)\b",
    _FLAGS,
)
#: a break between two clauses of a sentence; a cue beyond it speaks for the other clause's figure first
_CLAUSE_BREAK = regex.compile(r";|,\s+(?:and|but|while|whereas|а|но|тогда\s+как)\b", _FLAGS)
_OTHER_CLAUSE = 0.5
_LABEL_GAP = regex.compile(r"[\s:—–(-]*", regex.V1)
#: a dash right after the figure, then its label: "22 — по ст. 332 УК РФ", "412 — о дезертирстве"; or "as" and
#: the label in a list of outcomes ("96 as wounded, 18 as captured")
_LABEL_AFTER = regex.compile(r"[^\S\n]*[—–][^\S\n]*(?:(?:по|о|об|за|в|на)\s+)?|[^\S\n]+as[^\S\n]+", _FLAGS)
_LIST_LABEL = 40  # characters of a label before the figure on a line of a list
_LIST_TAIL = 25  # characters after the figure on such a line ("(+1 150)", "человек")
_BOTH = 6.0  # the weight of the lexicon's "killed and wounded" entries, which make either word casualties
_LOSSES = regex.compile(r"\blosses\b|\bпотер(?:и|ь|ял\w*|ях)\b", _FLAGS)


@dataclass(frozen=True, slots=True)
class Categorization:
    category: str
    score: float  # the winner's evidence; low values mean a guess
    specific: bool = True  # False when only generic nouns ("soldiers", "человек") or nothing supports it


@cache
def _categories(lang: str) -> list[tuple[str, float, regex.Pattern]]:
    return [(r[1], float(r[2]), regex.compile(r[3], _FLAGS)) for r in rows("counts/categories.tsv") if r[0] == lang]


@cache
def _projection(lang: str) -> list[regex.Pattern]:
    return [regex.compile(r[1], _FLAGS) for r in rows("counts/projection.tsv") if r[0] == lang]


class Evidence:
    """The category cues of one sentence, found once for all the counts in it."""

    def __init__(self, lang: str, sentence: str) -> None:
        self.lang = lang
        self.sentence = sentence
        self.matches = [
            (category, weight, m.start(), m.end())
            for category, weight, pattern in _categories(lang)
            for m in pattern.finditer(sentence)
        ]
        self.projection = any(p.search(sentence) for p in _projection(lang))


def _own_line(evidence: Evidence, start: int, end: int) -> list[tuple[str, float, int, int]]:
    """The cues on the count's own line when that line is a labelled figure ("личный состав — 973 340 (+1 150)",
    a short label, the number, little after it) and has any: in a list of such lines each label speaks for its
    figure only. Otherwise all the sentence's cues."""
    sentence = evidence.sentence
    if "\n" not in sentence:
        return evidence.matches
    first = sentence.rfind("\n", 0, start) + 1
    last = sentence.find("\n", end)
    last = len(sentence) if last < 0 else last
    if start - first > _LIST_LABEL or last - end > _LIST_TAIL:
        return evidence.matches  # a line of running text wrapped in a PDF, not a labelled figure
    own = [m for m in evidence.matches if first <= m[2] and m[3] <= last]
    return own or evidence.matches


def categorize(evidence: Evidence, *, counted: str | None, start: int, end: int) -> Categorization:
    """The best-supported category for a count at ``start:end`` of the evidence's sentence."""
    scores: dict[str, float] = {}
    if counted:
        for category, weight, pattern in _categories(evidence.lang):
            if pattern.search(counted):
                scores[category] = scores.get(category, 0.0) + weight * _COUNTED_WEIGHT
    best: dict[str, float] = {}
    both = False  # "killed and wounded" said next to the figure
    matches = _own_line(evidence, start, end)
    for category, weight, m_start, m_end in matches:
        if m_start < end and start < m_end and counted is None:
            continue  # the number's own words are no evidence ("thousands")
        distance = m_start - end if m_start >= end else start - m_end
        both = both or (category == "casualties" and weight >= _BOTH and distance <= _HALF_DISTANCE)
        # a label right before the number: "tanks 10,930", "личный состав — 521 940" (not "… и более 1,1 тыс.")
        label = (
            3.0
            if (m_end <= start and distance <= 4 and _LABEL_GAP.fullmatch(evidence.sentence[m_end:start]))
            or (m_start >= end and _LABEL_AFTER.fullmatch(evidence.sentence[end:m_start]))
            else 1.0
        )
        value = label * weight * _HALF_DISTANCE / (_HALF_DISTANCE + max(distance, 0))
        lo, hi = (m_end, start) if m_end <= start else (end, m_start)
        if lo < hi and _CLAUSE_BREAK.search(evidence.sentence, lo, hi):
            value *= _OTHER_CLAUSE  # "233 face cases under Article 337, and another 45 … desertion"
        best[category] = max(best.get(category, 0.0), value)
    for category, value in best.items():
        scores[category] = scores.get(category, 0.0) + value
    # categories backed by a cue more telling than a generic noun ("recruited", "left their units")
    specific = {c for c, weight, *_ in evidence.matches if weight >= 1.0}
    if counted:
        specific |= {c for c, w, pattern in _categories(evidence.lang) if w >= 1.0 and pattern.search(counted)}
    sentence = evidence.sentence
    if not scores:
        return Categorization("other", 0.0)
    category, score = max(scores.items(), key=lambda kv: kv[1])
    if category == "personnel" and category not in specific:
        # "212 of the men … were recorded as killed": a generic noun for people says less than what happened to them
        told = [(value, c) for c, value in scores.items() if c in specific and value >= score / 2]
        if told:
            score, category = max(told)
    offences = sorted((c for c in OFFENCES if scores.get(c, 0.0) > _TRACE), key=lambda c: -scores[c])
    if len(offences) > 1 and scores[offences[0]] >= max(1.0, _DOMINANT * scores[offences[1]]):
        offences = offences[:1]  # "233 face criminal cases under Article 337, and another 45 … desertion"
    item = _ARTICLE_ITEM.search(sentence, 0, start)
    if item and any(c == "conviction" and m_end <= item.start() for c, _, _, m_end in evidence.matches):
        # "Sentences by article: Art. 337 (2,871), Art. 338 (214)": the list's heading says what is counted
        return Categorization("conviction", score)
    if category in OFFENCES and scores.get("conviction", 0.0) >= max(1.0, score / 2):
        category = "conviction"  # verdicts and sentences, whatever the article
    elif category == "prosecution" and len(offences) == 1:
        category = offences[0]  # "cases under Article 337" are AWOL cases
    elif category == "prosecution" and not offences and _ANAPHORA.search(evidence.sentence):
        score = min(score, _TRACE)  # "such cases", "дела этой категории": the offence is the text's topic
    elif category in OFFENCES and scores.get("prosecution", 0.0) >= _COUNTED_WEIGHT and len(offences) > 1:
        category = "prosecution"  # "cases of AWOL and desertion"
    if category in (*OFFENCES, "prosecution") and best.get("conviction", 0.0) >= _VERDICT_NEAR:
        category = "conviction"  # "delivered verdicts in three criminal cases", "приговоры вынесены в отношении 198"
    if category in ("killed", "wounded") and both:
        category = "casualties"  # "1 160 военнослужащих убитыми и ранеными", "were killed or wounded"
    if category == "personnel" and (
        _LOSSES.search(sentence, max(0, start - 40), end + 40)
        or (len(matches) < len(evidence.matches) and any(c == "equipment_loss" for c, *_ in evidence.matches))
    ):
        category = "casualties"  # "losses: personnel 1,015,700"; "личный состав — 973 340 / танки — 10 780"
    return Categorization(category, score, specific=category in specific)

"""rate-mismatch: a rate that disagrees with the two counts it is computed from.

行政立案31件，办结29件，办结率100% states 100% where 29 ÷ 31 is 93.5%. A
numerator is a count before the rate whose clause names the rate's stem
(办结29件 for 办结率); a denominator is a count in the same measure word
earlier in the same sentence. Since a sentence may list several counts
(受理40件，办结35件，其中当场办结20件), the rate is accepted when any such pair
gives it; it is reported only when none does, with the nearest pair. A rate
agrees when it is the quotient rounded or truncated to its last written digit
(92.1% for 35 ÷ 38 = 92.105…; 100% for 99.6%; 93% for 93.9%). Approximate
counts (余, 多, 约) are never used.

A rate qualified by timeliness or manner (按期办结率, 及时办结率, 一次性办结率)
counts only the cases closed that way, and its base is often the cases closed,
not those received (45 received on time of 45 closed is 100%): a pair is used
for it only when its numerator carries the same qualifier (按期办结45件).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal

from lawlint import regex_memo
from lawlint.checks._numbers import Rate, Sentence, clause_before, rate_sentences, rates
from lawlint.checks._numbers import finding as make_finding
from lawlint.diagnostics import Finding
from lawlint.numerals import Quantity, format_decimal
from lawlint.outline import Outline

_HUNDRED = Decimal(100)
# A rate is compared only when at most this many figures precede it in its
# sentence (the most in one sentence of the seeds, the corpus and the fixtures
# is 15): every pair of them is tried, so a line of 受理5件，办结4件，办结率90%，…
# would otherwise cost the cube of its length.
_MAX_BEFORE = 48
# Qualifiers (按期 "on time", 及时 "promptly", 一次性 "at one go", 当场 "on the
# spot", 当期 "within the period") narrowing what a rate counts to a subset
# whose base the sentence need not give.
_QUALIFIER = regex_memo.compile(r"按期|按时|及时|限时|如期|准时|当期|当场|当日|当天|一次性")


def check(outline: Outline, options: None) -> Iterator[Finding]:
    for sentence in rate_sentences(outline):
        seen: set[Quantity] = set()
        for rate in rates(sentence):
            if rate.figure in seen or rate.figure.approximate:
                continue
            args = _mismatch(sentence, rate)
            if args is not None:
                seen.add(rate.figure)
                yield make_finding(sentence, rate.figure, args)


def _mismatch(sentence: Sentence, rate: Rate) -> dict[str, object] | None:
    """The figures for the message when ``rate`` agrees with no pair of counts."""
    stem = _stem(rate.name)
    qualifier = _QUALIFIER.search(rate.name)
    text = sentence.paragraph.text
    before = bisect_right(sentence.quantities, rate.name_start, key=_end)
    if before > _MAX_BEFORE:
        return None
    counts = [q for q in sentence.quantities[:before] if not q.is_percent]
    pairs = [
        (numerator, denominator)
        for index, numerator in enumerate(counts)
        if stem in clause_before(text, numerator)
        and (qualifier is None or qualifier.group() in clause_before(text, numerator))
        for denominator in counts[:index]
        if denominator.same_unit(numerator)
    ]
    stated = rate.figure
    if not pairs or any(
        numerator.approximate
        or denominator.approximate
        or not denominator.value
        or _agrees(_percent(numerator, denominator), stated)
        for numerator, denominator in pairs
    ):
        return None
    numerator, denominator = pairs[-1]
    computed = _percent(numerator, denominator).quantize(stated.precision / 10)
    return {
        "name": rate.name,
        "stated": format_decimal(stated.value),
        "computed": format_decimal(computed),
        "numerator": numerator.display(),
        "denominator": denominator.display(),
        "unit": numerator.unit,
    }


def _end(quantity: Quantity) -> int:
    return quantity.end


def _stem(name: str) -> str:
    """The verb a rate counts: 办结 for 按时办结率, 成功 for 调解成功率."""
    return name.removesuffix("率").removesuffix("度")[-2:]


def _agrees(computed: Decimal, stated: Quantity) -> bool:
    """Rounded (within half a unit) or truncated (up to one unit below) to the stated digit."""
    difference = computed - stated.value
    return -stated.precision / 2 <= difference < stated.precision


def _percent(numerator: Quantity, denominator: Quantity) -> Decimal:
    return numerator.value / denominator.value * _HUNDRED

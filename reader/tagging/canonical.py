"""Canonical names: clitics off, titles off, variants folded, one name per entity per article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.models import TagKind
from reader.tagging.arabic import fold, proclitic_variants, short_word_after_clitic
from reader.tagging.rules import (
    ACTOR_HEADS,
    DAYS,
    GENERIC_MODIFIERS,
    MONTHS,
    NAME_JOINER_WORDS,
    NOT_NAMES,
    ROLES,
    TITLES,
)

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a name in an article, already cleaned to its surface form.

    `firm`: the context decided the kind (a city named as its club: `ليون الفرنسي`, `فريق
    هامبورغ`, a listed club in sports news), so a place's spelling in the aliases does not
    turn it back into a place."""

    name: str
    kind: TagKind
    firm: bool = False


@dataclass(slots=True)
class Lexicon:
    """What the tagger knows about names: aliases, known words, and the usual kind of a name."""

    aliases: dict[str, tuple[str, TagKind]] = field(default_factory=dict)  # folded -> display
    known_words: set[str] = field(default_factory=set)  # folded words of known names
    known_names: set[str] = field(default_factory=set)  # folded whole names
    listed: set[str] = field(default_factory=set)  # folded names of the hand-written lists

    def add_name(self, name: str) -> None:
        key = fold(name)
        self.known_names.add(key)
        self.known_words.update(key.split())

    def add_listed(self, name: str) -> None:
        """A name of the hand-written lists: a name even where its words look like none."""
        self.add_name(name)
        self.listed.add(fold(name))

    def add_alias(self, alias: str, canonical: str, kind: TagKind) -> None:
        self.aliases[fold(alias)] = (canonical, kind)
        self.add_name(alias)
        self.add_name(canonical)


def strip_clitics(words: Sequence[str], lexicon: Lexicon, *, guess: bool = True) -> list[str]:
    """Remove proclitics from a name's first word (`وروسيا` -> `روسيا`), keeping `ال` (`الأردن`).

    Without `guess`, an unknown name loses only the clitics hiding an `ال` (`والكويت`)."""
    if not words:
        return []
    first, rest = words[0], list(words[1:])
    folded_rest = " ".join(fold(word) for word in rest)
    candidates = proclitic_variants(first)
    folded_first = fold(first)
    short = short_word_after_clitic(folded_first) if rest else None
    if (
        short is not None
        and f"{short} {folded_rest}" in lexicon.known_names
        and f"{folded_first} {folded_rest}" not in lexicon.known_names
    ):
        return [first[1:], *rest]  # `لبي بي سي`: only a known name is read so
    if len(candidates) == 1:
        return [first, *rest]
    # A known name as written stays (`باريس`, `واشنطن`, `وليد جنبلاط`); then a known name
    # without the clitics (`وروسيا` -> `روسيا`); then a known first word either way.
    whole = " ".join(filter(None, (folded_first, folded_rest)))
    if whole in lexicon.known_names:
        return [first, *rest]
    for candidate in candidates[1:]:
        whole = " ".join(filter(None, (fold(candidate), folded_rest)))
        if whole in lexicon.known_names:
            return [candidate, *rest]
    if folded_first in lexicon.known_words:
        return [first, *rest]
    for candidate in candidates[1:]:
        if fold(candidate) in lexicon.known_words:
            return [candidate, *rest]
    # Unknown name: `وال`/`بال`/`لل` forms always hide `ال`; a lone و/ف is a conjunction.
    for candidate in candidates[1:]:
        if candidate.startswith("ال") and not first.startswith("ال"):
            return [candidate, *rest]
    # ... unless the word after it starts like a foreign name's transliteration (`فيدرر`,
    # `فوربس`, `ويليامز`, `ووترلو`): Arabic words seldom start with `ي` or `و` there.
    if guess and first[:1] in "وف" and len(first) >= 4 and first[1] not in "يو":
        return [first[1:], *rest]
    return [first, *rest]


_BARE_NOUNS = ACTOR_HEADS | TITLES | ROLES
# Joiners as written, with the hamza often left out (`ابو`), but not `آبي` (`شينزو آبي`) or
# `إل` (`كيم جونغ إل`); and an article cut off its word.
_JOINERS_AS_WRITTEN = frozenset(NAME_JOINER_WORDS.split()) | {"ابو", "ابي", "إبن", "ال"}


def _bare_noun(word: str) -> bool:
    """A folded head of a body or a role word, or its dual or plural (`الزعيمان`)."""
    if word in _BARE_NOUNS:
        return True
    if word.endswith(("ان", "ين", "ون")) and word[:-2] in _BARE_NOUNS:
        return True
    return word.endswith("ات") and word[:-2] + "ه" in _BARE_NOUNS


def _only_a_role(folded: Sequence[str]) -> bool:
    """Titles and definite adjectives only, one title at least: a role, no name."""
    return any(word in TITLES for word in folded) and all(
        word in TITLES or (word.startswith("ال") and word.endswith(("ي", "يه", "يين", "يون")))
        for word in folded
    )


def clean_name(words: Sequence[str], kind: TagKind, lexicon: Lexicon) -> str | None:
    """The surface name of a span (clitics and titles off), or None when it is no name. A
    name of the hand-written lists is one (`البنك الدولي`, `جوان لابورتا`)."""
    tokens = [word for word in words if word[:1].isalnum()]
    tokens = strip_clitics(tokens, lexicon)
    if kind is TagKind.ACTOR:
        if _only_a_role([fold(token) for token in tokens]):
            return None  # `العهد السعودي`, `السعودي الأمير` (of `ولي العهد السعودي الأمير`)
        while len(tokens) > 1 and fold(proclitic_variants(tokens[0])[-1]) in TITLES:
            tokens = strip_clitics(tokens[1:], lexicon)
    # `عبد`, `أشرف عبد`: a joiner ends no name (the word it joins was cut off); it is read
    # as written, so `آبي` of `شينزو آبي` is none.
    while tokens and tokens[-1] in _JOINERS_AS_WRITTEN:
        tokens = tokens[:-1]
    if not tokens:
        return None
    folded = [fold(token) for token in tokens]
    if all(word in NOT_NAMES or word.isdigit() for word in folded):
        return None
    if folded[0] in NOT_NAMES and len(folded) == 1:
        return None
    if " ".join(folded) not in lexicon.listed and _no_name(folded, kind):
        return None
    name = " ".join(tokens)
    if len(tokens) == 1 and len(name) <= 2:
        return None  # `تي`, `دي`: letters of an abbreviation, not a name
    if not _ARABIC_LETTER.search(name):
        return None  # Latin-script words: the model was trained on Arabic only
    return name


def _no_name(folded: Sequence[str], kind: TagKind) -> bool:
    """Folded words of a span that name no one unless a list knows them."""
    if all(len(word) == 1 for word in folded):
        return True  # `ب ا`: letters of an abbreviation, not a name
    if len(folded) == 1 and _bare_noun(folded[0]):
        return True  # `المنظمة`, `البنك`, `الزعيمان`: a body or a role referred back to
    if folded[0] in MONTHS or folded[0] in DAYS:
        return True
    if len(folded) == 2 and folded[0] in ACTOR_HEADS and folded[1] in GENERIC_MODIFIERS:
        return True  # `المنظمة الدولية`: a reference back to a body (`البنك الدولي` is listed)
    # `منظمة إجرامية`, `شركة أمريكية`: a kind of body, not a name.
    return (
        kind is TagKind.ACTOR
        and len(folded) == 2
        and folded[0] in ACTOR_HEADS
        and not folded[1].startswith("ال")
        and folded[1].endswith("يه")
    )


def canonical_tags(mentions: Iterable[Mention], lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """(actors, places): one display name per entity, most mentioned first."""
    surface: dict[str, Counter[str]] = {}  # folded key -> surface forms seen
    kinds: dict[str, Counter[TagKind]] = {}
    order: dict[str, int] = {}
    for mention in mentions:
        key = fold(mention.name)
        alias = lexicon.aliases.get(key)
        if alias is not None:
            display, alias_kind = alias
            key = fold(display)
            surface.setdefault(key, Counter())[display] += 1
            kinds.setdefault(key, Counter())[mention.kind if mention.firm else alias_kind] += 2
        else:
            surface.setdefault(key, Counter())[mention.name] += 1
            kinds.setdefault(key, Counter())[mention.kind] += 1
        order.setdefault(key, len(order))
    _merge_short_person_names(surface, kinds, order)
    _merge_body_references(surface, kinds, order, lexicon)
    actors: list[tuple[int, int, str]] = []
    places: list[tuple[int, int, str]] = []
    for key, forms in surface.items():
        kind_counts = kinds[key]
        kind = TagKind.PLACE
        if kind_counts[TagKind.ACTOR] > kind_counts[TagKind.PLACE]:
            kind = TagKind.ACTOR
        display = max(forms.items(), key=lambda item: (item[1], -len(item[0])))[0]
        row = (-sum(forms.values()), order[key], display)
        (actors if kind is TagKind.ACTOR else places).append(row)
    return [row[2] for row in sorted(actors)], [row[2] for row in sorted(places)]


def _merge_short_person_names(
    surface: dict[str, Counter[str]],
    kinds: dict[str, Counter[TagKind]],
    order: dict[str, int],
) -> None:
    """`بومبيو` after `مايك بومبيو`: a one-word actor ending (or starting) a longer one joins it;
    so does the end of a person's longer name (`بن عمار`, `عبد الرحمن`), but not a body that
    ends another (`الأمم المتحدة` in `بعثة الأمم المتحدة`). A first name joins from three
    letters on (`كيم` -> `كيم جونغ أون`)."""
    long_keys = [key for key in surface if " " in key and kinds[key][TagKind.ACTOR] > 0]
    for key in list(surface):
        if kinds[key][TagKind.ACTOR] == 0:
            continue
        if " " in key:
            words = key.split()
            if words[0].startswith("ال"):
                continue
            targets = [
                long
                for long in long_keys
                if long.endswith(" " + key) and long.split()[0] not in ACTOR_HEADS
            ]
        else:
            targets = [long for long in long_keys if long.split()[-1] == key]
        if not targets and " " not in key:
            targets = [long for long in long_keys if long.split()[0] == key and len(key) >= 3]
        targets = [long for long in targets if long in surface and long != key]
        if not targets:
            continue
        target = max(targets, key=lambda long: sum(surface[long].values()))
        _merge_into(target, key, surface, kinds, order)


def _merge_into(
    target: str,
    key: str,
    surface: dict[str, Counter[str]],
    kinds: dict[str, Counter[TagKind]],
    order: dict[str, int],
) -> None:
    """The longer name is the display form; the short mentions still count for it."""
    count = sum(surface[key].values())
    best = surface[target].most_common(1)[0][0]
    surface[target][best] += count
    kinds[target].update(kinds[key])
    order[target] = min(order[target], order[key])
    del surface[key], kinds[key], order[key]


def _nisba(words: Sequence[str]) -> bool:
    """One nisba adjective: whose body it is (`المصري`, `العالمية`, `الكردية`)."""
    return len(words) == 1 and words[0].endswith(("ي", "يه")) and len(words[0]) >= 4


def _merge_body_references(
    surface: dict[str, Counter[str]],
    kinds: dict[str, Counter[TagKind]],
    order: dict[str, int],
    lexicon: Lexicon,
) -> None:
    """A body's name and a longer name in the same article that starts with it are one actor
    when the lists or the words say so:
    - a known short name takes an unknown longer one (`الاتحاد الأوروبي` holds `الاتحاد
      الأوروبي لقيادة العالم`, a model's overlong span; `الحرس الثوري` holds `... الإيراني`);
    - else a nisba adjective only says whose the body is: the longer name takes the short
      one (`البنك المركزي` -> `البنك المركزي المصري`), and so does a known longer name that
      adds a لـ phrase (`الاتحاد المصري` -> `الاتحاد المصري لكرة القدم`).
    Two known names stay two (`الاتحاد الأوروبي`, `الاتحاد الأوروبي لكرة القدم`), and so do
    `الجيش السوري` and `الجيش السوري الحر`. The short name must lead to one longer name."""
    actors = [key for key in surface if kinds[key][TagKind.ACTOR] > kinds[key][TagKind.PLACE]]
    for key in sorted(actors, key=len):
        words = key.split()
        if key not in surface or len(words) < 2:
            continue
        if not (words[0] in ACTOR_HEADS or words[0].startswith("ال")):
            continue  # a person's name (`عبد الله`, `عبد الله السعيد`) is no body's
        longer = [long for long in actors if long in surface and long.startswith(key + " ")]
        if len(longer) != 1:
            continue
        long = longer[0]
        extra = long[len(key) + 1 :].split()
        short_known, long_known = key in lexicon.known_names, long in lexicon.known_names
        if long_known and short_known:
            continue
        if short_known:
            _merge_into(key, long, surface, kinds, order)
        elif _nisba(extra) or (long_known and extra[0].startswith("ل")):
            _merge_into(long, key, surface, kinds, order)

"""The actor and place tagger: CRF spans + gazetteers + rules, then canonical names.

The model and lists load on first use (not at import) and are shared; a lock makes one
`Tagger` safe to call from several threads (python-crfsuite's tagger is not re-entrant).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.errors import AkhbarError
from reader.models import TagKind, Tags
from reader.tagging.arabic import clean, fold, proclitic_variants, tokenize
from reader.tagging.canonical import Lexicon, Mention, canonical_tags, clean_name
from reader.tagging.clusters import load_clusters
from reader.tagging.corpus import spans
from reader.tagging.features import Knowledge, sequence_features, stem_of, topic_flags
from reader.tagging.gazetteer import Gazetteer, feature_gazetteers
from reader.tagging.latin import latin_names, mostly_latin, split_clitics
from reader.tagging.resources import (
    ALIASES_FILE,
    CLUSTERS_FILE,
    COMMON_WORDS_FILE,
    DATA_DIR,
    LEXICON_FILE,
    MODEL_FILE,
    NAME_WORDS_FILE,
    NAMES_FILE,
    PLACES_FILE,
    load_aliases,
    load_lines,
    load_name_lists,
    load_name_words,
    place_common_names,
    place_names,
    place_rows,
)
from reader.tagging.rules import (
    ACTOR_HEADS,
    GENERIC_MODIFIERS,
    MONTHS,
    NAME_JOINERS,
    actor_chains,
    clubs_by_city_adjective,
    is_adjective_of,
    is_bare_state_body,
    is_furniture,
    persons_after_roles,
    persons_from_given_names,
    role_of,
    strip_dateline,
)

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_LATIN_LETTER = re.compile("[A-Za-z]")
_KIND_OF_LABEL = {"PERS": TagKind.ACTOR, "ORG": TagKind.ACTOR, "LOC": TagKind.PLACE}
# Candidate sources, strongest first: hand-written aliases, rules, the model, the gazetteer.
_ALIAS, _RULE, _MODEL, _GAZETTEER = range(4)
MAX_SENTENCE_TOKENS = 120
# A model span needs this marginal probability of its label on every token; an unsure place
# was mostly wrong, and a listed place still comes from its list. Chosen on held-out sixths
# of ANERcorp; 6-fold CV: the actor gate moved document actors F1 0.672 -> 0.674, the place
# gate (with the region list in) places 0.866 -> 0.870.
MIN_CONFIDENCE = {TagKind.PLACE: 0.75, TagKind.ACTOR: 0.4}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed name: tokens `start:end` of one sentence."""

    start: int
    end: int
    kind: TagKind
    source: int
    firm: bool = False  # the context decided the kind (see `Mention.firm`)


class _Resources:
    """Everything loaded from `reader/tagging/data`, once."""

    def __init__(self, data_dir: Path) -> None:
        import pycrfsuite

        self.crf: Any = pycrfsuite.Tagger()
        self.crf.open(str(data_dir / MODEL_FILE))
        self.common = frozenset(load_lines(data_dir / COMMON_WORDS_FILE))
        aliases_path = data_dir / ALIASES_FILE
        handwritten_places = load_aliases("place", aliases_path)
        rows = place_rows(data_dir / PLACES_FILE)  # read once; every place set comes from it
        # Generated pairs first: a hand-written alias of the same name wins, and a common
        # name that is itself an alias shows as that alias's name (`المملكة المتحدة`).
        handwritten = {fold(alias): canonical for alias, canonical in handwritten_places}
        place_aliases = [
            (alias, handwritten.get(fold(common), common))
            for alias, common in place_common_names(rows)
        ] + handwritten_places
        actor_aliases = load_aliases("actor", aliases_path)
        all_places = place_names(rows)
        strong_places = place_names(rows, strong_only=True)
        name_lists = load_name_lists(data_dir / NAMES_FILE)
        self.places = Gazetteer(all_places, place_aliases)
        self.knowledge = Knowledge(
            self.places,
            load_name_words(data_dir / NAME_WORDS_FILE),
            load_clusters(data_dir / CLUSTERS_FILE),
            feature_gazetteers(name_lists, strong_places, handwritten_places),
        )
        # The same names as the model's `strong` feature: one gazetteer for both.
        self.strong_places = self.knowledge.lists["strong"]
        self.strong_keys = {fold(name) for name in strong_places}
        self.country_keys = {fold(name) for name in place_names(rows, countries_only=True)}
        self.city_keys = {fold(name) for name in all_places} - self.country_keys
        self.state_keys = self.country_keys | {fold(alias) for alias, _ in place_aliases}
        self.strong_keys.update(fold(alias) for alias, _ in place_aliases)
        self.actor_aliases = Gazetteer((), actor_aliases)
        lexicon = Lexicon()
        lexicon.known_words.update(ACTOR_HEADS)
        # Names that make a generic head (`حركة`, `لجنة`) a body: places and known names.
        self.chain_names: set[str] = set(self.strong_keys)
        for name in all_places:
            lexicon.add_name(name)
        for line in load_lines(data_dir / LEXICON_FILE):
            lexicon.add_name(line.split("\t")[0])
            self.chain_names.add(fold(line.split("\t")[0]))
        # Listed people, clubs and organisations: `ليوفنتوس`, `بمورينيو` lose their clitic.
        for key, names in name_lists.items():
            for name in names:
                # Given names alone are no names (`جوان` is a month too).
                (lexicon.add_name if key == "given" else lexicon.add_listed)(name)
        for alias, canonical in place_aliases:
            lexicon.add_alias(alias, canonical, TagKind.PLACE)
        for alias, canonical in actor_aliases:
            lexicon.add_alias(alias, canonical, TagKind.ACTOR)
            lexicon.listed.update((fold(alias), fold(canonical)))
            self.chain_names.add(fold(alias))
        self.lexicon = lexicon
        self.chain_names -= self.common  # `شبه`, a listed name word, is mostly an ordinary word


class Tagger:
    """Tags articles with the model and lists in `data_dir` (the shipped ones by default)."""

    def __init__(self, data_dir: Path | None = None, *, editor_rules: bool = True) -> None:
        """`editor_rules=False` leaves out the bodies ANERcorp does not tag (ministries,
        councils, armies...): only for measuring against ANERcorp's conventions."""
        self._data_dir = data_dir or DATA_DIR
        self._editor_rules = editor_rules
        self._resources: _Resources | None = None
        self._lock = threading.Lock()

    def loaded(self) -> _Resources:
        """The model and lists, loaded on first use; a missing or damaged file is one error."""
        if self._resources is None:
            try:
                self._resources = _Resources(self._data_dir)
            except (OSError, ValueError, UnicodeDecodeError) as exc:
                raise AkhbarError(
                    f"{self._data_dir}: the tagger's data are missing or damaged ({exc})"
                ) from None
        return self._resources

    def tag(self, title: str, paragraphs: Sequence[str]) -> Tags:
        """Actors and places of one article (title first, then its body paragraphs)."""
        body = [paragraph for paragraph in paragraphs if not is_furniture(paragraph)]
        if body and len(body[0].split()) > 8:
            body[0] = strip_dateline(clean(body[0]))
        return self.tag_texts([title, *body] if title else body)

    def tag_texts(self, texts: Sequence[str]) -> Tags:
        """Tags of a sequence of paragraphs (no dateline handling)."""
        with self._lock:
            resources = self.loaded()
            pieces: list[tuple[list[str], bool]] = []
            for text in texts:
                if is_furniture(text):
                    continue
                text = clean(text)
                # Latin names only from Arabic paragraphs (none from an English quote).
                latin = _LATIN_LETTER.search(text) is not None and not mostly_latin(text)
                for sentence in _SENTENCE_END.split(text):
                    tokens = split_clitics(tokenize(sentence))
                    # Bounded pieces keep memory flat on text with no sentence punctuation.
                    for start in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                        pieces.append((tokens[start : start + MAX_SENTENCE_TOKENS], latin))
            topics = topic_flags([tokens for tokens, _ in pieces])
            mentions: list[Mention] = []
            for (tokens, latin), topic in zip(pieces, topics, strict=True):
                mentions.extend(self._mentions(tokens, resources, topic, latin=latin))
            actors, places = canonical_tags(mentions, resources.lexicon)
        return Tags(actors=tuple(actors), places=tuple(places))

    def sentence_spans(self, tokens: Sequence[str], topic: str = "") -> list[Candidate]:
        """The chosen name spans of one tokenized sentence (for evaluation)."""
        with self._lock:
            return self._choose(tokens, self.loaded(), topic)

    def _mentions(
        self, tokens: Sequence[str], resources: _Resources, topic: str, *, latin: bool = True
    ) -> list[Mention]:
        mentions: list[Mention] = []
        chosen = self._choose(tokens, resources, topic)
        for candidate in chosen:
            name = clean_name(
                tokens[candidate.start : candidate.end], candidate.kind, resources.lexicon
            )
            if name is None:
                continue
            if candidate.kind is TagKind.PLACE:
                key = fold(name)
                if key not in resources.strong_keys and is_adjective_of(key, resources.strong_keys):
                    continue
            else:
                name = _without_trailing_state(name, resources)
                if not name:
                    continue
                key = fold(name)
                words = key.split()
                if words[0] in _EVENT_NOUNS:
                    # `أولمبياد أثينا`: an event, no actor; the place in its name stays.
                    place = " ".join(name.split()[1:])
                    if " ".join(words[1:]) in resources.places:
                        mentions.append(Mention(place, TagKind.PLACE))
                    continue
                if _is_description(words, resources):
                    continue  # `المؤسسة الألمانية`: which one, the text does not say
                if " " not in key and is_adjective_of(key, resources.strong_keys):
                    # `روسي`, `مصري`: an adjective, not a name; `السعودي` too, but for a
                    # club's name in sports news (`المصري`) or a listed one (`الإسماعيلي`).
                    if not key.startswith("ال"):
                        continue
                    if topic != "sport" and key not in resources.lexicon.known_names:
                        continue
                bare = _without_kind_noun(name, resources)
                if bare != name and words[0] in _CLUB_NOUNS:
                    candidate = _firm_actor(candidate)  # `نادي قطر`: the club, not the state
                name = _without_country_adjective(bare, resources)
            mentions.append(Mention(name, candidate.kind, firm=candidate.firm))
        if latin:  # brands and agencies written in Latin letters (`OpenAI`, `Reuters`)
            taken = {index for c in chosen for index in range(c.start, c.end)}
            for start, end in latin_names(tokens):
                if not taken.intersection(range(start, end)):
                    latin_name = " ".join(tokens[start:end]).replace(" - ", "-")
                    mentions.append(Mention(latin_name, TagKind.ACTOR))
        return mentions

    def _choose(
        self, tokens: Sequence[str], resources: _Resources, topic: str = ""
    ) -> list[Candidate]:
        folded = [fold(token) for token in tokens]
        candidates: list[Candidate] = []
        strong_places = resources.strong_places.find(folded)
        for match in resources.actor_aliases.find(folded):
            if any(
                place.start <= match.start
                and match.end <= place.end
                and place.end - place.start > match.end - match.start
                for place in strong_places
            ):
                continue  # `بلاد الأناضول` holds the agency's name `الأناضول`
            candidates.append(Candidate(match.start, match.end, TagKind.ACTOR, _ALIAS))
        for start, end in actor_chains(folded, resources.chain_names) if self._editor_rules else ():
            if is_bare_state_body(folded, start, end, resources.chain_names):
                continue
            if _is_place_as_party(folded[start:end], resources, topic):
                continue  # `الاتحاد السوفيتي`: a listed place with an actor's head
            candidates.append(Candidate(start, end, TagKind.ACTOR, _RULE))
        crf = resources.crf
        labels: list[str] = crf.tag(sequence_features(tokens, resources.knowledge, topic))
        for span in spans(labels):
            kind = _KIND_OF_LABEL.get(span.label)
            if kind is None:
                continue
            least = MIN_CONFIDENCE[kind]
            if any(crf.marginal(labels[i], i) < least for i in range(span.start, span.end)):
                continue  # an unsure span (a listed name still comes from its list below)
            if kind is TagKind.ACTOR and _is_place_as_party(
                folded[span.start : span.end], resources, topic
            ):
                kind = TagKind.PLACE  # a national team, a state or its capital as a party
            end = span.end
            # A model span does not end on a common word (`... عبد الفتاح بالميدالية`), and a
            # common word alone is no name.
            while end > span.start and _ordinary_word(tokens[end - 1], resources):
                end -= 1
            begin = span.start
            # Nor does it start on one without an article (`فاز` + `ليون`, `فوز` + `صالح`).
            while end - begin > 1 and (
                _ordinary_start(tokens[begin], resources) or _future_verb(tokens[begin], resources)
            ):
                begin += 1
            if kind is TagKind.ACTOR:
                if _after_facility(folded, begin):
                    continue  # `استاد ... بن ...`, `نهر أبو ...`: a facility's name, no actor
                # A role word is no part of a name (`البديل خالد` + `المهندي`).
                while end - begin > 1 and role_of(folded[begin]):
                    begin += 1
            pieces = [(begin, end)]
            if kind is TagKind.ACTOR:  # places keep `البوسنة والهرسك` whole
                pieces = _split_on_conjunction(folded, begin, end, resources)
                if span.label == "PERS":
                    pieces = [
                        piece
                        for first, stop in pieces
                        for piece in _split_on_common(tokens, first, stop, resources)
                    ]
            for start, stop in pieces:
                if stop > start + 1 or stem_of(tokens[start]) not in resources.common:
                    candidates.append(Candidate(start, stop, kind, _MODEL))
                elif _after_media_noun(folded, start):
                    candidates.append(Candidate(start, stop, kind, _MODEL))  # `صحيفة الرأي`
        # Full names after a role word (`الشاعرة التونسية آمنة ...`) rank below the model's
        # spans, except a model span that only adds a word before one (`الفريق أنس ...`);
        # none holds a listed place.
        for start, end in persons_after_roles(folded, resources.common, resources.chain_names):
            if any(word in resources.strong_keys for word in folded[start:end]):
                continue
            source = _GAZETTEER
            for other in candidates:
                if other.source == _MODEL and other.end == end and other.start < start:
                    source = _RULE
            candidates.append(Candidate(start, end, TagKind.ACTOR, source))
        # Listed people, clubs and organisations by full names of two words or more (one
        # word alone may be anyone's, or an ordinary word: `الاتحاد`, `الحياة`).
        for key in ("person", "club", "org"):
            listed = resources.knowledge.lists.get(key)
            for match in listed.find(folded) if listed is not None else ():
                if match.end - match.start > 1 and not _after_facility(folded, match.start):
                    candidates.append(Candidate(match.start, match.end, TagKind.ACTOR, _RULE))
        given = resources.knowledge.lists.get("given")
        if given is not None:
            # As written: `باسم` (in the name of), `بنصر` carry a clitic; months are no names.
            starts = [
                match.start
                for match in given.find(folded)
                if " ".join(folded[match.start : match.end]) in given
                and folded[match.start] not in _MONTH_NAMES
            ]
            for start, end in persons_from_given_names(
                folded, starts, resources.common, resources.chain_names
            ):
                if _after_facility(folded, start):
                    continue
                if not any(word in resources.strong_keys for word in folded[start:end]):
                    candidates.append(Candidate(start, end, TagKind.ACTOR, _GAZETTEER))
        for match in strong_places:
            candidates.append(Candidate(match.start, match.end, TagKind.PLACE, _GAZETTEER))
        if topic == "sport":
            for start, end in clubs_by_city_adjective(
                folded, resources.city_keys, resources.country_keys
            ):
                # Not an everyday adjective (`الدولي`, `النووي`, `الفلسطيني`).
                if stem_of(tokens[end - 1]) not in resources.common:
                    candidates.append(Candidate(start, end, TagKind.ACTOR, _GAZETTEER))
        # A listed place name that holds a shorter place of the model wins (`بصرى الشام`).
        model_places = [c for c in candidates if c.source == _MODEL and c.kind is TagKind.PLACE]
        for match in resources.places.find(folded):
            for place in model_places:
                inside = match.start <= place.start and place.end <= match.end
                if inside and match.end - match.start > place.end - place.start:
                    candidates.append(Candidate(match.start, match.end, TagKind.PLACE, _MODEL))
                    break
        # Aliases and rule chains first (the longer wins: `الاتحاد الأوروبي لكرة القدم` holds
        # the alias `الاتحاد الأوروبي`), then the model and the gazetteer, longer first.
        candidates.sort(key=lambda c: (c.source > _RULE, c.start - c.end, c.source, c.start))
        taken = [False] * len(tokens)
        chosen: list[Candidate] = []
        for candidate in candidates:
            if any(taken[candidate.start : candidate.end]):
                continue
            for index in range(candidate.start, candidate.end):
                taken[index] = True
            chosen.append(candidate)
        chosen.extend(_places_in_context(folded, taken, chosen, resources))
        chosen = [_club_or_place(c, folded, resources, topic) for c in chosen]
        chosen = [
            c
            for c in chosen
            if not _ordinary_place_word(c, folded, resources)
            and not _noun_with_pronoun(c, tokens, resources)
        ]
        chosen.sort(key=lambda c: c.start)
        return chosen


# Months, Hijri ones too: `رجب` and `رمضان` are given names, but `رمضان سنة` is a date.
_MONTH_NAMES = MONTHS | frozenset(
    fold(word) for word in ("محرم", "صفر", "ربيع", "جمادى", "رجب", "شعبان", "رمضان", "شوال")
)


def _future_verb(token: str, resources: _Resources) -> bool:
    """`سيعاني`, `سيلحق`: `س` before a common verb (`سيرغي`, `ستيفن` are names)."""
    return (
        len(token) > 4
        and token[0] == "س"
        and token[1] in "يتنأ"
        and (stem_of(token[1:]) in resources.common)
    )


def _ordinary_word(token: str, resources: _Resources) -> bool:
    """A common word, or a common verb in the future (`ميسي سيعاني`)."""
    return stem_of(token) in resources.common or _future_verb(token, resources)


def _ordinary_start(token: str, resources: _Resources) -> bool:
    stem = stem_of(token)
    return stem in resources.common and not stem.startswith("ال")


def _is_place_as_party(words: Sequence[str], resources: _Resources, topic: str) -> bool:
    """Folded words that spell a country or a hand-listed place (`واشنطن` for its
    government), or, outside sports news, a city of two words or more (`تل أبيب`), its first
    word maybe with proclitics."""
    if not words:
        return False
    rest = " ".join(words[1:])
    for first in proclitic_variants(words[0]):
        name = " ".join(filter(None, (first, rest)))
        if name in resources.state_keys:
            return True
        if topic != "sport" and len(words) > 1 and name in resources.city_keys:
            return True
    return False


def _without_country_adjective(name: str, resources: _Resources) -> str:
    """`حزب الله اللبناني` -> `حزب الله`, `الزمالك المصري` -> `الزمالك`: a country's adjective
    after a name describes it; it stays after a bare head or an adjective (`الجيش اللبناني`,
    `البنك المركزي الأوروبي`), where it is part of the name."""
    words = name.split()
    if len(words) < 2 or not is_adjective_of(fold(words[-1]), resources.country_keys):
        return name
    if fold(name) in resources.lexicon.listed:
        return name  # a listed name: `النصر الكويتي`, `طاهر المصري`, `فالنتينو روسي`
    before = fold(words[-2])
    if _looks_like_adjective(before) or (len(words) == 2 and before in ACTOR_HEADS):
        return name
    inner = " ".join(fold(word) for word in words[1:-1])
    if fold(words[0]) in ACTOR_HEADS and inner not in resources.chain_names:
        return name  # `وزارة الدفاع الروسية` stays; `حزب الله اللبناني` names `حزب الله`
    return " ".join(words[:-1])


def _without_trailing_state(name: str, resources: _Resources) -> str:
    """A participle after an actor's name says what the actor does or what is done to it
    (`حزب الله المدعوم`, `حزب العمال الكردستاني المحظور`, `حركة حماس المسؤولة`): it comes off
    after a known name, or after a body's name that ends on a name or an adjective. Past a
    definite head alone nothing is left (`التنظيم المتطرف` refers back to a body, "" is
    returned). It stays when it is a word of a known name (`الأمم المتحدة`, `وليد المعلم`),
    names bodies (`القوات المسلحة`), or follows a لـ phrase or a plain noun, whose adjective
    it may be (`محكمة الأمور المستعجلة`, `مرصد دبي للاستثمار الأجنبي المباشر`)."""
    words = name.split()
    if len(words) < 2 or not words[-1].startswith("الم"):
        return name
    last = fold(words[-1])
    if len(last) < 7 or _looks_like_adjective(last):
        return name
    if last in resources.lexicon.known_words or last in _NAMING_PARTICIPLES:
        return name
    rest = [fold(word) for word in words[:-1]]
    known = len(rest) > 1 and " ".join(rest) in resources.lexicon.known_names
    if not known:
        if rest[0] not in ACTOR_HEADS or any(word.startswith("ل") for word in rest[1:]):
            return name
        if len(rest) == 1:
            # A definite head takes an adjective (`التنظيم المتطرف`); an indefinite one is
            # the first noun of the name (`وزارة المالية`, `مجلس المدينة`).
            return "" if rest[0].startswith("ال") else name
        if not (_looks_like_adjective(rest[-1]) or rest[-1] in resources.lexicon.known_names):
            return name
    return " ".join(words[:-1])


# Participles that are part of bodies' names (`الهيئة المستقلة`, `الحكومة المؤقتة`).
_NAMING_PARTICIPLE_WORDS = (
    "المستقل المستقلة المستقلين المتحد المتحدة الموحد الموحدة المشترك المشتركة المسلح "
    "المسلحة المؤقت المؤقتة المفتوح المفتوحة المختلط المختلطة المنتخب المنتخبة المقدس "
    "المقدسة المتخصص المتخصصة المركز"
)
_NAMING_PARTICIPLES = frozenset(fold(word) for word in _NAMING_PARTICIPLE_WORDS.split())


def _without_kind_noun(name: str, resources: _Resources) -> str:
    """`شركة توتال` -> `توتال`, `وكالة رويترز` -> `رويترز`, `نادي الزمالك` -> `الزمالك`: a
    company's, a medium's, a club's or a movement's noun before its proper name is no part of
    it (one name for `توتال` and `شركة توتال`); before ordinary words it is (`شركة النفط
    الوطنية`, `وكالة الأنباء السورية`, `حركة الجهاد الإسلامي`)."""
    words = name.split()
    if len(words) < 2 or fold(words[0]) not in _KIND_NOUNS:
        return name
    rest = [stem_of(word) for word in words[1:]]
    if len(rest) > 1 and is_adjective_of(rest[-1], resources.country_keys):
        rest = rest[:-1]  # `شركة توتال الفرنسية`: the country's adjective comes off after
    if any(stem in resources.common for stem in rest):
        return name
    if rest[0].startswith("ال") and (len(rest) > 1 or rest[0] not in resources.lexicon.known_names):
        return name  # a definite phrase describes the body (`وكالة الأنباء ...`, `شركة السيارات`)
    return " ".join(words[1:])


def _is_description(words: Sequence[str], resources: _Resources) -> bool:
    """Folded words of a company, a foundation, a group or an association described only by
    country adjectives (`المؤسسة الألمانية`, `الشركة الروسية البريطانية`): a description, no
    name (`الشركة السعودية للكهرباء`, `منظمة التحرير الفلسطينية` are names)."""
    if len(words) < 2 or words[0] not in _DESCRIBED_HEADS:
        return False
    rest = words[1:]
    # `شركة السيارات الألمانية`: what it makes, then whose it is (`منظمة الصحة العالمية` and
    # `شركة النفط الوطنية` are names).
    trade = words[0] in _COMPANY_HEADS and len(rest) > 1 and rest[0].startswith("ال")
    if trade and rest[0] in resources.common:
        return all(is_adjective_of(word, resources.strong_keys) for word in rest[1:])
    return all(
        is_adjective_of(word, resources.strong_keys) or word in GENERIC_MODIFIERS for word in rest
    )


_DESCRIBED_HEAD_WORDS = "شركة مؤسسة مجموعة منظمة جمعية"
_DESCRIBED_HEADS = frozenset(
    fold(form) for word in _DESCRIBED_HEAD_WORDS.split() for form in (word, "ال" + word)
)
_COMPANY_HEADS = frozenset(fold(word) for word in ("شركة", "الشركة"))
_EVENT_NOUN_WORDS = "أولمبياد مونديال دورة"
_EVENT_NOUNS = frozenset(fold(word) for word in _EVENT_NOUN_WORDS.split())
_KIND_NOUN_WORDS = "شركة صحيفة جريدة مجلة قناة وكالة نادي حركة"
_KIND_NOUNS = frozenset(fold(word) for word in _KIND_NOUN_WORDS.split())


def _looks_like_adjective(folded_word: str) -> bool:
    """A definite word ending like a nisba or a feminine adjective (`المركزي`, `العربية`)."""
    return folded_word.startswith("ال") and folded_word.endswith(("ي", "يه", "يين", "يون"))


def _after_facility(folded: Sequence[str], start: int) -> bool:
    """A name right after a stadium, airport, street or river noun (`مطار آل ...`) names it."""
    for back in (1, 2):
        if start - back < 0:
            return False
        if any(word in _FACILITY_NOUNS for word in proclitic_variants(folded[start - back])):
            return True
        if folded[start - back] not in NAME_JOINERS:
            return False
    return False


_FACILITY_NOUN_WORDS = "استاد ملعب مطار شارع طريق ساحة ميدان مستشفى مسجد نهر جسر مدرسة قاعة"
_FACILITY_NOUNS = frozenset(fold(word) for word in _FACILITY_NOUN_WORDS.split())


def _club_or_place(
    candidate: Candidate, folded: Sequence[str], resources: _Resources, topic: str
) -> Candidate:
    """A city named with a masculine adjective of a country is a club: `ليون الفرنسي`,
    `روما الإيطالي` (a city takes the feminine: `روما الإيطالية`); so is one after `فريق`,
    and in sports news one that no locative word (`في`, `بـ`, `مدينة`) introduces."""
    if candidate.kind is not TagKind.PLACE or candidate.source == _ALIAS:
        return candidate
    following = folded[candidate.end] if candidate.end < len(folded) else ""
    previous = folded[candidate.start - 1] if candidate.start > 0 else ""
    if _listed_body(candidate, folded, resources, topic, quoted=previous in _OPEN_QUOTES):
        return _firm_actor(candidate)
    masculine = following.startswith("ال") and following.endswith("ي")
    club = masculine and is_adjective_of(following, resources.strong_keys)
    if club or any(word in _CLUB_NOUNS for word in proclitic_variants(previous)):
        return _firm_actor(candidate)
    if (
        topic == "sport"
        and " ".join(folded[candidate.start : candidate.end]) in resources.city_keys
    ):
        first = folded[candidate.start]
        locative = first[:1] == "ب" and first[1:] in resources.city_keys
        locative = locative or previous in _LOCATIVES or previous in _PLACE_NOUNS
        if not locative:  # the topic alone: a listed place's spelling still makes a place
            return Candidate(candidate.start, candidate.end, TagKind.ACTOR, candidate.source)
    return candidate


def _firm_actor(candidate: Candidate) -> Candidate:
    return Candidate(candidate.start, candidate.end, TagKind.ACTOR, candidate.source, firm=True)


def _listed_body(
    candidate: Candidate, folded: Sequence[str], resources: _Resources, topic: str, *, quoted: bool
) -> bool:
    """A listed organisation that is no listed place (`نوكيا`), a listed club in sports
    news, or a quoted listed name (`« الشرق الأوسط »`, a newspaper): an actor, not a place."""
    name = " ".join(folded[candidate.start : candidate.end])
    lists = resources.knowledge.lists
    for key in ("org", "club", "person"):
        listed = lists.get(key)
        if listed is None or name not in listed:
            continue
        if quoted or (key == "club" and topic == "sport"):
            return True
        if key != "club" and name not in resources.strong_keys:
            return True
    return False


_OPEN_QUOTES = frozenset("«\"“'")


# Words after which a city in sports news is the city (`يسافر إلى فاس`, `ديربي الدار البيضاء`).
def _ordinary_place_word(
    candidate: Candidate, folded: Sequence[str], resources: _Resources
) -> bool:
    """A place whose spelling is mostly an ordinary word (`مالي`: financial) is one only
    after a locative word or a place noun, with a locative clitic (`بمالي`, `لمالي`), or
    joined by `و` to another place (`ليبيا ومالي`, `مالي والنيجر`)."""
    if candidate.kind is not TagKind.PLACE or candidate.end - candidate.start != 1:
        return False
    word = folded[candidate.start]
    variants = proclitic_variants(word)
    if variants[-1] not in _WORD_LIKE_PLACES:
        return False
    if word[:1] in "بل" or word[:2] in ("وب", "ول", "فب", "فل"):
        return False  # `بمالي`, `لمالي`: in, to
    previous = folded[candidate.start - 1] if candidate.start else ""
    if word[:1] == "و" and previous[:1].isalpha():
        return False  # `ليبيا ومالي`, and a sentence that lists places
    following = folded[candidate.end] if candidate.end < len(folded) else ""
    if following[:1] == "و" and following[1:] in resources.strong_keys:
        return False  # `مالي والنيجر`
    return not (previous in _LOCATIVES or proclitic_variants(previous)[-1] in _PLACE_CUES)


def _noun_with_pronoun(candidate: Candidate, tokens: Sequence[str], resources: _Resources) -> bool:
    """`وجده` (and he found it): a common word with a pronoun suffix, written `ه`, not `ة`,
    is no place of the GeoNames list, whatever its spelling names there (`وجدة` is)."""
    if candidate.kind is not TagKind.PLACE or candidate.end - candidate.start != 1:
        return False
    token = tokens[candidate.start]
    if fold(token) in resources.strong_keys:
        return False
    for suffix in ("ه", "ها", "هم"):
        if token.endswith(suffix) and stem_of(token[: -len(suffix)]) in resources.common:
            return True
    return False


# Place names that are more often ordinary words in news (`دعم مالي`: financial support).
_WORD_LIKE_PLACE_WORDS = "مالي ديلي بلم"
_WORD_LIKE_PLACES = frozenset(fold(word) for word in _WORD_LIKE_PLACE_WORDS.split())
_LOCATIVE_WORDS = "في إلى الى بمدينة داخل قرب شمال جنوب شرق غرب وسط ديربي عاصمة"
_LOCATIVES = frozenset(fold(word) for word in _LOCATIVE_WORDS.split())
_CLUB_NOUNS = frozenset(fold(word) for word in ["فريق", "نادي", "فريقا", "لاعب", "لاعبو", "مدرب"])


def _places_in_context(
    folded: Sequence[str], taken: list[bool], chosen: list[Candidate], resources: _Resources
) -> list[Candidate]:
    """Names of the large city list (ambiguous alone) that the context shows to be places:
    after a place noun (`بلدة طفس`, `بلدتي طفس`) or joined by و to a place (`طفس وصيدا`)."""
    place_ends = {c.end for c in chosen if c.kind is TagKind.PLACE}
    found: list[Candidate] = []
    for match in resources.places.find(folded):
        if any(taken[match.start : match.end]) or match.start == 0:
            continue
        after_cue = any(
            word in _PLACE_NOUNS for word in proclitic_variants(folded[match.start - 1])
        )
        coordinated = folded[match.start].startswith("و") and match.start in place_ends
        if after_cue or coordinated:
            found.append(Candidate(match.start, match.end, TagKind.PLACE, _GAZETTEER))
            place_ends.add(match.end)
            for index in range(match.start, match.end):
                taken[index] = True
    return found


_PLACE_NOUN_WORDS = (
    "مدينة مدينتي مدن بلدة بلدتي بلدات قرية قريتي قرى محافظة محافظتي منطقة منطقتي "
    "ولاية إقليم مقاطعة ريف حي مخيم"
)
_PLACE_NOUNS = frozenset(fold(word) for word in _PLACE_NOUN_WORDS.split())
_PLACE_CUES = _PLACE_NOUNS | _LOCATIVES


def _after_media_noun(folded: Sequence[str], start: int) -> bool:
    """Right after `صحيفة`, `مجلة`, `قناة` ... (maybe with an opening quote): a paper's or a
    channel's name, even when it is an ordinary word (`الرأي`, `الحياة`)."""
    position = start - 1
    if position >= 0 and folded[position] in _OPEN_QUOTES:
        position -= 1
    if position < 0:
        return False
    return any(word in _MEDIA_NOUNS for word in proclitic_variants(folded[position]))


_MEDIA_NOUN_WORDS = "صحيفة جريدة مجلة قناة تلفزيون إذاعة"
_MEDIA_NOUNS = frozenset(fold(word) for word in _MEDIA_NOUN_WORDS.split())


def _split_on_common(
    tokens: Sequence[str], start: int, end: int, resources: _Resources
) -> list[tuple[int, int]]:
    """A person's name holds no ordinary word: `مصطفى عبد الله بفوز عبد الفتاح` is two names
    around `بفوز` (a word the training text almost never has inside a name)."""
    parts: list[tuple[int, int]] = []
    begin = start
    for index in range(start + 1, end - 1):
        if stem_of(tokens[index]) in resources.common:
            parts.append((begin, index))
            begin = index + 1
    parts.append((begin, end))
    return [(first, stop) for first, stop in parts if stop > first]


def _split_on_conjunction(
    folded: Sequence[str], start: int, end: int, resources: _Resources
) -> list[tuple[int, int]]:
    """`سولانا ولاريجاني` is two names: a span breaks before an inner word starting with و
    unless that word is known as written (`وليد`, `وادي`)."""
    parts: list[tuple[int, int]] = []
    begin = start
    for index in range(start + 1, end):
        word = folded[index]
        if word.startswith("و") and len(word) >= 4 and word not in resources.lexicon.known_words:
            parts.append((begin, index))
            begin = index
    parts.append((begin, end))
    return [(first, stop) for first, stop in parts if stop > first]


_default: Tagger | None = None
_default_lock = threading.Lock()


def default_tagger() -> Tagger:
    """The process-wide tagger with the shipped model (created on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Tagger()
        return _default

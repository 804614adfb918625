"""Canonical names, model-independent: clitics, titles, months, variants, merging, aliases."""

from __future__ import annotations

import pytest

from reader.models import TagKind
from reader.tagging.canonical import Lexicon, Mention, canonical_tags, clean_name, strip_clitics

ACTOR, PLACE = TagKind.ACTOR, TagKind.PLACE


@pytest.fixture
def lexicon() -> Lexicon:
    """A small lexicon written for these tests (not the shipped one)."""
    lexicon = Lexicon()
    for name in ("روسيا", "الكويت", "الأردن", "واشنطن", "وليد جنبلاط", "بغداد"):
        lexicon.add_name(name)
    lexicon.add_alias("بي بي سي", "بي بي سي", ACTOR)
    lexicon.add_alias("مجلس الأمن الدولي", "مجلس الأمن", ACTOR)
    lexicon.add_alias("مجلس الأمن", "مجلس الأمن", ACTOR)
    lexicon.add_alias("سورية", "سوريا", PLACE)
    lexicon.add_alias("سوريا", "سوريا", PLACE)
    return lexicon


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["وروسيا"], "روسيا"),
        (["والكويت"], "الكويت"),
        (["الأردن"], "الأردن"),  # a name's own article stays
        (["وبالأردن"], "الأردن"),
        (["واشنطن"], "واشنطن"),  # known names keep their first letter
        (["وليد", "جنبلاط"], "وليد جنبلاط"),
        (["وليد", "جنبلاط"], "وليد جنبلاط"),
        (["ولافروف"], "لافروف"),  # unknown: a lone و is a conjunction
        (["فيدرر"], "فيدرر"),  # ... but not before `ي` or `و`, as foreign names start
        (["فوربس"], "فوربس"),
        (["ويليامز"], "ويليامز"),
        (["فبغداد"], "بغداد"),
        (["لمجلس", "الأمن"], "مجلس الأمن"),
        (["للمرصد", "السوري"], "المرصد السوري"),
        (["بالقدس"], "القدس"),  # unknown, and not `لقدس`
        (["لبي", "بي", "سي"], "بي بي سي"),  # a two-letter first word of a known name
    ],
)
def test_strip_clitics(words: list[str], expected: str, lexicon: Lexicon) -> None:
    assert " ".join(strip_clitics(words, lexicon)) == expected


@pytest.mark.parametrize(
    ("words", "kind", "expected"),
    [
        (["الرئيس", "بشار", "الأسد"], ACTOR, "بشار الأسد"),
        (["الوزير", "مايك", "بومبيو"], ACTOR, "مايك بومبيو"),
        (["نيسان"], ACTOR, None),
        (["تموز"], ACTOR, None),
        (["تشرين", "الأول"], PLACE, None),
        (["الأربعاء"], ACTOR, None),
        (["الأخبار"], ACTOR, None),
        (["2018"], PLACE, None),
        (["درعا", "،"], PLACE, "درعا"),
        (["الرئيس"], ACTOR, None),
        (["تي"], ACTOR, None),
        (["للمنظمة", "الدولية"], ACTOR, None),
        (["BB"], ACTOR, None),
        (["سي", "إن", "إن"], ACTOR, "سي إن إن"),
        # A kind of body, not a name; a head with a proper name or a definite name stays.
        (["منظمة", "إجرامية"], ACTOR, None),
        (["شركة", "أمريكية"], ACTOR, None),
        (["شركة", "سوني"], ACTOR, "شركة سوني"),
        (["الجمعية", "الخيرية", "الإسلامية"], ACTOR, "الجمعية الخيرية الإسلامية"),
        # A body's bare head or a role word, or its dual or plural, refers back: no name.
        (["المنظمة"], ACTOR, None),
        (["البنك"], ACTOR, None),
        (["الزعيمان"], ACTOR, None),
        (["المدربين"], ACTOR, None),
        (["المنظمات"], ACTOR, None),
        (["القوات"], ACTOR, None),
        # Titles and adjectives only: a role, no name.
        (["العهد", "السعودي", "الأمير"], ACTOR, None),
        (["العهد", "السعودي"], ACTOR, None),
        (["الأهلي"], ACTOR, "الأهلي"),
        (["الأردن"], PLACE, "الأردن"),
    ],
)
def test_clean_name(
    words: list[str], kind: TagKind, expected: str | None, lexicon: Lexicon
) -> None:
    assert clean_name(words, kind, lexicon) == expected


def test_one_name_per_entity(lexicon: Lexicon) -> None:
    mentions = [
        Mention("مايك بومبيو", ACTOR),
        Mention("بومبيو", ACTOR),
        Mention("بومبيو", ACTOR),
        Mention("مجلس الأمن الدولي", ACTOR),
        Mention("مجلس الأمن", ACTOR),
        Mention("سيرغي لافروف", ACTOR),
        Mention("لافروف", ACTOR),
    ]
    actors, places = canonical_tags(mentions, lexicon)
    assert sorted(actors) == sorted(["مايك بومبيو", "مجلس الأمن", "سيرغي لافروف"])
    assert actors[0] == "مايك بومبيو"  # most mentioned first
    assert places == []


def test_variants_fold_and_show_the_most_common_form(lexicon: Lexicon) -> None:
    mentions = [
        Mention("إسرائيل", PLACE),
        Mention("اسرائيل", PLACE),
        Mention("إسرائيل", PLACE),
        Mention("سورية", PLACE),
        Mention("سوريا", PLACE),
        Mention("الأمم المتحده", ACTOR),
        Mention("الأمم المتحدة", ACTOR),
        Mention("الأمم المتحدة", ACTOR),
    ]
    actors, places = canonical_tags(mentions, lexicon)
    assert places == ["إسرائيل", "سوريا"]
    assert actors == ["الأمم المتحدة"]


def test_a_name_gets_the_kind_it_has_most_often(lexicon: Lexicon) -> None:
    mentions = [Mention("إيران", PLACE), Mention("إيران", PLACE), Mention("إيران", ACTOR)]
    assert canonical_tags(mentions, lexicon) == ([], ["إيران"])


def test_a_short_name_joins_only_an_actor_it_ends(lexicon: Lexicon) -> None:
    mentions = [Mention("حافظ الأسد", ACTOR), Mention("الأسد", ACTOR), Mention("الأسد", PLACE)]
    actors, _ = canonical_tags(mentions, lexicon)
    assert actors == ["حافظ الأسد"]


def test_the_end_of_a_persons_full_name_joins_it(lexicon: Lexicon) -> None:
    mentions = [
        Mention("سليم بن حسان", ACTOR),
        Mention("بن حسان", ACTOR),
        Mention("محمود علي عبد الكريم", ACTOR),
        Mention("عبد الكريم", ACTOR),
    ]
    actors, _ = canonical_tags(mentions, lexicon)
    assert sorted(actors) == sorted(["سليم بن حسان", "محمود علي عبد الكريم"])


def test_a_body_ending_another_body_stays_apart(lexicon: Lexicon) -> None:
    mentions = [Mention("مكتب الأمم المتحدة", ACTOR), Mention("الأمم المتحدة", ACTOR)]
    actors, _ = canonical_tags(mentions, lexicon)
    assert sorted(actors) == sorted(["مكتب الأمم المتحدة", "الأمم المتحدة"])


def test_a_known_head_word_alone_stays_a_name(lexicon: Lexicon) -> None:
    lexicon.add_listed("الاتحاد")  # a club's name in the lists
    assert clean_name(["الاتحاد"], ACTOR, lexicon) == "الاتحاد"


def test_a_three_letter_first_name_joins_the_full_name(lexicon: Lexicon) -> None:
    mentions = [Mention("كيم جونغ أون", ACTOR), Mention("كيم", ACTOR), Mention("كيم", ACTOR)]
    assert canonical_tags(mentions, lexicon) == (["كيم جونغ أون"], [])


def _actors(names: list[str], lexicon: Lexicon) -> list[str]:
    return sorted(canonical_tags([Mention(name, ACTOR) for name in names], lexicon)[0])


def test_a_bodys_short_name_joins_the_name_that_says_whose_it_is(lexicon: Lexicon) -> None:
    # Neither is listed: a nisba adjective only says whose the bank is.
    assert _actors(["البنك المركزي المصري", "البنك المركزي"], lexicon) == ["البنك المركزي المصري"]
    # A listed longer name takes its short form, a لـ phrase too.
    lexicon.add_name("منظمة الصحة العالمية")
    lexicon.add_name("الاتحاد المصري لكرة القدم")
    assert _actors(["منظمة الصحة", "منظمة الصحة العالمية"], lexicon) == ["منظمة الصحة العالمية"]
    assert _actors(["الاتحاد المصري", "الاتحاد المصري لكرة القدم"], lexicon) == [
        "الاتحاد المصري لكرة القدم"
    ]


def test_a_known_short_name_holds_an_overlong_span(lexicon: Lexicon) -> None:
    lexicon.add_name("الاتحاد الأوروبي")
    names = ["الاتحاد الأوروبي", "الاتحاد الأوروبي لقيادة العالم", "الاتحاد الأوروبي"]
    assert _actors(names, lexicon) == ["الاتحاد الأوروبي"]


@pytest.mark.parametrize(
    "names",
    [
        # Another body: an adjective that is no nisba changes who it is.
        ["الجيش السوري", "الجيش السوري الحر"],
        # Two listed names are two bodies.
        ["الاتحاد الأوروبي", "الاتحاد الأوروبي لكرة القدم"],
        # Two longer names: the short one could be either.
        ["البنك المركزي", "البنك المركزي المصري", "البنك المركزي الأوروبي"],
        # Unknown names and a لـ phrase: no evidence they are one.
        ["الهيئة العامة", "الهيئة العامة للرياضة"],
        # A person's name is no body's short name.
        ["عبد الله", "عبد الله السعيد"],
    ],
)
def test_names_that_stay_apart(names: list[str], lexicon: Lexicon) -> None:
    lexicon.add_name("الاتحاد الأوروبي")
    lexicon.add_name("الاتحاد الأوروبي لكرة القدم")
    assert _actors(names, lexicon) == sorted(names)


@pytest.mark.parametrize(
    "words",
    [["البنك", "الدولي"], ["جوان", "لابورتا"]],  # a generic adjective, a month's name
)
def test_a_listed_name_is_a_name_where_its_words_look_like_none(
    words: list[str], lexicon: Lexicon
) -> None:
    assert clean_name(words, ACTOR, lexicon) is None
    lexicon.add_listed(" ".join(words))
    assert clean_name(words, ACTOR, lexicon) == " ".join(words)


def test_a_joiner_is_read_as_written() -> None:
    # `آبي` folds like the joiner `أبي` but is none; `أبو` at the end was cut off.
    lexicon = Lexicon()
    assert clean_name(["شينزو", "آبي"], ACTOR, lexicon) == "شينزو آبي"
    assert clean_name(["أشرف", "أبو"], ACTOR, lexicon) == "أشرف"
    assert clean_name(["كيم", "جونغ", "إل"], ACTOR, lexicon) == "كيم جونغ إل"

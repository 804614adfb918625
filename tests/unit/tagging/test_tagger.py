"""The shipped tagger on articles written for these tests, its data, import cost and threads."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reader.errors import AkhbarError
from reader.models import Article, TagKind, Tags
from reader.tagging import Tagger, tag_article
from reader.tagging.resources import DATA_DIR, MODEL_FILE
from reader.tagging.tagger import MIN_CONFIDENCE, _future_verb, _without_trailing_state

# Written for akhbar: a short news item with furniture, a dateline, clitics, a hashtag, a
# month name, a title before a name, a spelling variant and a short repeat of a name.
VISIT = Article(
    id="fixture-visit",
    title="وزير الخارجية الأمريكي مايك بومبيو يصل إلى الأردن",
    paragraphs=(
        "الأخبار",
        "عمّان - وصل وزير الخارجية الأمريكي مايك بومبيو إلى الأردن اليوم الأحد في جولة تشمل "
        "الكويت والسعودية.",
        "وقال بومبيو للصحفيين إن بلاده تدعم جهود #مجلس_الأمن لإنهاء الحرب في سورية، مضيفا أن "
        "مجلس الأمن الدولي سيجتمع في نيسان المقبل.",
        "وأضاف أن واشنطن وروسيا تتحدثان بشأن مدينة درعا، فيما رحبت وزارة الخارجية الأردنية "
        "بالزيارة.",
        "مقالات ذات صلة",
    ),
)

# Written for akhbar: an economy item with no person and two places.
MARKET = Article(
    id="fixture-market",
    title="ارتفاع أسعار النفط",
    paragraphs=(
        "ارتفعت أسعار النفط في الأسواق العالمية يوم الثلاثاء بعد أن أعلنت منظمة أوبك خفض "
        "الإنتاج، وقال محللون في لندن إن الطلب من الصين ما زال قويا.",
    ),
)


def test_fixture_article_gets_the_names_an_editor_would_tag() -> None:
    tags = tag_article(VISIT)
    assert set(tags.actors) == {"مايك بومبيو", "مجلس الأمن", "وزارة الخارجية الأردنية"}
    assert set(tags.places) == {"الأردن", "الكويت", "السعودية", "سوريا", "واشنطن", "روسيا", "درعا"}


def test_no_furniture_month_dateline_or_clitic_leaks() -> None:
    tags = tag_article(VISIT)
    every = set(tags.actors) | set(tags.places)
    for unwanted in ("الأخبار", "نيسان", "عمان", "عمّان", "بومبيو", "والكويت", "وروسيا"):
        assert unwanted not in every
    assert not any("#" in name or "_" in name for name in every)


def test_second_article() -> None:
    tags = tag_article(MARKET)
    assert "أوبك" in tags.actors
    assert set(tags.places) == {"لندن", "الصين"}


def test_tagger_and_tag_article_agree() -> None:
    assert Tagger().tag(VISIT.title, VISIT.paragraphs) == tag_article(VISIT)


def test_empty_article() -> None:
    assert Tagger().tag("", []) == Tags()
    assert Tagger().tag("", ["", "الأخبار"]) == Tags()


def test_threads_share_one_tagger() -> None:
    expected = tag_article(VISIT), tag_article(MARKET)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(tag_article, [VISIT, MARKET] * 20))
    assert results == list(expected) * 20


def test_importing_the_package_loads_no_model() -> None:
    code = (
        "import sys, reader.tagging; "
        "assert 'pycrfsuite' not in sys.modules, 'model library imported eagerly'; "
        "assert 'reader.tagging.train' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_shipped_model_is_small() -> None:
    size = (DATA_DIR / MODEL_FILE).stat().st_size
    assert 100_000 < size < 5_000_000
    assert (DATA_DIR / "README.md").read_text(encoding="utf-8").count("CC BY-SA 4.0") >= 2


def test_a_long_paragraph_without_punctuation_is_tagged_in_pieces() -> None:
    sentence = "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن روسيا ترفض الاقتراح "
    tags = Tagger().tag("", [sentence * 3000])  # ~36,000 tokens, no sentence end
    assert "سيرغي لافروف" in tags.actors
    assert {"موسكو", "روسيا"} <= set(tags.places)


def test_missing_data_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AkhbarError, match="tagger's data are missing or damaged"):
        Tagger(tmp_path).tag("عنوان", ["قال الرئيس إن دمشق هادئة"])


def test_a_city_with_a_masculine_adjective_is_a_club() -> None:
    tagger = Tagger()
    club = tagger.tag("", ["فاز ليون الفرنسي على ضيفه بهدفين."])
    city = tagger.tag("", ["زار وزير الخارجية مدينة ليون الفرنسية أمس."])
    assert "ليون" in club.actors and "ليون" not in club.places
    assert "ليون" in city.places and "ليون" not in city.actors


def test_names_of_stadiums_airports_and_rivers_are_no_actors() -> None:
    tags = Tagger().tag(
        "",
        [
            "أقيمت المباراة على استاد خليفة بن زايد مساء الجمعة.",
            "وتجمعت المياه قرب مجرى نهر أبو سليم.",
        ],
    )
    assert not any(
        word in actor for actor in tags.actors for word in ("خليفة", "زايد", "أبو", "سليم")
    )


def test_a_role_word_is_no_part_of_the_name_after_it() -> None:
    tags = Tagger().tag("", ["وسجل البديل سامر الحمداني هدف الفوز في الدقيقة الأخيرة."])
    assert "سامر الحمداني" in tags.actors
    assert not any(actor.startswith("البديل") for actor in tags.actors)


# Written for akhbar: sentences for the canonical-name and place/actor decisions.
@pytest.mark.parametrize(
    ("paragraph", "actors", "places"),
    [
        # A state form shows under its common name; a region after a direction word is the
        # region itself.
        ("وصل الوفد إلى دولة قطر قادما من شمال أفريقيا.", set(), {"قطر", "أفريقيا"}),
        # A country's adjective after a known name describes it; after a head it names it.
        (
            "وقال حزب الله اللبناني إن وزارة الدفاع الروسية أبلغته بالقرار.",
            {"حزب الله", "وزارة الدفاع الروسية"},
            set(),
        ),
        # A bare state body does not say whose; a lone country adjective is no name.
        ("وقالت وزارة الخارجية إن الوفد الروسي سيصل غدا.", set(), set()),
        # A listed medium after a clitic, with its digits or its `للأنباء`; the sport in
        # a coach's role is no name.
        (
            "وقال مدرب المنتخب الوطني لكرة القدم لفرانس24 ولرويترز للأنباء إنه متفائل.",
            {"فرانس 24", "رويترز"},
            set(),
        ),
        # The Turkish agency, not Anatolia; the countryside is no place.
        (
            "ونقلت وكالة الأناضول للأنباء أن الاحتجاجات امتدت إلى الريف.",
            {"الأناضول"},
            set(),
        ),
        # ... but a listed place that holds the agency's name is the place.
        ("عبر المهاجرون بلاد الأناضول نحو أوروبا.", set(), {"بلاد الأناضول", "أوروبا"}),
        # Nor are a title and a country's adjective before a name.
        (
            "واستقبل ولي العهد السعودي الأمير محمد بن سلمان الوفد.",
            {"محمد بن سلمان"},
            set(),
        ),
        # A company's or an agency's noun before its proper name is no part of it.
        (
            "وقالت شركة توتال إن وكالة رويترز نشرت الخبر، فيما نفت شركة النفط الوطنية ذلك.",
            {"توتال", "رويترز", "شركة النفط الوطنية"},
            set(),
        ),
        # So does a club's, an agency's or a movement's noun before a proper name; before
        # ordinary words it is part of the name.
        (
            "ونقلت وكالة الأناضول عن رئيس نادي الزمالك أن حركة حماس وحركة الجهاد الإسلامي "
            "رحبتا بالاتفاق.",
            {"الأناضول", "الزمالك", "حماس", "حركة الجهاد الإسلامي"},
            set(),
        ),
        # An event is no actor, but the place in its name is a place; a company's noun and
        # its country's adjective both come off its name.
        (
            "وقالت شركة توتال الفرنسية إنها سترعى أولمبياد أثينا.",
            {"توتال"},
            {"أثينا"},
        ),
        # A listed name loses its clitic (`لـ` + `يوفنتوس`), a place does not gain one
        # (`بروسيا` is `بـ` + `روسيا` here, not Prussia).
        ("وانتقل اللاعب ليوفنتوس بعد أن لعب بروسيا.", {"يوفنتوس"}, {"روسيا"}),
        # A company or a foundation told only by its countries is described, not named.
        (
            "وقالت المؤسسة الألمانية إن الشركة الروسية البريطانية ومنظمة التحرير الفلسطينية "
            "رحبتا بالقرار.",
            {"منظمة التحرير الفلسطينية"},
            set(),
        ),
        # A company told by its trade and its country is described, not named; a body named
        # by ordinary words stays (`منظمة الصحة العالمية`).
        (
            "وقالت شركة الطيران الإيرانية ومنظمة الصحة العالمية إن الرحلات ستعود.",
            {"منظمة الصحة العالمية"},
            set(),
        ),
        # A body's head after a complete name starts another body.
        (
            "ودعا مجلس الأمن المجلس الاقتصادي والاجتماعي إلى الاجتماع.",
            {"مجلس الأمن", "المجلس الاقتصادي والاجتماعي"},
            set(),
        ),
        # A listed name keeps its country's adjective (a family name, a club's country);
        # a club named by a state after `نادي` is the club.
        (
            "وقال طاهر المصري إن نادي قطر تعاقد مع مدرب جديد.",
            {"طاهر المصري", "قطر"},
            set(),
        ),
        # A historic state is a place even with an actor's head.
        ("انهار الاتحاد السوفيتي قبل عقود.", set(), {"الاتحاد السوفيتي"}),
        # Regions and provinces of the hand-written list, with their spellings folded
        # (`طاجكستان`, `اوزباكستان`) and the place named after a direction word.
        (
            "امتدت الاحتجاجات من الشيشان وداغستان إلى طاجكستان واوزباكستان وجنوب لبنان.",
            set(),
            {"الشيشان", "داغستان", "طاجيكستان", "أوزبكستان", "لبنان"},
        ),
        (
            "عبرت الناقلة مضيق هرمز نحو بحر العرب بعد أيام في إقليم كردستان.",
            set(),
            {"مضيق هرمز", "بحر العرب", "كردستان"},
        ),
        # A participle after a body's name says what it does or what is done to it; after a
        # definite head alone it refers back to a body and names none.
        (
            "واتهمت أنقرة حزب العمال الكردستاني المحظور بالهجوم، وقال التنظيم المتطرف إنه "
            "لن يتراجع.",
            {"حزب العمال الكردستاني"},
            {"أنقرة"},
        ),
    ],
)
def test_canonical_names_and_kinds(paragraph: str, actors: set[str], places: set[str]) -> None:
    tags = Tagger().tag("", [paragraph])
    assert set(tags.actors) == actors
    assert set(tags.places) == places


def test_in_sports_news_a_city_named_as_a_team_is_its_club() -> None:
    # Written for akhbar: three sentences of a match report.
    report = [
        "تعادل الفريقان في مباراة الدوري مساء السبت بهدف لكل منهما.",
        "وتقدم بورتو في الشوط الأول قبل أن يدرك فريق هامبورغ التعادل من ركلة جزاء.",
        "ويسافر اللاعبون إلى مدريد الأسبوع المقبل للمشاركة في البطولة.",
    ]
    tags = Tagger().tag("", report)
    assert {"بورتو", "هامبورغ"} <= set(tags.actors)
    assert "مدريد" in tags.places and "مدريد" not in tags.actors


def test_listed_full_names_are_found_without_cues() -> None:
    # Written for akhbar: listed people named without a title or a verb of saying.
    tags = Tagger().tag("", ["حضر الحفل عادل إمام ونجيب ساويرس وعدد من الضيوف."])
    assert {"عادل إمام", "نجيب ساويرس"} <= set(tags.actors)


def test_a_paper_named_by_an_ordinary_word_is_kept_after_its_noun() -> None:
    # Written for akhbar: `الرأي` (opinion) is an ordinary word, but here a newspaper.
    tags = Tagger().tag("", ["ونقلت صحيفة « الرأي » عن مصادر أن الوزير سيستقيل."])
    assert "الرأي" in tags.actors


class _UnsureModel:
    """A stand-in CRF that tags `كرانوفا` (an invented name) as a place with a given
    marginal probability, to show the confidence gate on the model's spans."""

    def __init__(self, labels: dict[str, str], marginal: float) -> None:
        self._labels = labels
        self._marginal = marginal

    def tag(self, features: list[list[str]]) -> list[str]:
        words = [next(f[2:] for f in token if f.startswith("w=")) for token in features]
        return [self._labels.get(word, "O") for word in words]

    def marginal(self, label: str, index: int) -> float:
        return self._marginal if label != "O" else 1.0


@pytest.mark.parametrize(("marginal", "kept"), [(0.95, True), (0.6, False)])
def test_an_unsure_model_place_is_left_out(marginal: float, kept: bool) -> None:
    tagger = Tagger()
    tagger.loaded().crf = _UnsureModel({"كرانوفا": "B-LOC"}, marginal)
    tags = tagger.tag("", ["وصل الوفد إلى كرانوفا صباح اليوم."])
    assert ("كرانوفا" in tags.places) is kept
    assert marginal >= MIN_CONFIDENCE[TagKind.PLACE] or not kept


def test_an_unsure_model_span_does_not_hide_a_listed_place() -> None:
    tagger = Tagger()
    tagger.loaded().crf = _UnsureModel({"دمشق": "B-LOC"}, 0.3)
    assert "دمشق" in tagger.tag("", ["وصل الوفد إلى دمشق صباح اليوم."]).places


def test_a_company_noun_stays_before_an_ordinary_definite_word() -> None:
    # Written for akhbar: `شركة الدراجات` (a rare word in the training text) is a
    # description; `الدراجات` is no name.
    tags = Tagger().tag("", ["وأعلنت شركة الدراجات الصينية عن اتفاق مع شركة ألمانية."])
    assert "الدراجات" not in tags.actors


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("حزب الله المدعوم", "حزب الله"),
        ("حزب الشعب الجمهوري المعارض", "حزب الشعب الجمهوري"),
        ("التنظيم المتطرف", ""),
        # Part of the name: the first noun after an indefinite head, a participle agreeing
        # with a noun of the name or after a لـ phrase, one of a known name, a naming one.
        ("وزارة المواصلات", "وزارة المواصلات"),
        ("محكمة الأمور المستعجلة", "محكمة الأمور المستعجلة"),
        ("الهيئة الوطنية للاستثمار المباشر", "الهيئة الوطنية للاستثمار المباشر"),
        ("الأمم المتحدة", "الأمم المتحدة"),
        ("الهيئة الوطنية المستقلة", "الهيئة الوطنية المستقلة"),
        # A person's unknown name keeps a word that looks like a participle.
        ("يوسف المحاسني", "يوسف المحاسني"),
    ],
)
def test_a_participle_after_a_body_is_no_part_of_its_name(name: str, expected: str) -> None:
    assert _without_trailing_state(name, Tagger().loaded()) == expected


@pytest.mark.parametrize(
    ("token", "verb"),
    [("سيعاني", True), ("سيلحق", True), ("ستكون", True), ("سيرغي", False), ("ستيفن", False)],
)
def test_a_future_verb_ends_no_name(token: str, verb: bool) -> None:
    # `ميسي سيعاني`: the model's span stops before the verb.
    assert _future_verb(token, Tagger().loaded()) is verb


@pytest.mark.parametrize(
    ("paragraph", "places"),
    [
        ("وقدمت الحكومة دعم مالي كبير للشركات.", set()),  # financial, not Mali
        ("وصل الرئيس إلى مالي أمس.", {"مالي"}),
        ("وانتشر المسلحون في ليبيا وشمال مالي.", {"ليبيا", "مالي"}),
        ("وأعلنت مالي والنيجر انسحابهما.", {"مالي", "النيجر"}),
        # `وجده` (and he found it) is a verb with a pronoun; `وجدة` is Oujda.
        ("وقال الشرطي إنه وجده في المنزل.", set()),
        ("وصل الوفد إلى وجدة أمس.", {"وجدة"}),
    ],
)
def test_a_place_spelled_like_an_ordinary_word_needs_its_context(
    paragraph: str, places: set[str]
) -> None:
    assert set(Tagger().tag("", [paragraph]).places) == places

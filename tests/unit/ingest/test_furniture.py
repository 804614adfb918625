"""Page furniture rules: what a saved page loses, and body text they must never touch."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.clean import split_paragraphs
from reader.ingest.furniture import (
    is_back_to_top,
    is_date_line,
    is_related_header,
    is_share_line,
    strip_furniture,
)

BODY = [
    "أعلنت الجمعية عن تنظيم حملة لتنظيف الشاطئ يوم السبت بمشاركة مئات المتطوعين من المدينة.",
    "وقال رئيس الجمعية إن الحملة ستتواصل طيلة فصل الصيف، داعياً السكان إلى الانضمام إليها.",
    "وكانت حملة مماثلة قد جمعت العام الماضي أكثر من ثلاثة أطنان من النفايات البلاستيكية.",
]


def test_saved_page_fixture_loses_exactly_its_furniture(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "ingest" / "saved-page.txt").read_text(encoding="utf-8")
    cleaned = strip_furniture(split_paragraphs(text))
    assert cleaned.title == "افتتاح سوق جديدة للمنتجات الزراعية في مدينة صفاقس"
    assert len(cleaned.paragraphs) == 4
    assert cleaned.paragraphs[0].startswith("افتتحت بلدية صفاقس")
    assert cleaned.paragraphs[-1].startswith("ورحب عدد من التجار")
    assert cleaned.removed == [
        "شارك الخبر: فيسبوك تويتر واتساب",
        "العودة إلى الأعلى",
        "اقرأ أيضاً",
        "ارتفاع أسعار الخضر في الأسواق الشعبية",
        "موسم جني الزيتون يبدأ مبكراً هذا العام",
        "اقتصاد",
        "افتتاح سوق جديدة للمنتجات الزراعية في مدينة صفاقس",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "زر الذهاب إلى الأعلى",
        "العودة إلى أعلى الصفحة",
        "↑ العودة للأعلى",
        "Back to top ↑",
        "scroll to top",
    ],
)
def test_back_to_top_variants(line: str) -> None:
    assert is_back_to_top(line)


@pytest.mark.parametrize(
    "line",
    [
        "شارك:",
        "شارك هذا المقال على فيسبوك تويتر",
        "Share on Facebook Twitter WhatsApp",
        "طباعة | البريد الإلكتروني",
        "فيسبوك تويتر واتساب تيليجرام",
    ],
)
def test_share_line_variants(line: str) -> None:
    assert is_share_line(line)


@pytest.mark.parametrize(
    "line",
    ["مقالات ذات صلة", "اقرأ أيضاً:", "أخبار ذات صلة", "Related articles", "قد يهمك أيضاً"],
)
def test_related_header_variants(line: str) -> None:
    assert is_related_header(line)


@pytest.mark.parametrize(
    "line",
    [
        "وقال المتحدث إن الوزارة ستنشر التفاصيل على فيسبوك وتويتر خلال الأيام المقبلة.",
        "وللحديث بقية.",
        "اقرأ أيضاً ما كتبه الوزير في مذكراته عن تلك الفترة الصعبة من تاريخ البلاد.",
        "العودة إلى أعلى مستوى من الإنتاج منذ عشر سنوات كانت هدف الشركة هذا العام.",
        "الرئيس",
    ],
)
def test_sentences_are_not_furniture(line: str) -> None:
    assert not is_share_line(line)
    assert not is_back_to_top(line)
    assert not is_related_header(line)
    assert not is_date_line(line)


def test_date_lines() -> None:
    assert is_date_line("اقتصاد2017/03/02 08:05")
    assert is_date_line("الأربعاء 11 يوليو 2018")
    assert not is_date_line("قتل 12 شخصا في 2018")


def test_related_header_in_the_middle_followed_by_long_text_is_kept() -> None:
    paragraphs = [BODY[0], "مقالات ذات صلة", BODY[1], BODY[2], BODY[0] + " " + BODY[1]]
    cleaned = strip_furniture(paragraphs, title="حملة تنظيف")
    assert cleaned.paragraphs == paragraphs and cleaned.removed == []


def test_known_title_repeated_after_a_label_and_date_is_removed() -> None:
    title = "حملة لتنظيف الشاطئ"
    paragraphs = ["بيئة", "2024/06/01 10:15", title, *BODY]
    cleaned = strip_furniture(paragraphs, title=title)
    assert cleaned.paragraphs == BODY
    assert cleaned.removed == ["بيئة", "2024/06/01 10:15", title]


def test_short_first_paragraph_is_kept_when_the_title_is_known() -> None:
    paragraphs = ["تونس (وكالات)", *BODY]
    assert strip_furniture(paragraphs, title="عنوان").paragraphs == paragraphs


def test_clean_body_is_untouched() -> None:
    cleaned = strip_furniture(["حملة لتنظيف الشاطئ", *BODY])
    assert cleaned.title == "حملة لتنظيف الشاطئ" and cleaned.paragraphs == BODY
    assert cleaned.removed == []


def test_inline_related_list_goes_but_the_text_after_it_stays() -> None:
    headlines = ["وزير الخارجية يزور العاصمة", "هل تنجح المفاوضات؟"]
    short_body = ["وكان الوزير قد درس الحقوق في الجامعة.", "وانتخب نائباً عام 1999."]
    paragraphs = [*BODY, "اقرأ أيضاً:", *headlines, *short_body]
    cleaned = strip_furniture(paragraphs, title="عنوان")
    assert cleaned.paragraphs == [*BODY, *short_body]
    assert cleaned.removed == ["اقرأ أيضاً:", *headlines]


def test_decoration_lines_go() -> None:
    cleaned = strip_furniture([BODY[0], "-----------", "* * *", BODY[1]], title="عنوان")
    assert cleaned.paragraphs == BODY[:2]


@pytest.mark.parametrize(
    "line",
    [
        "The post مهرجان التمور يعود appeared first on نشرة الواحة.",
        "ظهرت المقالة مهرجان التمور يعود أولاً على نشرة الواحة.",
        "تابع القراءة ←",
    ],
)
def test_feed_footers_at_the_end_go(line: str) -> None:
    cleaned = strip_furniture([*BODY, line], title="عنوان")
    assert cleaned.paragraphs == BODY and cleaned.removed == [line]


def test_notes_to_commenters_at_the_end_go_but_advice_stays() -> None:
    notices = [
        "نرحب بتعليقات القراء، ونراجعها قبل نشرها. ننصحك بقراءة شروط الاستخدام.",
        "الآراء الواردة أدناه لا تعبر عن رأي الموقع بل عن أصحابها.",
    ]
    cleaned = strip_furniture([*BODY, *notices], title="عنوان")
    assert cleaned.paragraphs == BODY and cleaned.removed == notices[::-1]
    advice = [
        "ننصحك بشرب الماء بكثرة في أيام الحر.",
        "وقال في تعليق نشره على حسابه إن الأمر انتهى.",
    ]
    assert strip_furniture([*BODY, *advice], title="عنوان").paragraphs == [*BODY, *advice]


def test_dates_printed_on_pages() -> None:
    from datetime import UTC, datetime

    from reader.ingest.furniture import date_from_line

    assert date_from_line("اقتصاد2017/03/02 08:05") == datetime(2017, 3, 2, 8, 5, tzinfo=UTC)
    assert date_from_line("الخميس ٠٢-٠٣-٢٠١٧") == datetime(2017, 3, 2, tzinfo=UTC)
    assert date_from_line("الأربعاء 11 يوليو 2018") == datetime(2018, 7, 11, tzinfo=UTC)
    assert date_from_line("11 تموز 2018") == datetime(2018, 7, 11, tzinfo=UTC)
    assert date_from_line("3 تشرين الثاني 2019") == datetime(2019, 11, 3, tzinfo=UTC)
    assert date_from_line("2 جوان 2017 - 10:30") == datetime(2017, 6, 2, 10, 30, tzinfo=UTC)
    assert date_from_line("2017/13/40") is None
    assert date_from_line("بلا تاريخ") is None

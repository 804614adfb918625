"""English and Arabic labels of the UI. Arabic labels are logical text: widgets lay them out."""

from __future__ import annotations

from typing import Literal

from reader.text import cell_width, layout_line

UiLang = Literal["en", "ar"]
BidiMode = Literal["app", "terminal"]
Align = Literal["auto", "left", "right"]

LABELS: dict[str, tuple[str, str]] = {
    # key: (English, Arabic)
    "app-title": ("akhbar", "أخبار"),
    "search-prompt": ("Search: ", "بحث: "),
    "search-placeholder": (
        "type / to search (e.g. روسيا, actor:بوتين)",
        "اضغط / للبحث",
    ),
    "articles": ("articles", "مقالة"),
    "unread": ("unread", "غير مقروءة"),
    "results": ("results", "نتيجة"),
    "filters": ("filters", "المرشحات"),
    "actors": ("Actors", "الفاعلون"),
    "places": ("Places", "الأماكن"),
    "sources": ("Sources", "المصادر"),
    "selected": ("Selected", "المختارة"),
    "no-tags": ("no tags", "لا وسوم"),
    "unread-only": ("unread only", "غير المقروءة فقط"),
    "starred-only": ("starred only", "المميزة فقط"),
    "searching": ("searching…", "جار البحث…"),
    "importing-demo": ("importing the demo articles…", "جار استيراد المقالات التجريبية…"),
    "demo-imported": ("demo archive imported", "استوردت المقالات التجريبية"),
    "demo-missing": ("no articles yet and no demo file", "لا مقالات بعد"),
    "no-results": ("no results", "لا نتائج"),
    "did-you-mean": ("did you mean", "هل تقصد"),
    "relaxed": ("no exact match: showing partial matches", "لا تطابق تام: نتائج جزئية"),
    "bidi-app": ("bidi: app", "الاتجاه: التطبيق"),
    "bidi-terminal": ("bidi: terminal", "الاتجاه: الطرفية"),
    "marked-read": ("marked read", "علمت كمقروءة"),
    "marked-unread": ("marked unread", "علمت كغير مقروءة"),
    "starred": ("starred", "مميزة"),
    "unstarred": ("star removed", "أزيلت النجمة"),
    "copied": ("article text copied", "نسخ نص المقالة"),
    "opened-url": ("opened in the browser", "فتح في المتصفح"),
    "no-url": ("this article has no web address", "لا رابط لهذه المقالة"),
    "no-article": ("no article selected", "لم تختر مقالة"),
    "sort-newest": ("newest first", "الأحدث أولا"),
    "sort-oldest": ("oldest first", "الأقدم أولا"),
    "sort-relevance": ("by relevance", "حسب الصلة"),
    "help-title": ("Keys", "المفاتيح"),
    "command-palette": ("Command palette", "لوحة الأوامر"),
    "help-close": ("Esc or q closes this screen", "Esc أو q لإغلاق هذه الشاشة"),
    "scope-app": ("Everywhere", "في كل مكان"),
    "scope-list": ("Article list", "قائمة المقالات"),
    "scope-article": ("Article", "المقالة"),
    "scope-search": ("Search bar", "شريط البحث"),
    "bidi-check-title": ("Which bidi mode is right?", "أي وضع اتجاه صحيح؟"),
    "bidi-saved": ("bidi mode saved", "حفظ وضع الاتجاه"),
    "error": ("error", "خطأ"),
}


def label(key: str, lang: UiLang) -> str:
    """The label in the UI language (logical order; lay it out before drawing)."""
    english, arabic = LABELS[key]
    return arabic if lang == "ar" else english


def fit(text: str, width: int, mode: BidiMode, *, align: Align = "auto") -> str:
    """One line of logical text as the screen shows it: shaped, visual order, exactly `width`.

    Cut at its logical end with an ellipsis when too wide; `auto` aligns by the paragraph's
    direction (RTL right), which is how every label of the Arabic UI is drawn.
    """
    if width <= 0:
        return ""
    line = layout_line(text, width, mode=mode)
    visual = line.text.strip(" ")
    pad = max(0, width - cell_width(visual))
    right = line.rtl if align == "auto" else align == "right"
    return " " * pad + visual if right else visual + " " * pad

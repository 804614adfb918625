"""Page furniture left in saved pages and corpora: section labels, a repeated title, share and
back-to-top lines, "related articles" lists. General rules on short lines, not per-site lists.

A line is furniture only when it is short and shaped like a page's interface (words of the
interface vocabulary, a breadcrumb, a bare date); body paragraphs are never touched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0300-\u036f]")
_NON_WORD = re.compile(r"[^\w©]|_")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_TERMINAL = tuple(".!?؟!:؛…")
_BREADCRUMB = re.compile(r"[»›>|/\\-]")

_RELATED = re.compile(
    r"^(?:(?:مقالات|اخبار|مواضيع|موضوعات|تقارير|قصص|روابط|مواد)\s+(?:ذات\s+صله|متعلقه|مشابهه|مقترحه)"
    r"|(?:ذات\s+صله)"
    r"|(?:اقرا|شاهد|طالع|تابع)\s+(?:ايضا|المزيد|كذلك)"
    r"|(?:قد\s+يهمك|يهمك|لا\s+تفوتك|الاكثر\s+(?:قراءه|مشاهده|تداولا)|المزيد\s+من\s+\S+)"
    r"(?:\s+(?:ايضا|كذلك))?"
    r"|(?:related(?:\s+\w+)?|read\s+(?:more|also)|see\s+also|more\s+(?:from|on)\s+\w+"
    r"|you\s+may\s+also\s+like|most\s+(?:read|popular))"
    r")$"
)
_BACK_TO_TOP = re.compile(
    r"(?:(?:زر\s+)?(?:الذهاب|العوده|الرجوع|انتقل|اذهب|عوده|رجوع|الانتقال)\s+(?:الي\s+)?"
    r"(?:لل|ال)?اعلي"
    r"|اعلي\s+الصفحه|(?:back|scroll|go|return)\s+to\s+(?:the\s+)?top|top\s+of\s+(?:the\s+)?page)"
)
_SHARE_WORDS = frozenset(
    [
        "شارك",
        "شاركها",
        "شاركوا",
        "مشاركه",
        "المشاركه",
        "انشر",
        "نشر",
        "عبر",
        "على",
        "علي",
        "في",
        "الخبر",
        "المقال",
        "هذا",
        "هذه",
        "فيسبوك",
        "فيس",
        "بوك",
        "الفيسبوك",
        "تويتر",
        "تويتير",
        "واتساب",
        "واتس",
        "اب",
        "الواتساب",
        "تيليجرام",
        "تلغرام",
        "تليجرام",
        "لينكدان",
        "لينكد",
        "ان",
        "انستغرام",
        "انستجرام",
        "يوتيوب",
        "جوجل",
        "بلس",
        "ماسنجر",
        "سناب",
        "شات",
        "بريد",
        "البريد",
        "الالكتروني",
        "ايميل",
        "طباعه",
        "اطبع",
        "الرابط",
        "نسخ",
        "رابط",
        "حفظ",
        "تغريد",
        "غرد",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "linkedin",
        "instagram",
        "youtube",
        "pinterest",
        "reddit",
        "messenger",
        "email",
        "e-mail",
        "mail",
        "print",
        "share",
        "shares",
        "tweet",
        "copy",
        "link",
        "save",
        "google",
        "on",
        "via",
        "this",
        "article",
    ]
)
_COPYRIGHT = re.compile(r"(?:©|جميع\s+الحقوق\s+محفوظه|all\s+rights\s+reserved|copyright)")
_DATE_TOKEN = re.compile(r"^[\d٠-٩/:.\-,،]+$")
_MONTHS = frozenset(
    [
        "يناير",
        "فبراير",
        "مارس",
        "ابريل",
        "مايو",
        "يونيو",
        "يوليو",
        "اغسطس",
        "سبتمبر",
        "اكتوبر",
        "نوفمبر",
        "ديسمبر",
        "كانون",
        "شباط",
        "اذار",
        "نيسان",
        "ايار",
        "حزيران",
        "تموز",
        "اب",
        "ايلول",
        "تشرين",
        "الثاني",
        "الاول",
        "جانفي",
        "فيفري",
        "افريل",
        "ماي",
        "جوان",
        "جويليه",
        "اوت",
        "السبت",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "صباحا",
        "مساء",
        "ص",
        "م",
        "am",
        "pm",
        "gmt",
        "utc",
    ]
)


def normalise_line(text: str) -> str:
    """Casefolded, without diacritics or punctuation, Arabic letter variants folded."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    text = _MARKS.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def _short(text: str, words: int) -> bool:
    """Cheap test before normalising: at most `words` words."""
    return len(text) < 40 * words and len(text.split()) <= words


def _words(text: str) -> list[str]:
    return normalise_line(text).split()


def is_share_line(text: str) -> bool:
    if not _short(text, 12):
        return False
    words = _words(text)
    if not words or len(words) > 10:
        return False
    share = sum(1 for word in words if word in _SHARE_WORDS)
    return share >= max(1, 0.75 * len(words)) and any(
        word not in {"عبر", "على", "علي", "في", "هذا", "هذه", "on", "via", "this"} for word in words
    )


def is_back_to_top(text: str) -> bool:
    if not _short(text, 8):
        return False
    words = _words(text)
    return 0 < len(words) <= 7 and _BACK_TO_TOP.search(" ".join(words)) is not None


def is_related_header(text: str) -> bool:
    if not _short(text, 6):
        return False
    words = _words(text)
    return 0 < len(words) <= 5 and _RELATED.match(" ".join(words)) is not None


_FEED_FOOTER = re.compile(
    r"^(?:the\s+post\s+.+\s+appeared\s+first\s+on\s+.+"
    r"|ظهر(?:ت)?\s+(?:المقاله|المقال|التدوينه|الخبر|المشاركه)\s+.+\s+اولا\s+(?:على|علي)\s+.+"
    r"|(?:continue\s+reading|تابع\s+القراءه|اكمل\s+القراءه|واصل\s+القراءه)(?:\s+.{0,40})?)$"
)


def is_feed_footer(text: str) -> bool:
    """The line blog software appends to feed items ("The post X appeared first on Y")."""
    return _short(text, 40) and _FEED_FOOTER.match(normalise_line(text)) is not None


_READER_ADDRESS = re.compile(
    r"ننصحك|نرجو منك|تعليقك|تعليقاتك|مشاركاتك|نرحب بتعليقات|يرجي الالتزام|ادناه لا تعبر"
    r"|your comments?|comments are (?:moderated|reviewed)|views expressed"
)
_COMMENT_WORDS = re.compile(r"تعليق|التعليقات|مشاركات|الاراء|النقاش|comment|views")


def is_comment_notice(text: str) -> bool:
    """A site's note to commenters ("comments are reviewed", "views below are not ours")."""
    if not _short(text, 60):
        return False
    line = normalise_line(text)
    return _READER_ADDRESS.search(line) is not None and _COMMENT_WORDS.search(line) is not None


def is_copyright(text: str) -> bool:
    if not _short(text, 16):
        return False
    words = _words(text)
    return 0 < len(words) <= 14 and _COPYRIGHT.search(normalise_line(text) + text) is not None


def is_date_line(text: str) -> bool:
    """A line that is only a date and time, perhaps after a one-word section label."""
    if not _short(text, 8):
        return False
    tokens = re.split(r"[\s]+|(?<=\D)(?=\d)", text.strip())
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 8:
        return False
    dateish = sum(1 for t in tokens if _DATE_TOKEN.match(t) or normalise_line(t) in _MONTHS)
    return dateish >= max(2, len(tokens) - 1) and any(c.isdigit() for c in text)


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_YMD = re.compile(r"(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")


# Month names as `normalise_line` leaves them (hamza and ta marbuta folded).
MONTH_NUMBERS = {
    **dict.fromkeys(["يناير", "كانون الثاني", "جانفي"], 1),
    **dict.fromkeys(["فبراير", "شباط", "فيفري"], 2),
    **dict.fromkeys(["مارس", "اذار"], 3),
    **dict.fromkeys(["ابريل", "نيسان", "افريل"], 4),
    **dict.fromkeys(["مايو", "ايار", "ماي"], 5),
    **dict.fromkeys(["يونيو", "حزيران", "جوان"], 6),
    **dict.fromkeys(["يوليو", "تموز", "جويليه", "جويلية"], 7),
    **dict.fromkeys(["اغسطس", "اب", "اوت"], 8),
    **dict.fromkeys(["سبتمبر", "ايلول"], 9),
    **dict.fromkeys(["اكتوبر", "تشرين الاول"], 10),
    **dict.fromkeys(["نوفمبر", "تشرين الثاني"], 11),
    **dict.fromkeys(["ديسمبر", "كانون الاول"], 12),
}
_NAMED_DATE = re.compile(
    r"(?<!\d)(\d{1,2}) ("
    + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
    + r") (\d{4})(?!\d)"
)


def date_from_line(text: str) -> datetime | None:
    """The date (and time) a page prints: `2017/03/02 08:05`, `02-03-2017`, `11 يوليو 2018`,
    `11 تموز 2018`, `2 جوان 2017` (Egyptian, Levantine and Maghrebi month names).

    The zone is unknown; it is taken as UTC so every stored time stays comparable."""
    text = text.translate(_DIGITS)
    ymd = _YMD.search(text)
    dmy = _DMY.search(text)
    named = _NAMED_DATE.search(normalise_line(text))
    if ymd:
        year, month, day = (int(part) for part in ymd.groups())
    elif dmy:
        day, month, year = (int(part) for part in dmy.groups())
    elif named:
        day, month, year = int(named.group(1)), MONTH_NUMBERS[named.group(2)], int(named.group(3))
    else:
        return None
    clock = _CLOCK.search(text)
    hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (0, 0)
    try:
        return datetime(year, month, day, hour, minute, tzinfo=UTC)
    except ValueError:
        return None


def is_breadcrumb(text: str) -> bool:
    if not _short(text, 12):
        return False
    words = _words(text)
    return 1 < len(words) <= 10 and len(_BREADCRUMB.findall(text)) >= 2


def _is_label(text: str, following: str) -> bool:
    """A section label: one to three words without sentence punctuation, before a longer
    line that looks like a title (at most 25 words, not ending a sentence)."""
    words = text.split()
    following_words = following.split()
    return (
        0 < len(words) <= 3
        and not text.rstrip().endswith(_TERMINAL)
        and len(words) < len(following_words) <= 25
        and not following.rstrip().endswith(_TERMINAL)
    )


def _is_furniture_anywhere(text: str) -> bool:
    return is_decoration(text) or is_share_line(text) or is_back_to_top(text)


@dataclass(slots=True)
class Cleaned:
    """The title, the body paragraphs kept, and every line removed (for measurement)."""

    title: str
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)


def _is_headline(text: str) -> bool:
    """A line shaped like a linked headline: short, not ending a sentence with a period."""
    return len(text.split()) <= 20 and not text.rstrip().endswith((".", "…", ":"))


def _cut_related_lists(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Drop each "related articles" header with the run of headlines right after it."""
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if index > 0 and is_related_header(paragraph):
            end = index + 1
            while end < len(paragraphs) and end - index <= 8 and _is_headline(paragraphs[end]):
                end += 1
            # A header with nothing after it counts only at the very end of the text.
            if end > index + 1 or end == len(paragraphs):
                removed.extend(paragraphs[index:end])
                index = end
                continue
        kept.append(paragraph)
        index += 1
    return kept


def is_decoration(text: str) -> bool:
    """A rule or ornament: no letter and no digit at all."""
    return not any(char.isalnum() for char in text)


def strip_furniture(paragraphs: list[str], *, title: str | None = None) -> Cleaned:
    """Find the title (the first meaningful line when `title` is None) and remove furniture."""
    removed: list[str] = []
    kept: list[str] = []
    for paragraph in paragraphs:
        (removed if _is_furniture_anywhere(paragraph) else kept).append(paragraph)
    kept = _cut_related_lists(kept, removed)
    while kept and (
        is_copyright(kept[-1]) or is_feed_footer(kept[-1]) or is_comment_notice(kept[-1])
    ):
        removed.append(kept.pop())

    # The top of the page: breadcrumbs, bare dates and section labels before the title.
    def drop_top_furniture(items: list[str]) -> list[str]:
        while items:
            first = items[0]
            following = items[1] if len(items) > 1 else ""
            if (
                is_breadcrumb(first)
                or is_date_line(first)
                or (following and _is_label(first, following))
            ):
                removed.append(items.pop(0))
            else:
                break
        return items

    if title is None:
        kept = drop_top_furniture(kept)
        if not kept:
            return Cleaned("", [], removed)
        title = kept.pop(0)
    title_key = normalise_line(title)
    # The title again at the top of the body (perhaps after a label or a date line).
    head = kept[:4]
    if any(normalise_line(p) == title_key for p in head):
        while kept and normalise_line(kept[0]) != title_key:
            if is_date_line(kept[0]) or _is_label(kept[0], title) or is_breadcrumb(kept[0]):
                removed.append(kept.pop(0))
            else:
                break
        while kept and normalise_line(kept[0]) == title_key:
            removed.append(kept.pop(0))
    else:
        while len(kept) > 1 and (is_breadcrumb(kept[0]) or is_date_line(kept[0])):
            removed.append(kept.pop(0))
    return Cleaned(title, kept, removed)

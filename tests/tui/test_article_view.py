"""ArticleView in a tiny App: rendered rows are the text engine's lines, hits light exact cells."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest
from rich.cells import get_character_cell_size
from textual.app import App, ComposeResult
from textual.strip import Strip

from reader.models import Article, StoredArticle, Tags
from reader.search.analysis import analyze
from reader.search.highlight import find_hits
from reader.text import layout
from reader.tui.widgets import article_view as article_view_module
from reader.tui.widgets.article_view import ArticleView

# Written for these tests: mixed numbers, a Latin name, a URL, brackets, a hashtag.
TITLE = "وزير الاقتصاد يزور القاهرة لبحث التعاون التجاري"
PARAGRAPHS = (
    "أعلن وزير الاقتصاد يوم الأحد 12 مايو 2024 أنه سيزور القاهرة لمدة ثلاثة أيام، في أول "
    "زيارة رسمية له منذ عامين، وسيلتقي خلالها عددا من المسؤولين ورجال الأعمال.",
    "وقال المتحدث باسم الوزارة (أحمد سالم) إن المحادثات ستتناول التجارة والطاقة والنقل، "
    "وإن حجم التبادل بلغ 45.5% من الهدف المعلن في بداية العام.",
    "ونقلت وكالة Reuters عن مسؤول قوله إن النتائج ستنشر على الموقع "
    "https://example.com/news?id=42 خلال أيام قليلة.",
    "#القاهرة_اليوم وسم انتشر على مواقع التواصل بعد الإعلان، وشارك فيه أكثر من 10,000 "
    "مستخدم خلال ساعتين فقط.",
)
ARTICLE = Article(
    id="test-cairo-visit",
    title=TITLE,
    paragraphs=PARAGRAPHS,
    source="akhbar-tests",
    published=datetime(2024, 5, 12, 9, 30, tzinfo=UTC),
)
STORED = StoredArticle(ARTICLE, Tags(actors=("أحمد سالم",), places=("القاهرة",)))


def long_article(paragraph_count: int) -> StoredArticle:
    paragraphs = tuple(
        f"الفقرة رقم {n} من خبر طويل كتب للاختبار، وفيها كلمات كثيرة تتكرر لتملأ السطور "
        f"حتى يلتف النص على عدة أسطر في كل عرض، ثم تنتهي الفقرة {n}."
        for n in range(paragraph_count)
    )
    return StoredArticle(Article(id=f"long-{paragraph_count}", title=TITLE, paragraphs=paragraphs))


class ViewApp(App[None]):
    CSS = "ArticleView { height: 1fr; }"

    def __init__(self, bidi_mode: str = "app") -> None:
        super().__init__()
        self.bidi_mode = bidi_mode

    def compose(self) -> ComposeResult:
        yield ArticleView(bidi_mode="terminal" if self.bidi_mode == "terminal" else "app")


def expected_rows(stored: StoredArticle, width: int, mode: str = "app") -> list[str]:
    """Body rows as the engine lays them out: each paragraph's lines, a blank row between."""
    rows: list[str] = []
    for index, paragraph in enumerate(stored.article.paragraphs):
        rows.extend(line.text for line in layout(paragraph, width, mode=mode))  # type: ignore[arg-type]
        if index + 1 < len(stored.article.paragraphs):
            rows.append("")
    return rows


def body_start(view: ArticleView) -> int:
    return next(i for i, row in enumerate(view.rows) if row.part == "body")


def marked_columns(strip: Strip) -> set[int]:
    """Columns drawn in reverse video (the hit style; nothing else in the view is reversed)."""
    columns: set[int] = set()
    column = 0
    for segment in strip:
        width = sum(get_character_cell_size(c) for c in segment.text)
        if segment.style is not None and segment.style.reverse:
            columns.update(range(column, column + width))
        column += width
    return columns


def norm(text: str) -> str:
    """Fold shaping so a visual string read right to left compares with logical text."""
    out = []
    for character in text:
        folded = unicodedata.normalize("NFKC", character)
        if len(folded) > 1 and unicodedata.bidirectional(character) in ("AL", "R"):
            folded = folded[::-1]
        out.append(folded)
    return "".join(
        c for c in "".join(out) if unicodedata.category(c) not in ("Cf", "Mn", "Me")
    ).strip()


async def test_rows_are_the_engine_lines_at_the_content_width() -> None:
    app = ViewApp()
    async with app.run_test(size=(50, 40)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(STORED)
        await pilot.pause()
        width = view.scrollable_content_region.width
        assert view.layout_width == width
        first = body_start(view)
        body = [row.line.text if row.line else "" for row in view.rows[first:]]
        assert body == expected_rows(STORED, width)
        assert [row.line.text for row in view.rows[:first] if row.line and row.part == "title"] == [
            line.text for line in layout(TITLE, width)
        ]
        for y in range(view.scrollable_content_region.height):
            rendered = view.render_line(y).text
            assert sum(map(get_character_cell_size, rendered)) == width
            if y < len(view.rows) and view.rows[y].part in ("title", "body"):
                line = view.rows[y].line
                assert line is not None
                assert rendered.rstrip(" ") == line.text.rstrip(" ")


async def test_header_has_source_date_and_tags() -> None:
    app = ViewApp()
    async with app.run_test(size=(70, 30)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(STORED)
        await pilot.pause()
        parts = [row.part for row in view.rows]
        assert parts[0] == "title"
        assert "meta" in parts and "tags" in parts
        meta_row = parts.index("meta")
        assert "akhbar-tests" in view.render_line(meta_row).text
        assert "2024-05-12" in view.render_line(meta_row).text
        assert view.rows[body_start(view) - 1].part == "blank"


async def test_search_hits_light_exactly_their_cells() -> None:
    app = ViewApp()
    async with app.run_test(size=(44, 60)) as pilot:
        view = app.query_one(ArticleView)
        terms = ["القاهرة"]
        view.show_article(STORED, terms=terms)
        await pilot.pause()
        analysed = {term for word in terms for term, _, _ in analyze(word)}
        body_hits = find_hits(ARTICLE.body, analysed)
        title_hits = find_hits(ARTICLE.title, analysed)
        assert body_hits and title_hits
        seen_title = seen_body = 0
        for y, row in enumerate(view.rows):
            strip = view.render_line(y)
            marked = marked_columns(strip)
            if row.line is None or row.part not in ("title", "body"):
                assert not marked
                continue
            hits = title_hits if row.part == "title" else body_hits
            expected: set[int] = set()
            for start, end in hits:
                for a, b in row.line.columns_for_span(
                    start - row.field_offset, end - row.field_offset
                ):
                    expected.update(range(a, b))
            assert marked == expected, f"row {y}"
            if marked:
                # Independent check: the lit cells, read right to left, spell the logical hit.
                text = strip.text
                cells = "".join(text[c] for c in sorted(marked, reverse=True))
                source = ARTICLE.title if row.part == "title" else ARTICLE.body
                spelled = {norm(source[s:e]) for s, e in hits}
                assert norm(cells) in spelled
                if row.part == "title":
                    seen_title += 1
                else:
                    seen_body += 1
        assert seen_title >= 1 and seen_body >= 1


async def test_resize_rewraps_to_the_new_width() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 40)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(STORED)
        await pilot.pause()
        wide = view.layout_width
        await pilot.resize_terminal(34, 40)
        await pilot.pause()
        narrow = view.scrollable_content_region.width
        assert narrow < wide and view.layout_width == narrow
        first = body_start(view)
        assert [r.line.text if r.line else "" for r in view.rows[first:]] == expected_rows(
            STORED, narrow
        )
        for y in range(view.scrollable_content_region.height):
            assert sum(map(get_character_cell_size, view.render_line(y).text)) == narrow


async def test_scrollbar_takes_its_columns_from_the_layout() -> None:
    app = ViewApp()
    async with app.run_test(size=(50, 12)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(long_article(30))
        await pilot.pause()
        assert view.show_vertical_scrollbar
        assert view.layout_width == view.content_region.width - view.styles.scrollbar_size_vertical
        short = StoredArticle(Article(id="short", title="خبر قصير", paragraphs=("سطر واحد.",)))
        view.show_article(short)
        await pilot.pause()
        await pilot.pause()
        assert not view.show_vertical_scrollbar
        assert view.layout_width == view.content_region.width


async def test_keys_scroll_the_article() -> None:
    app = ViewApp()
    async with app.run_test(size=(50, 12)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(long_article(30))
        view.focus()
        await pilot.pause()
        height = view.scrollable_content_region.height
        await pilot.press("j")
        await pilot.pause()
        assert view.scroll_offset.y == 1
        await pilot.press("k")
        await pilot.pause()
        assert view.scroll_offset.y == 0
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_offset.y == height
        first_visible = view.rows[height]
        assert first_visible.line is None or view.render_line(0).text.rstrip() == (
            first_visible.line.text.rstrip()
        )
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == len(view.rows) - height
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_offset.y == 0
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert view.scroll_offset.y == 0


async def test_terminal_mode_uses_logical_lines() -> None:
    app = ViewApp(bidi_mode="terminal")
    async with app.run_test(size=(50, 40)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(STORED)
        await pilot.pause()
        width = view.layout_width
        first = body_start(view)
        rows = [r.line.text if r.line else "" for r in view.rows[first:]]
        assert rows == expected_rows(STORED, width, "terminal")
        # Switching at run time lays out again in visual order.
        view.bidi_mode = "app"
        await pilot.pause()
        rows = [r.line.text if r.line else "" for r in view.rows[body_start(view) :]]
        assert rows == expected_rows(STORED, view.layout_width, "app")


async def test_logical_text_is_the_unshaped_source() -> None:
    app = ViewApp()
    async with app.run_test(size=(50, 20)) as pilot:
        view = app.query_one(ArticleView)
        assert view.logical_text() == ""
        view.show_article(STORED)
        await pilot.pause()
        text = view.logical_text()
        assert text.startswith(TITLE + "\n")
        assert all(paragraph in text for paragraph in PARAGRAPHS)
        assert not any("\ufb50" <= c <= "\ufeff" for c in text)  # no presentation forms
        assert view.article_id == ARTICLE.id
        view.clear()
        await pilot.pause()
        assert view.article_id is None and view.logical_text() == ""
        assert view.render_line(0).text.strip() == ""


async def test_layouts_are_cached_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = article_view_module.layout

    def counting(text: str, width: int, *, mode: str = "app") -> list:  # type: ignore[type-arg]
        calls.append(width)
        return real(text, width, mode=mode)  # type: ignore[arg-type]

    monkeypatch.setattr(article_view_module, "layout", counting)
    app = ViewApp()
    async with app.run_test(size=(50, 40)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(STORED)
        await pilot.pause()
        first = len(calls)
        assert first > 0
        other = StoredArticle(Article(id="other", title="خبر آخر", paragraphs=("نص قصير.",)))
        view.show_article(other)
        await pilot.pause()
        view.show_article(STORED)
        await pilot.pause()
        after_other = len(calls)
        view.show_article(STORED)
        await pilot.pause()
        assert len(calls) == after_other


async def test_long_layout_finishes_in_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_view_module, "LAYOUT_BUDGET_S", 0.0)
    app = ViewApp()
    async with app.run_test(size=(50, 20)) as pilot:
        view = app.query_one(ArticleView)
        stored = long_article(200)
        view.show_article(stored)
        # The first paragraph is on screen at once; the rest arrives from the worker.
        assert not view.layout_complete
        assert any(row.part == "body" for row in view.rows)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.layout_complete
        rows = [r.line.text if r.line else "" for r in view.rows[body_start(view) :]]
        assert rows == expected_rows(stored, view.layout_width)


async def test_control_sequences_never_reach_the_screen() -> None:
    hostile = StoredArticle(
        Article(
            id="hostile",
            title="عنوان \x1b[31mأحمر\x1b[0m \u202eمقلوب\u202c",
            paragraphs=("نص \x1b]0;title\x07 فيه \x9b2J تسلسلات \x07 خطرة.",),
            source="evil\x1b[2J",
        )
    )
    app = ViewApp()
    async with app.run_test(size=(50, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(hostile)
        await pilot.pause()
        for y in range(len(view.rows)):
            text = view.render_line(y).text
            assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in text), repr(text)


async def test_selection_copies_logical_text() -> None:
    from textual.geometry import Offset
    from textual.selection import Selection

    app = ViewApp()
    async with app.run_test(size=(80, 40)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(STORED)
        await pilot.pause()
        assert view.rows[0].part == "title" and view.rows[1].part != "title"
        # The whole title row, dragged right to left over its visual cells: the logical title.
        title_row = view.get_selection(
            Selection.from_offsets(Offset(view.layout_width, 0), Offset(0, 0))
        )
        assert title_row is not None and title_row[0] == TITLE
        everything = view.get_selection(Selection(None, None))
        assert everything is not None

        def words(text: str) -> list[str]:
            return text.replace("\u200e", "").replace("\u200f", "").split()

        assert words(everything[0]) == words(view.logical_text())


async def test_several_hits_on_one_row_are_separate_ranges() -> None:
    stored = StoredArticle(
        Article(
            id="two-hits",
            title="خبر",
            paragraphs=("زار الوفد القاهرة أمس ثم عاد إلى القاهرة اليوم بعد جولة قصيرة.",),
        )
    )
    app = ViewApp()
    async with app.run_test(size=(90, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_article(stored, terms=["القاهرة"])
        await pilot.pause()
        row = body_start(view)
        lit = sorted(marked_columns(view.render_line(row)))
        runs: list[list[int]] = []
        for column in lit:
            if runs and runs[-1][-1] == column - 1:
                runs[-1].append(column)
            else:
                runs.append([column])
        assert len(runs) == 2
        text = view.render_line(row).text
        for run in runs:
            assert norm("".join(text[c] for c in reversed(run))) == "القاهرة"

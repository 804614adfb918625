"""ArticleList in a tiny App: virtual rows, engine-laid titles, cursor, messages, marks, sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.cells import cell_len
from textual.app import App, ComposeResult

from reader.models import Article, ArticleSummary, SearchHit
from reader.store.archive import Archive
from reader.text import layout_line
from reader.tui.sources import ArchiveSource, ListSource, ResultSource
from reader.tui.widgets.article_list import ArticleList, row_columns

BASE_DATE = datetime(2024, 1, 1, tzinfo=UTC)
TITLES = (
    "انخفاض أسعار النفط بعد قرار أوبك",
    "فوز المنتخب في المباراة النهائية 3-1",
    "Apple تطلق هاتفا جديدا في دبي",
    "مؤتمر المناخ يختتم أعماله في الرباط",
)


class FakeSource:
    """A synthetic source of any length that counts what the list asks for."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.requests: list[tuple[int, int]] = []

    def __len__(self) -> int:
        return self.length

    def summary(self, index: int) -> ArticleSummary:
        return ArticleSummary(
            id=f"row-{index}",
            title=f"{TITLES[index % len(TITLES)]} رقم {index}",
            source="akhbar-tests",
            published=BASE_DATE - timedelta(hours=index),
            read=index % 3 == 0,
            starred=index % 5 == 0,
        )

    def rows(self, start: int, stop: int) -> Sequence[ArticleSummary]:
        self.requests.append((start, stop))
        return [self.summary(i) for i in range(start, min(stop, self.length))]

    def refresh_rows(self) -> None:
        pass


class ListApp(App[None]):
    CSS = "ArticleList { height: 1fr; }"

    def __init__(self, source: ListSource, ui_lang: str = "en") -> None:
        super().__init__()
        self.source = source
        self.ui_lang = ui_lang
        self.messages: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(self.source, ui_lang=self.ui_lang)

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.messages.append(("highlighted", message.article_id))

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        self.messages.append(("selected", message.article_id))


def title_cells(article_list: ArticleList, y: int) -> str:
    width = article_list.scrollable_content_region.width
    start, title_width = row_columns(width, article_list.ui_lang == "ar").title
    return article_list.render_line(y).text[start : start + title_width]


async def test_hundred_thousand_rows_fetch_only_what_is_shown() -> None:
    source = FakeSource(100_000)
    app = ListApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        assert len(article_list) == 100_000
        assert article_list.virtual_size.height == 100_000
        # One page (a few hundred rows at most) was read for the first screen.
        assert sum(stop - start for start, stop in source.requests) <= 200
        article_list.focus()
        await pilot.press("G")
        await pilot.pause()
        assert article_list.cursor == 99_999
        assert article_list.current_id == "row-99999"
        assert len(source.requests) <= 3
        last_y = article_list.cursor - article_list.scroll_offset.y
        assert "99999" in article_list.render_line(last_y).text
        await pilot.press("g")
        await pilot.pause()
        assert article_list.cursor == 0 and article_list.scroll_offset.y == 0


async def test_row_shows_marks_engine_title_source_and_date() -> None:
    source = FakeSource(50)
    app = ListApp(source)
    async with app.run_test(size=(80, 10)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        width = article_list.scrollable_content_region.width
        plan = row_columns(width, mirrored=False)
        for y in range(5):
            summary = source.summary(y)
            text = article_list.render_line(y).text
            assert cell_len(text) == width
            assert text[0] == (" " if summary.read else "●")
            assert text[1] == ("★" if summary.starred else " ")
            expected = layout_line(summary.title, plan.title[1]).text
            assert title_cells(article_list, y).strip() == expected.strip()
            assert text[plan.source[0] : plan.source[0] + 12] == "akhbar-tests"
            assert text.endswith(summary.published.strftime("%Y-%m-%d"))  # type: ignore[union-attr]


async def test_long_title_is_cut_at_its_logical_end_with_an_ellipsis() -> None:
    long_title = "عاجل: " + " ".join(["اجتماع طارئ لمجلس الأمن لبحث الأوضاع في المنطقة"] * 4)
    source = ResultSource(
        [SearchHit(id="long", title=long_title, source="s", published=BASE_DATE, score=1.0)]
    )
    app = ListApp(source)
    async with app.run_test(size=(60, 6)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        title_width = row_columns(article_list.scrollable_content_region.width, False).title[1]
        expected = layout_line(long_title, title_width)
        assert "…" in expected.text
        assert title_cells(article_list, 0).strip() == expected.text.strip()
        # RTL title: the logical end (the ellipsis) is the leftmost visible character.
        assert title_cells(article_list, 0).strip().startswith("…")
        # The logical start (عاجل:) sits at the right edge, shaped: compare after folding.
        assert title_cells(article_list, 0).rstrip()[-1] != "…"


async def test_arabic_ui_mirrors_the_columns() -> None:
    source = FakeSource(10)
    app = ListApp(source, ui_lang="ar")
    async with app.run_test(size=(80, 8)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        width = article_list.scrollable_content_region.width
        plan = row_columns(width, mirrored=True)
        assert plan.date[0] == 0 and plan.marks[0] + plan.marks[1] == width
        summary = source.summary(0)
        text = article_list.render_line(0).text
        assert text.startswith(summary.published.strftime("%Y-%m-%d"))  # type: ignore[union-attr]
        # Unread mark at the far right (the start of an RTL row), star beside it.
        assert text[-1] == (" " if summary.read else "●")
        assert text[-2] == ("★" if summary.starred else " ")
        expected = layout_line(summary.title, plan.title[1]).text
        assert title_cells(article_list, 0).strip() == expected.strip()


async def test_cursor_messages_and_highlight() -> None:
    source = FakeSource(100)
    app = ListApp(source)
    async with app.run_test(size=(80, 10)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.focus()
        await pilot.pause()
        assert article_list.cursor == 0
        cursor_bg = article_list.render_line(0)._segments[0].style
        other_bg = article_list.render_line(1)._segments[0].style
        assert cursor_bg is not None and other_bg is not None
        assert cursor_bg.bgcolor != other_bg.bgcolor
        await pilot.press("j", "j", "down")
        await pilot.pause()
        assert article_list.cursor == 3
        assert ("highlighted", "row-3") in app.messages
        await pilot.press("k")
        await pilot.press("enter")
        await pilot.pause()
        assert app.messages[-1] == ("selected", "row-2")
        height = article_list.scrollable_content_region.height
        await pilot.press("pagedown")
        await pilot.pause()
        assert article_list.cursor == 2 + height
        assert (
            article_list.scroll_offset.y
            <= article_list.cursor
            < (article_list.scroll_offset.y + height)
        )
        await pilot.press("pageup")
        await pilot.pause()
        assert article_list.cursor == 2
        article_list.select_index(10_000)
        assert article_list.cursor == 99


async def test_mark_updates_the_row_in_place() -> None:
    source = FakeSource(20)
    app = ListApp(source)
    async with app.run_test(size=(80, 10)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        requests = len(source.requests)
        assert article_list.render_line(1).text[:2] == "● "
        article_list.mark("row-1", read=True, starred=True)
        await pilot.pause()
        assert article_list.render_line(1).text[:2] == " ★"
        article_list.mark("row-1", starred=False)
        assert article_list.render_line(1).text[:2] == "  "
        assert len(source.requests) == requests


async def test_result_source_keeps_relevance_order_and_marks() -> None:
    hits = [
        SearchHit(id=f"h{i}", title=TITLES[i], source="s", published=BASE_DATE, score=10 - i)
        for i in range(4)
    ]
    source = ResultSource(hits)
    assert len(source) == 4
    assert [row.id for row in source.rows(0, 10)] == ["h0", "h1", "h2", "h3"]
    source.update("h2", read=True)
    assert source.rows(2, 3)[0].read


def _article(n: int) -> Article:
    return Article(
        id=f"a{n}",
        title=f"{TITLES[n % len(TITLES)]} {n}",
        paragraphs=(f"نص الخبر رقم {n}.",),
        source="akhbar-tests",
        published=BASE_DATE + timedelta(days=n),
    )


def test_archive_source_pages_newest_first(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "archive") as archive:
        for n in range(30):
            archive.upsert(_article(n), original=None, origin="test")
        archive.set_read("a29", True)
        archive.set_starred("a3", True)
        archive.set_starred("a7", True)

    source = ArchiveSource(lambda: Archive.open(tmp_path / "archive"))
    assert len(source) == 30
    assert [row.id for row in source.rows(0, 3)] == ["a29", "a28", "a27"]
    assert [row.id for row in source.rows(28, 40)] == ["a1", "a0"]
    unread = ArchiveSource(lambda: Archive.open(tmp_path / "archive"), unread_only=True)
    assert len(unread) == 29 and unread.rows(0, 1)[0].id == "a28"
    starred = ArchiveSource(lambda: Archive.open(tmp_path / "archive"), starred_only=True)
    assert len(starred) == 2 and [r.id for r in starred.rows(0, 5)] == ["a7", "a3"]
    ids = ResultSource(["a5", "missing", "a1"], lambda: Archive.open(tmp_path / "archive"))
    assert [row.id for row in ids.rows(0, 3)] == ["a5", "missing", "a1"]
    assert ids.rows(0, 1)[0].title == _article(5).title


async def test_archive_source_in_the_widget(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "archive") as archive:
        for n in range(5):
            archive.upsert(_article(n), original=None, origin="test")
    app = ListApp(ArchiveSource(lambda: Archive.open(tmp_path / "archive")))
    async with app.run_test(size=(80, 10)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        assert article_list.current_id == "a4"
        with Archive.open(tmp_path / "archive") as archive:
            archive.upsert(_article(9), original=None, origin="test")
        article_list.refresh_rows()
        assert len(article_list) == 6
        assert article_list.summary_at(0).id == "a9"  # type: ignore[union-attr]


async def test_click_moves_the_cursor_and_a_second_click_opens() -> None:
    source = FakeSource(30)
    app = ListApp(source)
    async with app.run_test(size=(80, 10)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        await pilot.click(ArticleList, offset=(10, 2))
        await pilot.pause()
        assert article_list.cursor == 2
        assert ("selected", "row-2") not in app.messages
        await pilot.click(ArticleList, offset=(10, 2))
        await pilot.pause()
        assert app.messages[-1] == ("selected", "row-2")

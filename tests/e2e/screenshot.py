"""Make the README screenshot: the real app on the demo archive, a search, the best hit open.

    .venv/bin/python tests/e2e/screenshot.py OUT.svg [--query WORD] [--size 120x34]

Convert the SVG with a renderer that does not re-apply bidi to Textual's visual-order text
(the shared `svg-to-png` tool), e.g. `svg-to-png OUT.svg assets/screenshot.png`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from pathlib import Path

from reader.tui.app import AkhbarApp
from reader.tui.settings import UiSettings
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView


async def shoot(out: Path, query: str, size: tuple[int, int], ui_lang: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["AKHBAR_CONFIG"] = os.devnull
        os.environ["HOME"] = folder
        settings = UiSettings(ui_lang=ui_lang)  # type: ignore[arg-type]
        app = AkhbarApp(Path(folder) / "archive", settings)
        async with app.run_test(size=size) as pilot:
            for _ in range(200):  # the demo archive is imported on first start
                await pilot.pause(0.1)
                if len(app.screen.query_one(ArticleList)) > 0:
                    break
            await pilot.press("slash")
            for character in query:
                await pilot.press(character)
            await pilot.press("enter")
            view = app.screen.query_one(ArticleView)
            for _ in range(100):
                await pilot.pause(0.1)
                if view.article_id is not None:
                    break
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)
            app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--query", default="الترجمة")
    parser.add_argument("--size", default="120x34")
    parser.add_argument("--ui-lang", default="en", choices=("en", "ar"))
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    asyncio.run(shoot(args.out.resolve(), args.query, (width, height), args.ui_lang))


if __name__ == "__main__":
    main()

"""Model-based check of the change feed: any history of writes, replayed through
`changes_since` in batches of any size at any moments, rebuilds exactly the archive's state."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.models import Article, TagKind, Tags
from reader.store import Archive

IDS = ["a", "b", "c", "d"]

operation = st.one_of(
    st.tuples(st.just("upsert"), st.sampled_from(IDS), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.sampled_from(IDS), st.just(0)),
    st.tuples(st.just("read"), st.sampled_from(IDS), st.integers(0, 1)),
    st.tuples(st.just("star"), st.sampled_from(IDS), st.integers(0, 1)),
    st.tuples(st.just("tag"), st.sampled_from(IDS), st.integers(0, 2)),
    st.tuples(st.just("untag"), st.sampled_from(IDS), st.integers(0, 2)),
    st.tuples(st.just("machine"), st.sampled_from(IDS), st.integers(0, 2)),
    st.tuples(st.just("sync"), st.just(""), st.integers(1, 4)),
)
PLACES = ["مصر", "تونس", "لبنان"]


def _article(article_id: str, version: int) -> Article:
    body = f"نص المقال {article_id} في نسخته رقم {version} وفيه ما يكفي من الكلمات ليطول."
    return Article(id=article_id, title=f"عنوان {article_id} {version}", paragraphs=(body,))


def _state(stored: Any) -> tuple[Any, ...]:
    return (stored.article.title, stored.read, stored.starred, tuple(sorted(stored.tags.places)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, max_size=40))
def test_replaying_the_feed_rebuilds_the_archive(operations: list[tuple[str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as scratch, Archive.open(Path(scratch)) as archive:
        replica: dict[str, tuple[Any, ...]] = {}
        checkpoint = 0

        def sync(limit: int) -> None:
            nonlocal checkpoint
            while True:
                changed, deleted, last = archive.changes_since(checkpoint, limit)
                assert last >= checkpoint
                for article_id in deleted:
                    replica.pop(article_id, None)
                for stored in changed:
                    replica[stored.article.id] = _state(stored)
                if not changed and not deleted:
                    checkpoint = last
                    return
                checkpoint = last

        for kind, article_id, value in operations:
            exists = archive.get(article_id) is not None
            if kind == "upsert":
                archive.upsert(_article(article_id, value), original=None, origin="t")
            elif kind == "sync":
                sync(value)
            elif not exists:
                continue
            elif kind == "delete":
                archive.delete(article_id)
            elif kind == "read":
                archive.set_read(article_id, bool(value))
            elif kind == "star":
                archive.set_starred(article_id, bool(value))
            elif kind == "tag":
                archive.add_user_tag(article_id, TagKind.PLACE, PLACES[value])
            elif kind == "untag":
                archive.remove_user_tag(article_id, TagKind.PLACE, PLACES[value])
            else:
                archive.set_machine_tags(article_id, Tags(places=tuple(PLACES[: value + 1])))
        sync(3)
        truth = {stored.article.id: _state(stored) for stored in archive.iter_articles()}
        assert replica == truth
        assert checkpoint == archive.current_seq()

"""Hit offsets and snippets: every offset must point at the word that matched."""

from __future__ import annotations

from reader.search.analysis import normalize, stem
from reader.search.highlight import find_hits, make_snippet


def _term(word: str) -> str:
    return stem(normalize(word))


def test_find_hits_covers_clitics_and_harakat() -> None:
    text = "وصل الوزيرُ إلى المَدرسةِ، ثم زار مدرستين وبالمدارس."
    spans = find_hits(text, {_term("مدرسة"), _term("وزير")})
    assert [text[s:e] for s, e in spans] == ["الوزيرُ", "المَدرسةِ"]


def test_find_hits_with_no_terms_or_text() -> None:
    assert find_hits("نص", []) == []
    assert find_hits("", {"نص"}) == []


def test_snippet_offsets_point_at_hits() -> None:
    body = (
        "كلام تمهيدي طويل لا علاقة له بالموضوع. " * 8
    ) + "ثم جاء ذكر النفط هنا.\nوالنفط مرة أخرى."
    hits = find_hits(body, {_term("النفط")})
    snippet, inside = make_snippet(body, hits, width=80)
    assert snippet.startswith("…")
    assert [snippet[s:e] for s, e in inside] == ["النفط", "والنفط"]
    assert "\n" not in snippet


def test_snippet_without_hits_is_the_start() -> None:
    snippet, inside = make_snippet("بداية النص " * 40, [], width=50)
    assert snippet.startswith("بداية النص") and snippet.endswith("…") and inside == ()
    assert len(snippet) <= 51

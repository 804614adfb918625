"""CRF features: the sports topic of a sentence, hand-written name lists and word clusters."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tagging.arabic import fold, tokenize
from reader.tagging.clusters import bucket, build_clusters, load_clusters
from reader.tagging.features import Knowledge, sequence_features, topic_flags
from reader.tagging.gazetteer import Gazetteer

# Written for akhbar: two sports sentences, then unrelated ones far enough away.
SPORT = ["تعادل الفريق مع ضيفه في مباراة الدوري", "وسجل المهاجم هدفا في الشوط الثاني"]
POLITICS = ["اجتمع الوزير مع السفير في العاصمة لبحث العلاقات"] * 6


def test_topic_flags_follow_a_window_of_sentences() -> None:
    sentences = [tokenize(text) for text in [*SPORT, *POLITICS]]
    flags = topic_flags(sentences)
    assert flags[:2] == ["sport", "sport"]
    assert flags[-1] == ""  # five sentences after the last sports word
    assert topic_flags([tokenize(text) for text in POLITICS]) == [""] * len(POLITICS)


def test_name_lists_and_topic_become_features() -> None:
    knowledge = Knowledge(
        Gazetteer(["ليون"]), lists={"club": Gazetteer(["أولمبيك ليون"]), "given": Gazetteer()}
    )
    tokens = tokenize("فاز أولمبيك ليون")
    plain = sequence_features(tokens, knowledge)
    sport = sequence_features(tokens, knowledge, "sport")
    assert "club=B" in plain[1] and "club=I" in plain[2] and "-1club=B" in plain[2]
    assert "gz=B" not in plain[1]  # the longer club name does not hide the place mark...
    assert "gz=B" in plain[2]  # ... of `ليون` inside it
    assert "T=sport" in sport[0] and "club=B|sport" in sport[1]
    assert not any("sport" in feature for feature in plain[1])


def test_cluster_features_mark_unseen_words() -> None:
    knowledge = Knowledge(Gazetteer(), clusters={"قال": ("5", "1", "7", "30")})
    said, unseen = sequence_features(["قال", "زيلينسكي"], knowledge)
    assert {"fq=5", "c0=1", "c1=7", "c2=30", "1c1=-"} <= set(said)
    assert {"fq=-", "c1=-", "-1c1=7"} <= set(unseen)


def test_clusters_group_words_used_alike(tmp_path: Path) -> None:
    pytest.importorskip("numpy", reason="the `train` extra is not installed")
    # Invented text: city names and verbs each share their contexts.
    cities = ["دمشق", "بيروت", "عمان", "بغداد", "القاهرة", "تونس"]
    verbs = ["قال", "أكد", "أعلن", "أضاف", "أوضح", "ذكر"]
    sentences = []
    for round_ in range(12):
        for city in cities:
            sentences.append(["وصل", "الوفد", "إلى", city, "أمس", f"رقم{round_ % 3}"])
        for verb in verbs:
            sentences.append(["و", verb, "المتحدث", "أن", "الاتفاق", f"رقم{round_ % 3}"])
    rows = {word: ids for word, _count, ids in build_clusters(sentences, sizes=(2,))}
    assert len({rows[city][0] for city in cities}) == 1
    assert len({rows[verb][0] for verb in verbs}) == 1
    assert rows["دمشق"] != rows["قال"]
    path = tmp_path / "clusters.tsv"
    path.write_text("# header\nقال\t3\t0\t1\t2\n", encoding="utf-8")
    assert load_clusters(path) == {"قال": ("3", "0", "1", "2")}
    assert bucket(1) == 0 and bucket(1024) == 10 and bucket(10**9) == 12


def test_a_listed_name_is_found_after_a_clitic_on_a_two_letter_word() -> None:
    gazetteer = Gazetteer(["بي بي سي", "لندن"])
    tokens = [fold(word) for word in tokenize("وقال لبي بي سي في لندن بي")]
    assert [(m.start, m.end) for m in gazetteer.find(tokens)] == [(1, 4), (5, 6)]

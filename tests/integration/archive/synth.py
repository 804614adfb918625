"""Invented Arabic articles in bulk, for crash and concurrency tests (no real text needed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

SUBJECTS = ["البلدية", "الوزارة", "الجمعية", "النقابة", "الشركة", "الجامعة", "المستشفى", "النادي"]
VERBS = ["أعلنت", "افتتحت", "نظمت", "أطلقت", "استقبلت", "دشنت", "ناقشت", "أقرت"]
OBJECTS = [
    "مشروعاً جديداً للنقل",
    "حملة للتشجير",
    "معرضاً للكتاب",
    "برنامجاً لدعم الشباب",
    "خطة لترميم المدارس",
    "مسابقة للرسم",
    "ورشة للبرمجة",
    "سوقاً للمنتجات المحلية",
]
PLACES = ["في وسط المدينة", "في الحي الشمالي", "قرب الميناء", "في الضاحية", "على الساحل"]


def article(number: int, rng: random.Random) -> dict[str, str]:
    sentences = [
        f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}"
        f" في إطار برنامجها رقم {number}."
        for _ in range(3)
    ]
    return {
        "id": f"synth-{number:05d}",
        "url": f"https://synth.example/{number}",
        "title": f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({number})",
        "published": f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}T10:00:00+00:00",
        "body": "\n".join(sentences),
        "source": "synth",
        "category": "local",
    }


def write_jsonl(path: Path, count: int, *, start: int = 0, seed: int = 1) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(start, start + count):
            handle.write(json.dumps(article(number, rng), ensure_ascii=False) + "\n")
    return path

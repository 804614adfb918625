"""Decoding: BOMs, UTF-16, legacy Arabic code pages, declared charsets, mojibake, binary.

The oracle is Python's own codecs: each sample is encoded with a named codec and must come back
identical, whatever the detector guessed on the way.
"""

from __future__ import annotations

import codecs
import random

import pytest

from reader.errors import InputError
from reader.ingest.decode import declared_charset, decode, mojibake_share

ARABIC = (
    "افتتحت البلدية سوقاً جديدة للخضر والغلال، وقال رئيسها إن الأسعار ستنخفض قريباً.\n"
    "وأضاف: «نأمل أن يستفيد الجميع من هذا المشروع» (2024)."
)
# Characters that exist in both windows-1256 and ISO-8859-6 (no « » or tanween in 8859-6).
ARABIC_8859_6 = "افتتحت البلدية سوقا جديدة للخضر، وقال رئيسها إن الأسعار ستنخفض قريبا؟\nشكرا."


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", ARABIC),
        ("utf-8-sig", ARABIC),
        ("utf-16", ARABIC),
        ("utf-16-le", ARABIC),
        ("utf-16-be", ARABIC),
        ("windows-1256", ARABIC),
        ("iso-8859-6", ARABIC_8859_6),
    ],
)
def test_every_supported_encoding_round_trips(encoding: str, text: str) -> None:
    decoded, _ = decode(text.encode(encoding), "sample")
    assert decoded == text


def test_windows_1256_with_french_words_is_still_arabic() -> None:
    text = ARABIC + " قال المدير في حوار مع صحيفة «Le Monde» إن الوضع صعب: très difficile."
    decoded, used = decode(text.encode("windows-1256"), "sample")
    assert decoded == text and used in ("cp1256", "windows-1256")


def test_declared_charset_is_found_and_respected() -> None:
    page = '<html><head><meta charset="windows-1256"></head><body>نص</body></html>'
    assert declared_charset(page.encode("cp1256")) == "cp1256"
    xml = '<?xml version="1.0" encoding="ISO-8859-6"?><rss/>'
    assert declared_charset(xml.encode("ascii")) == "iso8859-6"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


@pytest.mark.parametrize("wrong", ["windows-1256", "latin-1"])
def test_utf8_read_once_with_the_wrong_code_page_is_repaired(wrong: str) -> None:
    garbled = ARABIC.encode("utf-8").decode(wrong, errors="strict").encode("utf-8")
    assert mojibake_share(garbled.decode("utf-8")) > 0.2
    decoded, used = decode(garbled, "sample")
    assert decoded == ARABIC and used.endswith("+repaired")
    assert mojibake_share(ARABIC) == 0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
        (b"PK\x03\x04" + bytes(50), "ZIP"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "executable"),
        ("نص عربي".encode() + b"\x00\x01\x02\x00" * 50, "NUL"),
        (b"abc\x01\x02\x03\x04\x05\x06\x07\x08 " * 40, "control characters"),
    ],
)
def test_binary_inputs_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data, "blob.bin")


def test_random_bytes_are_refused() -> None:
    noise = random.Random(7).randbytes(4096)
    with pytest.raises(InputError) as caught:
        decode(noise, "noise.dat")
    assert caught.value.source == "noise.dat" and "\n" not in str(caught.value)


def test_text_in_an_unsupported_code_page_is_refused_not_garbled() -> None:
    russian = "Правительство объявило о новых мерах поддержки фермеров в регионе." * 3
    with pytest.raises(InputError, match="encoding"):
        decode(russian.encode("cp1251"), "ru.txt")


def test_bom_is_removed_and_utf32_supported() -> None:
    assert decode(codecs.BOM_UTF8 + "نص".encode(), "x")[0] == "نص"
    assert decode("نص عربي قصير".encode("utf-32"), "x")[0] == "نص عربي قصير"


def test_a_western_european_text_in_windows_1252_is_read_not_refused() -> None:
    french = "Le marché de Sfax a ouvert ses portes : les prix baissent, dit-il. Très bien !"
    assert decode(french.encode("windows-1252"), "fr.txt") == (french, "windows-1252")

"""Decoding: byte-order marks, UTF-16 and UTF-32 with and without a mark, detected legacy
encodings named in the warning, and binary files (invented texts)."""

from __future__ import annotations

import random

import pytest

from reader.corpus import decode, load_article

RUSSIAN = (
    "Министр иностранных дел заявил во вторник, что переговоры продолжатся в Женеве. "
    "Делегации обсудят прекращение огня, гуманитарные коридоры и обмен пленными.\n\n"
    "Министр отметил, что переговоры будут трудными, но стороны настроены решительно.\n"
)
TURKISH = (
    "Dışişleri Bakanı salı günü yaptığı açıklamada, görüşmelerin Cenevre'de süreceğini "
    "söyledi.\n\nHeyetler ateşkes, insani yardım koridorları ve esir takası konularını "
    "görüşecek. Bakan, müzakerelerin zor geçeceğini ancak çözüm için kararlı olduklarını "
    "belirtti.\n"
)
CHINESE = (
    "外交部长星期二表示，谈判将在日内瓦继续进行。代表团将讨论停火、人道主义走廊和交换战俘问题。\n\n"
    "部长指出，谈判将十分艰难，但各方决心找到解决办法。\n"
)
ENGLISH = "The minister said on Tuesday that the talks would resume in Geneva next week.\n"


@pytest.mark.parametrize(
    ("encoding", "text", "named"),
    [
        ("cp1251", RUSSIAN, "Windows-1251"),
        ("iso-8859-9", TURKISH, "Windows-1254"),
        ("gb2312", CHINESE, "GB18030"),
    ],
)
def test_legacy_encodings_are_detected_and_named(encoding, text, named):
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    assert decoded.warning is not None
    assert "not valid UTF-8" in decoded.warning and named in decoded.warning


def test_western_text_in_windows_1252_is_named_so():
    text = (
        "The caf\u00e9\u2019s owner said the na\u00efve plan \u2013 \u201cnever,\u201d she "
        "said \u2013 would fail, and the minister\u2019s office agreed on Tuesday.\n"
    )
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text and "Windows-1252" in (decoded.warning or "")


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, CHINESE])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_byte_order_marks_decide_the_encoding(encoding, text):
    assert decode(text.encode(encoding)) == (text, None)


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN, CHINESE])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_are_read_and_named(encoding, text):
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    assert decoded.warning == f"no byte-order mark; decoded as {encoding.upper()}"


def test_one_early_zero_byte_does_not_make_a_text_file_binary():
    data = b"Headline\x00\n\n" + ENGLISH.encode() * 3
    assert decode(data).text.startswith("Headline\x00")


def test_the_zero_byte_is_gone_from_the_cleaned_article(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Headline\n\nThe minister\x00 said the talks would resume.\n")
    article, problems = load_article(path, tmp_path)
    assert article is not None and problems == []
    assert "\x00" not in article.text and "minister said" in article.text


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, random.Random(7).randbytes(4096), b"\x89PNG\r\n\x1a\n" + bytes(4000)],
    ids=["every-byte", "random", "png"],
)
def test_binary_data_is_refused(data):
    with pytest.raises(ValueError, match="binary"):
        decode(data)


def test_a_bad_utf16_file_after_its_mark_is_refused():
    with pytest.raises(ValueError, match="UTF-16"):
        decode(b"\xff\xfe" + b"\x00\xd8")  # a lone high surrogate


def test_the_detected_encoding_is_named_in_the_problem_line(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(("Заголовок\n\n" + RUSSIAN).encode("cp1251"))
    article, problems = load_article(path, tmp_path)
    assert article is not None and "Женеве" in article.text
    assert [p.severity for p in problems] == ["warning"]
    assert "decoded as Windows-1251 (detected)" in problems[0].reason

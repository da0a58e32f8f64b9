from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.text import split_items
from ogi.text.evaluate import MISSES, report, score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "items"
EXACT_TARGET = 0.90
PART_TARGET = 0.95

# Short constructed sections, one segmentation rule each.
HEADINGS = "五、存在的主要问题及改进情况\n(一)存在的主要问题\n一是公开内容不够全面;二是更新不及时。\n(二)改进措施\n一是扩大公开范围。二是加强培训。"
MARKER = "五、存在的主要问题及改进情况\n政务公开工作取得了一定成效,但也存在一些不足:一是信息更新不够及时;二是人手不足。下一步,我局将加强培训,及时更新信息。"
SEMICOLON = "存在问题:公开形式较单一;公开内容不够丰富。改进措施:拓宽公开渠道;丰富公开内容。"
PREAMBLE = "五、存在的主要问题\n2020年,我镇政府信息公开工作取得了一定成绩,但也存在一些问题。一是公开意识不强。"


@pytest.fixture(scope="module")
def result():
    return score(FIXTURES)


def test_exact_text_match_rate_meets_target(result):
    assert result.exact_rate >= EXACT_TARGET, report(result)


def test_part_accuracy_meets_target(result):
    assert result.part_accuracy >= PART_TARGET, report(result)


def test_misses_file_is_current(result):
    assert MISSES.read_text("utf-8") == report(result), "run: PYTHONPATH=src python -m ogi.text.evaluate"


def test_nfkc_input_scores_the_same(tmp_path, result):
    # The pipeline passes NFKC text; the fixture sections are raw.
    for name in ("sections.jsonl", "items.jsonl"):
        lines = (FIXTURES / name).read_text("utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line]
        for row in rows:
            row["text"] = unicodedata.normalize("NFKC", row["text"])
        (tmp_path / name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    nfkc = score(tmp_path)
    assert nfkc.exact_rate >= EXACT_TARGET and nfkc.part_accuracy >= PART_TARGET


def test_headings_set_the_parts():
    items = split_items(HEADINGS)
    assert [(i.part, i.n, i.text) for i in items] == [
        ("problem", 1, "公开内容不够全面"),
        ("problem", 2, "更新不及时。"),
        ("measure", 1, "扩大公开范围。"),
        ("measure", 2, "加强培训。"),
    ]


def test_measure_marker_in_running_text_opens_measure_part():
    items = split_items(MARKER)
    assert [i.part for i in items] == ["problem", "problem", "measure"]
    assert items[-1].text.startswith("下一步")


def test_unenumerated_text_is_split_at_semicolons():
    assert [(i.part, i.text) for i in split_items(SEMICOLON)] == [
        ("problem", "公开形式较单一"),
        ("problem", "公开内容不够丰富。"),
        ("measure", "拓宽公开渠道"),
        ("measure", "丰富公开内容。"),
    ]


def test_generic_preamble_is_dropped():
    assert [i.text for i in split_items(PREAMBLE)] == ["公开意识不强。"]


def test_full_width_and_traditional_forms_are_handled():
    full = HEADINGS.replace("(", "（").replace(")", "）").replace(";", "；").replace(",", "，")
    assert split_items(full)[0].text == "公开内容不够全面"
    trad = "五、存在的主要問題及改進情況\n一是公開內容不夠全面。\n下一步,我局將加強培訓。"
    assert [i.part for i in split_items(trad)] == ["problem", "measure"]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("一二三是、.()（）:;；。,，\n 1234下步存在问题改进措施不够加强今后对此")) | st.characters(),
        max_size=200,
    )
)
def test_split_items_never_raises_and_spans_are_exact(text):
    counts = {"problem": 0, "measure": 0}
    for item in split_items(text):
        assert item.text == text[item.start : item.end]
        assert item.text.strip() == item.text and item.text
        counts[item.part] += 1
        assert item.n == counts[item.part]


def test_skipping_enumerators_whose_words_are_missing_changes_no_item(monkeypatch):
    from ogi.text import items as I

    texts = [HEADINGS, MARKER, SEMICOLON, PREAMBLE]
    texts += [json.loads(line)["text"] for line in (FIXTURES / "sections.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    filtered = [split_items(t) for t in texts]
    monkeypatch.setattr(I, "may_match", lambda needs, text: True)
    assert [split_items(t) for t in texts] == filtered
    assert sum(map(len, filtered)) > 50

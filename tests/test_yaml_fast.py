"""libyaml reads the YAML that cannot hold an alias or nest too deep (load._fast); the
pure-Python loader reads the rest and words every error. Both give the very same tree,
lines and problems: checked on every YAML file of the repository and on texts made to
sit at the edges."""
from __future__ import annotations

import pytest
from conftest import ROOT

from generator import load

CORPUS = sorted(p for top in ("data", "site_config", "tests/data", "content")
                for p in (ROOT / top).rglob("*") if p.suffix in (".yml", ".yaml"))
EDGES = [
    "a: 值 #3\nb: 值 # 注释\nc: '引 #号'\nd: 值#内\n",
    "a:\nb: ~\nc: null\nd: ''\ne: \"~\"\n",
    "text: |\n  第一行\n\n  第三行\nfold: >\n  折\n  叠\n",
    "list:\n  - a\n  -\n  - [x, y]\n  - {k: v}\n- bad\n",
    "a: 1\na: 2\n",
    "\u3000a: 1\nb：2\n",
    "a:\n\t- x\n",
    "a: \"unclosed\n",
    "x: !!int 5\ny: !custom z\n",
    "--- \na: 1\n---\nb: 2\n",
    "k: " + "[" * 20 + "]" * 20 + "\n",
    "k: " + "[" * 50 + "]" * 50 + "\n",
    "".join("  " * i + f"k{i}:\n" for i in range(38)) + "  " * 38 + "v: 1\n",
    "".join("  " * i + f"k{i}:\n" for i in range(45)) + "  " * 45 + "v: 1\n",
    "- - - - - - x\n",
    "a: &x 1\nb: *x\n",
    "标题: 县卫生健康局——“推诿扯皮”问题\n日期: 2026-05-10\n",
    "",
    "# only a comment\n",
    "a: b: c\n",
    "? complex\n: value\n",
    # line and paragraph separators and NEL: breaks to YAML (both readers), not to editors
    "a: 一\u2028二\nb: 3\n",
    "a: x\u0085y\nb: 2\n",
    "a: |\n  p\u2029q\nb: 1\n",
    "a: \"q\u2028r\"\nb: 1\n",
]


def _shape(node):
    if isinstance(node, load.YMap):
        return ("map", node.line, [(k, node.lines[k], _shape(v)) for k, v in node.items()])
    if isinstance(node, load.YList):
        return ("list", node.line, node.lines, [_shape(v) for v in node])
    if isinstance(node, load.YStr):
        return ("str", str(node), node.first, node.literal)
    return ("other", repr(node))


def _both(text: str, monkeypatch):
    fast = load.parse_yaml(text, "x.yml", 3)
    monkeypatch.setattr(load, "_fast", lambda _text: False)
    slow = load.parse_yaml(text, "x.yml", 3)
    monkeypatch.undo()
    return fast, slow


@pytest.mark.parametrize("text", EDGES)
def test_edges_read_alike(text, monkeypatch):
    (tree, problems), (slow_tree, slow_problems) = _both(text, monkeypatch)
    assert _shape(tree) == _shape(slow_tree)
    assert [str(p) for p in problems] == [str(p) for p in slow_problems]


def test_every_yaml_file_of_the_repository_reads_alike(monkeypatch):
    assert len(CORPUS) > 100
    fast_count = 0
    for path in CORPUS:
        text = path.read_text("utf-8", errors="replace")
        fast_count += load._fast(text)
        (tree, problems), (slow_tree, slow_problems) = _both(text, monkeypatch)
        assert _shape(tree) == _shape(slow_tree), path
        assert [str(p) for p in problems] == [str(p) for p in slow_problems], path
    assert fast_count > len(CORPUS) * 0.8  # the fast reader is the one that usually reads


def test_what_libyaml_must_not_read_goes_to_the_pure_reader():
    assert not load._fast("a: &x 1\nb: *x\n")
    assert not load._fast("k: " + "[" * 1000 + "]" * 1000)  # its composer recurses in C
    assert not load._fast("".join("  " * i + f"k{i}:\n" for i in range(500)))
    assert load._fast("a: 1\nb:\n  - 2026-05-10\n")


@pytest.mark.parametrize("depth, deep", [(40, False), (41, True), (60, True)])
def test_text_that_could_nest_too_deep_is_measured_once_libyaml_read_it(depth, deep,
                                                                      monkeypatch):
    """Nesting under MAX_DEPTH read by libyaml (a labels file with 140 `{count}`
    placeholders is not sent to the slow reader); deeper, the pure reader's problem."""
    labels = "".join(f"k{i}: 共 {{count}} 件，{{when}}\n" for i in range(140))
    assert load._fast(labels) and load._nesting_bound(labels) >= load.MAX_DEPTH
    slow = []
    original = load._Loader
    monkeypatch.setattr(load, "_Loader", lambda text: slow.append(text) or original(text))
    tree, problems = load.parse_yaml(labels, "labels.yml")
    assert slow == [] and problems == [] and tree["k139"] == "共 {count} 件，{when}"
    nested = "k: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"  # the map, key, lists
    tree, problems = load.parse_yaml(nested, "x.yml")
    assert [p.code for p in problems] == (["yaml-too-deep"] if deep else [])
    assert len(slow) == deep

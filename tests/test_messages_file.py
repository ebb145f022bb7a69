"""messages.yml and labels.yml are plain YAML that loads: a broken one would crash every run."""
import yaml

from conftest import ROOT


def test_messages_file_loads_with_every_section():
    data = yaml.safe_load((ROOT / "generator" / "messages.yml").read_text("utf-8"))
    assert {"problems", "collections", "states", "cli", "types"} <= set(data)
    assert all({"message", "help"} <= set(v) for v in data["problems"].values())


def test_labels_file_loads():
    assert yaml.safe_load((ROOT / "site_config" / "labels.yml").read_text("utf-8"))["nav"]


def test_no_problem_code_is_written_twice():
    import re

    from generator.problems import resources

    text = resources.files("generator").joinpath("messages.yml").read_text("utf-8")
    codes = re.findall(r"^  ([a-z0-9-]+):$", text.split("\nproblems:\n", 1)[1].split("\n\n# ")[0],
                       re.M)
    assert len(codes) == len(set(codes)) > 50


def test_no_text_is_cut_short_by_a_yaml_comment():
    """An unquoted value with " #" in it ends there (the rest is a YAML comment): every
    text of both files must load whole."""
    import re

    for rel in ("generator/messages.yml", "site_config/labels.yml"):
        for number, line in enumerate((ROOT / rel).read_text("utf-8").split("\n"), 1):
            value = re.match(r"\s*[^\s:#][^:]*:\s+(.*)$", line)
            if value and value.group(1)[:1] not in ("'", '"', "|", ">", "#"):
                assert " #" not in value.group(1), f"{rel}:{number}: quote the value"


def _texts(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _texts(value, f"{path}[{n}]")
    elif isinstance(node, str):
        yield path, node


# Placeholders that stand for a number, a date or a time (a line, a count, a day): written
# against Chinese text as a number is. Others (a path, a value as typed, a URL, a name) may
# be Latin text and keep the space that sets them apart (已新建 data/cases/2026-043.yml).
NUMERIC_PLACEHOLDERS = (
    "count|first|last|header|lines|line|date|dates|column|limit|number|now|month|time|left|"
    "days|depth|extra|size|cells|length|total|start|end|year|signed|latest|case_date|"
    "published|minutes|due|january|october|units|read|hidden|changed|computed|scale|wan")


def test_a_number_or_a_placeholder_stands_against_chinese_text_without_a_space():
    """The labels write 第{number}页 and 共{count}天, never 第 {number} 页: every message
    follows them, so a clerk reads one way of writing across the site and the checker
    (第3行, not 第 3 行 in one message and 第3行 in the next). A number inside a Latin
    word (UTF-8 编码, GB18030) and a unit in Latin letters (16 MB) are not numbers here."""
    import re

    cjk = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
    token = rf"(?:\{{(?:{NUMERIC_PLACEHOLDERS})\}}|[+-]?\d[\d,.:/~～-]*+%?)"
    spaced = re.compile(rf"(?<=[{cjk}]) +{token}(?![A-Za-z_])"
                        rf"|(?<![A-Za-z0-9_\-/.{{}}+]){token} +(?=[{cjk}])")
    assert spaced.search("第 {line} 行") and spaced.search("共 3 个") and spaced.search("第{line} 行")
    assert not spaced.search("第{line}行") and not spaced.search("UTF-8 编码") \
        and not spaced.search("已新建 {path}") \
        and not spaced.search("不超过16 MB") and not spaced.search("GB18030 编码")
    found = []
    for rel in ("generator/messages.yml", "site_config/labels.yml"):
        data = yaml.safe_load((ROOT / rel).read_text("utf-8"))
        found += [f"{rel}: {path}: {text[max(0, m.start() - 8):m.end() + 8]}"
                  for path, text in _texts(data) for m in spaced.finditer(text)]
    assert found == []


def _chinese_in_code(path) -> list[str]:
    """The string literals of a module that hold Chinese (its docstrings aside)."""
    import io
    import re
    import tokenize

    cjk = re.compile("[\u3400-\u9fff]")
    found, before = [], None
    text = path.read_text("utf-8")
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING and cjk.search(token.string) and before not in (
                None, tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE):
            found.append(f"{path.name}:{token.start[0]}: {token.string[:40]}")
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            before = token.type
    return found


def test_the_staff_manual_and_the_messages_build_no_chinese_in_code():
    """Every word the data spec adds to a field's help (表头也可写作, 不小于0) and the
    fragments a message is built from (the sheets of a table with their rows, a date's
    impossible month or day, what two records repeat, why an attachment is refused) are
    in messages.yml, where staff
    words are kept and checked, not in code."""
    import re

    from conftest import ROOT

    assert _chinese_in_code(ROOT / "generator/docs.py") == []
    assert _chinese_in_code(ROOT / "generator/problems.py") == []
    fragments = {"load.py": [r"（\{rows\}行）", "按“", "解压后", r'or "无"', "文字方向控制符",
                             "变体选择符", "空字符", "标签字符"],
                 "checks.py": ["没有{month}月", "月没有{day}日", "同一单位同一", "单位名称“",
                               "不大于", "周报写成", "（无）", "无法识别的写法"],
                 "attachments.py": ["文档含有宏", "来自文件以外的地址", "解压后过大", "拍摄地点",
                                    "当作公式执行", "无扩展名", "可在本站运行脚本", "邮件合并数据源",
                                    "打开时可能运行程序", "用作 ", "PDF 中", "含有脚本",
                                    "自动执行的动作", "嵌有其他文件"]}
    for name, pieces in fragments.items():
        code = (ROOT / "generator" / name).read_text("utf-8")
        assert [p for p in pieces if re.search(p, code)] == [], name


# The calls a staff-facing message or a part of one is made by: a problem and its
# parameters, a line of the CLI, why an attachment is refused and where in it.
_MESSAGE_CALLS = {"problem", "Problem", "say", "Refused", "_why", "_say", "Passage", "Link"}


def _chinese_in_message_calls(path) -> list[str]:
    import ast
    import re

    han = re.compile(r"[\u3400-\u9fff]")
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func.id if isinstance(node.func, ast.Name) else \
            node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if callee not in _MESSAGE_CALLS:
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) \
                    and han.search(sub.value):
                found.append(f"{path.name}:{sub.lineno}: {callee}(… {sub.value[:30]!r} …)")
    return found


def test_no_message_takes_chinese_written_in_code():
    """Whatever a message prints besides what staff wrote comes from messages.yml: a
    field that is not a schema field (正文, 文件名), what a value should have been (列表,
    一个整数), how a list is joined (或, 和), why an attachment is refused, where in it
    (批注, 书签). Read from every call that makes a message or a part of one, in every
    module, as the interpreter reads it: a fragment split over two f-strings, or a word
    passed as a parameter, is found as a whole literal is (a word list of known
    fragments missed both)."""
    from conftest import ROOT

    found = [line for path in sorted((ROOT / "generator").glob("*.py"))
             if not path.name.startswith("synth")
             for line in _chinese_in_message_calls(path)]
    assert found == []


def test_what_an_attachment_reaching_outside_does_is_said_for_every_field_and_function():
    """The Word fields and worksheet functions refused as reaching outside the file are
    listed in code; what each does is said in messages.yml: one for each, none more."""
    from generator import attachments
    from generator.problems import messages

    reasons = messages()["attachment_reasons"]
    assert sorted(reasons["fields"]) == sorted(attachments._FETCHING_FIELDS)
    assert sorted(reasons["functions"]) == sorted(attachments._FETCHING_FUNCTIONS)

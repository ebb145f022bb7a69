"""Nothing personal, embargoed, withdrawn or executable reaches the public site."""
import csv
import datetime as dt
import io
import json
import random
import shutil
from pathlib import Path

import pytest

from conftest import NOW, ROOT, TZ, make_project, mkdocs_build
from generator.audit import audit, policy_for
from generator.pipeline import check
from generator.checks import validate
from generator.pipeline import build
from generator import privacy
from generator.privacy import Scanner, mask, valid_resident_id
from generator.schema import record_types
from generator.synth import engine_config

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
AREAS = ["110105", "310104", "440305", "510107", "330106", "420102", "610113", "130102"]
FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def resident_id(rng, check_x=False):
    while True:
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
        body = rng.choice(AREAS) + birth.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
        check = "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]
        if check_x == (check == "X"):
            return body + check


def positives():
    rng = random.Random(11643)
    out = []
    for i in range(70):
        rid = resident_id(rng, check_x=i % 7 == 0)
        forms = [rid, f"身份证号{rid}。", rid.translate(FULL), f"{rid[:6]} {rid[6:14]} {rid[14:]}",
                 f"{rid[:6]}-{rid[6:10]}-{rid[10:14]}-{rid[14:]}", f"证件{rid.lower()}号码"]
        out.append(("id", forms[i % len(forms)]))
    # grouped as no rule groups it: a form's boxes digit by digit, threes, 6-6-6, pairs
    for i in range(24):
        rid = resident_id(rng, check_x=i % 6 == 0)
        size = (1, 3, 6, 2)[i % 4]
        sep = (" ", "-", " ", "  ")[i // 4 % 4]
        out.append(("id", sep.join(rid[k:k + size] for k in range(0, 18, size))))
    # broken over two lines of a block where no rule groups it (the page shows one number)
    for i in range(6):
        rid = resident_id(rng, check_x=i % 3 == 0)
        cut = (9, 11, 5, 13, 7, 15)[i]
        out.append(("id", rid[:cut] + ("\n", "\r\n", " \n")[i % 3] + rid[cut:]))
    for i in range(20):
        old = rng.choice(AREAS) + f"{rng.randrange(50, 99)}{rng.randrange(1, 13):02d}" \
            f"{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
        out.append(("id", f"旧证{old}" if i % 2 else old))
    for i in range(80):
        number = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        forms = [number, f"+86{number}", f"+86 {number}", f"0086{number}",
                 f"{number[:3]} {number[3:7]} {number[7:]}", f"{number[:3]}-{number[3:7]}-{number[7:]}",
                 f"电话{number}联系", number.translate(FULL)]
        out.append(("phone", forms[i % len(forms)]))
    # accounts and travel documents, after the word that names them (synthetic values)
    for i in range(12):
        qq = f"{rng.randrange(10**7, 10**10)}"
        out.append(("account", [f"QQ：{qq}", f"qq号{qq}", f"QQ号码 {qq}",
                                f"扣扣{qq.translate(str.maketrans('0123456789', '〇一二三四五六七八九'))}",
                                f"微信号：wxid_{qq[:6]}", f"微信：li_si{qq[:2]}",
                                f"VX:abc{qq[:5]}", f"护照号码：E{qq[:8]:0>8}",
                                f"往来港澳通行证C{qq[:8]:0>8}", f"回乡证H{qq[:8]:0>8}",
                                f"台胞证号码为{qq[:8]:0>8}", f"ＱＱ：{qq}".translate(FULL)][i]))
    for i in range(40):
        user = rng.choice(["zhang", "li.ming", "wang_123", "x-y", "chen.san+tag"])
        domain = rng.choice(["qq.com", "163.com", "example.org", "mail.gov.cn", "sina.com.cn"])
        out.append(("email", f"{user}{i}@{domain}" if i % 2 else f"邮箱：{user}{i}@{domain}。"))
    out += hidden_forms(rng)
    out += landlines(rng)
    out += odd_forms(rng)
    return out


def odd_forms(rng):
    """Forms a clerk pastes that got past the scanner (review-privacy5): digits joined by
    asterisks (a full number, unlike a masked 138****5678), a mobile in odd groups after
    a phone word that ends the line before it, QQ said as 企鹅号, Q号 or Q群号."""
    out = []
    for i in range(16):
        number = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        forms = [f"{number[:3]}*{number[3:7]}*{number[7:]}", f"{number[:3]} * {number[3:7]} * {number[7:]}",
                 f"**{number[:7]}**{number[7:]}", f"联系电话：\n{number[:4]} {number[4:7]} {number[7:]}",
                 f"手机\r\n  {number[:2]} {number[2:5]} {number[5:8]} {number[8:]}",
                 f"联系方式:\n{number[:5]}·{number[5:8]}·{number[8:]}",
                 f"电话：{number[:4]}*{number[4:7]}*{number[7:]}",
                 f"{number[:3]}＊{number[3:7]}＊{number[7:]}"]
        out.append(("phone", forms[i % len(forms)]))
    for i in range(6):
        rid = resident_id(rng, check_x=i % 2 == 0)
        out.append(("id", [f"{rid[:6]}*{rid[6:14]}*{rid[14:]}", f"身份证号：{rid.lower()}",
                           f"{rid[:6]} {rid[6:14]} {rid[14:].lower()}"][i % 3]))
    for i in range(8):
        qq = f"{rng.randrange(10**7, 10**10)}"
        out.append(("account", [f"企鹅号：{qq}", f"企鹅号{qq}", f"Q号：{qq}", f"q号 {qq}",
                                f"Q群号：{qq}", f"QQ号码是{qq}", f"企鹅 {qq}", f"扣扣号{qq}"][i]))
    # an ID whose check character is set apart; e-mail written for robots to miss
    rid = resident_id(rng, check_x=True)
    out.append(("id", f"证号{rid[:17]} {rid[17].lower()}"))
    for i in range(6):
        user = rng.choice(["zhangsan", "li.ming", "wang_5"])
        out.append(("email", [f"邮箱：{user}#qq.com", f"{user}[at]163.com", f"{user}(at)qq.com",
                              f"{user} @ 126.com", f"{user}＃sina.cn", f"{user} (AT) foxmail.com"][i]))
    return out


def landlines(rng):
    """Landlines with an area code (a home or a private office): personal unless the
    channels list them (review: 0571-88123456, (0571)88123456 passed)."""
    out = []
    for i in range(20):
        area = rng.choice(["010", "021", "0571", "0755", "0991", "0378"])
        local = f"{rng.randrange(2, 10)}{rng.randrange(10**6, 10**7)}"
        forms = [f"{area}-{local}", f"（{area}）{local}", f"{area} {local}", f"家庭电话{area}{local}",
                 f"{area}-{local[:4]} {local[4:]}", f"+86 {area[1:]} {local}"]
        out.append(("landline", forms[i % len(forms)]))
    out.append(("landline", "0571-8888 8888"))
    return out


def hidden_forms(rng):
    """The forms that got past the first scanner (issue 11): numbers side by side,
    grouped or punctuated otherwise, invisible characters inside, encoded addresses."""
    out = []
    for i in range(60):
        rid, other = resident_id(rng, check_x=i % 9 == 0), resident_id(rng)
        glue = ["\u00ad", "\u200e", "\u2060", "\u200b", "\u200d", "\ufeff"][i % 6]
        forms = [f"{rid} {other}", f"身份证{rid} {rng.randrange(10)}号", f"{rid}\u3000{other}",
                 " ".join(rid[k:k + 4] for k in range(0, 18, 4)), glue.join(rid),
                 f"{rid[:6]}\u3000{rid[6:14]}\u3000{rid[14:]}", f"{rid}，{other}",
                 f"证号：{rid[:6]}.{rid[6:14]}.{rid[14:]}"]
        out.append(("id", forms[i % len(forms)]))
    for i in range(60):
        number = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        glue = ["\u00ad", "\u200e", "\u2060", "\u200b"][i % 4]
        forms = [f"{number[:3]}-{number[3:]}", f"{number[:3]}.{number[3:7]}.{number[7:]}",
                 f"86{number}", glue.join(number), f"{number} {rng.randrange(10)}",
                 f"{number[:3]}\u3000{number[3:7]}\u3000{number[7:]}", f"0086 {number}",
                 f"电话：{number[:3]}–{number[3:7]}–{number[7:]}"]
        out.append(("phone", forms[i % len(forms)]))
    for i in range(30):
        user = rng.choice(["wangwu", "li.ming", "zhao_6"])
        domain = rng.choice(["qq", "163", "sina"])
        forms = [f"{user}{i}@{domain}。com", f"{user}{i}＠{domain}.com", f"{user}{i}@{domain}．com",
                 f"{user}{i}@\u200b{domain}.com", f"{user}\u00ad{i}@{domain}.com"]
        out.append(("email", forms[i % len(forms)]))
    return out


def negatives():
    rng = random.Random(2019)
    out = []
    for i in range(60):
        rid = resident_id(rng)
        wrong = "10X98765432"[("10X98765432".index(rid[-1]) + 1 + i % 9) % 11]
        out.append(rid[:-1] + wrong)
    for i in range(20):
        out.append(f"{rng.choice(AREAS)}2026{13 + i % 5:02d}{rng.randrange(10, 40)}{rng.randrange(1000):03d}1")
    for i in range(20):
        out.append(f"{rng.randrange(10**16, 10**17)}" if i % 2 else f"{rng.randrange(10**18, 10**19)}")
    out += ["12388", "0000-1234567", "jubao@yanshi-demo.example.gov.cn", "举报电话 12388",
            "县专项治理办公室电话：0000-1234567"]
    for i in range(20):  # the office's own landline (channels.yml), however written
        area, local = (f"0{rng.randrange(10, 999)}", rng.randrange(10**7, 10**8)) if i % 2 \
            else (f"0{rng.randrange(100, 999)}", rng.randrange(10**7, 10**8))
        out.append(["0571-87650000", "（0571）87650000", "0571 8765 0000", "+86 571 87650000",
                    "电话：057187650000"][i % 5])
    out += [f"{rng.randrange(1, 10**6):,}.{rng.randrange(100):02d}元" for _ in range(10)]
    out += [f"2026年{m}月{d}日" for m, d in zip(range(1, 11), range(5, 25, 2))]
    out += [f"{rng.choice(['10', '11', '12'])}{rng.randrange(10**9):09d}" for _ in range(20)]
    out += [" ".join(str(rng.randrange(10, 200)) for _ in range(6)) for _ in range(20)]
    out += ["政府部门 135 77 58 44 57.0%", "乡镇 65 40 25 20 61.5%"]
    out += [f"2026-{i:03d}" for i in range(1, 6)] + [f"TZ-{i:04d}" for i in range(1, 6)]
    out += ["@县纪委监委", "请@各单位注意", "a @ b", "邮箱未公开", "user@localhost"]
    out += [f"{rng.randrange(10**15, 10**16)}" for _ in range(10)]
    out += [f"第{i}批挂牌督办，共{i * 37}件" for i in range(1, 6)]
    out += near_misses(rng)
    return out


def near_misses(rng):
    """Text that the forms of `hidden_forms` must not turn into personal data."""
    out = []
    for i in range(20):
        rid = resident_id(rng)
        bad = rid[:-1] + "10X98765432"[("10X98765432".index(rid[-1]) + 1 + i % 9) % 11]
        out.append(" ".join(bad[k:k + 4] for k in range(0, 18, 4)) if i % 2 else f"{bad} 5")
    for i in range(12):  # a wrong check character in those groupings too
        rid = resident_id(rng)
        bad = rid[:-1] + "10X98765432"[("10X98765432".index(rid[-1]) + 1 + i % 9) % 11]
        size = (1, 3, 6, 2)[i % 4]
        out.append(" ".join(bad[k:k + size] for k in range(0, 18, size)))
    for i in range(20):
        number = f"1{rng.choice('012')}{rng.randrange(10**9):09d}"  # not a mobile prefix
        out.append(f"{number[:3]}-{number[3:]}" if i % 2 else f"86{number}")
    out += [f"{rng.randrange(100, 999)} {rng.randrange(1000, 9999)} {rng.randrange(100, 999)}"
            for _ in range(10)]  # 3-4-3
    out += [f"2026.{m:02d}.{d:02d}" for m, d in zip(range(1, 11), range(3, 30, 3))]
    out += [f"{rng.randrange(100, 999)}.{rng.randrange(10, 99)}万元" for _ in range(10)]
    out += ["ISBN 978-7-111-12345-6", "演纪发〔2026〕3号", "邮编 310000，电话 12388",
            "2026-11-23 13:45:00", "0086-0571-12345678", "0571-1888 8888", "wangwu@qq",
            "@qq。com", "版本 1.2.3.4", "第139页", "共 13 8 12 34 56 78 条",
            "1101051990030712",
            # an account's word without one, a public account's name, the program's
            "QQ群", "通过微信工作群通知", "微信公众号：yanshijw2026", "微信 WeChat 8.0",
            "护照管理", "微信2026年", "MAC地址：ABCQQ12345", "加微信 zhangsan",
            # masked numbers, products, a phone word before the office's and other lines
            "138****5678", "手机 138****5678", "110***********1239", "6222 **** **** 1234",
            "622202******1234", "3*4*5=60", "12*30*2026", "联系电话：\n12388",
            "联系电话：\n0000-1234567", "电话\n2026年5月10日", "拨打\n演纪发〔2026〕3号",
            "手机\n1,234.56元", "来电\n2026-001", "号码\n135 77 58 44 57.0%",
            "Q1 2026", "2026年Q3", "Q2季度12345件", "企鹅馆", "QQ群", "企鹅号",
            "jubao#yanshi-demo.example.gov.cn", "用C#.NET开发", "第3#楼", "## 标题", "#12号"]
    return out


SCANNER = Scanner(["12388", "0000-1234567", "0571-87650000"],
                  ["jubao@yanshi-demo.example.gov.cn"])


def test_sample_sizes():
    assert len(positives()) >= 200 and len(negatives()) >= 200


def test_every_positive_sample_is_caught():
    missed = [text for kind, text in positives()
              if kind not in {h.kind for h in SCANNER.hits(text)}]
    assert missed == []


def test_no_negative_is_flagged():
    flagged = [text for text in negatives() if SCANNER.hits(text)]
    assert flagged == []


def test_every_issue_11_form_is_a_sample():
    forms = [text for _kind, text in positives()]
    assert len(hidden_forms(random.Random(1))) == 150 and len(near_misses(random.Random(1))) == 126
    assert any("\u00ad" in t for t in forms) and any("\u2060" in t for t in forms)


def test_hits_are_masked_in_messages():
    assert mask("phone", "138 1234 5678") == "138****5678"
    assert mask("id", "11010519900307123X") == "110***********123X"
    assert mask("email", "zhang.san@example.com") == "z***@example.com"
    assert valid_resident_id("11010519900307123X") is False
    assert valid_resident_id("110105199003071239") is True


# --------------------------------------------------------------------- injection

PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    '"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>",
    "[点我](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](https://evil.example/x.png)", '<iframe src="https://evil.example/"></iframe>',
    "## 标题 {onclick=alert(1)}", '{: onclick="alert(1)" }',
    '<a href="javascript:alert(1)">x</a>', "javascript:alert(document.cookie)",
    '<object data="https://evil.example/x.swf"></object>', '<embed src="https://evil.example/x">',
    "<style>body{background:url(https://evil.example/x)}</style>",
    '<div style="background:url(https://evil.example/x)">x</div>', "{{ 7*7 }}{% raw %}",
    "${alert(1)}", "<!-- c --><script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;", "<<script>script>alert(1)<</script>/script>",
    "| 表格 | 注入 |\n| --- | --- |", "<details open ontoggle=alert(1)>",
    '<a href="https://evil.example/">钓鱼链接</a>', "=cmd|' /C calc'!A0",
    "---\ntitle: 伪造\n---", '!!! danger "伪造通知"',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">', '<form action="https://evil.example/"><input></form>',
]


def _text_fields(fields):
    return [f.name for f in fields.values() if f.type in ("text", "longtext")]


def _yaml(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _injected_project(root: Path) -> Path:
    """The minimal project plus, for every payload, one record of every type with the
    payload in each of its free-text fields (and in the config's free-text fields)."""
    from generator import word

    project = make_project(root)
    types = record_types()
    units = [{"id": f"P{i}", "name": f"{p}#{i}", "kind": "乡镇", "supervisor": p,
              "service_window": "是", "approval": "否", "law_enforcement": "否"}
             for i, p in enumerate(PAYLOADS)]
    with (project / "data/units.csv").open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(units[0]), lineterminator="\n").writerows(units)
    assert set(_text_fields(types["unit"].fields)) == {"name", "supervisor"}
    lines = []
    for i, p in enumerate(PAYLOADS):
        lines += [f"- id: P{i}", f"  title: {_yaml(p + str(i))}", "  due: 2026-03-20",
                  "  unit_kinds: [乡镇]", f"  description: {_yaml(p)}"]
    (project / "data/commitments.yml").write_text(
        (project / "data/commitments.yml").read_text("utf-8") + "\n".join(lines) + "\n", "utf-8")
    subs = [{"commitment": f"P{i}", "unit": f"P{i}", "submitted_on": "2026-03-10",
             "link": "", "note": p} for i, p in enumerate(PAYLOADS)]
    (project / "data/submissions.csv").write_text(
        _csv(list(subs[0]), subs), "utf-8")
    for i, p in enumerate(PAYLOADS):
        case = "\n".join([
            f"id: P-{i}", "kind: 通报曝光", f"title: {_yaml(p)}", "published_on: 2026-05-10",
            f"unit: P{i}", "categories: [A3]", "source: 群众举报", f"facts: {_yaml(p)}",
            "persons:", f"  - name: {_yaml(p)}", f"    position: {_yaml(p)}",
            "    measures: [诫勉谈话]", f"outcome: {_yaml(p)}",
            "followups:", "  - date: 2026-06-01", f"    text: {_yaml(p)}",
            "corrections:", "  - date: 2026-06-02", f"    text: {_yaml(p)}",
            "actions:", "  - date: 2026-06-03", "    kind: 移送", f"    to: {_yaml(p)}",
            f"    text: {_yaml(p)}", ""])
        (project / f"data/cases/P-{i}.yml").write_text(case, "utf-8")
    tables = {
        "data/ledger/注入.csv": ("ledger", lambda i, p: {
            "id": f"LP-{i}", "unit": f"P{i}", "category": "B2", "problem": p, "measures": p,
            "target": p, "opened_on": "2026-04-01", "deadline": "2026-05-01", "lead_leader": p,
            "responsible": p, "handling": "限期整改", "status": "重新打开",
            "closed_on": "2026-04-20", "reopened_on": "2026-04-25", "reopen_reason": p,
            "lead_leader_name": p, "responsible_name": p, "progress": p, "closed_by": p}),
        "data/ledger_reviews.csv": ("ledger_review", lambda i, p: {
            "item": f"LP-{i}", "date": "2026-06-01", "finding": p, "result": "整改到位"}),
        "data/clues.csv": ("clue", lambda i, p: {
            "id": f"XP-{i}", "received_on": "2026-05-01", "source": "群众举报", "unit": f"P{i}",
            "handled_by": p, "responsible": p, "lead_leader": p, "status": "移送",
            "transferred_to": p, "outcome": p}),
        "data/totals.csv": ("total", lambda i, p: {
            "period": p, "measure": "追责问责人数", "count": "1", "source": p, "note": p}),
        "data/commendations.csv": ("commendation", lambda i, p: {
            "id": f"CP-{i}", "unit": f"P{i}", "title": p, "date": "2026-10-10", "issuer": p,
            "reason": p}),
        "data/rankings.csv": ("ranking", lambda i, p: {
            "year": "2025", "unit": f"P{i}", "rank": str(i + 1), "score": p, "grade": p}),
        "data/inspections.csv": ("inspection", lambda i, p: {
            "id": f"JP-{i}", "date": "2026-06-05", "body": p, "mode": "暗访", "units": f"P{i}",
            "problems_found": "1", "findings": p}),
        "data/warnings.csv": ("warning", lambda i, p: {
            "id": f"YP-{i}", "unit": f"P{i}", "date": "2026-07-01", "level": "黄牌", "points": "",
            "reason": p}),
    }
    for rel, (name, row) in tables.items():
        rows = [row(i, p) for i, p in enumerate(PAYLOADS)]
        written = {k for k, v in rows[0].items() if v in PAYLOADS}
        assert written == set(_text_fields(types[name].fields)), name
        (project / rel).write_text(_csv(list(rows[0]), rows), "utf-8")
    for i, p in enumerate(PAYLOADS):
        w = p.replace("{", "{{").replace("}", "}}")  # a frozen word is filled in: braces doubled
        words = {"attachments": w, "cc": w, "printed": "{date}" + w, "listing_head": w,
                 "listing_intro": w + "{subject}{as_of}{count}", "listing_columns": [w] * 5,
                 "listing_ledger_columns": [w] * 7, "days": "{days}" + w,
                 "contact": "{name}{phone}" + w, "correction": "{date}{text}" + w,
                 "seal": w, "case_withdrawn": "{date}" + w}
        (project / f"content/notices/p-{i}.md").write_text(
            # (a 通报's title ends with its 文种: the payload before it)
            f"---\ntitle: {_yaml(p + '的通报')}\ndate: 2026-05-10\ncategory: 通报\nsummary: {_yaml(p)}\n"
            f"words: {_yaml(words)}\n"
            f"document_style: {_yaml(word.current_style(project))}\n"
            f"doc_number: 演纪发〔2026〕{i + 101}号\nsigned_on: 2026-05-09\nto: {_yaml(p)}\n"
            f"issuer: {_yaml(p)}\ncc: [{_yaml(p)}]\n"
            f"cases: [P-{i}]\ncase_texts:\n  - case: P-{i}\n    heading: {_yaml(p)}\n"
            f"    text: {_yaml(p)}\n"
            f"corrections:\n  - date: 2026-05-11\n    text: {_yaml(p)}\n"
            f"listing:\n  subject: {_yaml(p)}\n  as_of: 2026-05-01\n  rows:\n"
            f"    - unit: P{i}\n      unit_name: {_yaml(p)}\n      status: 未报送\n"
            f"      days_late: 3\n      measure: {_yaml(p)}\n      problem: {_yaml(p)}\n"
            f"---\n\n正文。\n", "utf-8")
    site = project / "site_config/site.yml"
    site.write_text(site.read_text("utf-8").replace(
        "description: ", f"description: {_yaml(PAYLOADS[0])}\nx_old_description: ")
        .replace("x_old_description: 公开专项治理的承诺履行、典型案例、整改台账和举报渠道，接受群众监督。\n",
                 ""), "utf-8")
    return project


def test_payloads_in_every_free_text_field_are_published_inert(tmp_path):
    project = _injected_project(tmp_path / "c")
    data, report = validate(project, NOW)
    # A payload ending in punctuation loses it in 主送/抄送 (a note; page and document add their own).
    # Markup in a field is printed as text: a note that the reader will see the marks.
    assert [p for p in report.flatten()
            if p[2] not in ("notice-punctuation-removed", "text-markup")] == []
    assert {p.severity for p in report.problems if p.code == "text-markup"} == {"info"}
    assert not report.errors
    engine_config(ROOT, project)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "构建结果检查通过" in result.stderr
    # Published, as text: the reader sees the payload, the browser runs nothing.
    page = (tmp_path / "site/cases/P-1/index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_payload_in_a_notice_body_is_rejected_or_inert(index, tmp_path):
    project = make_project(tmp_path / "c")
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n" + PAYLOADS[index] + "\n", "utf-8")
    data, report = validate(project, NOW)
    if not report.valid:
        assert {p.path for p in report.problems} == {"content/notices/2026-05-notice.md"}
        assert all(p.line >= 9 for p in report.problems)
        assert {p.code for p in report.problems} <= {"unsafe-markup", "unlisted-host"}
        return
    site = build(project, NOW)
    body = site.pages["notices/2026-05-notice.md"]
    assert PAYLOADS[index].split("\n")[0] in body


def test_the_audit_of_an_injected_notice_body_is_clean(tmp_path):
    """The payloads check lets through (Markdown formatting) still build to a clean site."""
    project = make_project(tmp_path / "c")
    accepted = []
    for payload in PAYLOADS:
        probe = make_project(tmp_path / f"probe{len(accepted)}{abs(hash(payload)) % 997}")
        notice = probe / "content/notices/2026-05-notice.md"
        notice.write_text(notice.read_text("utf-8") + "\n" + payload + "\n", "utf-8")
        if validate(probe, NOW)[1].valid:
            accepted.append(payload)
        shutil.rmtree(probe)
    assert len(accepted) >= 8
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n\n".join([""] + accepted) + "\n", "utf-8")
    engine_config(ROOT, project)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "构建结果检查通过" in result.stderr


def test_code_that_shows_a_number_in_character_references_is_passed_by_check_and_build(tmp_path):
    """&#49;3812345678 and 138<span>1234</span>5678 in an indented code block are those
    characters on the page: check said personal-phone for them, and once check passed
    them the page's description printed the second as 138 1234 5678, which the audit
    refused. Both now pass, and both refuse the number written out in code."""
    project = make_project(tmp_path / "c")
    notice = project / "content/notices/2026-05-notice.md"
    written = notice.read_text("utf-8")
    notice.write_text(written + "\n写法示例：\n\n    &#49;3812345678\n    138<span>1234</span>5678\n"
                      "\n```\n&#x31;3912345678\n```\n", "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == []
    engine_config(ROOT, project)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site/notices/2026-05-notice/index.html").read_text("utf-8")
    assert 'content="现将' in page and "138&lt;span&gt;1234&lt;/span&gt;5678" in page


# ------------------------------------------------------------- every output file

def _all_text(site: Path) -> str:
    """Every file of a built site as text, JSON decoded (Han text is \\u-escaped there)
    and the search index's zero-width word breaks removed."""
    parts = []
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix in (".png", ".ico", ".gz", ".woff2"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        parts.append(text.replace("\u200b", ""))
    return "\n".join(parts)


def test_embargoed_case_is_absent_one_second_before_and_present_at_its_time(tmp_path):
    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8") + 'embargo: "2026-12-01 09:00"\n', "utf-8")
    notice = project / "content/notices/2026-05-notice.md"  # it quotes the case's title
    notice.write_text(notice.read_text("utf-8").replace(
        "category: 通报\n", 'category: 通报\nembargo: "2026-12-01 09:00"\n'), "utf-8")
    engine_config(ROOT, project)
    moment = int(dt.datetime(2026, 12, 1, 9, 0, tzinfo=TZ).timestamp())
    title = "东城镇办事员张某某推诿扯皮问题"
    before = mkdocs_build(project / "mkdocs.yml", tmp_path / "before", str(moment - 1))
    assert before.returncode == 0, before.stderr
    assert "构建时间：2026-12-01 08:59:59" in before.stderr
    text = _all_text(tmp_path / "before")
    assert title not in text and "cases/2026-001" not in text
    assert not (tmp_path / "before/cases/2026-001").exists()
    at = mkdocs_build(project / "mkdocs.yml", tmp_path / "at", str(moment))
    assert at.returncode == 0, at.stderr
    assert (tmp_path / "at/cases/2026-001/index.html").is_file()
    assert title in _all_text(tmp_path / "at")


def test_redacted_name_in_the_demo_appears_nowhere(demo_built):
    data, _ = validate(ROOT)
    redacted = [p["name"] for c in data.cases for p in c["persons"] if p.get("redacted")]
    assert redacted == ["欧阳某某"]
    text = _all_text(demo_built)
    assert text.count("欧阳某某") == 0
    assert "欧阳" not in text
    # ... while the case it belongs to is published, with the name withheld.
    page = (demo_built / "cases/2026-005/index.html").read_text("utf-8")
    assert "姓名不公开" in page


def test_withdrawn_case_facts_are_in_no_output(demo_built):
    data, _ = validate(ROOT)
    case = next(c for c in data.cases if c.state == "withdrawn")
    text = _all_text(demo_built)
    assert case["title"] not in text
    assert case["facts"].strip() not in text
    assert case["withdrawn"]["reason"] in text


def test_demo_site_passes_the_audit(demo_built):
    data, _ = validate(ROOT)
    assert audit(demo_built, policy_for(data, SCRIPTS)) == []


SCRIPTS = __import__("yaml").safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))[
    "extra_javascript"]
PLANTS = [
    ("cases/2026-002/index.html", "<p>x</p>", "<script>alert(1)</script>", "audit-script"),
    ("cases/2026-002/index.html", "<p>x</p>", '<img src="a.png" onerror="alert(1)">',
     "audit-event-handler"),
    ("cases/2026-002/index.html", "<p>x</p>", '<a href="javascript:alert(1)">x</a>',
     "audit-script-url"),
    ("cases/2026-002/index.html", "<p>x</p>", '<img src="https://cdn.example.com/a.png">',
     "audit-third-party"),
    ("cases/2026-002/index.html", "<p>x</p>", '<iframe src="/x"></iframe>', "audit-frame"),
    ("cases/2026-002/index.html", "<p>x</p>", "<p>身份证110105199003071239</p>",
     "personal-id-number"),
    ("cases/2026-002/index.html", "<p>x</p>", "<p>电话 139 1234 5678</p>", "personal-phone"),
    ("search/search_index.json", None, "欧阳某某", "audit-redacted-name"),
    ("units/XZ01/index.html", "<p>x</p>", "WITHDRAWN_TITLE", "audit-hidden-content"),
    ("feed.xml", None, None, "audit-third-party"),
    ("open-data/cases.csv", None, None, "personal-email"),
    # Issue 11: markup read as Chromium reads it, URLs by the WHATWG rules, text normalised.
    ("cases/2026-002/index.html", "<p>x</p>", '<!--><img src="x"/onerror=alert(1)>-->',
     "audit-event-handler"),
    ("cases/2026-002/index.html", "<p>x</p>", "<!---><svg/onload=alert(1)>-->",
     "audit-event-handler"),
    ("cases/2026-002/index.html", "<p>x</p>", '<a href="jav&#9;ascript:alert(1)">x</a>',
     "audit-script-url"),
    ("cases/2026-002/index.html", "<p>x</p>", '<img src="/\\evil.example/t.png" alt="x">',
     "audit-third-party"),
    ("cases/2026-002/index.html", "<p>x</p>", '<a href="https://evil.example\\@example.gov.cn/">x</a>',
     "audit-third-party"),
    ("cases/2026-002/index.html", "<p>x</p>", '<video poster="//evil.example/p.png"></video>',
     "audit-third-party"),
    ("cases/2026-002/index.html", "<p>x</p>", '<img src="a.png" srcset="https://evil.example/a.png 2x" alt="x">',
     "audit-third-party"),
    # (a <style> is refused as such, the charts' own excepted, and what it loads too)
    ("cases/2026-002/index.html", "<p>x</p>", '<style>@import "https://evil.example/x.css";</style>',
     "audit-style audit-third-party"),
    ("cases/2026-002/index.html", "<p>x</p>", '<a href="mailto:wangwu%40qq.com">写信</a>',
     "personal-email"),
    ("cases/2026-002/index.html", "<p>x</p>", "<p>手机 138\u00ad1234\u20605678</p>",
     "personal-phone"),
    ("cases/2026-002/index.html", "<p>x</p>", "<p>欧阳\u3000某\u2060某</p>", "audit-redacted-name"),
    # a file the audit cannot read is refused, never a traceback or a hang
    ("feeds/cases.xml", None, "<feed><title>县统计局\x1b执法队员</title></feed>",
     "audit-unreadable"),
    ("open-data/cases.json", None, '[{"id": "2026-001",', "audit-unreadable"),
    ("open-data/all.zip", None, "PK\x03\x04 not a zip", "audit-unreadable"),
    ("cases/2026-002/index.html", "<p>x</p>", "<p>银行卡 6222 0212 3456 7890 128</p>",
     "personal-bank-card"),
    # a host links may go to is not one the page may load from (site.yml link_hosts)
    ("cases/2026-002/index.html", "<p>x</p>", '<img src="https://www.example.gov.cn/a.png">',
     "audit-third-party"),
    ("cases/2026-002/index.html", "<p>x</p>", '<link rel="icon" href="https://www.example.gov.cn/f.ico">',
     "audit-third-party"),
    ("cases/2026-002/index.html", "<p>x</p>", '<p style="background:url(https://www.example.gov.cn/b.png)">x</p>',
     "audit-third-party"),
    # our own scripts are linked with ?v=<digest>: the query makes no other file ours
    ("cases/2026-002/index.html", "<p>x</p>",
     '<script src="../../assets/javascripts/reader.jsx?v=0123456789ab"></script>', "audit-script"),
]


@pytest.mark.parametrize("plant", PLANTS, ids=[p[3] + "-" + p[0].split("/")[0] for p in PLANTS])
def test_the_audit_finds_what_was_planted_and_names_the_file(plant, demo_built, tmp_path):
    rel, _marker, payload, code = plant
    if payload == "WITHDRAWN_TITLE":
        data, _ = validate(ROOT)
        payload = "<p>" + next(c["title"] for c in data.cases if c.state == "withdrawn") + "</p>"
    site = tmp_path / "site"
    shutil.copytree(demo_built, site)
    target = site / rel
    if rel.endswith(".html"):
        text = target.read_text("utf-8")
        target.write_text(text.replace("</article>", payload + "</article>", 1), "utf-8")
    elif rel == "search/search_index.json":
        index = json.loads(target.read_text("utf-8"))
        index["docs"][3]["text"] += "欧阳\u200b某某"
        target.write_text(json.dumps(index), "utf-8")
    elif code == "audit-unreadable":
        target.write_bytes(payload.encode("utf-8"))
    elif rel == "feed.xml":
        target.write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                          '<link href="https://tracker.example.net/p"/></feed>', "utf-8")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\ufeffid,note\n1,联系 zhang3@qq.com\n", "utf-8")
    data, _ = validate(ROOT)
    found = audit(site, policy_for(data, SCRIPTS), "site")
    assert [(p.code, p.path.split("#")[0]) for p in found] == [(c, f"site/{rel}")
                                                                for c in code.split()]


def test_the_audit_beside_the_engine_dying_is_never_waited_for(demo_built, tmp_path):
    """The audit's second process (Prescan) gone without an answer: its results are
    nothing, at once, and the audit at the end scans every file itself."""
    import time

    from generator.audit import Prescan

    data, _ = validate(ROOT)
    policy = policy_for(data, SCRIPTS)
    prescan = Prescan(demo_built, policy, "site", {})
    prescan.process.kill()
    prescan.process.join()
    started = time.monotonic()
    assert prescan.results() == {}
    assert time.monotonic() - started < 5
    assert audit(demo_built, policy, "site", prescanned={}) == []


def test_an_answer_the_second_process_gave_as_it_ended_is_read(demo_built):
    """On a busy machine the worker can put its answer and end just after a wait for it
    ran out: the process is gone, but its answer is in the pipe whole and is read (it
    was taken for a dead worker's, and every page was scanned again: the flake seen once
    in test_the_audit_in_a_second_process_finds_the_same under load)."""
    import queue

    from generator.audit import Prescan

    data, _ = validate(ROOT)
    policy = policy_for(data, SCRIPTS)
    pages = sorted(p.relative_to(demo_built).as_posix() for p in demo_built.rglob("*.html"))
    prescan = Prescan(demo_built, policy, "site", {})
    for rel in pages[:20]:
        prescan.written(rel)
    real_get, waits = prescan.out.get, []

    def wait_runs_out_as_the_worker_ends(*args, **kwargs):
        if not waits:
            waits.append(1)
            prescan.process.join()  # the worker answers and ends during this wait
            raise queue.Empty
        return real_get(*args, **kwargs)

    prescan.out.get = wait_runs_out_as_the_worker_ends
    assert sorted(prescan.results()) == pages[:20]
    assert waits == [1]


def test_a_table_all_zip_holds_again_is_reported_at_both_places(demo_built, tmp_path):
    """all.zip holds every open-data table again, byte for byte: the audit reads those bytes
    once (audit._Audit.seen) and reports what it finds at each place, line included; with
    the bytes it read in an earlier audit under the same policy (the preview), the same."""
    import io
    import zipfile

    site = tmp_path / "site"
    shutil.copytree(demo_built, site)
    planted = "\ufeffid,note\n1,联系 zhang3@qq.com\n".encode("utf-8")
    (site / "open-data" / "cases.csv").write_bytes(planted)
    archive = site / "open-data" / "all.zip"
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as old:
        members = {name: old.read(name) for name in old.namelist()}
    assert "cases.csv" in members
    members["cases.csv"] = planted
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
    archive.write_bytes(out.getvalue())
    data, _ = validate(ROOT)
    policy = policy_for(data, SCRIPTS)
    expected = [("personal-email", "site/open-data/all.zip!cases.csv", 2),
                ("personal-email", "site/open-data/cases.csv", 2)]
    memo: dict = {}
    for _run in range(2):
        found = audit(site, policy, "site", memo=memo)
        assert [(p.code, p.path, p.line) for p in found] == expected
    assert memo  # the second audit read every file's bytes from the first


def test_audit_command(demo_built, capsys, monkeypatch):
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    assert main(["--root", str(ROOT), "audit", str(demo_built)]) == 0
    assert capsys.readouterr().out.strip().endswith("检查通过：没有个人信息、未公开内容、脚本或第三方引用。")


@pytest.mark.parametrize("before", [True, False], ids=["planted-then-prescanned",
                                                       "prescanned-then-planted"])
@pytest.mark.parametrize("plant", [PLANTS[0], PLANTS[5], PLANTS[8]],
                         ids=lambda p: p[3])
def test_the_audit_in_a_second_process_finds_the_same(plant, before, demo_built, tmp_path):
    """The build audits pages in a second process while the engine writes them
    (audit.Prescan): a problem in a page is found whether the page was scanned there or
    changed after it was, and named exactly as the audit alone names it."""
    from generator.audit import Prescan

    rel, _marker, payload, code = plant
    data, _ = validate(ROOT)
    if payload == "WITHDRAWN_TITLE":
        payload = "<p>" + next(c["title"] for c in data.cases if c.state == "withdrawn") + "</p>"
    site = tmp_path / "site"
    shutil.copytree(demo_built, site)
    target = site / rel

    def plant_it():
        text = target.read_text("utf-8")
        target.write_text(text.replace("</article>", payload + "</article>", 1), "utf-8")

    policy = policy_for(data, SCRIPTS)
    if before:
        plant_it()
    prescan = Prescan(site, policy, "site", {})
    for path in sorted(site.rglob("*.html")):
        prescan.written(path.relative_to(site).as_posix())
    prescanned = prescan.results()
    assert rel in prescanned and len(prescanned) == len(list(site.rglob("*.html")))
    if not before:
        plant_it()
    found = audit(site, policy, "site", prescanned)
    assert found == audit(site, policy, "site")
    assert [(p.code, p.path.split("#")[0]) for p in found] == [(c, f"site/{rel}")
                                                                for c in code.split()]


def test_phrases_find_what_a_loop_over_every_name_finds():
    """Redacted names and hidden texts are found in one pass over a text (Aho-Corasick),
    whatever their number: the answer is the one a loop over every phrase gives, first
    offsets included, for overlapping names, a name inside another and repeated ones."""
    from generator.privacy import Phrases

    rng = random.Random(2028)
    alphabet = "王张李小明红某甲乙 ab"
    for _ in range(400):
        names = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5)))
                 for _ in range(rng.randrange(0, 12))]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        expected = {}
        for name in dict.fromkeys(n for n in names if n):
            if name in text:
                expected[name] = text.index(name)
        found = Phrases(names).find(text)
        assert found == expected
        assert list(found) == list(expected)  # in the order the phrases were given


def test_a_redacted_name_among_many_is_reported_in_every_record_that_shows_it(tmp_path):
    """Three hundred redacted names: the two another record shows (one spaced and split by
    a zero-width space, as pasted text comes) are reported at that record's line, each
    once; the names nobody repeats are not."""
    from generator.checks import _privacy_rules
    from generator.problems import Location
    from generator.records import Rec

    data, report = validate(make_project(tmp_path), NOW)
    assert report.valid
    singles = {"site": data.site, "campaign": data.campaign, "taxonomy": data.taxonomy,
               "channels": data.channels}
    collections = {name: list(records) for name, records in data.collections.items()}
    first, other = collections["cases"][0], collections["commitments"][0]
    names = [f"赵{chr(0x4e00 + i)}{chr(0x4f00 + i)}" for i in range(300)]
    persons = []
    for i, name in enumerate(names):
        person = Rec(Location(first.where.path, 1000 + i))
        person.update(name=name, redacted=True)
        persons.append(person)
    first["persons"] = list(first.get("persons") or []) + persons
    other["title"] = f"{names[7][0]} {names[7][1]}\u200b{names[7][2]}与{names[299]}的问题"
    found = [p for p in _privacy_rules(singles, collections) if p.code == "redacted-name-shown"]
    assert [(p.path, p.line, p.field) for p in found] == [
        (other.where.path, other.at("title").line, "名称")] * 2
    assert [names[7] in p.message for p in found] == [True, False]
    assert [names[299] in p.message for p in found] == [False, True]


def test_a_search_entry_read_before_keeps_its_problems_at_its_new_place(tmp_path,
                                                                         monkeypatch):
    """The audit reads an entry of the search index once per page and text: the same text
    of the same page again, in this index or in the next one the preview writes (its memo
    kept), is found at that entry's own place; a changed entry is read again."""
    data, _ = validate(ROOT)
    policy = policy_for(data, SCRIPTS)
    site = tmp_path / "site"
    index = site / "search" / "search_index.json"
    index.parent.mkdir(parents=True)
    leak, clean = "<p>电话 139 1234 5678</p>", "<p>没有问题</p>"

    def write(*texts):
        docs = [{"location": f"p{n}/", "title": "标题", "text": t} for n, t in enumerate(texts)]
        index.write_text(json.dumps({"config": {}, "docs": docs}, ensure_ascii=False), "utf-8")

    def found(memo):
        return [(p.code, p.path) for p in audit(site, policy, "site", memo=memo)]

    write(leak, clean, leak)
    memo: dict = {}
    where = "site/search/search_index.json#docs[{}].text"
    assert found(memo) == [("personal-phone", where.format(1)),
                           ("personal-phone", where.format(3))]
    from generator import audit as auditing

    parsed = []
    html = auditing._Audit.html
    monkeypatch.setattr(auditing._Audit, "html",
                        lambda self, rel, text, offset=0: parsed.append(text) or
                        html(self, rel, text, offset))
    write(clean, clean, leak, "<p>邮箱 wangwu@qq.com</p>")  # the next rebuild's index
    assert found(memo) == [("personal-phone", where.format(3)),
                           ("personal-email", where.format(4))]
    # only what was not read before for the same page (an entry's problems depend on its
    # page: a notice's contact is allowed in that notice's entry only): p0's new text, and
    # the new p3's title and text
    assert parsed == ["<p>没有问题</p>", "标题", "<p>邮箱 wangwu@qq.com</p>"]
    assert found(None) == found(memo)  # what an audit with nothing kept finds


def _person_case(tmp_path, name: str, facts: str, redacted: bool = False):
    from conftest import make_project

    project = make_project(tmp_path / "c")
    case = project / "data/cases/2026-001.yml"
    text = case.read_text("utf-8").replace("  - name: 张某某", f"  - name: {name}"
                                            + ("\n    redacted: 是" if redacted else ""))
    text = text.replace("  2026年4月，东城镇办事员张某某在办理低保申请过程中推诿扯皮。", f"  {facts}")
    case.write_text(text, "utf-8")
    return project, text.split("\n")


@pytest.mark.parametrize("written", ["罗小军还在群里公布了举报人", "罗　小军还在群里公布了举报人"])
def test_a_name_printed_as_surname_and_mou_is_not_written_in_full_elsewhere(tmp_path, written):
    """A 一般干部 is printed 罗某 under 姓加某: their full name in the facts would undo
    it. check names the line; the audit finds it in the built site too."""
    project, lines = _person_case(tmp_path, "罗小军", written)
    _data, report = check(project, NOW)
    facts = lines.index("facts: |") + 2  # the line in the block that holds the name
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("data/cases/2026-001.yml", facts, "masked-name-shown")]
    assert "“罗某”" in str(report.problems[0])
    project, _lines = _person_case(tmp_path / "2", "罗小军", "罗某还在群里公布了举报人")
    _data, report = check(project, NOW)
    assert report.valid  # the masked name, and the full one where it is set, are fine
    data, _ = validate(project, NOW)
    assert audit_names(data) == {"罗小军"}


@pytest.mark.parametrize("name, shown", [("欧阳晓明", "欧阳某"), ("司马南", "司马某"),
                                         ("欧小明", "欧某"), ("罗小军", "罗某")])
def test_a_masked_name_keeps_its_whole_surname(tmp_path, name, shown):
    """姓加某 keeps a compound surname whole (欧阳某, not 欧某, which is another family);
    the full name in the facts is then found under the name the site prints."""
    project, lines = _person_case(tmp_path, name, f"{name}还在群里公布了举报人")
    _data, report = check(project, NOW)
    facts = lines.index("facts: |") + 2
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("data/cases/2026-001.yml", facts, "masked-name-shown")]
    assert f"“{shown}”" in str(report.problems[0])


def audit_names(data):
    return policy_for(data, SCRIPTS).redacted


@pytest.mark.parametrize("dot", ["\u00b7", "\u30fb", "\u2027", "\uff65", "\u2022", "-", "."])
def test_a_redacted_name_is_found_whatever_dot_joins_its_parts(tmp_path, dot):
    project, lines = _person_case(tmp_path, "阿依古丽·买买提", f"阿依古丽{dot}买买提在工作中推诿扯皮",
                                  redacted=True)
    _data, report = check(project, NOW)
    facts = lines.index("facts: |") + 2  # the line in the block that holds the name
    assert ("data/cases/2026-001.yml", facts, "redacted-name-shown") in [
        (p.path, p.line, p.code) for p in report.problems]


@pytest.mark.parametrize("name, written", [
    ("王晓红", "王曉紅在工作中推诿扯皮"), ("王晓红", "王晓紅在工作中推诿扯皮"),
    # a katakana or bopomofo letter drawn as one of its characters (王カ is 王力 on the
    # screen), half-width too: the look-alike units are refused by, read as the name
    ("王力", "王カ在工作中推诿扯皮"), ("丁一", "丁ー在工作中推诿扯皮"), ("丁一", "丁ㄧ在工作中推诿扯皮"),
    ("王力", "王ｶ在工作中推诿扯皮")])
def test_a_redacted_name_is_found_in_traditional_characters(tmp_path, name, written):
    """張三 is 张三 to whoever knows him: a redacted name written (or pasted from a text in
    traditional characters) in another form of its characters was published unseen by
    check and by the audit."""
    project, lines = _person_case(tmp_path, name, written, redacted=True)
    _data, report = check(project, NOW)
    facts = lines.index("facts: |") + 2
    assert ("data/cases/2026-001.yml", facts, "redacted-name-shown") in [
        (p.path, p.line, p.code) for p in report.problems]
    data, _ = validate(project, NOW)
    site = tmp_path / "site"
    (site / "x").mkdir(parents=True)
    (site / "x/index.html").write_text(f"<p>{written}</p>", "utf-8")
    assert [p.code for p in audit(site, policy_for(data), "site")] == ["audit-redacted-name"]


@pytest.mark.parametrize("text, cards", [
    ("转入其个人银行卡 6222 0212 3456 7890 128（账号 6228480012345671）", 2),
    ("卡号 4111-1111-1111-1111", 1),
    ("编号 6228480012345672", 0),  # the check digit does not match: not a card
    ("文号 2026000100020003", 0),  # a card starts 4, 5, 6 or 9
    ("身份证110105199003071239", 0),  # an ID number, reported as one
])
def test_bank_card_numbers_are_found_by_their_check_digit(text, cards):
    hits = Scanner().hits(text)
    assert [h.kind for h in hits].count("card") == cards
    assert all(h.code == "personal-bank-card" for h in hits if h.kind == "card")
    assert "0212 3456" not in mask("card", "6222 0212 3456 7890 128")


def test_a_ledger_persons_masked_name_is_not_written_in_full_elsewhere(tmp_path):
    """A ledger's 责任人 of rank 一般干部 is printed 王某: written in full in another
    column of any row (or in a case), check names it; the same name in the name column
    of another row is fine."""
    from conftest import make_project

    project = make_project(tmp_path / "c")
    ledger = project / "data/ledger/台账.csv"
    rows = ledger.read_text("utf-8").split("\n")
    rows[0] += ",responsible_name,responsible_rank"
    rows[1] += ",王小明,一般干部"
    rows[2] = rows[2].replace("审批时限长", "王小明审批时限长") + ",王小明,一般干部"
    rows[3:] = [row + ",," if row else row for row in rows[3:]]
    ledger.write_text("\n".join(rows), "utf-8")
    _data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("data/ledger/台账.csv", 3, "masked-name-shown")]
    assert "“王某”" in str(report.problems[0])


# -- review (fix-privacy): numbers as clerks write them, a reporter's identity ----------

RID = "110105199003071239"  # a valid check character


@pytest.mark.parametrize("text, kind", [
    (f"身份证{RID[:6]}、{RID[6:14]}、{RID[14:]}", "id"),       # enumeration comma
    (f"身份证号 {RID[:6]}，{RID[6:]}", "id"),                   # full-width comma
    (f"身份证 {RID[:6]}\t{RID[6:]}", "id"),                     # a tab (Excel cell paste)
    (f"身份证 {RID[:10]}\n  {RID[10:]}", "id"),                 # wrapped in a YAML block
    (f"身份证 {RID[:6]}    {RID[6:]}", "id"),                   # four spaces
    (f"身份证 {RID[:6]}：{RID[6:]}", "id"),                     # full-width colon
    ("手机 138、0013、8000", "phone"),
    ("手机 138:0013:8000", "phone"),
    ("手机 138 0013\n8000", "phone"),
    ("联系人：王某 013800138000", "phone"),                    # the trunk 0 before a mobile
    ("手机 0138-0013-8000", "phone"),
    ("（0）138 0013 8000", "phone"),
    ("手机一三八零零一三八零零零", "phone"),                     # Chinese numerals
    ("手机一三八〇〇一三八〇〇〇", "phone"),
    ("手机\u0661\u0663\u0668\u0660\u0660\u0661\u0663\u0668\u0660\u0660\u0660", "phone"),
    ("手机\u0967\u0969\u096e\u0966\u0966\u0967\u0969\u096e\u0966\u0966\u0966", "phone"),
    ("家庭电话0571-88123456", "landline"),
    ("（0571）88123456", "landline"),
    ("(0571)8812 3456", "landline"),
    ("0571 88123456", "landline"),
    ("座机 010-62345678", "landline"),
    ("+86 571 88123456", "landline"),
    # an ID in groups no rule makes: a form's boxes, threes, 6-6-6
    (f"身份证号码：{' '.join(RID)}", "id"),
    (f"证号 {' '.join(RID[k:k + 3] for k in range(0, 18, 3))}", "id"),
    (f"证号 {RID[:6]}-{RID[6:12]}-{RID[12:]}", "id"),
    # a plate with a space after its province, or the province in its traditional form
    ("车牌云 A 12345", "plate"),
    ("車牌雲A·12345", "plate"),
    ("粵B 12345", "plate"),
])
def test_personal_numbers_written_as_clerks_write_them_are_found(text, kind):
    assert [h.kind for h in Scanner().hits(text)] == [kind]


@pytest.mark.parametrize("text", [
    "举报电话 12388", "工作日 8:30—12:00，14:30—17:30", "2026-001、2026-002、2026-003",
    "第45、46、47、48、49、50、51、52条", "一是压实责任，二是强化督办", "二〇二六年十一月",
    "3301 0619 7208 2260 08", "共 13 8 12 34 56 78 条", "座机 010-13812345",
])
def test_numbers_that_are_no_ones_are_not_found(text):
    assert Scanner().hits(text) == []


def _appended_line(project) -> int:
    """The line of the text a test appended to the minimal notice after a blank line."""
    return (project / "content/notices/2026-05-notice.md").read_text("utf-8").rstrip(
        "\n").count("\n") + 1


def test_an_official_landline_in_the_channels_is_allowed_however_written(tmp_path):
    project = make_project(tmp_path / "c")
    channels = project / "site_config/channels.yml"
    channels.write_text(channels.read_text("utf-8").replace(
        "value: 0000-1234567", "value: 0571-87650000"), "utf-8")
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n联系电话：（0571）8765 0000，0571-87650001。\n",
                      "utf-8")
    _data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("content/notices/2026-05-notice.md", _appended_line(project), "personal-landline")]
    assert "057*****0001" in str(report.errors[0])


def _facts(project, facts: str) -> list[str]:
    case = project / "data/cases/2026-001.yml"
    text = case.read_text("utf-8").replace(
        "  2026年4月，东城镇办事员张某某在办理低保申请过程中推诿扯皮。\n", facts)
    case.write_text(text, "utf-8")
    return text.split("\n")


def _errors(report):
    return sorted((p.path, p.line, p.code) for p in report.problems if p.is_error)


def test_numbers_in_case_facts_are_found_at_their_line(minimal):
    lines = _facts(minimal, "  东城镇办事员张某某推诿扯皮。\n"
                   "  家庭电话0571-88123456，手机138、0013、8000，\n"
                   "  身份证110105、19900307、1239，手机号一三八零零一三八零零零。\n")
    _data, report = check(minimal, NOW)
    facts = lines.index("facts: |") + 1
    path = "data/cases/2026-001.yml"
    assert _errors(report) == sorted([
        (path, facts + 2, "personal-landline"), (path, facts + 2, "personal-phone"),
        (path, facts + 3, "personal-id-number"), (path, facts + 3, "personal-phone")])


def test_numbers_in_a_notice_body_are_found_at_their_line(minimal):
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n身份证号 110105，199003071239，"
                      "电话 138:0013:8000，座机 (0571)88123456\n", "utf-8")
    _data, report = check(minimal, NOW)
    path = "content/notices/2026-05-notice.md"
    line = _appended_line(minimal)
    assert _errors(report) == [(path, line, "personal-id-number"), (path, line, "personal-landline"),
                               (path, line, "personal-phone")]


def test_an_id_number_split_over_two_lines_is_found_by_check_and_by_the_audit(minimal, tmp_path):
    """check named nothing; the audit found the number only where whitespace had been
    collapsed (the meta description, the search index), never in the open data."""
    lines = _facts(minimal, "  东城镇办事员张某某推诿扯皮，身份证1101051990\n  03071239。\n")
    _data, report = check(minimal, NOW)
    assert _errors(report) == [
        ("data/cases/2026-001.yml", lines.index("facts: |") + 2, "personal-id-number")]
    from generator.problems import Report

    data, _ = validate(minimal, NOW)
    site = build(minimal, NOW, history=False, checked=(data, Report()))  # built regardless
    out = tmp_path / "site"
    for rel in ("open-data/cases.csv", "open-data/cases.json", "feeds/cases.xml"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(site.files[rel] if isinstance(site.files[rel], bytes)
                                else site.files[rel].encode("utf-8"))
    found = audit(out, policy_for(data), "site")
    # (the feed's summary is the facts' words as the page shows them: the number is whole
    # in it, as on the page)
    assert sorted((p.path, p.line, p.code) for p in found) == [
        ("site/feeds/cases.xml", 0, "personal-id-number"),
        ("site/open-data/cases.csv", 2, "personal-id-number"),
        ("site/open-data/cases.json", 1, "personal-id-number")]


def test_a_number_in_a_notice_file_name_is_found_by_check(minimal):
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.rename(minimal / "content/notices/2026-12-01-zhang-13800138000.md")
    (minimal / "content/notices/files").mkdir()
    (minimal / "content/notices/files/名单-13900139000.txt").write_text("名单", "utf-8")
    _data, report = check(minimal, NOW)
    assert [(p.path, p.line, p.code, p.field) for p in report.problems if p.is_error] == [
        ("content/notices/2026-12-01-zhang-13800138000.md", 1, "personal-phone", "文件名"),
        ("content/notices/files/名单-13900139000.txt", 1, "personal-phone", "文件名")]


@pytest.mark.parametrize("facts, codes", [
    ("经群众张三丰举报（住址人民路88号3单元502室，车牌浙A12345）。",
     ["licence-plate", "personal-address", "reporter-identity"]),
    ("经举报人李建国（男）反映，", ["reporter-identity"]),
    ("信访人：欧阳明月反映，", ["reporter-identity"]),
    ("群众王小红来信反映，", ["reporter-identity"]),
    ("举报人高建国实名举报，", ["reporter-identity"]),
    ("群众洪小兵来信反映，", ["reporter-identity"]),
    ("举报人为于海洋，男，", ["reporter-identity"]),
    ("举报人：向明。", ["reporter-identity"]),
    ("信访人是关晓红（女）。", ["reporter-identity"]),
    ("村民李建国实名举报，", ["reporter-identity"]),
    ("经王小明举报，", ["reporter-identity"]),
    ("据张晓红反映，", ["reporter-identity"]),
    ("业主刘大伟多次投诉。", ["reporter-identity"]),
    ("其住在幸福小区3栋2单元502室。", ["personal-address"]),
    ("其住在幸福小区5栋302，", ["personal-address"]),
    ("其家住阳光新村3号楼1502。", ["personal-address"]),
    ("留下微信号：zhang_mou07。", ["personal-account"]),
    ("其家住李家村3组15号。", ["personal-address"]),
    ("驾驶新能源车浙AD12345。", ["licence-plate"]),
    ("其家住幸福小区三栋三零二。", ["personal-address"]),
    ("另一户在3栋2单元302室。", ["personal-address"]),
    ("让群众加QQ群：123456789。", ["personal-account"]),
    ("留下微信号：zhang-san。", ["personal-account"]),
    ("留下手机 1381 234 5678。", ["personal-phone"]),
])
def test_a_reporters_identity_address_and_plate_are_refused_at_their_line(minimal, facts, codes):
    lines = _facts(minimal, f"  东城镇办事员张某某推诿扯皮。\n  {facts}\n")
    _data, report = check(minimal, NOW)
    line = lines.index("facts: |") + 3  # the second line of the block
    assert _errors(report) == [("data/cases/2026-001.yml", line, c) for c in codes]
    assert "张三丰" not in str(report.errors[0]) and "88号" not in str(report.errors[0])


def test_a_reporters_name_in_a_notice_body_is_refused(minimal):
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n经举报人李建国（某村村民）反映，情况属实。\n",
                      "utf-8")
    _data, report = check(minimal, NOW)
    assert _errors(report) == [("content/notices/2026-05-notice.md", _appended_line(minimal),
                                "reporter-identity")]


@pytest.mark.parametrize("text", [
    "群众多次举报", "群众强烈反映", "群众普遍反映", "对群众反映的问题推诿扯皮", "群众举报该单位一名办事员",
    "举报人向县纪委反映", "被举报人张三称", "被反映人王五", "对举报人的姓名、单位、住址严格保密",
    "经群众王某举报", "举报人陈述的问题", "群众方面反映", "县纪委监委信访室", "群众信访事项",
    "演示县人民路 1 号县纪委监委信访室（邮编 000000）", "人民路1号3楼", "第3单元学习",
    "川A股", "京津冀协同", "浙A类项目", "苏ABCDE",
    "新建小区3栋2019年交付", "安置小区10栋800套", "小区12栋1.5万元", "小区5栋300人",
    "举报人于2026年5月反映", "举报人连续多次举报", "举报人毕业于某校", "举报人尚未收到答复",
    "举报人为此多次来信", "举报人：匿名。", "举报人是关心此事的群众", "举报人为单位职工。",
    "举报人申请复查", "举报人是明白人。", "举报人高度关注", "举报人为全体村民。",
    "经方山镇反映", "据石桥镇卫生院反映", "经高新区举报", "由卫生院反映", "经查实举报属实",
    "经村民举报", "据群众反映", "由于群众举报", "经王某某举报", "接到举报",
])
def test_words_that_name_no_reporter_house_or_car_are_not_found(text):
    assert Scanner().hits(text) == []


@pytest.mark.parametrize("text, kind, shown", [
    # a flat written in Chinese numerals, or by building, entrance and flat alone
    ("其住在幸福小区三栋三零二。", "address", "小区*栋***"),
    ("住东城镇幸福小区三栋三零二室", "address", "小区*栋***室"),
    ("幸福小区五号楼三单元", "address", "小区*号楼*单元"),
    ("其住址为3栋2单元302室。", "address", "*栋*单元***室"),
    ("另一户在2单元302室。", "address", "*单元***室"),
    ("三栋二单元", "address", "*栋*单元"),
    ("其家住新华村三组十二号。", "address", "村*组**号"),
    # said to be where someone lives: a building, a road's number
    ("其家住幸福小区5号楼。", "address", "*号楼"),
    ("住在阳光花园七幢，", "address", "花园*幢"),
    ("家住县城建设路二十五号", "address", "路***号"),
    ("住在3栋302", "address", "*栋***"),
    # a mobile grouped as no rule groups it, after a word naming a phone
    ("手机 1381 234 5678", "phone", "138****5678"),
    ("电话：13812 345 678", "phone", "138****5678"),
    ("联系电话 138 12 34 56 78", "phone", "138****5678"),
    ("手机号码：1 3 8 1 2 3 4 5 6 7 8", "phone", "138****5678"),
    ("Tel: +86 1381 234 5678", "phone", "138****5678"),
    ("手机 0086 1381 2345 678", "phone", "138****5678"),
    # a QQ group's number, a WeChat id of letters alone after 微信号
    ("QQ群：123456789", "account", "12******9"),
    ("QQ群号 987654321", "account", "98******1"),
    ("加QQ群123456789", "account", "12******9"),
    ("扣扣群123456789", "account", "12******9"),
    ("QQ群 一二三四五六七八九", "account", "12******9"),
    ("微信号：zhang-san", "account", "zh******n"),
    ("微信号是lisisi", "account", "li****i"),
    ("WeChat ID: zhangsan", "account", "zh*****n"),
    ("V信:zs12345", "account", "zs****5"),
    ("微信：zhangsan", "account", "zh*****n"),
])
def test_addresses_mobiles_and_accounts_in_every_written_form_are_found(text, kind, shown):
    found = Scanner(["12388", "0000-1234567"]).hits(text)
    assert [(h.kind, mask(h.kind, h.value)) for h in found] == [(kind, shown)]


@pytest.mark.parametrize("text", [
    # a building no one is said to live in; a 文号; a clause about other people
    "幸福小区5号楼电梯停运三个月", "依据县纪发〔2026〕3号文件督办", "住建局3号文件", "住房保障3号令",
    "居住在东城镇的群众反映，县纪发〔2026〕3号文件", "住在县城的群众反映人民路1号的问题",
    "共有3栋楼2个单元", "居住在这3栋楼里的群众", "改造幸福小区3栋楼", "住在幸福小区的3户群众",
    "一栋一策", "三单元课文", "居住证明2份", "第三百八十五条", "2026年3月5日至3月15日",
    # figures, a short number, the reporting line, a landline, no mobile's eleven digits
    "共 13 8 12 34 56 78 条", "政府部门 135 77 58 44 57.0%", "举报电话 12388",
    "联系电话 138 1234 567", "手机号 1 3 8 1 2 3 4 5 6 7", "号码 2026 0501 123",
    "拨打 12388 或 0000-1234567", "电话 0000 123 4567", "涉及资金 1,381,234.56 元",
    # an account's word without one
    "QQ群", "微信群 2026年", "微信号：abc", "加微信 zhangsan", "微信公众号：yanshijw2026",
    "微信 WeChat 8.0", "关注微信：清廉演示",
    # a court's case number, a case id, a statute's article
    "（2026）云0102刑初123号", "案件编号 2026-001", "依据第三十二条第2款",
    # the county's own mobile hotline (channels.yml) however it is grouped
    "举报电话 1398 765 4321", "举报手机 139 87 65 43 21",
])
def test_numbers_and_words_near_those_forms_are_not_found(text):
    assert Scanner(["12388", "0000-1234567", "139 8765 4321"]).hits(text) == []


def test_the_demo_and_the_seed_documents_give_no_false_positive():
    # the channels' numbers, and the office number a demo 通报 names as its contact (the
    # audit allows it as it allows them: privacy.notice_contact_phones)
    scanner = Scanner(["12388", "0000-1234567", "0874-8212345"],
                      ["jubao@yanshi-demo.example.gov.cn"])
    texts = [p.read_text("utf-8") for p in sorted(Path("/work/shared/seeds").glob("*.txt"))] \
        if Path("/work/shared/seeds").is_dir() else []
    for folder in ("data", "content", "site_config"):
        texts += [p.read_text("utf-8-sig") for p in sorted((ROOT / folder).rglob("*"))
                  if p.suffix in (".yml", ".md", ".csv")]  # data-spec.md: the help texts too
    texts += [p.read_text("utf-8-sig") for p in sorted((Path(__file__).parent / "data" / "seeds")
                                                        .rglob("*")) if p.suffix in (".yml", ".csv")]
    found = [(h.kind, h.value) for t in texts for h in scanner.hits(t)]
    assert found == []


def test_a_masked_name_in_an_attachment_is_reported_as_masked(minimal):
    """林小明 is printed 林某: found whole in an xlsx attachment, it is a masked name
    written in full (masked-name-shown), not a hidden one (redacted-name-shown)."""
    from openpyxl import Workbook

    case = minimal / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace("  - name: 张某某", "  - name: 林小明"), "utf-8")
    (minimal / "content/notices/files").mkdir()
    book = Workbook()
    book.active.append(["姓名", "单位"])
    book.active.append(["林小明", "东城镇"])
    book.save(minimal / "content/notices/files/名单.xlsx")
    _data, report = check(minimal, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("content/notices/files/名单.xlsx", 2, "masked-name-shown")]
    assert "“林某”" in str(report.errors[0])


@pytest.mark.parametrize("page, code", [
    ("<p>手机 138<span>1234</span>5678</p>", "personal-phone"),
    ("<p>身份证 110105<em>1990</em>03071239</p>", "personal-id-number"),
    ("<p>欧阳<abbr title='注'>某某</abbr></p>", "audit-redacted-name"),
    ("<p>撤回案件的<i>标题原文</i>共六字</p>", "audit-hidden-content"),
    ("<p>电话<br>13812345678</p>", "personal-phone"),
])
def test_the_audit_reads_a_phrase_split_over_inline_elements_as_the_screen_shows_it(page, code,
                                                                                       tmp_path):
    """The audit read every text node apart: a number or a hidden record's line split
    by <span>, <em> or an element with a title passed."""
    from generator import privacy, sanitize

    policy = __import__("generator.audit", fromlist=["Policy"]).Policy(
        privacy.Scanner(), sanitize.Links("https://jw.example.gov.cn/", set()),
        redacted={"欧阳某某"}, hidden={"撤回案件的标题原文共六字"})
    (tmp_path / "p.html").write_text(f"<!DOCTYPE html><html><body>\n{page}\n</body></html>",
                                     "utf-8")
    assert [(p.code, p.line) for p in audit(tmp_path, policy, "site")] == [(code, 2)]


def test_the_audit_reads_blocks_apart(tmp_path):
    from generator import privacy, sanitize
    from generator.audit import Policy

    policy = Policy(privacy.Scanner(), sanitize.Links("https://jw.example.gov.cn/", set()))
    (tmp_path / "p.html").write_text("<table><tr><td>2026</td><td>13812345678</td></tr>"
                                     "<tr><td>1381234</td><td>5678</td></tr></table>", "utf-8")
    assert [p.code for p in audit(tmp_path, policy, "site")] == ["personal-phone"]


@pytest.mark.parametrize("rel, text, code", [
    ("a.html", '<meta http-equiv="refresh" content="0;https://evil.example/">', "audit-third-party"),
    ("a.html", "<meta http-equiv=\"Refresh\" content=\"0; URL = 'https://evil.example/'\">",
     "audit-third-party"),
    ("a.html", '<meta http-equiv="refresh" content="0,javascript:alert(1)">', "audit-script-url"),
    ("assets/x.css", 'a{background:url("\\2f\\2f evil.example/x.png")}', "audit-third-party"),
    # an XML file obeys <?xml-stylesheet?> (CSS or XSLT), which an HTML parser reads as a comment
    ("files/a.svg", '<?xml-stylesheet type="text/xsl" href="p.xsl"?><svg xmlns="http://www.w3.org'
                    '/2000/svg"/>', "audit-script"),
])
def test_the_audit_reads_refresh_targets_and_css_files_as_the_browser_does(rel, text, code,
                                                                            tmp_path):
    """A refresh target was looked for only after "url=" (the standard makes it optional
    and allows spaces), and a stylesheet's url() only where "//" was written as such."""
    from generator import privacy, sanitize
    from generator.audit import Policy

    policy = Policy(privacy.Scanner(), sanitize.Links("https://jw.example.gov.cn/", set()))
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_text(text, "utf-8")
    assert [(p.path, p.line, p.code) for p in audit(tmp_path, policy, "site")] == [
        ("site/" + rel, 1, code)]


def test_character_references_in_a_notice_body_are_read_as_the_page_shows_them(minimal,
                                                                                tmp_path):
    """&#49;3812345678 is a mobile on the page and in the 公文 (the engine and the Word
    writer decode it), &#x202E; a bidi override: check read the body as written and passed
    both, the build's audit refused them; check now says them at their line."""
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n电话&#49;3812345678，东城&#x202E;镇\n",
                      "utf-8")
    _data, report = check(minimal, NOW)
    path, line = "content/notices/2026-05-notice.md", _appended_line(minimal)
    assert _errors(report) == [(path, line, "control-character"), (path, line, "personal-phone")]
    from generator.problems import Report

    data, _ = validate(minimal, NOW)
    site = build(minimal, NOW, history=False, checked=(data, Report()))  # built regardless
    out = tmp_path / "site"
    rel = "notices/2026-05-notice.docx"
    (out / rel).parent.mkdir(parents=True)
    (out / rel).write_bytes(site.files[rel])
    found = audit(out, policy_for(data), "site")
    assert sorted({p.code for p in found}) == ["audit-hidden-characters", "personal-phone"]


# References the browser decodes to a control or a noncharacter and keeps on the page
# (HTML's numeric character reference rules), where Python's html.unescape drops them.
KEPT_CONTROL_REFERENCES = ["&#x1;", "&#x1B;[31m", "&#xFFFE;", "&#129;", "&#1东"]


@pytest.mark.parametrize("reference", KEPT_CONTROL_REFERENCES)
def test_a_reference_the_browser_keeps_as_a_control_is_said_at_its_line(minimal, reference):
    """&#x1; is U+0001 on the page and in the 公文 (the sanitiser decodes it as the browser
    does, and the Word writer then could not store it): check, which decoded references
    with html.unescape (it drops them), passed the body and then stopped with a
    traceback writing the notice's Word file. It is control-character at its line."""
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + f"\n东城{reference}镇\n", "utf-8")
    _data, report = check(minimal, NOW)
    path, line = "content/notices/2026-05-notice.md", _appended_line(minimal)
    assert _errors(report) == [(path, line, "control-character")]


def test_a_reference_past_the_last_character_is_read_as_the_browser_reads_it(minimal):
    """&#999…; of 5,000 digits is U+FFFD on the page; html.unescape raised (Python's limit
    on int() of 4,300 digits) and check stopped with a traceback in its first reading of
    the body, and the engine (mkdocs reads every line with Python's HTMLParser, code
    too) stops at it in the build. A reference of more digits than any character needs
    is reference-too-long at its line, and the page is not given to the engine."""
    notice = minimal / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8") + "\n东城&#" + "9" * 5000 + ";镇\n\n"
                      "```\n&#x0000000041;\n```\n", "utf-8")
    _data, report = check(minimal, NOW)
    path, line = "content/notices/2026-05-notice.md", _appended_line(minimal) - 4
    assert _errors(report) == [(path, line, "reference-too-long"),
                               (path, line + 3, "reference-too-long")]


def test_a_block_too_dense_for_the_engine_is_refused_and_never_converted(tmp_path, monkeypatch):
    """Python-Markdown's time on one block grows with the square of its inline marks (16,000
    tags in a paragraph: 8 s; 100,000 character references: minutes): such a block is
    refused at its line, once, with its count, and neither check nor a sanitiser helper
    hands it to the converter, so reading it stays linear. A dense block split by blank
    lines into blocks under the limit is converted as any body is."""
    import markdown as markdown_module

    from generator import sanitize

    project = make_project(tmp_path / "c")
    notice = project / "content/notices/2026-05-notice.md"
    lines = notice.read_text("utf-8").count("\n")
    dense = "<b>办</b>" * 20000
    notice.write_text(notice.read_text("utf-8") + "\n" + dense + "\n", "utf-8")
    converted = []
    real = markdown_module.Markdown.convert
    monkeypatch.setattr(markdown_module.Markdown, "convert",
                        lambda self, text: converted.append(len(text)) or real(self, text))
    _data, report = validate(project, NOW)
    found = [(p.code, p.line) for p in report.problems if p.severity == "error"]
    assert found == [("markup-too-dense", lines + 2)]
    assert "40000" in next(p.message for p in report.problems if p.code == "markup-too-dense")
    assert max(converted, default=0) < sanitize.MAX_INLINE_MARKS * 10
    assert sanitize.dense_blocks("<b>办</b>" * 1000 + "\n\n" + "<b>办</b>" * 1000) == []
    assert sanitize.dense_blocks("a\n\n" + "&" * 2001 + "\nb\n") == [(2, 2001)]


@pytest.mark.parametrize("setting, shown", [(None, "季某"), ("姓加某", "季某"), ("不显示", None)])
def test_a_tolerated_person_is_never_named_in_full(tmp_path, setting, shown):
    """A person in a 容错免责 case is named by site.yml's privacy.tolerance_display (姓加某
    unless it says 不显示), whatever their rank: a 乡科级 the site otherwise names in full,
    or one whose own display says 全名. The full name is then refused in every other text
    by check (masked-name-shown) and by the audit (one of the names it looks for)."""
    from generator.policy import display_name

    project = make_project(tmp_path / "c")
    site = project / "site_config/site.yml"
    if setting is not None:
        site.write_text(site.read_text("utf-8").replace(
            "  full_name_ranks: [县处级, 乡科级]\n",
            f"  full_name_ranks: [县处级, 乡科级]\n  tolerance_display: {setting}\n"), "utf-8")
    case = project / "data/cases/2026-001.yml"
    text = case.read_text("utf-8").replace("  - name: 张某某\n    rank: 一般干部",
                                            "  - name: 季晓东\n    rank: 乡科级")
    assert "季晓东" in text
    text = text.replace("    measures: [诫勉谈话]\n", "")
    case.write_text(text.replace("kind: 通报曝光", "kind: 容错免责"), "utf-8")
    data, report = validate(project, NOW)
    assert report.flatten() == []
    (tolerated,) = [c for c in data.collections["cases"] if c["id"] == "2026-001"]
    person = tolerated["persons"][0]
    assert display_name(person, data.site, tolerated["kind"]) == shown
    assert display_name(dict(person, display="全名"), data.site, tolerated["kind"]) == shown
    assert display_name(person, data.site, "通报曝光") == "季晓东"  # the rule is the kind's
    assert "季晓东" in audit_names(data)


def test_an_id_number_broken_over_two_lines_of_a_block_is_found_at_its_first(minimal):
    """A literal block's line break inside an ID number, where no rule groups it
    (9 and 9): the page joins the paragraph's lines with a space and shows one number,
    so check names it at the line it starts on, as the audit reads it in the page."""
    rid = resident_id(random.Random(7))
    lines = _facts(minimal, f"  东城镇办事员张某某推诿扯皮，证件号{rid[:9]}\n  {rid[9:]}，已核实。\n")
    _data, report = check(minimal, NOW)
    first = lines.index("facts: |") + 2
    assert _errors(report) == [("data/cases/2026-001.yml", first, "personal-id-number")]
    assert rid not in str(report.problems[0])
    assert [h.kind for h in Scanner().hits(f"<p>证件号{rid[:9]}\n{rid[9:]}，已核实。</p>")] == ["id"]


@pytest.mark.parametrize("text, found", [
    # a frozen notice's digests: a run of digits between two of their letters read as a
    # mobile or an ID number, and check refused the notice (one digest in a few hundred)
    ("sha256: d098a08756c2a13812345678f4b6aa12c74cd9349e17c70d098a08756c208e29", []),
    ("md5 a13812345678b0c1d2e3f4a5b6c7d8e9", []),
    # a number beside a digest, or in a run of another length, is still one
    ("d098a08756c2a13812345678f4b6aa12c74cd9349e17c70d098a08756c208e29 电话 13912345678",
     ["13912345678"]),
    ("a13812345678b", ["13812345678"]),
    ("x" + "a13812345678f4b6aa12c74cd9349e17c70d098a08756c208e2900000000000000", ["13812345678"]),
])
def test_a_digest_is_no_ones_number(text, found):
    from generator import privacy

    assert [h.value for h in privacy.Scanner([], [], []).hits(text)] == found


@pytest.mark.parametrize("written", ["季　晓东", "季 晓东", "季\u3000\u3000晓东", "季晓东"])
def test_a_name_padded_as_excel_aligns_names_is_the_name(tmp_path, written):
    """A two-character part padded with U+3000 or a space (季　晓东, as a column of names is
    aligned in Excel or Word) is the name 季晓东 to a reader: the person a 容错免责 case
    exempted was left out of the names looked for (not a name by its characters), so a
    notice naming 季晓东 in full passed; it is refused at its line, and the audit looks
    for the name too."""
    project = make_project(tmp_path / "c", ROOT / "tests/data/invalid"
                           / "notice-names-a-tolerated-official-in-full")
    case = project / "data/cases/2026-002.yml"
    case.write_text(case.read_text("utf-8").replace("name: 季晓东", f"name: {written}"), "utf-8")
    data, report = check(project, NOW)
    assert report.flatten() == [("content/notices/2026-05-notice.md", 24, "tolerated-name-shown")]
    # the padding is taken out as the name is read (person_name): the audit looks for 季晓东
    assert "季晓东" in audit_names(data)
    assert not [name for name in audit_names(data) if name.startswith("季") and name != "季晓东"]


def test_a_tolerated_official_is_refused_in_full_in_another_records_name_field(tmp_path):
    """A 容错免责 case's person whom another case names as held to account at a rank
    site.yml prints in full, or a ledger row names as its leader at that rank: the name
    was then taken as one the site prints in full, and was looked for nowhere (the notice
    naming him passed too). Each name field printing it whole is refused, with the case
    that exempted him; the same name at a rank printed masked, and another 乡科级 official
    named in full, are not."""
    fixture = ROOT / "tests/data/invalid/tolerated-official-named-in-full-by-another-case-and-the-ledger"
    project = make_project(tmp_path / "c", fixture)
    data, report = check(project, NOW)
    said = [p for p in report.problems if p.code == "tolerated-name-shown"]
    assert [(p.path, p.line, p.field) for p in said] == [
        ("data/cases/2026-003.yml", 9, "基本事实"), ("data/cases/2026-003.yml", 11, "姓名"),
        ("data/ledger/台账.csv", 2, "责任人姓名")]
    assert all("data/cases/2026-002.yml:11" in p.message and "“季某”" in p.message for p in said)
    assert "季晓东" in audit_names(data) and "罗小军" not in audit_names(data)
    # the exposure case alone names him in full, as site.yml says for his rank
    (project / "data/cases/2026-002.yml").unlink()
    _data, report = check(project, NOW)
    assert not [p for p in report.problems if p.code.endswith("name-shown")]


def _phone_table(rows):
    """A sheet of liaison officers: a title row, a header naming a phone in one column."""
    return [["各乡镇联络员名单"], ["序号", "单位", "联络员", "联系电话", "人数"]] + rows


_LIAISONS = [["1", "东城镇", "张某", "1381 234 5678", "1 234 567 890 12"],
             ["2", "西城镇", "王某", "0000-1234567", "12"],
             ["3", "县纪委", "举报电话", "12388", "3"],
             ["4", "南山镇", "李某", "139 12 34 56 78", "2026-05-10"]]


def _write_table_attachment(root, name: str, rows: list[list[str]]) -> str:
    """rows as an attachment under content/notices/files/ (a 名单 sheet for .xlsx, tab-
    or comma-separated text otherwise); its project path."""
    path = root / "content/notices/files" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".xlsx"):
        from openpyxl import Workbook

        book = Workbook()
        book.active.title = "名单"
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        sep = "\t" if name.endswith(".tsv") else ","
        path.write_text("\n".join(sep.join(row) for row in rows) + "\n", "utf-8")
    return f"content/notices/files/{name}"


@pytest.mark.parametrize("name", ["联络员.csv", "联络员.tsv", "联络员.xlsx"])
def test_a_column_headed_by_a_phone_word_reads_its_cells_as_phone_numbers(tmp_path, name):
    """An attachment's table whose header says 联系电话: a mobile in odd groups in that
    column (1381 234 5678, 139 12 34 56 78) is a mobile, as after the word in a text, and
    was published unread; the office's numbers there, and the other columns' figures,
    are not."""
    from generator import attachments

    scanner = Scanner(["12388", "0000-1234567"])
    for header, found in (("联系电话", [3, 6]), ("金额", [])):
        rows = [[cell.replace("联系电话", header) for cell in row] for row in _phone_table(_LIAISONS)]
        said = attachments.check_file(tmp_path, _write_table_attachment(tmp_path, name, rows),
                                      scanner)
        where = "名单" if name.endswith(".xlsx") else "附件"
        assert [(p.line, p.code, p.field) for p in said] == [
            (line, "personal-phone", where) for line in found]


def test_a_notice_contact_in_odd_groups_is_named_a_mobile(tmp_path):
    """A notice's 联系电话 is a phone by its field: 1381 234 5678 there is a mobile (a
    person's), said so, not an unreadable number."""
    fixture = ROOT / "tests/data/invalid/notice-contact-mobile"
    project = make_project(tmp_path / "c", fixture)
    notice = project / "content/notices/2026-05-notice.md"
    notice.write_text(notice.read_text("utf-8").replace("phone: 139 1234 5678",
                                                        "phone: 1391 234 5678"), "utf-8")
    _data, report = check(project, NOW)
    assert report.flatten() == [("content/notices/2026-05-notice.md", 11, "contact-phone-mobile")]


def test_the_staff_manual_shows_no_number_the_audit_refuses():
    """The manual (content/data-spec.md) prints every message's help, and the audit reads
    the built page as any other: an example number written in a help (138*1234*5678, as
    the scanner now reads asterisks) stopped every build while check passed."""
    from generator import privacy
    from generator.docs import data_spec

    data, _report = validate(ROOT, NOW)
    scanner = Scanner(*privacy.official_contacts(data.channels))
    assert [(h.kind, h.value) for h in scanner.hits(data_spec())] == []

@pytest.mark.parametrize("count,separator", [(130, "\n"), (130, "\n\n"), (100, "\n")])
def test_every_line_of_markup_the_build_removes_is_named_in_one_run(minimal, count, separator):
    """check named the first 100 items of a body and then nothing: a clerk fixed them,
    ran check again and met the next ones, round after round. Every line is named up to
    100 lines; past them one message at the next line says how many more there are."""
    payloads = ["<img src=x onerror=alert({})>", "[点](javascript:alert({}))",
                "<b onclick=alert({})>粗</b>", "<!-- {} -->"]
    lines = [f"第{i}条 " + payloads[i % 4].format(i) for i in range(count)]
    notice = minimal / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8") + "\n"
    notice.write_text(text + separator.join(lines) + "\n", "utf-8")
    first = text.count("\n") + 1
    step = separator.count("\n")
    _data, report = check(minimal, NOW)
    path = "content/notices/2026-05-notice.md"
    found = [(p.path, p.line, p.code) for p in report.sorted() if p.code.startswith("unsafe")]
    named = [(path, first + step * i, "unsafe-markup") for i in range(min(count, 100))]
    more = [(path, first + step * 100, "unsafe-markup-more")] if count > 100 else []
    assert found == named + more
    if more:
        last = [p for p in report.problems if p.code == "unsafe-markup-more"][0]
        assert "还有30处" in last.message


@pytest.mark.parametrize("name", ["王　晓红", "王  晓红", "王 晓 红"])
def test_a_redacted_name_padded_to_line_up_is_kept_hidden_as_the_name(tmp_path, name):
    """王　晓红, padded as names are in an Excel column, is the name 王晓红: the audit
    keeps 王晓红 off the site, and the facts writing it are refused at their line."""
    project, lines = _person_case(tmp_path, name, "王晓红在工作中推诿扯皮", redacted=True)
    _data, report = check(project, NOW)
    facts = lines.index("facts: |") + 2
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("data/cases/2026-001.yml", facts, "redacted-name-shown")]
    data, _ = validate(project, NOW)
    assert data.cases[0]["persons"][0]["name"] == "王晓红"
    assert audit_names(data) == {"王晓红"}


# -- review (privacy6): a QQ number in groups, an account number whatever its check digit

def _not_luhn(rng, length, first="6"):
    """A card-like number of `length` digits whose last digit is NOT its Luhn check digit
    (a passbook's or an account's number, or a card copied with one digit wrong)."""
    from generator.privacy import valid_card

    while True:
        number = first + "".join(str(rng.randrange(10)) for _ in range(length - 1))
        if not valid_card(number):
            return number


def split_accounts(rng):
    """A QQ number split as a phone is split after the word naming QQ, and an account
    number after the word naming an account whatever its check digit: both were published
    unread."""
    out = []
    for i in range(10):
        qq = f"{rng.randrange(10**8, 10**10)}"
        out.append(("account", [f"QQ：{qq[:4]} {qq[4:8]} {qq[8:]}", f"企鹅号 {qq[:5]} {qq[5:]}",
                                f"QQ号码：{qq[:3]}-{qq[3:6]}-{qq[6:]}", f"QQ {qq[:3]} {qq[3:6]} {qq[6:]}",
                                f"Q号：{qq[:4]}·{qq[4:]}", f"扣扣：{qq[:5]}.{qq[5:]}",
                                f"QQ号\n{qq[:4]} {qq[4:8]} {qq[8:]}", f"QQ群号：{qq[:3]} {qq[3:6]} {qq[6:]}",
                                f"qq：{qq[:4]}/{qq[4:]}", f"QQ号：{qq[:3]}、{qq[3:6]}、{qq[6:]}"][i]))
    for i in range(12):
        length = (12, 16, 17, 19, 13, 18)[i % 6]
        number = _not_luhn(rng, length, "69"[i % 2])
        spaced = " ".join(number[k:k + 4] for k in range(0, length, 4))
        out.append(("card", [f"卡号 {spaced}", f"银行卡：{number}", f"账号 {number[:4]}-{number[4:]}",
                             f"银行账户：{spaced}", f"开户账号：{number}", f"存折号 {number}",
                             f"其银行卡号为\n{spaced}", f"转入账户 {number}", f"帐号:{spaced}",
                             f"借记卡（{number}）", f"信用卡 {number[:6]}*{number[6:]}",
                             f"工资卡账号：{spaced}"][i]))
    return out


def account_near_misses(rng):
    """Dates, amounts, counts, 文号, case numbers, a unit's 统一社会信用代码, the county's
    hotline and masked numbers after those words: no one's QQ or account."""
    from generator.privacy import valid_card

    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    codes = []
    while len(codes) < 3:  # all digits, its own check character, and Luhn-valid by chance
        body = "9153" + "".join(str(rng.randrange(10)) for _ in range(13))
        check = chars[(31 - sum(int(c) * w for c, w in zip(body, weights)) % 31) % 31]
        if check.isdigit() and valid_card(body + check):
            codes.append(body + check)
    return [*(f"统一社会信用代码：{code}" for code in codes),
            "QQ群 2026-05-10 建立", "QQ群于2026.05.10建立", "QQ：2026 05 10", "企鹅号：2026-05",
            "QQ群号 2026-001号", "QQ群 2026-001、2026-002", "QQ群 135 77 58 44 57.0%",
            "QQ群 10 个 20 人", "QQ号 5 个", "QQ群 12388", "QQ 2026年3月", "QQ群 1 234.56 元",
            "账户余额 123456789012.50元", "账户资金 1,234,567 元", "银行卡 3 张",
            "涉及账户 12 个，资金 123456789012 元", "账号 2026-001", "账户 2026年5月10日开户",
            "账号 2026-001、2026-002、2026-003", "账号依据演纪发〔2026〕3号",
            "账号 （2026）云0102刑初123号", "银行卡 6222 **** **** 1234", "卡号 622202******1234",
            "账户冻结 1234 5678 元", "举报电话 12388，QQ群 2026年成立", "工作群号召 2026 年",
            "第3群号称12345人", "群号：2026-05"]


def test_split_qq_numbers_and_named_account_numbers_are_found():
    missed = [(kind, text) for kind, text in split_accounts(random.Random(7812))
              if [h.kind for h in SCANNER.hits(text)] != [kind]]
    assert missed == []


def test_dates_amounts_and_case_numbers_after_those_words_are_not_found():
    flagged = [text for text in account_near_misses(random.Random(32100)) if SCANNER.hits(text)]
    assert flagged == []


@pytest.mark.parametrize("text, kind, shown", [
    ("QQ：1234 5678 90", "account", "12*********0"),
    ("企鹅号 12345 67890", "account", "12********0"),
    ("QQ号码：123-456-7890", "account", "12*********0"),
    ("QQ号码：123 456 7890", "account", "12*********0"),
    ("加入QQ群（群号：123 456 789）", "account", "12********9"),  # 群号 names a QQ group's
    ("群号：123456789", "account", "12******9"),
    ("QQ：13812345678", "phone", "138****5678"),  # said once, as the phone it is
    ("卡号 6228 4800 1234 5678 12", "card", "622***********7812"),
    ("账号 4111-1111-1111-1112", "card", "411*********1112"),  # the check digit is wrong
    ("存折 1234567890123", "card", "123******0123"),
    ("账号 110105199003071239", "id", "110***********1239"),  # an ID number is said as one
])
def test_each_split_account_is_reported_whole_and_once(text, kind, shown):
    found = SCANNER.hits(text)
    assert [(h.kind, mask(h.kind, h.value)) for h in found] == [(kind, shown)]


@pytest.mark.parametrize("name", ["名单.csv", "名单.xlsx"])
def test_a_column_headed_qq_or_account_reads_its_cells_as_one(tmp_path, name):
    """A sheet's column headed QQ号 or 银行账号 says what its cells are, as 联系电话 does:
    a QQ number in one piece or in groups, an account number failing Luhn, were published
    unread; a date or an amount there, the columns beside them, and a WeChat account's
    column are not read so."""
    from generator import attachments

    rows = [["各乡镇联络员名单"], ["序号", "单位", "QQ号", "银行账号", "微信账号", "人数"],
            ["1", "东城镇", "123456789", "6228 4800 1234 5678 12", "1234 5678 9012 3456", "12"],
            ["2", "西城镇", "1234 5678 90", "无", "无", "123456789012"],
            ["3", "南山镇", "2026-05-10", "123456789012.50", "无", "3"]]
    said = attachments.check_file(tmp_path, _write_table_attachment(tmp_path, name, rows),
                                  Scanner(["12388", "0000-1234567"]))
    assert [(p.line, p.code) for p in said] == [
        (3, "personal-account"), (3, "personal-bank-card"), (4, "personal-account")]


@pytest.mark.parametrize("text, kind", [
    ("联系电话：\n\n1381 234 5678", "phone"),
    ("手机\n\n- 139 12 34 56 78", "phone"),
    ("其银行账号：\n\n6228 4800 1234 5678 12", "card"),
    ("QQ：\n\n> 1234 5678 90", "account"),
    ("存折\r\n\r\n  1234567890123", "card"),
])
def test_a_number_a_blank_line_after_its_word_is_read_as_the_summary_shows_it(text, kind):
    """A page's summary (its meta description) joins a body's blocks into one line, so
    the audit read 联系电话：⏎⏎1381 234 5678 there as the phone it is, and refused the
    build, while check read the body, where a blank line parted word and number."""
    from generator.render import _summary

    assert "\n" not in _summary(text)
    body = [h.kind for h in SCANNER.hits(text)]
    assert body == [h.kind for h in SCANNER.hits(_summary(text))] == [kind]


def test_a_word_far_above_a_number_names_it_no_more():
    assert SCANNER.hits("手机\n\n\n\n\n1381 234 5678") == []
    assert SCANNER.hits("电话\n\n2026年5月10日") == []


@pytest.mark.parametrize("body, found", [
    ("手机[138](../report.md)12345678", [("personal-phone", 3)]),
    ("家住幸福小区`三栋`三零二", [("personal-address", 3)]),
    ("第一段。\n\n手机[138](../report.md)\n12345678", [("personal-phone", 5)]),
    ("家住幸福**小区**三栋三零二", [("personal-address", 3)]),  # said once, not per view
    ("见[通知](../report.md)，电话 12388", []),
    # code shows a character reference as written: no number on the page
    ("写法示例：`&#49;3812345678`", []),
    ("```\n&#49;3812345678\n```", []),
    # an indented code block too, its tags and attribute values as written; a number
    # written out in code is on the page, and one outside code is found beside it
    ("示例：\n\n    &#49;3812345678\n    138<span>1234</span>5678", []),
    ("示例：\n\n    <abbr title=\"&#49;3812345678\">号码</abbr>", []),
    ("示例：\n\n    13812345678\n\n电话 &#49;3912345678", [("personal-phone", 5), ("personal-phone", 7)]),
    ("- 列表\n\n    续行 &#49;3812345678", [("personal-phone", 5)]),  # not code: a list's text
])
def test_a_number_or_address_whole_only_past_markdown_marks_is_found(body, found):
    """The page shows 手机[138](x.md)12345678 as 手机13812345678 and a code span's text
    as text: check read the body as written and with its tags out, not past a link's
    brackets and target or a code span's backticks."""
    from generator import privacy

    scanner = Scanner(["12388"], ["jubao@example.gov.cn"])
    problems = privacy.scan_markdown(scanner, body, "content/notices/x.md", 3, "正文")
    assert [(p.code, p.line) for p in problems] == found


@pytest.mark.parametrize("written", ["李某某已作出检查。", "李**某**某已作出检查。",
                                     "李<b>某</b>某已作出检查。", "[李某](../report.md)某已作出检查。",
                                     "`李某`某已作出检查。", "李&#26576;某已作出检查。"])
def test_a_redacted_name_written_across_markup_in_a_notice_is_found(written, tmp_path):
    """李**某**某 and 李<b>某</b>某 are 李某某 on the page, where the audit refuses the
    redacted name with no line to correct; check read the body line with only its
    character references decoded."""
    from conftest import DATA

    project = make_project(tmp_path / "c", DATA / "invalid" /
                           "pd-redacted-name-in-notice-with-soft-hyphen")
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8")
    assert text.endswith("李\xad某某已作出检查。\n")
    notice.write_text(text.replace("李\xad某某已作出检查。", written), "utf-8")
    _data, report = validate(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems] == [
        ("content/notices/2026-05-notice.md", 24, "redacted-name-shown")]


def test_a_redacted_name_written_across_markup_in_a_content_page_is_found(tmp_path):
    """The same on a page staff write under content/: 王**小**明 is 王小明 on the page."""
    from conftest import DATA

    project = make_project(tmp_path / "c", DATA / "invalid" / "content-page-redacted-name")
    page = project / "content/about-case.md"
    page.write_text(page.read_text("utf-8").replace("王小明同志", "王**小**明同志").replace(
        "王&#23567;明", "[王小](../report.md)<b>明</b>"), "utf-8")
    _data, report = validate(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems] == [
        ("content/about-case.md", 7, "redacted-name-shown"),
        ("content/about-case.md", 9, "redacted-name-shown")]


@pytest.mark.parametrize("written, shown", [
    ("李某某", "李某某"),  # masked whole by the case: printed as the title writes it
    ("欧阳某", "欧阳某"),
    ("李某明", "李某"),  # a given name's 明 is still shown: shortened like any other
    ("某明", "某某"),
    ("李明", "李某"),
    ("欧阳明华", "欧阳某"),
])
def test_a_name_masked_whole_stays_and_any_other_is_shortened(written, shown):
    from generator.policy import display_name

    site = {"privacy": {"name_display": "姓加某"}}
    assert display_name({"name": written, "rank": "一般干部"}, site, "通报曝光") == shown


# -- review (privacy7): a unit's public account, tables read by row, numerals in pairs ---

_ACCOUNT_CHANNEL = ("  - id: clean-account\n    kind: 账户\n    name: 县纪委监委廉政账户\n"
                    "    value: 户名：演示县纪委监委 开户行：农业银行演示县支行 "
                    "账号：6228 4801 2345 6789 012\n")


def _with_account_channel(project, channel: str = _ACCOUNT_CHANNEL) -> None:
    channels = project / "site_config/channels.yml"
    channels.write_text(channels.read_text("utf-8").replace("promise:", channel + "promise:", 1),
                        "utf-8")


@pytest.mark.parametrize("text, found", [
    # the listed account, however it is grouped or said
    ("上交廉政账户，账号：6228480123456789012。", []),
    ("账号 6228-4801-2345-6789-012", []),
    ("开户账号：622848 012345 6789012，户名：演示县纪委监委", []),
    ("| 罚没款账户 | 6228 4801 2345 6789 012 |", []),
    # beside it, a phone is still a phone
    ("账号 6228480123456789012，联系电话 13812345678", [("phone", "13812345678")]),
    # any other account is refused: one digit more, one digit other, or the listed
    # digits as part of a longer number
    ("账号：6228480123456789013", [("card", "6228480123456789013")]),
    ("账号：6228 4801 2345 6789 0123", [("card", "6228 4801 2345 6789")]),
    ("卡号 622848012345678901", [("card", "622848012345678901")]),
])
def test_a_units_public_account_listed_in_the_channels_is_allowed_and_no_other(text, found):
    """A discipline commission publishes its 廉政账户 (where officials hand in gifts); the
    scanner refused it after 账号 as anyone's, and the channels had no kind to list it."""
    from generator import privacy

    channels = {"channels": [{"kind": "账户", "value": "户名：演示县纪委监委 账号："
                              "6228 4801 2345 6789 012"}, {"kind": "电话", "value": "12388"}]}
    contacts = privacy.official_contacts(channels)
    assert contacts[3] == ["6228480123456789012"]
    assert [(h.kind, h.value) for h in Scanner(*contacts).hits(text)] == found
    # unlisted, the same account is refused wherever it is written after its word
    assert Scanner().hits(text) != [] or not found


def test_check_and_the_audit_allow_the_listed_account_and_refuse_another(tmp_path):
    """The clerk lists the account once in channels.yml (kind 账户): check passes it in a
    notice written with hyphens; another account on the next line is refused at its line,
    and the audit of a built page agrees."""
    from generator import sanitize

    project = make_project(tmp_path / "c")
    _with_account_channel(project)
    notice = project / "content/notices/2026-05-notice.md"
    text = notice.read_text("utf-8").rstrip("\n")
    notice.write_text(text + "\n\n违规收受的礼金请上交县纪委监委廉政账户，账号 6228-4801-2345-6789-012。\n"
                      "\n个人账号：6228 4801 2345 6789 013。\n", "utf-8")
    data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("content/notices/2026-05-notice.md", text.count("\n") + 5, "personal-bank-card")]
    policy = policy_for(data)
    for body, found in (("<p>廉政账户账号：6228 4801 2345 6789 012</p>", []),
                        ("<p>账号：6228 4801 2345 6789 013</p>", ["personal-bank-card"])):
        site = tmp_path / ("site" + str(len(found)))
        (site / "notices/x").mkdir(parents=True)
        (site / "notices/x/index.html").write_text(
            f"<!doctype html>\n<html><head><title>t</title></head><body>"
            f"{sanitize.clean(body)}</body></html>\n", "utf-8")
        assert [p.code for p in audit(site, policy, "site")] == found


@pytest.mark.parametrize("value, count", [
    ("户名：演示县纪委监委 开户行：农业银行演示县支行", 0),
    ("账号：6228 4801 2345 6789 012 或 6228 4801 2345 6789 013", 2),
])
def test_an_account_channel_holds_exactly_one_account_number(tmp_path, value, count):
    """A 账户 channel with no number allows nothing the clerk meant; with two it would
    allow a second account no one checked: said at the value's line."""
    project = make_project(tmp_path / "c")
    _with_account_channel(project, _ACCOUNT_CHANNEL.replace(
        "户名：演示县纪委监委 开户行：农业银行演示县支行 账号：6228 4801 2345 6789 012", value))
    lines = (project / "site_config/channels.yml").read_text("utf-8").split("\n")
    line = next(i for i, ln in enumerate(lines, 1) if "kind: 账户" in ln) + 2
    _data, report = check(project, NOW)
    assert [(p.path, p.line, p.code) for p in report.problems if p.is_error] == [
        ("site_config/channels.yml", line, "channel-account-not-one")]
    assert f"有{count}个账号" in report.errors[0].message


@pytest.mark.parametrize("text, found", [
    ("QQ：一二 三四 五六 七八", [("account", "12 34 56 78")]),
    ("群号：一二三四 五六七八", [("account", "1234 5678")]),
    ("QQ群号：一二、三四、五六、七八", [("account", "12、34、56、78")]),
    ("QQ号 一二·三四·五六·七八", [("account", "12·34·56·78")]),
    ("QQ：幺二 三四 〇五 六七", [("account", "12 34 05 67")]),
    ("QQ：１２ ３４ ５６ ７８", [("account", "12 34 56 78")]),
    ("手机：一三八 一二 三四 五六 七八", [("phone", "138 12 34 56 78")]),
    ("手机：幺三八、一二三四、五六七八", [("phone", "138、1234、5678")]),
    ("手机：幺三八·一二·三四·五六·七八", [("phone", "138·12·34·56·78")]),
    # a pair alone, or numerals one by one, are words
    ("十一二月 一二线城市 第一二名", []),
    ("一、二、三、四、五、六", []),
])
def test_numbers_dictated_two_numerals_at_a_time_are_read_as_digits(text, found):
    """群号：一二 三四 五六 七八, as a number is read out two by two, kept its numerals:
    only runs of three or more were taken for digits."""
    assert [(h.kind, h.value) for h in Scanner().hits(text)] == found


_ROW_LABEL_TABLES = [
    # a row's first cell names what the rest of the row is
    ("| 项目 | 内容 |\n|---|---|\n| 联系电话 | 1381 234 5678 |\n| QQ号 | 1234 5678 90 |\n",
     [(2, "personal-phone"), (3, "personal-account")]),
    ("| **联系电话** | 1381 234 5678 |\n|---|---|\n| **开户账号** | 6228 4800 1234 5678 12 |\n",
     [(0, "personal-phone"), (2, "personal-bank-card")]),
    # a label that is a code or a key, or one with a figure, names nothing
    ("| 项目 | 说明 | 数 |\n|---|---|---|\n| 联系电话 | 汇总如下 | 1381 234 5678 |\n",
     [(2, "personal-phone")]),
    ("| 项目 | 说明 | 数 |\n|---|---|---|\n| 2026年联系电话 | 汇总如下 | 1381 234 5678 |\n", []),
    ("| 代码 | 说明 |\n|---|---|\n| `personal-phone` | 分组写法（1381 234 5678）也会被找出 |\n",
     []),
    ("| 项目 | 说明 | 数 |\n|---|---|---|\n| 联系电话 | 无 | 无 |\n| 人数 | 汇总如下 | 1381 234 5678 |\n",
     []),
]


@pytest.mark.parametrize("table, found", _ROW_LABEL_TABLES)
def test_check_reads_a_markdown_tables_row_by_its_label(tmp_path, table, found):
    """| 联系电话 | 1381 234 5678 |: a table of labels and values said the number was a
    phone, and check read the cell as plain figures."""
    from generator import privacy

    problems = privacy.scan_markdown(Scanner(["12388"]), "正文\n\n" + table,
                                     "content/notices/x.md", 3, "正文")
    assert [(p.line - 5, p.code) for p in problems] == found


@pytest.mark.parametrize("name", ["联络员.csv", "联络员.xlsx"])
def test_an_attachments_row_labelled_a_phone_is_read_as_one(tmp_path, name):
    """A sheet of labels and values (联系电话 | 1381 234 5678) and a sheet whose header
    has a merged cell above (联系方式 over 手机): the row's label says it is a phone."""
    from generator import attachments

    rows = [["项目", "内容"], ["单位", "东城镇"], ["联系电话", "1381 234 5678"],
            ["QQ号", "1234 5678 90"], ["人数", "139 12 34 56 78"]]
    said = attachments.check_file(tmp_path, _write_table_attachment(tmp_path, name, rows),
                                  Scanner(["12388"]))
    assert [(p.line, p.code) for p in said] == [(3, "personal-phone"), (4, "personal-account")]


def test_check_reads_a_raw_html_table_with_merged_cells_as_the_browser_places_them(tmp_path):
    """A header of two rows (联系方式 over 手机 and QQ, 姓名 spanning both) and a unit's
    name merged over two rows: the cells under 手机 were read from the wrong column, or
    under the second header row alone, and passed check and the audit."""
    from generator import privacy
    from generator.audit import body_header_cells

    table = ("<table>\n"
             '<tr><th rowspan="2">单位</th><th colspan="2">联系方式</th><th rowspan="2">人数</th></tr>\n'
             "<tr><th>手机</th><th>QQ</th></tr>\n"
             '<tr><td rowspan="2">东城镇</td><td>无</td><td>无</td><td>12</td></tr>\n'
             "<tr><td>1381 234 5678</td><td>1234 5678 90</td><td>139 12 34 56 78</td></tr>\n"
             "<tr><th>联系电话</th><td>139 12 34 56 78</td></tr>\n"
             "</table>\n")
    assert [(line, text, sorted(kinds)) for line, text, kinds in body_header_cells(table)
            if text != "无"] == [(4, "1381 234 5678", ["contact", "phone"]),
                                (4, "1234 5678 90", ["contact", "qq"]),
                                (5, "139 12 34 56 78", ["contact", "phone"])]
    problems = privacy.scan_markdown(Scanner(["12388"]), table, "content/notices/x.md", 1, "正文")
    assert [(p.line, p.code) for p in problems] == [
        (5, "personal-phone"), (5, "personal-account"), (6, "personal-phone")]


def test_a_content_pages_front_matter_is_read_as_the_engine_reads_it(tmp_path):
    """A page's title written with YAML escapes ("\\u0031\\u0033…") is 13812345678 in the
    header, the <title> and the search index: check read the file as written and passed
    it, and the audit stopped the build with no line in the sources. A number check
    finds as written is said once, at its line."""
    project = make_project(tmp_path / "c")
    escaped = "".join(f"\\u{ord(c):04x}" for c in "13812345678")
    (project / "content/about.md").write_text(
        f'---\ntitle: "关于{escaped}"\ndescription: >-\n  联系手机 1391234\n  5678\n---\n\n'
        "# 关于\n\n正文。\n", "utf-8")
    _data, report = check(project, NOW)
    assert sorted((p.path, p.line, p.code, p.field) for p in report.problems if p.is_error) == [
        ("content/about.md", 2, "personal-phone", "title"),
        ("content/about.md", 4, "personal-phone", "正文")]


@pytest.mark.parametrize("text, found", [
    ("香港身份证：A123456(7)", [("account", "A123456(7)")]),
    ("香港身份证号码 Z683365（5）", [("account", "Z683365(5)")]),
    ("澳门身份证 1234567(8)", [("account", "1234567(8)")]),
    ("台湾身份证号为A123456789", [("account", "A123456789")]),
    ("外国人永久居留身份证 ABC110012345678", [("account", "ABC110012345678")]),
    ("台湾居民居住证号：830000199001011234", [("id", "830000199001011234")]),
    # a mainland number mistyped (its check character wrong) is someone's still
    ("驾驶证号：110105194912310021", [("account", "110105194912310021")]),
    ("证件号码：E12345678", [("account", "E12345678")]),
    # the word with no number after it, a date, a count, a year
    ("身份证复印件2份", []), ("身份证有效期至2036年", []), ("身份证号码：见附件", []),
    ("身份证号 2026-05-10", []), ("证件照 5 张", []), ("身份证 20260510 到期", []),
])
def test_an_identity_documents_number_after_its_word_is_found_whatever_its_shape(text, found):
    """港澳台 identity cards and a mistyped mainland number after 身份证号 or 驾驶证号
    reached the site: only mainland numbers with a valid check character were read."""
    assert [(h.kind, h.value) for h in Scanner().hits(text)] == found


MOBILE = "13812345678"
RID = "11010519491231002X"


@pytest.mark.parametrize("text, found", [
    # after a phone word, a mobile in any grouping and with any separator a writer uses
    ("手机138、12、34、56、78", [("phone", "138、12、34、56、78")]),
    ("手机：１３８、１２、３４、５６、７８", [("phone", "138、12、34、56、78")]),
    ("电话 幺三八、幺二、三四、五六、七八", [("phone", "138、12、34、56、78")]),
    ("电话 138/12/345/678", [("phone", "138/12/345/678")]),
    ("联系电话 13·81·23·45·678", [("phone", "13·81·23·45·678")]),
    ("手机 1381－234－5678", [("phone", "1381-234-5678")]),
    ("手机 13.81.23.45.678", [("phone", "13.81.23.45.678")]),
    ("手机 1381 / 234 / 5678", [("phone", "1381 / 234 / 5678")]),
    ("手机 1381—234—5678", [("phone", "1381—234—5678")]),
    ("手机 138・1234・5678", [("phone", "138・1234・5678")]),
    # an ID number in any grouping with those separators (its check character proves it)
    (f"{RID[:3]}、{RID[3:6]}、{RID[6:9]}、{RID[9:12]}、{RID[12:15]}、{RID[15:]}",
     [("id", f"{RID[:3]}、{RID[3:6]}、{RID[6:9]}、{RID[9:12]}、{RID[12:15]}、{RID[15:]}")]),
    (f"{RID[:5]}/{RID[5:11]}/{RID[11:]}", [("id", f"{RID[:5]}/{RID[5:11]}/{RID[11:]}")]),
    # and the numbers these separators also join, which are no one's
    ("手机号段138、139、150、151等", []), ("电话费1,380.12元", []),
    ("电话会议纪要〔2026〕12号", []), ("手机 第138条、第12款", []),
    ("手机 2026/12/31", []), ("电话 2026、12、31", []),
    ("第138、12、34、56、78条", []), ("138、12、34、56、78", []),
    ("共 13 8 12 34 56 78 条", []), ("号码\n135 77 58 44 57.0%", []),
    (f"{RID[:3]}、{RID[3:6]}、{RID[6:9]}、{RID[9:12]}、{RID[12:15]}、{RID[15:-1]}1", []),
])
def test_numbers_split_by_any_separator_a_writer_uses_are_read_whole(text, found):
    """A mobile after its word split as no rule splits it by 、 / · ・ or a dash, and an
    ID number so split, reached the site (only spaces, hyphens, dots and asterisks joined
    the groups); the dates, lists and amounts those marks also join are no one's."""
    assert [(h.kind, h.value) for h in Scanner().hits(text)] == found


@pytest.mark.parametrize("text, found", [
    ("车牌号云 A 1234 5", [("plate", "云 A 1234 5")]),
    ("云A·12345", [("plate", "云A·12345")]), ("云 A12345", [("plate", "云 A12345")]),
    ("车牌 云A 123 45", [("plate", "云A 123 45")]), ("川A-1234-5", [("plate", "川A-1234-5")]),
    ("粤B 12345 6号", [("plate", "粤B 12345 6")]), ("京A 1234警", [("plate", "京A 1234警")]),
    ("护照E 1234 5678", [("account", "E 1234 5678")]),
    ("护照号码：E 1234 5678。", [("account", "E 1234 5678")]),
    ("护照：E1234 5678", [("account", "E1234 5678")]),
    ("往来港澳通行证 C 1234 5678", [("account", "C 1234 5678")]),
    ("回乡证 H 1234 5678 01", [("account", "H 1234 5678 01")]),
    # a plate's shape with more after it, a year, a passport's word with none
    ("云 A 1234 5678", []), ("川A 2026 年", []), ("护照 2 本", []), ("护照E 12 页", []),
    ("新 A 12", []), ("护照管理 2026 年", []),
])
def test_plates_and_travel_documents_in_spaced_groups_are_found(text, found):
    """A plate written with spaces inside its number (云 A 1234 5) and a passport number in
    spaced groups (E 1234 5678) were not found."""
    assert [(h.kind, h.value) for h in Scanner().hits(text)] == found


_CONTACT_OVER_QQ = ('<table><tr><th>单位</th><th colspan="2">联系方式</th></tr>'
                    "<tr><th>单位</th><th>手机</th><th>QQ号</th></tr>"
                    "<tr><td>东城镇</td><td>{phone}</td><td>{qq}</td></tr></table>\n")


@pytest.mark.parametrize("body, found", [
    # 联系方式 over 手机 and QQ号: each column's numbers by its own header
    (_CONTACT_OVER_QQ.format(phone="无", qq="1381 234 5678"), ["personal-account"]),
    (_CONTACT_OVER_QQ.format(phone="无", qq="13812345678"), ["personal-account"]),
    ("| 单位 | QQ号 |\n|---|---|\n| 东城镇 | 13812345678 |\n", ["personal-account"]),
    ("| 单位 | QQ号 | 手机 |\n|---|---|---|\n| 东城镇 | 13812345678 | 13912345678 |\n",
     ["personal-phone", "personal-account"]),
    (_CONTACT_OVER_QQ.format(phone="1381 234 5678", qq="无"), ["personal-phone"]),
    (_CONTACT_OVER_QQ.format(phone="1381 234 5678", qq="1234 5678 90"),
     ["personal-phone", "personal-account"]),
    ("| 单位 | 联系方式（QQ） |\n|---|---|\n| 东城镇 | 1381 234 5678 |\n", ["personal-account"]),
    # 联系方式 alone, or a header naming both, still reads a phone
    ("| 单位 | 联系方式 |\n|---|---|\n| 东城镇 | 1381 234 5678 |\n", ["personal-phone"]),
    ("| 单位 | 手机/QQ |\n|---|---|\n| 东城镇 | 1381 234 5678 |\n", ["personal-phone"]),
])
def test_a_qq_column_under_a_contact_header_is_read_as_qq_numbers(body, found):
    """联系方式 over a column headed QQ号 made its numbers phones: the message named the
    wrong kind (手机号) for a QQ number of a mobile's shape."""
    problems = privacy.scan_markdown(Scanner(["12388"]), body, "content/x.md", 1, "正文")
    assert [p.code for p in problems] == found


def test_a_text_said_to_be_a_qq_number_names_a_mobile_shaped_one_a_qq_number():
    said = privacy.context_of
    assert said("联系方式") == {"contact"} and said("联系方式（QQ）") == {"contact", "qq"}
    assert said("手机/QQ") == {"phone", "qq"} and said("联系电话") == {"phone"}
    kinds = lambda text, name: [h.kind for h in Scanner().hits(text, context=said(name))]
    assert kinds("13812345678", "QQ号") == ["account"]
    assert kinds("13812345678", "联系方式（QQ）") == ["account"]
    assert kinds("1381 234 5678", "联系方式") == ["phone"]
    assert kinds("13812345678", "手机/QQ") == ["phone"]


def test_yaml_comments_are_read_where_yaml_reads_them():
    text = ('a: "x # 138"  # one\n# two\nb: |\n  # in a block\nc: v#3 #three\n'
            "d: 'q #' #four\n  # five\n")
    assert privacy.yaml_comments(text) == [(0, " one", False), (1, " two", True),
                                           (4, "three", False), (5, "four", False),
                                           (6, " five", True)]
    assert privacy.yaml_comments("a: [1, 2\n# after an error\n") == [(1, " after an error", True)]


def test_personal_data_in_a_comment_is_refused_as_a_comment(tmp_path):
    """A comment never reaches the site, but the repository holding it is shared (GitHub
    Pages publishes from it): a number in a record's, a notice's or a page's comment was
    passed (records, notices) or named as on the page (a page's front matter)."""
    project = make_project(tmp_path / "c")
    (project / "content/about.md").write_text(
        "---\ntitle: 关于\n# 联系人 13612345678\ndescription: \"a # 13512345678\"\n---\n\n"
        "# 关于\n\n正文。\n", "utf-8")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(
        "unit: XZ01", "unit: XZ01  # 联系人手机 13812345678\n# 12388 举报电话"), "utf-8")
    _data, report = check(project, NOW)
    assert sorted((p.path, p.line, p.code) for p in report.problems if p.is_error) == [
        ("content/about.md", 3, "personal-data-in-comment"),
        ("content/about.md", 4, "personal-phone"),
        ("data/cases/2026-001.yml", 5, "personal-data-in-comment")]
    said = sorted(p.message for p in report.problems if p.code == "personal-data-in-comment")
    assert all(m.startswith("注释（# 后的文字）中有个人信息 1") for m in said)
    assert "136****5678" in said[0] and "138****5678" in said[1]


@pytest.mark.parametrize("body, found", [
    ("车牌云A·1234\n5\n", [(1, "licence-plate")]), ("车牌云A\n12345\n", [(1, "licence-plate")]),
    ("他的车 云 A 12\n  345 停在楼下\n", [(1, "licence-plate")]),
    ("护照 E 1234\n5678\n", [(1, "personal-account")]),
    # a plate's shape going on over the line, a year on the next line
    ("云A 1234\n5678\n", []), ("川A\n2026年\n", []),
])
def test_a_plate_or_passport_broken_over_a_line_is_found_as_the_page_joins_it(body, found):
    """The page joins a paragraph's lines with a space (云A·1234⏎5 shows 云A·1234 5): a
    plate or a passport number broken over a line was found in no line alone."""
    problems = privacy.scan_markdown(Scanner(), body, "content/x.md", 1, "正文")
    assert [(p.line, p.code) for p in problems] == found
    if found:
        text = " ".join(body.split())  # (the page: every run of blanks one space)
        assert [privacy.CODES[h.kind] for h in Scanner().hits(text)] == [found[0][1]]


_ROW_OF_TWO = "| 单位 | {a} | {b} |\n|---|---|---|\n| 东城镇 | {x} | {y} |\n"


@pytest.mark.parametrize("heads, cells, found", [
    # one number in a QQ cell and a 手机 cell of a row: each cell once, by its header
    (("QQ号", "手机"), ("13812345678", "13812345678"), ["personal-phone", "personal-account"]),
    (("手机", "QQ号"), ("13812345678", "13812345678"), ["personal-phone", "personal-account"]),
    (("QQ号", "手机"), ("1381 234 5678", "1381 234 5678"),
     ["personal-account", "personal-phone"]),
    # the same number in two cells headed alike: two cells, two reports
    (("QQ号", "QQ号"), ("13812345678", "13812345678"), ["personal-account"] * 2),
    (("手机", "手机"), ("13812345678", "13812345678"), ["personal-phone"] * 2),
    (("QQ号", "手机"), ("13812345678", "13912345678"), ["personal-phone", "personal-account"]),
])
def test_one_number_in_a_qq_cell_and_a_phone_cell_is_reported_once_a_cell(heads, cells, found):
    """13812345678 under QQ号 and under 手机 in one row was reported three times (two
    phones and a QQ number): the QQ cell's reading as a phone was not taken back, as the
    手机 cell said the same problem."""
    body = _ROW_OF_TWO.format(a=heads[0], b=heads[1], x=cells[0], y=cells[1])
    problems = privacy.scan_markdown(Scanner(["12388"]), body, "content/x.md", 1, "正文")
    assert [(p.line, p.code) for p in problems] == [(3, code) for code in found]


@pytest.mark.parametrize("name", ["名单.csv", "名单.xlsx"])
@pytest.mark.parametrize("heads, found", [
    (("QQ号", "手机"), ["personal-phone", "personal-account"]),
    (("QQ号", "QQ号"), ["personal-account"] * 2),
    (("手机", "手机"), ["personal-phone"] * 2),
    (("QQ号", "备注"), ["personal-account"]),
])
def test_an_attachments_qq_cell_is_one_qq_number_beside_a_phone_cell(tmp_path, name, heads,
                                                                      found):
    """An attachment's QQ column was read as a phone too (a QQ number of a mobile's shape
    reported as 手机号 and as QQ号), and one number in a QQ and a 手机 cell of a row three
    times."""
    from generator import attachments

    rows = [["单位", *heads], ["东城镇", "13812345678",
                              "无" if heads[1] == "备注" else "13812345678"]]
    said = attachments.check_file(tmp_path, _write_table_attachment(tmp_path, name, rows),
                                  Scanner(["12388"]))
    assert [(p.line, p.code) for p in said] == [(2, code) for code in found]


@pytest.mark.parametrize("text, found", [
    # the check X escaped as YAML, a CSV export or Markdown escape it, or as an input
    # method or a pasted text writes it
    ("身份证 11010519900307128\\X", [("id", "11010519900307128\\X")]),
    ("11010519900307128\\\\X", [("id", "11010519900307128\\\\X")]),
    ("11010519900307128\\x。", [("id", "11010519900307128\\x")]),
    ("11010519900307128 \\X", [("id", "11010519900307128 \\X")]),
    ("11010519900307128×", [("id", "11010519900307128X")]),
    ("11010519900307128Х", [("id", "11010519900307128X")]),  # (Cyrillic)
    ("11010519900307128χ", [("id", "11010519900307128X")]),  # (Greek)
    ("11010519900307128x", [("id", "11010519900307128x")]),
    ("11010519900307128Ｘ", [("id", "11010519900307128X")]),
    ("11010519900307128 X", [("id", "11010519900307128 X")]),
    # and a backslash before any mark between groups, as an escaped Markdown mark shows
    # where it is not converted
    ("110105\\-19900307\\-128X", [("id", "110105\\-19900307\\-128X")]),
    ("手机 138\\-1234\\-5678", [("phone", "138\\-1234\\-5678")]),
    # the check character alone masked: the 17 digits are the whole number
    ("身份证 11010519900307128*", [("id", "11010519900307128X")]),
    ("11010519900307128＊。", [("id", "11010519900307128X")]),
    ("编号 11010519900307127*", [("id", "110105199003071271")]),
    # masked inside, or 17 digits that are no ID (no province, no date)
    ("110105********128X", []), ("12345678901234567*", []),
    # an ID's 17 digits and a mask, glued to more: the whole number still shows (its
    # 18th is worked out from them), whatever follows (_ids_in_runs: glued IDs)
    ("11010519900307128**", [("id", "11010519900307128*")]),
    ("11010519900307128×3", [("id", "11010519900307128×")]),
    # a wrong check character, a product, a path: no one's
    ("11010519900307127\\X", []), ("3×4=12", []), ("1234567×3", []),
    ("C:\\data\\2026\\05\\10\\a.txt", []),
])
def test_an_id_numbers_check_x_escaped_or_mistyped_is_read(text, found):
    """An ID number whose X a YAML value, a CSV export or a Markdown escape wrote with a
    backslash (…128\\X), or a clerk typed as × or a look-alike letter, was not read: the
    page showed it whole."""
    assert [(h.kind, h.value) for h in Scanner().hits(text)] == found


@pytest.mark.parametrize("text, found", [
    # masked at its end, its start or inside, with ＊, ×, x or dots, in groups or not:
    # the region and the whole birth date still read
    ("身份证 1101051990030712**", [("id", "1101051990030712**")]),
    ("110105199003071***。", [("id", "110105199003071***")]),
    ("身份证号：11010519900307****号", [("id", "11010519900307****")]),
    ("****0519900307128X", [("id", "****0519900307128X")]),
    ("110105 19900307 ****", [("id", "110105 19900307 ****")]),
    ("110105-1990-0307-12**", [("id", "110105-1990-0307-12**")]),
    ("1101051990030712＊＊", [("id", "1101051990030712**")]),
    ("11010519900307xxxx", [("id", "11010519900307xxxx")]),
    ("110105199003071●●●", [("id", "110105199003071●●●")]),
    ("11**0519900307128X", [("id", "11**0519900307128X")]),
    # masked as the rules mask: the birth date hidden (or only a part of it shown)
    ("110105********128X", []), ("1****************X", []), ("110105********1234", []),
    ("11010519900*******", []), ("110105xxxxxxxx128X", []), ("**************128X", []),
    # no ID: no province, no real date, a masked phone or card
    ("00345619900307****", []), ("11010519901307****", []),
    ("138****5678", []), ("6222 **** **** 1234", []), ("2026-05-10 ****", []),
])
def test_an_id_number_masked_so_its_birth_date_shows_is_read(text, found):
    """An ID number masked at its end with two or more stars (1101051990030712**) was
    not read, though it shows where and on which day the person was born; one masked so
    that the birth date is hidden is no one's number."""
    hits = Scanner().hits(text)
    assert [(h.kind, h.value) for h in hits] == found
    # said masked, its birth date not repeated in the message
    assert all(mask(h.kind, h.value).endswith("*" * 15) for h in hits)


@pytest.mark.parametrize("text, found", [
    # six region digits, the whole YYMMDD birth date, the sequence masked in part or whole
    ("身份证 110105900307***", [("id", "110105900307***")]),
    ("11010590030712*。", [("id", "11010590030712*")]),
    ("110105 900307 12*", [("id", "110105 900307 12*")]),
    ("110105-900307-1**", [("id", "110105-900307-1**")]),
    ("**0105900307123", [("id", "**0105900307123")]),
    ("11010590030712●", [("id", "11010590030712●")]),
    # its birth date hidden, or no real date, no province, or no mask at all
    ("110105******123", []), ("110105*****7123", []), ("110105901307***", []),
    ("000105900307***", []), ("金额 123456789012345 元", []),
    # 15-character things that are not IDs: a masked card or phone, a credit code
    ("3782 ****** *1005", []), ("0871-6512****", []), ("91530100MA6K2X****", []),
])
def test_an_old_15_digit_id_number_masked_so_its_birth_date_shows_is_read(text, found):
    """A first-generation ID number (6 region digits, YYMMDD, 3 sequence digits) masked so
    that its birth date still reads (110105900307***) was not read, though the 18-digit
    one masked the same way was."""
    hits = Scanner().hits(text)
    assert [(h.kind, h.value) for h in hits] == found
    assert all(mask(h.kind, h.value).endswith("*" * 15) for h in hits)


@pytest.mark.parametrize("text, found", [
    # glued to digits, letters or a Han character before or after it, masked or not
    ("编号3110105199003071***", [("id", "110105199003071***")]),
    ("编号311010519900307128X", [("id", "11010519900307128X")]),
    ("ID:1101051990030712**号", [("id", "1101051990030712**")]),
    ("ID1101051990030712**", [("id", "1101051990030712**")]),
    ("ab1101051990030712**", [("id", "1101051990030712**")]),
    ("1101051990030712**ab", [("id", "1101051990030712**")]),
    ("1101051990030712**2026年", [("id", "1101051990030712**")]),
    ("11010519900307128X2026年", [("id", "11010519900307128X")]),
    ("11010519900307128**", [("id", "11010519900307128*")]),
    ("张某\t1101051990030712**\t2026-05-10", [("id", "1101051990030712**")]),
    # masked as the rules mask, glued: still no one's number
    ("编号3110105********128X", []), ("ab110105********128Xcd", []),
])
def test_an_id_number_glued_to_other_characters_is_read_masked_or_not(text, found):
    """An ID number is read wherever its 18 characters stand, next to digits, letters or
    a Han character, masked or not: the plain reading read 11010519900307128X after
    letters but not after a digit, the masked one read neither (编号3110105199003071***,
    ID1101051990030712**)."""
    assert [(h.kind, h.value) for h in Scanner().hits(text)] == found



def test_an_escaped_check_x_is_found_in_a_record_an_attachment_and_a_page(tmp_path):
    """…128\\X as a record's plain, single-quoted and double-quoted (doubled backslash)
    value, a CSV and an XLSX cell and a page's body: each found at its line, once."""
    from openpyxl import Workbook

    project = make_project(tmp_path / "p")
    case = project / "data/cases/2026-001.yml"
    case.write_text(case.read_text("utf-8").replace(
        "outcome: 责令整改。", "outcome: 责令整改，身份证 11010519900307128\\X。").replace(
        "    text: 已整改到位。", "    text: \"核实 11010519900307128\\\\X 无误\"\n"
        "  - date: 2026-06-11\n    text: '核实 11010519900307128×'"), "utf-8")
    files = project / "content/notices/files"
    files.mkdir(parents=True, exist_ok=True)
    (files / "a.csv").write_text("姓名,身份证号\n张某,11010519900307128\\X\n", "utf-8")
    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张某", "11010519900307128\\X"])
    book.save(files / "b.xlsx")
    (project / "content/x.md").write_text(
        "---\ntitle: 说明\n---\n\n# 说明\n\n身份证 11010519900307128\\X\n", "utf-8")
    _data, report = check(project, NOW)
    assert sorted((p.path, p.line) for p in report.problems
                  if p.code == "personal-id-number") == [
        ("content/notices/files/a.csv", 2), ("content/notices/files/b.xlsx", 2),
        ("content/x.md", 7), ("data/cases/2026-001.yml", 15),
        ("data/cases/2026-001.yml", 18), ("data/cases/2026-001.yml", 20)]


@pytest.mark.parametrize("text, found", [
    # a 台胞证's digits alone, in groups split by any separator
    ("台胞证号 1234 5678", [("account", "1234 5678")]),
    ("台胞证号码：1234-5678-90", [("account", "1234-5678-90")]),
    ("台湾居民来往大陆通行证 1234 5678", [("account", "1234 5678")]),
    ("臺胞證 1234.5678", [("account", "1234.5678")]),
    # 港澳居民来往内地通行证 (回乡证): H or M, 8 or 10 digits, any separator
    ("回乡证 H1234 5678 90", [("account", "H1234 5678 90")]),
    ("回乡证 M-1234-5678", [("account", "M-1234-5678")]),
    ("港澳居民来往内地通行证 H1234/5678", [("account", "H1234/5678")]),
    ("往来港澳通行证 C1234、5678", [("account", "C1234、5678")]),
    ("护照号码 E\\-1234\\-5678", [("account", "E\\-1234\\-5678")]),
    # 外国人永久居留身份证: the old form (three letters, twelve digits) and the 2023 form
    # (18 digits with the resident ID's check: 9, province, nationality, birth date)
    ("外国人永久居留身份证 USA 1100 9008 0012", [("account", "USA 1100 9008 0012")]),
    ("永久居留证 CHN 1234 5678 9012", [("account", "CHN 1234 5678 9012")]),
    ("外国人永久居留身份证 911156199003070017", [("id", "911156199003070017")]),
    ("永久居留身份证号码：9111 5619 9003 0700 17", [("id", "9111 5619 9003 0700 17")]),
    ("911 156 199 003 070 017", [("id", "911 156 199 003 070 017")]),
    # dates, counts and short numbers after those words, and a 9… number failing the check
    ("签证 2026 05 10", []), ("台胞证 2026.05.10 到期", []), ("台胞证 2026 0510", []),
    ("通行证 2026 年", []), ("通行证 1 2 3 张", []), ("台胞证 12 34", []),
    ("护照E 12 页", []), ("911156199003070019", []),
])
def test_permits_in_digit_groups_after_their_word_are_found(text, found):
    """A 台胞证's number in groups (1234 5678), a 回乡证's split by a hyphen or slash
    (M-1234-5678) and a 外国人永久居留身份证's (USA 1100 9008 0012; the 2023 form
    911156199003070017 anywhere, as an ID number) reached the site: only a letter and
    spaced digits after a passport's or permit's word were read."""
    assert [(h.kind, h.value) for h in Scanner().hits(text)] == found


_XMP = ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        'rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
        "<dc:creator><rdf:Seq><rdf:li>张三</rdf:li></rdf:Seq></dc:creator>"
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{description}</rdf:li>'
        "</rdf:Alt></dc:description>"
        "<xmpMM:DocumentID>xmp.did:0180117407206811871FA7B5E2E3B3A1</xmpMM:DocumentID>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


def _save_with_xmp(path, packet: str) -> None:
    """A one-page PDF with `packet` as its catalog's XMP metadata, or a PNG with it as
    its iTXt XMP chunk, by the file's name."""
    if path.name.endswith(".pdf"):
        from pypdf import PdfWriter
        from pypdf.generic import DecodedStreamObject, NameObject

        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        stream = DecodedStreamObject()
        stream.set_data(packet.encode("utf-8"))
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
        writer.write(path)
    else:
        from PIL import Image, PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", packet)
        Image.new("RGB", (4, 4)).save(path, pnginfo=info)

@pytest.mark.parametrize("name", ["通报.pdf", "现场.png"])
@pytest.mark.parametrize("description, found", [
    ("联系电话 1381 234 5678", ["attachment-author", "personal-phone"]),
    ("东城镇整改现场", ["attachment-author"]),
])
def test_an_attachments_xmp_metadata_is_read(tmp_path, name, description, found):
    """A PDF's XMP packet (its catalog's /Metadata: dc:creator, dc:description, as Word
    and WPS write them beside the document information) and a photo's XMP author were
    read by no scan: the author's name and a phone there were published with the file.
    (Its document IDs are no one's number.)"""
    from generator import attachments

    packet = _XMP.format(description=description)
    path = tmp_path / "content/notices/files" / name
    path.parent.mkdir(parents=True)
    _save_with_xmp(path, packet)
    said = attachments.check_file(tmp_path, f"content/notices/files/{name}", Scanner(["12388"]))
    assert [(p.line, p.code) for p in said] == [(1, code) for code in found]
    assert "张…" in said[0].message


@pytest.mark.parametrize("name", ["通报.pdf", "现场.png"])
@pytest.mark.parametrize("packet", [
    # an entity's value, shown wherever the packet says &who; (a DOCTYPE: read as text)
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY who "联系 13812345678">]>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><d>&who;</d></x:xmpmeta>',
    # an attribute of a packet that does not parse (an unclosed element)
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description dc:source="手机13812345678">'
    '<dc:title>现场',
], ids=["entity", "broken"])
def test_what_a_packet_read_as_text_holds_in_its_tags_is_read(tmp_path, name, packet):
    """A packet that is not read as XML (a DOCTYPE, or one that does not parse) was read
    as its text between the tags: the tags went, and with them an entity's value and
    every attribute, where a phone was published unread. The quoted values in its tags
    are read with its text (ids and namespaces are structure, as ever)."""
    from generator import attachments

    path = tmp_path / "content/notices/files" / name
    path.parent.mkdir(parents=True)
    _save_with_xmp(path, packet)
    said = attachments.check_file(tmp_path, f"content/notices/files/{name}", Scanner(["12388"]))
    assert [(p.line, p.code) for p in said] == [(1, "personal-phone")]


@pytest.mark.parametrize("name", ["名单.xlsx", "通知.docx"])
def test_a_phone_in_a_document_property_is_read_apart_from_the_next_property(tmp_path, name):
    """A phone in an XLSX's 备注 (dc:description: 手机 1381 234 5678) ran into the date
    of the property after it (2026-12-07T…) when the properties were joined by spaces:
    one run of digit groups, no mobile, and the file was published with it."""
    from generator import attachments

    path = tmp_path / "content/notices/files" / name
    path.parent.mkdir(parents=True)
    if name.endswith(".xlsx"):
        from openpyxl import Workbook

        book = Workbook()
        book.properties.creator = "县纪委监委"
        book.properties.description = "手机 1381 234 5678"
        book.save(path)
    else:
        import docx

        document = docx.Document()
        document.add_paragraph("通知")
        document.core_properties.author = "县纪委监委"
        document.core_properties.last_modified_by = "县纪委监委"
        document.core_properties.comments = "手机 1381 234 5678"
        document.save(path)
    said = attachments.check_file(tmp_path, f"content/notices/files/{name}", Scanner(["12388"]))
    assert [(p.line, p.code, p.field) for p in said] == [(1, "personal-phone", "文档属性")]


@pytest.mark.parametrize("name", ["现场.jpg", "通报.pdf", "现场.png"])
@pytest.mark.parametrize("rights, found", [
    # a person holding the rights: named (as an author), and a number beside them read
    ("Copyright 张三 13812345678", ["attachment-author", "personal-phone"]),
    ("© 2026 张三", ["attachment-author"]),
    ("版权所有：李四", ["attachment-author"]),
    # an organ, or no one: the commission's photos and documents say so
    ("Copyright 2026 演示县纪委", []), ("版权所有 © 2026 演示县纪委监委 保留所有权利", []),
    ("Copyright", []), ("(c) 2026", []),
])
def test_an_attachments_copyright_is_read_as_its_author(tmp_path, name, rights, found):
    """A photo's EXIF Copyright and an XMP packet's dc:rights (a PDF's, a photo's) were
    not read as an author: "Copyright 张三" published the clerk's or the photographer's
    name with the file; "Copyright 2026 演示县纪委" names the organ and is allowed. (EXIF
    text written in UTF-8, as phones write it, is read as written.)"""
    from generator import attachments

    path = tmp_path / "content/notices/files" / name
    path.parent.mkdir(parents=True)
    packet = _XMP.replace("<dc:creator><rdf:Seq><rdf:li>张三</rdf:li></rdf:Seq></dc:creator>",
                          '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}'
                          "</rdf:li></rdf:Alt></dc:rights>").format(
        description="东城镇整改现场", rights=rights)
    if name.endswith(".jpg"):
        from PIL import Image

        exif = Image.Exif()
        exif[0x8298] = rights.encode("utf-8")  # (as a phone writes it: UTF-8 in an ASCII field)
        Image.new("RGB", (4, 4)).save(path, exif=exif)
    else:
        _save_with_xmp(path, packet)
    said = attachments.check_file(tmp_path, f"content/notices/files/{name}", Scanner(["12388"]))
    assert [(p.line, p.code) for p in said] == [(1, code) for code in found]
    if found:
        assert ("李…" if "李" in rights else "张…") in said[0].message


@pytest.mark.parametrize("place, found", [
    ("validation", [(3, "personal-phone")]),
    ("header", [(1, "personal-phone")]),
    ("condition", [(2, "personal-id-number")]),
    ("tooltip", [(2, "personal-phone")]),
    # a value of digits alone was taken for structure (an id, a width) and not read
    ("sheet-name", [(1, "personal-phone")]),
    ("bare-tooltip", [(2, "personal-phone")]),
    ("none", []),  # merged cells, a frozen pane, a filter, widths: structure, no text
])
def test_what_a_worksheet_holds_besides_its_cells_is_read(tmp_path, place, found):
    """A worksheet's drop-down list of a validation rule (the choices Excel offers in a
    cell), its printed page header, a condition's formula and a hyperlink's tooltip were
    read by no scan (only the cells were): a phone or an ID number there was published
    with the file."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.hyperlink import Hyperlink
    from generator import attachments

    book = Workbook()
    sheet = book.active
    for row in (["单位", "联系"], ["东城镇", "见下"], ["西城镇", "见下"]):
        sheet.append(row)
    if place == "validation":
        rule = DataValidation(type="list", formula1='"13812345678,其他"')
        sheet.add_data_validation(rule)
        rule.add("B3")
    elif place == "header":
        sheet.oddHeader.center.text = "联系 13812345678"
    elif place == "condition":
        sheet.conditional_formatting.add(
            "A2:A5", FormulaRule(formula=['A2="110105199003071239"']))
    elif place == "tooltip":
        sheet["B2"].hyperlink = Hyperlink(ref="B2", location="Sheet!A1",
                                          tooltip="手机 13812345678")
    elif place == "sheet-name":
        sheet.title = "13812345678"
    elif place == "bare-tooltip":
        sheet["B2"].hyperlink = Hyperlink(ref="B2", location="Sheet!A1", tooltip="13812345678")
    else:
        sheet.merge_cells("A4:B4")
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = "A1:B3"
        sheet.column_dimensions["A"].width = 30
    path = tmp_path / "content/notices/files/名单.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    said = attachments.check_file(tmp_path, "content/notices/files/名单.xlsx", Scanner(["12388"]))
    assert [(p.line, p.code) for p in said] == found

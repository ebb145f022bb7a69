"""Writes tests/data/invalid/: one folder per defect, laid over the minimal project.

Each defect names the exact (path, line, code) it must produce, written by hand from
the defect, not copied from the output. Run it after changing site_config/ or the
minimal project: `python tests/data/make_invalid.py`.
"""
import pathlib, codecs
HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
base = HERE / 'invalid'
M = HERE / 'minimal'
case = (M/'data/cases/2026-001.yml').read_text()
units = (M/'data/units.csv').read_text()
ledger = (M/'data/ledger/台账.csv').read_text()
subs = (M/'data/submissions.csv').read_text()
reports = (M/'data/reports.csv').read_text()
insp = (M/'data/inspections.csv').read_text()
warn = (M/'data/warnings.csv').read_text()
notice = (M/'content/notices/2026-05-notice.md').read_text()
camp = open(REPO / 'site_config/campaign.yml').read()
site = open(REPO / 'site_config/site.yml').read()
tax = open(REPO / 'site_config/taxonomy.yml').read()
C='data/cases/2026-001.yml'; U='data/units.csv'; L='data/ledger/台账.csv'; S='data/submissions.csv'
R='data/reports.csv'; I='data/inspections.csv'; W='data/warnings.csv'; N='content/notices/2026-05-notice.md'
def rep(text, old, new, count=1):
    assert old in text, old
    return text.replace(old, new, count)
def line_of(text, needle):
    return text[:text.index(needle)].count('\n') + 1
D = {}
def d(name, files, expected, remove=()):
    D[name] = (files, expected, remove)

# ---- YAML traps
t = rep(case, 'published_on:', 'title: 重复的标题\npublished_on:')
d('yaml-duplicate-key', {C: t}, [(C, 4, 'yaml-duplicate-key')])
t = rep(case, 'unit: XZ01', '  unit: XZ01')
d('yaml-bad-indentation', {C: t}, [(C, 5, 'yaml-syntax')])
t = rep(case, 'persons:\n  - name', 'persons:\n\t- name')
d('yaml-tab-indentation', {C: t}, [(C, 11, 'yaml-syntax')])
t = case + 'extra: &a 值\nmore: *a\n'
d('yaml-alias', {C: t}, [(C, 19, 'unknown-field'), (C, 20, 'unknown-field'), (C, 20, 'yaml-alias')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: !!timestamp 2026-05-10')
d('yaml-explicit-tag', {C: t}, [(C, 4, 'yaml-tag')])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改。\ndraft: NO')
d('yaml-no-is-not-false', {C: t}, [(C, 16, 'bad-bool')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-02-30')
d('yaml-impossible-date', {C: t}, [(C, 4, 'bad-date')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: 1:30')
d('yaml-sexagesimal-time', {C: t}, [(C, 5, 'bad-datetime')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: [东城镇, 推诿扯皮]')
d('yaml-list-for-text', {C: t}, [(C, 3, 'wrong-shape')])
t = rep(case, 'persons:\n  - name: 张某某\n    rank: 一般干部\n    position: 办事员\n    measures: [诫勉谈话]', 'persons: 张某某')
d('yaml-text-for-list-of-persons', {C: t}, [(C, 10, 'wrong-shape')])
t = case + '---\nid: 2026-002\n'
d('yaml-two-documents', {C: t}, [(C, 19, 'yaml-syntax')])
t = rep(case, 'persons:\n  - name: 张某某', 'persons:\n  - name: 张某某\n    id_number: 110105199003071234')
d('yaml-unknown-field-id-number', {C: t}, [(C, 12, 'unknown-field')])
t = rep(case, 'title:', 'titel:')
d('yaml-misspelt-field', {C: t}, [(C, 1, 'missing-field'), (C, 3, 'unknown-field')])
t = 'id: 2026-001\nkind: 通报曝光\n'
d('yaml-case-not-a-mapping-root', {C: '- id: 2026-001\n- kind: 通报曝光\n'}, [(C, 1, 'wrong-shape')])

# ---- case records
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题\n', '')
d('case-missing-title', {C: t}, [(C, 1, 'missing-field')])
t = rep(case, 'kind: 通报曝光', 'kind: 通报')
d('case-bad-kind', {C: t}, [(C, 2, 'bad-enum')])
t = rep(case, 'unit: XZ01', 'unit: 东城乡')
d('case-unknown-unit', {C: t}, [(C, 5, 'unknown-reference')])
t = rep(case, 'categories: [A3]', 'categories: [A3, 推诿扯皮不积极]')
d('case-unknown-category', {C: t}, [(C, 6, 'unknown-reference')])
t = rep(case, 'measures: [诫勉谈话]', 'measures: [诫勉谈话, 开除]')
d('case-unknown-measure', {C: t}, [(C, 14, 'unknown-reference')])
t = rep(case, 'source: 群众举报', 'source: 网络举报')
d('case-unknown-source', {C: t}, [(C, 7, 'unknown-reference')])
t = rep(case, '  - date: 2026-06-10', '  - date: 2026-04-10')
d('case-followup-before-published', {C: t}, [(C, 17, 'date-order')])
t = case + 'withdrawn:\n  date: 2026-05-01\n  reason: 事实有误\n'
d('case-withdrawn-before-published', {C: t}, [(C, 20, 'date-order')])
t = case + 'withdrawn:\n  date: 2026-06-01\n'
d('case-withdrawn-without-reason', {C: t}, [(C, 20, 'missing-field')])
d('case-duplicate-id', {'data/cases/2026-001-copy.yml': case}, [(C, 1, 'duplicate-id')])
t = rep(case, 'id: 2026-001', 'id: 2026/001')
d('case-bad-id', {C: t}, [(C, 1, 'bad-id')])
t = rep(rep(case, 'kind: 通报曝光', 'kind: 澄清正名'), 'title:', 'title:')
d('case-clarification-with-measures', {C: t}, [(C, 14, 'clarification-measures')])
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  群众身份证号110105199003071239。\n')
d('case-resident-id-in-facts', {C: t}, [(C, 10, 'personal-id-number')])
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  可拨打张某某手机 138 1234 5678 核实。\n')
d('case-mobile-in-facts', {C: t}, [(C, 10, 'personal-phone')])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改，联系人邮箱 zhang.san@example.com')
d('case-email-in-outcome', {C: t}, [(C, 15, 'personal-email')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: 明天上午')
d('case-bad-embargo', {C: t}, [(C, 5, 'bad-datetime')])
t = rep(case, 'categories: [A3]', 'categories: [A3]\nbatch: 第二批')
d('case-bad-batch', {C: t}, [(C, 7, 'bad-integer')])
t = rep(case, '    rank: 一般干部', '    rank: 科员')
d('case-bad-rank', {C: t}, [(C, 12, 'bad-enum')])

# ---- encodings and CSV structure
d('csv-not-utf8-nor-gb18030', {U: units.encode('utf-8') + b'ZF02,\xff\xfe\xfa,\xc0\n'}, [(U, 6, 'file-encoding')])
d('csv-utf16-unicode-text', {U: codecs.BOM_UTF16_LE + units.replace(',', '\t').encode('utf-16-le')}, [(U, 1, 'file-utf16')])
d('csv-empty-file', {U: b''}, [(U, 1, 'file-empty')])
t = rep(units, 'id,name,kind,supervisor', 'id,name,kind,name')
d('csv-duplicate-header', {U: t}, [(U, 1, 'csv-duplicate-header')])
t = rep(units, 'law_enforcement', '身份证号')
d('csv-unknown-header', {U: t}, [(U, 1, 'unknown-field')])
t = rep(units, 'id,name,kind,', 'id,name,')
t = '\n'.join([','.join(r.split(',')[:2] + r.split(',')[3:]) if i else r for i, r in enumerate(t.split('\n'))])
d('csv-missing-required-column', {U: t}, [(U, 1, 'csv-missing-column')])
t = rep(units, 'XW01,县委办公室,县委部门', 'XW01,县委办公室,县委部门,多余')
d('csv-extra-cells', {U: t}, [(U, 3, 'csv-extra-cells')])
t = rep(units, 'XW01,县委办公室,县委部门,县直机关工委,否,否,否', 'XW01,县委办公室,县委部门')
d('csv-short-row', {U: t}, [(U, 3, 'csv-short-row')])
t = rep(ledger, 'TZ-2,ZF01,B3,审批时限长', 'TZ-2,ZF01,B3,"审批时限长')
d('csv-unclosed-quote', {L: t}, [(L, 3, 'csv-quote')])
t = rep(ledger, 'TZ-2,ZF01,B3', 'TZ-2,#N/A,B3')
d('csv-excel-error-value', {L: t}, [(L, 3, 'excel-error-value')])
t = rep(ledger, 'TZ-3,XW01', '1.23457E+17,XW01')
d('csv-excel-scientific-id', {L: t}, [(L, 4, 'excel-number-format')])
t = rep(ledger, '2026-04-02,2026-06-30', '46114,2026-06-30')
d('csv-excel-serial-date', {L: t}, [(L, 3, 'excel-serial-date')])
t = rep(units, 'ZF01,县自然资源局,政府部门,县监委,是', 'ZF01,县自然资源局,政府部门,县监委,Y')
d('csv-bad-bool', {U: t}, [(U, 4, 'bad-bool')])
t = units + 'XZ01,西河乡,乡镇,县委办公室,否,否,否\n'
d('csv-duplicate-unit-id', {U: t}, [(U, 6, 'duplicate-id')])
t = units + 'XZ02,东城镇,乡镇,县委办公室,否,否,否\n'
d('csv-duplicate-unit-name', {U: t}, [(U, 6, 'duplicate-record')])
t = rep(units, '县第一中学,学校', '县第一中学,高校')
d('csv-unknown-unit-kind', {U: t}, [(U, 5, 'unknown-reference')])
d('csv-missing-units-file', {}, [(U, 0, 'missing-file')], remove=[U])

# ---- ledger
t = rep(ledger, '已销号,2026-04-20', '已销号,')
d('ledger-closed-without-date', {L: t}, [(L, 2, 'closed-without-date')])
t = rep(ledger, '整改中,', '整改中,2026-05-01')
d('ledger-date-without-closed', {L: t}, [(L, 3, 'date-without-closed')])
t = rep(ledger, '已销号,2026-04-20', '已销号,2026-03-20')
d('ledger-closed-before-opened', {L: t}, [(L, 2, 'date-order')])
t = rep(ledger, '2026-04-03,2026-04-18', '2026-04-03,2026-03-18')
d('ledger-deadline-before-opened', {L: t}, [(L, 4, 'date-order')])
t = rep(ledger, '限期整改,整改中', '限期整改,整改完成')
d('ledger-bad-status', {L: t}, [(L, 3, 'bad-enum')])
t = rep(ledger, 'TZ-2,ZF01,B3', 'TZ-2,ZF01,B9')
d('ledger-unknown-category', {L: t}, [(L, 3, 'unknown-reference')])
t = rep(ledger, '已销号,2026-04-20', '已销号,2027-04-20')
d('ledger-closed-in-future', {L: t}, [(L, 2, 'date-in-future')])
t = rep(ledger, 'TZ-3', 'TZ-1')
d('ledger-duplicate-id', {L: t}, [(L, 4, 'duplicate-id')])
t = rep(ledger, '2026-04-01,2026-05-01', '２０２６－04-01,2026-05-01')
d('ledger-full-width-date-is-read', {L: t.replace('２０２６－04-01', '２０２６－０４－０１')}, [])

# ---- commitments, reports, warnings, inspections
t = rep(subs, 'C1,东城镇', 'C9,东城镇')
d('submission-unknown-commitment', {S: t}, [(S, 2, 'unknown-reference')])
t = subs + 'C1,XX01,2026-03-19,,\n'
d('submission-unit-not-required', {S: t}, [(S, 4, 'not-required')])
t = subs + 'C1,XZ01,2026-03-19,,\n'
d('submission-duplicate', {S: t}, [(S, 4, 'duplicate-record')])
t = rep(subs, 'https://example.gov.cn/c1', 'javascript:alert(1)')
d('submission-script-link', {S: t}, [(S, 3, 'bad-url')])
t = rep(reports, 'XZ01,2026-04', 'XZ01,2026-13')
d('report-bad-period', {R: t}, [(R, 2, 'bad-period')])
t = reports + 'XZ01,2026-04,2026-05-05,否\n'
d('report-duplicate-period', {R: t}, [(R, 4, 'duplicate-record')])
t = rep(warn, '黄牌,,', ',,')
d('warning-without-level-or-points', {W: t}, [(W, 2, 'warning-empty')])
t = rep(warn, '黄牌', '紫牌')
d('warning-bad-level', {W: t}, [(W, 2, 'bad-enum')])
t = rep(insp, 'XZ01、ZF01', 'XZ01、ZF99')
d('inspection-unknown-unit-in-list', {I: t}, [(I, 2, 'unknown-reference')])
t = rep(insp, 'ZF01,1,', 'ZF01,三,')
d('inspection-bad-count', {I: t}, [(I, 2, 'bad-integer')])
t = rep(insp, '暗访', '夜访')
d('inspection-bad-mode', {I: t}, [(I, 2, 'unknown-reference')])
t = rep(insp, 'JC-2,2026-06-12,,随机抽查,XX01,0,未发现问题,ZF01', 'JC-2,2026-06-12,,随机抽查,XX01,0,未发现问题,')
d('inspection-without-body-or-unit', {I: t}, [(I, 3, 'inspection-no-body')])
t = rep(insp, '未发现问题,ZF01', '未发现问题,ZF09')
d('inspection-unknown-by-unit', {I: t}, [(I, 3, 'unknown-reference')])

# ---- seed practices: groups, several units, actions, weeks, clues, totals, 回头看, rankings
t = rep(case, '  - name: 张某某\n    rank', '  - rank')
d('case-person-without-name-or-count', {C: t}, [(C, 11, 'missing-field')])
t = rep(case, '    rank: 一般干部', '    count: 25\n    rank: 一般干部')
d('case-group-with-name', {C: t}, [(C, 12, 'group-with-name')])
t = rep(case, 'unit: XZ01', 'unit: XZ01\nother_units: [ZF01, ZF77]')
d('case-unknown-other-unit', {C: t}, [(C, 6, 'unknown-reference')])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改。\nactions:\n  - date: 2026-05-12\n    kind: 转办\n    to: 县公安局')
d('case-bad-action-kind', {C: t}, [(C, 18, 'bad-enum')])
t = reports + 'XZ01,2026-W23,2026-06-08,否\n'
d('report-week-not-required', {R: t}, [(R, 4, 'week-report-not-required')])
t = reports + 'XZ01,2026-W54,2026-06-08,否\n'
d('report-bad-week', {R: t}, [(R, 4, 'bad-period')])
CL='data/clues.csv'; TO='data/totals.csv'; RK='data/rankings.csv'; LR='data/ledger_reviews.csv'; BZ='data/commendations.csv'
clues = (M/CL).read_text(); totals = (M/TO).read_text(); ranks = (M/RK).read_text()
reviews = (M/LR).read_text(); comm = (M/BZ).read_text()
t = rep(clues, '移送,县公安局', '移送,')
d('clue-transferred-without-body', {CL: t}, [(CL, 4, 'clue-transfer-without-body')])
t = rep(clues, '2026-05-02,群众举报,XZ01,A3,县纪委监委,2026-06-02', '2026-05-02,群众举报,XZ01,A3,县纪委监委,2026-04-02')
d('clue-deadline-before-received', {CL: t}, [(CL, 2, 'date-order')])
t = rep(clues, ',查否,', ',查无实据,')
d('clue-bad-status', {CL: t}, [(CL, 3, 'bad-enum')])
t = rep(totals, '追责问责人数', '处分人次')
d('total-unknown-measure', {TO: t}, [(TO, 2, 'unknown-reference')])
t = rep(totals, ',3,', ',403人,')
d('total-bad-count', {TO: t}, [(TO, 2, 'bad-integer')])
t = rep(reviews, 'TZ-1,2026-06-01', 'TZ-1,2026-03-01')
d('ledger-review-before-opened', {LR: t}, [(LR, 2, 'date-order')])
t = rep(reviews, 'TZ-1,', 'TZ-9,')
d('ledger-review-unknown-item', {LR: t}, [(LR, 2, 'unknown-reference')])
t = ranks + '2026,ZF01,3,80,良好\n'
d('ranking-duplicate-unit', {RK: t}, [(RK, 4, 'duplicate-record')])
t = rep(comm, '2026-10-10', '2026-12-10')
d('commendation-in-future', {BZ: t}, [(BZ, 2, 'date-in-future')])

PC='site_config/campaigns/2025-dacaoban.yml'
past = open(REPO / PC).read()
t = rep(past, '{name: 集中整治, start: 2025-04-01', '{name: 集中整治, start: 2025-03-20')
d('past-campaign-phases-overlap', {PC: t}, [(PC, line_of(t, '2025-03-20'), 'phase-overlap')])
t = rep(past, 'summary: |', 'summery: |')
d('past-campaign-without-summary', {PC: t}, [(PC, line_of(t, 'id:'), 'missing-field'), (PC, line_of(t, 'summery'), 'unknown-field')])
t = rep(case, 'categories: [A3]', 'categories: [A3]\ncampaign: 2024-jiuhua')
d('case-unknown-campaign', {C: t}, [(C, 7, 'unknown-reference')])

# ---- configuration
CP='site_config/campaign.yml'; SP='site_config/site.yml'; TP='site_config/taxonomy.yml'
t = rep(camp, '    start: 2026-04-01\n    end: 2026-05-31', '    start: 2026-04-01\n    end: 2026-03-31')
d('campaign-phase-ends-before-start', {CP: t}, [(CP, line_of(t, '    start: 2026-04-01\n    end: 2026-03-31') + 1, 'date-order')])
t = rep(camp, '    start: 2026-06-01', '    start: 2026-05-20')
d('campaign-phases-overlap', {CP: t}, [(CP, line_of(t, '    start: 2026-05-20'), 'phase-overlap')])
t = rep(camp, '    start: 2026-06-01\n    end: 2026-10-31', '    start: 2026-05-20\n    end: 2026-12-31\n    parallel: 是')
d('campaign-parallel-phase-may-overlap', {CP: t}, [])
t = rep(camp, 'report_due_day: 5', 'report_due_day: 5\nweekly_reports: 是\nweekly_due_weekday: 8')
d('campaign-bad-weekly-due-weekday', {CP: t}, [(CP, line_of(t, 'weekly_due_weekday'), 'bad-weekday')])
t = rep(camp, 'inspection_phase: 集中整治', 'inspection_phase: 集中整改')
d('campaign-unknown-inspection-phase', {CP: t}, [(CP, line_of(t, 'inspection_phase'), 'unknown-phase')])
t = rep(camp, 'issued_on: 2026-02-26', 'issued_on: 2026年2月29日')
d('campaign-issued-on-impossible-date', {CP: t}, [(CP, line_of(t, 'issued_on'), 'bad-date')])
t = rep(site, 'timezone: Asia/Shanghai', 'timezone: Beijing')
d('site-bad-timezone', {SP: t}, [(SP, line_of(t, 'timezone'), 'bad-timezone')])
t = rep(site, 'url: https://zhuanxiang.example.gov.cn/', 'url: javascript:alert(1)')
d('site-script-url', {SP: t}, [(SP, line_of(t, 'url:'), 'bad-url')])
t = rep(tax, '{id: A2, name: 履行职责不担当', '{id: A1, name: 履行职责不担当')
d('taxonomy-duplicate-category-id', {TP: t}, [(TP, line_of(t, '{id: A1, name: 履行职责不担当'), 'duplicate-id')])
d('site-config-missing', {}, [(SP, 0, 'missing-file')], remove=[SP])

# ---- notices
t = notice.replace('---\ntitle', 'title', 1).replace('通报\ncases: [2026-001]\n---\n', '通报\n')
d('notice-without-front-matter', {N: t}, [(N, 1, 'missing-field')])
t = notice + '\n<script>alert(1)</script>\n'
d('notice-script-tag', {N: t}, [(N, 10, 'unsafe-markup')])
t = notice + '\n[详情](javascript:alert(1))\n'
d('notice-javascript-link', {N: t}, [(N, 10, 'unsafe-markup')])
t = notice + '\n<img src="x.png" onerror="alert(1)">\n'
d('notice-event-handler', {N: t}, [(N, 10, 'unsafe-markup')])
t = notice + '\n<iframe src="https://evil.example/"></iframe>\n'
d('notice-iframe', {N: t}, [(N, 10, 'unlisted-host'), (N, 10, 'unsafe-markup')])
t = rep(notice, 'category: 通报', 'category: 通告')
d('notice-bad-category', {N: t}, [(N, 4, 'bad-enum')])
t = rep(notice, 'cases: [2026-001]', 'cases: [2026-099]')
d('notice-unknown-case', {N: t}, [(N, 5, 'unknown-reference')])
d('notice-bad-file-name', {'content/notices/五月通报.md': notice}, [('content/notices/五月通报.md', 2, 'bad-id')])
t = notice + '\n如有疑问请联系 13912345678。\n'
d('notice-mobile-in-body', {N: t}, [(N, 10, 'personal-phone')])

t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: "2026-12-01 09:00"')
d('notice-cites-embargoed-case', {C: t}, [(N, 5, 'notice-before-case')])

# ---- privacy rules
t = rep(case, '    measures: [诫勉谈话]', '    measures: [诫勉谈话]\n  - name: 李某某\n    position: 股长\n    redacted: 是')
t = rep(t, 'outcome: 责令整改。', 'outcome: 责令整改，李某某作出检查。')
d('case-redacted-name-in-outcome', {C: t}, [(C, 18, 'redacted-name-shown')])
t = rep(subs, 'https://example.gov.cn/c1', 'https://pan.example.com/c1')
d('submission-link-to-unlisted-host', {S: t}, [(S, 3, 'unlisted-host')])

# ---- issue 11: markup as the browser reads it
def nb(payload):
    """The minimal notice with a payload as its body's line 10."""
    return notice + '\n' + payload + '\n'
d('notice-comment-closed-by-bang-gt', {N: nb('<!--><img src="x"/onerror=alert(1)>-->')}, [(N, 10, 'unsafe-markup')])
d('notice-comment-closed-by-dash-gt', {N: nb('<!---><svg/onload=alert(1)>-->')}, [(N, 10, 'unsafe-markup')])
d('notice-cdata-is-a-bogus-comment', {N: nb('<![CDATA[ ><img src=x/onerror=alert(1)> ]]>')}, [(N, 10, 'unsafe-markup')])
d('notice-svg-cdata-hides-img', {N: nb('<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>')}, [(N, 10, 'unsafe-markup')])
d('notice-tab-entity-in-javascript-href', {N: nb('<a href="jav&#9;ascript:alert(1)">点击</a>')}, [(N, 10, 'unsafe-markup')])
d('notice-comment-over-three-lines', {N: nb('<!--\n<img src=x onerror=alert(1)>\n-->')}, [(N, 10, 'unsafe-markup')])
d('notice-comment-over-three-lines-alone', {N: nb('<!--\n草稿说明\n-->')}, [(N, 10, 'unsafe-markup')])
d('notice-style-import', {N: nb('<style>@import "https://evil.example/x.css";</style>')}, [(N, 10, 'unsafe-markup')])
d('notice-details-ontoggle-uppercase', {N: nb('<DETAILS OPEN ONTOGGLE=alert(1)>x</DETAILS>')}, [(N, 10, 'unsafe-markup')])

# ---- issue 11: third-party loads, hosts read by the WHATWG URL rules
d('notice-backslash-path-is-another-host', {N: nb('<img src="/\\evil.example/t.png" alt="图">')}, [(N, 10, 'unlisted-host'), (N, 10, 'unsafe-markup')])
d('notice-poster-loads-from-another-host', {N: nb('<video poster="https://evil.example/p.png"></video>')}, [(N, 10, 'unlisted-host'), (N, 10, 'unsafe-markup')])
d('notice-srcset-loads-from-another-host', {N: nb('<img src="a.png" srcset="https://evil.example/a.png 2x" alt="图">')}, [(N, 10, 'unlisted-host'), (N, 10, 'unsafe-markup')])
d('notice-http-without-slashes', {N: nb('[链接](http:evil.example/x)')}, [(N, 10, 'unlisted-host'), (N, 10, 'unsafe-markup')])
d('notice-backslash-before-at-sign', {N: nb('[链接](https://evil.example\\@example.gov.cn/)')}, [(N, 10, 'unlisted-host'), (N, 10, 'unsafe-markup')])
t = rep(subs, 'https://example.gov.cn/c1', 'https://evil.example\\@example.gov.cn/c1')
d('submission-backslash-before-at-sign', {S: t}, [(S, 3, 'bad-url')])

# ---- issue 11: labels are text
LB = 'site_config/labels.yml'
labels = open(REPO / LB).read()
t = rep(labels, '  home: 首页\n', '  home: 首页<img src=x onerror=alert(1)>\n')
d('labels-nav-event-handler', {LB: t}, [(LB, line_of(t, '  home: 首页<'), 'label-markup')])
t = rep(labels, '  more: 查看全部\n', '  more: \'查看全部<style>@import "https://evil.example/x.css";</style>\'\n')
d('labels-style-import', {LB: t}, [(LB, line_of(t, '  more: '), 'label-markup')])
t = rep(labels, '  cases: 典型案例\n', '  cases: 典型案例<!-- x -->\n')
d('labels-nav-comment', {LB: t}, [(LB, line_of(t, '  cases: 典型案例<'), 'label-markup')])
t = rep(labels, '  ledger: 整改台账\n', '  ledger: 整改&#21488;账\n')
d('labels-character-reference', {LB: t}, [(LB, line_of(t, '  ledger: 整改&'), 'label-markup')])

# ---- issue 11: personal data in forms people write
def rid(body):
    """A resident ID with its check character (GB 11643-1999)."""
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + '10X98765432'[sum(int(a) * b for a, b in zip(body, w)) % 11]
ID1, ID2 = rid('11010519900307123'), rid('31010419851120456')
def facts(line):
    return rep(case, '推诿扯皮。\n', '推诿扯皮。\n  ' + line + '\n')
d('pd-two-ids-side-by-side', {C: facts(f'身份证号{ID1} {ID2}。')}, [(C, 10, 'personal-id-number'), (C, 10, 'personal-id-number')])
d('pd-id-then-a-digit', {C: facts(f'身份证号 {ID1} 5号楼。')}, [(C, 10, 'personal-id-number')])
d('pd-id-in-groups-of-four', {C: facts(f'证件 {ID1[:4]} {ID1[4:8]} {ID1[8:12]} {ID1[12:16]} {ID1[16:]}')}, [(C, 10, 'personal-id-number')])
d('pd-id-with-word-joiners', {C: facts('证件' + '\u2060'.join(ID1))}, [(C, 10, 'personal-id-number')])
d('pd-id-padded-with-ideographic-spaces', {C: facts(f'证件\u3000{ID1[:6]}\u3000{ID1[6:14]}\u3000{ID1[14:]}')}, [(C, 10, 'personal-id-number')])
d('pd-mobile-3-8', {C: facts('手机 139-22345678')}, [(C, 10, 'personal-phone')])
d('pd-mobile-dotted', {C: facts('手机 138.1234.5678')}, [(C, 10, 'personal-phone')])
d('pd-mobile-country-code-no-plus', {C: facts('手机 8613955556666')}, [(C, 10, 'personal-phone')])
d('pd-mobile-soft-hyphens', {C: facts('手机 138\u00ad1234\u00ad5678')}, [(C, 10, 'personal-phone')])
d('pd-mobile-left-to-right-mark', {C: facts('手机 138\u200e1234\u200e5678')}, [(C, 10, 'personal-phone')])
d('pd-email-ideographic-full-stop', {C: facts('邮箱 wangwu@qq。com')}, [(C, 10, 'personal-email')])
d('pd-email-fullwidth-at', {C: facts('邮箱 wangwu＠163．com')}, [(C, 10, 'personal-email')])
d('notice-mailto-percent-encoded', {N: nb('[写信](mailto:wangwu%40qq.com)')}, [(N, 10, 'personal-email')])
d('notice-tel-percent-encoded', {N: nb('[打电话](tel:%2B86%20139%202234%205678)')}, [(N, 10, 'personal-phone')])
t = rep(case, '    measures: [诫勉谈话]', '    measures: [诫勉谈话]\n  - name: 李某某\n    position: 股长\n    redacted: 是')
d('pd-redacted-name-with-zero-width-space', {C: rep(t, 'outcome: 责令整改。', 'outcome: 责令整改，李\u200b某某作出检查。')}, [(C, 18, 'redacted-name-shown')])
d('pd-redacted-name-padded-with-ideographic-spaces', {C: rep(t, 'outcome: 责令整改。', 'outcome: 责令整改，李\u3000某\u3000某作出检查。')}, [(C, 18, 'redacted-name-shown')])
d('pd-redacted-name-in-notice-with-soft-hyphen', {C: t, N: nb('李\u00ad某某已作出检查。')}, [(N, 10, 'redacted-name-shown')])

# ---- issue 11: files under content/ are read or refused
import io, zipfile
def xlsx(rows):
    from openpyxl import Workbook
    book = Workbook(); sheet = book.active; sheet.title = '名单'
    for row in rows:
        sheet.append(row)
    out = io.BytesIO(); book.save(out); return out.getvalue()
def docx(paragraphs):
    w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    body = ''.join(f'<w:p><w:r><w:t>{p}</w:t></w:r></w:p>' for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr('word/document.xml', f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
    return out.getvalue()
def pdf(text):
    objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
            None, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
    stream = f'BT /F1 12 Tf 20 100 Td ({text}) Tj ET'
    objs[3] = f'<< /Length {len(stream)} >>\nstream\n{stream}\nendstream'
    out, offsets = b'%PDF-1.4\n', []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out)); out += f'{i} 0 obj\n{o}\nendobj\n'.encode()
    xref = len(out)
    out += f'xref\n0 {len(objs) + 1}\n0000000000 65535 f \n'.encode() + ''.join(f'{o:010d} 00000 n \n' for o in offsets).encode()
    return out + f'trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n'.encode()
F = 'content/files/'
d('file-xlsx-with-id-number', {F + '名单.xlsx': xlsx([['姓名', '证件号'], ['张三', ID1]])}, [(F + '名单.xlsx', 2, 'personal-id-number')])
d('file-docx-with-mobile', {F + '说明.docx': docx(['联系人：张三', '手机 138 1234 5678'])}, [(F + '说明.docx', 2, 'personal-phone')])
d('file-pdf-with-id-number', {F + 'scan.pdf': pdf('ID ' + ID1)}, [(F + 'scan.pdf', 1, 'personal-id-number')])
d('file-pdf-with-javascript', {F + 'run.pdf': pdf('x').replace(b'/Type /Catalog', b'/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>')}, [(F + 'run.pdf', 1, 'file-refused')])
d('file-vcf-with-mobile', {F + 'card.vcf': 'BEGIN:VCARD\nVERSION:3.0\nFN:Zhang\nTEL:13812345678\nEND:VCARD\n'}, [(F + 'card.vcf', 4, 'personal-phone')])
d('file-tsv-with-id-number', {F + '名单.tsv': f'姓名\t证件号\n张三\t{ID1}\n'}, [(F + '名单.tsv', 2, 'personal-id-number')])
d('file-csv-gb18030-with-email', {F + '联系.csv': '姓名,邮箱\n张三,zhang3@qq.com\n'.encode('gb18030')}, [(F + '联系.csv', 2, 'personal-email')])
d('file-svg-with-script', {F + 'chart.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'}, [(F + 'chart.svg', 1, 'svg-active-content')])
d('file-svg-with-xhtml-foreign-object', {F + 'chart.svg': '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject></svg>'}, [(F + 'chart.svg', 1, 'svg-active-content')])
d('file-svg-with-onload', {F + 'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'}, [(F + 'logo.svg', 1, 'svg-active-content')])
d('file-svg-with-outside-image', {F + 'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://evil.example/t.png"/></svg>'}, [(F + 'logo.svg', 1, 'svg-active-content')])
d('file-xml-with-xhtml-script', {F + 'data.xml': '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'}, [(F + 'data.xml', 1, 'file-refused')])
d('file-xhtml', {F + 'page.xhtml': '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'}, [(F + 'page.xhtml', 1, 'file-refused')])
d('file-html-page', {F + 'page.html': '<p>x</p>'}, [(F + 'page.html', 1, 'file-refused')])
d('file-png-that-is-html', {F + 'pic.png': '<html><script>alert(1)</script></html>'}, [(F + 'pic.png', 1, 'file-refused')])
d('file-damaged-xlsx', {F + '坏.xlsx': b'PK\x03\x04 not really a workbook'}, [(F + '坏.xlsx', 1, 'attachment-unreadable')])
d('file-markdown-page-with-script', {'content/about.md': '# 关于\n\n<script>alert(1)</script>\n'}, [('content/about.md', 3, 'unsafe-markup')])

import shutil
if base.exists(): shutil.rmtree(base)
for name, (files, expected, remove) in D.items():
    folder = base / name
    folder.mkdir(parents=True)
    for rel, content in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode('utf-8'))
    if remove:
        (folder / 'remove.txt').write_text('\n'.join(remove) + '\n')
    (folder / 'expected.txt').write_text(''.join(f'{p}:{l}: {c}\n' for p, l, c in expected), encoding='utf-8')
print(len(D))

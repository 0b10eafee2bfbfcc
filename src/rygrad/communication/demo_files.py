"""Files for the demo catalogue, made in code when the demo is built (never fetched): an
action guide as a one-page PDF to hang on the staff room wall (WeasyPrint) and an
exercise as an editable Word document (python-docx). They are attached through the
service, so they pass the same content checks as a person's upload."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape


def action_guide_pdf(title: str, steps: str, contact: str) -> SimpleUploadedFile:
    from weasyprint import HTML  # Imported here: the demo's only PDF, not at start-up.

    items = "".join(f"<li>{escape(line.split('. ', 1)[-1])}</li>"
                    for line in steps.splitlines() if line.strip())
    html = (f"<!doctype html><html lang='da'><head><meta charset='utf-8'>"
            f"<title>{escape(title)}</title><style>body{{font-family:sans-serif}}"
            f"h1{{font-size:20pt}}li{{margin:.5em 0;font-size:13pt}}</style></head><body>"
            f"<h1>{escape(title)}</h1><p>Hvad du gør, trin for trin:</p><ol>{items}</ol>"
            f"<p>Kontakt: {escape(contact)}</p></body></html>")
    content = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return SimpleUploadedFile(f"{title}.pdf", content, content_type="application/pdf")


def exercise_docx(title: str, description: str) -> SimpleUploadedFile:
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "da-DK"
    document.add_heading(title, level=1)
    document.add_paragraph(description)
    document.add_heading("Sådan gør I", level=2)
    for step in ("Sæt 20 minutter af, og sid i en rundkreds.",
                 "Den voksne forklarer øvelsen og viser den selv først.",
                 "Alle prøver; ingen skal sige noget, de ikke har lyst til.",
                 "Tal bagefter om, hvordan det var."):
        document.add_paragraph(step, style="List Number")
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(
        f"{title}.docx", out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

"""Benchmark: the demo's learning report in each format (HTML, PDF, Word).

Builds the demo (`rygrad demo`'s data) into a fresh SQLite file (WAL, as the embedded
mode) and writes the report for the initiative's whole life in Danish `--runs` times in
each format, as `rygrad report` does (content assembled, then drawn). Prints the median
and the slowest wall-clock time of each, the time of the content alone, and the pages and
size of the files. The first run of each format is untimed: it fills the chart cache,
as any earlier report or page would have.

Target (issue 14): the PDF in under 10 s on this machine.

    .venv/bin/python bench/report.py [--runs 3] [--language da|en]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from scratch import scratch_django

TARGET_PDF_SECONDS = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", choices=["da", "en"], default="da")
    args = parser.parse_args()

    with scratch_django():
        _run(args)


def _run(args) -> None:
    from django.db import connection

    from rygrad.core.demo import demo_build
    from rygrad.evaluation.report.content import default_period, report_build
    from rygrad.evaluation.report.output import FORMATS, report_render

    started = time.perf_counter()
    initiative, _logins = demo_build()
    print(f"Demo built in {time.perf_counter() - started:.1f} s on {connection.vendor}.")
    start, end = default_period(initiative)
    print(f"The report of {start} to {end} in {args.language}, {args.runs} runs each:\n")

    def build():
        return report_build(initiative=initiative, start=start, end=end,
                            language=args.language)

    rows = []
    for format in FORMATS:
        data = report_render(build(), format)  # warm: imports, fonts, the chart cache
        content, total = [], []
        for _ in range(args.runs):
            began = time.perf_counter()
            report = build()
            built = time.perf_counter()
            data = report_render(report, format)
            content.append(built - began)
            total.append(time.perf_counter() - began)
        rows.append((format, statistics.median(total), max(total),
                     statistics.median(content), _describe(format, data)))

    print(f"{'format':<8}{'median':>10}{'slowest':>10}{'content':>10}  file")
    for format, median, slowest, content, description in rows:
        print(f"{format:<8}{median:>9.2f}s{slowest:>9.2f}s{content:>9.2f}s  {description}")
    pdf = next(row for row in rows if row[0] == "pdf")
    met = "met" if pdf[2] < TARGET_PDF_SECONDS else "NOT met"
    print(f"\nTarget: the PDF under {TARGET_PDF_SECONDS:.0f} s (slowest run "
          f"{pdf[2]:.2f} s): {met}.")


def _describe(format: str, data: bytes) -> str:
    size = f"{len(data) / 1024:.0f} KiB"
    if format == "pdf":
        import pypdf

        return f"{len(pypdf.PdfReader(io.BytesIO(data)).pages)} pages, {size}"
    if format == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        return f"{len(document.tables)} tables, {len(document.inline_shapes)} charts, {size}"
    return size


if __name__ == "__main__":
    main()

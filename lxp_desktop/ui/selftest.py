"""``lxp-desktop self-test``: does this installation work on this PC?

Run after installing (or by ``make dist-test`` on the built bundle). In a temporary folder it
creates a store and runs the migrations, writes and reads a record through the services,
prints a one-page PDF with Chinese text in the bundled font, and loads that font (and the
app's icon) into Qt. Each step prints one line with ✓ or ✗; the exit status is 0 only when
every step passed. The clerk's real data folder is never opened.

This module sits at the level of ``cli.py``: it may import Qt, but only inside the Qt steps.
"""

from __future__ import annotations

import argparse
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxp_desktop import __version__, paths

#: Chinese text the PDF and the Qt steps must show: school words and rare name characters
SAMPLE_TEXT = "學生學習歷程檔案 自我檢查 臺中市 王小明 堃 喆 峯"
FONT_FAMILY = "LXP Noto Sans TC"
PDF_FONT_NAME = "LXPNotoSansTC-Regular"


class StepFailed(Exception):
    """A step's check did not hold; the message says what, in Traditional Chinese."""


@dataclass
class StepResult:
    title: str
    ok: bool
    detail: str
    seconds: float


def _t(text: str) -> str:
    from lxp_desktop.cli import t

    return t(text)


# --- the steps ---------------------------------------------------------------------------


def step_store(work: Path) -> str:
    """Create a store in an empty folder; the migrations must bring it to the head revision."""
    from sqlalchemy import inspect

    from lxp_desktop.store.db import current_revision, head_revision, open_store

    store = open_store(work / "store" / "lxp.sqlite3", work / "store" / "backups")
    try:
        head = head_revision()
        current = current_revision(store.engine)
        if current != head:
            raise StepFailed(f"移轉後的版本是 {current}，應為 {head}。")
        with store.engine.connect() as conn:
            tables = inspect(conn).get_table_names()
        for needed in ("student", "audit_log", "alembic_version"):
            if needed not in tables:
                raise StepFailed(f"移轉後缺少資料表 {needed}。")
    finally:
        store.close()
    return f"版本 {head}，{len(tables)} 個資料表"


def step_record(work: Path) -> str:
    """Write a school, a term, a class and a student through the services, then read back."""
    from lxp_desktop.domain.roc import Term
    from lxp_desktop.services import school as sch
    from lxp_desktop.services.students import find_student, students
    from lxp_desktop.services.workspace import Workspace

    data = work / "data"
    with paths.temporary_data_dir(data):
        ws = Workspace.open(source="自我檢查")
        try:
            where = ws.store.path
            # a fresh store holds nobody's data: its first administrator is the self-test
            ws.set_up("self-test", "自我檢查", secrets.token_urlsafe(16))
            with ws.write() as (s, a):
                sch.save_school(s, a, {"code": "063401", "name": "自我檢查示範高級中學"})
                sch.ensure_term(s, a, Term(113, 1))
                sch.ensure_class(s, a, 113, "101", "一年一班", 1)
                students.create(s, a, {
                    "student_no": "113001", "national_id": "A123456789", "name": "王小明",
                    "gender": "1", "birth_date": "097/05/12", "class_code": "101",
                    "seat_no": "1", "status": "在學"})
            with ws.read() as s:
                student = find_student(s, "113001")
                if student is None:
                    raise StepFailed("寫入的學生讀不回來。")
                if (student.name, student.national_id) != ("王小明", "A123456789"):
                    raise StepFailed(f"讀回的資料不符：{student.name} {student.national_id}。")
        finally:
            ws.close()
    if where is None or data.resolve() not in where.resolve().parents:
        raise StepFailed(f"資料庫不在暫存資料夾：{where}。")
    return "學生 113001 王小明"


def step_pdf(work: Path) -> str:
    """A one-page A4 PDF in the bundled font; the font must be embedded (as a subset)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_file = paths.font_path()
    if not font_file.is_file():
        raise StepFailed(f"找不到字型檔 {font_file}。請重新安裝 LXP Desktop。")
    name = "LXPSelfTest"
    try:
        pdfmetrics.getFont(name)
    except KeyError:
        pdfmetrics.registerFont(TTFont(name, str(font_file)))
    face = pdfmetrics.getFont(name).face
    missing = [ch for ch in SAMPLE_TEXT if not ch.isspace() and ord(ch) not in face.charToGlyph]
    if missing:
        raise StepFailed(f"字型缺少這些字：{''.join(missing)}。")

    pdf = work / "自我檢查.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setTitle("LXP Desktop 自我檢查")
    c.setFont(name, 16)
    c.drawString(72, 760, SAMPLE_TEXT)
    c.setFont(name, 11)
    c.drawString(72, 730, f"LXP Desktop {__version__}")
    c.showPage()
    c.save()

    data = pdf.read_bytes()
    check_pdf_bytes(data)
    detail = f"1 頁，字型已內嵌，{len(data) // 1024} KB"
    try:  # present where the tests run, not in the bundle
        from pypdf import PdfReader
    except ImportError:
        return detail
    text = PdfReader(str(pdf)).pages[0].extract_text()
    if SAMPLE_TEXT not in text:
        raise StepFailed(f"PDF 中的文字讀回不符：{text!r}。")
    return detail + "，文字可讀回"


def check_pdf_bytes(data: bytes) -> None:
    """One complete page whose font is embedded as a TrueType subset, read from the bytes
    themselves (pypdf is not in the bundle): reportlab writes the font objects uncompressed."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise StepFailed("產生的 PDF 不完整。")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    if pages != 1:
        raise StepFailed(f"PDF 有 {pages} 頁，應為 1 頁。")
    # a subset TrueType font carries its data in /FontFile2 and is named "ABCDEF+Name"
    if b"/FontFile2" not in data:
        raise StepFailed("字型沒有內嵌在 PDF 中（缺少 /FontFile2）。")
    if not re.search(rb"/BaseFont\s*/[A-Z]{6}\+" + PDF_FONT_NAME.encode(), data):
        raise StepFailed(f"PDF 沒有使用內嵌的 {PDF_FONT_NAME} 子集。")


def _gui_app() -> Any:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
    if not isinstance(app, QGuiApplication):
        raise StepFailed("已有非圖形介面的 Qt 應用程式，無法檢查字型。")
    return app


def step_qt_font(work: Path) -> str:
    """Load the bundled font into Qt and draw Chinese with it (needs a Qt platform plugin)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontDatabase, QImage, QPainter, QRawFont

    app = _gui_app()
    font_id = QFontDatabase.addApplicationFont(str(paths.font_path()))
    if font_id < 0:
        raise StepFailed(f"Qt 無法載入字型 {paths.font_path()}。")
    families = QFontDatabase.applicationFontFamilies(font_id)
    if FONT_FAMILY not in families:
        raise StepFailed(f"字型家族是 {families}，應為 {FONT_FAMILY}。")
    font = QFont(FONT_FAMILY, 16)
    raw = QRawFont.fromFont(font)
    # by code point: PySide6's QChar overload answers wrongly for some characters (生 習 程)
    missing = [ch for ch in SAMPLE_TEXT
               if not ch.isspace() and not raw.supportsCharacter(ord(ch))]
    if missing:
        raise StepFailed(f"Qt 的字型缺少這些字：{''.join(missing)}。")
    image = QImage(480, 48, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.black)
    painter.drawText(4, 34, SAMPLE_TEXT)
    painter.end()
    dark = sum(1 for x in range(0, 480, 2) for y in range(0, 48, 2)
               if image.pixelColor(x, y).value() < 128)
    if dark < 100:
        raise StepFailed("用這個字型畫出的中文是空白的。")
    return f"{FONT_FAMILY}（平台 {app.platformName()}）"


def step_translations(work: Path) -> str:
    """Qt's own Traditional Chinese (standard dialogs) and, when shipped, ours in English."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    _gui_app()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    if not qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan), "qtbase", "_",
                   qt_dir):
        raise StepFailed(f"找不到 Qt 的繁體中文翻譯（qtbase_zh_TW.qm，於 {qt_dir}）。")
    loaded = ["qtbase_zh_TW"]
    for qm in sorted(paths.translations_dir().glob("lxp_*.qm")):
        ours = QTranslator()
        if not ours.load(str(qm)):
            raise StepFailed(f"無法載入翻譯檔 {qm}。")
        loaded.append(qm.stem)
    return "、".join(loaded)


def step_qt_icon(work: Path) -> str:
    """The app's icon: the SVG through Qt's svg plugin, and the PNG sizes."""
    from PySide6.QtGui import QImage, QImageReader

    svg = paths.app_icon_path()
    _gui_app()
    if b"svg" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        raise StepFailed("Qt 缺少 SVG 影像外掛（imageformats/qsvg）。")
    reader = QImageReader(str(svg))
    image = reader.read()
    if image.isNull():
        raise StepFailed(f"無法讀取 {svg}：{reader.errorString()}。")
    sizes = []
    for size in paths.ICON_SIZES:
        png = QImage(str(paths.app_icon_path(size)))
        if png.isNull() or (png.width(), png.height()) != (size, size):
            raise StepFailed(f"圖示 lxp-desktop-{size}.png 缺少或尺寸不符。")
        sizes.append(str(size))
    return "SVG 與 PNG " + "/".join(sizes)


def step_commands(work: Path) -> str:
    """Every sub-command registers (a bundle missing a module fails here, not at a clerk's)."""
    from lxp_desktop.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    names = sorted(sub.choices)
    for needed in ("demo", "info", "import", "export", "check", "certify", "backup",
                   "self-test"):
        if needed not in names:
            raise StepFailed(f"缺少指令 {needed}。")
    return f"{len(names)} 個指令"


def step_log(work: Path) -> str:
    """The log file can be written where the app keeps it (the Windows build has no console:
    the file is the only trace of a failure), and a national ID never reaches it whole."""
    import logging

    from lxp_desktop import log as app_log

    path = app_log.setup()
    if path is None:
        raise StepFailed(f"無法寫入記錄檔資料夾 {app_log.log_dir()}。")
    marker = f"self-test {secrets.token_hex(4)} A123456789"
    logging.getLogger("lxp_desktop.selftest").info(marker)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8", errors="replace")
    if marker.replace("A123456789", "A12****789") not in text:
        raise StepFailed(f"記錄檔 {path} 沒有寫入測試訊息。")
    if "A123456789" in text:
        raise StepFailed(f"記錄檔 {path} 含有未遮蔽的身分證統一編號。")
    return str(path)


STEPS: list[tuple[str, Callable[[Path], str]]] = [
    ("建立資料庫並執行移轉", step_store),
    ("寫入並讀回一筆紀錄", step_record),
    ("產生含中文的 PDF", step_pdf),
    ("在 Qt 載入中文字型", step_qt_font),
    ("載入介面翻譯", step_translations),
    ("載入程式圖示", step_qt_icon),
    ("命令列指令", step_commands),
    ("寫入記錄檔", step_log),
]


def run(work: Path, out: Callable[[str], None] = print) -> list[StepResult]:
    """Run every step in ``work`` (an empty folder); a failed step does not stop the next."""
    results = []
    for title, func in STEPS:
        start = time.perf_counter()
        try:
            detail, ok = func(work), True
        except StepFailed as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # noqa: BLE001 - reported, the remaining steps still run
            detail, ok = f"{type(exc).__name__}: {exc}", False
        result = StepResult(_t(title), ok, detail, time.perf_counter() - start)
        out(f"{'✓' if ok else '✗'} {result.title}：{result.detail}")
        results.append(result)
    return results


def cmd_selftest(args: argparse.Namespace) -> int:
    from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS

    _safe_output()
    work = Path(tempfile.mkdtemp(prefix="lxp-selftest-"))
    print(_t("LXP Desktop %s 自我檢查（暫存資料夾 %s）")
          .replace("%s", __version__, 1).replace("%s", str(work), 1), flush=True)
    try:
        results = run(work, lambda line: print(line, flush=True))
    finally:
        if args.keep:
            print(_t("暫存資料夾保留在 %s").replace("%s", str(work)))
        else:
            shutil.rmtree(work, ignore_errors=True)
    failed = sum(not r.ok for r in results)
    if failed:
        print(_t("有 %d 項檢查未通過，請把以上訊息交給系統管理者。").replace("%d", str(failed)))
        return EXIT_PROBLEMS
    print(_t("全部 %d 項檢查通過。").replace("%d", str(len(results))))
    return EXIT_OK


def _safe_output() -> None:
    """A console whose code page lacks ✓/✗ (cp950 redirected to a file) must not crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a stream already in use
                pass


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("self-test", parents=[common],
                       help="檢查這台電腦上的 LXP Desktop 能否正常運作（不動到正式資料）")
    p.add_argument("--keep", action="store_true",
                   help="保留暫存資料夾（內有產生的 PDF），以便查看")
    p.set_defaults(func=cmd_selftest, needs_gui_app=True)

"""Paper confirmation notices: the batch PDF read back, codes decoded, rare characters,
the mailing log, labels, envelopes and the registered-mail list, the command line."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from openpyxl import load_workbook
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader
from sqlalchemy import func, select

from lxp_desktop.cli import main
from lxp_desktop.domain.address_lines import mail_postal_code
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import format_roc_long
from lxp_desktop.io.mail_list import write_mail_list
from lxp_desktop.printing import fonts as font_mod
from lxp_desktop.printing.mail import (
    LabelGrid,
    render_calibration,
    render_envelopes,
    render_labels,
    render_mail_list,
)
from lxp_desktop.printing.notices import Letter, LetterItem, SchoolHeader, render_letters
from lxp_desktop.services import notices
from lxp_desktop.services.students import find_student
from lxp_desktop.store.models import Student
from lxp_desktop.store.notice_models import Notice
from tests.notice_makers import (
    TERM,
    add_cadre,
    add_courses,
    add_student,
    departed_school,
    enrol,
)

ISSUED, DEADLINE = date(2025, 3, 3), date(2025, 3, 17)
REFERENCE_PNG = Path(__file__).resolve().parents[1] / "data" / "notice_page1.png"


def pdf_text(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(BytesIO(data)).pages]


def batch(ws, nos=None, **kw) -> tuple[list[Notice], bytes]:
    out = BytesIO()
    with ws.write() as (s, a):
        ids = ([find_student(s, n).id for n in nos] if nos
               else [st.id for st in notices.departed_students(s, TERM)])
        made = notices.create_batch(s, a, TERM, ids, issued_on=ISSUED, deadline=DEADLINE, **kw)
        notices.render(s, made, out, **kw)
        s.expunge_all()
    return made, out.getvalue()


def letters_by_reference(texts: list[str], refs: list[str]) -> dict[str, str]:
    """The text of each letter: the pages whose page mark carries its reference."""
    return {r: "\n".join(t for t in texts if f"參考編號 {r}　第" in t) for r in refs}


def test_departed_students_are_pre_selected(workspace, school) -> None:
    departed_school(workspace)
    with workspace.read() as s:
        rows = notices.candidates(s, TERM)
    assert sorted(r.student_no for r in rows) == ["111005", "113002"]  # 王小明 is 在學


def test_one_letter_per_student_with_everything_in_its_text(workspace, school) -> None:
    expected = departed_school(workspace)
    made, data = batch(workspace)
    assert len(made) == 2 and all(n.state == notices.GENERATED for n in made)
    texts = pdf_text(data)
    by_ref = letters_by_reference(texts, [n.reference for n in made])
    with workspace.read() as s:
        for n in made:
            st = s.get(Student, n.student_id)
            text = by_ref[n.reference]
            assert text.count("回　條") == 1, "one letter (and one reply slip) per student"
            for part in (st.name, mail_postal_code(st.postal_code), st.address, st.student_no,
                         format_roc_long(DEADLINE), format_roc_long(ISSUED)):
                assert part in text, (part, st.student_no)
            for title in expected[st.student_no]:
                assert title in text, title
            assert st.national_id not in text  # never the full ID on a mailed notice
            assert f"{st.national_id[:3]}****{st.national_id[-3:]}" in text
    # every font is embedded as a subset
    reader = PdfReader(BytesIO(data))
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "+" in str(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def decode(data: bytes, page_index: int) -> set[tuple[str, str]]:
    doc = pdfium.PdfDocument(data)
    try:
        image = doc[page_index].render(scale=200 / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    return {(r.format.name, r.text) for r in zxingcpp.read_barcodes(image)}


def test_reply_slip_codes_decode_to_the_reference(workspace, school) -> None:
    departed_school(workspace)
    made, data = batch(workspace, ["113002"])
    found = decode(data, 0)
    assert ("QRCode", made[0].reference) in found
    assert ("Code128", made[0].reference) in found


def test_a_student_with_120_items_gets_a_continued_letter_with_nothing_missing(
        workspace, school) -> None:
    names = add_courses(workspace, 110)
    add_student(workspace, "110077", "A800000014", "陳大文", "退學")
    enrol(workspace, "110077", names)
    for i in range(10):
        add_cadre(workspace, "110077", f"社團第{i + 1}團", "社長")
    made, data = batch(workspace, ["110077"])
    texts = pdf_text(data)
    assert len(texts) == 3  # 120 items in two columns: 3 pages, not 4+
    assert all(f"第 {i + 1}／{len(texts)} 頁" in t for i, t in enumerate(texts))
    assert all("（續）" in t for t in texts[1:])
    joined = "\n".join(texts)
    for name in names:
        assert name in joined, name
    assert joined.count("2學分") == 110
    for i in range(10):
        assert f"社團第{i + 1}團 社長" in joined
    assert "共 120 項" in joined
    assert joined.count("回　條") == 1 and "回　條" in texts[-1]


EXT_B_NAME = "林𪚥安"  # U+2A6A5: not in Noto Sans TC


def test_extension_b_name_without_a_fallback_is_reported_and_nothing_written(
        workspace, school) -> None:
    add_student(workspace, "110088", "A823456783", EXT_B_NAME, "畢業")
    with workspace.read() as s:
        sid = find_student(s, "110088").id
        problems = notices.check(s, TERM, [sid], use_fallback=False)
    assert len(problems) == 1
    assert "110088" in problems[0].message and "𪚥" in problems[0].message
    assert "U+2A6A5" in problems[0].message
    with pytest.raises(ValidationFailed, match="𪚥"):
        with workspace.write() as (s, a):
            notices.create_batch(s, a, TERM, [sid], use_fallback=False)
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0


@pytest.mark.skipif(font_mod.find_fallback() is None,
                    reason="no fallback font installed (Debian: apt-get install fonts-hanazono)")
def test_extension_b_name_prints_with_the_fallback_font_and_extracts(workspace, school) -> None:
    add_student(workspace, "110088", "A823456783", EXT_B_NAME, "畢業")
    with workspace.read() as s:
        sid = find_student(s, "110088").id
        assert notices.check(s, TERM, [sid]) == []
        assert notices.fallback_report(s, TERM, [sid]) == [(f"110088 {EXT_B_NAME}", ["𪚥"])]
    made, data = batch(workspace, ["110088"])
    text = pdf_text(data)[0]
    # the patched ToUnicode map: the surrogate pair extracts (each font run is its own line)
    assert f"{EXT_B_NAME} 同學 收" in text.replace("\n", "")
    reader = PdfReader(BytesIO(data))
    base_fonts = {str(r.get_object()["/BaseFont"])
                  for r in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("LXPNotoSansTC" in f for f in base_fonts)
    assert any("LXPNotoSansTC" not in f for f in base_fonts), base_fonts


def test_tounicode_entries_beyond_the_bmp_are_surrogate_pairs() -> None:
    assert font_mod._hex_utf16(0x2000B) == "D840DC0B"
    assert font_mod._hex_utf16(0x2A6A5) == "D869DEA5"
    assert font_mod._hex_utf16(0x738B) == "738B"
    cmap = font_mod._to_unicode_cmap("X", [0, 0x2000B])
    assert "<01> <D840DC0B>" in cmap


def test_missing_addresses_are_reported_before_anything_is_written(workspace, school) -> None:
    add_student(workspace, "110099", "A800000014", "周文", "休學", postal_code="", address="")
    with workspace.read() as s:
        sid = find_student(s, "110099").id
        problems = notices.check(s, TERM, [sid])
    assert len(problems) == 1 and "110099 周文" in problems[0].message
    assert "沒有郵遞區號或通訊地址" in problems[0].message
    with pytest.raises(ValidationFailed), workspace.write() as (s, a):
        notices.create_batch(s, a, TERM, [sid])


def test_mailing_log_sent_replied_returned_and_resent(workspace, school) -> None:
    departed_school(workspace)
    made, _data = batch(workspace, ["111005", "113002"])
    a_id, b_id = made[0].id, made[1].id  # 張大同, 李小華
    with workspace.write() as (s, a):
        with pytest.raises(ValidationFailed, match="只有已寄出"):
            notices.mark_returned(s, a, a_id, date(2025, 3, 5), "查無此人")
        notices.mark_sent(s, a, a_id, date(2025, 3, 4), "ab123456")
        notices.mark_sent(s, a, b_id, date(2025, 3, 4), "123457")
    with workspace.write() as (s, a):
        with pytest.raises(ValidationFailed, match="疑義內容"):
            notices.record_reply(s, a, a_id, notices.OBJECTED, date(2025, 3, 8))
        ref = s.get(Notice, a_id).reference
        found = notices.find_by_reference(s, " " + ref.lower() + " ")
        assert found is not None and found.id == a_id
        notices.record_reply(s, a, found.id, notices.OBJECTED, date(2025, 3, 8),
                             "第2項科目名稱有誤，應為選修課程第003號")
        notices.mark_returned(s, a, b_id, date(2025, 3, 10), "遷移新址不明")
    with workspace.write() as (s, a):
        new = notices.resend(s, a, b_id, "407", "臺中市西屯區台灣大道三段99號",
                             issued_on=date(2025, 3, 11))
        new_id, new_ref = new.id, new.reference
    with workspace.read() as s:
        sent = s.get(Notice, a_id)
        assert (sent.state, sent.reply, sent.registered_no) == ("已回覆", "疑義", "AB123456")
        assert "選修課程第003號" in sent.objection
        old = s.get(Notice, b_id)
        assert old.state == "退件" and old.return_reason == "遷移新址不明"
        again = s.get(Notice, new_id)
        assert again.resend_of == b_id and again.state == "已產生" and new_ref != old.reference
        assert again.items_json == old.items_json
        st = find_student(s, "113002")
        assert st.address == "臺中市西屯區台灣大道三段99號" and st.postal_code == "407"
        rows = {c.student_no: c for c in notices.candidates(s, TERM)}
        assert rows["113002"].state == "已產生" and rows["113002"].reference == new_ref
        assert rows["111005"].state == "已回覆"
        assert notices.counts(s, TERM)["已回覆"] == 1
        from lxp_desktop.services import audit

        assert [e.action for e in audit.history(s, "notice", a_id)] == [
            "create", "update", "update"]


def test_labels_envelopes_and_registered_mail_list(workspace, school, tmp_path) -> None:
    departed_school(workspace)
    made, _data = batch(workspace)
    with workspace.write() as (s, a):
        notices.mark_sent(s, a, made[0].id, date(2025, 3, 4), "123456")
    with workspace.read() as s:
        ns = [s.get(Notice, n.id) for n in made]
        addresses, rows = notices.addresses(ns), notices.mail_rows(ns, notices.postage(s))
        header, grid = notices.school_header(s), notices.label_grid(s)
    assert [r.postal_code for r in rows] == sorted(r.postal_code for r in rows)
    out = {}
    for name, fn in (
            ("labels", lambda p: render_labels(addresses, p, grid)),
            ("horizontal", lambda p: render_envelopes(addresses, p, header, "horizontal")),
            ("vertical", lambda p: render_envelopes(addresses, p, header, "vertical")),
            ("list", lambda p: render_mail_list(rows, p, header))):
        path = tmp_path / f"{name}.pdf"
        fn(path)
        out[name] = "\n".join(pdf_text(path.read_bytes()))
    out = {k: v.replace("\n", "") for k, v in out.items()}  # wrapped lines joined
    for a in addresses:
        assert a.postal_code in out["labels"] and a.address in out["labels"]
        assert a.name in out["labels"] and a.address in out["horizontal"]
        assert a.address in out["list"] and a.name in out["list"]
    assert "123456" in out["list"] and "大宗掛號函件執據" in out["list"]
    assert "順序號碼" in out["list"] and "郵資共計 56 元" in out["list"]  # 2 × 28 元
    assert "經辦員蓋章" in out["list"] and "郵　戳" in out["list"]
    # the vertical envelope stacks characters one per line: read it without line breaks
    assert "李小華同學收" in out["vertical"].replace(" ", "")
    assert len(PdfReader(tmp_path / "vertical.pdf").pages) == 2
    write_mail_list(rows, tmp_path / "list.xlsx")
    sheet = load_workbook(tmp_path / "list.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("順序號碼", "掛號號碼", "收件人姓名", "郵遞區號", "寄達地名（或地址）",
                         "郵資", "備考", "參考編號")
    assert [(r[0], r[3], r[4], r[5], r[7]) for r in values[1:]] == [
        (r.serial, r.postal_code, r.address, 28, r.reference) for r in rows]
    assert "123456" in [r[1] for r in values[1:]]
    with pytest.raises(ValueError, match="至少 70 × 25"):
        render_labels(addresses, tmp_path / "x.pdf", LabelGrid(width_mm=60))
    render_calibration(tmp_path / "cal.pdf", notices.WindowFrame())
    assert "地址框 90 × 35 公釐" in pdf_text((tmp_path / "cal.pdf").read_bytes())[0]


def sample_letter() -> tuple[Letter, SchoolHeader]:
    school = SchoolHeader("臺中市私立示範高級中學", "40756", "臺中市西屯區福星路100號",
                          "04-23456789", "陳幹事", "04-23456789 分機 123", "reg@school.example.tw")
    items = [LetterItem("修課紀錄", "113學年度第2學期", f"選修課程第{i:03d}號", None, "2學分　成績 78")
             for i in range(1, 6)]
    items.append(LetterItem("課程學習成果", "113學年度第2學期",
                            "探究與實作：西屯區空氣品質觀測與分析報告", 3))
    return Letter("1132-K7Q3MZ", ISSUED, DEADLINE, "王小明", "111005", "三年一班",
                  "F13****476", "40756", "臺中市西屯區福星路123號5樓之2",
                  "113學年度第2學期", items), school


def render_page(data: bytes, scale: float = 0.75) -> Image.Image:
    doc = pdfium.PdfDocument(data)
    try:
        return doc[0].render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def test_page_matches_the_reference_image(tmp_path) -> None:
    letter, school = sample_letter()
    out = BytesIO()
    render_letters([letter], out, school)
    image = render_page(out.getvalue())
    if not REFERENCE_PNG.exists():  # pragma: no cover - made once, checked by eye, committed
        REFERENCE_PNG.parent.mkdir(parents=True, exist_ok=True)
        image.save(REFERENCE_PNG)
    reference = Image.open(REFERENCE_PNG).convert("L")
    assert image.size == reference.size
    diff = ImageChops.difference(image, reference)
    mean = ImageStat.Stat(diff).mean[0]
    changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:])
    image.save(tmp_path / "actual.png")
    assert mean < 1.0, f"mean difference {mean:.2f} (see {tmp_path / 'actual.png'})"
    assert changed < 0.003 * image.size[0] * image.size[1], changed


def test_command_line_makes_the_batch(workspace, school, tmp_path, capsys) -> None:
    departed_school(workspace)
    data_dir = workspace.store.path.parent
    workspace.close()
    out = tmp_path / "notices.pdf"
    code = main(["notices", "--data-dir", str(data_dir), "--term", "113-2", "--out", str(out),
                 "--students", "113002", "--date", "114/03/03", "--deadline", "114/03/17",
                 "--mail-list", str(tmp_path / "list.xlsx"), "--labels",
                 str(tmp_path / "labels.pdf")])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "已產生 1 份通知" in printed.out
    text = pdf_text(out.read_bytes())[0]
    assert "李小華" in text and "民國114年3月17日" in text
    assert (tmp_path / "list.xlsx").exists() and (tmp_path / "labels.pdf").exists()
    with pytest.raises(SystemExit) as exc:
        main(["notices", "--data-dir", str(data_dir), "--term", "113-9", "--out", str(out)])
    assert exc.value.code == 2 and "113-9" in capsys.readouterr().err
    assert main(["notices", "--data-dir", str(data_dir), "--term", "113-2",
                 "--out", str(out), "--students", "999999"]) == 1
    assert "999999" in capsys.readouterr().err

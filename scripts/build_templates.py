"""Build the Word templates of ``tthc render`` (templates/*.docx) with python-docx.

    python scripts/build_templates.py [OUT_DIR]

The templates are ordinary .docx files a clerk may open and edit in Word or
LibreOffice; this script only makes them reproducible. Placeholders use docxtpl
syntax: ``{{ value }}`` in a run, ``{%p … %}`` on a paragraph of its own,
``{%tr … %}`` in a table row of its own (those paragraphs and rows disappear
when rendered). The README ("Placeholders of the shipped templates") lists every placeholder.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx.shared import Mm

from template_parts import (
    CENTER,
    LEFT,
    SIZE,
    body_loop,
    header_block,
    landscape_section,
    merged_row,
    new_document,
    page_numbers,
    para,
    portrait_section,
    row,
    run,
    signature_block,
    table,
    tag,
    tag_row,
    title_block,
)

ROOT = Path(__file__).resolve().parents[1]
TASK_COLUMNS = [("STT", 12), ("Nội dung", 88), ("Cơ quan chủ trì", 40), ("Cơ quan phối hợp", 45),
                ("Thời hạn", 30), ("Sản phẩm", 37)]
INDICATOR_COLUMNS = [("STT", 12), ("Chỉ tiêu", 120), ("Đơn vị tính", 25), ("Chỉ tiêu năm", 45),
                     ("Cơ quan chủ trì", 50)]
CHART_MM = (160, 100)


def appendix(doc, prefix: str, heading_note: str) -> None:
    """The appendix on a landscape page: task table (group rows merged across,
    header row repeated on every page), then the indicators when there are any."""
    landscape_section(doc)
    para(doc, "PHỤ LỤC", size=SIZE["document_type"], bold=True, align=CENTER, after=0, keep=True)
    tag(doc, f"if {prefix}appendix_title")
    para(doc, f"{{{{ {prefix}appendix_title }}}}", bold=True, align=CENTER, after=0, keep=True)
    tag(doc, "endif")
    para(doc, f"{{{{ {heading_note} }}}}", italic=True, align=CENTER, after=12, keep=True)
    t = table(doc, [w for _, w in TASK_COLUMNS], borders=True)
    row(t, [h for h, _ in TASK_COLUMNS], header=True)
    tag_row(t, f"for r in {prefix}rows")
    tag_row(t, "if r.is_group")
    merged_row(t, "{{ r.heading }}")
    tag_row(t, "else")
    row(t, ["{{ r.no }}", "{{ r.content }}", "{{ r.lead }}", "{{ r.coordinating }}", "{{ r.deadline }}",
            "{{ r.product }}"], aligns=[CENTER, LEFT, LEFT, LEFT, CENTER, LEFT])
    tag_row(t, "endif")
    tag_row(t, "endfor")
    tag(doc, f"if {prefix}indicators")
    para(doc, after=6)
    para(doc, "CHỈ TIÊU", bold=True, align=CENTER, after=6, keep=True)
    t = table(doc, [w for _, w in INDICATOR_COLUMNS], borders=True)
    row(t, [h for h, _ in INDICATOR_COLUMNS], header=True)
    tag_row(t, f"for i in {prefix}indicators")
    row(t, ["{{ i.no }}", "{{ i.content }}", "{{ i.unit }}", "{{ i.target }}", "{{ i.lead }}"],
        aligns=[CENTER, LEFT, CENTER, CENTER, LEFT])
    tag_row(t, "endfor")
    tag(doc, "endif")


def plan():
    doc = new_document("Kế hoạch")
    page_numbers(doc)
    header_block(doc)
    title_block(doc, "KẾ HOẠCH", "{{ subject }}")
    body_loop(doc, "body")
    signature_block(doc)
    appendix(doc, "", "appendix_note")
    return doc


def decision():
    doc = new_document("Quyết định")
    page_numbers(doc)
    header_block(doc)
    title_block(doc, "QUYẾT ĐỊNH", "{{ subject }}")
    para(doc, "{{ authority_heading }}", bold=True, align=CENTER, after=12, keep=True)
    tag(doc, "for line in legal_bases")
    para(doc, "{{ line }}", italic=True, indent=True)
    tag(doc, "endfor")
    tag(doc, "if proposal")
    para(doc, "{{ proposal }}", italic=True, indent=True)
    tag(doc, "endif")
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, after=12, keep=True)
    tag(doc, "for a in articles")
    p = para(doc, indent=True)
    run(p, "{{ a.heading }}", bold=True)
    run(p, " {{ a.text }}")
    tag(doc, "endfor")
    signature_block(doc)
    portrait_section(doc)
    header_block(doc, with_number=False)
    title_block(doc, "KẾ HOẠCH", "{{ plan.subject }}", note="{{ plan.attachment_note }}")
    body_loop(doc, "plan.body")
    appendix(doc, "plan.", "plan.appendix_note")
    return doc


def report(chart_png: bytes):
    doc = new_document("Báo cáo")
    page_numbers(doc)
    header_block(doc)
    title_block(doc, "BÁO CÁO", "{{ subject }}")
    para(doc, "Tình hình thực hiện {{ total }} nhiệm vụ{% if plan_reference %} của {{ plan_reference }}{% endif %}"
              ", tính đến {{ as_of_words }}, như sau:", indent=True)
    para(doc, "I. TÌNH HÌNH CHUNG", bold=True, indent=True, keep=True)
    t = table(doc, [95, 35, 35], borders=True)
    row(t, ["Tình trạng", "Số nhiệm vụ", "Tỷ lệ"], header=True, size=13)
    tag_row(t, "for c in categories")
    row(t, ["{{ c.label }}", "{{ c.count }}", "{{ c.percent }}"], size=13, aligns=[LEFT, CENTER, CENTER])
    tag_row(t, "endfor")
    row(t, ["Tổng cộng", "{{ total }}", "100%"], bold=True, size=13, aligns=[LEFT, CENTER, CENTER])
    para(doc, after=6)
    para(doc, "II. KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ", bold=True, indent=True, keep=True)
    widths = [11, 42, 14] + [16.3] * 6
    t = table(doc, widths, borders=True)
    row(t, ["STT", "Cơ quan chủ trì", "Tổng số"] + [f"{{{{ category_labels[{i}] }}}}" for i in range(6)],
        header=True, size=10)
    tag_row(t, "for a in agencies")
    row(t, ["{{ a.no }}", "{{ a.name }}", "{{ a.total }}"] + [f"{{{{ a.counts[{i}] }}}}" for i in range(6)],
        size=11, aligns=[CENTER, LEFT] + [CENTER] * 7)
    tag_row(t, "endfor")
    p = para(doc, align=CENTER, after=0, keep=True)
    picture = p.add_run().add_picture(io.BytesIO(chart_png), width=Mm(CHART_MM[0]), height=Mm(CHART_MM[1]))
    picture._inline.docPr.set("descr", "chart")
    para(doc, "Biểu đồ: tình trạng thực hiện nhiệm vụ theo cơ quan chủ trì", italic=True, align=CENTER)
    para(doc, "III. NHIỆM VỤ QUÁ HẠN", bold=True, indent=True, keep=True)
    tag(doc, "if overdue")
    para(doc, "Tính đến {{ as_of_words }}, có {{ overdue|length }} nhiệm vụ quá hạn chưa hoàn thành:", indent=True)
    t = table(doc, [12, 70, 40, 26, 17], borders=True)
    row(t, ["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn", "Số ngày quá hạn"], header=True)
    tag_row(t, "for t in overdue")
    row(t, ["{{ t.no }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.deadline }}", "{{ t.days_late }}"],
        aligns=[CENTER, LEFT, LEFT, CENTER, CENTER])
    tag_row(t, "endfor")
    para(doc, after=6)
    tag(doc, "else")
    para(doc, "Tính đến {{ as_of_words }}, không có nhiệm vụ quá hạn.", indent=True)
    tag(doc, "endif")
    body_loop(doc, "body")
    signature_block(doc)
    return doc


def apology():
    doc = new_document("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    header_block(doc)
    title_block(doc, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    para(doc, "Kính gửi: {{ addressee }}", align=CENTER)
    tag(doc, "if address")
    para(doc, "Địa chỉ: {{ address }}", indent=True)
    tag(doc, "endif")
    tag(doc, "if phone")
    para(doc, "Số điện thoại: {{ phone }}", indent=True)
    tag(doc, "endif")
    for text in (
        "Vào {{ received_on_words }}, {{ issuer_name }} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính "
        "“{{ procedure }}” của {{ addressee }}; mã hồ sơ: {{ code }}.",
        "Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả: "
        "{{ due_on_words }}.",
        "Tuy nhiên đến nay, {{ handling_body }} chưa trả kết quả giải quyết hồ sơ đúng thời hạn nêu trên.",
        "Lý do: {{ reason }}.",
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, thời gian đi lại của ông/bà/tổ chức. "
        "{{ issuer_name }} xin lỗi ông/bà/tổ chức và hẹn trả kết quả giải quyết hồ sơ vào {{ new_due_on_words }}.",
        "Xin trân trọng cảm ơn sự hợp tác của ông/bà/tổ chức./.",
    ):
        para(doc, text, indent=True)
    signature_block(doc)
    return doc


REMINDER_COLUMNS = [("STT", 12), ("Nội dung nhiệm vụ", 78), ("Văn bản giao", 30), ("Thời hạn", 30),
                    ("Tình trạng", 25)]


def reminder():
    """Công văn đôn đốc: a letter (no document-type title), its subject under the
    number, Kính gửi the lead agency, the table of its late or soon-due tasks."""
    doc = new_document("Công văn đôn đốc thực hiện nhiệm vụ")
    page_numbers(doc)
    header_block(doc, subject="{{ subject }}")
    para(doc, "Kính gửi: {{ addressee }}.", align=CENTER, after=12)
    para(doc, "Theo dõi tình hình thực hiện các nhiệm vụ được giao tại {{ plans }}, tính đến {{ as_of_words }}, "
              "{{ addressee }} còn {{ summary }}, cụ thể như sau:", indent=True)
    t = table(doc, [w for _, w in REMINDER_COLUMNS], borders=True)
    row(t, [h for h, _ in REMINDER_COLUMNS], header=True)
    tag_row(t, "for t in tasks")
    row(t, ["{{ t.no }}", "{{ t.content }}", "{{ t.plan }}", "{{ t.deadline }}", "{{ t.state }}"],
        aligns=[CENTER, LEFT, CENTER, CENTER, CENTER])
    tag_row(t, "endfor")
    para(doc, after=6)
    para(doc, "Để bảo đảm tiến độ chung, {{ issuer_name }} đề nghị {{ addressee }} khẩn trương tập trung triển khai "
              "thực hiện các nhiệm vụ nêu trên; báo cáo kết quả thực hiện, khó khăn, vướng mắc (nếu có) về "
              "{{ issuer_name }} {{ reply_by }} để tổng hợp, báo cáo theo quy định.", indent=True)
    tag(doc, "for text in paragraphs")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "endfor")
    para(doc, "Đề nghị {{ addressee }} quan tâm, thực hiện./.", indent=True)
    signature_block(doc)
    return doc


def placeholder_chart() -> bytes:
    """A blank frame the report replaces with its chart (same size)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(CHART_MM[0] / 25.4, CHART_MM[1] / 25.4), dpi=50)
    FigureCanvasAgg(figure)
    figure.text(0.5, 0.5, "Biểu đồ (chart)", ha="center", va="center", fontsize=14, color="#777777")
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = {"ke_hoach.docx": plan(), "quyet_dinh.docx": decision(),
                 "bao_cao.docx": report(placeholder_chart()), "phieu_xin_loi.docx": apology(),
                 "cong_van_don_doc.docx": reminder()}
    for name, doc in documents.items():
        doc.save(out_dir / name)
        print(out_dir / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates")

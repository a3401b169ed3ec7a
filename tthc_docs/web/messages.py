"""The toolkit's errors in plain Vietnamese for the pages and the API.

A clerk reads one sentence saying what went wrong and what to do, chosen by the
most specific class of the error that has one; then, when the error carries a
detail (its kind and offending values, :mod:`tthc_docs.errors`), that detail in
Vietnamese (``data/messages.yaml``), naming the file, the limit or the column.
The toolkit's own English message stays available as the technical detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import TthcError
from ..wording import Language, say

_BY_CLASS: dict[str, str] = {
    "EmptyInputError": "Tệp trống: không có nội dung để đọc. Hãy kiểm tra lại tệp.",
    "UnsupportedFormatError": "Định dạng tệp không được hỗ trợ. Hãy dùng tệp .docx, .doc, .pdf, "
                              ".txt, .md hoặc .html.",
    "CorruptFileError": "Tệp bị hỏng hoặc không mở được. Hãy mở lại tệp bằng Word/Excel, lưu lại rồi tải lên.",
    "EncryptedFileError": "Tệp có mật khẩu bảo vệ. Hãy gỡ mật khẩu rồi tải lên lại.",
    "ScannedPdfError": "Tệp PDF là bản quét, không có lớp chữ. Cần nhận dạng chữ (OCR) trước khi tải lên.",
    "UnsafeFileError": "Tệp có cấu trúc bất thường (có thể là tệp nén độc hại) nên không được mở.",
    "InputTooLargeError": "Tệp vượt quá dung lượng cho phép. Hãy tách văn bản hoặc chỉ tải phần phụ lục.",
    "InputError": "Không đọc được tệp.",
    "ParseError": "Nội dung không đúng định dạng mong đợi.",
    "DataError": "Dữ liệu không hợp lệ. Hãy sửa giá trị được nêu trong chi tiết rồi thử lại.",
    "MissingDependencyError": "Máy chủ thiếu phần mềm cần cho thao tác này.",
    "TemplateError": "Mẫu văn bản không khớp với dữ liệu.",
    "OutputExistsError": "Tệp kết quả đã tồn tại.",
    "StaleEditError": "Nhiệm vụ này vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.",
    "UnknownKeyError": "Không tìm thấy kế hoạch, nhiệm vụ hoặc trường dữ liệu được yêu cầu.",
    "DatabaseBusyError": "Cơ sở dữ liệu đang bận. Hãy thử lại sau giây lát.",
    "RegistryError": "Lỗi cơ sở dữ liệu nhiệm vụ.",
    "TthcError": "Không thực hiện được thao tác.",
}

# HTTP status of a toolkit error by class name (most specific first); others are 422.
_STATUS_BY_CLASS = {"StaleEditError": 409, "UnknownKeyError": 404, "DatabaseBusyError": 503}


@dataclass(frozen=True)
class ErrorMessage:
    """What the page shows: the Vietnamese sentence, the Vietnamese detail
    (``said``, empty when the error carries none) and the toolkit's own message."""

    summary: str
    detail: str
    kind: str
    said: str = ""


def explain(exc: TthcError) -> ErrorMessage:
    summary = next(_BY_CLASS[cls.__name__] for cls in type(exc).__mro__ if cls.__name__ in _BY_CLASS)
    said = say(exc.detail, Language.VIETNAMESE) if exc.detail is not None else ""
    return ErrorMessage(summary=summary, detail=str(exc), kind=type(exc).__name__, said=said)


def error_status(exc: TthcError) -> int:
    return next((_STATUS_BY_CLASS[c.__name__] for c in type(exc).__mro__ if c.__name__ in _STATUS_BY_CLASS), 422)

"""Fuzz cases: a valid file of each format, damaged by a mutator drawn at random,
and the command lines that read it.

One generator serves both drivers: ``make_case(fmt, rng)`` takes a
``random.Random``, which hypothesis supplies (derandomized) in the test suite
and ``campaign.py`` seeds per case in the long campaign.
"""

from __future__ import annotations

import functools
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from fuzz import mutators as mz  # noqa: E402

EXAMPLES = ROOT / "examples"
HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
ROWS = [["1", "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực đất đai", "Sở Tư pháp", "Sở Nội vụ",
         "Quý IV/2025"],
        ["2", "Công bố, công khai thủ tục hành chính", "Văn phòng UBND tỉnh", "Các sở, ban, ngành",
         "Trước ngày 15/02/2025"]]


@dataclass(frozen=True)
class Case:
    fmt: str
    mutation: str
    name: str  # file name of the damaged input
    data: bytes
    commands: tuple[tuple[str, ...], ...]  # argument lists; "{in}" is the damaged file


# ------------------------------------------------------------------ valid files

@functools.cache
def valid(fmt: str) -> bytes:
    """A small valid file of ``fmt``."""
    import tempfile

    from readers.builders import build_docx, build_html

    from tthc_docs.models import Task, TaskTable
    from tthc_docs.writers import write_table

    with tempfile.TemporaryDirectory() as folder:
        if fmt == "docx":
            return build_docx(Path(folder) / "a.docx", HEADER, ROWS, paragraphs_before=["KẾ HOẠCH"]).read_bytes()
        if fmt == "html":
            return build_html(Path(folder) / "a.html", HEADER, ROWS, ["KẾ HOẠCH"]).read_bytes()
    if fmt == "pdf":
        return mz.pdf_with_stream(b"BT /F1 10 Tf 50 800 Td (STT Noi dung Co quan chu tri) Tj 0 -14 Td "
                                  b"(1 Ra soat thu tuc hanh chinh) Tj ET 50 780 m 500 780 l S")
    if fmt == "txt":
        lines = ["KẾ HOẠCH", ""] + [f"\t{h}" for h in HEADER] + [""]
        for row in ROWS:
            lines += [f"\t{c}" for c in row] + [""]
        return "\n".join(lines).encode("utf-8")
    if fmt == "tasks.xlsx":
        table = TaskTable(source="a.docx", tasks=tuple(Task(id=r[0], content=r[1], lead=(r[2],), lead_raw=r[2])
                                                        for r in ROWS))
        return write_table(table, "xlsx")
    if fmt == "dossiers.xlsx":
        return (EXAMPLES / "ho-so-tre-han.xlsx").read_bytes()
    if fmt == "meta.yaml":
        return (EXAMPLES / "plan.meta.yaml").read_bytes()
    if fmt in ("registry", "status.xlsx"):
        return _registry()[fmt]
    raise KeyError(fmt)


@functools.cache
def _registry() -> dict[str, bytes]:
    """A SQLite registry holding the valid .docx as a plan, and the status workbook
    exported from it with the first task marked done (the registry still has it
    not started, so importing the workbook changes something)."""
    import tempfile

    from tthc_docs.registry import Actor, Registry, Via
    from tthc_docs.registry.sheets import export_xlsx

    actor = Actor.local(Via.CLI)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "registry.sqlite3"
        with Registry(url=f"sqlite:///{database}") as registry:
            plan = registry.add(Path("ke-hoach.docx"), data=valid("docx"), name="ke-hoach.docx", actor=actor).plan
            keys = registry.keys(plan)
            registry.update_task(keys[0], expected_version=registry.task(keys[0]).version,
                                 changes={"status": "done", "completed_on": date(2025, 3, 1)}, actor=actor)
            workbook = export_xlsx(registry.export_table(plan), keys)
        with Registry(url=f"sqlite:///{database}") as registry:
            # Back to not started, so the workbook's "done" is news to the registry.
            registry.update_task(keys[0], expected_version=registry.task(keys[0]).version,
                                 changes={"status": "not_started", "completed_on": None}, actor=actor)
        return {"registry": database.read_bytes(), "status.xlsx": workbook}


# ------------------------------------------------------------------ mutations

Mutation = Callable[[bytes, random.Random], bytes]


def _zip_mutations(data: bytes) -> dict[str, Mutation]:
    names = mz.members(data)
    xml = [n for n in names if n.endswith((".xml", ".rels"))]

    def member(rng: random.Random) -> str:
        return rng.choice(names)

    def on_xml(change: Callable[[random.Random], Callable[[bytes], bytes]]) -> Mutation:
        return lambda d, rng: mz.rewrite(d, rng.choice(xml), change(rng))

    fields = ["version", "method", "crc", "compressed", "size"]
    return {
        "zip truncated": lambda d, rng: mz.truncate(d, rng.random()),
        "zip header field": lambda d, rng: mz.set_field(d, member(rng), rng.choice(fields),
                                                        rng.choice([0, 1, 8, 12, 20, 99, 0xFFFF, 0xFFFFFFFF,
                                                                    rng.randrange(1 << 32)]),
                                                        where=rng.choice(["central", "local", "both"])),
        "zip member size": lambda d, rng: mz.set_field(d, member(rng), "size", rng.choice([0, 1, 10, 1 << 31])),
        "zip deflate stream": lambda d, rng: mz.flip_payload(d, member(rng), rng.random(), rng.randrange(1, 256)),
        "zip random bytes": lambda d, rng: _flip_bytes(d, rng),
        "xml truncated": on_xml(lambda rng: mz.xml_truncate(rng.random())),
        "xml entities": on_xml(lambda rng: mz.xml_doctype(
            rng.choice(['<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">',
                        '<!ENTITY x SYSTEM "file:///etc/passwd">', '<!ENTITY % p "x">']),
            rng.choice(["&b;", "&x;", "&undefined;"]))),
        "xml bad reference": on_xml(lambda rng: mz.xml_replace(
            rng.choice([rb'r="[A-Z]+\d+"', rb'r:id="rId\d+"', rb'sheetId="\d+"', rb'w:val="[^"]*"', rb't="\w+"',
                        rb'ref="[^"]*"', rb's="\d+"']),
            rng.choice([b'r="1A"', b'r:id="rId999"', b'sheetId="x"', b'w:val="-99999999999"', b't="zz"',
                        b'ref="XFD1048576"', b's="99999"']), count=rng.randrange(1, 4))),
        "xml control characters": on_xml(lambda rng: mz.xml_replace(rb">([^<]{1,5})", b">\\1" + bytes(
            [rng.choice([0, 1, 8, 0x0B, 0x1F])]), count=rng.randrange(1, 4))),
        "xml deep nesting": on_xml(lambda rng: mz.xml_deep(rng.choice([300, 5000, 100_000]))),
    }


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randrange(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _filter_bomb(rng: random.Random) -> bytes:
    """A page whose content decodes past "PDF stream bytes" under a filter drawn at
    random, in a plain or an encrypted (empty user password) file."""
    from readers import hostile_pdf as hp

    size = rng.choice([65, 70]) * 1024 * 1024
    filters, stream = rng.choice([
        (("LZWDecode",), lambda: hp.lzw_run(0x20, size)),
        (("RunLengthDecode",), lambda: hp.run_length(0x20, size)),
        (("ASCII85Decode", "FlateDecode"), lambda: hp.encode(b" " * size, ("ASCII85Decode", "FlateDecode"))),
        (("FlateDecode", "LZWDecode"), lambda: hp.encode(hp.lzw_run(0x20, size), ("FlateDecode",))),
    ])
    return hp.page_pdf(stream(), filters, user_password=rng.choice([None, b""]))


def _encrypted(rng: random.Random) -> bytes:
    from readers import hostile_pdf as hp

    content = mz.text_operations(rng.choice([3, 210_000]))
    return hp.page_pdf(hp.encode(content, ("FlateDecode",)), ("FlateDecode",),
                       user_password=rng.choice([b"", b"mat-khau"]))


def _form_bomb(rng: random.Random) -> bytes:
    """A page whose form XObjects run more operations than "PDF operations per page"
    while its own content is tiny: one big form, a form drawn many times, forms
    nested deep, or forms drawing each other."""
    from readers import hostile_pdf as hp

    depth = rng.choice([6, 40])
    nested = [(hp.draws(b"Fm%d" % (level + 1), 10), [level + 1]) for level in range(depth - 1)]
    return rng.choice([
        lambda: hp.forms_pdf(b"/Fm0 Do", [(mz.text_operations(150_000), [])]),
        lambda: hp.forms_pdf(hp.draws(b"Fm0", 10_000), [(mz.text_operations(8), [])]),
        lambda: hp.forms_pdf(b"/Fm0 Do", [*nested, (mz.text_operations(1), [])]),
        lambda: hp.forms_pdf(b"/Fm0 Do", [(mz.text_operations(1) + b"/Fm1 Do /Fm0 Do", [0, 1]),
                                          (b"/Fm0 Do", [0])], inherit=rng.random() < 0.5),
    ])()


def _info_object_stream(rng: random.Random) -> bytes:
    """An encrypted file whose /Info lies in an object stream, small or decoding past
    "PDF stream bytes": pdfminer decodes it while it opens the file. Its encryption
    dictionary's values are written in it or are objects of their own."""
    from readers import hostile_pdf as hp

    return hp.info_in_object_stream_pdf(rng.choice([1000, 70 * 1024 * 1024]), indirect=rng.random() < 0.5)


def _pdf_mutations() -> dict[str, Mutation]:
    return {
        "pdf filter bomb": lambda d, rng: _filter_bomb(rng),
        "pdf encrypted": lambda d, rng: _encrypted(rng),
        "pdf form bomb": lambda d, rng: _form_bomb(rng),
        "pdf encrypted Info object stream": lambda d, rng: _info_object_stream(rng),
        "pdf truncated": lambda d, rng: mz.truncate(d, rng.random()),
        "pdf stream corrupt": lambda d, rng: mz.corrupt_streams(d, rng.random()),
        "pdf random bytes": _flip_bytes,
        "pdf stream inflation": lambda d, rng: mz.pdf_with_stream(
            mz.text_operations(3) + b" " * rng.choice([10, 70]) * 1024 * 1024),
        "pdf many operations": lambda d, rng: mz.pdf_with_stream(mz.text_operations(rng.choice([1000, 250_000]))),
        "pdf wrong length": lambda d, rng: mz.pdf_with_stream(mz.text_operations(5),
                                                              raw_length=rng.choice([1, 10**9, 0])),
    }


def _text_mutations() -> dict[str, Mutation]:
    def text(d: bytes) -> str:
        return d.decode("utf-8")

    return {
        "text long line": lambda d, rng: mz.long_line(text(d), rng.choice([10_000, 1_000_000])).encode(),
        "text NUL bytes": lambda d, rng: mz.with_nuls(d, rng.randrange(1, 40)),
        "text invalid UTF-8": lambda d, rng: mz.invalid_utf8(d, rng.randrange(1, 40)),
        "text zero-width and RTL": lambda d, rng: mz.sprinkle(text(d), every=rng.randrange(1, 6)).encode(),
        "text truncated": lambda d, rng: mz.truncate(d, rng.random()),
        "text alternating TAB lines": lambda d, rng: "\n".join(
            "\tRà soát" if i % 2 else "Nội dung" for i in range(rng.choice([200, 4000]))).encode(),
        "text random bytes": _flip_bytes,
    }


def _yaml_mutations() -> dict[str, Mutation]:
    return {
        "yaml tag": lambda d, rng: d + rng.choice([b"\nx: !!python/object/apply:os.system ['true']\n",
                                                   b"\nx: !custom 1\n", b"\n!!binary x: y\n"]),
        "yaml alias bomb": lambda d, rng: d + b"\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                              b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
        "yaml truncated": lambda d, rng: mz.truncate(d, rng.random()),
        "yaml random bytes": _flip_bytes,
    }


def mutations(fmt: str) -> dict[str, Mutation]:
    if fmt in ("docx", "tasks.xlsx", "dossiers.xlsx", "status.xlsx"):
        return _zip_mutations(valid(fmt))
    if fmt == "pdf":
        return _pdf_mutations()
    if fmt in ("txt", "html"):
        return _text_mutations()
    return _yaml_mutations()


# ------------------------------------------------------------------ commands

PLAN_META = str(EXAMPLES / "plan.meta.yaml")
APOLOGY_META = str(EXAMPLES / "apology.meta.yaml")
# Storing a document: the CLI, the home page's upload and the API's (``web.py``).
STORE = (("registry", "add", "{in}", "--db", "{url}"), ("web", "upload", "{in}", "{db}"),
         ("web", "api-upload", "{in}", "{db}"))
COMMANDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "docx": (("extract", "{in}", "{good}", "-o", "out"), ("diff", "{good}", "{in}"), ("check", "{in}"),
             ("render", "plan", "{tasks}", "--meta", PLAN_META, "--template", "{in}", "-o", "t.docx"),
             *STORE, ("web", "compare", "{good}", "{in}", "{db}")),
    "pdf": (("extract", "{in}", "{good}", "-o", "out"), ("diff", "{good}", "{in}"), *STORE),
    "txt": (("extract", "{in}", "{good}", "-o", "out"), ("diff", "{good}", "{in}"), *STORE[:2],
            ("web", "compare", "{good}", "{in}", "{db}")),
    "html": (("extract", "{in}", "-o", "out"), *STORE[:2]),
    "tasks.xlsx": (("diff", "{tasks}", "{in}"), ("render", "plan", "{in}", "--meta", PLAN_META, "-o", "kh.docx"),
                   ("render", "report", "{in}", "--meta", str(EXAMPLES / "report.meta.yaml"), "-o", "bc.docx"),
                   *STORE, ("web", "compare", "{tasks}", "{in}", "{db}")),
    "dossiers.xlsx": (("render", "apology", "{in}", "--meta", APOLOGY_META, "-o", "out"),
                      ("web", "apology", "{in}", "{db}")),
    "meta.yaml": (("render", "plan", "{tasks}", "--meta", "{in}", "-o", "kh.docx"),),
    "status.xlsx": (("registry", "import-status", "{in}", "--db", "{url}"),),
}
SUFFIX = {"docx": ".docx", "pdf": ".pdf", "txt": ".txt", "html": ".html", "tasks.xlsx": ".xlsx",
          "dossiers.xlsx": ".xlsx", "meta.yaml": ".yaml", "status.xlsx": ".xlsx"}
FORMATS = tuple(COMMANDS)


def make_case(fmt: str, rng: random.Random) -> Case:
    table = mutations(fmt)
    mutation = rng.choice(sorted(table))
    try:
        data = table[mutation](valid(fmt), rng)
    except KeyError:  # the drawn member has no such field or pattern
        data = mz.truncate(valid(fmt), rng.random())
    return Case(fmt, mutation, f"hong{SUFFIX[fmt]}", data, COMMANDS[fmt])


def write_inputs(case: Case, folder: Path) -> dict[str, str]:
    """Write the damaged file and the good companions; the placeholders' values."""
    damaged = folder / "in" / case.name
    damaged.parent.mkdir(parents=True, exist_ok=True)
    damaged.write_bytes(case.data)
    good = folder / "good" / f"tot{SUFFIX[case.fmt]}"
    good.parent.mkdir(parents=True, exist_ok=True)
    good.write_bytes(valid(case.fmt if case.fmt in ("docx", "pdf", "txt") else "docx"))
    tasks = folder / "good" / "nhiem-vu.xlsx"
    tasks.write_bytes(valid("tasks.xlsx"))
    database = folder / "registry.sqlite3"
    database.write_bytes(valid("registry"))
    return {"{in}": str(damaged), "{good}": str(good), "{tasks}": str(tasks), "{db}": str(database),
            "{url}": f"sqlite:///{database}"}


def database_of(values: dict[str, str], command: list[str]) -> Path | None:
    """The registry database ``command`` writes to, if it writes to one."""
    return Path(values["{db}"]) if values["{db}"] in command or values["{url}"] in command else None


def command_lines(case: Case, values: dict[str, str]) -> list[list[str]]:
    return [[values.get(arg, arg) for arg in command] for command in case.commands]


def warm_up_commands(folder: Path) -> list[list[str]]:
    """Every command of every format on valid inputs (to load what they load)."""
    lines = []
    for fmt in FORMATS:
        case = Case(fmt, "none", f"tot{SUFFIX[fmt]}", valid(fmt), COMMANDS[fmt])
        lines += command_lines(case, write_inputs(case, folder / fmt))
    return lines

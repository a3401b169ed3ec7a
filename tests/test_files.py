import os
import stat

import pytest

from tthc_docs.errors import OutputExistsError
from tthc_docs.files import write_bytes_atomic


def test_a_new_file_gets_the_usual_mode_not_a_private_one(tmp_path):
    umask = os.umask(0o022)
    try:
        path = write_bytes_atomic(tmp_path / "out.json", b"{}")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_replacing_keeps_the_mode_and_needs_force(tmp_path):
    path = tmp_path / "out.json"
    path.write_bytes(b"old")
    path.chmod(0o640)
    with pytest.raises(OutputExistsError, match="--force"):
        write_bytes_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    write_bytes_atomic(path, b"new", force=True)
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind

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


def test_an_output_folder_replaces_what_it_wrote_and_keeps_the_rest(tmp_path):
    from tthc_docs.files import MANIFEST_NAME, OutputFolder

    first = OutputFolder(tmp_path)
    first.write(tmp_path / "a.json", b"1")
    first.write(tmp_path / "sub" / "b.json", b"2")
    first.save()
    (tmp_path / "mine.json").write_bytes(b"mine")
    again = OutputFolder(tmp_path)  # a second run reads the manifest the first left
    again.write(tmp_path / "a.json", b"one")
    again.write(tmp_path / "sub" / "b.json", b"two")
    again.save()
    assert (tmp_path / "a.json").read_bytes() == b"one" and (tmp_path / "sub" / "b.json").read_bytes() == b"two"
    with pytest.raises(OutputExistsError, match="mine.json: already exists and tthc did not write it"):
        again.write(tmp_path / "mine.json", b"x")
    (tmp_path / "a.json").write_bytes(b"edited by staff")
    with pytest.raises(OutputExistsError, match="a.json: .*changed since"):
        OutputFolder(tmp_path).write(tmp_path / "a.json", b"three")
    assert (tmp_path / "a.json").read_bytes() == b"edited by staff"
    assert (tmp_path / "mine.json").read_bytes() == b"mine"
    OutputFolder(tmp_path, force=True).write(tmp_path / "mine.json", b"x")
    assert (tmp_path / "mine.json").read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST_NAME, "a.json", "mine.json", "sub"])


@pytest.mark.parametrize("content", [b"not json", b'{"schema": "other", "files": {}}', b'{"files": []}', b"\xff"])
def test_a_manifest_tthc_cannot_read_protects_everything(tmp_path, content):
    from tthc_docs.files import MANIFEST_NAME, OutputFolder

    (tmp_path / MANIFEST_NAME).write_bytes(content)
    with pytest.raises(OutputExistsError, match="not a manifest tthc can read.*remove it, or pass --force"):
        OutputFolder(tmp_path)
    forced = OutputFolder(tmp_path, force=True)
    forced.write(tmp_path / "a.json", b"1")
    forced.save()
    assert OutputFolder(tmp_path).wrote(tmp_path / "a.json")


def test_the_manifest_is_saved_at_the_end_and_now_and_then(tmp_path, monkeypatch):
    from tthc_docs import files
    from tthc_docs.files import MANIFEST_NAME, OutputFolder

    folder = OutputFolder(tmp_path)
    folder.write(tmp_path / "a.json", b"1")
    assert not (tmp_path / MANIFEST_NAME).exists()  # not rewritten after every file
    # A run cut short before saving: its file is kept, as one tthc did not write.
    with pytest.raises(OutputExistsError, match="a.json: already exists and tthc did not write it"):
        OutputFolder(tmp_path).write(tmp_path / "a.json", b"2")
    folder.save()
    assert OutputFolder(tmp_path).wrote(tmp_path / "a.json")
    monkeypatch.setattr(files, "SAVE_INTERVAL", 0.0)  # a long batch: saved along the way
    folder.write(tmp_path / "b.json", b"3")
    assert OutputFolder(tmp_path).wrote(tmp_path / "b.json")
    mtime = (tmp_path / MANIFEST_NAME).stat().st_mtime_ns
    folder.save()  # nothing new to record: left as it is
    assert (tmp_path / MANIFEST_NAME).stat().st_mtime_ns == mtime

def _fifo(path):
    os.mkfifo(path)
    return path


def _directory(path):
    path.mkdir()
    return path


def _link_out_of_the_folder(path):
    outside = path.parent.parent / "ngoai.json"
    outside.write_bytes(b"keep")
    path.symlink_to(outside)
    return path


def _link_to_a_device(path):
    path.symlink_to("/dev/null")
    return path


@pytest.mark.parametrize(("make", "what"), [
    (_fifo, "a FIFO"), (_directory, "a folder"),
    (_link_out_of_the_folder, "a link to a file outside"), (_link_to_a_device, "a link to a file outside"),
])
def test_force_replaces_only_regular_files(tmp_path, make, what):
    folder = tmp_path / "out"
    folder.mkdir()
    target = make(folder / "ke-hoach.json")
    before = os.lstat(target)
    with pytest.raises(OutputExistsError, match=rf"ke-hoach.json: is {what}.*--force only replaces regular files"):
        write_bytes_atomic(target, b"{}", force=True)
    after = os.lstat(target)
    assert (before.st_mode, before.st_ino) == (after.st_mode, after.st_ino)
    assert sorted(p.name for p in folder.iterdir()) == ["ke-hoach.json"]


def test_a_character_device_is_never_replaced(tmp_path):
    device = tmp_path / "null.json"  # a null device of our own: never the system's
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD")
    with pytest.raises(OutputExistsError, match="null.json: is a character device"):
        write_bytes_atomic(device, b"{}", force=True)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_force_replaces_a_link_to_a_file_in_the_same_folder_by_a_file(tmp_path):
    (tmp_path / "v1.json").write_bytes(b"v1")
    (tmp_path / "moi-nhat.json").symlink_to("v1.json")
    write_bytes_atomic(tmp_path / "moi-nhat.json", b"v2", force=True)
    assert (tmp_path / "v1.json").read_bytes() == b"v1"
    assert not (tmp_path / "moi-nhat.json").is_symlink() and (tmp_path / "moi-nhat.json").read_bytes() == b"v2"


def test_a_dangling_link_counts_as_an_existing_file(tmp_path):
    (tmp_path / "mat.json").symlink_to(tmp_path / "khong-co.json")
    with pytest.raises(OutputExistsError, match="already exists"):
        write_bytes_atomic(tmp_path / "mat.json", b"{}")

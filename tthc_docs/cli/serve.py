"""``tthc serve``: the web workspace on the task registry, served by uvicorn."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

DEFAULT_PORT = 8765
# Demo documents: in the wheel (tthc_docs/corpus) or, in a source checkout, the repository's corpus/.


def demo_documents() -> tuple[Path, ...]:
    """The bundled corpus, sorted by name; () when neither place has it."""
    from ..readers.formats import BY_SUFFIX

    packaged = Path(str(resources.files("tthc_docs").joinpath("corpus")))
    folder = packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "corpus"
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.iterdir() if p.suffix.lower() in BY_SUFFIX))


def load_demo(registry) -> None:
    """Add each corpus document; one that fails is reported and the rest go on."""
    from ..errors import TthcError
    from ..registry import Actor, Via

    actor = Actor.local(Via.CLI)
    documents = demo_documents()
    if not documents:
        click.echo("Không tìm thấy bộ văn bản mẫu (corpus/) để nạp.", err=True)
    for path in documents:
        try:
            added = registry.add(path, actor=actor)
        except TthcError as exc:
            click.echo(f"  {path.name}: lỗi — {exc}", err=True)
            continue
        state = "đã có sẵn" if added.already_stored else f"phiên bản {added.version}"
        click.echo(f"  {path.name}: {added.tasks} nhiệm vụ ({state})")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option("--db", "db_url", metavar="URL",
              help="Registry database URL (default: TTHC_DATABASE_URL, else the embedded SQLite file).")
@click.option("--token", envvar="TTHC_TOKEN", metavar="TOKEN",
              help="Access token (also TTHC_TOKEN); a random one is made when missing.")
@click.option("--demo", is_flag=True, help="Load the bundled corpus into the database first.")
def serve(host: str, port: int, db_url: str | None, token: str | None, demo: bool) -> None:
    """Serve the web workspace: upload, correct, track, render and compare in a browser.

    Every request needs the access token: open the printed link once (the token
    then lives in a cookie), or send 'Authorization: Bearer TOKEN' to /api.
    """
    from ..registry import Registry
    from ..web import create_app
    from ..web.security import is_loopback, new_token

    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host} is reachable from other machines: give an access token with "
                               "--token or TTHC_TOKEN")
    import uvicorn

    token = token or new_token()
    registry = Registry(url=db_url)
    if demo:
        click.echo("Nạp bộ văn bản mẫu …")
        load_demo(registry)
    app = create_app(registry.url, token, registry=registry)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"tthc serve: mở trình duyệt tại  http://{shown}:{port}/?token={token}")
    click.echo("(Ctrl+C để dừng)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        registry.close()

"""The web workspace (``tthc serve``): the toolkit in a browser for clerks, legal
staff and reviewers, on the task registry.

Pages are rendered on the server from the Jinja2 templates in ``templates/`` and
made interactive with htmx, shipped in ``static/`` (no CDN, no JavaScript build).
The layer is as thin as ``cli/``: each router calls the same Python API.

    app.py        create_app(): settings, middleware, error pages, routers
    deps.py       the registry, templates, access token and CSRF checks
    security.py   token, cookie and CSRF values; safe upload names
    messages.py   the toolkit's errors in plain Vietnamese
    routers/      one module per area (home, plans, tasks, api …)
"""

from .app import create_app

__all__ = ["create_app"]

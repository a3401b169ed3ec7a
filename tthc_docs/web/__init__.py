"""The web workspace (``tthc serve``): the toolkit in a browser for clerks, legal
staff and reviewers, on the task registry.

Pages are rendered on the server from the Jinja2 templates in ``templates/`` and
made interactive with htmx, shipped in ``static/`` (no CDN, no JavaScript build).
The layer is as thin as ``cli/``: each router calls the same Python API.

    app.py          create_app(): settings, middleware, error pages, routers, /docs
    deps.py         the registry, templates (``page()``), acting user, CSRF check
    security.py     token, cookie and CSRF values; safe upload names
    messages.py     the toolkit's errors in plain Vietnamese, and their HTTP status
    uploads.py      an uploaded file into the registry
    task_view.py    the plan table's filters, sorting, warnings beside tasks
    render_form.py  the metadata form of rendered documents
    app_state.py    facts of stored plan versions, read once
    routers/        one module per area: home, plans, tasks, documents, api

A new area is a module of ``routers/`` with a ``router`` (an ``APIRouter``), named in
``app.ROUTERS``; its page appears in the navigation bar once ``app.NAV`` lists it.
Templates extend ``base.html`` and are rendered with ``deps.page()``, which adds
the CSRF value every form and htmx request carries.
"""

from .app import create_app

__all__ = ["create_app"]

"""One module per area of the workspace, each with its ``router`` (see ``app.ROUTERS``)."""

"""JSON error responses: the API never answers with an HTML error page."""

from flask import Flask, json
from werkzeug.exceptions import HTTPException


def http_error(error: HTTPException):
    """Answer {"error": ..., "message": ...} with the error's status.

    Unhandled exceptions arrive here as a 500 InternalServerError after Flask
    has logged them; its message says nothing about the cause.
    """
    # The error's own response keeps its headers (Allow on a 405, ...).
    response = error.get_response()
    response.set_data(json.dumps({"error": error.name, "message": error.description}))
    response.content_type = "application/json"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error)

"""The web workspace (`tidings serve`): pages and a JSON API over a tidings store."""

from tidings.web.app import create_app

__all__ = ["create_app"]

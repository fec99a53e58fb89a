"""HTML documents from Jinja2 templates with autoescape: the decision sheet and the snapshot page.

The templates ship with the package (store/templates/). A council restyles them without touching
code by copying one into a folder of its own and naming that folder in $BOARD_TEMPLATES: a
template found there is used instead of the shipped one. Autoescape is on for every template, so
store text is always escaped; the `lines` filter also makes control characters visible and
keeps line breaks.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .snapshot import visible_lines

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES_ENV = "BOARD_TEMPLATES"


def lines(text: Any) -> Any:
    """Store text for HTML: escaped, control characters visible, newlines as <br>."""
    from markupsafe import Markup

    return Markup(html.escape(visible_lines(str(text)), quote=True).replace("\n", "<br>"))


@lru_cache(maxsize=4)
def environment(extra: str | None) -> Environment:
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

    loaders: list[Any] = [FileSystemLoader(extra)] if extra else []
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("store", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["lines"] = lines
    return env


def render_template(name: str, **values: Any) -> str:
    """Render template `name` (e.g. `minutes.html`) with autoescape."""
    return "".join(template_chunks(name, **values))


def template_chunks(name: str, **values: Any) -> Iterator[str]:
    """`render_template` a piece at a time (Jinja2's generate): a page of 100,000 bids is about
    the store's size, and is written without ever being whole in memory."""
    template = environment(os.environ.get(TEMPLATES_ENV) or None).get_template(name)
    return template.generate(**values)

"""{{ doc.body|scrollable_tables }}: each table of a body in its own box that scrolls sideways,
so a wide one (the annual report's 三 and 四) shows where it scrolls, not at the body's foot."""

from django import template
from django.utils.safestring import mark_safe

from gongkai.publications.text import scrollable_tables as wrap

register = template.Library()


@register.filter
def scrollable_tables(body):
    """The body is stored cleaned (publications.text.clean_html): only its tables are wrapped."""
    return mark_safe(wrap(body or ""))  # noqa: S308 — stored through clean_html

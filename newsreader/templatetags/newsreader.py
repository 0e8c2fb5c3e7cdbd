from __future__ import annotations

from django import template
from django.http import QueryDict
from django.utils.http import urlencode

register = template.Library()

PAGING_PARAMS = {"after", "before", "page"}


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, **changes: object) -> str:
    """This page's URL with its filters kept and the paging parameters replaced."""
    request = context["request"]
    params: QueryDict = request.GET.copy()
    for name in PAGING_PARAMS:
        params.pop(name, None)
    for name, value in changes.items():
        if value not in (None, ""):
            params[name] = str(value)
    query = urlencode(sorted(params.lists()), doseq=True)
    return f"{request.path}?{query}" if query else request.path


@register.filter
def reading_time(minutes: int) -> str:
    return f"{minutes} min read"

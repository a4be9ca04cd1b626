"""Portal HTML written in Python where a template costs more than the work it shows.

- **The site chrome** (head, nav, footer) is the same on every document page and every search
  page: each process renders it once per section and large-text mode, and splices each page's
  content into it. It has no per-request parts (no CSRF token, no nonce: the
  Content-Security-Policy is one fixed header; no user): it is rendered for an anonymous
  request holding only the large-text flag, never for the visitor who happens to ask first,
  and refused if its templates ask for a CSRF token.
- **The search page's content** (`search_content`, with `result_rows`): through the template
  language each result row cost about as much as the search itself (a `{% url %}`, four filters
  and a dozen look-ups per row), and the rest of the page (its counts and pager, each number
  localized) as much as the form. They write byte for byte what the templates wrote (the tests
  compare them with the templates, typed out in test_search_page_html.py).
"""

from __future__ import annotations

import datetime as dt
from html import escape as _escape
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from gongkai.lib.cndate import cn_date

CHROME = "publications/portal/_chrome.html"
_TITLE, _CONTENT = "\x00gongkai-title\x00", "\x00gongkai-content\x00"


def page(request, *, title: str, content: str, section: str = "") -> HttpResponse:
    """A portal page: `title` (HTML, for <title>) and `content` (HTML) in the site chrome."""
    before, between, after = _chrome(request, section)
    return HttpResponse(
        "".join((before, title, between, content, after)), content_type="text/html; charset=utf-8"
    )


# Rendered from templates and settings only (the key holds every input), so each process keeps
# its parts.
_chromes: dict[tuple, tuple[str, str, str]] = {}


def _chrome(request, section: str) -> tuple[str, str, str]:
    big = bool(request.GET.get("big"))
    # Everything the chrome's templates read (public_base.html marks 依申请公开 by the path).
    key = (section, big, "/apply/" in request.path, settings.AGENCY_NAME, settings.SITE_NAME)
    if key not in _chromes:
        # Rendered for an anonymous visitor with nothing but the large-text flag, never for the
        # one who happens to ask first: nothing of theirs can reach everyone's pages.
        anonymous = HttpRequest()
        anonymous.method, anonymous.path = "GET", request.path
        anonymous.path_info = request.path_info
        anonymous.GET = QueryDict("big=1" if big else "")
        anonymous.user = AnonymousUser()
        # The markers pass autoescaping unchanged (no &, <, >, quotes).
        context = {"page_title": _TITLE, "content": _CONTENT, "section": section}
        html = render_to_string(CHROME, context, anonymous)
        if "CSRF_COOKIE" in anonymous.META:
            raise ImproperlyConfigured(f"{CHROME} 不能含有 CSRF 令牌：它为所有访客共用")
        before, rest = html.split(_TITLE)
        between, after = rest.split(_CONTENT)
        _chromes[key] = (before, between, after)
    return _chromes[key]


def pager_query(request, results) -> SafeString:
    """The query string of the pager's links, less the page number: the request's own
    parameters and, for a ranked result, its count (n), which spares the next page counting
    (search.search trusts it no further: a ranked list counts itself)."""
    if results is None:
        return SafeString("")
    params = [(k, v) for k, v in request.GET.items() if k not in ("page", "n")]
    if results.ranked and results.total:
        params.append(("n", str(results.total)))
    return SafeString("".join(f"{_escape(k)}={_escape(quote(v, safe='/'))}&" for k, v in params))


def search_content(*, fields_html, results, page_number: int, pages: int, pager_query) -> str:
    """The search page's content: its form (the fields' HTML), and for a search its count,
    result rows and pager. `pager_query` is pager_query()'s."""
    html = [
        '<h1>政府信息检索</h1>\n<form method="get" class="filters search-form" role="search">\n  ',
        fields_html,
        '\n  <button class="primary">检索</button>\n</form>\n',
    ]
    if results is None:
        return "".join(html)
    capped = results.total_capped
    terms = " ".join(_escape(term) for term in results.terms)
    html += [
        '\n<p class="muted">找到 ',
        f"超过{results.count_cap}" if capped else str(results.total),
        " 条结果",
        "" if results.ranked else "，按发布时间排列",
        f"（检索词：{terms}）" if results.terms else "",
        "。结果较多，请增加检索词，或按分类、发布机构、年份筛选，以缩小范围" if capped else "",
        '</p>\n<ol class="results">',
        result_rows(results.rows) if results.rows else _empty(results, pages, pager_query),
        "</ol>\n",
    ]
    if pages > 1:
        html.append('<nav class="pager">')
        if page_number > 1:
            html.append(f'<a href="?{pager_query}page={page_number - 1}">上一页</a>')
        html.append(f"<span>第{page_number}页 / 共{pages}页</span>")
        if page_number < pages:
            html.append(f'<a href="?{pager_query}page={page_number + 1}">下一页</a>')
        html.append("</nav>")
    html.append("\n")
    return "".join(html)


_NOTHING_FOUND = '<li class="empty">没有找到相关信息，请换一个关键词。</li>'


def _empty(results, pages: int, pager_query) -> str:
    """No rows: nothing found, or a page past the last (a typed or stale link), which must not
    say 没有找到 under "找到 N 条结果"."""
    if not results.total:
        return _NOTHING_FOUND
    return (
        f'<li class="empty">这一页没有结果（共{max(pages, 1)}页）。'
        f'<a href="?{pager_query}page=1">回到第1页</a></li>'
    )


def result_rows(rows) -> SafeString:
    """The <li> of each (document, snippet HTML) search result."""
    url = reverse("publications_public:document", args=[0]).removesuffix("0/")
    zone = timezone.get_current_timezone()  # cndate's, read once for the page
    html = []
    for doc, snippet in rows:
        validity = f" · {_escape(doc.get_validity_display())}" if doc.validity else ""
        published = doc.published_at
        if isinstance(published, dt.datetime) and timezone.is_aware(published):
            published = published.astimezone(zone)  # cndate's localtime()
        # Every plain value escaped as format_html would (Django's escape() is html.escape()
        # made safe, at thrice the cost); the title and the snippet are HTML already
        # (search_text escapes them and adds <mark>).
        html.append(
            f'\n  <li><a class="result-title" href="{url}{doc.pk}/">{doc.title_html}</a>\n'
            f'  <div class="small muted">{_escape(doc.index_no)} · '
            f"{_escape(doc.unit.full_name or doc.unit.name)} · {_escape(cn_date(published))}"
            f'{validity}</div>\n  <p class="snippet">{snippet}</p></li>\n'
        )
    return SafeString("".join(html))

"""The public portal (/gk/): catalogue, document pages, 涉企政策, regulations library, search,
feed and sitemap. No login. Every list reads Document.public: anything not published (draft,
in review, returned, withdrawn) is a 404, whatever id is guessed; a document's own page and
its files read Document.shown, which adds only a version withdrawn as 更正 once corrected."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page

from gongkai.publications import pages, portal_cache, portal_html
from gongkai.publications import search as search_index
from gongkai.publications.forms import PortalFilterForm, search_form
from gongkai.publications.models import (
    CATEGORY_NUMERALS,
    REGULATORY_KINDS,
    Attachment,
    Category,
    Document,
    PortalPage,
    Validity,
)
from gongkai.publications.portal_cache import cached_page
from gongkai.publications.selectors import public_catalogue

PAGE = 20
LATEST = 8


@cached_page
def home(request):
    """首页: the portal's columns and the latest published information (最新公开)."""
    latest = Document.public.select_related("unit").order_by("-published_at", "-id")[:LATEST]
    return render(request, "public/home.html", {"latest": latest, "section": "home"})


@cached_page
def guide(request):
    """政府信息公开指南 (条例第十二条), kept by the press office."""
    categories = [(key, CATEGORY_NUMERALS[key], label) for key, label in Category.choices]
    context = {
        "page": PortalPage.get(PortalPage.Slug.GUIDE),
        "categories": categories,
        "section": "guide",
    }
    return render(request, "publications/portal/guide.html", context)


@cached_page
def rules(request):
    """政府信息公开制度."""
    context = {"page": PortalPage.get(PortalPage.Slug.RULES), "section": "rules"}
    return render(request, "publications/portal/rules.html", context)


def _filters(form) -> dict:
    data = form.cleaned_data if form.is_valid() else {}
    return {key: data.get(key) for key in ("category", "unit", "year", "validity")}


@cached_page
def catalogue(request):
    """法定主动公开目录: by 第二十条 category, year and unit."""
    form = PortalFilterForm(request.GET or None)
    documents = public_catalogue(**_filters(form))
    counts = dict(Document.public.values_list("category").annotate(n=Count("id")).order_by())
    categories = [
        (key, CATEGORY_NUMERALS[key], label, counts.get(key, 0)) for key, label in Category.choices
    ]
    context = {
        "form": form,
        "page": Paginator(documents, PAGE).get_page(request.GET.get("page")),
        "categories": categories,
        "current": _filters(form)["category"] or "",
        "section": "catalogue",
    }
    return render(request, "publications/portal/catalogue.html", context)


@cached_page
def business(request):
    """涉企政策 column (item 1)."""
    form = PortalFilterForm(request.GET or None)
    documents = public_catalogue(**_filters(form), business=True)
    page = Paginator(documents, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "publications/portal/business.html",
        {"form": form, "page": page, "section": "business"},
    )


@cached_page
def regulations(request):
    """规章和行政规范性文件库, filtered by validity."""
    form = PortalFilterForm(request.GET or None)
    documents = public_catalogue(**_filters(form), kinds=REGULATORY_KINDS)
    page = Paginator(documents.select_related("replaced_by"), PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "publications/portal/regulations.html",
        {"form": form, "page": page, "validities": Validity.choices, "section": "regulations"},
    )


def document(request, pk):
    """A document's page, generated when it was published (静态化, publications.pages)."""
    response = pages.response(request, pk)
    if response is None:
        raise Http404("没有找到该政府信息")
    return response


def attachment(request, pk):
    # a version shown marked 已被更正 keeps its files; one withdrawn as hidden does not
    item = get_object_or_404(Attachment, pk=pk, document__in=Document.shown.all())
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


def _number(request, name: str, default: int | None) -> int | None:
    try:
        return int(request.GET.get(name, default))
    except (TypeError, ValueError):
        return default


@cached_page(first_page_only=True)
def search(request):
    token = portal_cache.generation(request)  # files the query's ids and the unit options
    form = search_form(request.GET or None, generation=token)
    results, page_number = None, 1
    if form.is_valid() and form.cleaned_data["q"]:
        page_number = max(1, _number(request, "page", 1))
        f = _filters(form)
        candidates = public_catalogue(**f) if any(f.values()) else None
        results = search_index.search(
            form.cleaned_data["q"],
            candidates,
            limit=PAGE,
            offset=(page_number - 1) * PAGE,
            total=_number(request, "n", None),  # the count the pager's link carries
            generation=token,
        )
    content = portal_html.search_content(
        fields_html=form.fields_html(),
        results=results,
        page_number=page_number,
        pages=results.page_count(PAGE) if results else 0,
        pager_query=portal_html.pager_query(request, results),
    )
    return portal_html.page(request, title="检索", content=content, section="search")


@cache_control(public=True, no_cache=True)  # a withdrawal must not linger in caches
@conditional_page
def feed(request):
    """Atom feed of the 50 newest published documents."""
    atom = Atom1Feed(
        title=f"{settings.AGENCY_NAME}政府信息公开",
        link=request.build_absolute_uri(reverse("publications_public:catalogue")),
        description="最新主动公开的政府信息",
        language="zh-cn",
        feed_url=request.build_absolute_uri(reverse("publications_public:feed")),
    )
    for doc in Document.public.select_related("unit")[:50]:
        atom.add_item(
            title=doc.title,
            link=request.build_absolute_uri(doc.get_absolute_url()),
            description=doc.summary or doc.body_text[:200],
            pubdate=doc.published_at,
            updateddate=doc.updated_at,
            unique_id=f"urn:gongkai:{doc.index_no}",
            author_name=doc.unit.full_name or doc.unit.name,
            categories=[doc.get_category_display()],
        )
    return HttpResponse(
        atom.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )


@cache_control(public=True, no_cache=True)
@conditional_page
def sitemap(request):
    urls = [
        (request.build_absolute_uri(reverse(name)), None)
        for name in (
            "home",
            "publications_public:catalogue",
            "publications_public:business",
            "publications_public:regulations",
        )
    ]
    urls += [
        (
            request.build_absolute_uri(doc.get_absolute_url()),
            timezone.localtime(doc.updated_at).date(),
        )
        for doc in Document.public.only("id", "updated_at").order_by("-published_at")[:45000]
    ]
    return render(
        request, "publications/portal/sitemap.xml", {"urls": urls}, content_type="application/xml"
    )

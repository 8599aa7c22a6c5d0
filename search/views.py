"""/zoeken/: one form, the search contract, and shareable URLs for every state."""

from django.conf import settings
from django.shortcuts import render
from django.urls import translate_url
from django.utils.translation import get_language, override

from .contract import FACET_LABELS, known_filters
from .engine import search
from .forms import SearchForm


def search_view(request):
    """/zoeken/: the search page with facets; works without JavaScript."""
    form = SearchForm(request.GET)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    sort = form.cleaned_data.get("sort") or "relevance"
    filters = known_filters(form.filters())
    results = search(query, filters, sort, form.page())
    language = get_language()
    if language != settings.LANGUAGE_CODE:
        # The index holds the Dutch URLs (resolvable only in Dutch); an English search
        # links to the English pages.
        with override(settings.LANGUAGE_CODE):
            for hit in results.hits:
                hit.url = translate_url(hit.url, language)
    options = {
        f: {o.value: o for o in facet_options} for f, facet_options in results.facets.items()
    }
    chips = [
        (FACET_LABELS[facet], options[facet][value].label, _without(request, facet, value))
        for facet, values in filters.items()
        for value in values
    ]
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "facet_groups": [
                (facet, FACET_LABELS[facet], options)
                for facet, options in results.facets.items()
                if options
            ],
            "chips": chips,
            "page_url": _page_url(request),
        },
    )


def _without(request, facet, value) -> str:
    params = request.GET.copy()
    params.setlist(facet, [v for v in params.getlist(facet) if v != value])
    params.pop("page", None)
    return "?" + params.urlencode()


def _page_url(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return "?" + (params.urlencode() + "&" if params else "") + "page="

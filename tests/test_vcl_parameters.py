"""The query parameters Varnish keeps for each page (deploy/varnish.vcl, normalise_query)
are exactly the fields of the form that page reads: a field the VCL dropped would work
straight from the app and silently not through Varnish; a parameter it kept that no form
reads would make a copy of the page per value."""

import re
from pathlib import Path

import pytest

from newsreader.forms import (
    HomeForm,
    RegionFilterForm,
    SearchForm,
    SourceFilterForm,
    StoryFilterForm,
)

VCL = (Path(__file__).resolve().parent.parent / "deploy" / "varnish.vcl").read_text()
# One branch of normalise_query: the addresses it matches, and the parameters it keeps.
BRANCH = re.compile(
    r'req\.url ~ "(?P<pattern>[^"]+)"\) \{\s*'
    r'set req\.url = regsuball\(req\.url, "\(\[\?&\]\)\(\?!\(\?:(?P<kept>[a-z|]+)\)=\)'
)
BRANCHES = [(m["pattern"], set(m["kept"].split("|"))) for m in BRANCH.finditer(VCL)]

# A page of each kind, and the form its view reads.
PAGES = {
    "/": HomeForm(),
    "/regions/lebanon/": RegionFilterForm(places=[]),
    "/sources/afp/": SourceFilterForm(),
    "/threads/12/": StoryFilterForm(),
    "/people/faisal-al-harbi/": StoryFilterForm(),
    "/organisations/hamas/": StoryFilterForm(),
    "/archive/2026/2/": StoryFilterForm(),
    "/archive/2026/2/2/": StoryFilterForm(),
    "/archive/undated/": StoryFilterForm(),
    "/search/": SearchForm(countries=[]),
}


def kept_for(path: str) -> set[str]:
    """The parameters the first branch matching ``path`` keeps, as Varnish reads them."""
    for pattern, kept in BRANCHES:
        # VCL regular expressions are PCRE; these use nothing Python reads differently.
        if re.search(pattern, path):
            return kept
    raise AssertionError(f"No branch of normalise_query keeps parameters for {path}")


def test_the_vcl_has_a_branch_for_each_list():
    assert len(BRANCHES) >= 6


@pytest.mark.parametrize("path", PAGES)
def test_varnish_keeps_exactly_the_parameters_the_page_s_form_reads(path):
    form = PAGES[path]
    assert kept_for(path) == {form.add_prefix(name) for name in form.fields}

"""The readers' URL parameters, validated: a bad value is a 400 with a clear message."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError

from newsreader.models import SOURCE_ROLES, Region
from newsreader.paging import PAGE_SIZE, BadCursor, Cursor
from newsreader.search import MAX_PAGES, MAX_QUERY_LENGTH, parse_query

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_SHOWN = 200  # ten pages: a long read, and still one cheap index range


class StoryFilterForm(forms.Form):
    """Date range and paging, shared by every list of stories."""

    date_from = forms.DateField(
        required=False, label="From", widget=DATE_WIDGET, input_formats=["%Y-%m-%d"]
    )
    date_to = forms.DateField(
        required=False, label="To", widget=DATE_WIDGET, input_formats=["%Y-%m-%d"]
    )
    after = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    before = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    # How many stories the reader had loaded ("Older stories" in place), so that Back and
    # a shared link show the list as far as they had read it.
    shown = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_SHOWN, widget=forms.HiddenInput
    )

    # ``from`` and ``to`` are the public parameter names; Python cannot name a field ``from``.
    public_names = {"date_from": "from", "date_to": "to"}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name: str) -> str:
        return self.public_names.get(field_name, field_name)

    def clean_date_from(self) -> datetime.date | None:
        return _in_range(self.cleaned_data["date_from"], "from")

    def clean_date_to(self) -> datetime.date | None:
        return _in_range(self.cleaned_data["date_to"], "to")

    def _clean_cursor(self, name: str) -> str:
        value = self.cleaned_data[name]
        if value:
            try:
                Cursor.parse(value)
            except BadCursor as error:
                raise ValidationError(
                    "This page link is not valid; go back to the first page."
                ) from error
        return value

    def clean_after(self) -> str:
        return self._clean_cursor("after")

    def clean_before(self) -> str:
        return self._clean_cursor("before")

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError("The “from” date must not be after the “to” date.")
        if data.get("after") and data.get("before"):
            raise ValidationError("A page link cannot go both forwards and backwards.")
        return data

    def filter(self, queryset):
        """The stories published within the reader's dates. (A dated story is placed on
        its date: the condition on ``placed_on`` bounds the newest-first index's range, the
        one on ``published_on`` leaves out the undated stories seen in those days.)"""
        start, end = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        if start:
            queryset = queryset.filter(published_on__gte=start, placed_on__gte=start)
        if end:
            queryset = queryset.filter(published_on__lte=end, placed_on__lte=end)
        return queryset

    @property
    def paging(self) -> dict:
        """``paginate``'s arguments: where the page starts and how many it shows."""
        return {
            "after": self.cleaned_data["after"],
            "before": self.cleaned_data["before"],
            "size": self.cleaned_data["shown"] or PAGE_SIZE,
        }

    @property
    def is_filtered(self) -> bool:
        return bool(self.cleaned_data.get("date_from") or self.cleaned_data.get("date_to"))

    def error_message(self) -> str:
        messages = []
        for field, errors in self.errors.items():
            label = self.add_prefix(field) if field != "__all__" else ""
            messages += [f"{label}: {e}" if label else str(e) for e in errors]
        return " ".join(messages)


class HomeForm(StoryFilterForm):
    """The front page: paging only; it is the latest news, not filtered by dates."""

    date_from = None
    date_to = None


def _in_range(value: datetime.date | None, name: str) -> datetime.date | None:
    if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(f"Enter a date between {FIRST_YEAR} and {LAST_YEAR}.")
    return value


class RegionFilterForm(StoryFilterForm):
    """A country's stories, narrowed to one of its places."""

    place = forms.ChoiceField(required=False, label="Place")

    def __init__(self, data=None, *, places: list[Region], **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.places = {place.slug: place for place in places}
        self.fields["place"].choices = [("", "All places")] + [(p.slug, p.name) for p in places]

    def clean_place(self) -> Region | None:
        slug = self.cleaned_data["place"]
        return self.places.get(slug) if slug else None

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or bool(self.cleaned_data.get("place"))


class SourceFilterForm(StoryFilterForm):
    """A source's stories: those it published, those citing it, or those with its photos."""

    role = forms.ChoiceField(
        required=False, choices=[("", ""), *SOURCE_ROLES.items()], widget=forms.HiddenInput
    )


class SearchForm(StoryFilterForm):
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "dir": "auto"}),
    )
    region = forms.ChoiceField(required=False, label="Region")
    # Results are ranked, and paged by number, not by cursor.
    after = None
    before = None
    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGES, widget=forms.HiddenInput
    )

    def __init__(self, data=None, *, countries: list[Region], **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.countries = {country.slug: country for country in countries}
        self.fields["region"].choices = [("", "All regions")] + [
            (c.slug, c.name) for c in countries
        ]

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        # "-lebanon", a lone quote or a lone OR would otherwise search for nothing and say
        # that no story matches, as if the archive had been looked through.
        if text and parse_query(text).is_empty:
            raise ValidationError(
                "Add a word to search for: a -word only leaves stories out, and quotes,"
                " OR and punctuation alone find nothing."
            )
        return text

    def clean_region(self) -> Region | None:
        slug = self.cleaned_data["region"]
        return self.countries.get(slug) if slug else None

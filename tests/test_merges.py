"""Merges in the admin: the editor confirms first, seeing both sides; afterwards every address
of what was merged away (page and feed) answers 301 to the one that survived, cached like
the site's other redirects and keyed so that a change to the survivor purges it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from newsreader.coverage import unique_slug
from newsreader.models import ArticleOrganisation, ArticlePerson, Organisation, Person, Thread
from tests.browsing import check_page
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def person(name: str, stories: int) -> Person:
    """A person named by ``stories`` published stories."""
    named = Person.objects.create(name=name, slug=unique_slug(Person, name))
    for _ in range(stories):
        ArticlePerson.objects.create(article=make_article(f"{name} speaks"), person=named)
    return named


def organisation(name: str, stories: int) -> Organisation:
    named = Organisation.objects.create(name=name, slug=unique_slug(Organisation, name))
    for _ in range(stories):
        ArticleOrganisation.objects.create(article=make_article(f"{name} says"), organisation=named)
    return named


def thread(title: str, stories: int) -> Thread:
    developing = Thread.objects.create()
    for number in range(stories):
        story = make_article(f"{title}, day {number + 1}")
        story.thread = developing
        story.save()
    return developing


def merge(client, model: str, *selected, confirmed: bool = True, follow: bool = False, **extra):
    """The admin's merge action on ``selected``; ``confirmed``, as the confirmation page's
    form posts it back."""
    data = {"action": "merge", "_selected_action": [item.pk for item in selected], **extra}
    if confirmed:
        data["post"] = "yes"
    return client.post(f"/admin/newsreader/{model}/", data, follow=follow)


def assert_moved(response, survivor, key: str, address: str) -> None:
    """A permanent redirect to ``address``, cacheable like a page and keyed by the
    survivor, so that changing or merging the survivor purges it."""
    assert response.status_code == 301
    assert response["Location"] == address
    assert "public" in response["Cache-Control"]
    assert "s-maxage" in response["Cache-Control"]
    assert f"{key}-{survivor.pk}" in response["xkey"].split()


def test_merging_two_people_asks_first_and_changes_nothing(admin_client, client):
    kept, merged = person("Minni Minnawi", 3), person("Minni Arko Minawi", 1)

    response = merge(admin_client, "person", merged, kept, confirmed=False)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Merge 2 people?" in page
    summary = page[page.index('id="merge-summary"') :]
    assert summary.index("Minni Minnawi") < summary.index("Minni Arko Minawi")
    assert "<td>3</td>" in summary
    assert "<td>1</td>" in summary
    assert 'name="post" value="yes"' in page
    assert 'value="Yes, merge them"' in page
    assert "No, take me back" in page
    assert client.get(merged.get_absolute_url()).status_code == 200
    assert Person.objects.get(pk=merged.pk).aliases == []


def test_confirming_merges_the_people(admin_client, client):
    kept, merged = person("Minni Minnawi", 3), person("Minni Arko Minawi", 1)
    page = merge(admin_client, "person", merged, kept, confirmed=False).content.decode()

    # What the confirmation page's "Yes, merge them" sends.
    form = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    response = admin_client.post(
        "/admin/newsreader/person/",
        {name: [value for field, value in form if field == name] for name, _ in form},
        follow=True,
    )

    assert "Merged 2 people into “Minni Minnawi”." in response.content.decode()
    assert not Person.objects.filter(pk=merged.pk).exists()
    assert Person.objects.get(pk=kept.pk).aliases == ["Minni Arko Minawi"]
    stories = client.get(kept.get_absolute_url()).content.decode()
    assert stories.count('class="story-title"') == 4


def test_the_merge_keeps_the_one_the_confirmation_showed(admin_client):
    """Counts may change between the confirmation and the click: the one shown is kept."""
    shown, other = person("Minni Minnawi", 1), person("Minni Arko Minawi", 2)

    merge(admin_client, "person", shown, other, survivor=shown.pk)

    assert Person.objects.filter(pk=shown.pk).exists()
    assert not Person.objects.filter(pk=other.pk).exists()


def test_a_confirmation_for_a_name_no_longer_selected_merges_nothing(admin_client):
    first, second, third = person("Anna One", 1), person("Anna Two", 1), person("Anna Three", 1)

    response = merge(admin_client, "person", first, second, survivor=third.pk, follow=True)

    assert Person.objects.count() == 3
    assert "no longer among those selected" in response.content.decode()


def test_a_merged_persons_page_and_feed_answer_301_to_the_survivor(admin_client, client):
    kept, merged = person("Minni Minnawi", 2), person("Minni Arko Minawi", 1)
    merge(admin_client, "person", kept, merged)

    assert_moved(client.get("/people/minni-arko-minawi/"), kept, "person", "/people/minni-minnawi/")
    assert_moved(
        client.get("/feeds/people/minni-arko-minawi/"),
        kept,
        "person",
        "/feeds/people/minni-minnawi/",
    )
    assert client.get("/people/minni-minnawi/").status_code == 200


def test_a_merged_address_keeps_its_query(admin_client, client):
    kept, merged = person("Minni Minnawi", 2), person("Minni Arko Minawi", 1)
    merge(admin_client, "person", kept, merged)

    response = client.get("/people/minni-arko-minawi/?from=2026-01-01")

    assert response["Location"] == "/people/minni-minnawi/?from=2026-01-01"


def test_a_merged_organisations_page_and_feed_answer_301_to_the_survivor(admin_client, client):
    kept, merged = organisation("Hezbollah", 2), organisation("Hizbollah", 1)

    assert merge(admin_client, "organisation", kept, merged, confirmed=False).status_code == 200
    assert client.get("/organisations/hizbollah/").status_code == 200
    merge(admin_client, "organisation", kept, merged)

    assert_moved(
        client.get("/organisations/hizbollah/"),
        kept,
        "organisation",
        "/organisations/hezbollah/",
    )
    assert_moved(
        client.get("/feeds/organisations/hizbollah/"),
        kept,
        "organisation",
        "/feeds/organisations/hezbollah/",
    )


def test_a_merged_threads_page_and_feed_answer_301_to_the_survivor(admin_client, client):
    kept, merged = thread("Gaza talks", 3), thread("Cairo talks", 1)

    response = merge(admin_client, "thread", merged, kept, confirmed=False)
    assert response.status_code == 200
    assert "Merge 2 threads?" in response.content.decode()
    assert client.get(f"/threads/{merged.pk}/").status_code == 200
    merge(admin_client, "thread", merged, kept)

    assert_moved(client.get(f"/threads/{merged.pk}/"), kept, "thread", f"/threads/{kept.pk}/")
    assert_moved(
        client.get(f"/feeds/threads/{merged.pk}/"), kept, "thread", f"/feeds/threads/{kept.pk}/"
    )
    assert client.get(f"/threads/{kept.pk}/").status_code == 200


def test_a_chain_of_merges_leads_to_the_last_survivor_in_one_hop(admin_client, client):
    first, second = person("Abdel Fattah Burhan", 1), person("Abdel Fattah al-Burhan", 2)
    merge(admin_client, "person", first, second)
    last = person("General Abdel Fattah al-Burhan", 5)
    merge(admin_client, "person", second, last)

    for old in ("abdel-fattah-burhan", "abdel-fattah-al-burhan"):
        assert_moved(
            client.get(f"/people/{old}/"), last, "person", "/people/general-abdel-fattah-al-burhan/"
        )
    early, later = thread("Sudan truce", 1), thread("Jeddah truce", 2)
    merge(admin_client, "thread", early, later)
    latest = thread("Sudan ceasefire", 5)
    merge(admin_client, "thread", later, latest)
    assert_moved(
        client.get(f"/feeds/threads/{early.pk}/"), latest, "thread", f"/feeds/threads/{latest.pk}/"
    )


def test_unknown_and_unmerged_addresses_are_still_404(admin_client, client):
    kept, merged = person("Minni Minnawi", 2), person("Minni Arko Minawi", 1)
    merge(admin_client, "person", kept, merged)
    gone = thread("Cairo talks", 1)
    gone_pk = gone.pk
    gone.delete()

    assert client.get("/people/nobody-at-all/").status_code == 404
    assert client.get("/feeds/people/nobody-at-all/").status_code == 404
    assert client.get("/organisations/minni-arko-minawi/").status_code == 404
    assert client.get(f"/threads/{gone_pk}/").status_code == 404


def test_a_merged_address_of_a_hidden_survivor_is_404(admin_client, client):
    kept, merged = person("Minni Minnawi", 2), person("Minni Arko Minawi", 1)
    merge(admin_client, "person", kept, merged)
    admin_client.post("/admin/newsreader/person/", {"action": "hide", "_selected_action": kept.pk})

    assert client.get("/people/minni-arko-minawi/").status_code == 404


def test_a_new_name_never_takes_a_merged_away_address(admin_client):
    kept, merged = person("Minni Minnawi", 2), person("Minni Arko Minawi", 1)
    merge(admin_client, "person", kept, merged)

    assert unique_slug(Person, "Minni Arko Minawi") == "minni-arko-minawi-2"


@pytest.mark.thorough  # the merge itself is tested without a browser in the fast tier
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_an_editor_sees_both_sides_before_a_merge(reference_data, live_server, page):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user(
        "eda", password="a long editor passphrase", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    person("Minni Minnawi", 3)
    person("Minni Arko Minawi", 1)

    page.goto(live_server.url + "/admin/newsreader/person/")
    page.get_by_label("Username").fill("eda")
    page.get_by_label("Password").fill("a long editor passphrase")
    page.get_by_role("button", name="Log in").click()

    def choose_merge() -> None:
        page.locator("#action-toggle").check()
        page.locator("select[name='action']").select_option("merge")
        page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()

    choose_merge()
    summary = page.get_by_role("table", name="Merge into “Minni Minnawi”")
    expect(summary.locator("tbody tr")).to_have_count(2)  # the confirmation page has loaded
    assert summary.locator("tbody tr").all_inner_texts() == [
        "Minni Minnawi\t3\t/people/minni-minnawi/\tKept",
        "Minni Arko Minawi\t1\t/people/minni-arko-minawi/\tMerged, its address redirected",
    ]
    check_page(page, "admin-merge-confirmation")

    page.get_by_role("link", name="No, take me back").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    choose_merge()
    page.get_by_role("button", name="Yes, merge them").click()
    page.get_by_text("Merged 2 people into “Minni Minnawi”.").wait_for()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

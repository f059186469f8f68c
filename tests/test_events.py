"""Events and talks: rendering, event-list, calendars, JSON-LD, bad input, incremental."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import icalendar
import myst_parser
import pytest

from tests.helpers import build, build_root, copy_root, make_root, tree_differences

DASH = "\N{EN DASH}"
BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    return build_root("events", tmp_path_factory.mktemp("events"))


def plain(text: str) -> str:
    """Babel separates ranges with thin and narrow no-break spaces; compare as plain spaces."""
    return text.replace("\u2009", " ").replace("\u202f", " ").replace("\xa0", " ")


def names(list_element) -> list[str]:
    return [
        entry.select_one(".osblog-event-name").get_text()
        for entry in list_element.select("li.osblog-event-entry")
        if not entry.has_attr("hidden")
    ]


def test_no_warnings(site) -> None:
    assert site.warning_lines() == [], site.warnings


def test_event_block(site) -> None:
    soup = site.soup("updates/feb")
    kubecon = soup.select_one("article#event-kubecon-cloudnativecon-europe-2019")
    assert kubecon.select_one(".osblog-event-link")["href"] == "https://events.linuxfoundation.org/"
    when = kubecon.select_one("time.osblog-event-time")
    assert plain(when.get_text()) == f"May 20 {DASH} 23, 2019"
    assert when["datetime"] == "2019-05-20"
    assert kubecon.select_one(".osblog-event-location").get_text() == "Barcelona, Spain"
    assert kubecon.select_one(".osblog-event-kind").get_text() == "Conference"
    assert kubecon.select_one("a.osblog-event-ics")["href"] == (
        "../_osblog/events/updates-feb--event-kubecon-cloudnativecon-europe-2019.ics"
    )
    talks = kubecon.select(".osblog-talk")
    assert [t.select_one(".osblog-talk-name").get_text() for t in talks] == [
        "Kubernetes Failure Stories and How to Crash Your Clusters",
        "Es-operator: Building an Elasticsearch Operator From the Bottom Up",
    ]
    assert talks[0].select_one("a.osblog-person-link")["href"] == (
        "../blog/authors/henning-jacobs.html"
    )
    assert talks[1].select_one("a.osblog-speaker-link")["href"] == "https://github.com/mikkeloscar"
    assert talks[0].select_one(".osblog-talk-slides")["href"] == "https://example.org/slides.pdf"
    meetup = soup.select_one("article#event-cloud-native-bug-squashing-night")
    time = meetup.select_one("time")
    assert plain(time.get_text()) == f"Mar 28, 2019, 6:00 {DASH} 9:00 PM CET"
    assert time["datetime"] == "2019-03-28T18:00:00+01:00"
    assert time["data-osblog-local"] == "2019-03-28T17:00:00+00:00"
    assert meetup.select_one(".osblog-event-register")["href"].startswith("https://www.meetup.com/")
    assert [a.get_text() for a in meetup.select(".osblog-event-projects a")] == [
        "Postgres Operator",
        "Skipper",
    ]
    postponed = soup.select_one("article#event-postgresql-day-italy")
    assert postponed.select_one(".osblog-event-status").get_text() == "Postponed"
    webinar = soup.select_one("article#event-a-webinar time")
    assert plain(webinar.get_text()) == f"Jun 4, 2019, 11:00 AM {DASH} 12:00 PM EDT"


def test_event_lists_at_build_time(site) -> None:
    soup = site.soup("index")
    upcoming, past, cfp, meetups = soup.select("div.osblog-event-list")
    # Today is 2019-05-18: PostgreSQL Day Italy ended on the 17th (all day, inclusive).
    assert names(upcoming) == ["KubeCon + CloudNativeCon Europe 2019", "A webinar"]
    assert names(past) == ["PostgreSQL Day Italy", "Cloud Native Bug Squashing Night"]
    assert names(cfp) == ["KubeCon + CloudNativeCon Europe 2019"]
    assert names(meetups) == ["Cloud Native Bug Squashing Night"]
    # Every candidate is present for the browser to re-judge; the build's choice is visible.
    assert len(upcoming.select("li.osblog-event-entry")) == 4
    link = upcoming.select_one("li:not([hidden]) a.osblog-event-entry-link")
    assert link["href"] == "updates/feb.html#event-kubecon-cloudnativecon-europe-2019"
    subscribe = upcoming.select_one("a.osblog-calendar-subscribe")
    assert subscribe["href"] == "webcal://example.org/docs/blog/events.ics"


def test_events_script_only_where_events_show(site) -> None:
    def scripts(page: str) -> list[str]:
        return [s["src"] for s in site.soup(page).select("script[src]") if "osblog" in s["src"]]

    assert [src for src in scripts("index") if "osblog-events.js" in src]  # event lists
    assert [src for src in scripts("updates/feb") if "osblog-events.js" in src]  # event times
    assert not [src for src in scripts("genindex") if "osblog-events.js" in src]


def test_calendar(site) -> None:
    calendar = icalendar.Calendar.from_ical((site.outdir / "blog/events.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 4
    kubecon = events["KubeCon + CloudNativeCon Europe 2019"]
    assert kubecon["DTSTART"].dt == dt.date(2019, 5, 20)
    assert kubecon["DTEND"].dt == dt.date(2019, 5, 24)  # exclusive
    meetup = events["Cloud Native Bug Squashing Night"]
    assert meetup["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert meetup["DTSTART"].dt.hour == 18
    assert "Bug Squashing" in str(meetup["SUMMARY"])
    assert str(events["PostgreSQL Day Italy"]["STATUS"]) == "TENTATIVE"
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Berlin", "America/New_York"}
    assert len({str(e["UID"]) for e in events.values()}) == 4
    # osblog_today 2019-05-18 in Europe/Berlin is 22:00 the day before in UTC.
    stamp = dt.datetime(2019, 5, 17, 22, 0, tzinfo=dt.timezone.utc)
    assert all(e["DTSTAMP"].dt == stamp for e in events.values())
    single = site.outdir / "_osblog/events/updates-feb--event-a-webinar.ics"
    one = icalendar.Calendar.from_ical(single.read_bytes())
    assert [str(e["SUMMARY"]) for e in one.walk("VEVENT")] == ["A webinar"]
    project = icalendar.Calendar.from_ical(
        (site.outdir / "blog/projects/skipper/events.ics").read_bytes()
    )
    assert [str(e["SUMMARY"]) for e in project.walk("VEVENT")] == [
        "Cloud Native Bug Squashing Night"
    ]
    head = site.soup("index").head
    assert head.select_one("link[type='text/calendar']")["href"] == "blog/events.ics"


def test_events_json(site) -> None:
    data = json.loads(site.text("blog/events.json"))
    assert [e["name"] for e in data["events"]] == [
        "Cloud Native Bug Squashing Night",
        "PostgreSQL Day Italy",
        "KubeCon + CloudNativeCon Europe 2019",
        "A webinar",
    ]
    kubecon = data["events"][2]
    assert kubecon["start"] == "2019-05-20" and kubecon["end"] == "2019-05-23"
    assert kubecon["talks"][0]["speakers"] == ["Henning Jacobs"]
    assert kubecon["page"] == (
        "https://example.org/docs/updates/feb.html#event-kubecon-cloudnativecon-europe-2019"
    )


def test_json_ld_events(site) -> None:
    scripts = site.soup("updates/feb").head.select("script[type='application/ld+json']")
    data = [json.loads(script.string) for script in scripts]
    events = {item["name"]: item for item in data if item["@type"] == "Event"}
    assert len(events) == 4
    kubecon = events["KubeCon + CloudNativeCon Europe 2019"]
    assert kubecon["startDate"] == "2019-05-20" and kubecon["endDate"] == "2019-05-23"
    assert kubecon["location"] == {
        "@type": "Place",
        "name": "Barcelona, Spain",
        "address": "Barcelona, Spain",
    }
    assert kubecon["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert [p["name"] for p in kubecon["performer"]] == ["Henning Jacobs", "Mikkel Larsen"]
    webinar = events["A webinar"]
    assert webinar["location"] == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    assert webinar["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert events["PostgreSQL Day Italy"]["eventStatus"] == "https://schema.org/EventPostponed"


def test_project_and_people_pages(site) -> None:
    skipper = site.soup("blog/projects/skipper")
    assert [a.get_text() for a in skipper.select(".osblog-project-events a")] == [
        "Cloud Native Bug Squashing Night"
    ]
    person = site.soup("blog/authors/henning-jacobs")
    assert [a.get_text() for a in person.select(".osblog-person-talks a")] == [
        "Kubernetes Failure Stories and How to Crash Your Clusters"
    ]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder(tmp_path: Path, builder: str) -> None:
    result = build_root("events", tmp_path, builder)
    assert result.warning_lines() == [], result.warnings


def test_text_output(tmp_path: Path) -> None:
    text = plain(build_root("events", tmp_path, "text").text("updates/feb.txt"))
    assert "KubeCon + CloudNativeCon Europe 2019" in text
    assert f"May 20 {DASH} 23, 2019" in text
    assert "Kubernetes Failure Stories" in text
    assert "Add to calendar" not in text
    listing = build_root("events", tmp_path / "again", "text").text("index.txt")
    assert "A webinar" in listing.split("Past")[0]


BAD_EVENTS = {
    "unparseable start": (":start: someday", ":start: 'someday' is not a date"),
    "impossible date": (":start: 2019-02-30", "'2019-02-30' is not a real date"),
    "end before start": (":start: 2019-05-20\n:end: 2019-05-19", ":end: is before :start:"),
    "unknown zone": (":start: 2019-05-20\n:timezone: Mars/Base", "unknown time zone 'Mars/Base'"),
    "unknown kind": (":start: 2019-05-20\n:kind: party", ":kind: must be one of"),
    "unknown status": (":start: 2019-05-20\n:status: maybe", ":status: must be one of"),
    "unknown project": (":start: 2019-05-20\n:projects: nope", "unknown project key 'nope'"),
    "javascript url": (":start: 2019-05-20\n:url: javascript:alert(1)", "scheme 'javascript:'"),
    "missing start": (":location: Berlin", ":start: is required"),
}


@pytest.mark.parametrize("case", sorted(BAD_EVENTS))
def test_bad_event_warns_once(tmp_path: Path, case: str) -> None:
    options, expected = BAD_EVENTS[case]
    if case == "impossible date" and int(myst_parser.__version__.split(".")[0]) < 3:
        pytest.skip("MyST-Parser < 3 reads directive options as YAML and crashes on this date")
    source = f"# Page\n\nBefore.\n\n:::{{event}} Broken\n{options}\n\nEvent body.\n:::\n\nAfter.\n"
    srcdir = make_root(tmp_path / "bad", {"index.md": source})
    result = build(srcdir)
    warnings = result.osblog_warnings("event")
    assert len(warnings) == 1, result.warnings
    assert expected in warnings[0]
    assert "index.md:5" in warnings[0]
    html = result.html("index")
    assert "Before." in html and "After." in html and "Event body." in html
    assert "javascript:" not in html


def test_talk_outside_event_and_bad_speaker(tmp_path: Path) -> None:
    source = (
        "# Page\n\n:::{talk} Lonely talk\n:speakers: Eve <javascript:alert(1)>\nAbstract.\n:::\n"
    )
    result = build(make_root(tmp_path / "talk", {"index.md": source}))
    warnings = result.osblog_warnings("event")
    assert len(warnings) == 2
    assert all("index.md:3" in w for w in warnings)
    assert "Abstract." in result.html("index")


def test_uid_stable_when_other_events_change(tmp_path: Path) -> None:
    srcdir = copy_root("events", tmp_path / "site")
    first = icalendar.Calendar.from_ical((build(srcdir).outdir / "blog/events.ics").read_bytes())
    uids = {str(e["SUMMARY"]): str(e["UID"]) for e in first.walk("VEVENT")}
    post = srcdir / "updates/feb.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(":start: 2019-05-16", ":start: 2019-05-15"),
        encoding="utf-8",
    )
    second = icalendar.Calendar.from_ical(
        (build(srcdir, fresh=True).outdir / "blog/events.ics").read_bytes()
    )
    assert {str(e["SUMMARY"]): str(e["UID"]) for e in second.walk("VEVENT")} == uids


def test_incremental_event_edit_equals_clean(tmp_path: Path) -> None:
    srcdir = copy_root("events", tmp_path / "site")
    build(srcdir)
    post = srcdir / "updates/feb.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace(":end: 2019-05-23", ":end: 2019-05-24")  # edit
    text = text.replace("::::{event} A webinar", "::::{event} A renamed webinar")
    text += "\n::::{event} Added meetup\n:start: 2019-07-01\n:kind: meetup\n::::\n"  # add
    post.write_text(text, encoding="utf-8")
    incremental = build(srcdir)
    assert incremental.read_docs == ["updates/feb"]
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src)
    assert tree_differences(incremental.outdir, clean.outdir, ("_sources",)) == []
    assert "Added meetup" in incremental.html("index")


def test_parallel_equals_serial(tmp_path: Path) -> None:
    srcdir = copy_root("events", tmp_path / "site")
    serial = build(srcdir, outdir=tmp_path / "serial")
    parallel = build(srcdir, outdir=tmp_path / "parallel", parallel=2)
    assert tree_differences(serial.outdir, parallel.outdir) == []


def test_unlisted_event(tmp_path: Path) -> None:
    source = (
        "# Page\n\n:::{event} Listed\n:start: 2030-01-01\n:::\n\n"
        ":::{event} Only described here\n:start: 2030-02-01\n:unlisted:\n:::\n\n"
        ":::{event-list}\n:when: all\n:::\n"
    )
    conf = "html_baseurl = 'https://example.org/'\nosblog_today = '2020-01-01'\n"
    result = build(make_root(tmp_path / "u", {"index.md": source}, conf))
    assert result.warning_lines() == []
    soup = result.soup("index")
    assert [a.get_text() for a in soup.select(".osblog-event-list a.osblog-event-entry-link")] == [
        "Listed"
    ]
    assert soup.select_one("#event-only-described-here .osblog-event-name") is not None
    calendar = icalendar.Calendar.from_ical((result.outdir / "blog/events.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Listed"]
    own = result.outdir / "_osblog/events/index--event-only-described-here.ics"
    assert own.is_file()
    scripts = soup.head.select("script[type='application/ld+json']")
    assert len(scripts) == 1


LIST_OPTIONS = {
    "post-list format": ("```{post-list}\n:format: table\n```", "post", ":format: must be one of"),
    "post-list limit": ("```{post-list}\n:limit: many\n```", "post", ":limit: must be a positive"),
    "post-list year": ("```{post-list}\n:year: -3\n```", "post", ":year: must be a positive"),
    "event-list when": ("```{event-list}\n:when: soon\n```", "event", ":when: must be one of"),
    "event-list kind": ("```{event-list}\n:kind: party\n```", "event", ":kind: 'party' is not"),
    "event-list project": (
        "```{event-list}\n:project: nope\n```",
        "event",
        "unknown project key 'nope'",
    ),
    "event-list limit": ("```{event-list}\n:limit: 0\n```", "event", ":limit: must be a positive"),
    # A superscript digit passes str.isdigit() but not int() (found by deep fuzzing).
    "post-list superscript": ("```{post-list}\n:limit: \u00b9\n```", "post", ":limit: must be"),
    "event-list superscript": ("```{event-list}\n:year: \u00b2\n```", "event", ":year: must be"),
}


@pytest.mark.parametrize("case", sorted(LIST_OPTIONS))
def test_bad_list_option_warns_once(tmp_path: Path, case: str) -> None:
    block, subtype, expected = LIST_OPTIONS[case]
    source = f"# Page\n\nBefore.\n\n{block}\n\nAfter.\n"
    result = build(make_root(tmp_path / "list", {"index.md": source}))
    warnings = result.osblog_warnings(subtype)
    assert len(warnings) == 1, result.warnings
    assert expected in warnings[0] and "index.md:5" in warnings[0]
    assert "Before." in result.html("index") and "After." in result.html("index")


PROJECT_MEDIA_SITE = {
    "index.md": "# Home\n",
    "updates/2024/03/march.md": (
        "---\ndate: 2024-03-20\ntitle: March update\n---\n# March update\n\n"
        ":::::{project-card} skipper\n"
        "Skipper 1.0 is out.\n\n"
        "::::{video} youtube:4QyecOoPsGU\n:title: Skipper 1.0 walkthrough\n::::\n"
        ":::::\n\n"
        ":::{video} youtube:dQw4w9WgXcQ\n:title: Unrelated video\n:::\n\n"
        "::::{event} Ingress Day\n:start: 2024-05-02\n:projects: skipper\n\n"
        ":::{talk} Routing at scale\n:speakers: Ada Lovelace, henning-jacobs\n"
        ":video: https://www.youtube.com/watch?v=aaaaaaaaaaa\n:::\n\n"
        ":::{video} youtube:bbbbbbbbbbb\n:title: Ingress Day keynote\n:::\n"
        "::::\n\n"
        "::::{event} Private rehearsal\n:start: 2024-04-01\n:projects: skipper\n:unlisted:\n\n"
        ":::{video} youtube:ccccccccccc\n:title: Rehearsal recording\n:::\n"
        "::::\n"
    ),
    "updates/2024/04/draft.md": (
        "---\ndate: 2024-04-10\ndraft: true\n---\n# Draft\n\n"
        "::::{project-card} skipper\n"
        ":::{video} youtube:ddddddddddd\n:title: Draft video\n:::\n"
        "::::\n"
    ),
}


def test_project_page_lists_talks_and_videos(tmp_path: Path) -> None:
    conf = (
        "osblog_today = '2024-06-01'\nhtml_baseurl = 'https://example.org/'\n"
        "osblog_people = {'henning-jacobs': {'name': 'Henning Jacobs'}}\n"
        "osblog_projects = {'skipper': {'name': 'Skipper', 'repo': 'https://example.org/s'}}\n"
    )
    result = build(make_root(tmp_path / "media", PROJECT_MEDIA_SITE, conf))
    assert result.warning_lines() == [], result.warnings
    page = result.soup("blog/projects/skipper")
    talks = page.select(".osblog-project-talks li")
    assert [li.select_one("a").get_text() for li in talks] == ["Routing at scale"]
    assert "Ada Lovelace, Henning Jacobs" in talks[0].get_text()
    videos = [(a.get_text(), a["href"]) for a in page.select(".osblog-project-videos a")]
    # Newest first: the event's talk and keynote (May 2), then the card's video (March 20).
    # The unrelated video, the unlisted event's and the draft's stay out.
    assert videos == [
        ("Routing at scale", "https://www.youtube.com/watch?v=aaaaaaaaaaa"),
        ("Ingress Day keynote", "../../updates/2024/03/march.html#video-ingress-day-keynote"),
        (
            "Skipper 1.0 walkthrough",
            "../../updates/2024/03/march.html#video-skipper-1-0-walkthrough",
        ),
    ]
    march = result.soup("updates/2024/03/march")
    for _title, href in videos[1:]:
        assert march.find(id=href.split("#")[1]) is not None

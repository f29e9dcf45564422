"""The guide's rules, as the wizard and printout apply them."""

import datetime as dt

from ilp_desktop.model.calendar import current_school_year, due_dates, plan_calendar
from ilp_desktop.model.checks import check_field, check_part
from ilp_desktop.model.values import choices

TODAY = dt.date(2026, 11, 22)


def messages(template, catalog, values, field_id):
    return [f.message for f in check_field(template.field(field_id), template, catalog.resources, values, TODAY)]


def test_goal_must_be_measurable_with_a_time_frame(template, catalog):
    vague = messages(template, catalog, {"goal": "I will get better at classroom management."}, "goal")
    assert any("measurable" in m for m in vague) and any("time frame" in m for m in vague)
    good = "Over the next five weeks I will teach three routines so that class starts within 3 minutes of the bell."
    assert messages(template, catalog, {"goal": good}, "goal") == []
    assert messages(template, catalog, {}, "goal") == ["Professional Growth Goal: please fill this in."]


def test_outcomes_one_to_three_each_with_its_kind(template, catalog):
    assert any("needs 1 to 3 outcomes; 0 so far" in m for m in messages(template, catalog, {}, "outcomes"))
    four = {"outcomes": "4", **{f"outcomes.{i}.description": "x" for i in range(1, 5)}}
    # A fourth item cannot be added: the count is capped at the template's max.
    msgs = messages(template, catalog, four, "outcomes")
    assert not any("at most" in m for m in msgs)
    assert sum("Kind of outcome" in m for m in msgs) == 3
    one = {"outcomes.1.kind": "qualitative", "outcomes.1.description": "Student interviews"}
    assert messages(template, catalog, one, "outcomes") == []


def test_exactly_two_sources_with_who_what_why_and_credible_publications(template, catalog):
    values = {
        "sources.1.kind": "peer",
        "sources.1.who": "Ms. Alvarez",
        "sources.1.what": "Routines",
        "sources.1.why": "Goal",
        "sources.2.kind": "publication",
        "sources.2.who": "Wiliam",
        "sources.2.what": "Hinge questions",
    }
    msgs = messages(template, catalog, values, "sources")
    assert (
        "Research source 2 – Why (how it connects to your Professional Growth Goal/outcomes): please fill this in."
        in msgs
    )
    assert any("Research source 2 – Authority" in m for m in msgs)
    assert any("Research source 2 – Year of publication" in m for m in msgs)
    assert not any("Research source 1" in m for m in msgs), "a peer observation needs no publication details"
    values.update(
        {"sources.2.why": "x", "sources.2.authority": "UCL", "sources.2.audience": "Teachers", "sources.2.year": "2011"}
    )
    assert messages(template, catalog, values, "sources") == [
        "Research source 2 – Publication Time: credible research was published within the last 10 years."
    ]
    values["sources.2.year"] = "2019"
    assert messages(template, catalog, values, "sources") == []
    only_one = {k: v for k, v in values.items() if k.startswith("sources.1")}
    assert any(
        "needs exactly 2 research sources; 1 so far" in m for m in messages(template, catalog, only_one, "sources")
    )


def test_timeline_dates_in_order_and_four_weeks(template, catalog):
    values = {"timeline.1.research": "2026-10-01/2026-10-15", "timeline.1.implementation": "2026-10-20/2026-10-05"}
    msgs = messages(template, catalog, values, "timeline")
    assert any("at least 4–6 weeks" in m for m in msgs)
    assert any("end date is before the start date" in m for m in msgs)


def test_self_assessment_needs_every_rating_and_a_rationale_per_domain(template, catalog):
    msgs = messages(template, catalog, {"reflection.1.1A": "applying"}, "reflection")
    assert "Domain 1: rate every marker (1B not rated yet)." in msgs
    assert "Domain 1: the rationale for the ratings is required." in msgs
    assert len(msgs) == 10  # five domains, two findings each


def test_dependent_choices_follow_the_framework(template, catalog):
    markers = choices(template.field("focus_marker"), template, catalog.resources, {"focus_domain": "2"})
    assert [c.id for c in markers] == ["2A", "2B"]
    elements = choices(template.field("cstp_element"), template, catalog.resources, {"focus_marker": "2A"})
    assert [c.label for c in elements] == [
        "2.6 Employing classroom routines, procedures, norms, and supports for positive behavior to ensure a climate in which all students can learn",
        "2.7 Using instructional time to optimize learning",
    ]
    stale = messages(template, catalog, {"focus_domain": "3", "focus_marker": "2A"}, "focus_marker")
    assert stale == ["Focus Marker: the earlier choice changed; choose again from the new list."]


def test_initial_part_complete(template, catalog):
    assert len(check_part("initial", template, catalog.resources, {}, TODAY)) > 5


def test_calendar_rolls_with_the_school_year_and_marks_overdue(template, catalog):
    assert current_school_year(dt.date(2026, 7, 31)) == "2025-2026"
    assert current_school_year(dt.date(2026, 8, 1)) == "2026-2027"
    start = dt.date(2026, 10, 1)
    assert due_dates(template, "2026-2027", start)["initial"] == dt.date(2026, 10, 22)
    items = plan_calendar(template, "2026-2027", start, "drafting", [], TODAY)
    first = items[0]
    assert (first.id, first.state, first.describe()) == ("initial", "overdue", "Overdue by 31 days")
    signed = plan_calendar(template, "2026-2027", start, "initial_signed", [], dt.date(2026, 10, 22))
    by_id = {item.id: item for item in signed}
    assert signed[0].state == "done" and by_id["research-midpoint"].describe() == "Due in 21 days"
    # the weekly check-ins of the research cycle, the first a week after the Initial ILP is due, up to the Final ILP
    assert signed[1].id == "check-in-1" and signed[1].describe() == "Due in 7 days"
    assert [i.id for i in signed if i.id.startswith("check-in-")][-1] == "check-in-7"


def test_impossible_dates_are_not_dates(template, catalog):
    from ilp_desktop.model.calendar import school_date
    from ilp_desktop.model.values import display, parse_date, parse_range

    assert parse_date("2026-02-31") is None and parse_range("2026-02-31/2026-03-01") == (None, dt.date(2026, 3, 1))
    assert (
        display(template.field("admin_meeting"), template, catalog.resources, {"admin_meeting": "2026-02-31"})
        == "2026-02-31"
    ), "shown as written, never silently changed"
    # A template cannot say "02-31" (tests/test_lifecycle.py); "02-29" is the end of February in any year.
    assert school_date((2, 29), "2026-2027") == dt.date(2027, 2, 28)
    assert school_date((2, 29), "2027-2028") == dt.date(2028, 2, 29)

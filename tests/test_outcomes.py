"""The outcome calculator against cases worked out by hand."""

from hypothesis import given
from hypothesis import strategies as st

from ilp_desktop.model.outcomes import RULES, Measure, Target, evaluate, meets


def m(student, pre, post, group=""):
    return Measure(student, group, pre, post)


def test_eighty_percent_improve_twenty_percent():
    # +20%, +17.5%, +20%, +50%, 0%: three of five (60%) improved by 20% or more.
    measures = [m("A.B.", 50, 60), m("C.D.", 40, 47), m("E.F.", 70, 84), m("G.H.", 30, 45), m("I.J.", 60, 60)]
    result = evaluate(Target(80, "gain_percent", 20), measures)
    assert (result.counted, result.meeting, result.share, result.met) == (5, 3, 60.0, False)
    assert result.flags == {"A.B.": True, "C.D.": False, "E.F.": True, "G.H.": True, "I.J.": False}
    assert result.describe() == (
        "Not met yet: 3 of 5 students (60%) improve by at least 20% of their pre score; the goal is 80%."
    )


def test_everyone_shows_mastery_on_the_summative():
    result = evaluate(Target(100, "reach", 80), [m("a", None, 85), m("b", None, 79.9), m("c", None, 80)])
    assert (result.meeting, result.counted, result.met) == (2, 3, False)
    assert evaluate(Target(100, "reach", 80), [m("a", None, 85), m("c", None, 80)]).met


def test_seventy_five_percent_improve_one_rubric_column_by_group():
    measures = [m("s1", 1, 2, "EL"), m("s2", 2, 2, "EL"), m("s3", 3, 4, "SpEd"), m("s4", 2, 4, "")]
    result = evaluate(Target(75, "gain_points", 1), measures)
    assert (result.meeting, result.counted, result.met) == (3, 4, True)
    assert [(g.group, g.counted, g.meeting, g.share) for g in result.groups] == [
        ("All students", 4, 3, 75.0),  # every student, not only those without a group
        ("EL", 2, 1, 50.0),
        ("SpEd", 1, 1, 100.0),
        ("No group", 1, 1, 100.0),
    ]


def test_all_students_counts_every_student_not_those_without_a_group():
    # Three students without a group all met it, two EL students did not, one SpEd did: 4 of 6 in all.
    measures = [m("a", 50, 90), m("b", 50, 90), m("c", 50, 90), m("d", 50, 50, "EL"), m("e", 50, 55, "EL")]
    result = evaluate(Target(80, "reach", 80), [*measures, m("f", 50, 85, "SpEd")])
    assert result.group_lines() == [
        "All students: 4 of 6 (67%)",
        "EL: 0 of 2 (0%)",
        "SpEd: 1 of 1 (100%)",
        "No group: 3 of 3 (100%)",
    ]
    assert evaluate(Target(80, "reach", 80), measures[:3]).group_lines() == [], "no groups: nothing to break down"


def test_a_class_measure_taken_daily_against_a_baseline():
    # Minutes from the bell to the start of instruction: a week before the change, then five days after.
    days = [Measure(f"2026-10-0{d}", "baseline", None, v) for d, v in ((1, 8), (2, 7), (5, 9))]
    days += [Measure(f"2026-10-{d}", "", None, v) for d, v in ((12, 4), (13, 3), (14, 2.5), (15, 3), (16, None))]
    result = evaluate(Target(80, "class_at_most", 3), days)
    assert (result.counted, result.meeting, result.met, result.baseline) == (4, 3, False, 8.0)
    assert result.groups == () and result.missing == ("2026-10-16",)
    assert result.describe() == (
        "Not met yet: 3 of 4 occasions (75%): the class measures at most 3 (lower is better); the goal is 80%."
        " Left out for a missing measure: 2026-10-16. Baseline average: 8."
    )
    assert evaluate(Target(75, "class_at_most", 3), days).met
    assert evaluate(Target(50, "class_reach", 4), days[:3]).describe() == (
        "No occasion is measured yet. Baseline average: 8."
    )
    assert Target(80, "class_at_most", 3).describe() == (
        "80% of occasions: the class measures at most 3 (lower is better)"
    )


def test_missing_measures_are_left_out_and_named():
    result = evaluate(Target(50, "gain_points", 5), [m("x", 10, None), m("y", 10, 15), m("z", None, 20)])
    assert (result.counted, result.meeting, result.missing) == (1, 1, ("x", "z"))
    assert "Left out for a missing measure: x, z." in result.describe()
    assert evaluate(Target(50, "reach", 1), []).describe() == "No student has the measures yet."


def test_rules_at_their_edges():
    assert meets("gain_percent", 20, 50, 60) is True  # exactly 20%, despite floating point
    assert meets("gain_percent", 20, 0, 1) is True and meets("gain_percent", 20, 0, 0) is False
    assert meets("gain_points", 1, 3, 2) is False
    assert meets("reach", 80, None, 80) is True and meets("gain_points", 1, None, 3) is None
    assert meets("at_most", 3, 9, 3) is True and meets("at_most", 3, 9, 3.5) is False  # minutes to start class
    assert Target(80, "gain_percent", 20).describe() == "80% of students improve by at least 20% of their pre score"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "EL", "SpEd", "GATE"]),
            st.none() | st.floats(-1e6, 1e6),
            st.none() | st.floats(-1e6, 1e6),
        ),
        max_size=30,
    ),
    st.sampled_from(sorted(RULES)),
)
def test_the_groups_add_up_to_all_students(rows, rule):
    measures = [Measure(f"s{i}", group, pre, post) for i, (group, pre, post) in enumerate(rows)]
    result = evaluate(Target(50, rule, 10), measures)
    if result.groups:
        everyone, *groups = result.groups
        assert (everyone.group, everyone.counted, everyone.meeting) == ("All students", result.counted, result.meeting)
        assert sum(g.counted for g in groups) == result.counted and sum(g.meeting for g in groups) == result.meeting
    assert result.counted + len(result.missing) <= len(measures)

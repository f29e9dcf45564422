"""The outcome calculator against cases worked out by hand."""

from ilp_desktop.model.outcomes import Measure, Target, evaluate, meets


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
        ("All students", 1, 1, 100.0),
        ("EL", 2, 1, 50.0),
        ("SpEd", 1, 1, 100.0),
    ]


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

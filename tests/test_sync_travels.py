"""What travels with a plan besides its content: a stage set by hand, and the people in its roles."""

import test_sync
from hypothesis import given
from hypothesis import strategies as st
from test_sync import new_plan, same_plan
from wizard_driver import TODAY

from ilp_desktop.app import plans, printing, signing
from ilp_desktop.app.sync import sync_pass
from ilp_desktop.model.plan import StageOverride
from ilp_desktop.model.stages import current_stage, merged_stage, stage_index

pair = test_sync.pair  # the coach's and the teacher's laptops over one folder


def both_ways(coach, teacher, shared, times: int = 2) -> None:
    for _ in range(times):
        sync_pass(coach, shared)
        sync_pass(teacher, shared)


def signed_initial(ws, plan_id: int, tmp_path) -> None:
    printed = printing.export_pdf(ws, plan_id, "initial", "letter", tmp_path / "initial.pdf")
    for role, name in (("teacher", "Minh"), ("coach", "Coach"), ("administrator", "Park")):
        signing.record_signature(ws, printed.print_id, role, name, TODAY)


def test_a_stage_set_back_by_hand_stays_set_back_on_every_copy(pair, tmp_path):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    signed_initial(coach, plan, tmp_path)
    both_ways(coach, teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    assert teacher.plan(theirs).stage == "initial_signed"
    plans.override_stage(coach, plan, "initial_ready", "Ana Coach")
    both_ways(coach, teacher, shared)
    assert coach.plan(plan).stage == teacher.plan(theirs).stage == "initial_ready"
    (override,) = plans.stage_overrides(teacher, theirs)
    assert (override.from_stage, override.to_stage, override.changed_by) == (
        "initial_signed",
        "initial_ready",
        "Ana Coach",
    )
    assert len(plans.stage_overrides(coach, plan)) == 1, "the record comes back once, not twice"


def test_a_later_stage_set_elsewhere_wins_and_both_copies_agree(pair, tmp_path):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    both_ways(coach, teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    plans.override_stage(coach, plan, "initial_ready", "Ana Coach")
    plans.override_stage(teacher, theirs, "final_drafting", "Minh")  # later by the teacher's clock
    both_ways(coach, teacher, shared)
    assert coach.plan(plan).stage == teacher.plan(theirs).stage == "final_drafting"
    assert len(plans.stage_overrides(coach, plan)) == len(plans.stage_overrides(teacher, theirs)) == 2


def test_a_signature_made_after_a_stage_known_on_both_moves_it_on(pair, tmp_path):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    plans.override_stage(coach, plan, "initial_ready", "Ana Coach")
    both_ways(coach, teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    assert teacher.plan(theirs).stage == "initial_ready"
    signed_initial(teacher, theirs, tmp_path)
    both_ways(coach, teacher, shared)
    assert coach.plan(plan).stage == teacher.plan(theirs).stage == "initial_signed"


def test_overrides_in_a_bundle_are_checked(pair, tmp_path):
    import pytest
    from test_sync_hostile import rewrite

    from ilp_desktop.model.errors import UserError
    from ilp_desktop.storage.exchange import export_bundle, import_bundle

    coach, teacher, _ = pair
    plan = new_plan(coach)
    plans.override_stage(coach, plan, "initial_ready", "Ana Coach")
    bundle = export_bundle(coach.store, plan, tmp_path / "crafted.ilpbundle")
    rewrite(bundle, lambda doc: doc["stage_overrides"][0].update(to_stage="'; DROP TABLE plans"))
    with pytest.raises(UserError, match="cannot be read"):
        import_bundle(teacher.store, bundle)
    assert teacher.plans() == []


PARTS = ("initial", "middle", "final")
STAGES = ["drafting", *[f"{p}_{s}" for p in PARTS for s in ("drafting", "ready", "signed")][1:]]


@given(
    st.sampled_from(STAGES),
    st.sampled_from(STAGES),
    st.lists(st.tuples(st.sampled_from(STAGES), st.integers(0, 5), st.sampled_from(["Ana", "Minh"])), max_size=4),
    st.lists(st.tuples(st.sampled_from(STAGES), st.integers(0, 5), st.sampled_from(["Ana", "Minh"])), max_size=4),
)
def test_two_copies_meeting_agree_on_the_stage_whatever_they_hold(a, b, a_acts, b_acts):
    def acts(raw):
        return [StageOverride("drafting", to, by, f"2026-09-0{1 + at}T08:00:00+00:00") for to, at, by in raw]

    one, other = acts(a_acts), acts(b_acts)
    here = merged_stage(PARTS, a, b, one, other)
    there = merged_stage(PARTS, b, a, other, one)
    assert current_stage(PARTS, here) == current_stage(PARTS, there)
    if not one and not other:
        assert stage_index(PARTS, here) == max(stage_index(PARTS, a), stage_index(PARTS, b))


def test_a_plans_people_change_is_recorded_and_travels(pair):
    coach, teacher, shared = pair
    plan = new_plan(coach)
    coach.store.update_plan(plan, coach_id=coach.store.add_person("Ana Coach", "coach"))
    both_ways(coach, teacher, shared)
    theirs = same_plan(coach, teacher, plan)
    plans.change_people(coach, plan, {"coach": "Bea Nouveau", "administrator": "Dr. Park"})
    assert coach.plan(plan).coach.name == "Bea Nouveau" and coach.plan(plan).administrator.name == "Dr. Park"
    changes = plans.people_changes(coach, plan)
    assert [(c.role, c.from_name, c.name) for c in changes] == [
        ("coach", "Ana Coach", "Bea Nouveau"),
        ("administrator", "", "Dr. Park"),
    ]
    assert changes[0].changed_by == "the coach's laptop"
    plans.change_people(coach, plan, {"coach": "Bea Nouveau"})
    assert len(plans.people_changes(coach, plan)) == 2, "no change, no record"
    sync_pass(coach, shared)
    assert "the plan's people" in sync_pass(teacher, shared).received[0]
    both_ways(coach, teacher, shared)
    assert teacher.plan(theirs).coach.name == "Bea Nouveau"
    assert teacher.plan(theirs).administrator.name == "Dr. Park"
    assert len(plans.people_changes(teacher, theirs)) == 2
    # The later change wins wherever it was made; the earlier one stays on record.
    plans.change_people(teacher, theirs, {"coach": "Cy Later"})
    plans.change_people(coach, plan, {"coach": "Di Earlier"})  # earlier by the clocks (the teacher's is ahead)
    both_ways(coach, teacher, shared)
    assert coach.plan(plan).coach.name == teacher.plan(theirs).coach.name == "Cy Later"
    assert len(plans.people_changes(coach, plan)) == len(plans.people_changes(teacher, theirs)) == 4


def test_a_change_of_people_is_checked(pair):
    import pytest

    from ilp_desktop.model.errors import UserError

    coach = pair[0]
    plan = new_plan(coach)
    with pytest.raises(UserError, match="teacher"):
        plans.change_people(coach, plan, {"teacher": "  "})
    with pytest.raises(UserError, match="200"):
        plans.change_people(coach, plan, {"coach": "x" * 201})
    with pytest.raises(UserError, match="mentor"):
        plans.change_people(coach, plan, {"mentor": "Someone"})  # not a role of this program
    assert plans.people_changes(coach, plan) == []
    plans.change_people(coach, plan, {"teacher": "Nguyễn Thị Minh 👩‍🏫 " + "長" * 150})
    assert coach.plan(plan).teacher_name.endswith("長")

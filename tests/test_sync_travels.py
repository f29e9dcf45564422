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

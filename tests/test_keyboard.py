"""Keyboard use: every Alt letter on a screen does one thing."""

import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ilp_desktop.ui.form_parts import with_mnemonic

SCREENS_SCRIPT = Path(__file__).with_name("screens.py")


def test_no_alt_letter_is_given_twice_on_any_screen():
    # Every window and dialog the app opens, each wizard page and dashboard tab of two programs (its own process:
    # the walk opens and closes top-level windows).
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, str(SCREENS_SCRIPT), "--mnemonics"], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout or run.stderr[-3000:]


def test_a_second_add_button_takes_a_letter_of_its_own():
    taken = set("bcfhilmnopstuv")
    assert with_mnemonic("&Add activity", taken) == "&Add activity"
    assert with_mnemonic("&Add observation", taken) == "A&dd observation"
    assert with_mnemonic("IC Monthly Journal", set("abcdefhilmnoprstuv")) == "IC Monthl&y Journal"
    assert with_mnemonic("Q&&A", set("q")) == "Q&&&A"


@given(st.text(max_size=40), st.sets(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789")))
def test_the_letter_chosen_is_free_and_the_words_unchanged(text, taken):
    before = set(taken)
    marked = with_mnemonic(text, taken)
    plain = text.replace("&&", "\0").replace("&", "")
    assert marked.replace("&&", "\0").replace("&", "") == plain
    mark = re.search(r"&(.)", marked.replace("&&", ""), re.DOTALL)
    if mark is None:
        assert taken == before and not any(c.isalnum() and c.casefold() not in before for c in plain)
    else:
        assert mark.group(1).casefold() not in before and taken == before | {mark.group(1).casefold()}


def test_every_control_of_the_other_programs_pages_is_reached_by_the_keyboard(qtbot, tmp_path):
    # The screens walk above checks every page of two programs and every dialog; here each other program's
    # pages are sampled: the first and the last step (its widgets come from its template).
    from screens import PROGRAMS, reach_check, sample_folder
    from wizard_driver import close_window, open_window

    window = open_window(sample_folder(tmp_path / "data"))
    plans = {p.program: p.id for p in window.ws.plans()}
    others = sorted(set(plans) - set(PROGRAMS))
    assert others, "programs beyond the two walked in full"
    problems: list[str] = []
    check = reach_check(problems)
    for program in others:
        window.open_plan(plans[program])
        editor = window.editor
        last = len(editor.pages) - 2  # the finish page is the same for every program
        for index in sorted({0, last}):
            editor.go_to(index, confirm=False)
            check(f"{program} page {index + 1}", window)
    close_window(window)
    assert not problems, "\n".join(problems)

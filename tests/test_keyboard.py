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

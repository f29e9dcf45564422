"""A program file's cross-references report every problem of a field, of its conditions and of its calendar,
not the first one only."""

import pytest
from test_templates import GOOD

from ilp_desktop.model.errors import TemplateProblems
from ilp_desktop.model.template import load_template

FIELD = '  type = "longtext"'
TRACK = """  [[steps.fields]]
  id = "track"
  label = "Track"
  type = "choice"
  options = [{ id = "early", label = "Early" }, { id = "late", label = "Late" }]
"""


def problems(tmp_path, catalog, text: str) -> list[str]:
    path = tmp_path / "district.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateProblems) as err:
        load_template(path, catalog.resources)
    return [f"{p.key}: {p.problem}" for p in err.value.problems]


def test_every_problem_of_a_fields_source_is_reported(tmp_path, catalog):
    text = GOOD.replace(FIELD, FIELD + '\n  source = "cstp:nonsense"\n  depends_on = "later"\n  only = ["Z9", "Z8"]')
    found = problems(tmp_path, catalog, text)
    assert any(p.startswith("steps[s1].fields[goal].source: a standards resource offers") for p in found), found
    assert any(p.startswith("steps[s1].fields[goal].depends_on: 'later'") for p in found), found
    assert any(p.startswith("steps[s1].fields[goal].only: 'Z9', 'Z8' are not in cstp") for p in found), found


def test_every_problem_of_a_fields_conditions_is_reported(tmp_path, catalog):
    conditions = '\n  when = { track = ["soon", "never"], nowhere = ["x"] }'
    conditions += '\n  checks = [{ rule = "min_words", min = 3, message = "m", when = { track = ["gone"] } }]'
    text = GOOD.replace('  [[steps.fields]]\n  id = "goal"', TRACK + '  [[steps.fields]]\n  id = "goal"')
    found = problems(tmp_path, catalog, text.replace(FIELD, FIELD + conditions))
    (when,) = [p for p in found if p.startswith("steps[s1].fields[goal].when:")]
    assert "'soon', 'never' are not options of 'track'" in when and "'nowhere' is not a field asked earlier" in when
    assert any(p.startswith("steps[s1].fields[goal].checks[min_words].when: 'gone'") for p in found), found


def test_every_problem_of_the_calendar_is_reported(tmp_path, catalog):
    calendar = """[[calendar]]
id = "b"
title = "B"
after = "missing"
days = 1
done_at = "nowhere_ready"
[[calendar]]
id = "c"
title = "C"
after = "start"
days = 2
done_when = { signed = "final" }
[[calendar]]
id = "d"
title = "D"
after = "e"
days = 1
[[calendar]]
id = "e"
title = "E"
after = "d"
days = 1
[[steps]]"""
    found = problems(tmp_path, catalog, GOOD.replace("[[steps]]", calendar, 1))
    keys = [p.partition(":")[0] for p in found]
    assert "calendar[b].done_at" in keys and "calendar[b].after" in keys, found
    assert "calendar[c].done_when.signed" in keys, found
    assert sum("in a cycle" in p for p in found) == 1, "a cycle is reported once"

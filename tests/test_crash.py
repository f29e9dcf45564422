"""Every acknowledged save survives a crash (SIGKILL at random moments)."""

import pytest
from crashing import crash_repeatedly


def test_killed_while_saving_loses_nothing_acknowledged(data_dir):
    result = crash_repeatedly(data_dir, kills=12)
    print(
        f"\n{result.kills} kills, {result.acknowledged} acknowledged saves, {result.lost} lost, {result.damaged} damaged"
    )
    assert result.acknowledged > result.kills
    assert (result.lost, result.damaged) == (0, 0)


@pytest.mark.stress
def test_three_hundred_kills(data_dir):
    result = crash_repeatedly(data_dir, kills=300, seed=300)
    print(
        f"\n{result.kills} kills, {result.acknowledged} acknowledged saves, {result.lost} lost, {result.damaged} damaged"
    )
    assert result.kills == 300 and (result.lost, result.damaged) == (0, 0)

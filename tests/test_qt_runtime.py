"""The Qt binding must survive a long editing session (PySide6 6.12.0 did not on Python 3.11)."""

import subprocess
import sys
import textwrap


def test_many_signals_and_timer_starts_do_not_corrupt_the_interpreter():
    code = textwrap.dedent("""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

        class Source(QObject):
            changed = Signal(str)

        app = QCoreApplication([])
        source, timer, seen = Source(), QTimer(singleShot=True, interval=400), []
        source.changed.connect(seen.append)
        for i in range(20000):  # about a day of typing, one signal and one timer restart a keystroke
            source.changed.emit("x")
            timer.start()
        print(len(seen))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "20000"

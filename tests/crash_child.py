"""A process that saves edits in a loop and acknowledges each on stdout once the save returned."""

import datetime as dt
import sys
from pathlib import Path

from ilp_desktop.storage.store import Store

folder = Path(sys.argv[1])
store = Store.open(folder)
plans = store.plans()
if plans:
    plan = plans[0].id
else:
    plan = store.create_plan(
        "ilp-conversation-guide", store.add_person("Crash Test", "teacher"), "2026-2027", dt.date(2026, 9, 1)
    )
start = int(store.values(plan).get("counter", "0"))
for i in range(start + 1, start + 10**7):
    store.save(plan, {"counter": str(i), f"note{i % 40}": f"edit {i} – “Zoë”"})
    print(i, flush=True)  # acknowledged: the transaction has committed

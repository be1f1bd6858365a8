"""Named points where the crash tests kill the process, to prove that nothing is left
half-done (issue #15: imports, backups, restores, notice batches).

``reach(name)`` does nothing unless the environment variable ``LXP_CRASH_AT`` names that
point: then the process kills itself at once with SIGKILL (no clean-up, no ``finally``), as
a power cut or the task manager would. Only the tests set the variable.
"""

from __future__ import annotations

import os
import signal

ENV = "LXP_CRASH_AT"


def reach(name: str) -> None:
    if os.environ.get(ENV) == name:  # pragma: no cover - the process ends here
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

"""Named points where the crash tests kill the process, to prove that nothing is left
half-done (issue #15: imports, backups, restores, notice batches).

``reach(name)`` does nothing unless the environment variable ``LXP_CRASH_AT`` named that
point when the process started: then the process kills itself at once with SIGKILL (no
clean-up, no ``finally``), as a power cut or the task manager would. Only tests set it.
"""

from __future__ import annotations

import os
import signal

ENV = "LXP_CRASH_AT"
_AT = os.environ.get(ENV)


def reach(name: str) -> None:
    if _AT is not None and _AT == name:  # pragma: no cover - the process ends here
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

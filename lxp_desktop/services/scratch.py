"""Private temporary copies for the doors (window, command line): a work folder inside the
data folder, and putting a finished file in place in one step. The work is in
``store/backup.py``; a folder left by a crash is removed at the next start."""

from __future__ import annotations

from lxp_desktop.store.backup import WORK_PREFIXES, put_in_place, remove_leftovers, work_dir

__all__ = ["WORK_PREFIXES", "put_in_place", "remove_leftovers", "work_dir"]

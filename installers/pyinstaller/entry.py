"""The bundle's entry point: the same ``main`` as ``python -m lxp_desktop``."""

import multiprocessing

from lxp_desktop.cli import main

if __name__ == "__main__":
    # a large .xlsx is read in a child process (lxp_desktop.io.tabular): a frozen
    # executable must let that child run instead of starting the app again
    multiprocessing.freeze_support()
    raise SystemExit(main())

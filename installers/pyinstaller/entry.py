"""The bundle's entry point: the same ``main`` as ``python -m lxp_desktop``."""

from lxp_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

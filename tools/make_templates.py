"""Write the import templates to resources/templates/ (one workbook per import kind).

    python tools/make_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from lxp_desktop.services.exports import write_template
    from lxp_desktop.ui.import_dialog import KIND_LABELS, template_path

    for kind in KIND_LABELS:
        out = template_path(kind)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_template(kind, out)
        print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

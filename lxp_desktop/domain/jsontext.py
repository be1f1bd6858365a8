"""JSON text of the audit log and the sync outbox, made once per written row.

``json.JSONEncoder.encode`` builds its C encoder again on every call; a large import calls it
four times a row (the audit entry's changes and hash, the outbox entry's fields and meta).
:func:`encoder` builds it once and returns a function that gives exactly the text
``JSONEncoder(ensure_ascii=False, …).encode`` gives. It does not look for circular references:
the values are plain trees of dicts, lists and tuples.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_c_make_encoder: Any
try:
    from _json import make_encoder as _c_make_encoder
except ImportError:  # an interpreter without the C accelerator: the standard encoder
    _c_make_encoder = None


def encoder(default: Callable[[Any], Any] | None = None, *, sort_keys: bool = True,
            separators: tuple[str, str] = (", ", ": ")) -> Callable[[Any], str]:
    """``JSONEncoder(ensure_ascii=False, sort_keys=…, separators=…, default=…).encode``."""
    standard = json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys,
                                separators=separators, default=default)
    if _c_make_encoder is None:
        return standard.encode
    item_sep, key_sep = separators
    make = _c_make_encoder(None, standard.default, json.encoder.encode_basestring, None,
                           key_sep, item_sep, sort_keys, False, True)

    def encode(value: Any) -> str:
        if isinstance(value, dict | list | tuple):
            return "".join(make(value, 0))
        return standard.encode(value)

    return encode

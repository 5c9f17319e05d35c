"""Characters that print as something else: ligatures, and characters that print as nothing.

Each table is here once, for every stage that reads text (clean-up; the PDF reader).
"""

from __future__ import annotations

#: Typographic ligatures and the letters they stand for (``ﬁ`` -> ``fi``).
LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}

#: Characters that take no room on the page: the soft hyphen, zero-width space,
#: non-joiner and joiner, the word joiner and the byte-order mark (zero-width no-break
#: space).
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

#: A :meth:`str.translate` table that expands :data:`LIGATURES` and removes
#: :data:`INVISIBLE` characters, in one pass.
EXPAND = str.maketrans({**LIGATURES, **dict.fromkeys(INVISIBLE)})

"""Lists printed inside one paragraph: "... in order to: (a) present ...; (b) contribute
...; and (c) prepare ...".

Rules of :func:`split_inline`:

1. A list starts at the first colon followed by a first label, ``(a)``, ``a)``,
   ``(i)``, ``i)`` or ``(1)``, and white space.
2. Each next label is the next of the list in the same shape (``(b)`` after ``(a)``,
   ``(ii)`` after ``(i)``), found after a ";", "," or "." (then maybe "and" / "or") or
   after "and" / "or" -- so "paragraph 3 (a) of decision 26/11" inside an item is a
   reference, not a label.
3. A list needs two labels at least.  The text before it, up to and including the
   colon, is the paragraph's text; each item's text runs to the next label, keeping its
   trailing "; and" or ";" as printed.

The text is read once from left to right: linear time.
"""

from __future__ import annotations

import re

from emg_parse.labels import LabelKind, format_ordinal

#: Rule 1: a colon, then a first label.
_FIRST = re.compile(r":\s+(?P<label>\((?P<p>[ai1])\)|(?P<b>[ai])\))\s+(?=\S)")
#: Rule 2: what may stand before a next label.
_BEFORE = r"(?:[;,.]\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s+)"


def split_inline(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """``text`` cut into its lead-in (up to the colon) and its items as ``(label,
    text)``, labels normalised; None when no list runs inside it (module docstring)."""
    first = _FIRST.search(text)
    if first is None:
        return None
    value = first["p"] or first["b"]
    kinds: dict[str, LabelKind] = {"a": "letter", "i": "roman", "1": "number"}
    kind = kinds[value]
    paren = first["p"] is not None
    starts = [(value, first.start("label"), first.end())]
    position = 1
    pos = first.end()
    while True:
        position += 1
        label = format_ordinal(position, kind)
        shown = f"({label})" if paren else f"{label})"
        nxt = re.compile(_BEFORE + f"(?P<label>{re.escape(shown)})" + r"\s+(?=\S)").search(
            text, pos
        )
        if nxt is None:
            break
        starts.append((label, nxt.start("label"), nxt.end()))
        pos = nxt.end()
    if len(starts) < 2:
        return None
    items = []
    for k, (label, _, text_start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(text)
        items.append((label, text[text_start:end].strip()))
    return text[: first.start() + 1], items

"""Lists printed inside one paragraph: "... in order to: (a) present ...; (b) contribute
...; and (c) prepare ...".

Rules of :func:`split_inline` (a list inside a paragraph) and :func:`split_run` (a list
that goes on inside the text of one of its items):

1. A list starts at the first colon followed by a first label, ``(a)``, ``a)``,
   ``(i)``, ``i)`` or ``(1)``, and white space.
2. Each next label is the next of the list in the same shape (``(b)`` after ``(a)``,
   ``(ii)`` after ``(i)``), found after a ";", "," or "." (then maybe "and" / "or") or
   after "and" / "or" -- so "paragraph 3 (a) of decision 26/11" inside an item is a
   reference, not a label.
3. A list needs two labels at least.  The text before it, up to and including the
   colon, is the paragraph's text; each item's text runs to the next label, keeping its
   trailing "; and" or ";" as printed.
4. An item whose own text holds the next labels of its list (rule 2: "(a) present ...;
   (b) contribute ...", as a PDF line that wraps right after the colon leaves it) is
   cut into those items.

The text is read once from left to right: linear time.
"""

from __future__ import annotations

import re

from emg_parse.labels import Label, LabelKind, format_ordinal, label_kind, ordinal

#: Rule 1: a colon, then a first label.
_FIRST = re.compile(r":\s+(?P<label>\((?P<p>[ai1])\)|(?P<b>[ai])\))\s+(?=\S)")
#: Rule 2: what may stand before a next label.
_BEFORE = r"(?:[;,.]\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s+)"
_KINDS: dict[str, LabelKind] = {"a": "letter", "i": "roman", "1": "number"}

#: Items of a list as ``(label, text)``, labels normalised.
Items = list[tuple[str, str]]


def split_inline(text: str) -> tuple[str, Items] | None:
    """``text`` cut into its lead-in (up to the colon) and its items; None when no list
    runs inside it (rules 1-3)."""
    first = _FIRST.search(text)
    if first is None:
        return None
    value = first["p"] or first["b"]
    items = _run(text, value, _KINDS[value], 1, first["p"] is not None, first.end())
    if len(items) < 2:
        return None
    return text[: first.start() + 1], items


def split_run(label: Label, text: str) -> Items | None:
    """The item labelled ``label`` with text ``text``, and the items of its list that
    follow inside that text; None when none does (rule 4)."""
    if label.shape not in ("(a)", "a)"):
        return None
    kind = label_kind(label, None)
    items = _run(text, label.value, kind, ordinal(label, kind), label.shape == "(a)", 0)
    return items if len(items) > 1 else None


def _run(text: str, value: str, kind: LabelKind, position: int, paren: bool, pos: int) -> Items:
    """The items of a list from the label ``value`` (at ``position`` in a list of
    ``kind``) whose text starts at ``pos``: rule 2, then 3."""
    starts = [(value, pos, pos)]
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
    items = []
    for k, (label, _, text_start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(text)
        items.append((label, text[text_start:end].strip()))
    return items

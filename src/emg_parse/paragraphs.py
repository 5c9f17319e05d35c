"""A section's body: its actor line, its notes and its decisions with their items.

Rules, in the order they are applied (:func:`read_body`):

1. **Actor line.**  The first unlabelled block matching :data:`~emg_parse.patterns.ACTOR`
   ("The Senior Officials:", "The Senior Officials may wish to:") is the section's
   actor, stored without its colon.  It splits the body in two: the blocks before it
   and the blocks after it.
2. **Items.**  In each part, a labelled block is an item of the open entry that ends
   with ":" when it starts a list ("a", "i", "1"), or of the list it continues: the
   open lists are searched from the innermost out for one whose next label it is (so a
   nested list that ends with "; and" returns to its parent list).  A label that
   continues no list exactly joins the innermost open list it can stand in ("c": a
   letter or a roman numeral; but "i" is a letter only after "h") printed in the same
   shape ("a)", "(a)", "a."); failing that it opens a new list under the block before
   it.  Lists nest at most :data:`MAX_NESTING` levels deep: a label that would open a
   deeper list joins the innermost one.  Labels are normalised by
   :func:`emg_parse.labels.split_label`.  The entries that are no item are the part's
   top-level entries.
3. **Decisions and notes.** After the actor line every top-level entry is a decision.
   Before it -- or in the whole body when there is none -- an entry is a decision when
   its sentence starts with the deciding body and an operative verb ("4. The Senior
   Officials agreed to continue ...": :data:`~emg_parse.patterns.BODY_SUBJECT` and
   :func:`emg_parse.actions.actions`); its ``actor`` is then the body as printed ("The
   Senior Officials") and its verbs are read after it. An entry that is an actor line of
   its own list ("1.2 The Senior Officials may wish to:" over "(a) welcome ...", "(b)
   extend ...") is a decision too, with that actor; its actions are those of its own
   text ("agreed to:" -> agree) or, when it has none, those its items start with, each
   once (:func:`verbs_of`). In a section without an actor line, an entry that starts
   with an operative verb ("Welcome the report") is a decision too. Every other entry
   records no outcome ("3. The meeting was opened by the Chair", "Several members
   stressed ...", "No other business was raised."): it is a note, its text as printed
   with its number, followed by its items, each as printed.
4. **Inline lists.**  A labelled block whose text holds the next labels of its list
   (:func:`emg_parse.inline.split_run`: "(a) present ...; (b) contribute ...") is read
   as those entries, before rule 2 places them.  A decision or item without items of
   its own whose text holds a list (:func:`emg_parse.inline.split_inline`: "... in
   order to: (a) ...; (b) ...") keeps the text up to the colon, and the list becomes
   its items.

Each block is looked at a constant number of times: linear time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from emg_parse.actions import actions
from emg_parse.inline import split_inline, split_run
from emg_parse.labels import Label, LabelKind, label_kind, ordinal, split_label
from emg_parse.lines import Block, Provenance
from emg_parse.patterns import ACTOR, BODY_SUBJECT

#: Lists open at most this many levels deep (documents nest three or four).
MAX_NESTING = 20


@dataclass
class Node:
    """A decision or an item: its normalised label, text and items; for a decision whose
    sentence names its deciding body, that ``actor`` (its verbs start at
    :func:`verbs_start`)."""

    label: str | None
    text: str
    source: Provenance
    printed: str  # the block's text as printed, label included
    children: list[Node] = field(default_factory=list)
    actor: str | None = None


@dataclass
class Body:
    """What :func:`read_body` reads: the actor line, the notes and the decisions."""

    actor: str | None
    notes: list[str]
    decisions: list[Node]


@dataclass
class _List:
    """An open list: its owner's children, its kind, last position and printed shape."""

    owner: Node | None  # None: the part's top-level list
    kind: LabelKind
    position: int
    shape: str


def read_body(blocks: Sequence[Block]) -> Body:
    """Read a section's body (the blocks after its heading): module docstring."""
    actor_at = next(
        (i for i, b in enumerate(blocks) if split_label(b.text) is None and ACTOR.match(b.text)),
        None,
    )
    notes: list[str] = []
    decisions: list[Node] = []
    before = blocks if actor_at is None else blocks[:actor_at]
    for node in _nest(before):
        if _in_sentence(node) or (actor_at is None and actions(node.text)):
            decisions.append(node)
        else:
            notes.extend(_printed(node))
    actor = None
    if actor_at is not None:
        m = ACTOR.match(blocks[actor_at].text)
        assert m is not None
        actor = " ".join(m["actor"].split())
        decisions += _nest(blocks[actor_at + 1 :])
    for node in decisions:
        _split_inline(node)
    return Body(actor, notes, decisions)


def _in_sentence(node: Node) -> bool:
    """Rule 3: does the entry's sentence start with the deciding body and its verb?  Sets
    the node's actor when it does."""
    m = BODY_SUBJECT.match(node.text)
    if m is None or not (actions(m["rest"]) or _leads_its_list(node)):
        return False
    node.actor = " ".join(m["actor"].split())
    return True


def _leads_its_list(node: Node) -> bool:
    """An entry that is an actor line over its own items (rule 3)."""
    return bool(node.children) and ACTOR.match(node.text) is not None


def verbs_of(node: Node) -> list[str]:
    """A decision's actions (rule 3): :func:`decision_actions` of the entry."""
    return decision_actions(node.text, node.actor, [child.text for child in node.children])


def verbs_start(text: str, actor: str | None) -> int:
    """Where a decision's verbs start in its ``text`` (rule 3): after its in-sentence
    ``actor`` and what stands before it ("In this regard, the Senior Officials
    agreed"), else at the start."""
    if actor is not None and (m := BODY_SUBJECT.match(text)) is not None:
        return m.start("rest")
    return 0


def decision_actions(text: str, actor: str | None, items: Sequence[str]) -> list[str]:
    """The actions of a decision of ``text`` (rule 3): the operative verbs after its
    in-sentence ``actor``, if it has one; for an actor line over its own ``items``
    (their texts) without a verb of its own ("may wish to:"), the verbs its items start
    with, each once.  ``emg-parse validate`` checks a file's actions with it."""
    verbs = actions(text[verbs_start(text, actor) :])
    if not verbs and items and ACTOR.match(text) is not None:
        for item in items:
            verbs += [verb for verb in actions(item) if verb not in verbs]
    return verbs


def _printed(node: Node) -> list[str]:
    """A note's texts: the entry as printed, then its items (rule 3)."""
    texts = [node.printed]
    for child in node.children:
        texts += _printed(child)
    return texts


def _split_inline(node: Node) -> None:
    """Rule 4, for a decision or item and the items below it."""
    if node.children:
        for child in node.children:
            _split_inline(child)
        return
    split = split_inline(node.text)
    if split is None:
        return
    node.text, items = split
    for label, text in items:
        child = Node(label, text, node.source, f"({label}) {text}")
        _split_inline(child)
        node.children.append(child)


def _nest(blocks: Sequence[Block]) -> list[Node]:
    """Build the tree of one part of a section (rule 2); return its top-level entries."""
    roots: list[Node] = []
    stack: list[_List] = []  # open lists, outermost first
    last: Node | None = None
    for block in blocks:
        split = split_label(block.text)
        if split is None:
            node = Node(None, block.text, block.source, block.text)
            roots.append(node)
            stack = []
            last = node
            continue
        label, text = split
        run = split_run(label, text) or [(label.value, text)]
        for value, item in run:  # "(a) present ...; (b) contribute ...": rule 4
            label = Label(value, label.shape)
            printed = block.text if len(run) == 1 else f"{label.shape.replace('a', value)} {item}"
            node = Node(value, item, block.source, printed)
            target = _place(label, stack, last)
            if target is None:
                roots.append(node)
            else:
                target.children.append(node)
            last = node
    return roots


def _place(label: Label, stack: list[_List], last: Node | None) -> Node | None:
    """Find the list ``label`` belongs to, updating ``stack``; return its owner."""
    # 1. It continues an open list exactly (innermost first).
    for depth in range(len(stack) - 1, -1, -1):
        open_list = stack[depth]
        kind = label_kind(label, (open_list.kind, open_list.position))
        continues = kind == open_list.kind and ordinal(label, kind) == open_list.position + 1
        # A new sub-list may start here instead ("i" after "h:" opens a roman list).
        opens = last is not None and last.text.endswith(":") and _starts_list(label)
        if continues and not opens:
            del stack[depth + 1 :]
            open_list.position += 1
            return open_list.owner
    # 2. It starts a list under the open node that ends with ":".
    if _starts_list(label) and (last is None or last.text.endswith(":") or not stack):
        owner = last if last is not None and last.text.endswith(":") else None
        return _open(label, owner, stack)
    # 3. Nearest open list it can stand in, of the same printed shape (a gap or repeat);
    # "i" stands in a letter list only after "h": elsewhere it starts a roman list.
    for depth in range(len(stack) - 1, -1, -1):
        open_list = stack[depth]
        kind = label_kind(label, (open_list.kind, open_list.position))
        can_stand = kind == open_list.kind or (
            label.reads_as(open_list.kind) and not _starts_list(label)
        )
        if can_stand and label.shape == open_list.shape:
            del stack[depth + 1 :]
            return _join(label, open_list)
    # 4. Otherwise a new list: under the last node if there is one, else at the top.
    return _open(label, last if last is not None and stack else None, stack)


def _open(label: Label, owner: Node | None, stack: list[_List]) -> Node | None:
    """Open a list at ``label`` under ``owner`` (None: at the top); ``label`` joins the
    innermost open list instead when that would nest deeper than MAX_NESTING."""
    if owner is None:
        stack.clear()
    elif len(stack) >= MAX_NESTING:
        return _join(label, stack[-1])
    kind = label_kind(label, None)
    stack.append(_List(owner, kind, ordinal(label, kind), label.shape))
    return owner


def _join(label: Label, open_list: _List) -> Node | None:
    """Add ``label`` to ``open_list`` out of sequence; the list goes on from it."""
    if label.reads_as(open_list.kind):
        open_list.position = ordinal(label, open_list.kind)
    return open_list.owner


def _starts_list(label: Label) -> bool:
    return label.value in ("a", "i", "1") or label.value.endswith(".1")

"""HTML -> plain text with paragraphs, over a tree that is already parsed.

A paragraph is the text of a block element (``<p>``, ``<li>``, headings,
``<div>`` text between blocks ...); ``<br>`` also ends one. Text comes out
normalised (``normalize_line`` per paragraph) so that a body is paragraphs
joined by one blank line, exactly what the diff hashes.

Speed: live-blog bodies are mostly ``<p>`` elements holding inline markup.
Such a ``<p>`` is read in one ``text()`` call (C code) instead of node by node.
That is only right when it holds no ``<br>`` and nothing to skip, so
:func:`marked_ancestors` first collects, with one CSS query per document,
every element that has a ``<br>`` or a skipped element below it; only those
are walked child by child. The walk uses an explicit stack: nesting depth
never reaches Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser, LexborNode

from streams.parse.common import clean_line

__all__ = [
    "PARSE_OPTIONS",
    "fragments_to_paragraphs",
    "marked_ancestors",
    "node_line",
    "paragraphs",
]


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Mutation events only serve browser behaviours we never look at, and one of
# them (<select> content mirroring) is quadratic on hostile input.
PARSE_OPTIONS = int(LexborDocumentOptions.WO_EVENTS)

SKIP_TAGS = _tags(
    "script style noscript template svg math iframe object embed button select textarea "
    "figcaption head title input aside nav"
)
_LEAF_BLOCKS = _tags("p h1 h2 h3 h4 h5 h6")
_BLOCKS = _LEAF_BLOCKS | _tags(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figure footer form header hgroup hr html legend li listing main menu nav ol "
    "pre section summary table tbody td tfoot th thead tr ul"
)
# What may sit inside a <p>/<h*> read in one text() call and must not: each
# extra tag here costs a pass over the document (~8 µs per 200 KB), so only
# elements that really occur inside paragraphs and carry text are listed.
_MARK_QUERY = "br, script, style, svg, button, noscript, select, textarea, figcaption"
_MARK_TAGS = frozenset(_MARK_QUERY.replace(",", " ").split())
SEP = "\ue000"  # private-use character: fragment separator in a batched parse


def marked_ancestors(tree: LexborHTMLParser) -> set[int]:
    """``mem_id`` of every element with a ``<br>`` or a skippable element inside.

    Each walk up stops at the first ancestor already known, so the whole
    thing is linear in the number of distinct ancestors.
    """
    marked: set[int] = set()
    for node in tree.css(_MARK_QUERY):
        parent = node.parent
        while parent is not None:
            key = parent.mem_id
            if key in marked:
                break
            marked.add(key)
            parent = parent.parent
    return marked


class _Paragraphs:
    """Collects text pieces into normalised paragraphs."""

    __slots__ = ("current", "out")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        if self.current:
            text = clean_line("".join(self.current))
            if text:
                self.out.append(text)
            self.current.clear()


def paragraphs(root: LexborNode, marked: set[int]) -> list[str]:
    """The paragraphs of ``root`` (an element), normalised, in document order."""
    acc = _Paragraphs()
    tag = root.tag or ""
    if root.mem_id not in marked and (tag in _LEAF_BLOCKS or tag not in _BLOCKS):
        acc.current.append(root.text())
        acc.flush()
        return acc.out
    stack: list[tuple[Iterator[LexborNode], bool]] = [(root.iter(include_text=True), True)]
    while stack:
        children, is_block = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if is_block and acc.current:
                acc.flush()
            continue
        tag = node.tag or "-"
        if tag == "-text":
            acc.current.append(node.text_content or "")
        elif tag == "br":
            acc.flush()
        elif tag in SKIP_TAGS or tag[0] == "-":
            continue
        elif node.mem_id in marked:
            block = tag in _BLOCKS
            if block and acc.current:
                acc.flush()
            stack.append((node.iter(include_text=True), block))
        elif tag in _LEAF_BLOCKS:
            if acc.current:
                acc.flush()
            text = clean_line(node.text())
            if text:
                acc.out.append(text)
        elif tag in _BLOCKS:
            if acc.current:
                acc.flush()
            stack.append((node.iter(include_text=True), True))
        else:
            acc.current.append(node.text())
    acc.flush()
    return acc.out


def node_line(node: LexborNode, marked: set[int]) -> str:
    """One line of text (a title): paragraphs joined by a space."""
    if node.mem_id not in marked:
        return clean_line(node.text())
    return " ".join(paragraphs(node, marked))


_TEXT_SEP = "\ue001"  # private-use character: text-node separator for the flat path
# With only <div>/<p> elements every text node is a paragraph of its own: a <p>
# cannot hold a <div> or <p> (the parser closes it), and adjacent text merges.
_NOT_FLAT = "body :not(p, div)"
_FLAT_TAGS = frozenset({"body", "p", "div"})
_SMALL_SOURCE = 8192  # walk elements instead of a CSS query up to this many characters
_WRAPPER = "data-livediff-fragment"
_TOP_WRAPPERS = f"body > div[{_WRAPPER}]"


def _parse_tree(fragment: str) -> LexborHTMLParser | None:
    if _TEXT_SEP in fragment:
        fragment = fragment.replace(_TEXT_SEP, "")
    tree = LexborHTMLParser(fragment, options=PARSE_OPTIONS)
    return None if tree.body is None else tree


def _paragraphs_of(tree: LexborHTMLParser, source: str) -> list[str]:
    """Paragraphs of a parsed HTML text (a fragment or a batch of them).

    Flat path: when the body holds only ``<p>``/``<div>`` elements and text (no
    other element, no comment), its text nodes are exactly the paragraphs, so one
    ``text(separator=...)`` call replaces the node-by-node walk (the common
    ``articleBody`` of a JSON-LD live blog is a list of ``<p>``).
    """
    body = tree.body
    if body is None:
        return []
    small = len(source) <= _SMALL_SOURCE
    if (
        "<!" not in source
        and "<?" not in source
        and (
            _FLAT_TAGS.issuperset([node.tag for node in body.traverse()])
            if small
            else tree.css_first(_NOT_FLAT) is None
        )
    ):
        texts = body.text(separator=_TEXT_SEP).split(_TEXT_SEP)
        return [p for p in map(clean_line, texts) if p]
    return paragraphs(body, _marked_by_walk(tree) if small else marked_ancestors(tree))


def _marked_by_walk(tree: LexborHTMLParser) -> set[int]:
    """``marked_ancestors`` by walking the elements instead of a CSS query.

    A document's first CSS query sets up lexbor's selector engine, ~30 µs:
    more than walking the few elements of a small fragment (an updated
    entry's ``articleBody``, the usual single fragment of a changed page).
    """
    marked: set[int] = set()
    for node in tree.root.traverse() if tree.root is not None else ():
        if node.tag not in _MARK_TAGS:
            continue
        parent = node.parent
        while parent is not None:
            key = parent.mem_id
            if key in marked:
                break
            marked.add(key)
            parent = parent.parent
    return marked


def _parse_one(fragment: str) -> list[str]:
    tree = _parse_tree(fragment)
    return [] if tree is None else _paragraphs_of(tree, fragment)


def _intact(tree: LexborHTMLParser, count: int) -> bool:
    """One top-level wrapper per fragment, each followed by exactly its separator."""
    wrappers = tree.css(_TOP_WRAPPERS)
    if len(wrappers) != count:
        return False
    for wrapper in wrappers:
        after = wrapper.next
        if after is None or not after.is_text_node or after.text_content != SEP:
            return False
    return True


def _open_at_end(fragment: str) -> bool:
    """Does the fragment end inside markup ("...part.</", "<a title='x")? Whatever follows
    it in a batch would finish that markup ("</" + "</form>" is a comment), so it reads
    differently from the fragment alone: such a fragment is parsed alone."""
    lt = fragment.rfind("<")
    if lt == -1:
        return False
    tail = fragment[lt:]
    return ">" not in tail or '"' in tail or "'" in tail


def fragments_to_paragraphs(fragments: list[str]) -> list[list[str]]:
    """Paragraphs of each HTML fragment (e.g. JSON-LD ``articleBody`` values).

    All fragments go through ONE parse, each in a marked ``<div>``, separated
    by a private-use character stripped from the input first. If the batch
    does not come back as exactly one top-level wrapper and one separator
    per fragment (an unclosed ``<script>`` or quote swallowed a separator, an
    unclosed ``<b>`` was re-opened around later fragments), each fragment is
    parsed on its own instead, so a fragment never changes another's text.
    """
    clean = [f.replace(SEP, "") if SEP in f else f for f in fragments]
    if len(clean) <= 1:
        return [_parse_one(f) for f in clean]
    alone = [k for k, f in enumerate(clean) if _open_at_end(f)]
    if alone:  # parsed on their own; the rest still in one batch
        solo = set(alone)
        batched = iter(fragments_to_paragraphs([f for k, f in enumerate(clean) if k not in solo]))
        return [_parse_one(f) if k in solo else next(batched) for k, f in enumerate(clean)]
    # The wrapper's end tag closes whatever its fragment left open (<p>,
    # lists, tables), so one fragment cannot restructure the next.
    # A trailing separator too: markup swallowing the end of the last fragment
    # must also show up as a missing separator.
    # "</form>" resets the parser's form pointer an unclosed <form> would keep.
    joined = "".join(f"<div {_WRAPPER}>{f}</form></div>{SEP}" for f in clean)
    tree = _parse_tree(joined)
    if tree is None or not _intact(tree, len(clean)):
        return [_parse_one(f) for f in clean]
    result: list[list[str]] = [[]]
    for para in _paragraphs_of(tree, joined):
        if SEP not in para:
            result[-1].append(para)
            continue
        for n, piece in enumerate(para.split(SEP)):
            if n:
                result.append([])
            piece = piece.strip()
            if piece:
                result[-1].append(piece)
    if len(result) == len(clean) + 1 and not result[-1]:
        return result[:-1]
    return [_parse_one(f) for f in clean]

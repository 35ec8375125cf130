"""Read entries from HTML with a site profile (parser ``profile:<name>``).

Per-container ``css_first`` calls cost a selector compile each (~1.5 µs,
more than everything else per entry), so every field is one document-wide
query. Each match is given to its nearest enclosing entry by walking up its
parents, and the first match per entry wins, which is what ``css_first`` on
that entry would return.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from streams.models import Entry, ParsedPage
from streams.parse.common import cap_newest, make_entry, resolve_url, unique_ids
from streams.parse.dates import parse_iso
from streams.parse.htmltext import node_line, paragraphs
from streams.parse.profiles import FieldSpec, Profile
from streams.settings import Limits

__all__ = ["HtmlPage", "parse_with_profile"]


class HtmlPage:
    """One parsed document, with the per-document work shared by all profiles."""

    def __init__(self, tree: LexborHTMLParser, url: str, marked: Callable[[], set[int]]) -> None:
        self.tree = tree
        self.url = url
        self.marked = marked

    def locate(
        self, spec: FieldSpec | None, entries: dict[int, LexborNode]
    ) -> dict[int, LexborNode]:
        """entry mem_id -> the first node matching ``spec`` inside that entry.

        ``"E F"`` matches exactly the F nodes with an E ancestor, so querying F
        alone and walking up to the nearest entry gives the same answer at a
        third of the cost (lexbor pays per selector in a list, per document).
        """
        if spec is None:
            return {}
        if spec.selector is None:
            return entries
        found: dict[int, LexborNode] = {}
        for node in self.tree.css(spec.selector):
            parent = node.parent
            while parent is not None:
                key = parent.mem_id
                if key in entries:
                    found.setdefault(key, node)
                    break
                parent = parent.parent
        return found


def _attribute(node: LexborNode, spec: FieldSpec) -> str | None:
    attrs = node.attrs
    for name in spec.attribute:
        value = attrs.get(name)
        if value:
            return value.strip()
    return None


def _time(node: LexborNode | None, spec: FieldSpec | None) -> datetime | None:
    if node is None or spec is None:
        return None
    raw = _attribute(node, spec) if spec.attribute else node.text()
    return parse_iso(raw) if raw else None


def _ids(
    page: HtmlPage, node: LexborNode | None, spec: FieldSpec | None, anchor: bool
) -> str | None:
    """Permalink (``anchor`` False) or ``#id`` (``anchor`` True), absolute."""
    if node is None or spec is None:
        return None
    raw = _attribute(node, spec) if spec.attribute else node.text().strip()
    if not raw:
        return None
    return resolve_url(page.url, "#" + raw if anchor else raw)


def parse_with_profile(
    page: HtmlPage, profile: Profile, limits: Limits, notes: list[str]
) -> ParsedPage | None:
    """The page read with ``profile``, or None if it finds no entry container.

    At most ``limits.max_entries`` entries, from the page's newest end.
    """
    containers = page.tree.css(profile.entry)
    if not containers:
        notes.append(f"profile:{profile.name}: no element matches {profile.entry!r}")
        return None
    everything = {node.mem_id: node for node in containers}
    published = page.locate(profile.published, everything)
    first, last = containers[0].mem_id, containers[-1].mem_id
    kept = cap_newest(
        containers,
        limits.max_entries,
        _time(published.get(first), profile.published),
        _time(published.get(last), profile.published),
    )
    found = {
        name: page.locate(spec, everything)
        for name, spec in (
            ("id", profile.id),
            ("permalink", profile.permalink),
            ("title", profile.title),
            ("updated", profile.updated),
            ("body", profile.body),
        )
    }
    entries = [_entry(page, profile, node.mem_id, found, published) for node in kept]
    result = [e for e in entries if e is not None]
    return ParsedPage.model_construct(
        url=page.url,
        parser=f"profile:{profile.name}",
        title=_page_title(page.tree),
        description=None,
        summary=None,
        published_at=None,
        updated_at=None,
        entries=tuple(unique_ids(result)),
    )


def _entry(
    page: HtmlPage,
    profile: Profile,
    key: int,
    found: dict[str, dict[int, LexborNode]],
    published: dict[int, LexborNode],
) -> Entry | None:
    marked = page.marked()
    title_node = found["title"].get(key)
    body_node = found["body"].get(key)
    title = node_line(title_node, marked) if title_node is not None else ""
    body = "\n\n".join(paragraphs(body_node, marked)) if body_node is not None else ""
    if not title and not body:
        return None
    permalink = _ids(page, found["permalink"].get(key), profile.permalink, anchor=False)
    permalink = permalink or _ids(page, found["id"].get(key), profile.id, anchor=True)
    return make_entry(
        page_url=page.url,
        entry_id=permalink,
        permalink=permalink,
        title=title,
        body=body,
        published_at=_time(published.get(key), profile.published),
        updated_at=_time(found["updated"].get(key), profile.updated),
    )


def _page_title(tree: LexborHTMLParser) -> str | None:
    for query in ('meta[property="og:title"]', "title", "h1"):
        node = tree.css_first(query)
        if node is None:
            continue
        raw = node.attrs.get("content") if node.tag == "meta" else node.text()
        text = " ".join((raw or "").split())
        if text:
            return text
    return None

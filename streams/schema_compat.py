"""Backward/forward compatibility of published JSON Schemas.

A consumer written against schema version N must keep reading events of the
same version after any change, and events already on a topic must stay valid
for new readers. So, for every field path of the released schema:

* the field still exists, with the same JSON type(s);
* a field required before is still required (old readers rely on it);
* no field becomes newly required (old events on the topic lack it);
* enumerated values (e.g. event ``type``) are neither removed nor added.

Adding optional fields is the only way to evolve a version; anything else
needs a new ``schema_version`` and a new released baseline.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Field", "flatten", "incompatibilities"]

Schema = dict[str, Any]
Field = tuple[frozenset[str], bool, frozenset[str] | None]  # types, required, enum values


def _resolve(node: Schema, root: Schema) -> Schema:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = {**root.get("$defs", {})[name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _variants(node: Schema, root: Schema) -> list[Schema]:
    node = _resolve(node, root)
    options = node.get("anyOf") or node.get("oneOf")
    if options:
        return [v for option in options for v in _variants(option, root)]
    return [node]


def _enum(variants: list[Schema]) -> frozenset[str] | None:
    values: set[str] = set()
    for v in variants:
        if "const" in v:
            values.add(repr(v["const"]))
        elif "enum" in v:
            values.update(repr(x) for x in v["enum"])
    return frozenset(values) or None


def flatten(schema: Schema) -> dict[str, Field]:
    """Field path (``a.b[]``) -> (types, required, enum) for every field of ``schema``."""
    out: dict[str, Field] = {}
    stack: list[tuple[str, Schema, bool]] = [("", schema, True)]
    while stack:
        path, node, required = stack.pop()
        variants = _variants(node, schema)
        types = frozenset(str(v.get("type", "any")) for v in variants)
        if path:
            out[path] = (types, required, _enum(variants))
        for v in variants:
            needed = set(v.get("required", ()))
            for name, child in v.get("properties", {}).items():
                prefix = f"{path}.{name}" if path else name
                stack.append((prefix, child, name in needed))
            items = v.get("items") or v.get("prefixItems")
            for child in items if isinstance(items, list) else ([items] if items else []):
                stack.append((f"{path}[]", child, True))
    return out


def incompatibilities(released: Schema, current: Schema) -> list[str]:
    """Human-readable reasons why ``current`` breaks readers of ``released``."""
    old, new = flatten(released), flatten(current)
    problems = []
    for path, (types, required, enum) in sorted(old.items()):
        if path not in new:
            problems.append(f"{path}: field removed")
            continue
        new_types, new_required, new_enum = new[path]
        if new_types != types:
            problems.append(f"{path}: type {sorted(types)} -> {sorted(new_types)}")
        if required and not new_required:
            problems.append(f"{path}: was required, now optional")
        if enum != new_enum:
            problems.append(
                f"{path}: allowed values changed {sorted(enum or ())} -> {sorted(new_enum or ())}"
            )
    for path, (_, new_required, _) in sorted(new.items()):
        if path not in old and new_required:
            problems.append(f"{path}: new required field")
    return problems

"""The YAML reader of Styr's data files (presets, charts of accounts): YAML 1.2's core schema,
with each mapping and list remembering the line it started on, so that every error can name its
line."""

from __future__ import annotations

import re
from typing import Any

import yaml


class LocatedDict(dict[str, Any]):
    """A mapping that remembers the line it and each of its keys started on."""

    line: int
    key_lines: dict[str, int]


class LocatedList(list[Any]):
    line: int


class YamlLoader(yaml.SafeLoader):
    """YAML 1.2's core schema, not PyYAML's YAML 1.1: only true and false are booleans (ON, NO,
    YES, OFF, Y and N are words: Omsorgsnämnden's short name is ON), integers are decimal, 0o
    octal or 0x hex (no 1_000, no 0777 as octal, no 1:20 as sexagesimal). ISO dates are dates.
    Names, labels and other text fields are the text as written, whatever it looks like."""


#: Keys whose value is text: read as written, never as a number, a boolean or null.
TEXT_KEYS = frozenset(
    {
        "name",
        "short_name",
        "label_sv",
        "label_en",
        "title",
        "text",
        "slug",
        "preset",
        "key",
        "code",
        "colour",
        "decided_by",
        "decision_reference",
        "validity",
        "applies_to",
        "follow_up_responsible",
        "registration_number",
        "budget_export_account",
    }
)

YamlLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
        r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?"
        r":[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
        "0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
):
    YamlLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _construct_core_int(loader: YamlLoader, node: yaml.ScalarNode) -> int:
    value = str(loader.construct_scalar(node))
    if value.startswith(("0o", "0x")):
        return int(value[2:], 8 if value[1] == "o" else 16)
    return int(value, 10)


def _construct_core_float(loader: YamlLoader, node: yaml.ScalarNode) -> float:
    value = str(loader.construct_scalar(node)).lower()
    if value.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    if value == ".nan":
        return float("nan")
    return float(value)


def _construct_mapping(loader: YamlLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in TEXT_KEYS and isinstance(value_node, yaml.ScalarNode) and value_node.tag != "tag:yaml.org,2002:str":
            # plain text that a schema would make a number, a boolean or null: the text as written
            result[key] = value_node.value
        else:
            result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: YamlLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


YamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_core_int)  # type: ignore[arg-type]
YamlLoader.add_constructor("tag:yaml.org,2002:float", _construct_core_float)  # type: ignore[arg-type]
YamlLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]
YamlLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)  # type: ignore[arg-type]

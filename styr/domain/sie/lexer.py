"""Bytes to text to fields: the file's encoding, and a line split into its fields.

A field is a string (quoted or not) or, for an object list ``{1 "Nord" 7 4}``, a tuple of
strings. The common cases are done with ``str.split`` (a line without quotes, or whose quotes
hold no escaped quote); only a line with ``\\"`` is walked character by character."""

from __future__ import annotations

from styr.domain.sie import messages as M

Field = str | tuple[str, ...]

_OPEN = "\x00{"
_CLOSE = "\x00}"

#: what ``#FORMAT`` may say, and the codec it means
FORMATS = {"PC8": "cp437"}
ENCODING_NAMES = {"cp437": "CP437 (PC8)", "utf-8": "UTF-8", "iso8859_15": "ISO-8859-15"}


class LineError(ValueError):
    """A line that cannot be split into fields: the template and detail of an SIE-003."""

    def __init__(self, template: str, detail: dict[str, str] | None = None) -> None:
        super().__init__(template)
        self.template = template
        self.detail = detail or {}


def sniff(raw: bytes) -> str:
    """The encoding of a line that is not ASCII: UTF-8 when it decodes as UTF-8, ISO-8859-15
    when its high bytes are the Latin letters (å ä ö are 0xE5 0xE4 0xF6 there, and CP437 puts
    its letters in 0x80–0x9F, which ISO-8859-15 leaves to control codes), else CP437."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    controls = sum(1 for b in raw if 0x80 <= b < 0xA0)
    letters = sum(1 for b in raw if b >= 0xC0)
    return "iso8859_15" if letters and not controls else "cp437"


def fields(line: str) -> list[Field]:
    """Split a stripped line into fields. Raises LineError for unbalanced quotes or braces."""
    open_at = line.find("{")
    if open_at < 0 and "}" not in line:
        return plain_fields(line)  # type: ignore[return-value]
    empty = line[open_at + 1 : open_at + 2] == "}" and line.count("{") == 1 and line.count("}") == 1
    if empty and '"' not in line[:open_at]:
        # the commonest shape of all: "#TRANS 1930 {} -12.50 …", an empty object list
        out: list[Field] = line[:open_at].split()  # type: ignore[assignment]
        out.append(())
        out += plain_fields(line[open_at + 2 :])
        return out
    close_at = line.find("}", open_at + 1)
    if 0 <= open_at < close_at and '"' not in line[:open_at]:
        # the usual shape: "#TRANS 1930 {1 "100"} -12.50 20240101 "text"", one object list
        inner, tail = line[open_at + 1 : close_at], line[close_at + 1 :]
        if "{" not in inner and "{" not in tail and "}" not in tail:
            try:
                out = line[:open_at].split()  # type: ignore[assignment]
                out.append(tuple(plain_fields(inner)))
                out += plain_fields(tail)
                return out
            except LineError:
                pass  # a quote holding a brace: the careful way below tells
    return _general(line)


def plain_fields(text: str) -> list[str]:
    """Split text without braces: on white space, keeping quoted strings whole."""
    if '"' not in text:
        return text.split()
    if '\\"' in text:
        return _walk(text)
    parts = text.split('"')
    if len(parts) == 3:  # one quoted string
        tokens = parts[0].split()
        tokens.append(parts[1])
        tokens += parts[2].split()
        return tokens
    if not len(parts) % 2:
        raise LineError(M.UNCLOSED_QUOTE)
    tokens = []
    for i, part in enumerate(parts):
        if i % 2:
            tokens.append(part)
        else:
            tokens += part.split()
    return tokens


def _general(line: str) -> list[Field]:
    if '"' not in line:
        return _group(line.replace("{", " \x00{ ").replace("}", " \x00} ").split())
    if '\\"' in line:
        return _group(_walk(line))
    parts = line.split('"')
    if not len(parts) % 2:
        raise LineError(M.UNCLOSED_QUOTE)
    tokens: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:
            tokens.append(part)
        elif "{" in part or "}" in part:
            tokens += part.replace("{", " \x00{ ").replace("}", " \x00} ").split()
        else:
            tokens += part.split()
    return _group(tokens)


def _walk(line: str) -> list[str]:
    """The slow path: a line with escaped quotes, character by character."""
    tokens: list[str] = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t":
            i += 1
        elif c == '"':
            buf: list[str] = []
            i += 1
            while True:
                if i >= n:
                    raise LineError(M.UNCLOSED_QUOTE)
                c = line[i]
                if c == "\\" and i + 1 < n and line[i + 1] == '"':
                    buf.append('"')
                    i += 2
                elif c == '"':
                    i += 1
                    break
                else:
                    buf.append(c)
                    i += 1
            tokens.append("".join(buf))
        elif c == "{":
            tokens.append(_OPEN)
            i += 1
        elif c == "}":
            tokens.append(_CLOSE)
            i += 1
        else:
            j = i
            while j < n and line[j] not in ' \t{}"':
                j += 1
            tokens.append(line[i:j])
            i = j
    return tokens


def _group(tokens: list[str]) -> list[Field]:
    if _OPEN not in tokens and _CLOSE not in tokens:
        return tokens  # type: ignore[return-value]
    out: list[Field] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if tok == _OPEN:
            j = i + 1
            while j < n and tokens[j] != _CLOSE:
                if tokens[j] == _OPEN:
                    raise LineError(M.BRACE)
                j += 1
            if j == n:
                raise LineError(M.BRACE)
            out.append(tuple(tokens[i + 1 : j]))
            i = j + 1
        elif tok == _CLOSE:
            raise LineError(M.BRACE)
        else:
            out.append(tok)
            i += 1
    return out


def quote(value: str) -> str:
    """A field as the writer puts it: quoted, with quotes escaped."""
    return '"' + value.replace('"', '\\"') + '"'

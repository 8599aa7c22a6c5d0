"""Reading YAML and JSON from outside with limits: no YAML aliases (a few bytes of them can
stand for gigabytes once expanded), no deeper nesting than a real file needs, and errors in
Dutch that give the line and never repeat the file's content."""

import json

import yaml
from django.utils.translation import gettext as _

# publiccode.yml and register files nest four or five levels; this leaves room to spare.
MAX_DEPTH = 32


class StructuredFileError(ValueError):
    """A file that cannot be read within the limits; the message is Dutch and short."""


def _at(line: int | None, column: int | None, message: str) -> StructuredFileError:
    if line is None:
        return StructuredFileError(message)
    return StructuredFileError(
        _("regel %(line)s, kolom %(column)s: %(problem)s")
        % {"line": line, "column": column, "problem": message}
    )


def _text(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StructuredFileError(_("het bestand is geen UTF-8-tekst.")) from error


class _LimitedError(yaml.MarkedYAMLError):
    pass


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases and deep nesting while composing, before
    anything is built."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _LimitedError(
                problem=_("verwijzingen (aliassen met *) worden niet gelezen."),
                problem_mark=event.start_mark,
            )
        if self._depth >= MAX_DEPTH:
            raise _LimitedError(
                problem=_("het bestand is dieper genest dan %(depth)s niveaus.")
                % {"depth": MAX_DEPTH},
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_yaml(content: bytes):
    """The one YAML document in `content`."""
    loader = _LimitedLoader(_text(content))
    try:
        return loader.get_single_data()
    except _LimitedError as error:
        mark = error.problem_mark
        raise _at(mark.line + 1, mark.column + 1, error.problem) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise _at(line, column, _("dit is geen geldige YAML.")) from error
    except yaml.YAMLError as error:
        raise StructuredFileError(_("dit is geen geldige YAML.")) from error
    finally:
        loader.dispose()


def read_json(content: bytes):
    """The JSON value in `content`."""
    text = _text(content)
    too_deep = _("het bestand is dieper genest dan %(depth)s niveaus.") % {"depth": MAX_DEPTH}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _at(error.lineno, error.colno, _("dit is geen geldige JSON.")) from error
    except RecursionError as error:
        # The decoder recurses per level: nesting this deep is refused, not read.
        raise StructuredFileError(too_deep) from error
    if _depth(data) > MAX_DEPTH:
        raise StructuredFileError(too_deep)
    return data


def _depth(data) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest

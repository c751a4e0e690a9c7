"""The environment a user-edited Word template renders in: no reach into Python, and a
budget of steps, time and size, so that a template cannot hold the machine.

A template is a Word document someone else may have edited. Jinja's sandbox keeps it out
of Python's internals; it does not bound what it costs: two nested loops over
``range(99999)`` run for hours, ``'x'|center(10**9)``, ``'%999999999s'|format`` or
``'{:>999999999}'.format(x)`` build a gigabyte. Here every loop turn, call and filter
takes a step from one budget per document; a width, a count or a format field beyond
``MAX_BUILT`` is refused before anything is built; a text built by ``~`` or ``+`` and the
document's whole text are bounded too. What exceeds the budget raises ``TooCostly``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter

# The largest text, list or width an expression may build or ask for (« 'x' * 10**9 »).
MAX_BUILT = 1_000_000
# Loop turns, calls and filters one document may take: the packaged templates take a few
# thousand at the scale of a région; a user's own may take a thousand times more.
MAX_STEPS = 2_000_000
MAX_SECONDS = 30.0
# The text of one rendered part (the body, a header): a hundred times a région's minutes.
MAX_OUTPUT = 50_000_000
# The largest integer an expression may build, in bits (« 9 ** 9 ** 9 »).
MAX_BITS = 100_000


class TooCostly(SecurityError):
    """The template asked for more than its budget."""


class Budget:
    def __init__(self, steps: int = MAX_STEPS, seconds: float = MAX_SECONDS) -> None:
        self.left = steps
        self.deadline = time.monotonic() + seconds

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise TooCostly("trop d'étapes (boucles imbriquées ?)")
        if time.monotonic() > self.deadline:
            raise TooCostly("trop long à remplir")


# --- The width and count a formatting operation asks for --------------------------------

# « %-999999999s », « %.999999999f », « %*s »: the numbers of a printf-style field.
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?[hlL]?[a-zA-Z%]")
_NUMBER = re.compile(r"\d+")


def _too_big(value: Any) -> bool:
    """An integer beyond MAX_BUILT given where a width or a count goes (or inside a tuple,
    a list or a dict of arguments)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > MAX_BUILT
    if isinstance(value, (tuple, list)) and len(value) <= 64:
        return any(_too_big(v) for v in value)
    if isinstance(value, dict) and len(value) <= 64:
        return any(_too_big(v) for v in value.values())
    return False


def _printf_too_wide(fmt: str) -> bool:
    return any(int(n) > MAX_BUILT for m in _PRINTF.finditer(fmt) for n in m.groups() if n and n != "*")


def _spec_too_wide(spec: str) -> bool:
    return any(int(n) > MAX_BUILT for n in _NUMBER.findall(spec))


def _check_arguments(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    if any(_too_big(a) for a in args) or any(_too_big(v) for v in kwargs.values()):
        raise TooCostly("largeur ou nombre démesuré")


def _check_built(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, bytes)) and len(value) > MAX_BUILT:
        raise TooCostly("texte trop long")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        raise TooCostly("nombre démesuré")
    return value


class _Formatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        if _spec_too_wide(format_spec):
            raise TooCostly("largeur démesurée")
        return _check_built(super().format_field(value, format_spec))


class _EscapeFormatter(SandboxedEscapeFormatter, _Formatter):
    pass


# --- Steps taken where Jinja has no hook: loop turns and ~ -----------------------------

def _through(method: str, node: nodes.Node) -> nodes.Call:
    """``environment.<method>(node)``: Jinja allows no node type of one's own, but an
    environment attribute called like any function (the sandbox's ``call`` sees it)."""
    return nodes.Call(nodes.EnvironmentAttribute(method, lineno=node.lineno), [node], [], None, None,
                      lineno=node.lineno)


def _rewrite(tree: nodes.Node) -> nodes.Node:
    """Every {% for %} walks its iterable through ``nr_steps``; every « ~ » goes through
    ``nr_bounded``."""
    for loop in tree.find_all(nodes.For):
        loop.iter = _through("nr_steps", loop.iter)
    for concat in list(tree.find_all(nodes.Concat)):
        _replace(tree, concat, _through("nr_bounded", concat))
    return tree


def _replace(tree: nodes.Node, old: nodes.Node, new: nodes.Node) -> None:
    for parent in tree.find_all(nodes.Node):
        if parent is new:
            continue
        for field, value in parent.iter_fields():
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and any(v is old for v in value):
                setattr(parent, field, [new if v is old else v for v in value])
                return


class BudgetedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with a budget (see the module's docstring); one per document."""

    intercepted_binops = frozenset({"**", "*", "%", "+"})

    def __init__(self, budget: Budget | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.budget = budget or Budget()
        self.filters = {name: self._guarded(f) for name, f in self.filters.items()}
        self.concat = self._bounded_output  # type: ignore[method-assign]

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        _rewrite(tree)
        return tree

    def nr_steps(self, iterable: Any) -> Iterator[Any]:
        spend = self.budget.spend
        for item in iterable:
            spend()
            yield item

    def nr_bounded(self, text: Any) -> Any:
        return _check_built(text)

    def _bounded_output(self, pieces: Iterable[str]) -> str:
        kept, size = [], 0
        for piece in pieces:
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TooCostly("document démesuré")
            kept.append(piece)
        return "".join(kept)

    def _guarded(self, function: Any) -> Any:
        budget = self.budget
        passes_context = getattr(function, "jinja_pass_arg", None) is not None

        def guarded(*args: Any, **kwargs: Any) -> Any:
            own = args[1:] if passes_context else args  # the value, then the filter's arguments
            value, rest = (own[0], own[1:]) if own else (None, ())
            budget.spend(1 + _size(value))
            _check_arguments(rest, kwargs)  # a width or a count; the value itself may be any number
            name = function.__name__
            if name == "do_format" and isinstance(value, str) and _printf_too_wide(value):
                raise TooCostly("largeur démesurée")
            if name in ("do_join", "do_replace", "sync_do_join"):
                args = args[:len(args) - len(own)] + (_checked_text_operation(name, value, rest, kwargs), *rest)
            return _check_built(function(*args, **kwargs))

        for attribute in ("jinja_pass_arg", "__name__", "__doc__"):  # how Jinja passes the context
            if hasattr(function, attribute):
                setattr(guarded, attribute, getattr(function, attribute))
        return guarded

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.budget.spend()
        if not getattr(__obj, "nr_formats_values", False):  # str.format's arguments are values, not widths
            _check_arguments(args, kwargs)
        target, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(target, str) and name in ("join", "replace"):
            if name == "join" and args:
                args = (_checked_text_operation("join", args[0], (target,), {}), *args[1:])
            else:
                _checked_text_operation("replace", target, args, kwargs)
        return _check_built(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.spend()
        if operator == "**" and isinstance(left, int) and isinstance(right, (int, float)) and (
                abs(right) > 64 or (abs(left) > 1 and left.bit_length() * abs(right) > MAX_BITS)):
            raise TooCostly("puissance trop grande")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_BUILT:
                    raise TooCostly("texte trop long")
        if operator == "%" and isinstance(left, str) and (_printf_too_wide(left) or _too_big(right)):
            raise TooCostly("largeur démesurée")
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                and len(left) + len(right) > MAX_BUILT:
            raise TooCostly("texte trop long")
        return _check_built(super().call_binop(context, operator, left, right))

    def format_string(self, s: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                      format_func: Any = None) -> str:
        self.budget.spend()
        formatter: SandboxedFormatter
        from markupsafe import Markup

        formatter = _EscapeFormatter(self, escape=s.escape) if isinstance(s, Markup) else _Formatter(self)
        if format_func is not None and format_func.__name__ == "format_map":
            if len(args) != 1 or kwargs:
                raise TypeError("format_map() prend exactement un argument")
            kwargs, args = args[0], ()
        return _check_built(type(s)(formatter.vformat(s, args, kwargs)))

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        f_self, is_map = value.__self__, value.__name__ == "format_map"

        def formatted(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() prend exactement un argument")
                return self.format_string(f_self, (), args[0])
            return self.format_string(f_self, args, kwargs)

        formatted.nr_formats_values = True  # type: ignore[attr-defined]
        return formatted


def _checked_text_operation(name: str, value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Refuse a join or a replace whose result would exceed MAX_BUILT, computed before it is
    built (« ('x' * 999999).join(range(99999)) »); returns the items to join, listed once."""
    if name == "replace" or name == "do_replace":
        old, new = (list(rest) + [None, None])[:2]
        if isinstance(value, str) and isinstance(old, str) and isinstance(new, str):
            count = len(value) + 1 if not old else value.count(old)
            if len(value) + count * max(0, len(new) - len(old)) > MAX_BUILT:
                raise TooCostly("texte trop long")
        return value
    items = list(value) if not isinstance(value, (str, dict)) else value
    separator = rest[0] if rest and isinstance(rest[0], str) else kwargs.get("d", "")
    if isinstance(items, list) and len(separator) * max(0, len(items) - 1) + sum(
            len(i) for i in items if isinstance(i, str)) > MAX_BUILT:
        raise TooCostly("texte trop long")
    return items


def _size(value: Any) -> int:
    """The steps a filter's work on ``value`` is worth: one per item of what it walks."""
    try:
        return len(value) if isinstance(value, (range, list, tuple, dict, set)) else 0
    except TypeError:
        return 0

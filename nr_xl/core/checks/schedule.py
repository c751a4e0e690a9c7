"""Planning: valid periods, dependencies that end before their dependants start, no cycles."""

from __future__ import annotations

from collections.abc import Iterator

from nr_xl.core import schema
from nr_xl.core.findings import Finding, finding
from nr_xl.core.model import Action, Roadmap

_A = schema.ACTIONS


def check(roadmap: Roadmap) -> Iterator[Finding]:
    actions = roadmap.action_by_id()
    for action in roadmap.actions:
        yield from _period(action)
        for dep_id in action.dependencies:
            dep = actions.get(dep_id)
            key = f"{action.id}/{dep_id}"
            if dep is None:
                yield finding(
                    "schedule.unknown_dependency", sheet=action.SHEET, row=action.row,
                    field=_A.dependencies.header, key=key, action=action.id, dependency=dep_id,
                )
            elif dep.id != action.id and action.period_valid and dep.period_valid and action.start <= dep.end:  # type: ignore[operator]
                yield finding(
                    "schedule.dependency_order", sheet=action.SHEET, row=action.row,
                    field=_A.start.header, key=key, action=action.id, start=action.start, dependency=dep_id,
                    end=dep.end,
                )
    yield from _cycles(actions)


def _period(action: Action) -> Iterator[Finding]:
    if action.period_unreadable:
        return  # the unreadable cell is already an input finding
    if action.start is None or action.end is None:
        missing = " et ".join(n for n, v in ((_A.start.header, action.start), (_A.end.header, action.end))
                              if v is None)
        yield finding(
            "schedule.invalid_period", sheet=action.SHEET, row=action.row,
            field=_A.start.header if action.start is None else _A.end.header, key=action.id, action=action.id, missing=missing,
        )
    elif action.end < action.start:
        yield finding(
            "schedule.invalid_period", variant="reversed", sheet=action.SHEET, row=action.row, field=_A.end.header,
            key=action.id, action=action.id, end=action.end, start=action.start,
        )


def _cycles(actions: dict[str, Action]) -> Iterator[Finding]:
    """Each strongly connected group of dependencies once, on its first action in sheet order.

    Tarjan's algorithm (iterative): linear in actions + dependencies, so a
    région's 5,000 actions cost no more than a commune's 20.
    """
    graph = {a: [d for d in actions[a].dependencies if d in actions] for a in actions}
    for component in _strongly_connected(graph):
        if len(component) == 1 and component[0] not in graph[component[0]]:
            continue
        members = set(component)
        first = min((actions[m] for m in members), key=lambda a: a.row)
        path = _cycle_path(first.id, graph, members)
        chain = " → ".join(path)
        yield finding(
            "schedule.dependency_cycle", sheet=first.SHEET, row=first.row,
            field=_A.dependencies.header, key="/".join(path), chain=chain,
        )


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            recurse = False
            for i in range(child, len(graph[node])):
                nxt = graph[node][i]
                if nxt not in index:
                    work.append((node, i + 1))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _cycle_path(start: str, graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """Shortest path start -> ... -> start inside one component (breadth first)."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for nxt in graph[node]:
            if nxt not in members:
                continue
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return list(reversed(path)) + [start]
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return [start, start]

"""Connected components: the one graph routine fusion needs.

Written here rather than taken from a graph library: union-find is a dozen lines, and
networkx would add a dependency to build sets of ids.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Union-find with path halving.

    Example:
        >>> s = DisjointSets()
        >>> s.union("a", "b"); s.union("c", "d"); s.union("b", "c")
        >>> sorted(map(sorted, s.groups()))
        [['a', 'b', 'c', 'd']]
    """

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        """Add ``item`` as its own set (no-op when present)."""
        self._parent.setdefault(item, item)

    def find(self, item: T) -> T:
        """The representative of ``item``'s set."""
        self.add(item)
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra

    def groups(self) -> list[list[T]]:
        """Every set, as a list, in insertion order of their first member."""
        out: dict[T, list[T]] = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())

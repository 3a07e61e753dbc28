"""Named tuples that cost microseconds to define: the records every run defines at start-up.

``typing.NamedTuple`` compiles each class's ``__new__`` and every field's
annotation when the class is defined (~0.15-0.3 ms a class; ten of them on a
run's path). A :class:`Record` is a tuple whose class lists its fields as
annotations and writes its own ``__new__``: each field is read by the C
descriptor ``collections.namedtuple`` uses, so reading one costs what it
costs on a NamedTuple, and equality, order, hashing and unpacking are the
tuple's.
"""

from __future__ import annotations

from collections import _tuplegetter  # the field descriptor namedtuple uses (C)


class Record(tuple):
    """A tuple with named fields: a subclass annotates them in order and sets ``__slots__ = ()``.

    Its ``__new__`` takes the fields in that order (keywords and defaults as
    it likes) and returns ``tuple.__new__(cls, (…))``.
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        cls._fields = tuple(cls.__annotations__)  # its own (none: empty), never its base's
        for index, name in enumerate(cls._fields):
            setattr(cls, name, _tuplegetter(index, None))

    def __getnewargs__(self) -> tuple:
        """What pickle passes to ``__new__``: the fields, one by one."""
        return tuple(self)

    def __repr__(self) -> str:
        values = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True)
        )
        return f"{type(self).__name__}({values})"

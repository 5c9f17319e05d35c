"""The C functions ``extractors/pdf/pdfium.py`` declares by hand match pypdfium2's own
declarations (``pypdfium2.raw``, generated from pdfium's headers), so that an upgrade
of pypdfium2 that changes a signature fails here rather than corrupting memory.

The hand-made declarations are simpler on purpose: an opaque handle or a buffer is a
``void *`` (``c_void_p``), a string a ``c_char_p``.  So a declaration matches when it
takes as many arguments, and each argument and the result is of the same kind: the
same scalar type (size and signedness), or a pointer -- to the same type when the hand
declaration names one (a ``float *`` must not become a ``double *``).
"""

from __future__ import annotations

import ctypes
from ctypes import (
    POINTER,
    Structure,
    c_char,
    c_char_p,
    c_double,
    c_float,
    c_int,
    c_size_t,
    c_uint,
    c_ulong,
    c_void_p,
)
from types import SimpleNamespace
from typing import Any

import pytest

from emg_parse.extractors.pdf import pdfium

#: ctypes' base class of foreign functions (each library has its own subclass).
_FUNCTION: type[Any] = type(ctypes.CDLL(None).malloc).__mro__[1]
_POINTER = type(POINTER(c_int))


def is_pointer(kind: Any) -> bool:
    return kind in (c_void_p, c_char_p) or isinstance(kind, _POINTER)


def layout(kind: Any) -> Any:
    """What a type is in memory: a scalar's size and format code, a structure's fields."""
    if isinstance(kind, type) and issubclass(kind, Structure):
        return ("struct", ctypes.sizeof(kind), [layout(t) for _name, t, *_ in kind._fields_])
    return (ctypes.sizeof(kind), kind._type_)


def mismatch(ours: Any, theirs: Any) -> str | None:
    """Why the hand-declared type ``ours`` does not fit pdfium's ``theirs`` (None: it does)."""
    if ours is None or theirs is None:
        return None if ours is theirs else f"{ours} against {theirs}"
    if is_pointer(ours) or is_pointer(theirs):
        if not (is_pointer(ours) and is_pointer(theirs)):
            return f"{ours} against {theirs}"
        if ours in (c_void_p, c_char_p) or theirs is c_void_p:
            return None  # an address, whatever it points to
        pointee = theirs._type_ if theirs is not c_char_p else c_char
        if layout(ours._type_) != layout(pointee):
            return f"{ours} points to another type than {theirs}"
        return None
    if layout(ours) != layout(theirs):
        return f"{ours} against {theirs}"
    return None


def signature_problems(ours: Any, theirs: Any) -> list[str]:
    """The differences between two declarations of one C function."""
    name = ours.__name__
    problems = []
    if (why := mismatch(ours.restype, theirs.restype)) is not None:
        problems.append(f"{name} returns {why}")
    our_args, their_args = list(ours.argtypes or ()), list(theirs.argtypes or ())
    if len(our_args) != len(their_args):
        return [*problems, f"{name} takes {len(their_args)} arguments, not {len(our_args)}"]
    for n, (a, b) in enumerate(zip(our_args, their_args, strict=True), 1):
        if (why := mismatch(a, b)) is not None:
            problems.append(f"{name} argument {n}: {why}")
    return problems


def declared() -> dict[str, Any]:
    """The functions the loaded :class:`~emg_parse.extractors.pdf.pdfium.Pdfium` declares."""
    api = pdfium.pdfium()
    return {f.__name__: f for f in vars(api).values() if isinstance(f, _FUNCTION)}


def test_every_hand_declared_function_matches_pypdfium2() -> None:
    import pypdfium2.raw as raw

    functions = declared()
    assert len(functions) >= 30 and "FPDF_InitLibrary" in functions
    problems = [
        p for name, f in functions.items() for p in signature_problems(f, getattr(raw, name))
    ]
    assert problems == []


class _Point(Structure):
    _fields_ = [("x", c_float), ("y", c_float)]


class _WidePoint(Structure):
    _fields_ = [("x", c_double), ("y", c_double)]


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (c_int, c_uint),  # signedness
        (c_int, c_ulong),  # size
        (c_float, c_double),
        (c_void_p, c_int),  # a pointer for a number
        (c_int, POINTER(c_int)),
        (POINTER(c_float), POINTER(c_double)),  # float * for double *
        (POINTER(_Point), POINTER(_WidePoint)),
        (None, c_int),  # a result left out
    ],
)
def test_a_changed_type_is_found(ours: Any, theirs: Any) -> None:
    assert mismatch(ours, theirs) is not None


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (c_void_p, POINTER(_Point)),  # a handle or buffer as void *
        (c_char_p, POINTER(c_char)),
        (POINTER(c_float), POINTER(c_float)),
        (POINTER(_Point), POINTER(type("Same", (Structure,), {"_fields_": _Point._fields_}))),
        (c_size_t, c_ulong if ctypes.sizeof(c_size_t) == ctypes.sizeof(c_ulong) else c_size_t),
        (None, None),
    ],
)
def test_an_equivalent_type_passes(ours: Any, theirs: Any) -> None:
    assert mismatch(ours, theirs) is None


def test_a_changed_argument_count_is_found() -> None:
    import pypdfium2.raw as raw

    ours = declared()["FPDF_GetPageCount"]
    theirs = SimpleNamespace(restype=raw.FPDF_GetPageCount.restype, argtypes=[])
    assert signature_problems(ours, theirs) == ["FPDF_GetPageCount takes 0 arguments, not 1"]

"""Plain data across the sandbox boundary: a JSON header plus raw array bytes, never pickle.

A payload is::

    b"XKW1" | header length (u32, little-endian) | header (ASCII JSON, space-padded) | body

and a frame on a pipe is the payload's length (u64) followed by the payload. The header is one
tree of tagged nodes, each a JSON list whose first item is the tag:

=========================  ==============================================================
``["n"]``                  None
``["b", true]``            bool
``["i", "-12"]``           int, as decimal text (at most 4300 digits)
``["f", "000000000000f0bf"]``  float, its IEEE-754 bits (so -0.0, inf, nan round-trip)
``["c", re, im]``          complex, two float bit patterns
``["s", "text"]``          str (at most 10 000 characters, no lone surrogates)
``["l", [...]]``           list; ``["t", [...]]`` tuple
``["d", [[k, v], ...]]``   dict with str keys, in order
``["a", "<f8", [2, 3]]``   numpy array: its bytes are the next region of the body
``["x", "<f4", "0000c03f"]``  numpy scalar, keeping its dtype (float32 stays float32)
``["F", "l", n]``          a list ("l") or tuple ("t") of n Python floats, packed in the body;
``["I", "l", n]``          the same for Python ints that fit in int64
``["o", "mod.Type", "repr"]``  anything else: decoded as :class:`Opaque`, never rebuilt
=========================  ==============================================================

Body regions start at multiples of 16 bytes, in the order their nodes appear. The decoder is
strict (tags, arities, sizes, dtypes on an allow-list, body fully accounted for) and raises
:class:`WireError`, and nothing else, on anything else; it evaluates and imports nothing. It
bounds what it builds before building it: at most :data:`MAX_ITEMS` Python objects per payload
(packed items count), every array dimension and every array's element count at most
:data:`MAX_FRAME`, strings valid Unicode (no lone surrogates), so a forged payload costs about
its own size in memory and linear time.

The encoder runs in the child, on values produced by student code, so it reads values through
the built-in types' own slots (``float.__float__``, ``int.__index__``, ``np.ndarray.view``) and
never through methods a subclass could override: a float subclass whose ``__repr__`` or
``__eq__`` lies is sent as the double it holds.
"""

from __future__ import annotations

import json
import os
import re
import select
import struct
import sys
import time
from dataclasses import dataclass

import numpy as np

MAX_HEADER = 1 << 20
MAX_FRAME = 256 << 20
MAX_DEPTH = 20
MAX_ITEMS = 10**6  # per container, and nodes per payload
MAX_STR = 10_000
MAX_INT_DIGITS = 4300
MAX_NDIM = 32
REPR_CHARS = 200
PACK_MIN = 8  # lists at least this long of only floats (or only ints) travel packed

MAGIC = b"XKW1"
_PRE = struct.Struct("<4sI")  # magic, header length
_LEN = struct.Struct("<Q")  # frame length
_ALIGN = 16
_DOUBLE = struct.Struct("<d")

_ALLOWED_DTYPES = frozenset(
    ["|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8"]
    + ["<f2", "<f4", "<f8", "<c8", "<c16"]
)
_INT_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
_BITS = re.compile(r"[0-9a-f]{16}\Z")
_HEX = re.compile(r"(?:[0-9a-f]{2})*\Z")
_TYPE_QUALNAME = type.__dict__["__qualname__"]
_TYPE_MODULE = type.__dict__["__module__"]
_TYPE_NAME = type.__dict__["__name__"]

if sys.byteorder != "little":  # pragma: no cover
    raise ImportError("autograder.sandbox.wire assumes a little-endian machine")


class WireError(ValueError):
    """A value cannot be encoded, or a payload is malformed."""


class WireClosed(WireError):
    """The other end closed the connection (EOF, possibly in the middle of a frame)."""


class WireTimeout(WireError):
    """A send or receive did not finish before its deadline."""


@dataclass(frozen=True)
class Opaque:
    """A value the grader cannot read: only its type's name and a short repr crossed."""

    type_name: str
    repr: str


# --------------------------------------------------------------------------------------------
# Encoding


def encode(obj: object, *, strict: bool = False) -> bytes:
    """One payload (without the frame length). ``strict`` raises on values only :class:`Opaque`
    could carry, instead of encoding them as such."""
    return b"".join(encode_parts(obj, strict=strict))


def encode_parts(obj: object, *, strict: bool = False) -> list:
    """The payload as a list of buffers (arrays are not copied), for ``os.writev``."""
    enc = _Encoder(strict)
    tree = enc.node(obj, 0)
    text = json.dumps(tree, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    header = text.encode("ascii")
    if len(header) > MAX_HEADER:
        raise WireError(f"the value is too complex to send (header of {len(header)} bytes)")
    header += b" " * (-(_PRE.size + len(header)) % _ALIGN)
    return [_PRE.pack(MAGIC, len(header)) + header, *enc.buffers]


def opaque(obj: object) -> Opaque:
    """The type name and a truncated repr of ``obj``, robust to a hostile ``__repr__``."""
    t = type(obj)
    try:
        module, qualname = _TYPE_MODULE.__get__(t), _TYPE_QUALNAME.__get__(t)
        if type(module) is not str or type(qualname) is not str:
            raise TypeError
        name = f"{module[:REPR_CHARS]}.{qualname[:REPR_CHARS]}"
    except BaseException:  # noqa: BLE001
        name = "<unknown type>"
    try:
        text = str.__str__(repr(obj))[: 2 * REPR_CHARS]
    except BaseException as e:  # noqa: BLE001 - student code: anything can come out of repr
        text = f"<repr failed: {_TYPE_NAME.__get__(type(e))[:60]}>"
    return Opaque(clean_text(name)[:REPR_CHARS], clean_text(text)[:REPR_CHARS])


def _bits(x: float) -> str:
    return _DOUBLE.pack(x).hex()


class _Encoder:
    def __init__(self, strict: bool):
        self.strict = strict
        self.buffers: list = []
        self.size = 0
        self.nodes = 0

    def _region(self, buf) -> None:
        pad = -self.size % _ALIGN
        if pad:
            self.buffers.append(b"\0" * pad)
        self.buffers.append(buf)
        self.size += pad + len(buf)

    def node(self, obj: object, depth: int) -> list:
        if depth > MAX_DEPTH:
            raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")
        self.nodes += 1
        if self.nodes > MAX_ITEMS:
            raise WireError(f"the value has more than {MAX_ITEMS} parts")
        t = type(obj)  # type(), unlike isinstance(), cannot be fooled by a __class__ property
        if obj is None:
            return ["n"]
        if t is Opaque:  # a value already reduced to its name and repr (by the sandbox child)
            return ["o", obj.type_name[:REPR_CHARS], obj.repr[:REPR_CHARS]]
        if t is bool:
            return ["b", obj]
        if issubclass(t, np.generic):
            return self.scalar(obj, t)
        if issubclass(t, np.ndarray):
            return self.array(obj)
        if issubclass(t, int):
            return self.integer(int.__index__(obj))
        if issubclass(t, float):
            return ["f", _bits(float.__float__(obj))]
        if issubclass(t, complex):
            return ["c", _bits(complex.real.__get__(obj)), _bits(complex.imag.__get__(obj))]
        if issubclass(t, str):
            return ["s", self.text(str.__str__(obj))]
        if issubclass(t, (list, tuple)):
            tag = "l" if issubclass(t, list) else "t"
            items = list.copy(obj) if tag == "l" else tuple.__getitem__(obj, slice(None))
            if len(items) > MAX_ITEMS:
                raise WireError(f"a {t.__name__} of {len(items)} items is too long to send")
            packed = self.packed(items, tag)
            return packed or [tag, [self.node(x, depth + 1) for x in items]]
        if issubclass(t, dict):
            items = list(dict.items(obj))
            if len(items) > MAX_ITEMS:
                raise WireError(f"a dict of {len(items)} items is too long to send")
            if all(issubclass(type(k), str) for k, _ in items):
                pairs = [[self.text(str.__str__(k)), self.node(v, depth + 1)] for k, v in items]
                return ["d", pairs]
        return self.other(obj)

    def other(self, obj: object) -> list:
        o = opaque(obj)
        if self.strict:
            raise WireError(f"a value of type {o.type_name} cannot be sent as plain data")
        return ["o", o.type_name, o.repr]

    def integer(self, v: int) -> list:
        too_big = WireError(f"an int of more than {MAX_INT_DIGITS} digits is too large to send")
        if v.bit_length() > MAX_INT_DIGITS * 3.33:
            raise too_big
        try:
            text = str(v)
        except ValueError:  # sys.set_int_max_str_digits
            raise too_big from None
        if len(text.lstrip("-")) > MAX_INT_DIGITS:
            raise too_big
        return ["i", text]

    def text(self, s: str) -> str:
        if len(s) > MAX_STR:
            raise WireError(f"a string of {len(s)} characters is too long to send (max {MAX_STR})")
        if not s.isascii():
            try:
                s.encode("utf-8")
            except UnicodeEncodeError:
                raise WireError("a string holding a lone surrogate cannot be sent") from None
        return s

    def packed(self, items, tag: str) -> list | None:
        if len(items) < PACK_MIN:
            return None
        kinds = {type(x) for x in items}
        if kinds == {float}:
            self._region(np.array(items, dtype=np.float64).data.cast("B"))
            return ["F", tag, len(items)]
        if kinds == {int}:
            try:
                arr = np.array(items, dtype=np.int64)
            except OverflowError:
                return None
            self._region(arr.data.cast("B"))
            return ["I", tag, len(items)]
        return None

    def scalar(self, obj: np.generic, t: type) -> list:
        base = next(c for c in t.__mro__ if c.__module__ == "numpy")
        try:
            dtype = np.dtype(base)
        except TypeError:
            return self.other(obj)
        if dtype.str not in _ALLOWED_DTYPES:
            return self.other(obj)
        return ["x", dtype.str, np.generic.tobytes(obj).hex()]

    def array(self, obj: np.ndarray) -> list:
        arr = np.ndarray.view(obj, np.ndarray)  # the base data, whatever the subclass does
        if arr.dtype.byteorder == ">":
            arr = arr.astype(arr.dtype.newbyteorder("<"))
        if arr.dtype.str not in _ALLOWED_DTYPES or arr.ndim > MAX_NDIM:
            return self.other(obj)
        if not arr.flags.c_contiguous:
            arr = arr.copy(order="C")
        self._region(arr.reshape(-1).view(np.uint8).data)
        return ["a", arr.dtype.str, list(arr.shape)]


# --------------------------------------------------------------------------------------------
# Decoding


def decode(data: bytes | bytearray | memoryview | np.ndarray) -> object:
    """Rebuild a value from a payload. Arrays share ``data``'s memory (writable if it is a
    ``bytearray`` or a writable ``uint8`` array, as frames are). Raises :class:`WireError` on
    anything malformed."""
    view = memoryview(data).cast("B")
    if len(view) < _PRE.size:
        raise WireError("the payload is too short")
    magic, hlen = _PRE.unpack_from(view)
    if magic != MAGIC:
        raise WireError("the payload does not start with the wire format's magic bytes")
    start = _PRE.size + hlen
    if hlen > MAX_HEADER or start > len(view) or start % _ALIGN:
        raise WireError(f"the header length {hlen} is invalid")
    try:
        text = bytes(view[_PRE.size : start]).decode("ascii")
        tree = json.loads(
            text, parse_float=_no_float, parse_constant=_no_float, object_pairs_hook=_no_object
        )
    except (ValueError, RecursionError) as e:
        raise WireError(f"the header is not valid: {e}") from None
    dec = _Decoder(view, start)
    value = dec.node(tree, 0)
    if dec.offset != len(view) - start:
        raise WireError("the body has bytes no node accounts for")
    return value


def _no_float(text: str):
    raise WireError(f"unexpected JSON number {text!r} in the header")


def _no_object(pairs):
    raise WireError("unexpected JSON object in the header")


class _Decoder:
    def __init__(self, view: memoryview, start: int):
        self.view = view
        self.start = start
        self.offset = 0
        self.nodes = 0

    def count(self, n: int) -> None:
        """Account for ``n`` more Python objects; refuse before building past the budget."""
        self.nodes += n
        if self.nodes > MAX_ITEMS:
            raise WireError(f"the value has more than {MAX_ITEMS} parts")

    def region(self, nbytes: int) -> int:
        """Absolute offset of the next body region of ``nbytes`` bytes."""
        begin = self.offset + (-self.offset % _ALIGN)
        if self.start + begin + nbytes > len(self.view):
            raise WireError("an array runs past the end of the payload")
        self.offset = begin + nbytes
        return self.start + begin

    def node(self, n: object, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")
        self.count(1)
        if type(n) is not list or not n or type(n[0]) is not str:
            raise WireError("a node is not a tagged list")
        tag, args = n[0], n[1:]
        handler = _HANDLERS.get(tag)
        if handler is None:
            raise WireError("a node has an unknown tag")
        arity, fn = handler
        if len(args) != arity:
            raise WireError(f"tag {tag!r} takes {arity} fields, got {len(args)}")
        return fn(self, depth, *args)

    def none(self, depth):
        return None

    def boolean(self, depth, v):
        if type(v) is not bool:
            raise WireError("a bool node does not hold true or false")
        return v

    def integer(self, depth, v):
        if type(v) is not str or len(v) > MAX_INT_DIGITS + 1 or not _INT_TEXT.match(v):
            raise WireError("an int node does not hold decimal digits")
        if len(v) - v.startswith("-") > MAX_INT_DIGITS:
            raise WireError(f"an int node has more than {MAX_INT_DIGITS} digits")
        try:
            return int(v)
        except ValueError:  # a lower sys.set_int_max_str_digits
            raise WireError("an int node has too many digits") from None

    def real(self, depth, v):
        return _DOUBLE.unpack(bytes.fromhex(_check_bits(v)))[0]

    def cplx(self, depth, re_, im):
        return complex(self.real(depth, re_), self.real(depth, im))

    def string(self, depth, v):
        return _check_str(v)

    def sequence(self, depth, items):
        if type(items) is not list or len(items) > MAX_ITEMS:
            raise WireError("a list node does not hold a list of nodes")
        return [self.node(x, depth + 1) for x in items]

    def tuple_(self, depth, items):
        return tuple(self.sequence(depth, items))

    def mapping(self, depth, pairs):
        if type(pairs) is not list or len(pairs) > MAX_ITEMS:
            raise WireError("a dict node does not hold a list of pairs")
        out = {}
        for pair in pairs:
            if type(pair) is not list or len(pair) != 2:
                raise WireError("a dict item is not a [key, value] pair")
            key = _check_str(pair[0])
            if key in out:
                raise WireError("a dict node repeats a key")
            out[key] = self.node(pair[1], depth + 1)
        return out

    def array(self, depth, dtype, shape):
        dt = _check_dtype(dtype)
        if type(shape) is not list or len(shape) > MAX_NDIM:
            raise WireError("an array's shape is not a list of at most 32 sizes")
        count, extent = 1, 1
        for s in shape:
            if type(s) is not int or not 0 <= s <= MAX_FRAME:
                raise WireError("an array's shape holds something other than sizes")
            count *= s
            extent *= max(s, 1)  # an empty array of a huge shape is refused too
            if extent > MAX_FRAME:
                raise WireError("an array is larger than a frame may be")
        if count * dt.itemsize > MAX_FRAME:
            raise WireError("an array is larger than a frame may be")
        at = self.region(count * dt.itemsize)
        if count == 0:
            return np.empty(shape, dt)
        return np.frombuffer(self.view.obj, dt, count, at).reshape(shape)

    def scalar(self, depth, dtype, raw):
        dt = _check_dtype(dtype)
        if type(raw) is not str or len(raw) != 2 * dt.itemsize or not _HEX.match(raw):
            raise WireError("a numpy scalar node holds the wrong number of bytes")
        return np.frombuffer(bytes.fromhex(raw), dt)[0]

    def packed(self, dtype, kind, count):
        if kind not in ("l", "t") or type(count) is not int or not 0 <= count <= MAX_ITEMS:
            raise WireError("a packed list node is malformed")
        self.count(count)  # each item becomes a Python object: bound them before building
        at = self.region(8 * count)
        values = np.frombuffer(self.view.obj, dtype, count, at).tolist() if count else []
        return values if kind == "l" else tuple(values)

    def floats(self, depth, kind, count):
        return self.packed(np.dtype("<f8"), kind, count)

    def ints(self, depth, kind, count):
        return self.packed(np.dtype("<i8"), kind, count)

    def other(self, depth, name, text):
        if type(name) is not str or type(text) is not str:
            raise WireError("an opaque node does not hold two strings")
        if len(name) > REPR_CHARS or len(text) > REPR_CHARS:
            raise WireError("an opaque node's text is too long")
        return Opaque(_check_str(name), _check_str(text))


_HANDLERS = {
    "n": (0, _Decoder.none),
    "b": (1, _Decoder.boolean),
    "i": (1, _Decoder.integer),
    "f": (1, _Decoder.real),
    "c": (2, _Decoder.cplx),
    "s": (1, _Decoder.string),
    "l": (1, _Decoder.sequence),
    "t": (1, _Decoder.tuple_),
    "d": (1, _Decoder.mapping),
    "a": (2, _Decoder.array),
    "x": (2, _Decoder.scalar),
    "F": (2, _Decoder.floats),
    "I": (2, _Decoder.ints),
    "o": (2, _Decoder.other),
}


def _check_bits(v) -> str:
    if type(v) is not str or not _BITS.match(v):
        raise WireError("a float node does not hold 16 hex digits")
    return v


def _check_str(v) -> str:
    if type(v) is not str or len(v) > MAX_STR:
        raise WireError("a string node is not a string of at most 10 000 characters")
    if not v.isascii():
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise WireError("a string node holds a lone surrogate, which is not text") from None
    return v


def _check_dtype(name) -> np.dtype:
    if type(name) is not str or name not in _ALLOWED_DTYPES:
        raise WireError("an array or scalar node has a dtype that is not allowed")
    return np.dtype(name)


def clean_text(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udcxx`` escapes, so it encodes as UTF-8."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --------------------------------------------------------------------------------------------
# Frames


class FrameWriter:
    """Writes one frame to a (possibly non-blocking) fd, as far as the pipe accepts each time."""

    def __init__(self, parts: list):
        total = sum(len(p) for p in parts)
        first = memoryview(_LEN.pack(total) + parts[0])
        self._parts = [first] + [memoryview(p).cast("B") for p in parts[1:]]

    @property
    def done(self) -> bool:
        return not self._parts

    def pump(self, fd: int) -> bool:
        """Write what the fd takes now; True once the frame is out. Raises BrokenPipeError."""
        while self._parts:
            try:
                n = os.writev(fd, self._parts[:64])
            except BlockingIOError:
                return False
            while n and self._parts:
                head = self._parts[0]
                if n >= len(head):
                    n -= len(head)
                    self._parts.pop(0)
                else:
                    self._parts[0] = head[n:]
                    n = 0
            while self._parts and not len(self._parts[0]):
                self._parts.pop(0)
        return True


class FrameReader:
    """Reads frames from a (possibly non-blocking) fd without blocking for more than one read."""

    def __init__(self, max_bytes: int = MAX_FRAME):
        self.max_bytes = max_bytes
        self._pending = bytearray()
        self._frame: np.ndarray | None = None
        self._filled = 0

    def pump(self, fd: int) -> bool:
        """Make at most one read from ``fd``; True once a whole frame is buffered (get it with
        :meth:`take`). Raises :class:`WireClosed` at EOF, :class:`WireError` on a bad size."""
        if self._start():
            if self._filled == len(self._frame):
                return True
            try:
                n = os.readv(fd, [memoryview(self._frame)[self._filled :]])
            except BlockingIOError:
                return False
            if not n:
                raise WireClosed("the connection closed mid-frame")
            self._filled += n
        else:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                return False
            if not chunk:
                raise WireClosed("the connection closed" + (" mid-frame" if self._pending else ""))
            self._pending += chunk
            if not self._start():
                return False
        return self._filled == len(self._frame)

    def _start(self) -> bool:
        if self._frame is not None:
            return True
        if len(self._pending) < _LEN.size:
            return False
        (n,) = _LEN.unpack_from(self._pending)
        if n > self.max_bytes or n < _PRE.size:
            raise WireError(f"a frame of {n} bytes is outside the allowed size")
        body = self._pending[_LEN.size : _LEN.size + n]
        del self._pending[: _LEN.size + n]
        self._frame = _buffer(n)
        memoryview(self._frame)[: len(body)] = body
        self._filled = len(body)
        return True

    def buffered(self) -> bool:
        """Whether a whole frame is already here (it came in the same read as the last one)."""
        return self._start() and self._filled == len(self._frame)

    def take(self) -> object:
        """Decode the buffered frame and get ready for the next one."""
        frame, self._frame, self._filled = self._frame, None, 0
        if frame is None:
            raise WireError("no complete frame to take")
        return decode(frame)


def send(target, obj: object, *, strict: bool = False, timeout: float | None = None) -> None:
    """Write one frame holding ``obj`` to an fd (int) or a binary file object."""
    parts = encode_parts(obj, strict=strict)
    if not isinstance(target, int):
        target.write(_LEN.pack(sum(len(p) for p in parts)))
        for p in parts:
            target.write(p)
        if hasattr(target, "flush"):
            target.flush()
        return
    writer = FrameWriter(parts)
    deadline = None if timeout is None else time.monotonic() + timeout
    while not writer.done:
        _wait(target, select.POLLOUT, deadline)
        writer.pump(target)


def recv(source, *, max_bytes: int = MAX_FRAME, timeout: float | None = None) -> object:
    """Read one frame from an fd (int) or a binary file object and decode it."""
    if not isinstance(source, int):
        head = _read_exactly(source, _LEN.size)
        (n,) = _LEN.unpack(head)
        if n > max_bytes or n < _PRE.size:
            raise WireError(f"a frame of {n} bytes is outside the allowed size")
        return decode(_read_exactly(source, n))
    reader = FrameReader(max_bytes)
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        _wait(source, select.POLLIN, deadline)  # then one read cannot block
        if reader.pump(source):
            return reader.take()


def _buffer(n: int) -> np.ndarray:
    """A writable buffer of ``n`` bytes for a frame, every byte of which is then read in.

    Not a ``bytearray``: that is zeroed memory fresh from the kernel, which costs a page fault
    per 4 kB on first write (an 8 MB frame: 2,000 faults, 10-40 ms on a loaded machine, more
    than reading it from the pipe); numpy's allocator reuses memory and asks for huge pages.
    """
    return np.empty(n, np.uint8)


def _read_exactly(f, n: int) -> np.ndarray:
    buf = _buffer(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = f.readinto(view[got:])
        if not k:
            raise WireClosed("the connection closed")
        got += k
    return buf


def _wait(fd: int, event: int, deadline: float | None) -> None:
    """Return once ``fd`` is ready (or has an error to report); WireTimeout at the deadline."""
    poller = select.poll()
    poller.register(fd, event)
    while True:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            raise WireTimeout("timed out")
        if poller.poll(None if remaining is None else max(1, int(remaining * 1000 + 0.999))):
            return

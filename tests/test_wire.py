"""The wire format: exact round trips, distrust of subclasses, strict decoding."""

from __future__ import annotations

import io
import json
import math
import os
import struct

import numpy as np
import pytest

from autograder.sandbox import wire
from autograder.sandbox.wire import Opaque, WireClosed, WireError, decode, encode


def roundtrip(obj):
    return decode(encode(obj))


def same(a, b) -> bool:
    """Equal, with the same type all the way down; floats compared bit for bit."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return struct.pack("<d", a) == struct.pack("<d", b)
    if isinstance(a, complex):
        return struct.pack("<2d", a.real, a.imag) == struct.pack("<2d", b.real, b.imag)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if isinstance(a, np.generic):
        return a.dtype == b.dtype and a.tobytes() == b.tobytes()
    return a == b


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -7,
        2**200,
        -(10**4299),
        0.1,
        -0.0,
        math.inf,
        -math.inf,
        struct.unpack("<d", bytes.fromhex("010000000000f87f"))[0],  # nan with a payload
        5e-324,
        1 - 2j,
        complex(-0.0, math.nan),
        "",
        "entropy ∑ p log p \U0001F600",
        [],
        [1, 2.5, "x", None],
        (1,),
        (),
        {"p": [0.5, 0.5], "base": None, "nested": {"t": (1, 2)}},
        [0.25] * 20,
        tuple(float(i) for i in range(9)),
        list(range(-5, 50)),
        [2**63, 1, 2, 3, 4, 5, 6, 7, 8],  # does not fit int64: travels unpacked
        [1.0, 2, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],  # mixed: unpacked, types kept
        np.float64(0.1),
        np.float32(0.1),
        np.float16(-0.0),
        np.int8(-3),
        np.uint64(2**64 - 1),
        np.bool_(True),
        np.complex64(1 + 2j),
        np.arange(12, dtype=np.int32).reshape(3, 4),
        np.array(2.5),
        np.zeros((0, 3)),
        np.array([True, False]),
        np.array([1 + 1j, np.nan], dtype=np.complex128),
        np.array([-0.0, np.inf, -np.inf, np.nan], dtype=np.float32),
        np.ones((2, 3), dtype=np.uint16)[:, ::2],  # not contiguous
        [np.arange(3), np.arange(5.0), {"k": np.ones(7, dtype=np.int8)}],
    ],
    ids=repr,
)
def test_roundtrip(value):
    got = roundtrip(value)
    if isinstance(value, np.ndarray) and not value.flags.c_contiguous:
        value = np.ascontiguousarray(value)
    assert same(got, value), (got, value)


def test_big_endian_arrays_arrive_in_native_order():
    a = np.arange(5, dtype=">f8")
    got = roundtrip(a)
    assert got.dtype == np.dtype("<f8") and np.array_equal(got, a)


def test_float32_scalar_keeps_its_dtype():
    got = roundtrip({"h": np.float32(0.6931472)})["h"]
    assert type(got) is np.float32 and got == np.float32(0.6931472)


def test_million_element_array_travels_as_bytes():
    a = np.random.default_rng(0).random(10**6)
    payload = encode(a)
    assert len(payload) < a.nbytes + 200  # raw bytes, not JSON text
    got = decode(bytearray(payload))
    assert np.array_equal(got, a) and got.flags.writeable


def test_float_subclass_with_lying_methods_encodes_its_value():
    class Liar(float):
        def __repr__(self):
            return "0.6931471805599453"

        def __eq__(self, other):
            return True

        __hash__ = float.__hash__

        def __float__(self):
            return 0.6931471805599453

    got = roundtrip(Liar(0.5))
    assert type(got) is float and got == 0.5


def test_int_str_and_container_subclasses_use_their_real_contents():
    class Int(int):
        def __index__(self):
            return 99

        def __str__(self):
            return "99"

    class Text(str):
        def __str__(self):
            return "lie"

    class Items(list):
        def __iter__(self):
            return iter([0.0])

    class Map(dict):
        def items(self):
            return [("a", 0)]

    got = roundtrip([Int(3), Text("truth"), Items([1.0, 2.0]), Map(b=2)])
    assert same(got, [3, "truth", [1.0, 2.0], {"b": 2}])


def test_ndarray_subclass_sends_its_base_data():
    class Sneaky(np.ndarray):
        def view(self, *args, **kwargs):
            raise RuntimeError("no")

        def tobytes(self, *args, **kwargs):
            return b"\0" * 8

    a = np.array([0.5, 0.25]).view(Sneaky)
    got = roundtrip(a)
    assert type(got) is np.ndarray and np.array_equal(got, [0.5, 0.25])
    masked = roundtrip(np.ma.masked_array([1.0, 2.0], mask=[True, False]))
    assert type(masked) is np.ndarray and np.array_equal(masked, [1.0, 2.0])


def test_class_property_cannot_fake_a_type():
    class Fake:
        @property
        def __class__(self):
            return float

    assert isinstance(Fake(), float)  # isinstance is fooled ...
    got = roundtrip(Fake())  # ... the encoder is not
    assert isinstance(got, Opaque) and got.type_name.endswith("Fake")


def test_unreadable_values_become_opaque():
    class Loud:
        def __repr__(self):
            return "x" * 1000

    class Broken:
        def __repr__(self):
            raise ValueError("nope")

    got = roundtrip([Loud(), Broken(), {1: 2}, {1, 2}, np.array([object()]), b"raw"])
    assert all(isinstance(g, Opaque) for g in got)
    assert len(got[0].repr) == wire.REPR_CHARS
    assert got[1].repr == "<repr failed: ValueError>"
    assert got[3] == Opaque("builtins.set", "{1, 2}")
    assert got[4].type_name == "numpy.ndarray"  # object dtype is not on the allow-list


def test_strict_encoding_refuses_unreadable_values():
    with pytest.raises(WireError, match="cannot be sent as plain data"):
        encode([1, object()], strict=True)


@pytest.mark.parametrize(
    "value, message",
    [
        ("x" * (wire.MAX_STR + 1), "too long"),
        (10**5000, "too large"),
        (np.array(0).reshape((1,) * 40), None),  # too many dimensions: opaque, not an error
    ],
    ids=["long-str", "huge-int", "ndim-40"],
)
def test_encoder_limits(value, message):
    if message is None:
        assert isinstance(roundtrip(value), Opaque)
    else:
        with pytest.raises(WireError, match=message):
            encode(value)


def test_depth_limit_and_cycles():
    deep: list = []
    for _ in range(wire.MAX_DEPTH + 1):
        deep = [deep]
    with pytest.raises(WireError, match="nested"):
        encode(deep)
    loop: list = []
    loop.append(loop)
    with pytest.raises(WireError, match="nested"):
        encode(loop)


# ---------------------------------------------------------------------------- strict decoding


def payload(tree, body: bytes = b"") -> bytes:
    header = json.dumps(tree).encode()
    header += b" " * (-(8 + len(header)) % 16)
    return wire.MAGIC + struct.pack("<I", len(header)) + header + body


def test_payload_helper_matches_the_encoder():
    assert decode(payload(["l", [["i", "1"], ["s", "a"]]])) == [1, "a"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"XKW1",
        b"NOPE" + struct.pack("<I", 8) + b"[\"n\"]   ",
        wire.MAGIC + struct.pack("<I", 10**9),
        payload(["q"]),
        payload("n"),
        payload([]),
        payload(["n", 1]),
        payload(["b", 1]),
        payload(["i", "1.5"]),
        payload(["i", "9" * 5000]),
        payload(["i", 12]),
        payload(["f", 1.5]),
        payload(["f", "3ff"]),
        payload(["f", "3FF0000000000000"]),
        payload(["s", "x" * (wire.MAX_STR + 1)]),
        payload(["s", 3]),
        payload(["l", "abc"]),
        payload(["d", [["a", ["n"]], ["a", ["n"]]]]),
        payload(["d", [[1, ["n"]]]]),
        payload(["a", "|O", [1]], b"\0" * 8),
        payload(["a", "<M8[s]", [1]], b"\0" * 8),
        payload(["a", ">f8", [1]], b"\0" * 8),
        payload(["a", "<f8", [2]], b"\0" * 8),  # body too short
        payload(["a", "<f8", [1]], b"\0" * 16),  # body too long
        payload(["a", "<f8", [-1]]),
        payload(["a", "<f8", [1.0]], b"\0" * 8),
        payload(["a", "<f8", [1] * 40]),
        payload(["x", "<f8", "00"]),
        payload(["x", "|O", "00" * 8]),
        payload(["F", "l", 2], b"\0" * 8),
        payload(["F", "s", 1], b"\0" * 8),
        payload(["o", "a", 5]),
        payload({"n": 1}),
        payload(["l", [["l", [["l", [["n"]]]]]]]).replace(b'["n"]', b'["n"] ')[:-1] + b"}",
    ],
)
def test_malformed_payloads_raise_wire_error(data):
    with pytest.raises(WireError):
        decode(data)


def test_decoder_depth_limit():
    tree: list = ["n"]
    for _ in range(wire.MAX_DEPTH + 1):
        tree = ["l", [tree]]
    with pytest.raises(WireError, match="nested"):
        decode(payload(tree))


def test_json_nan_literals_are_rejected():
    with pytest.raises(WireError):
        decode(payload(["l", []]).replace(b"[]", b"[NaN]"))


# ---------------------------------------------------------------------------- frames


def test_send_recv_over_a_pipe_and_a_file():
    r, w = os.pipe()
    try:
        value = {"p": np.arange(4.0), "n": 3}
        wire.send(w, value)
        got = wire.recv(r, max_bytes=1 << 20)
        assert same(got, value)
        os.close(w)
        with pytest.raises(WireClosed):
            wire.recv(r)
    finally:
        os.close(r)
    f = io.BytesIO()
    wire.send(f, [1.5, "x"])
    wire.send(f, None)
    f.seek(0)
    assert wire.recv(f) == [1.5, "x"] and wire.recv(f) is None
    with pytest.raises(WireClosed):
        wire.recv(f)


def test_recv_enforces_max_bytes_and_timeout():
    f = io.BytesIO()
    wire.send(f, np.zeros(1000))
    f.seek(0)
    with pytest.raises(WireError, match="outside the allowed size"):
        wire.recv(f, max_bytes=1000)
    r, w = os.pipe()
    try:
        with pytest.raises(wire.WireTimeout):
            wire.recv(r, timeout=0.05)
    finally:
        os.close(r)
        os.close(w)


def test_truncated_frame_is_closed_not_garbage():
    f = io.BytesIO()
    wire.send(f, np.zeros(100))
    f = io.BytesIO(f.getvalue()[:-5])
    with pytest.raises(WireClosed):
        wire.recv(f)


# ---------------------------------------------------------------------------- hostile payloads
# Each of these once came out of the decoder as something other than a WireError, or made it
# allocate far more than the payload's size.


@pytest.mark.parametrize(
    "data",
    [
        payload(["i", "9" * 4301]),  # int() itself refuses more than 4300 digits
        payload(["i", "-" + "9" * 4301]),
        payload(["a", "<f8", [0, 2**62]]),  # zero elements, but numpy cannot make the shape
        payload(["a", "<f8", [0, 10**30]]),
        payload(["a", "<f8", [0] + [2**20] * 5]),
        payload(["a", "<f8", [True]], b"\0" * 8),
        payload(["a", ["<f8"], [1]], b"\0" * 8),
        payload(["a", "<f8" * 10**4, [1]], b"\0" * 8),
        payload(["x", "<U1", "00000000"]),
        payload(["s", "lone \ud800 surrogate"]),
        payload(["d", [["\udfff", ["n"]]]]),
        payload(["o", "mod.T\ud800", "x"]),
        wire.MAGIC + struct.pack("<I", 8) + b'["s","\xff"]'[:8],  # not ASCII (bad UTF-8)
        wire.MAGIC + struct.pack("<I", 24) + '["s","é"]'.encode("utf-8").ljust(24),
        payload(["F", "l", 10**12]),  # a count far beyond the body
        payload(["F", "l", wire.MAX_ITEMS + 1], b"\0" * 8 * (wire.MAX_ITEMS + 1)),
        payload(["I", "t", -1]),
        payload(["F", "l", True]),
    ],
    ids=["int-4301", "int-neg-4301", "empty-2^62", "empty-10^30", "empty-2^100", "bool-dim",
         "dtype-list", "dtype-long", "dtype-U", "surrogate", "surrogate-key", "surrogate-opaque",
         "bad-utf8", "non-ascii", "packed-huge", "packed-over-budget", "packed-negative",
         "packed-bool"],
)
def test_hostile_payloads_raise_wire_error_only(data):
    with pytest.raises(WireError):
        decode(data)


def test_packed_items_share_one_budget_per_payload():
    """A payload of many packed lists builds at most MAX_ITEMS Python objects in all: forged
    counts cannot multiply memory (each list of 10^6 floats costs about 32 MB as objects)."""
    n = wire.MAX_ITEMS // 4
    nodes = [["F", "l", n] for _ in range(5)]
    body = b"".join(b"\0" * (8 * n) for _ in nodes)
    with pytest.raises(WireError, match="parts"):
        decode(payload(["l", nodes], body))
    assert len(decode(payload(["l", nodes[:3]], body[: 3 * 8 * n]))) == 3


def test_text_with_a_lone_surrogate_is_refused_by_the_encoder():
    with pytest.raises(WireError, match="surrogate"):
        encode("lone \ud800 surrogate")
    opaque = wire.opaque(type("Lying", (), {"__repr__": lambda self: "\udcff" * 300})())
    assert decode(encode(opaque)) == opaque and len(opaque.repr) <= wire.REPR_CHARS
    assert "\\udcff" in opaque.repr


def _valid_payloads() -> list[bytes]:
    values = [None, 1.5, -3, "text", [1.0] * 9, list(range(9)), (1, "a"), {"k": [None, True]},
              np.arange(6.0).reshape(2, 3), np.float32(2.5), 1 - 2j, Opaque("m.T", "x")]
    return [encode(v) for v in values] + [encode(values)]


def _check_decoder(data: bytes) -> None:
    import tracemalloc

    tracemalloc.start()
    try:
        try:
            decode(bytearray(data))
        except WireError:
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the decoder may hold the payload's arrays (views, no copies) and about 100 bytes of
    # Python objects per header byte; a forged count or shape must not cost more
    assert peak < 64 * 2**20 + 200 * len(data), f"decoding {len(data)} bytes peaked at {peak}"


def test_decoder_fuzz_raises_only_wire_error_with_bounded_memory():
    """Mutations of valid payloads (bytes flipped, cut, spliced) and random header trees."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = _valid_payloads()

    @st.composite
    def mutated(draw):
        data = bytearray(draw(st.sampled_from(seeds)))
        for _ in range(draw(st.integers(1, 8))):
            action = draw(st.sampled_from(["flip", "cut", "insert", "digit"]))
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            if action == "flip" and data:
                data[at] = draw(st.integers(0, 255))
            elif action == "cut":
                del data[at: at + draw(st.integers(1, 16))]
            elif action == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=16))
            elif data:  # a digit where a count or size was: forged sizes and counts
                data[at:at] = draw(st.sampled_from([b"9", b"99999999999", b"-1", b"0,"]))
        return bytes(data)

    leaf = st.one_of(
        st.none(), st.booleans(), st.integers(-2**70, 2**70), st.text(max_size=8),
        st.sampled_from(["n", "b", "i", "f", "c", "s", "l", "t", "d", "a", "x", "F", "I", "o",
                         "<f8", "|u1", "<c16", "|O", "\ud800", "9" * 4301]),
    )
    trees = st.recursive(leaf, lambda inner: st.lists(inner, max_size=4), max_leaves=12)

    @settings(max_examples=400, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(mutated(), trees.map(payload),
                     st.tuples(trees, st.binary(max_size=64)).map(lambda t: payload(*t))))
    def fuzz(data):
        _check_decoder(data)

    fuzz()

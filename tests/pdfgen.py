"""A tiny, pure-Python PDF writer for test fixtures (no third-party libraries).

It writes PDFs that use the 14 standard fonts (Helvetica, Helvetica-Bold,
Helvetica-Oblique, Times-Roman, ...) with text strings placed at ``(x, y)`` in PDF
user space (origin at the *bottom*-left corner of the page, y upwards), filled
rectangles, and optionally RC4 40-bit encryption (standard security handler,
revision 2) so that encrypted-file tests need no binary fixtures.

Every font gets an explicit ``/Widths`` array (see :func:`glyph_width`), but
pdfminer measures the standard fonts with their built-in AFM metrics, so
:func:`text_width` is only an estimate; to put a run (a superscript "th") exactly
after another, draw both in one :class:`Spans` item.

Every font also gets an ``/Encoding`` with ``/Differences`` that maps bytes 1..5 to
the glyphs ``/fi /fl /ff /ffi /ffl``; the characters U+FB01..U+FB04 and U+FB00 in a
string are written as those bytes, so pdfminer reports the ligature code points
(the standard fonts' metrics only know ``fi`` and ``fl``; the others get width 0).
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

A4 = (595.28, 841.89)

STANDARD_FONTS = (
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Symbol",
    "ZapfDingbats",
)

#: byte -> glyph name in every font's /Differences, and the character written as it.
LIGATURES: dict[str, tuple[int, str]] = {
    "\ufb01": (1, "fi"),
    "\ufb02": (2, "fl"),
    "\ufb00": (3, "ff"),
    "\ufb03": (4, "ffi"),
    "\ufb04": (5, "ffl"),
}


@dataclass(frozen=True, slots=True)
class Text:
    """A string drawn with its baseline starting at ``(x, y)``."""

    x: float
    y: float
    text: str
    size: float = 11.0
    font: str = "Helvetica"
    #: Draw the string a second time shifted right by this much (fake bold); 0 = off.
    fake_bold: float = 0.0
    #: Draw it turned a quarter to the left (reading upwards): not upright.
    turned: bool = False


@dataclass(frozen=True, slots=True)
class Rect:
    """A filled rectangle with its lower-left corner at ``(x, y)``."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Span:
    """One run of a :class:`Spans` item; ``rise`` raises it above the baseline (Ts)."""

    text: str
    size: float = 11.0
    font: str = "Helvetica"
    rise: float = 0.0


@dataclass(frozen=True, slots=True)
class Spans:
    """Runs drawn one after the other in ONE text object starting at ``(x, y)``.

    The reader advances the text position with its own font metrics, so a raised
    small run (a superscript "th") lands exactly after the run before it.
    """

    x: float
    y: float
    spans: tuple[Span, ...]


Item = Text | Rect | Spans


@dataclass(slots=True)
class Page:
    items: list[Item] = field(default_factory=list)
    width: float = A4[0]
    height: float = A4[1]
    #: Spaces added to the content stream, which is then Flate-compressed: with a
    #: few hundred MB, a "decompression bomb" of a few hundred KB.
    padding: int = 0
    #: The page's ``/Rotate`` (0, 90, 180 or 270): how a viewer turns it.
    rotate: int = 0

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 11.0,
        font: str = "Helvetica",
        fake_bold: float = 0.0,
        turned: bool = False,
    ) -> Text:
        """Add a string; return it (``x + text_width(...)`` is where it ends)."""
        item = Text(x, y, text, size, font, fake_bold, turned)
        self.items.append(item)
        return item

    def text_top(
        self, x: float, top: float, text: str, size: float = 11.0, font: str = "Helvetica"
    ) -> Text:
        """Like :meth:`text` with the baseline given as a distance from the page top."""
        return self.text(x, self.height - top, text, size, font)

    def spans(self, x: float, y: float, *spans: Span) -> Spans:
        item = Spans(x, y, tuple(spans))
        self.items.append(item)
        return item

    def rect(self, x: float, y: float, width: float, height: float) -> Rect:
        item = Rect(x, y, width, height)
        self.items.append(item)
        return item


def glyph_width(ch: str) -> int:
    """Advance width of a character in 1/1000 em (the same for every font)."""
    if ch == " ":
        return 278
    if ch in "il.,;:!'|()[]-/\u00ad":
        return 278
    if ch in "mwMW":
        return 833
    if ch in LIGATURES:
        return 556 * len(LIGATURES[ch][1])
    if ch.isupper():
        return 667
    return 556


def text_width(text: str, size: float) -> float:
    return sum(glyph_width(ch) for ch in text) * size / 1000.0


def _encode(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        if ch in LIGATURES:
            out.append(LIGATURES[ch][0])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def _pdf_string(data: bytes) -> bytes:
    out = bytearray(b"(")
    for b in data:
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif 32 <= b < 127:
            out.append(b)
        else:
            out += b"\\%03o" % b
    out += b")"
    return bytes(out)


def _num(v: float) -> bytes:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return (s if s not in ("", "-0") else "0").encode()


def _widths_array() -> bytes:
    widths: list[int] = []
    for code in range(256):
        ch = _decode_byte(code)
        widths.append(glyph_width(ch) if ch else 556)
    return b"[" + b" ".join(str(w).encode() for w in widths) + b"]"


def _decode_byte(code: int) -> str:
    for ch, (b, _name) in LIGATURES.items():
        if b == code:
            return ch
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


# --- RC4 40-bit encryption (PDF standard security handler, V1 / R2) ------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


@dataclass(frozen=True, slots=True)
class _Security:
    key: bytes
    o_entry: bytes
    u_entry: bytes
    permissions: int
    file_id: bytes

    @classmethod
    def make(cls, user: str, owner: str, file_id: bytes) -> _Security:
        permissions = -4  # all permissions
        owner_key = hashlib.md5(_padded(owner or user)).digest()[:5]
        o_entry = _rc4(owner_key, _padded(user))
        digest = hashlib.md5(
            _padded(user) + o_entry + struct.pack("<i", permissions) + file_id
        ).digest()
        key = digest[:5]
        return cls(key, o_entry, _rc4(key, _PAD), permissions, file_id)

    def encrypt(self, objnum: int, data: bytes) -> bytes:
        obj_key = hashlib.md5(self.key + struct.pack("<i", objnum)[:3] + b"\0\0").digest()
        return _rc4(obj_key[: len(self.key) + 5], data)


# --- writer ------------------------------------------------------------------------


def _content(page: Page, font_ids: dict[str, int]) -> bytes:
    ops: list[bytes] = []
    for item in page.items:
        if isinstance(item, Rect):
            ops.append(
                b"%s %s %s %s re f"
                % (_num(item.x), _num(item.y), _num(item.width), _num(item.height))
            )
            continue
        if isinstance(item, Spans):
            parts = [b"BT 1 0 0 1 %s %s Tm" % (_num(item.x), _num(item.y))]
            for span in item.spans:
                parts.append(
                    b"/F%d %s Tf %s Ts %s Tj"
                    % (
                        font_ids[span.font],
                        _num(span.size),
                        _num(span.rise),
                        _pdf_string(_encode(span.text)),
                    )
                )
            ops.append(b" ".join(parts) + b" ET")
            continue
        shifts = [0.0] + ([item.fake_bold] if item.fake_bold else [])
        matrix = b"0 1 -1 0" if item.turned else b"1 0 0 1"
        for dx in shifts:
            ops.append(
                b"BT /F%d %s Tf %s %s %s Tm %s Tj ET"
                % (
                    font_ids[item.font],
                    _num(item.size),
                    matrix,
                    _num(item.x + dx),
                    _num(item.y),
                    _pdf_string(_encode(item.text)),
                )
            )
    return b"\n".join(ops) + b"\n"


def build_pdf(
    pages: Sequence[Page],
    *,
    user_password: str | None = None,
    owner_password: str = "owner",
) -> bytes:
    """Return the bytes of a PDF with ``pages``.

    With ``user_password`` set (``""`` included) the file is RC4-encrypted; an empty
    user password means anyone can open it without typing a password.
    """
    used: set[str] = set()
    for page in pages:
        for it in page.items:
            if isinstance(it, Text):
                used.add(it.font)
            elif isinstance(it, Spans):
                used.update(span.font for span in it.spans)
    fonts = sorted(used) or ["Helvetica"]
    for name in fonts:
        if name not in STANDARD_FONTS:
            raise ValueError(f"not a standard font: {name}")

    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    encoding = add(
        b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [ "
        + b" ".join(b"%d /%s" % (b, n.encode()) for b, n in LIGATURES.values())
        + b" ] >>"
    )
    widths = add(_widths_array())
    font_ids: dict[str, int] = {}
    font_objs: list[int] = []
    for i, name in enumerate(fonts, start=1):
        font_ids[name] = i
        font_objs.append(
            add(
                b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /FirstChar 0 /LastChar 255"
                b" /Widths %d 0 R /Encoding %d 0 R >>" % (name.encode(), widths, encoding)
            )
        )
    font_dict = (
        b"<< "
        + b" ".join(
            b"/F%d %d 0 R" % (font_ids[n], o) for n, o in zip(fonts, font_objs, strict=True)
        )
        + b" >>"
    )
    streams: dict[int, bytes] = {}
    compressed: set[int] = set()
    kids: list[int] = []
    for page in pages:
        data = _content(page, font_ids)
        content = add(b"")
        if page.padding:
            data = _deflate(data, page.padding)
            compressed.add(content)
        streams[content] = data
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Rotate %d"
                b" /Resources << /Font %s >> /Contents %d 0 R >>"
                % (pages_obj, _num(page.width), _num(page.height), page.rotate, font_dict, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )

    file_id = hashlib.md5(b"".join(objects) + repr(len(pages)).encode()).digest()
    security = (
        _Security.make(user_password, owner_password, file_id)
        if user_password is not None
        else None
    )
    encrypt_obj = 0
    if security is not None:
        encrypt_obj = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
            % (
                security.o_entry.hex().encode(),
                security.u_entry.hex().encode(),
                security.permissions,
            )
        )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num
        if num in streams:
            data = streams[num]
            if security is not None:
                data = security.encrypt(num, data)
            flate = b" /Filter /FlateDecode" if num in compressed else b""
            out += b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream"
        else:
            out += body
        out += b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R /ID [<%s> <%s>]" % (
        len(objects) + 1,
        catalog,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    if encrypt_obj:
        trailer += b" /Encrypt %d 0 R" % encrypt_obj
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _deflate(data: bytes, padding: int) -> bytes:
    """``data`` and ``padding`` spaces, Flate-compressed (a megabyte at a time)."""
    deflate = zlib.compressobj(6)
    chunks = [deflate.compress(data)]
    block = b" " * (1 << 20)
    for start in range(0, padding, len(block)):
        chunks.append(deflate.compress(block[: padding - start]))
    chunks.append(deflate.flush())
    return b"".join(chunks)


def write_pdf(
    path: Path,
    pages: Iterable[Page],
    *,
    user_password: str | None = None,
    owner_password: str = "owner",
) -> Path:
    """Write :func:`build_pdf` output to ``path`` and return ``path``."""
    path.write_bytes(
        build_pdf(list(pages), user_password=user_password, owner_password=owner_password)
    )
    return path

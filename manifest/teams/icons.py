#!/usr/bin/env python3
"""Draws the Teams app icons as PNGs with the standard library only.

color.png: 192x192, the accent colour with a white speech bubble holding three bars.
outline.png: 32x32, the same bubble in white lines on a transparent background.
"""
import struct
import sys
import zlib
from pathlib import Path

ACCENT = (0x4F, 0x46, 0xE5, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(width, height, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def bubble(x, y, size, line):
    """True where the bubble outline (line > 0) or its filled body (line == 0) is, in a size x size box."""
    s = size / 32
    left, top, right, bottom = 5 * s, 6 * s, 27 * s, 22 * s
    inside = left <= x < right and top <= y < bottom
    tail = bottom <= y < bottom + 5 * s and left + 4 * s <= x < left + 4 * s + (bottom + 5 * s - y)
    if line == 0:
        return inside or tail
    inner = left + line <= x < right - line and top + line <= y < bottom - line
    return (inside and not inner) or tail


def bars(x, y, size):
    s = size / 32
    for i, length in enumerate((14, 10, 12)):
        top = (9.5 + i * 3.5) * s
        if top <= y < top + 2 * s and 9 * s <= x < (9 + length) * s:
            return True
    return False


def color(x, y):
    # The bubble and bars sit in the middle two thirds, as Teams asks of colour icons.
    inner = 192 * 2 // 3
    offset = (192 - inner) // 2
    ix, iy = x - offset, y - offset
    if 0 <= ix < inner and 0 <= iy < inner and bubble(ix, iy, inner, 0):
        return ACCENT if bars(ix, iy, inner) else WHITE
    return ACCENT


def outline(x, y):
    return WHITE if bubble(x, y, 32, 2) or bars(x, y, 32) else CLEAR


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    (folder / "color.png").write_bytes(png(192, 192, color))
    (folder / "outline.png").write_bytes(png(32, 32, outline))

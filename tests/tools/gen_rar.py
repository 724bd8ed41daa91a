#!/usr/bin/env python3
"""gen_rar.py - minimal RAR 4.x archives (method "store"), written per the
RAR 4 technical note (no free tool writes RAR), for the archive reader's
tests (tests/t-archives.sh). Run once; its outputs are committed in
tests/data/rar/:

  gen_rar.py OUTDIR

writes OUTDIR/cpr.rar (note.txt holding a synthetic CPR number, vector
dk-006 of tests/data/vectors.tsv, and readme.txt without one) and
OUTDIR/clean.rar (the same two files, no number): rar_fixtures.py, shared
with gen_rar5.py.

Layout of each block: HEAD_CRC (low 16 bits of the CRC-32 of the rest of
the header), HEAD_TYPE, HEAD_FLAGS, HEAD_SIZE, then the type's fields:
  marker 0x72 (the fixed "Rar!\\x1a\\x07\\x00"), archive header 0x73,
  one file header 0x74 per file (PACK_SIZE, UNP_SIZE, HOST_OS, FILE_CRC,
  FTIME, UNP_VER, METHOD 0x30 = store, NAME_SIZE, ATTR, name) followed by
  the file's bytes, and the end-of-archive block 0x7b.
Deterministic: fixed times, same bytes on every run. Python 3 stdlib only.
"""
import struct
import zlib

import rar_fixtures

DOS_TIME = (2026 - 1980) << 25 | 6 << 21 | 1 << 16 | 12 << 11  # 2026-06-01 12:00


def block(head_type, flags, fields):
    """A header block: CRC-16 over type..end, size includes the CRC."""
    body = struct.pack("<BHH", head_type, flags, 2 + 1 + 2 + 2 + len(fields)) + fields
    return struct.pack("<H", zlib.crc32(body) & 0xFFFF) + body


def file_block(name, data):
    raw = name.encode("ascii")
    fields = struct.pack("<IIBIIBBHI", len(data), len(data), 0, zlib.crc32(data),
                         DOS_TIME, 20, 0x30, len(raw), 0x20) + raw
    # 0x8000: LONG_BLOCK (data follows the header), always set on file blocks
    return block(0x74, 0x8000, fields) + data


def archive(files):
    out = b"Rar!\x1a\x07\x00"
    out += block(0x73, 0, struct.pack("<HI", 0, 0))
    for name, data in files:
        out += file_block(name, data)
    out += block(0x7B, 0x4000, b"")
    return out


def main():
    rar_fixtures.write_all("gen_rar.py", archive, "")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""gen_rar5.py - minimal RAR 5.0 archives (compression method 0, stored),
written per the published RAR 5.0 archive format (rarlab's technote; no
free tool writes RAR), for the archive reader's tests (tests/t-archives.sh).
Run once; its outputs are committed in tests/data/rar/:

  gen_rar5.py OUTDIR

writes OUTDIR/cpr5.rar (note.txt holding a synthetic CPR number, vector
dk-006 of tests/data/vectors.tsv, and readme.txt without one),
OUTDIR/clean5.rar (the same two files, no number; rar_fixtures.py, shared
with gen_rar.py) and OUTDIR/bad5.rar (cpr5.rar with one byte of
note.txt's header changed, so its header CRC no longer matches: a damaged
archive).

Layout: the signature "Rar!\\x1a\\x07\\x01\\x00", then blocks. Each block is
  HEADER_CRC32 (uint32, CRC-32 of the header from HEADER_SIZE to its end),
  HEADER_SIZE (vint, bytes from HEADER_TYPE to the end of the header),
  HEADER_TYPE (vint), HEADER_FLAGS (vint; 0x0002: a data area follows and
  DATA_SIZE is present), [DATA_SIZE (vint)], the type's fields, then the
  data area. Types used: 1 main archive header (ARCHIVE_FLAGS 0), 2 file
  header (FILE_FLAGS 0x0004 = DATA_CRC32 present, UNPACKED_SIZE,
  ATTRIBUTES, DATA_CRC32, COMPRESSION_INFO 0 = version 0, method 0 store,
  HOST_OS 1 = Unix, NAME_LENGTH, NAME in UTF-8), 5 end of archive. A vint
  is 7 bits a byte, least significant first, the high bit saying more
  follows.
Deterministic: no times, same bytes on every run. Python 3 stdlib only.
"""
import os
import struct
import zlib

import rar_fixtures

SIGNATURE = b"Rar!\x1a\x07\x01\x00"


def vint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def block(head_type, flags, fields, data=b""):
    """One block: CRC-32 and size over type..end of header; data after it."""
    if data:
        flags |= 0x0002
    body = vint(head_type) + vint(flags)
    if data:
        body += vint(len(data))
    body += fields
    header = vint(len(body)) + body
    return struct.pack("<I", zlib.crc32(header)) + header + data


def file_block(name, data):
    raw = name.encode("utf-8")
    fields = (vint(0x0004) + vint(len(data)) + vint(0o100644) +
              struct.pack("<I", zlib.crc32(data)) + vint(0) + vint(1) +
              vint(len(raw)) + raw)
    return block(2, 0, fields, data)


def archive(files):
    out = SIGNATURE + block(1, 0, vint(0))
    for name, data in files:
        out += file_block(name, data)
    return out + block(5, 0, vint(0))


def main():
    outdir = rar_fixtures.write_all("gen_rar5.py", archive, "5")
    # damaged: the last byte of note.txt's name ("t" -> "x"), CRC unchanged
    good = bytearray(archive(rar_fixtures.members(rar_fixtures.NOTES["cpr"])))
    at = good.index(b"note.txt") + len("note.tx")
    good[at] = ord("x")
    with open(os.path.join(outdir, "bad5.rar"), "wb") as f:
        f.write(bytes(good))


if __name__ == "__main__":
    main()

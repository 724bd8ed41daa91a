#!/usr/bin/python3
"""A minimal Compound File ([MS-CFB] version 3, 512-byte sectors) with the
two streams of a password-protected OOXML document ([MS-OFFCRYPTO] 2.3.4.1:
"EncryptionInfo" and "EncryptedPackage"). LibreOffice 7.4 does not write
encrypted OOXML from the command line, so the container is built here by the
specification; the stream contents are filler (sealmilter only looks at the
names). Usage: make-cfb.py OUT"""
import struct, sys

SECT = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
streams = [("EncryptionInfo", bytes([4, 0, 4, 0, 0x40, 0, 0, 0]) + b"<encryption/>".ljust(4088, b"\0")),
           ("EncryptedPackage", struct.pack("<Q", 4096) + bytes((i * 131 + 7) & 0xFF for i in range(4088)))]
fat = [FATSECT, END]
starts = []
for _, data in streams:
    n = len(data) // SECT
    first = len(fat)
    starts.append(first)
    fat += [first + i + 1 for i in range(n - 1)] + [END]
fat += [FREE] * (SECT // 4 - len(fat))

def dirent(name, typ, child=NOSTREAM, right=NOSTREAM, start=END, size=0):
    n = (name + "\0").encode("utf-16-le") if name else b""
    e = n.ljust(64, b"\0") + struct.pack("<HBB", len(n), typ, 1)
    e += struct.pack("<III", NOSTREAM, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
    e += struct.pack("<IQ", start, size)
    assert len(e) == 128
    return e

d = dirent("Root Entry", 5, child=1)
d += dirent(streams[0][0], 2, right=2, start=starts[0], size=len(streams[0][1]))
d += dirent(streams[1][0], 2, start=starts[1], size=len(streams[1][1]))
d += dirent("", 0)
hdr = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
hdr += b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
hdr += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
assert len(hdr) == SECT
out = hdr + b"".join(struct.pack("<I", v) for v in fat) + d
for _, data in streams:
    out += data
open(sys.argv[1], "wb").write(out)

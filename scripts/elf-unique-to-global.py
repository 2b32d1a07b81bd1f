#!/usr/bin/env python3
"""Turns the STB_GNU_UNIQUE dynamic symbols of an ELF64 little-endian shared library into
ordinary STB_GLOBAL ones, in place, and prints how many.

glibc binds a "unique" symbol (g++ emits them for static locals of inline functions and
template static members) to ONE definition for the whole process, whatever the lookup scope:
RTLD_LOCAL and RTLD_DEEPBIND do not keep it apart. Two different builds of Arrow C++ in one
process would then share such objects. scripts/private-arrow.sh applies this to the kernel's
private Arrow copies, so they keep their own (docs/dependencies.md).

Usage: elf-unique-to-global.py LIBRARY
"""

from __future__ import annotations

import struct
import sys

SHT_DYNSYM = 11
STB_GLOBAL = 1
STB_GNU_UNIQUE = 10
SYM_SIZE = 24  # Elf64_Sym


def main(path: str) -> int:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            sys.exit(f"{path}: not an ELF64 little-endian file")
        (shoff,) = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        changed = 0
        for i in range(shnum):
            sh = shoff + i * shentsize
            (sh_type,) = struct.unpack_from("<I", data, sh + 4)
            if sh_type != SHT_DYNSYM:
                continue
            offset, size = struct.unpack_from("<QQ", data, sh + 24)
            for sym in range(offset, offset + size, SYM_SIZE):
                info = data[sym + 4]
                if info >> 4 == STB_GNU_UNIQUE:
                    data[sym + 4] = (STB_GLOBAL << 4) | (info & 0xF)
                    changed += 1
        if changed:
            f.seek(0)
            f.write(data)
    print(f"{path}: {changed} unique symbols made global")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))

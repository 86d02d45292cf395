# browser-png.py SCREENSHOT LOG: check a headless Chromium screenshot of a
# report against the console lines of browser-check.html in LOG.
#
# Fails (exit 1, the reason on stderr) when the console has a line that is
# not ours (a page error), when an image did not load or the check did not
# run, when the screenshot is one colour (a blank page), or when the place
# of a chart on the screenshot holds no ink and fewer than 3 colours.
# The PNG is decoded here with zlib alone: no imaging library needed.
import re
import struct
import sys
import zlib


def fail(msg):
    sys.stderr.write("browser-png: " + msg + "\n")
    sys.exit(1)


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(path + ": not a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, inter = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or inter != 0:
                fail(path + ": a PNG kind this check does not read")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        line = unfilter(raw[i], bytearray(raw[i + 1:i + 1 + stride]), prev,
                        bpp)
        i += 1 + stride
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def unfilter(f, line, prev, bpp):
    """One row of PNG scanline filtering undone (RFC 2083 §6)."""
    n = len(line)
    if f == 0:
        return line
    if f == 2:
        # Up, the common one: bytewise sums without carries, a row at once.
        lo = int.from_bytes(b"\x7f" * n, "big")
        hi = int.from_bytes(b"\x80" * n, "big")
        x, y = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
        return bytearray((((x & lo) + (y & lo)) ^ ((x ^ y) & hi))
                         .to_bytes(n, "big"))
    for x in range(n):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[x] = (line[x] + pr) & 255
        else:
            fail("bad PNG filter %d" % f)
    return line


def main():
    shot, log = sys.argv[1], sys.argv[2]
    lines = [m.group(1) for m in
             re.finditer(r':CONSOLE[^\]]*\] "(.*)", source:', open(log).read())]
    foreign = [l for l in lines if not l.startswith("cm-test: ")]
    if foreign:
        fail("console: " + foreign[0])
    missing = [l for l in lines if l.startswith("cm-test: missing image ")]
    if missing:
        fail(missing[0][len("cm-test: "):])
    if not any(re.match(r"cm-test: \d+ images, 0 missing$", l) for l in lines):
        fail("the page check did not run")
    w, h, bpp, rows = decode(shot)
    colours = set()
    for y in range(0, h, 7):
        r = rows[y]
        for x in range(0, w * bpp, bpp * 5):
            colours.add(r[x:x + 3])
    if len(colours) < 2:
        fail(shot + ": one colour: a blank page")
    for l in lines:
        m = re.match(r"cm-test: image (\S+) (\d+) (\d+) (\d+) (\d+)$", l)
        if not m:
            continue
        name = m.group(1)
        x0, y0, iw, ih = (int(v) for v in m.group(2, 3, 4, 5))
        if y0 >= h:
            continue
        ink, seen = 0, set()
        for y in range(y0, min(y0 + ih, h), 3):
            r = rows[y]
            for x in range(x0, min(x0 + iw, w), 3):
                px = r[x * bpp:x * bpp + 3]
                seen.add(px)
                if px != b"\xff\xff\xff":
                    ink += 1
        if ink < 50 or len(seen) < 3:
            fail("%s: nothing drawn where the chart stands (%d,%d)" %
                 (name, x0, y0))
    print("browser-png: %d colours, %d charts looked at" %
          (len(colours), sum(1 for l in lines if l.startswith("cm-test: image "))))


main()

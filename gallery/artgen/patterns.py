"""Pattern painters: Bauhaus tiles, stained glass, isometric blocks, Memphis confetti, contours."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from gallery.artgen.kit import (
    curve,
    downsample,
    fractal,
    glow,
    gradient_map,
    grain,
    mix,
    ramp,
    rgb,
    vignette,
)

S = 2


def _paper(img: Image.Image, rng: random.Random, depth: float = 0.08) -> Image.Image:
    """A faint, blotchy paper texture multiplied in: flat colour looks printed, not rendered."""
    tex = fractal(rng, img.size, cells=24, octaves=3, gain=0.6)
    tex = curve(tex, lambda t: 1 - depth * t)
    return ImageChops.multiply(img, Image.merge("RGB", [tex] * 3))


def bauhaus(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    cols, rows = 4, 5
    cw, ch = w * S // cols, h * S // rows
    colors = ["#e4572e", "#1d3f8f", "#f3b61f", "#1b1b1b", "#2a9d8f", "#f2e8d5"]
    img = Image.new("RGB", (w * S, h * S), "#f2e8d5")
    for r in range(rows):
        for c in range(cols):
            # Each tile is drawn on its own canvas, so shapes are clipped to their cell.
            bg, fg, ac = rng.sample(colors, 3)
            tile = Image.new("RGB", (cw, ch), bg)
            draw = ImageDraw.Draw(tile)
            x0, y0, x1, y1 = 0, 0, cw, ch
            kind = rng.randrange(7)
            if kind == 0:  # quarter circle from a corner
                cx, cy = rng.choice([(x0, y0), (x1, y0), (x0, y1), (x1, y1)])
                draw.ellipse((cx - cw, cy - cw, cx + cw, cy + cw), fill=fg)
            elif kind == 1:  # half circle on an edge
                if rng.random() < 0.5:
                    draw.ellipse((x0, y1 - cw / 2, x1, y1 + cw / 2), fill=fg)
                else:
                    draw.ellipse(
                        (x0 - cw / 2, y0 + (ch - cw) / 2, x0 + cw / 2, y0 + (ch + cw) / 2), fill=fg
                    )
            elif kind == 2:  # circle with a dot
                m = cw * 0.14
                draw.ellipse(
                    (x0 + m, y0 + (ch - cw) / 2 + m, x1 - m, y0 + (ch + cw) / 2 - m), fill=fg
                )
                draw.ellipse(
                    (x0 + cw * 0.38, ch / 2 - cw * 0.12, x1 - cw * 0.38, ch / 2 + cw * 0.12),
                    fill=ac,
                )
            elif kind == 3:  # triangle
                corners: list[list[tuple[float, float]]] = [
                    [(x0, y1), (x1, y1), (x0, y0)],
                    [(x0, y0), (x1, y0), (x1, y1)],
                    [(x0, y1), (x1, y1), ((x0 + x1) / 2, y0)],
                ]
                draw.polygon(rng.choice(corners), fill=fg)
            elif kind == 4:  # stripes
                n = 5
                for i in range(0, n, 2):
                    draw.rectangle((x0, y0 + i * ch / n, x1, y0 + (i + 1) * ch / n), fill=fg)
            elif kind == 5:  # nested squares
                for i, col in enumerate((fg, ac, bg)):
                    m = cw * (0.12 + i * 0.14)
                    draw.rectangle(
                        (x0 + m, y0 + m + (ch - cw) / 2, x1 - m, y1 - m - (ch - cw) / 2), fill=col
                    )
            else:  # two quarter circles, a leaf
                draw.pieslice((x0, y0, x0 + 2 * cw, y0 + 2 * ch), 180, 270, fill=fg)
                draw.pieslice((x1 - 2 * cw, y1 - 2 * ch, x1, y1), 0, 90, fill=ac)
            img.paste(tile, (c * cw, r * ch))
    img = downsample(img, size)
    return grain(_paper(img, rng, 0.06), rng, 8)


def _voronoi_cells(
    seeds: list[tuple[float, float]], w: float, h: float
) -> list[list[tuple[float, float]]]:
    """Each seed's Voronoi cell, by clipping the canvas with every nearby bisector (no numpy)."""
    cells = []
    for i, (px, py) in enumerate(seeds):
        poly = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
        near = sorted(
            (j for j in range(len(seeds)) if j != i),
            key=lambda j: (seeds[j][0] - px) ** 2 + (seeds[j][1] - py) ** 2,
        )[:24]
        for j in near:
            qx, qy = seeds[j]
            mx, my, nx, ny = (px + qx) / 2, (py + qy) / 2, qx - px, qy - py
            out = []
            for k in range(len(poly)):
                a, b = poly[k], poly[(k + 1) % len(poly)]
                da = (a[0] - mx) * nx + (a[1] - my) * ny
                db = (b[0] - mx) * nx + (b[1] - my) * ny
                if da <= 0:
                    out.append(a)
                if (da <= 0) != (db <= 0):
                    t = da / (da - db)
                    out.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
            poly = out
            if len(poly) < 3:
                break
        cells.append(poly)
    return cells


def stained_glass(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    cx, cy = w / 2, h * 0.42
    seeds = []
    # Rings of seeds around a centre (a rose window), then jittered filler outside.
    for ring, count in ((0, 1), (1, 8), (2, 16), (3, 24), (4, 32)):
        rad = ring * w * 0.085
        for k in range(count):
            a = k / count * math.tau + ring * 0.2
            seeds.append((cx + math.cos(a) * rad, cy + math.sin(a) * rad))
    step = w / 9
    y = step / 2
    while y < h:
        x = step / 2
        while x < w:
            jx, jy = x + rng.uniform(-0.35, 0.35) * step, y + rng.uniform(-0.35, 0.35) * step
            if math.hypot(jx - cx, jy - cy) > w * 0.4:
                seeds.append((jx, jy))
            x += step
        y += step
    palette = [
        (0, "#0b3c8c"),
        (0.25, "#1f7a8c"),
        (0.45, "#e7b325"),
        (0.6, "#d2462b"),
        (0.8, "#7b2d8e"),
        (1, "#0b3c8c"),
    ]
    glass = Image.new("RGB", (w * S, h * S), "#111")
    draw = ImageDraw.Draw(glass)
    cells = _voronoi_cells(seeds, w, h)
    for (sx, sy), poly in zip(seeds, cells, strict=True):
        dist = math.hypot(sx - cx, sy - cy) / (w * 0.45)
        angle = (math.atan2(sy - cy, sx - cx) / math.tau) % 1.0
        t = (angle * 2 + dist * 0.6 + rng.uniform(-0.06, 0.06)) % 1.0
        color = ramp(palette, t)
        if dist < 0.12:
            color = rgb("#f7d774")
        color = mix(color, "#ffffff", rng.uniform(0, 0.1))
        draw.polygon([(x * S, y * S) for x, y in poly], fill=color)
    glass = downsample(glass, size)
    # Hand-made glass is uneven: mottle it, then backlight it from the centre.
    mottle = curve(fractal(rng, size, cells=40, octaves=3), lambda t: 0.8 + 0.3 * t)
    glass = ImageChops.multiply(glass, Image.merge("RGB", [mottle] * 3))
    glass = glow(glass, (cx, cy), w * 0.7, "#fff1c4", 0.45, 1.5)
    lead = Image.new("L", (w * S, h * S))
    ld = ImageDraw.Draw(lead)
    for poly in cells:
        pts = [(x * S, y * S) for x, y in poly]
        ld.line([*pts, pts[0]], fill=255, width=9 * S, joint="curve")
    lead = downsample(lead, size)
    shadow = lead.filter(ImageFilter.GaussianBlur(6))
    glass = ImageChops.multiply(
        glass, Image.merge("RGB", [curve(shadow, lambda t: 1 - 0.5 * t)] * 3)
    )
    metal = gradient_map(fractal(rng, size, cells=30, octaves=2), [(0, "#15141a"), (1, "#3a3742")])
    img = Image.composite(metal, glass, lead)
    return grain(vignette(img, 0.3), rng, 6)


def isometric_blocks(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    side = 64 * S
    dx, dy = side * math.sqrt(3) / 2, side / 2
    img = Image.new("RGB", (w * S, h * S), "#1c1f3a")
    draw = ImageDraw.Draw(img)
    stops = [(0, "#ff6b6b"), (0.35, "#feca57"), (0.65, "#48dbfb"), (1, "#5f27cd")]
    row = 0
    y: float = -side
    while y < h * S + side:
        x = -dx * 2 + (dx if row % 2 else 0)
        while x < w * S + dx * 2:
            t = min(
                1.0, max(0.0, (x / (w * S)) * 0.6 + (y / (h * S)) * 0.4 + rng.uniform(-0.05, 0.05))
            )
            base = ramp(stops, t)
            top = mix(base, "#ffffff", 0.45)
            left = base
            right = mix(base, "#0b0b1e", 0.55)
            if rng.random() < 0.12:  # a few hollow cubes break the rhythm
                top, left, right = mix(right, "#000000", 0.3), mix(top, "#ffffff", 0.1), base
            c = (x, y)
            draw.polygon([c, (x + dx, y - dy), (x, y - 2 * dy), (x - dx, y - dy)], fill=top)
            draw.polygon([c, (x - dx, y - dy), (x - dx, y + dy), (x, y + 2 * dy)], fill=left)
            draw.polygon([c, (x + dx, y - dy), (x + dx, y + dy), (x, y + 2 * dy)], fill=right)
            x += dx * 2
        y += side * 1.5
        row += 1
    img = downsample(img, size)
    return grain(vignette(img, 0.35), rng, 6)


def memphis(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    img = Image.new("RGB", (w * S, h * S), "#fbe9e1")
    draw = ImageDraw.Draw(img)
    colors = ["#ff6f91", "#ffc75f", "#00c9a7", "#845ec2", "#2c73d2", "#1b1b2f", "#f9f871"]
    # A dotted grid underneath everything.
    for gy in range(0, h * S, 48 * S):
        for gx in range(0, w * S, 48 * S):
            draw.ellipse((gx - 3 * S, gy - 3 * S, gx + 3 * S, gy + 3 * S), fill="#efbfae")
    placed: list[tuple[float, float, float]] = []
    attempts = 0
    while len(placed) < 60 and attempts < 4000:
        attempts += 1
        r = (40 + rng.random() ** 1.5 * 120) * S
        x, y = rng.random() * w * S, rng.random() * h * S
        if any(math.hypot(x - px, y - py) < (r + pr) * 0.8 for px, py, pr in placed):
            continue
        placed.append((x, y, r))
        col = rng.choice(colors)
        kind = rng.randrange(6)
        if kind == 0:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=col)
        elif kind == 1:
            a = rng.random() * math.tau
            draw.polygon(
                [
                    (x + math.cos(a + k * math.tau / 3) * r, y + math.sin(a + k * math.tau / 3) * r)
                    for k in range(3)
                ],
                fill=col,
            )
        elif kind == 2:  # squiggle
            pts = [
                (x - r + i * 2 * r / 40, y + math.sin(i / 40 * math.tau * 2) * r * 0.3)
                for i in range(41)
            ]
            draw.line(pts, fill=col, width=int(r * 0.22), joint="curve")
        elif kind == 3:  # zigzag
            pts = [(x - r + i * r / 3, y + (r * 0.3 if i % 2 else -r * 0.3)) for i in range(7)]
            draw.line(pts, fill=col, width=int(r * 0.18), joint="curve")
        elif kind == 4:  # half disc
            a = rng.randrange(4) * 90
            draw.pieslice((x - r, y - r, x + r, y + r), a, a + 180, fill=col)
        else:  # ring
            draw.ellipse((x - r, y - r, x + r, y + r), outline=col, width=int(r * 0.25))
    img = downsample(img, size)
    return grain(img, rng, 6)


def contours(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    big = (w * S, h * S)
    height = fractal(rng, big, cells=3, octaves=4, gain=0.5, blur=6 * S)
    img = gradient_map(
        height,
        [(0, "#0f3b47"), (0.3, "#1f6f6b"), (0.55, "#b9b38a"), (0.78, "#d9a066"), (1, "#f3e3c3")],
    )
    levels = 28
    stepped = height.point(lambda v: v * levels // 256 * (256 // levels))
    lines = stepped.filter(ImageFilter.FIND_EDGES).point(lambda v: 255 if v else 0)
    lines = lines.filter(ImageFilter.MaxFilter(3))
    # Every fifth contour is an index line, drawn heavier, as on survey maps.
    index = height.point(lambda v: v * levels // 256 // 5 * 40)
    index = (
        index.filter(ImageFilter.FIND_EDGES)
        .point(lambda v: 255 if v else 0)
        .filter(ImageFilter.MaxFilter(5))
    )
    img = downsample(img, size)
    lines = downsample(lines, size)
    index = downsample(index, size)
    img = Image.composite(
        Image.new("RGB", size, "#16302f"), img, lines.point(lambda v: v * 55 // 100)
    )
    img = Image.composite(
        Image.new("RGB", size, "#10201f"), img, index.point(lambda v: v * 80 // 100)
    )
    return grain(vignette(img, 0.25), rng, 6)

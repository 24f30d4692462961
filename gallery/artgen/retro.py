"""Retro painters: a synthwave horizon, seventies waves, a two-ink risograph print."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from gallery.artgen.kit import (
    downsample,
    glow,
    gradient_map,
    grain,
    leaf,
    paint,
    rgb,
    smooth_path,
    stars,
    vertical,
    vignette,
)

S = 2


def synthwave(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    horizon = h * 0.62
    img = vertical(
        size,
        [(0, "#0b0120"), (0.35, "#24114d"), (0.6, "#7a1f77"), (0.62, "#12002a"), (1, "#0a0018")],
    )
    top = img.crop((0, 0, w, int(horizon)))
    img.paste(stars(top, rng, count=w * int(horizon) // 1600, bright=3, max_r=1.2), (0, 0))
    # The sun: a yellow-to-pink disc cut by bands that thicken toward the horizon.
    r = h * 0.26
    cx, cy = w / 2, horizon - r * 0.45
    img = glow(img, (cx, cy), r * 2.4, "#ff2975", 0.55, 1.8)
    disc = Image.new("L", (w * S, h * S))
    dd = ImageDraw.Draw(disc)
    dd.ellipse(((cx - r) * S, (cy - r) * S, (cx + r) * S, (cy + r) * S), fill=255)
    y, gap = cy - r * 0.25, 3.0
    while y < cy + r:
        dd.rectangle((0, y * S, w * S, (y + gap) * S), fill=0)
        y += gap + 22
        gap *= 1.3
    dd.rectangle((0, horizon * S, w * S, h * S), fill=0)
    sun = vertical(
        size,
        [
            (0, "#fff275"),
            ((cy - r) / h, "#ffd319"),
            ((cy + r * 0.3) / h, "#ff8c2f"),
            (horizon / h, "#ff2975"),
            (1, "#ff2975"),
        ],
    )
    img = Image.composite(sun, img, downsample(disc, size))
    # Mountains on both flanks, dark with a neon rim.
    for side in (0, 1):
        ys = []
        path = smooth_path(rng, 129, 0.55)
        for k in range(129):
            x = k / 128
            edge = x if side == 0 else 1 - x
            ys.append(horizon - h * 0.3 * max(0.0, 0.4 - edge) * 2.5 * (0.75 + 0.45 * path[k]))
        mask = Image.new("L", (w * S, h * S))
        pts = [(k / 128 * w * S, yy * S) for k, yy in enumerate(ys)]
        ImageDraw.Draw(mask).polygon([(0, horizon * S), *pts, (w * S, horizon * S)], fill=255)
        img = paint(img, "#1a0633", downsample(mask, size))
        rim = Image.new("L", (w * S, h * S))
        ImageDraw.Draw(rim).line(pts, fill=255, width=3 * S, joint="curve")
        rim = downsample(rim, size)
        rim = ImageChops.multiply(rim, Image.new("L", size, 200))
        img = paint(img, "#2de2e6", rim)
    # The grid: converging verticals and ever-closer horizontals.
    grid = Image.new("L", (w * S, h * S))
    gd = ImageDraw.Draw(grid)
    for k in range(-30, 31):
        gd.line((cx * S, horizon * S, (cx + k * w * 0.09) * S, h * 1.6 * S), fill=255, width=2 * S)
    for k in range(1, 17):
        yy = horizon + (h - horizon) * (k / 16) ** 2.1
        gd.line((0, yy * S, w * S, yy * S), fill=255, width=2 * S)
    gd.rectangle((0, 0, w * S, horizon * S + 1), fill=0)
    grid = downsample(grid, size)
    neon = gradient_map(grid, [(0, "#000000"), (1, "#ff2bd6")])
    img = ImageChops.screen(img, neon.filter(ImageFilter.GaussianBlur(6)))
    img = ImageChops.screen(img, neon)
    img = glow(img, (cx, horizon), w * 0.6, "#ff2bd6", 0.35, 3.0)
    return grain(vignette(img, 0.35), rng, 8)


def seventies(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    palette = ["#f6e7c8", "#f7c873", "#f29e38", "#d9622b", "#8a3b12", "#3d1f10"]
    img = Image.new("RGB", (w * S, h * S), palette[0])
    draw = ImageDraw.Draw(img)
    # The sun first, so the waves can rise over its lower half.
    sx, sy, sr = w * 0.68 * S, h * 0.3 * S, w * 0.2 * S
    for i, col in enumerate(("#d9622b", "#f29e38", "#f7c873")):
        rr = sr * (1 - i * 0.22)
        draw.ellipse((sx - rr, sy - rr, sx + rr, sy + rr), fill=col)
    bands = 12
    phase = rng.uniform(0, math.tau)
    for k in range(bands + 1):
        base = h * (0.42 + 0.05 * k) * S
        amp = h * (0.05 + 0.004 * k) * S
        pts = [
            (x * S, base + amp * math.sin(x / w * math.tau * 1.2 + phase + k * 0.18))
            for x in range(0, w + 10, 10)
        ]
        draw.polygon([(0, h * S), *pts, (w * S, h * S)], fill=palette[(k % (len(palette) - 1)) + 1])
    img = downsample(img, size)
    return grain(img, rng, 10)


def _halftone(density: Image.Image, ink: str, spacing: float, angle: float) -> Image.Image:
    """Render an "L" density map as a rotated grid of ink dots on white."""
    w, h = density.size
    small = density.resize(
        (int(w / spacing * 2) + 1, int(h / spacing * 2) + 1), Image.Resampling.BOX
    )
    sw, sh = small.size
    values = small.tobytes()  # "L": one byte per pixel, row by row
    out = Image.new("RGB", (w * S, h * S), "#ffffff")
    draw = ImageDraw.Draw(out)
    ca, sa = math.cos(angle), math.sin(angle)
    reach = int(math.hypot(w, h) / spacing) + 2
    color = rgb(ink)
    for i in range(-reach, reach):
        for j in range(-reach, reach):
            x = w / 2 + (i * ca - j * sa) * spacing
            y = h / 2 + (i * sa + j * ca) * spacing
            if not (-spacing < x < w + spacing and -spacing < y < h + spacing):
                continue
            v = (
                values[
                    min(sh - 1, max(0, int(y / h * sh))) * sw + min(sw - 1, max(0, int(x / w * sw)))
                ]
                / 255
            )
            if v < 0.04:
                continue
            r = spacing * 0.72 * math.sqrt(v) * S
            draw.ellipse((x * S - r, y * S - r, x * S + r, y * S + r), fill=color)
    return downsample(out, (w, h))


def risograph(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    sea = h * 0.68
    sx, sy, sr = w * 0.5, sea - h * 0.1, w * 0.27
    # Ink densities (255 = solid). Large areas stay bare paper, as on a real riso print.
    pink = Image.new("L", size)
    pink = glow(pink.convert("RGB"), (sx, sy), w * 0.75, "#b0b0b0", 1.0, 1.6).convert("L")
    pd = ImageDraw.Draw(pink)
    pd.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=245)
    pd.rectangle((0, sea, w, h), fill=0)
    for k in range(10):  # the sun's reflection, broken by the swell
        yy = sea + 14 + k * 24
        half = sr * (0.95 - k * 0.085) * rng.uniform(0.85, 1.0)
        pd.rectangle((sx - half, yy, sx + half, yy + 9), fill=200)
    blue = vertical(
        size,
        [
            (0, "#606060"),
            (0.3, "#000000"),
            (sea / h, "#000000"),
            (sea / h + 0.0005, "#5a5a5a"),
            (1, "#b4b4b4"),
        ],
    ).convert("L")
    bd = ImageDraw.Draw(blue)
    # Palms: a leaning trunk and a crown of drooping fronds, in blue ink only.
    for px, lean, height in ((w * 0.18, 0.2, h * 0.55), (w * 0.86, -0.16, h * 0.44)):
        trunk = [
            (px + lean * height * (t / 20) ** 1.6, sea + h * 0.06 - height * t / 20)
            for t in range(21)
        ]
        bd.line(trunk, fill=255, width=int(w * 0.018), joint="curve")
        tx, ty = trunk[-1]
        for k in range(11):
            a = -math.pi / 2 + (k - 5) * 0.34 + rng.uniform(-0.06, 0.06)
            droop = 0.28 if math.cos(a) > 0 else -0.28
            outline, _ = leaf(tx, ty, w * rng.uniform(0.17, 0.23), w * 0.04, a, droop)
            bd.polygon(outline, fill=255)
    ink_pink = _halftone(pink, "#ff48b0", 14.0, math.radians(15))
    ink_blue = _halftone(blue, "#0078bf", 14.0, math.radians(75))
    # Risograph drums never register perfectly: nudge one ink a few pixels.
    ink_blue = ImageChops.offset(ink_blue, 3, -2)
    paper = Image.new("RGB", size, "#f7f1e3")
    return ImageChops.multiply(ImageChops.multiply(paper, ink_pink), ink_blue)

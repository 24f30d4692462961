"""Botanical painters: a tropical canopy, ferns by moonlight, a petal mandala."""

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
    mix,
    vertical,
    vignette,
)

S = 2


def canopy(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    img = vertical(size, [(0, "#0e2a20"), (1, "#081a14")])
    img = glow(img, (w * 0.6, h * 0.35), w * 0.7, "#2f6b45", 0.6, 1.5)
    greens = ["#1c5a37", "#27734a", "#35905a", "#4fa86a", "#7cc27a", "#a9d98f"]
    accents = ["#ef7b5b", "#f4b9a0", "#f2d16b"]
    for layer in range(5):
        art = Image.new("RGB", (w * S, h * S))
        mask = Image.new("L", (w * S, h * S))
        ad, md = ImageDraw.Draw(art), ImageDraw.Draw(mask)
        for _ in range(14 + layer * 3):
            x, y = rng.uniform(-0.1, 1.1) * w, rng.uniform(-0.1, 1.1) * h
            length = w * rng.uniform(0.2, 0.38) * (1 - layer * 0.08)
            width = length * rng.uniform(0.28, 0.48)
            outline, rib = leaf(
                x, y, length, width, rng.uniform(0, math.tau), rng.uniform(-0.12, 0.12)
            )
            accent = layer >= 3 and rng.random() < 0.12
            if accent:
                length, width = length * 0.6, width * 0.6
            color = rng.choice(accents) if accent else greens[min(5, layer + rng.randrange(2))]
            pts = [(px * S, py * S) for px, py in outline]
            ad.polygon(pts, fill=color)
            md.polygon(pts, fill=255)
            vein = mix(color, "#ffffff", 0.3)
            ad.line([(px * S, py * S) for px, py in rib], fill=vein, width=3 * S)
            # Paired side veins, sweeping toward the tip.
            for k in range(3, len(rib) - 3, 3):
                rx, ry = rib[k]
                nx, ny = rib[k + 1][0] - rx, rib[k + 1][1] - ry
                norm = math.hypot(nx, ny) or 1.0
                nx, ny = nx / norm, ny / norm
                reach = width * 0.42 * math.sin(math.pi * k / len(rib))
                for side in (-1, 1):
                    ex = rx + (nx * 0.6 - ny * side) * reach
                    ey = ry + (ny * 0.6 + nx * side) * reach
                    ad.line(
                        (rx * S, ry * S, ex * S, ey * S), fill=mix(color, "#ffffff", 0.15), width=S
                    )
        art, mask = downsample(art, size), downsample(mask, size)
        shadow = ImageChops.offset(mask, int(w * 0.008), int(h * 0.012)).filter(
            ImageFilter.GaussianBlur(w * 0.012)
        )
        img = ImageChops.multiply(
            img, Image.merge("RGB", [shadow.point(lambda v: 255 - v * 55 // 100)] * 3)
        )
        img = Image.composite(art, img, mask)
    return grain(vignette(img, 0.4), rng, 7)


def _fern_points(rng: random.Random, count: int) -> list[tuple[float, float]]:
    """Barnsley's fern: four affine maps chosen at random, iterated."""
    x, y, pts = 0.0, 0.0, []
    for _ in range(count):
        r = rng.random()
        if r < 0.01:
            x, y = 0.0, 0.16 * y
        elif r < 0.86:
            x, y = 0.85 * x + 0.04 * y, -0.04 * x + 0.85 * y + 1.6
        elif r < 0.93:
            x, y = 0.2 * x - 0.26 * y, 0.23 * x + 0.22 * y + 1.6
        else:
            x, y = -0.15 * x + 0.28 * y, 0.26 * x + 0.24 * y + 0.44
        pts.append((x, y))
    return pts


def ferns(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    img = vertical(size, [(0, "#0a1f2b"), (0.6, "#0b2a27"), (1, "#06140f")])
    img = glow(img, (w * 0.72, h * 0.18), w * 0.5, "#9fd8c8", 0.35, 1.6)
    img = glow(img, (w * 0.72, h * 0.18), w * 0.08, "#f4fff8", 1.0, 1.2)
    # (base x, base y, scale, tilt in radians (positive leans left), colour)
    fronds = [
        (w * 0.42, h * 1.02, h * 0.085, 0.45, "#5cc9a7"),
        (w * 0.58, h * 1.02, h * 0.08, -0.55, "#4fb38c"),
        (w * 0.5, h * 1.04, h * 0.07, -0.05, "#c4f0c5"),
        (w * 0.3, h * 1.0, h * 0.06, 0.95, "#8fe3b0"),
        (w * 0.72, h * 1.0, h * 0.06, -1.0, "#7fd6b4"),
    ]
    for bx, by, scale, tilt, color in fronds:
        layer = Image.new("L", size)
        ca, sa = math.cos(tilt), math.sin(tilt)
        pts = []
        for x, y in _fern_points(rng, 90_000):
            # Tilt the whole frond, and curl it a little more toward its tip.
            curl = tilt * 0.04 * y
            cx, cy = (
                x * math.cos(curl) - y * math.sin(curl),
                x * math.sin(curl) + y * math.cos(curl),
            )
            pts.append((bx + (cx * ca - cy * sa) * scale, by - (cx * sa + cy * ca) * scale))
        ImageDraw.Draw(layer).point(pts, fill=255)
        layer = layer.filter(ImageFilter.GaussianBlur(0.6))
        tint = gradient_map(layer, [(0, "#000000"), (1, color)])
        img = ImageChops.screen(img, tint.filter(ImageFilter.GaussianBlur(10)))
        img = ImageChops.screen(img, tint)
    # Fireflies.
    for _ in range(26):
        x, y = rng.random() * w, h * (0.35 + rng.random() * 0.6)
        img = glow(img, (x, y), 10 + rng.random() * 16, "#f7e98e", 0.9, 2.2)
    return grain(vignette(img, 0.45), rng, 7)


def mandala(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    cx, cy = w / 2 * S, h / 2 * S
    img = Image.new("RGB", (w * S, h * S), "#101a3a")
    draw = ImageDraw.Draw(img)
    palette = ["#247ba0", "#70c1b3", "#ffe066", "#f25f5c", "#f4a259", "#b388eb", "#e5dada"]
    gold = "#f6d186"
    rings = [
        (20, 0.46, 0.2, 0.36),
        (16, 0.37, 0.19, 0.42),
        (12, 0.29, 0.17, 0.5),
        (10, 0.21, 0.14, 0.55),
        (8, 0.13, 0.11, 0.6),
    ]
    unit = min(w, h) * S
    for k, (count, radius, length, ratio) in enumerate(rings):
        color = palette[(k * 2) % len(palette)]
        inner = palette[(k * 2 + 3) % len(palette)]
        offset = (k % 2) * math.pi / count
        for i in range(count):
            a = i / count * math.tau + offset
            sx, sy = (
                cx + math.cos(a) * unit * (radius - length),
                cy + math.sin(a) * unit * (radius - length),
            )
            outline, rib = leaf(sx, sy, unit * length, unit * length * ratio, a)
            draw.polygon(outline, fill=color, outline=gold, width=2 * S)
            small, _ = leaf(sx, sy, unit * length * 0.62, unit * length * ratio * 0.5, a)
            draw.polygon(small, fill=inner)
            draw.line(rib[: len(rib) * 2 // 3], fill=gold, width=S)
        dots = count * 3
        for i in range(dots):
            a = i / dots * math.tau
            rr = unit * (radius - length) * 0.98
            px, py = cx + math.cos(a) * rr, cy + math.sin(a) * rr
            draw.ellipse((px - 3 * S, py - 3 * S, px + 3 * S, py + 3 * S), fill=gold)
    core = unit * 0.045
    draw.ellipse(
        (cx - core, cy - core, cx + core, cy + core), fill="#f25f5c", outline=gold, width=3 * S
    )
    draw.ellipse(
        (cx - core * 0.45, cy - core * 0.45, cx + core * 0.45, cy + core * 0.45), fill=gold
    )
    img = downsample(img, size)
    img = glow(img, (w / 2, h / 2), w * 0.6, "#2b3a7a", 0.35, 1.5)
    return grain(vignette(img, 0.35), rng, 7)

"""Landscape painters: layered mountains at sunset, desert dunes, an aurora over a lake."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from gallery.artgen.kit import (
    curve,
    downsample,
    fractal,
    glow,
    grain,
    mix,
    paint,
    smooth_path,
    stars,
    vertical,
    vignette,
)

S = 2  # supersampling factor for polygon edges


def _ridge_mask(size, ys: list[float]) -> Image.Image:
    """An "L" mask of everything below the polyline ``ys`` (one y per equal step in x)."""
    w, h = size
    mask = Image.new("L", (w * S, h * S))
    step = w * S / (len(ys) - 1)
    pts = [(i * step, y * S) for i, y in enumerate(ys)]
    ImageDraw.Draw(mask).polygon([(0, h * S), *pts, (w * S, h * S)], fill=255)
    return downsample(mask, size)


def sunset_ridges(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    img = vertical(
        size,
        [
            (0, "#1b1746"),
            (0.28, "#55307a"),
            (0.48, "#c9507a"),
            (0.62, "#ff8a5b"),
            (0.72, "#ffc77f"),
            (1, "#ffe2a8"),
        ],
    )
    sx, sy = w * 0.63, h * 0.5
    img = glow(img, (sx, sy), w * 0.55, "#ff9a6a", 0.55, 1.6)
    img = glow(img, (sx, sy), w * 0.16, "#ffe6b0", 0.9, 1.5)
    sun = Image.new("L", (w * S, h * S))
    ImageDraw.Draw(sun).ellipse(
        ((sx - 70) * S, (sy - 70) * S, (sx + 70) * S, (sy + 70) * S), fill=255
    )
    img = paint(img, "#fff4d8", downsample(sun, size))
    # Streaky clouds: noise stretched sideways, kept only where it is dense.
    streaks = fractal(rng, (w // 10, h), cells=3, octaves=5).resize(size, Image.Resampling.BICUBIC)
    streaks = curve(streaks, lambda t: max(0.0, (t - 0.62) / 0.38) ** 1.2 * 0.7)
    band = vertical(
        size,
        [(0, "#000000"), (0.15, "#000000"), (0.35, "#ffffff"), (0.55, "#000000"), (1, "#000000")],
    ).convert("L")
    img = paint(img, "#ffb3a0", ImageChops.multiply(streaks, band))
    layers = 6
    far, near = "#f08a7e", "#1a1030"
    for i in range(layers):
        t = i / (layers - 1)
        base = h * (0.58 + 0.075 * i)
        amp = h * (0.09 + 0.05 * (1 - t))
        ys = [base - amp * (0.6 + v) for v in smooth_path(rng, 257, 0.5 + 0.08 * t)]
        mask = _ridge_mask(size, ys)
        img = paint(img, mix(far, near, t**0.8), mask)
        # Mist settling in the valleys in front of each ridge (but not the last one).
        if i < layers - 1:
            haze = vertical(
                size,
                [
                    (0, "#000000"),
                    (max(0, base / h - 0.02), "#000000"),
                    (min(1, base / h + 0.08), "#5a3a5a"),
                    (1, "#000000"),
                ],
            )
            img = ImageChops.screen(img, ImageChops.multiply(haze, Image.merge("RGB", [mask] * 3)))
    birds = ImageDraw.Draw(img)
    for _ in range(7):
        bx, by, s = (
            w * (0.45 + rng.random() * 0.3),
            h * (0.3 + rng.random() * 0.15),
            6 + rng.random() * 8,
        )
        birds.line(
            (bx - s, by - s * 0.4, bx, by, bx + s, by - s * 0.5),
            fill="#2a1538",
            width=2,
            joint="curve",
        )
    return grain(vignette(img, 0.3), rng, 6)


def dunes(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    img = vertical(size, [(0, "#e9a88f"), (0.3, "#f4c9a8"), (0.5, "#fbe3c8"), (1, "#fdf0e0")])
    img = glow(img, (w * 0.28, h * 0.3), w * 0.35, "#fff6e6", 0.8, 1.6)
    sun = Image.new("L", (w * S, h * S))
    ImageDraw.Draw(sun).ellipse(
        ((w * 0.28 - 48) * S, (h * 0.3 - 48) * S, (w * 0.28 + 48) * S, (h * 0.3 + 48) * S), fill=255
    )
    img = paint(img, "#fffaf0", downsample(sun, size))
    palette = ["#efb48e", "#e39a72", "#d17f5a", "#b9654a", "#93463a", "#6b2e2e"]
    for i, color in enumerate(palette):
        base = h * (0.5 + 0.085 * i)
        waves = [
            (rng.uniform(0.6, 1.6), rng.uniform(0, math.tau), rng.uniform(0.4, 1.0))
            for _ in range(3)
        ]
        ys = []
        for k in range(257):
            x = k / 256 * math.tau
            v = sum(a * math.sin(f * x + p) for f, p, a in waves)
            # Dunes have sharp crests and soft troughs: fold the wave upward.
            ys.append(base - h * 0.05 * (1.6 - abs(v) ** 0.8 if v > 0 else 1.6 + v * 0.3))
        mask = _ridge_mask(size, ys)
        shade = vertical(
            size, [(0, color), (min(1, base / h), color), (1, mix(color, "#3a1a1a", 0.35))]
        )
        img = Image.composite(shade, img, mask)
        # A bright rim on every crest, the wind-polished edge catching the sun.
        rim = Image.new("L", (w * S, h * S))
        step = w * S / 256
        ImageDraw.Draw(rim).line(
            [(k * step, y * S + 2) for k, y in enumerate(ys)], fill=120, width=3 * S
        )
        rim = downsample(rim, size).filter(ImageFilter.GaussianBlur(1.2))
        img = paint(img, mix(color, "#fff1df", 0.6), ImageChops.multiply(rim, mask))
    return grain(vignette(img, 0.2), rng, 7)


def aurora_lake(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    horizon = int(h * 0.64)
    sky = vertical((w, horizon), [(0, "#020611"), (0.55, "#08182f"), (1, "#133a52")])
    sky = stars(sky, rng, count=w * horizon // 700, bright=5, max_r=1.3)
    # Curtains: vertical strokes whose bottom edge follows a wandering ribbon.
    curtain = Image.new("L", (w, horizon))
    draw = ImageDraw.Draw(curtain)
    for ribbon in range(2):
        path = smooth_path(rng, w // 2 + 1, 0.62)
        tall = smooth_path(rng, w // 2 + 1, 0.7)
        flicker = fractal(rng, (w // 2 + 1, 1), cells=60, octaves=2).tobytes()  # "L", one row
        for k in range(0, w // 2 + 1):
            x: float = k * 2
            foot = horizon * (0.6 + 0.28 * path[k] - 0.12 * ribbon)
            height = horizon * (0.12 + 0.34 * max(0.0, tall[k] + 0.6) / 1.6)
            strength = (0.3 + 0.7 * flicker[k] / 255) * (1.0 if ribbon == 0 else 0.6)
            for seg in range(12):
                y0 = foot - height * seg / 12
                draw.line(
                    (x, y0, x, y0 - height / 12 - 1),
                    fill=int(255 * strength * (1 - seg / 12) ** 1.6),
                    width=2,
                )
    curtain = curtain.filter(ImageFilter.GaussianBlur(2.5))
    from gallery.artgen.kit import gradient_map

    green = gradient_map(
        curtain, [(0, "#000000"), (0.35, "#0b6a57"), (0.7, "#35e3a1"), (1, "#e6fff4")]
    )
    violet = gradient_map(
        ImageChops.offset(curtain, 0, -int(horizon * 0.12)).filter(ImageFilter.GaussianBlur(10)),
        [(0, "#000000"), (0.6, "#5a2a9a"), (1, "#c08aff")],
    )
    sky = ImageChops.screen(ImageChops.screen(sky, violet), green)
    sky = glow(sky, (w * 0.5, horizon), w * 0.5, "#1f6b6a", 0.4, 2.0)
    # Far mountains and a shore of pines, black against the glow.
    ys = [horizon - h * 0.06 - h * 0.05 * (v + 0.5) for v in smooth_path(rng, 257, 0.5)]
    sky = paint(sky, "#07101c", _ridge_mask((w, horizon), ys))
    trees = Image.new("L", (w * S, horizon * S))
    td = ImageDraw.Draw(trees)
    x = 0.0
    while x < w:
        th = h * (0.02 + rng.random() ** 2 * 0.07)
        tw = th * 0.32
        for tier in range(4):
            top = horizon - th + tier * th * 0.2
            td.polygon(
                [
                    ((x) * S, top * S),
                    ((x - tw * (0.5 + tier * 0.2)) * S, (top + th * 0.35) * S),
                    ((x + tw * (0.5 + tier * 0.2)) * S, (top + th * 0.35) * S),
                ],
                fill=255,
            )
        td.rectangle(((x - 2) * S, (horizon - th * 0.3) * S, (x + 2) * S, horizon * S), fill=255)
        x += tw * (0.6 + rng.random() * 1.4)
    sky = paint(sky, "#03070d", downsample(trees, (w, horizon)))
    # The lake mirrors the sky, darker, broken by thin ripples.
    img = Image.new("RGB", size)
    img.paste(sky, (0, 0))
    mirror = ImageOps.flip(sky).crop((0, 0, w, h - horizon))
    mirror = ImageChops.multiply(
        mirror, vertical((w, h - horizon), [(0, "#9aa8b0"), (1, "#2a3540")])
    )
    ripples = Image.new("L", mirror.size)
    rd = ImageDraw.Draw(ripples)
    for _ in range(900):
        y = rng.random() ** 1.4 * (h - horizon)
        x0 = rng.random() * w
        rd.line(
            (x0, y, x0 + 20 + rng.random() * 160 * (1 + y / (h - horizon)), y),
            fill=rng.choice((0, 255)),
            width=1,
        )
    mirror = Image.composite(
        ImageChops.multiply(mirror, Image.new("RGB", mirror.size, (150, 160, 170))),
        mirror,
        curve(ripples, lambda t: t * 0.6).filter(ImageFilter.GaussianBlur(0.7)),
    )
    img.paste(mirror.filter(ImageFilter.GaussianBlur(1.2)), (0, horizon))
    return grain(vignette(img, 0.35), rng, 6)

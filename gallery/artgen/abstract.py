"""Abstract painters: a flow field, a soft gradient mesh, stacked paper-cut layers."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from gallery.artgen.kit import (
    downsample,
    fractal,
    glow,
    grain,
    mix,
    paint,
    ramp,
    soft_disc,
    vertical,
    vignette,
)

S = 2


def flow_field(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    gw, gh = 96, max(2, round(96 * h / w))
    field = list(fractal(rng, (gw, gh), cells=3, octaves=3, gain=0.45).getdata())
    turns = 2.2 * math.tau / 255

    def angle(x: float, y: float) -> float:
        gx = min(gw - 1.001, max(0.0, x / w * (gw - 1)))
        gy = min(gh - 1.001, max(0.0, y / h * (gh - 1)))
        ix, iy = int(gx), int(gy)
        fx, fy = gx - ix, gy - iy
        i = iy * gw + ix
        top = field[i] * (1 - fx) + field[i + 1] * fx
        bottom = field[i + gw] * (1 - fx) + field[i + gw + 1] * fx
        return (top * (1 - fy) + bottom * fy) * turns

    stops = [(0, "#ff5f6d"), (0.3, "#ffc371"), (0.55, "#47cacc"), (0.8, "#5b5fc7"), (1, "#ff5f6d")]
    img = vertical((w * S, h * S), [(0, "#0b0d21"), (1, "#151338")])
    draw = ImageDraw.Draw(img)
    step = 3.0
    for n in range(2600):
        x, y = rng.random() * w, rng.random() * h
        color = ramp(stops, (x / w * 0.7 + y / h * 0.3 + rng.uniform(-0.08, 0.08)) % 1.0)
        color = mix(color, "#ffffff", rng.random() * 0.2)
        pts = []
        for _ in range(60 + int(rng.random() * 90)):
            pts.append((x * S, y * S))
            a = angle(x, y)
            x += math.cos(a) * step
            y += math.sin(a) * step
            if not (0 <= x < w and 0 <= y < h):
                break
        if len(pts) > 4:
            draw.line(pts, fill=color, width=(3 if n % 7 else 5) * S // 2 + 1, joint="curve")
    img = downsample(img, size)
    bloom = img.filter(ImageFilter.GaussianBlur(8))
    img = ImageChops.screen(
        img, ImageChops.multiply(bloom, Image.new("RGB", size, (110, 110, 110)))
    )
    return grain(vignette(img, 0.45), rng, 6)


def gradient_mesh(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    palette = ["#ff3cac", "#784ba0", "#2b86c5", "#ffb86b", "#ff6a88", "#19d3c5", "#fbe3ff"]
    rng.shuffle(palette)
    img = Image.new("RGB", size, "#2a1b5c")
    for color in palette + palette[:3]:
        cx, cy = rng.uniform(-0.1, 1.1) * w, rng.uniform(-0.1, 1.1) * h
        r = rng.uniform(0.35, 0.6) * max(w, h)
        mask = Image.new("L", size)
        d = int(r * 2)
        mask.paste(soft_disc(d, 1.2, 0.95), (int(cx - r), int(cy - r)))
        img = paint(img, color, mask)
    img = img.filter(ImageFilter.GaussianBlur(60))
    # Silk folds: a few wide, soft light and shadow bands along gentle curves.
    folds = Image.new("L", (w, h), 128)
    draw = ImageDraw.Draw(folds)
    for k in range(7):
        phase, amp, y0 = rng.uniform(0, math.tau), rng.uniform(0.05, 0.16) * h, (k + 0.5) / 7 * h
        pts = [
            (x, y0 + amp * math.sin(x / w * math.tau * 0.8 + phase)) for x in range(0, w + 20, 20)
        ]
        draw.line(pts, fill=210 if k % 2 else 50, width=int(h * 0.05), joint="curve")
    folds = folds.filter(ImageFilter.GaussianBlur(h * 0.035))
    img = ImageChops.overlay(img, Image.merge("RGB", [folds] * 3))
    return grain(img, rng, 7, soft=0.8)


def paper_layers(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    stops = [(0, "#ffe3c4"), (0.35, "#ff9e7a"), (0.65, "#d9486f"), (1, "#3b1c5a")]
    img = Image.new("RGB", size, "#fff1df")
    img = glow(img, (w * 0.7, h * 0.18), w * 0.5, "#ffffff", 0.8, 1.5)
    layers = 9
    for i in range(layers):
        t = i / (layers - 1)
        base = h * (0.22 + 0.09 * i)
        waves = [
            (rng.uniform(0.5, 2.2), rng.uniform(0, math.tau), rng.uniform(0.3, 1.0))
            for _ in range(3)
        ]
        pts = []
        for k in range(0, 129):
            x = k / 128
            v = sum(a * math.sin(f * x * math.tau + p) for f, p, a in waves) / 2
            pts.append((x * w * S, (base + v * h * 0.06) * S))
        mask = Image.new("L", (w * S, h * S))
        ImageDraw.Draw(mask).polygon([(0, h * S), *pts, (w * S, h * S)], fill=255)
        mask = downsample(mask, size)
        # A soft shadow cast upward by this layer onto the one behind it.
        shadow = ImageChops.offset(mask, 0, -int(h * 0.008)).filter(
            ImageFilter.GaussianBlur(h * 0.012)
        )
        img = ImageChops.multiply(
            img, Image.merge("RGB", [shadow.point(lambda v: 255 - v * 45 // 100)] * 3)
        )
        face = vertical(size, [(0, ramp(stops, t)), (1, mix(ramp(stops, t), "#000000", 0.15))])
        face = Image.composite(face, img, mask)
        img = face
    return grain(img, rng, 6, soft=0.8)

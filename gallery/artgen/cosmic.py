"""Cosmic painters: a nebula, a solar eclipse, a ringed planet."""

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
    paint,
    soft_disc,
    stars,
    vertical,
    vignette,
)


def _gas(
    rng: random.Random, size, stops, cells: int, threshold: float, gain: float = 1.4
) -> Image.Image:
    """One luminous cloud: ridged fractal noise (filaments), confined by a broad mask."""
    detail = fractal(rng, size, cells=cells, octaves=6, gain=0.6)
    # Ridged noise: bright where the noise crosses its midpoint, which draws filaments.
    ridges = curve(detail, lambda t: (1 - abs(2 * t - 1)) ** 2.2)
    detail = Image.blend(detail, ridges, 0.55)
    region = fractal(rng, size, cells=2, octaves=2, blur=20)
    region = curve(region, lambda t: max(0.0, (t - threshold) / (1 - threshold)) ** 1.2)
    density = ImageChops.multiply(detail, region)
    density = curve(density, lambda t: min(1.0, t * gain) ** 1.35)
    return gradient_map(density, stops)


def nebula(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    img = vertical(size, [(0, "#04030c"), (0.55, "#0f0a2a"), (1, "#07051a")])
    warm = [(0, "#000000"), (0.3, "#4a1460"), (0.6, "#d23f7c"), (0.85, "#ffac6b"), (1, "#fff1dc")]
    cool = [(0, "#000000"), (0.35, "#0c3a66"), (0.7, "#1fb5c9"), (1, "#d8fbff")]
    gas = ImageChops.screen(_gas(rng, size, cool, 3, 0.3, 1.1), _gas(rng, size, warm, 3, 0.2))
    # Dark dust lanes eat into the gas, not into the black sky behind it.
    dust = fractal(rng, size, cells=6, octaves=5, gain=0.6)
    lanes = curve(dust, lambda t: 1 - 0.8 * max(0, (t - 0.5) / 0.5) ** 0.8)
    gas = ImageChops.multiply(gas, Image.merge("RGB", [lanes] * 3))
    img = ImageChops.screen(img, gas)
    img = glow(img, (w * 0.55, h * 0.45), w * 0.4, "#ff7aa8", 0.3, 2.5)
    img = glow(img, (w * 0.55, h * 0.45), w * 0.12, "#fff0e0", 0.5, 2.0)
    img = stars(img, rng, count=w * h // 900, bright=9)
    return grain(vignette(img, 0.5), rng, 8)


def eclipse(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    cx, cy, r = w / 2, h / 2, w * 0.17
    img = vertical(size, [(0, "#02030a"), (1, "#080818")])
    img = stars(img, rng, count=w * h // 1800, bright=4, max_r=1.2)
    # Corona: streamers as many blurred rays, brighter and longer near the equator.
    rays = Image.new("L", size)
    draw = ImageDraw.Draw(rays)
    for _ in range(2200):
        a = rng.random() * math.tau
        reach = r * (1.05 + rng.random() ** 4 * (1.2 + 1.6 * abs(math.cos(a)) ** 3))
        width = 1 + int(rng.random() * 3)
        draw.line(
            (
                cx + math.cos(a) * r * 0.9,
                cy + math.sin(a) * r * 0.9,
                cx + math.cos(a) * reach,
                cy + math.sin(a) * reach,
            ),
            fill=int(20 + rng.random() * 50),
            width=width,
        )
    rays = ImageChops.add(
        rays.filter(ImageFilter.GaussianBlur(14)), rays.filter(ImageFilter.GaussianBlur(2.5))
    )
    corona = gradient_map(
        rays, [(0, "#000000"), (0.3, "#2c2466"), (0.65, "#a9b8ff"), (1, "#ffffff")]
    )
    img = ImageChops.screen(img, corona)
    img = glow(img, (cx, cy), r * 2.6, "#6f63d9", 0.55, 2.5)
    img = glow(img, (cx, cy), r * 1.6, "#c9d3ff", 0.9, 3.0)
    img = glow(img, (cx, cy), r * 1.15, "#ffffff", 1.0, 1.8)
    # The moon, a hair smaller than the sun's disc, with a faint earthshine.
    scale = 2
    moon = Image.new("L", (w * scale, h * scale))
    ImageDraw.Draw(moon).ellipse(
        ((cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale), fill=255
    )
    moon = downsample(moon, size)
    # A thin bright rim hugging the limb: the inner corona is brightest right at the edge.
    rim = Image.new("L", size)
    ImageDraw.Draw(rim).ellipse(
        (cx - r * 1.02, cy - r * 1.02, cx + r * 1.02, cy + r * 1.02),
        outline=255,
        width=int(r * 0.05),
    )
    rim = rim.filter(ImageFilter.GaussianBlur(r * 0.06))
    img = ImageChops.screen(
        img, gradient_map(rim, [(0, "#000000"), (0.6, "#c6cfff"), (1, "#ffffff")])
    )
    img = paint(img, "#05050d", moon)
    # The "diamond ring": one bead of sunlight escaping at the limb.
    a = -math.pi / 4 - 0.3
    bx, by = cx + math.cos(a) * r, cy + math.sin(a) * r
    img = glow(img, (bx, by), r * 0.9, "#ffffff", 1.0, 4.0)
    img = glow(img, (bx, by), r * 0.25, "#fff8e8", 1.0, 1.2)
    return grain(vignette(img, 0.35), rng, 6)


def ringed_planet(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    w, h = size
    img = vertical(size, [(0, "#060512"), (0.7, "#120b2b"), (1, "#2a1240")])
    img = stars(img, rng, count=w * h // 1200, bright=6)
    img = glow(img, (w * 0.85, h * 0.15), w * 0.5, "#5b2a8c", 0.5, 2.0)
    cx, cy, r = w * 0.42, h * 0.56, h * 0.34
    d = int(r * 2)
    # Cloud bands: noise stretched sideways, mapped to warm sandy tones.
    bands = fractal(rng, (16, d), cells=5, octaves=4).resize((d, d), Image.Resampling.BICUBIC)
    swirl = fractal(rng, (d, d), cells=5, octaves=4)
    bands = Image.blend(bands, swirl, 0.22).filter(ImageFilter.GaussianBlur(2))
    surface = gradient_map(
        bands,
        [(0, "#7a3b2e"), (0.35, "#c9794a"), (0.6, "#f0c48f"), (0.8, "#fbe7c6"), (1, "#d98b5f")],
    )
    # Sphere shading: lit from the upper right, the night side fading into space.
    big = int(d * 2.0)
    light = soft_disc(big, 1.3, 1.0)
    ox, oy = big // 2 - int(d * 0.7), big // 2 - int(d * 0.3)
    light = light.crop((ox, oy, ox + d, oy + d))
    shade = Image.merge("RGB", [curve(light, lambda t: 0.03 + 0.97 * t**1.1)] * 3)
    surface = ImageChops.multiply(surface, shade)
    disc = Image.new("L", (d * 2, d * 2))
    ImageDraw.Draw(disc).ellipse((0, 0, d * 2 - 1, d * 2 - 1), fill=255)
    disc = downsample(disc, (d, d))
    box = (int(cx - r), int(cy - r))
    rings = Image.new("L", (w * 2, h * 2))
    rd = ImageDraw.Draw(rings)
    for i in range(90):
        k = 1.3 + i * 0.009 + (0.08 if i > 55 else 0)
        rw, rh = r * k * 2, r * k * 0.34 * 2
        tone = int(90 + 160 * abs(math.sin(i * 0.5 + rng.random() * 0.6)))
        if 50 < i < 56:  # the Cassini-style gap
            continue
        rd.ellipse((cx * 2 - rw, cy * 2 - rh, cx * 2 + rw, cy * 2 + rh), outline=tone, width=9)
    rings = downsample(
        rings.rotate(-14, center=(cx * 2, cy * 2), resample=Image.Resampling.BICUBIC), size
    )
    ring_col = gradient_map(rings, [(0, "#000000"), (0.5, "#a98566"), (1, "#f6e2c4")])
    # Back half of the rings, planet, then the front half over it.
    back = Image.new("L", size)
    ImageDraw.Draw(back).rectangle((0, 0, w, cy - r * 0.05), fill=255)
    back = back.rotate(-14, center=(cx, cy))
    img = Image.composite(ImageChops.screen(img, ring_col), img, ImageChops.multiply(rings, back))
    img = glow(img, (cx, cy), r * 1.35, "#f2a36b", 0.35, 2.0)
    img.paste(surface, box, disc)
    front = ImageChops.invert(back)
    img = Image.composite(ImageChops.screen(img, ring_col), img, ImageChops.multiply(rings, front))
    return grain(vignette(img, 0.4), rng, 6)

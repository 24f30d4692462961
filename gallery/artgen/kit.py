"""Small drawing helpers shared by the painters: noise, gradients, glows, grain, saving.

Everything is plain Pillow (no numpy): large images are only ever touched by
Pillow's C code (resize, blur, point, ImageChops); Python loops stay on small
grids or on shape coordinates, which keeps a whole run well under a minute.
"""

from __future__ import annotations

import io
import itertools
import math
import random
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

RGB = tuple[int, int, int]
Stops = Sequence[tuple[float, "RGB | str"]]


def rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def as_rgb(colour: RGB | str) -> RGB:
    return rgb(colour) if isinstance(colour, str) else colour


def mix(a: RGB | str, b: RGB | str, t: float) -> RGB:
    (r0, g0, b0), (r1, g1, b1) = as_rgb(a), as_rgb(b)
    t = min(1.0, max(0.0, t))
    return (round(r0 + (r1 - r0) * t), round(g0 + (g1 - g0) * t), round(b0 + (b1 - b0) * t))


def ramp(stops: Stops, t: float) -> RGB:
    """The colour at ``t`` (0..1) along a list of ``(position, "#rrggbb")`` stops."""
    t = min(1.0, max(0.0, t))
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if t <= p1:
            return mix(c0, c1, 0 if p1 == p0 else (t - p0) / (p1 - p0))
    return as_rgb(stops[-1][1])


def gradient_map(gray: Image.Image, stops: Stops) -> Image.Image:
    """Colour a greyscale image through a multi-stop palette (a Photoshop-style gradient map)."""
    table = [ramp(stops, i / 255) for i in range(256)]
    channels = [gray.point([c[k] for c in table]) for k in range(3)]
    return Image.merge("RGB", channels)


def vertical(size: tuple[int, int], stops: Stops) -> Image.Image:
    ramp_img = Image.linear_gradient("L").resize(size, Image.Resampling.BICUBIC)
    return gradient_map(ramp_img, stops)


def value_noise(rng: random.Random, size: tuple[int, int], cells: int) -> Image.Image:
    """Smooth noise: a coarse grid of random values, upscaled bicubically.

    A one-cell margin is cropped away through ``box`` so edges are not clamped flat.
    """
    w, h = size
    cw, ch = max(2, cells), max(2, round(cells * h / w))
    small = Image.frombytes("L", (cw + 2, ch + 2), rng.randbytes((cw + 2) * (ch + 2)))
    return small.resize(size, Image.Resampling.BICUBIC, box=(1, 1, cw + 1, ch + 1))


def fractal(
    rng: random.Random,
    size: tuple[int, int],
    cells: int = 3,
    octaves: int = 5,
    gain: float = 0.5,
    blur: float = 0.0,
) -> Image.Image:
    """Fractal (fBm-like) noise, normalised to the full 0..255 range."""
    acc = value_noise(rng, size, cells)
    total = 1.0
    for i in range(1, octaves):
        weight = gain**i
        layer = value_noise(rng, size, cells * 2**i)
        acc = Image.blend(acc, layer, weight / (total + weight))
        total += weight
    if blur:
        acc = acc.filter(ImageFilter.GaussianBlur(blur))
    return ImageOps.autocontrast(acc, cutoff=0.2)


def curve(gray: Image.Image, fn) -> Image.Image:
    """Apply ``fn`` (0..1 → 0..1) to every pixel of an "L" image."""
    return gray.point([round(255 * min(1.0, max(0.0, fn(i / 255)))) for i in range(256)])


def soft_disc(diameter: int, falloff: float = 2.0, strength: float = 1.0) -> Image.Image:
    """An "L" mask: ``strength`` at the centre fading to 0 at the rim."""
    # radial_gradient is 0 at the centre and 181 at the middle of each edge (distance 128).
    table = [round(255 * strength * max(0.0, 1 - v / 181) ** falloff) for v in range(256)]
    disc = Image.radial_gradient("L").point(table)
    return disc.resize((max(1, diameter), max(1, diameter)), Image.Resampling.BICUBIC)


def glow(
    img: Image.Image,
    center: tuple[float, float],
    radius: float,
    color: str | RGB,
    strength: float = 1.0,
    falloff: float = 2.0,
) -> Image.Image:
    """Screen a soft light of ``color`` onto ``img``."""
    layer = Image.new("RGB", img.size)
    d = int(radius * 2)
    mask = soft_disc(d, falloff, strength)
    box = (int(center[0] - radius), int(center[1] - radius))
    layer.paste(
        rgb(color) if isinstance(color, str) else color, (*box, box[0] + d, box[1] + d), mask
    )
    return ImageChops.screen(img, layer)


def paint(img: Image.Image, color: str | RGB, mask: Image.Image) -> Image.Image:
    """Lay flat ``color`` over ``img`` through an "L" ``mask`` (255 = fully covered)."""
    fill = Image.new("RGB", img.size, rgb(color) if isinstance(color, str) else color)
    return Image.composite(fill, img, mask)


def stars(
    img: Image.Image, rng: random.Random, count: int, bright: int = 12, max_r: float = 1.6
) -> Image.Image:
    """Scatter stars: many faint points, a few bright ones with a halo."""
    w, h = img.size
    layer = Image.new("L", img.size)
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        x, y = rng.random() * w, rng.random() * h
        r = rng.random() ** 3 * max_r + 0.4
        v = int(90 + rng.random() ** 2 * 165)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=v)
    halo = layer.filter(ImageFilter.GaussianBlur(3))
    out = ImageChops.add(img, Image.merge("RGB", (layer, layer, layer)))
    out = ImageChops.add(out, Image.merge("RGB", (halo, halo, halo)))
    for _ in range(bright):
        x, y = rng.random() * w, rng.random() * h
        size = 8 + rng.random() * 22
        tint = rng.choice(["#cfe3ff", "#fff2d6", "#ffffff", "#e2d6ff"])
        out = glow(out, (x, y), size * 2.2, tint, 0.9, 3.0)
        spikes = Image.new("L", img.size)
        sd = ImageDraw.Draw(spikes)
        sd.line((x - size * 2, y, x + size * 2, y), fill=150, width=1)
        sd.line((x, y - size * 2, x, y + size * 2), fill=150, width=1)
        spikes = spikes.filter(ImageFilter.GaussianBlur(0.8))
        out = ImageChops.add(out, Image.merge("RGB", (spikes, spikes, spikes)))
    return out


def grain(img: Image.Image, rng: random.Random, amount: int = 10, soft: float = 0.6) -> Image.Image:
    """Film grain. Costs JPEG bytes, so painters use a light touch."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    if soft:
        noise = noise.filter(ImageFilter.GaussianBlur(soft))
        noise = ImageOps.autocontrast(noise)
    noise = noise.point(lambda v: v * amount // 255)
    return ImageChops.add(img, Image.merge("RGB", (noise, noise, noise)), 1.0, -(amount // 2))


def vignette(img: Image.Image, strength: float = 0.45) -> Image.Image:
    w, h = img.size
    d = int(math.hypot(w, h) * 1.05)
    mask = soft_disc(d, 1.2, 1.0)
    mask = mask.crop(((d - w) // 2, (d - h) // 2, (d - w) // 2 + w, (d - h) // 2 + h))
    shade = mask.point(lambda v: round(255 - (255 - v) * strength))
    return ImageChops.multiply(img, Image.merge("RGB", (shade, shade, shade)))


def downsample(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Shrink a supersampled drawing: this is the anti-aliasing for ImageDraw shapes."""
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def jpeg_bytes(img: Image.Image, limit: int, start: int = 90, floor: int = 40) -> bytes:
    """The best-quality JPEG encoding that fits in ``limit`` bytes."""
    quality = start
    while True:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
        data = buf.getvalue()
        if len(data) <= limit or quality <= floor:
            return data
        quality -= 3


def smooth_path(rng: random.Random, n: int, roughness: float = 0.55) -> list[float]:
    """A 1-D midpoint-displacement ridge of ``n`` samples in roughly -1..1."""
    size = 1
    while size + 1 < n:
        size *= 2
    pts = [0.0] * (size + 1)
    pts[0], pts[size] = rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5)
    step, amp = size, 1.0
    while step > 1:
        half = step // 2
        for i in range(half, size, step):
            pts[i] = (pts[i - half] + pts[i + half]) / 2 + rng.uniform(-amp, amp)
        step, amp = half, amp * roughness
    return [pts[round(i * size / (n - 1))] for i in range(n)]


def leaf(
    x: float, y: float, length: float, width: float, angle: float, bend: float = 0.0, n: int = 24
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """A leaf outline and its midrib, from the stalk at (x, y) toward ``angle`` (radians)."""
    dx, dy = math.cos(angle), math.sin(angle)
    px, py = -dy, dx
    rib, left, right = [], [], []
    for i in range(n + 1):
        t = i / n
        off = bend * math.sin(math.pi * t) * length
        cx, cy = x + dx * length * t + px * off, y + dy * length * t + py * off
        half = width * math.sin(math.pi * t**0.85) ** 0.9 / 2
        rib.append((cx, cy))
        left.append((cx + px * half, cy + py * half))
        right.append((cx - px * half, cy - py * half))
    return left + right[::-1], rib

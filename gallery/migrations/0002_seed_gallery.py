"""Seed the gallery: seven creators and twenty artworks whose images ship in static/.

The images come from ``python -m gallery.artgen``; width and height below are the
sizes it writes (tests/gallery checks the files against these rows). The data is
frozen here, as a migration's should be: later edits go in a new migration.
"""

from datetime import UTC, datetime, timedelta

from django.db import migrations

CREATORS = [
    (
        "Aiko Tanaka",
        "aiko.dreams",
        "#7c5cff",
        "Astrophotography nerd turned prompt painter. I chase the colours the Hubble palette forgot.",
    ),
    (
        "Nia Okafor",
        "nia.horizons",
        "#f06a4d",
        "Lagos-born, Lisbon-based. Landscapes that feel like the last ten minutes of golden hour.",
    ),
    (
        "Luca Moretti",
        "luca.geometrica",
        "#1d3f8f",
        "Architect by day; grids, primaries and the occasional quarter circle by night.",
    ),
    (
        "Elena Petrova",
        "elena.glassworks",
        "#b4367a",
        "Stained-glass restorer exploring light, lead and colour with diffusion models.",
    ),
    (
        "Kwame Mensah",
        "kwame.flows",
        "#0f8f7e",
        "Generative artist. Vector fields, ink, paper and a lot of patience.",
    ),
    (
        "Rafael Ortiz",
        "synthrafa",
        "#d61fb4",
        "Child of the VHS era: neon, chrome and sunsets that never end.",
    ),
    (
        "Sofia Lindqvist",
        "sofia.botanica",
        "#2f8f5b",
        "Botanist with a soft spot for ferns. Every leaf here was grown from a prompt.",
    ),
]

# slug, title, creator handle, category, model, (width, height), likes, views, tags, prompt
ARTWORKS = [
    (
        "nebula-of-quiet-fire",
        "Nebula of Quiet Fire",
        "aiko.dreams",
        "cosmic",
        "DreamCanvas XL 2.1",
        (1280, 1600),
        4812,
        96240,
        ["nebula", "space", "hubble palette", "stars"],
        "A vast emission nebula drifting through deep space, filaments of magenta and ember-orange "
        "hydrogen woven through teal oxygen clouds, dark dust lanes carving the glow, scattered "
        "blue-white stars with soft diffraction spikes, Hubble palette, volumetric light, "
        "ultra-detailed astrophotography, 8k, --ar 4:5 --style raw",
    ),
    (
        "corona-hour",
        "Corona Hour",
        "aiko.dreams",
        "cosmic",
        "Flux-Dev",
        (1600, 1600),
        3377,
        61020,
        ["eclipse", "sun", "corona", "minimal"],
        "Total solar eclipse at the moment of totality, pearly violet corona streamers radiating "
        "from a perfectly black lunar disc, a single diamond-ring bead of sunlight at the limb, "
        "faint stars in an indigo sky, long-exposure astrophotography, symmetrical composition, "
        "high dynamic range, crisp, 1:1",
    ),
    (
        "saturnine-dawn",
        "Saturnine Dawn",
        "aiko.dreams",
        "cosmic",
        "DreamCanvas XL 2.1",
        (1600, 1067),
        2950,
        58311,
        ["planet", "rings", "sci-fi", "space"],
        "A banded gas giant wrapped in tilted ice rings, lit from the upper right by a distant sun, "
        "cream, terracotta and sand cloud belts, the night side dissolving into a purple starfield, "
        "retro-futurist space-age illustration, soft grain, cinematic wide shot, --ar 3:2",
    ),
    (
        "violet-hour-ridges",
        "Violet Hour Ridges",
        "nia.horizons",
        "landscape",
        "Flux-Dev",
        (1600, 1000),
        3921,
        70455,
        ["mountains", "sunset", "mist", "layers"],
        "Layered mountain ridges fading into violet haze at sunset, a pale sun sinking between the "
        "peaks, mist pooling in the valleys, streaky coral clouds, a small flock of birds, "
        "atmospheric perspective, minimalist flat-gradient landscape, calm and meditative, --ar 16:10",
    ),
    (
        "amber-dune-sea",
        "Amber Dune Sea",
        "nia.horizons",
        "landscape",
        "DreamCanvas Turbo",
        (1600, 900),
        2288,
        40102,
        ["desert", "dunes", "warm", "minimal"],
        "An endless sea of sand dunes under a milky afternoon sun, sharp wind-carved crests catching "
        "the light, soft terracotta shadows, peach and apricot sky, minimalist desert poster, "
        "smooth gradients, warm earth palette, panoramic 16:9",
    ),
    (
        "aurora-over-still-water",
        "Aurora over Still Water",
        "nia.horizons",
        "landscape",
        "DreamCanvas XL 2.1",
        (1600, 1067),
        4460,
        88017,
        ["aurora", "night", "lake", "reflection"],
        "Northern lights rippling above a silent boreal lake, emerald curtains with violet fringes, "
        "a shoreline of black spruce silhouettes, every star mirrored in the glassy water, cold "
        "clear Arctic night, long exposure, photorealistic, --ar 3:2",
    ),
    (
        "topographic-reverie",
        "Topographic Reverie",
        "kwame.flows",
        "landscape",
        "Flux-Dev",
        (1600, 1200),
        1874,
        35520,
        ["map", "contour lines", "terrain", "teal"],
        "An imaginary island rendered as a vintage survey map, fine contour lines every ten metres, "
        "bolder index contours, hypsometric tints from deep teal lagoons to sandy ridges and pale "
        "summits, hand-printed cartography texture, top-down, 4:3",
    ),
    (
        "bauhaus-garden-no-7",
        "Bauhaus Garden No. 7",
        "luca.geometrica",
        "patterns",
        "DreamCanvas XL 2.1",
        (1280, 1600),
        3612,
        67880,
        ["bauhaus", "geometric", "poster", "primary colours"],
        "A Bauhaus poster grid of quarter circles, half discs, stripes, nested squares and "
        "triangles, tomato red, cobalt blue, mustard, teal and ink black on warm cream paper, "
        "screen-printed texture, mid-century modern, balanced asymmetry, flat vector, --ar 4:5",
    ),
    (
        "rose-window-prism",
        "Rose Window Prism",
        "elena.glassworks",
        "patterns",
        "Flux-Dev",
        (1280, 1600),
        4105,
        80233,
        ["stained glass", "rose window", "light", "mosaic"],
        "A gothic rose window of hand-blown stained glass, concentric rings of cobalt, teal, amber, "
        "ruby and amethyst cells held in dark lead cames, warm light pouring through from behind, "
        "mottled antique glass texture, cathedral interior, symmetrical, intricate, --ar 4:5",
    ),
    (
        "tumbling-blocks-spectrum",
        "Tumbling Blocks Spectrum",
        "luca.geometrica",
        "patterns",
        "DreamCanvas Turbo",
        (1600, 1067),
        2099,
        39874,
        ["isometric", "cubes", "optical illusion", "gradient"],
        "Isometric tumbling-blocks pattern, thousands of shaded cubes sweeping from coral through "
        "sunflower and sky blue to deep violet, a few inverted cubes breaking the rhythm, optical "
        "illusion, crisp vector geometry, quilt-inspired, --ar 3:2",
    ),
    (
        "memphis-confetti-party",
        "Memphis Confetti Party",
        "luca.geometrica",
        "patterns",
        "DreamCanvas XL 2.1",
        (1600, 1600),
        2733,
        51210,
        ["memphis", "80s", "confetti", "playful"],
        "Playful Memphis-design confetti pattern, squiggles, zigzags, rings, half discs and "
        "triangles in bubblegum pink, sunflower, mint, violet and cobalt over a blush dotted grid, "
        "1980s Milan design studio energy, flat shapes, seamless wrapping paper, 1:1",
    ),
    (
        "murmuration-of-currents",
        "Murmuration of Currents",
        "kwame.flows",
        "abstract",
        "Flux-Dev",
        (1600, 1067),
        3840,
        72915,
        ["flow field", "generative", "lines", "neon"],
        "Thousands of fine luminous lines tracing an invisible vector field, like wind over water or "
        "starlings in flight, coral, apricot, aqua and periwinkle strands on midnight navy, soft "
        "bloom, generative art, pen-plotter precision, --ar 3:2",
    ),
    (
        "silk-in-the-afterglow",
        "Silk in the Afterglow",
        "kwame.flows",
        "abstract",
        "DreamCanvas Turbo",
        (1600, 1600),
        2514,
        46380,
        ["gradient", "silk", "pastel", "soft"],
        "Liquid gradient mesh flowing like silk in evening light, magenta, violet, cobalt and "
        "seafoam melting into each other, gentle folds of light and shadow, fine film grain, dreamy "
        "abstract wallpaper, ultra smooth, 1:1",
    ),
    (
        "paper-tide",
        "Paper Tide",
        "kwame.flows",
        "abstract",
        "DreamCanvas XL 2.1",
        (1280, 1600),
        3105,
        55760,
        ["paper cut", "layers", "waves", "sunset"],
        "Layered paper-cut waves stacked from pale sand to deep plum, each sheet casting a soft "
        "shadow on the one behind, warm sunset gradient, handmade craft aesthetic, depth and calm, "
        "studio lighting, --ar 4:5",
    ),
    (
        "neon-horizon-1986",
        "Neon Horizon 1986",
        "synthrafa",
        "retro",
        "DreamCanvas XL 2.1",
        (1600, 1000),
        4977,
        99512,
        ["synthwave", "80s", "neon", "sunset", "grid"],
        "Synthwave sunset, a striped golden-to-hot-pink sun sinking behind dark mountains with cyan "
        "rim light, an infinite magenta laser grid racing to the horizon, starry purple sky, "
        "outrun aesthetic, VHS glow, 1986 album cover, --ar 16:10",
    ),
    (
        "groovy-sundown",
        "Groovy Sundown",
        "synthrafa",
        "retro",
        "Flux-Dev",
        (1600, 1600),
        2871,
        50422,
        ["70s", "waves", "sun", "warm"],
        "1970s groovy sunset, a ringed sun in tangerine and marigold rising over rolling wavy "
        "stripes of chocolate brown, burnt orange, mustard and cream, retro vinyl sleeve, flat "
        "screen-print colours with paper grain, 1:1",
    ),
    (
        "riso-palm-sunset",
        "Riso Palm Sunset",
        "synthrafa",
        "retro",
        "DreamCanvas Turbo",
        (1280, 1600),
        1995,
        37004,
        ["risograph", "halftone", "palm trees", "pink and blue"],
        "Two-colour risograph print of palm trees leaning over a tropical sunset, fluorescent pink "
        "and medium blue halftone dots, slight misregistration, bare cream paper showing through, "
        "zine aesthetic, tactile print texture, --ar 4:5",
    ),
    (
        "greenhouse-canopy",
        "Greenhouse Canopy",
        "sofia.botanica",
        "botanical",
        "DreamCanvas XL 2.1",
        (1600, 1600),
        3468,
        64150,
        ["leaves", "green", "tropical", "paper cut"],
        "Overlapping layers of tropical leaves in a humid greenhouse, every shade of green from "
        "deep jungle to pale lime, a few coral and blush leaves, delicate veins, soft drop shadows, "
        "paper-cut botanical illustration, top-down, 1:1",
    ),
    (
        "moonlit-ferns",
        "Moonlit Ferns",
        "sofia.botanica",
        "botanical",
        "Flux-Dev",
        (1280, 1600),
        4233,
        79830,
        ["ferns", "night", "fireflies", "fractal"],
        "Fractal fern fronds unfurling under a full moon, mint and sage leaflets glowing faintly, "
        "fireflies drifting in the dark forest air, deep teal night, bioluminescent, delicate, "
        "magical realism, macro botanical, --ar 4:5",
    ),
    (
        "petal-mandala",
        "Petal Mandala",
        "elena.glassworks",
        "botanical",
        "DreamCanvas XL 2.1",
        (1600, 1600),
        3024,
        57095,
        ["mandala", "flower", "symmetry", "folk art"],
        "A radial botanical mandala of layered petals in teal, saffron, coral, lilac and rose, "
        "fine gold outlines and beaded rings, on a deep midnight-blue ground, folk-art "
        "symmetry, meditative, highly detailed vector illustration, 1:1",
    ),
]

# Newest first. The order mixes categories on purpose: the masonry grid fills its
# columns top to bottom, so neighbours in this list end up stacked in one column.
NEWEST = datetime(2025, 6, 1, 18, 0, tzinfo=UTC)
ORDER = [
    "neon-horizon-1986",
    "nebula-of-quiet-fire",
    "bauhaus-garden-no-7",
    "aurora-over-still-water",
    "murmuration-of-currents",
    "moonlit-ferns",
    "rose-window-prism",
    "groovy-sundown",
    "corona-hour",
    "paper-tide",
    "violet-hour-ridges",
    "petal-mandala",
    "tumbling-blocks-spectrum",
    "saturnine-dawn",
    "silk-in-the-afterglow",
    "riso-palm-sunset",
    "greenhouse-canopy",
    "topographic-reverie",
    "memphis-confetti-party",
    "amber-dune-sea",
]


def seed(apps, schema_editor):
    Creator = apps.get_model("gallery", "Creator")
    Artwork = apps.get_model("gallery", "Artwork")
    creators = {}
    for name, handle, color, bio in CREATORS:
        creators[handle], _ = Creator.objects.update_or_create(
            handle=handle, defaults={"name": name, "avatar_color": color, "bio": bio}
        )
    for slug, title, handle, category, model_name, (
        width,
        height,
    ), likes, views, tags, prompt in ARTWORKS:
        i = ORDER.index(slug)
        Artwork.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "prompt": prompt,
                "model_name": model_name,
                "creator": creators[handle],
                "static_image": f"img/gallery/{slug}.jpg",
                "static_thumbnail": f"img/gallery/{slug}-thumb.jpg",
                "width": width,
                "height": height,
                "likes": likes,
                "views": views,
                "tags": tags,
                "category": category,
                "created": NEWEST - timedelta(days=i * 3, hours=i * 5),
            },
        )


def unseed(apps, schema_editor):
    Artwork = apps.get_model("gallery", "Artwork")
    Creator = apps.get_model("gallery", "Creator")
    Artwork.objects.filter(slug__in=[a[0] for a in ARTWORKS]).delete()
    Creator.objects.filter(handle__in=[c[1] for c in CREATORS], artworks__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("gallery", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

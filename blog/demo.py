"""Demo blog posts for `manage.py seed_demo`: written by the shop team about the demo catalogue.
Idempotent: a post is matched by slug and never duplicated or overwritten."""

import re
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from blog.models import Post, PostStatus
from blog.services import tags_get_or_create
from shop.models import Product

# (slug, title, excerpt, tags, days ago, body). {SKU} becomes a link to that product.
POSTS = [
    (
        "care-for-a-cast-iron-skillet",
        "How to care for a cast iron skillet",
        "Five minutes of care after cooking keeps a cast iron pan non-stick for decades.",
        ["Kitchen", "Guides"],
        3,
        """A well-kept {KIT-001} gets better every time you use it. The dark, slick surface is
*seasoning*: thin layers of oil baked onto the iron. Looking after it is quick.

## After every use

1. **Clean it while it is warm.** Hot water and a brush or scraper shift almost everything.
   A drop of mild soap is fine; modern soap does not strip polymerised oil.
2. **Never leave it to soak.** Standing water is the one thing cast iron hates.
3. **Dry it on the hob.** A minute over low heat drives out the last moisture.
4. **Wipe on a thin film of oil** with kitchen paper, then wipe most of it off again.
   Too much oil turns sticky.

## What to cook first

Fry, sear and roast: bacon, potatoes and cornbread all build seasoning. Save long-simmered
tomato sauces and wine braises until the surface is well established, or make them in the
{KIT-004}, whose enamel does not mind acid.

## Tools that help

Metal spatulas are fine on cast iron, but a {KIT-005} is kinder to everything else in the
kitchen. If a patch of rust ever appears, scrub it back to bare metal, dry, oil and heat the
pan in the oven for an hour: it is as good as new.
""",
    ),
    (
        "better-pour-over-coffee-at-home",
        "Better pour-over coffee at home in five steps",
        "A scale, fresh beans and a steady pour: the simple routine behind a clean, sweet cup.",
        ["Coffee & Tea", "Guides"],
        10,
        """Pour-over coffee rewards a little precision. This is the routine our team uses with
the {COF-003}.

## You will need

- 15 g of coffee and 250 g of water (a ratio of about 1:16), weighed on a {KIT-007}
- Fresh beans, such as the floral {COF-001}, ground medium-fine in a {COF-005}
- Water just off the boil, 92–96 °C, poured from a {COF-004} for control

## The five steps

1. **Rinse the filter** with hot water to remove papery taste and warm the dripper.
2. **Bloom:** pour about 30 g of water, enough to wet all the grounds, and wait 30–45
   seconds while the coffee releases its gas.
3. **Pour in slow circles** until the scale reads 150 g, avoiding the filter walls.
4. **Top up to 250 g** in a second, gentler pour.
5. **Let it drain.** The whole brew should take about three minutes.

## Adjusting the taste

| If the cup tastes… | Try… |
|---|---|
| sour or thin | a finer grind or hotter water |
| bitter or harsh | a coarser grind |
| weak | a little more coffee (1:15) |

Change one thing at a time and you will find your cup within a week.
""",
    ),
    (
        "a-calmer-desk-for-working-from-home",
        "A calmer desk: small upgrades for working from home",
        "Screen height, light and fewer cables: four small changes that make long days easier.",
        ["Office", "Home"],
        17,
        """You do not need a new office to work better at home. Four small changes do most of
the work.

## 1. Raise the screen

The top of your screen should sit at, or just below, eye level, about an arm's length away.
A laptop on a {OFF-002} gets there in seconds; add a separate keyboard and mouse so your
elbows can rest at about 90 degrees.

## 2. Light the desk, not the screen

Glare and a dark room both tire the eyes. A {OFF-005} sits on top of the monitor and lights
the desk without reflecting off the screen.

## 3. Tame the cables

A tangle of chargers is visual noise you see all day. A {OFF-006} hides the power strip, and a
{OFF-003} gives the keyboard and mouse a quiet, defined home.

## 4. Keep paper close

A notebook by the keyboard catches to-dos before they become open browser tabs. The
{OFF-001} takes fountain pen ink without bleeding through.

> Small, cheap changes you keep beat a big overhaul you give up on.
""",
    ),
    (
        "packing-a-day-bag-for-a-spring-hike",
        "Packing a day bag for a spring hike",
        "Spring weather changes by the hour. A short checklist for a comfortable day out.",
        ["Outdoors", "Checklists"],
        24,
        """Spring hikes mean sun, showers and cold wind, sometimes within one afternoon. Here is
what goes into our {OUT-005} before a day on the trail.

## The checklist

- **Water:** plan on about half a litre per hour of walking. An {OUT-001} keeps it cold,
  or keeps tea hot on chilly mornings.
- **A waterproof layer:** a {OUT-002} weighs little and packs into its own pocket.
- **A warm layer,** even when it is sunny at the start.
- **Food:** more snacks than you think, and a proper lunch for longer routes.
- **Navigation:** an offline map on your phone, plus a charged {TEC-007} so the phone lasts.
- **Basics:** sun cream, a small first-aid kit and a headtorch, in case the walk runs late.

## For the lunch stop

A {OUT-003} has a waterproof back, so damp spring grass is no problem.

## Before you go

Check the forecast the evening before and again in the morning, tell someone your route, and
turn back if the weather turns. The hill will still be there next weekend.
""",
    ),
]

_sku = re.compile(r"\{([A-Z]{3}-\d{3})\}")


def _link_products(body: str) -> str:
    products = {p.sku: p for p in Product.objects.filter(sku__in=_sku.findall(body))}

    def link(match: re.Match) -> str:
        product = products.get(match.group(1))
        return f"[{product.name}]({product.get_absolute_url()})" if product else "our shop"

    return _sku.sub(link, body)


def demo_seed(*, progress: Callable[[str], None]) -> str:
    """The app's part of `manage.py seed_demo` (core): add the posts, say what was done."""
    return f"Blog ready ({demo_posts_seed()} new posts)."


@transaction.atomic
def demo_posts_seed() -> int:
    """Create the demo posts that are missing; return how many were new."""
    now = timezone.now()
    created = 0
    for slug, title, excerpt, tags, days_ago, body in POSTS:
        if Post.objects.filter(slug=slug).exists():
            continue
        post = Post.objects.create(
            slug=slug,
            title=title,
            excerpt=excerpt,
            body_markdown=_link_products(body),
            meta_description=excerpt,
            status=PostStatus.PUBLISHED,
            publish_at=now - timedelta(days=days_ago),
        )
        post.tags.set(tags_get_or_create(names=tags))
        created += 1
    return created

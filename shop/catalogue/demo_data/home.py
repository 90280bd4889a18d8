from shop.catalogue.demo_data.base import DemoCategory, DemoProduct, Prose, Text

HOME = DemoCategory(
    slug="home",
    name=Text(uk="Дім", en="Home"),
    description=Text(
        uk="Дрібниці, з якими вдома спокійніше й світліше.",
        en="Small things that make a home calmer and brighter.",
    ),
    products=[
        DemoProduct(
            sku="HOM-001",
            price="2849.00",
            stock=12,
            picture="lucide:sofa",
            name=Text(uk="Лляний плед", en="Linen Throw Blanket"),
            short=Text(
                uk="Литовський льон, випраний із каменями, — м'який із першого дня.",
                en="Stone-washed Lithuanian linen, soft from day one.",
            ),
            description=Prose(
                uk="""
                Витканий у Литві з європейського льону й випраний із каменями, тож приходить
                уже м'яким і з тією легкою зім'ятістю, за яку люблять льон. Льон дихає: у
                літній вечір під пледом не жарко, а восени він затишно гріє поверх светра.

                Розмір 130 × 170 см — можна загорнутися самому або вкрити двох на дивані.
                Теплий вівсяний колір, короткі краї з торочками.

                Догляд: прання за 40 °C із м'яким засобом і без кондиціонера, сушити на
                мотузці. Після кожного прання плед стає ще м'якшим.
                """,
                en="""
                Woven in Lithuania from European flax and stone-washed, so it arrives soft and
                relaxed, with the gentle crumple linen is loved for. Linen breathes: the throw
                is cool on a summer evening and still cosy over a jumper in autumn.

                At 130 × 170 cm it wraps around one person or covers two on the sofa. A warm
                oat colour, with a fringe on the short edges.

                Care: machine wash at 40 °C with a mild detergent and no fabric softener; dry
                on a line. It gets softer with every wash.
                """,
            ),
        ),
        DemoProduct(
            sku="HOM-002",
            price="739.00",
            stock=50,
            picture="tabler:candle",
            name=Text(uk="Соєва свічка «Кедр і шавлія»", en="Soy Candle — Cedar & Sage"),
            short=Text(
                uk="Сорок годин тихого лісового аромату.",
                en="Forty hours of a quiet forest scent.",
            ),
            description=Prose(
                uk="""
                Відлита вручну невеликими партіями із соєвого воску з бавовняним ґнотом —
                горить чисто й повільно. Аромат починається зі свіжої шавлії та бергамоту й
                переходить у кедр із краплею ветиверу: прогулянка лісом, а не освіжувач
                повітря.

                Свічка вагою 200 г у склянці з бурштинового скла, яка знадобиться й потім,
                горить близько сорока годин. Щоб віск танув рівно, уперше не гасіть свічку,
                доки не розплавиться вся поверхня (близько двох годин), а перед кожним
                запалюванням підрізайте ґніт до 5 мм.

                Не залишайте запалену свічку без нагляду й тримайте її подалі від дітей,
                тварин і протягів.
                """,
                en="""
                Poured by hand in small batches from soy wax with a cotton wick, so it burns
                cleanly and slowly. The scent opens with fresh sage and bergamot and settles
                into cedarwood and a little vetiver: a walk in the woods, not an air freshener.

                The 200 g candle in a reusable amber-glass jar burns for about forty hours. For
                an even melt, let it burn the first time until the whole surface is liquid,
                about two hours, and trim the wick to 5 mm before each lighting.

                Never leave a burning candle unattended, and keep it away from children, pets
                and draughts.
                """,
            ),
        ),
        DemoProduct(
            sku="HOM-003",
            price="859.00",
            stock=30,
            picture="lucide:plant-pot",
            name=Text(uk="Керамічний вазон 15 см", en="Ceramic Planter 15 cm"),
            short=Text(
                uk="Матова глазур, дренажний отвір і піддон.",
                en="Matte glaze with drainage hole and saucer.",
            ),
            description=Prose(
                uk="""
                Простий, трохи звужений донизу вазон для сансевієрії, молодої монстери чи
                кухонної зелені. Матова глазур зовні приємна на дотик, а всередині вазон теж
                покритий глазур'ю, тож не береться плямами й не пропускає воду крізь стінки.

                Дренажний отвір не дає кореням стояти у воді, а піддон у тон збирає зайву
                вологу. Діаметр 15 см, висота 14 см — для рослин у транспортному горщику
                12–14 см.

                Догляд: протирайте вологою ганчіркою. Вазон для приміщень: якщо влітку він
                стоїть надворі, занесіть його до перших заморозків.
                """,
                en="""
                A simple, slightly tapered pot for a snake plant, a young monstera or kitchen
                herbs. The matte glaze outside is soft to the touch; the inside is glazed too,
                so the pot does not stain or let water seep through its walls.

                A drainage hole keeps the roots out of standing water, and the matching saucer
                catches what runs through. 15 cm across and 14 cm tall, for plants in a
                12–14 cm nursery pot.

                Care: wipe with a damp cloth. Made for indoors; if it spends the summer
                outside, bring it in before the first frost.
                """,
            ),
        ),
        DemoProduct(
            sku="HOM-004",
            price="1399.00",
            compare_at="1599.00",
            stock=2,
            picture="lucide:footprints",
            name=Text(uk="Вовняний килимок під двері", en="Wool Doormat"),
            short=Text(
                uk="Збирає бруд, швидко висихає й гарно виглядає.",
                en="Catches mud, dries quickly, looks sharp.",
            ),
            description=Prose(
                uk="""
                Густий щільний ворс із вовни зчищає з взуття бруд і пісок та тримає їх, доки
                ви не витрусите килимок. Вовна вбирає вологу, не здаючись мокрою на дотик, і
                швидко висихає — килимок витримає і дощовий тиждень, і засніжені черевики.

                Гумова основа не дає йому ковзати по плитці чи ламінату. Розмір 75 × 45 см,
                товщина 1,5 см, графітовий колір і плетіння «ялинкою», на якому бруд між
                прибираннями не так помітно.

                Для передпокою чи ґанку під дахом. Догляд: витрушуйте або пилососьте; за
                потреби промийте холодною водою й висушіть, розклавши рівно.
                """,
                en="""
                Thick, tightly woven wool bristles scrape mud and grit off shoes and hold on
                to them until you shake the mat out. Wool takes in water without feeling wet
                and dries quickly, so the mat copes with a rainy week and snowy boots.

                A rubber backing keeps it from sliding on tiles and laminate. 75 × 45 cm and
                1.5 cm thick, in graphite with a herringbone weave that hides the dirt between
                cleans.

                For hallways and covered porches. Care: shake out or vacuum; if needed, rinse
                with cold water and dry flat.
                """,
            ),
        ),
        DemoProduct(
            sku="HOM-005",
            price="2399.00",
            stock=14,
            picture="tabler:lamp",
            name=Text(uk="Приліжкова лампа", en="Bedside Lamp"),
            short=Text(
                uk="Тепле світло з регулюванням яскравості й лляний абажур.",
                en="Warm dimmable light with a linen shade.",
            ),
            description=Prose(
                uk="""
                Невелика лампа, щоб читати в ліжку, і на вечори, коли верхнє світло — це вже
                забагато. Лляний абажур розсіює світло в теплий м'який відблиск, а сенсорний
                регулятор на дроті зменшує яскравість від світла для читання до нічника.

                Основа виточена з масиву ясена й обтяжена, тож лампа не перекинеться, коли
                потягнетеся до неї. Цоколь E27, у комплекті світлодіодна лампочка 6 Вт,
                2700 K. Висота 38 см, діаметр абажура 22 см, текстильний дріт 1,8 м.

                Догляд: змітайте пил з абажура м'якою щіточкою.
                """,
                en="""
                A small lamp for reading in bed and for evenings when the ceiling light is too
                much. The linen shade softens the light into a warm glow, and a touch dimmer
                on the cable takes it from reading-bright down to a night light.

                The base is turned from solid ash and weighted, so it does not tip when you
                reach for it. It takes an E27 bulb; a 6 W LED at 2,700 K is included. Height
                38 cm, shade 22 cm across, 1.8 m fabric cable.

                Care: dust the shade with a soft brush.
                """,
            ),
        ),
        DemoProduct(
            sku="HOM-006",
            price="1499.00",
            stock=22,
            picture="own:towels",
            name=Text(uk="Бавовняні банні рушники, 2 шт.", en="Cotton Bath Towels (2)"),
            short=Text(
                uk="Щільна бавовна 600 г/м², яка з часом стає лише м'якшою.",
                en="Heavy 600 gsm cotton that only gets softer.",
            ),
            description=Prose(
                uk="""
                Виткані в Туреччині з довговолокнистої бавовни щільністю 600 г/м² — товсті,
                добре вбирають вологу й швидко висихають після душу. Петлі щільно скручені,
                тож рушники лишаються м'якими й не линяють після перших прань.

                Два банні рушники 70 × 140 см, білі, кожен із петелькою.

                Догляд: перед першим використанням виперіть за температури до 60 °C; не
                додавайте кондиціонер — через нього бавовна гірше вбирає воду. Сушіть у
                машині на низькій температурі або на мотузці.
                """,
                en="""
                Woven in Turkey from long-staple cotton at a generous 600 grams per square
                metre: thick, absorbent and quick to dry after a shower. The loops are tightly
                twisted, so they stay soft and do not pull or shed after the first washes.

                Two white bath towels, 70 × 140 cm each, with a hanging loop.

                Care: wash at up to 60 °C before first use and skip the fabric softener, which
                makes cotton less absorbent. Tumble dry on low or dry on a line.
                """,
            ),
        ),
        DemoProduct(
            sku="HOM-007",
            price="1949.00",
            stock=8,
            picture="tabler:clock",
            name=Text(uk="Настінний годинник із дуба", en="Wall Clock, Oak"),
            short=Text(
                uk="Безшумний плавний хід у рамі з масиву дуба.",
                en="Silent sweep movement in a solid oak frame.",
            ),
            description=Prose(
                uk="""
                Годинник, який видно, але не чути: секундна стрілка рухається плавно, без
                цокання, тож він доречний і в спальні, і на кухні. Раму вирізано з масиву
                європейського дуба й покрито олією, що підкреслює текстуру деревини, а білий
                циферблат має тонкі чорні стрілки.

                Діаметр 30 см, глибина 4 см, кріплення на один шуруп. Працює від однієї
                батарейки AA (є в комплекті) приблизно рік.

                Догляд: витирайте пил сухою ганчіркою; не вішайте над парою й під прямим
                сонцем.
                """,
                en="""
                A clock you see but never hear: the sweep movement glides instead of ticking,
                so it belongs in a bedroom as much as in a kitchen. The frame is cut from
                solid European oak and oiled to show the grain, around a clean white dial with
                slim black hands.

                30 cm across and 4 cm deep, with a keyhole fixing for one screw. Runs for
                about a year on one AA battery (included).

                Care: dust with a dry cloth; keep it away from steam and direct sun.
                """,
            ),
        ),
    ],
)

from shop.catalogue.demo_data.base import DemoCategory, DemoProduct, Prose, Text

OUTDOORS = DemoCategory(
    slug="outdoors",
    name=Text(uk="Відпочинок на природі", en="Outdoors"),
    description=Text(
        uk="Усе для прогулянок, пікніків і довгих вихідних за містом.",
        en="Kit for walks, picnics and long weekends away.",
    ),
    products=[
        DemoProduct(
            sku="OUT-001",
            price="1099.00",
            stock=55,
            picture="tabler:bottle",
            name=Text(uk="Термопляшка 750 мл", en="Insulated Water Bottle 750 ml"),
            short=Text(
                uk="Тримає холод 24 години, тепло — 12.",
                en="Cold for 24 hours, hot for 12.",
            ),
            description=Prose(
                uk="""
                Подвійні стінки з нержавної сталі й вакуум між ними: вода лишається холодною
                весь спекотний день, а чай — гарячим аж до вершини. Зовні пляшка не пітніє,
                тож її можна класти в сумку поруч із телефоном чи книжкою.

                У широке горло пролазять кубики льоду та йоржик, а герметична кришка має
                петлю, щоб зручно нести. Об'єм 750 мл, висота 26 см, вага 380 г, без BPA й
                присмаку пластику.

                Догляд: мийте вручну йоржиком; не кладіть у морозилку й посудомийну машину —
                це може пошкодити вакуумний шар.
                """,
                en="""
                Double-walled stainless steel with a vacuum between the walls: water stays
                cold through a summer day and tea stays hot until the top of the hill. The
                outside never sweats, so it can go in a bag next to a phone or a book.

                The wide mouth takes ice cubes and a bottle brush, and the leak-proof lid has
                a carry loop. 750 ml, 26 cm tall, 380 g, free of BPA and of any plastic taste.

                Care: wash by hand with a bottle brush; keep it out of the freezer and the
                dishwasher, which can damage the vacuum.
                """,
            ),
        ),
        DemoProduct(
            sku="OUT-002",
            price="3249.00",
            compare_at="3899.00",
            stock=10,
            picture="tabler:jacket",
            name=Text(uk="Легка мембранна куртка-дощовик", en="Packable Rain Jacket"),
            short=Text(
                uk="Не промокає, дихає й складається у власну кишеню.",
                en="Waterproof, breathable, folds into its pocket.",
            ),
            description=Prose(
                uk="""
                Куртка для дощу, якого не було в планах. Мембрана 2,5 шару з проклеєними
                швами витримує тривалу зливу (водостійкість 20 000 мм) і водночас виводить
                достатньо вологи (паропроникність 15 000 г/м²/24 год), щоб було комфортно
                навіть на стрімкому підйомі.

                Каптур регулюється одним рухом і не злітає на вітрі, манжети застібаються на
                липучки, а у дві кишені на блискавках поміщаються руки й телефон. Куртка
                важить 290 г і складається у власну нагрудну кишеню — виходить згорток
                завбільшки з пляшку води. Крій унісекс.

                Догляд: прання за 30 °C засобом для мембранного одягу; сушіння в машині на
                помірній температурі відновлює водовідштовхувальне просочення.
                """,
                en="""
                A jacket for the rain you didn't plan for. The 2.5-layer membrane with taped
                seams keeps out a steady downpour (20,000 mm waterproof) while letting out
                enough moisture (15,000 g/m²/24 h) to stay comfortable on a brisk climb.

                The hood adjusts with one pull and stays up in the wind, the cuffs close with
                Velcro, and two zipped pockets take your hands and a phone. It weighs 290 g
                and packs into its own chest pocket, about the size of a water bottle. Unisex
                cut.

                Care: wash at 30 °C with a detergent for technical wear; a warm tumble dry
                renews the water-repellent finish.
                """,
            ),
        ),
        DemoProduct(
            sku="OUT-003",
            price="1599.00",
            stock=16,
            picture="tabler:picnic-table",
            name=Text(
                uk="Плед для пікніка з водонепроникною основою",
                en="Picnic Blanket, Waterproof Back",
            ),
            short=Text(
                uk="Вистачить на чотирьох, згортається й застібається ременем.",
                en="Big enough for four, rolls up with a strap.",
            ),
            description=Prose(
                uk="""
                Зверху м'який фліс, знизу — водонепроникний шар: плед можна розстелити на
                росяній траві чи вологому піску й залишитися сухим. Розмір 200 × 150 см —
                вистачить на чотирьох, ще й для їжі посередині залишиться місце.

                Плед згортається в акуратний рулон із м'яким ременем для перенесення й важить
                трохи менше за кілограм — легко взяти з собою на велопрогулянку до озера.
                Зелено-кремова клітинка добре приховує сліди трави.

                Догляд: витрусіть і протріть основу вологою ганчіркою; за потреби періть у
                машині за 30 °C і сушіть на повітрі.
                """,
                en="""
                Soft fleece on top and a waterproof layer underneath: spread it on dewy grass
                or damp sand and stay dry. At 200 × 150 cm it seats four, with room for the
                food in the middle.

                It rolls up into a neat bundle with a padded carry strap and weighs just under
                a kilo, light enough for a bike ride to the lake. The green and cream check
                hides grass stains well.

                Care: shake it out and wipe the back with a damp cloth; when needed, machine
                wash at 30 °C and dry in the air.
                """,
            ),
        ),
        DemoProduct(
            sku="OUT-004",
            price="1299.00",
            stock=7,
            picture="own:lantern",
            name=Text(uk="Кемпінговий ліхтар", en="Camping Lantern"),
            short=Text(
                uk="Заряджається через USB-C, три рівні яскравості.",
                en="USB-C rechargeable, three brightness levels.",
            ),
            description=Prose(
                uk="""
                Тепле рівне світло для намету, балкона чи на час відключень. Матовий плафон
                розсіює світло навколо й не сліпить: оберіть м'які 30 люменів для читання,
                150 — щоб готувати, або 300, щоб освітити весь табір.

                Вбудованого акумулятора на 4400 мА·год вистачає від 5 годин на повній
                яскравості до 60 годин на мінімальній; він заряджається через USB-C
                приблизно за чотири години, а в скрутну хвилину й сам підзарядить телефон.
                Складаний гачок дає повісити ліхтар на петлю намету чи гілку; захист від
                бризок IPX4.

                Вага 280 г, висота 17 см.
                """,
                en="""
                Warm, even light for a tent, a balcony or a power cut. The frosted shade
                spreads it all round without glare: choose a gentle 30 lumens for reading, 150
                for cooking or 300 to light up the whole camp.

                The built-in 4,400 mAh battery lasts from 5 hours at full brightness to 60
                hours on low, recharges through USB-C in about four hours and can top up a
                phone in an emergency. A folding hook hangs it from a tent loop or a branch,
                and it is splash-proof (IPX4).

                280 g, 17 cm tall.
                """,
            ),
        ),
        DemoProduct(
            sku="OUT-005",
            price="2599.00",
            stock=13,
            picture="tabler:backpack",
            name=Text(uk="Туристичний рюкзак 20 л", en="Trail Daypack 20 L"),
            short=Text(
                uk="М'які лямки, поясний ремінь і кишеня для питної системи.",
                en="Padded straps, hip belt and a hydration sleeve.",
            ),
            description=Prose(
                uk="""
                Якраз на день у горах чи в лісі: вода, обід, запасна кофта й дощовик
                поміщаються, ще й місце лишається. Спинка із сітки провітрюється, лямки м'які
                й анатомічні, а нагрудний і легкий поясний ремені тримають вагу ближче до
                тіла, коли стежка стає крутою.

                Усередині — кишеня для питної системи на 2 л з отвором для трубки; зовні —
                еластичні бічні кишені для пляшок, верхня кишеня на блискавці для ключів і
                петля для трекінгових палиць. Нейлон ріпстоп 210D відштовхує воду, а в дні
                сховано чохол від дощу.

                Об'єм 20 л, вага 650 г, для спини завдовжки 40–52 см.
                """,
                en="""
                Sized for a day on the trail: water, lunch, a spare layer and a rain jacket
                fit with room to spare. The back panel is ventilated mesh, the shoulder straps
                are padded and shaped, and a chest strap and a light hip belt keep the load
                close when the path gets steep.

                Inside, a sleeve holds a 2-litre hydration bladder, with a port for the tube;
                outside, there are stretch side pockets for bottles, a zipped top pocket for
                keys and a loop for walking poles. The 210D ripstop nylon repels water, and a
                rain cover hides in the base.

                20 litres, 650 g, for back lengths of 40–52 cm.
                """,
            ),
        ),
        DemoProduct(
            sku="OUT-006",
            price="409.00",
            stock=70,
            picture="tabler:mug",
            name=Text(uk="Емальоване туристичне горнятко", en="Enamel Camp Mug"),
            short=Text(
                uk="Класична емаль у цятку, 350 мл.",
                en="Classic speckled enamel, 350 ml.",
            ),
            description=Prose(
                uk="""
                Горнятко, яке бувало на кожному привалі ще за часів наших бабусь і дідусів:
                сталь під блискучою емаллю в цятку, легке, майже не б'ється й спокійно стоїть
                на туристичному пальнику, поки гріється чай.

                Об'єм 350 мл; пити зручно завдяки загнутому краю з нержавної сталі, а ручка
                досить велика навіть для руки в рукавиці. Удома воно стане склянкою для
                олівців або чашкою для ранкової кави на балконі.

                Догляд: можна мити в посудомийній машині. Якщо впустити горнятко на камінь,
                емаль може відколотися — це лише додасть йому характеру.
                """,
                en="""
                The mug that has been to every campsite since our grandparents' day: steel
                under glossy speckled enamel, light, nearly unbreakable and happy to sit on a
                camping stove while the tea warms up.

                It holds 350 ml, the rolled stainless rim is comfortable to drink from, and
                the handle is big enough for a gloved hand. At home it makes a fine pencil pot
                or a cup for morning coffee on the balcony.

                Care: dishwasher-safe. Drop it on a rock and the enamel may chip, which only
                adds character.
                """,
            ),
        ),
    ],
)

from shop.catalogue.demo_data.base import DemoCategory, DemoProduct, Prose, Text

KITCHEN = DemoCategory(
    slug="kitchen",
    name=Text(uk="Кухня", en="Kitchen"),
    description=Text(
        uk="Посуд і приладдя для тих, хто любить готувати.",
        en="Tools and tableware for people who like to cook.",
    ),
    products=[
        DemoProduct(
            sku="KIT-001",
            price="1649.00",
            compare_at="2049.00",
            stock=24,
            picture="own:skillet",
            name=Text(uk="Чавунна сковорода 26 см", en="Cast Iron Skillet 26 cm"),
            short=Text(
                uk="Уже прожарена з олією, можна в духовку — прослужить десятиліттями.",
                en="Pre-seasoned, oven-safe and ready for a lifetime of searing.",
            ),
            description=Prose(
                uk="""
                Важка й надійна сковорода, яка добре тримає жар: стейк отримує рум'яну
                скоринку, а картопля підсмажується, а не тушкується. Вона вже прожарена з
                рослинною олією і з кожним приготуванням стає лише кращою — і дедалі менше
                пригорає.

                Підходить для газових, електричних та індукційних плит, духовки до 260 °C і
                навіть багаття. На дні діаметром 26 см уміщаються два стейки або фрітата з
                чотирьох яєць, а додаткова ручка навпроти основної допомагає підняти повну
                сковороду.

                Догляд: мийте гарячою водою й щіткою, просушіть на плиті та протріть краплею
                олії. Не для посудомийної машини. Вага 2,4 кг.
                """,
                en="""
                A heavy, honest pan that holds its heat, so steaks get a deep crust and
                potatoes turn golden instead of steaming. It comes seasoned with vegetable oil
                and only gets better, and more non-stick, the more you cook in it.

                Use it on gas, electric and induction hobs, in the oven up to 260 °C or over a
                campfire. The 26 cm base fits two steaks or a four-egg frittata; the helper
                handle opposite the main one makes a full pan easier to lift.

                Care: wash with hot water and a brush, dry it on the hob and wipe it with a
                drop of oil. Not for the dishwasher. Weight 2.4 kg.
                """,
            ),
        ),
        DemoProduct(
            sku="KIT-002",
            price="2599.00",
            stock=15,
            picture="lucide:slice",
            name=Text(uk="Кухарський ніж 20 см", en="Chef's Knife 20 cm"),
            short=Text(
                uk="Німецька сталь, суцільний хвостовик і зручний баланс для щоденної нарізки.",
                en="German steel, full tang, balanced for everyday prep.",
            ),
            description=Prose(
                uk="""
                Той самий ніж, який береш щодня: достатньо довгий, щоб розрізати качан
                капусти, і досить спритний, щоб дрібно посікти часник. Лезо викуване з
                німецької нержавної сталі X50CrMoV15, загартоване до 56 HRC і заточене під
                кутом 15° з кожного боку.

                Суцільний хвостовик проходить через усе руків'я, тож центр ваги припадає на
                больстер, і ніж упевнено лежить у руці навіть під час швидкої нарізки.
                Руків'я з POM-пластику на заклепках не тріскається й не набухає від води.

                Догляд: мийте вручну й одразу витирайте насухо; правте мусатом щотижня, а
                заточуйте раз-два на рік. Довжина леза 20 см, загальна — 33 см.
                """,
                en="""
                The one knife you reach for every day: long enough to halve a cabbage, nimble
                enough to mince garlic. The blade is forged from German X50CrMoV15 stainless
                steel, hardened to 56 HRC and sharpened to a 15° edge on each side.

                The full tang runs through the handle, so the knife balances at the bolster
                and stays steady through a rocking cut. The riveted POM handle does not crack
                or swell in water.

                Care: wash by hand and dry straight away; hone it weekly and sharpen it once
                or twice a year. Blade 20 cm, overall length 33 cm.
                """,
            ),
        ),
        DemoProduct(
            sku="KIT-003",
            price="999.00",
            stock=40,
            picture="own:board",
            name=Text(uk="Набір бамбукових обробних дощок", en="Bamboo Cutting Board Set"),
            short=Text(
                uk="Три дошки з жолобками для соку, які бережуть заточку ножів.",
                en="Three boards with juice grooves; gentle on knife edges.",
            ),
            description=Prose(
                uk="""
                Три розміри — для трьох завдань: велика дошка (40 × 30 см), щоб нарізати
                запечене м'ясо, середня (33 × 23 см) — для щоденної нарізки, маленька
                (25 × 18 см) — для лимона, сиру чи зелені. Жолобок по краю двох більших дощок
                збирає сік, і він не розтікається стільницею.

                Бамбук мосо твердіший за більшість порід дерева, але не тупить ножі, а
                виростає знову за кілька років без пересаджування.

                Догляд: мийте теплою водою з милом, сушіть вертикально й раз на місяць
                натирайте харчовою мінеральною олією. Не мийте в посудомийній машині й не
                залишайте замоченими.
                """,
                en="""
                Three sizes for three jobs: the large board (40 × 30 cm) for carving a roast,
                the medium one (33 × 23 cm) for everyday chopping and the small one
                (25 × 18 cm) for a lemon, cheese or herbs. A groove around the two larger
                boards catches juices before they reach the worktop.

                Moso bamboo is harder than most woods yet kind to a sharp edge, and it grows
                back within a few years without replanting.

                Care: wash in warm soapy water, stand upright to dry and rub with food-safe
                mineral oil once a month. Keep out of the dishwasher and never leave to soak.
                """,
            ),
        ),
        DemoProduct(
            sku="KIT-004",
            price="3649.00",
            compare_at="4449.00",
            stock=6,
            picture="lucide:cooking-pot",
            name=Text(uk="Чавунна емальована каструля 4 л", en="Enamel Dutch Oven 4 L"),
            short=Text(
                uk="Для довгого тушкування, хрусткого хліба й усього, що між ними.",
                en="Slow braises, crusty bread and everything in between.",
            ),
            description=Prose(
                uk="""
                Чавун під емаллю рівномірно розподіляє тепло й довго його тримає, тож рагу
                може годинами томитися на найменшому вогні чи в духовці й не пригорить.
                Важка кришка щільно закриває каструлю, а виступи з її внутрішнього боку
                повертають конденсат назад на страву.

                Гладка емаль не потребує прожарювання й не боїться томатів, вина чи оцту.
                Каструля підходить для будь-якої плити, зокрема індукційної, і для духовки
                до 250 °C — саме в ній виходить хліб без замішування з хрусткою скоринкою.

                Догляд: дайте охолонути, а тоді мийте теплою водою й м'якою губкою, без
                металевих мочалок. Об'єм 4 л, діаметр 24 см.
                """,
                en="""
                Enamelled cast iron spreads heat evenly and keeps it, so a stew can simmer for
                hours on the lowest flame or in a low oven without catching. The heavy lid
                seals in the steam, and the little bumps underneath drip it back onto the food.

                The glossy enamel needs no seasoning and does not mind tomatoes, wine or
                vinegar. Use it on any hob, induction included, and in the oven up to 250 °C:
                it is the pot for a no-knead loaf with a crackling crust.

                Care: let it cool, then wash with warm water and a soft sponge; no metal
                scourers. Capacity 4 litres, diameter 24 cm.
                """,
            ),
        ),
        DemoProduct(
            sku="KIT-005",
            price="529.00",
            stock=80,
            picture="tabler:grill-spatula",
            name=Text(uk="Набір силіконових лопаток, 3 шт.", en="Silicone Spatula Trio"),
            short=Text(
                uk="Витримують до 260 °C, цільні, можна мити в посудомийній машині.",
                en="Heat-resistant to 260 °C, one-piece and dishwasher-safe.",
            ),
            description=Prose(
                uk="""
                Широка лопатка — щоб вмішувати тісто й вибирати його з миски до останньої
                ложки, вузька — для банок, а лопатка-ложка — щоб помішувати соуси. Кожну
                відлито з харчового силікону цілком, разом зі сталевим стрижнем усередині:
                немає швів, де ховаються залишки їжі, і голівка ніколи не відпаде.

                Лопатки не дряпають антипригарне покриття чи емаль і спокійно лежать на
                гарячій сковороді. Довжина 28, 26 і 21 см.

                Догляд: можна мити в посудомийній машині; стійкий запах часнику зникне після
                десяти хвилин у теплій духовці.
                """,
                en="""
                A wide spatula for folding batter and scraping the bowl clean, a narrow one for
                jars and a spoon-spatula for stirring sauces. Each is moulded in one piece of
                food-grade silicone around a steel core, so there is no seam for food to hide
                in and no head to work loose.

                They will not scratch non-stick pans or enamel and are happy resting in a hot
                pan. Lengths 28, 26 and 21 cm.

                Care: dishwasher-safe; a stubborn smell of garlic goes after ten minutes in a
                warm oven.
                """,
            ),
        ),
        DemoProduct(
            sku="KIT-006",
            price="1799.00",
            stock=3,
            picture="own:plate",
            name=Text(
                uk="Обідні тарілки з кам'яної кераміки, 4 шт.",
                en="Stoneware Dinner Plates (4)",
            ),
            short=Text(
                uk="Реактивна глазур — кожна тарілка трохи інакша.",
                en="Reactive glaze, each one a little different.",
            ),
            description=Prose(
                uk="""
                Тарілки зроблені в невеликій гончарні й випалені за 1250 °C — щільні, стійкі
                до сколів і приємно важкі в руці. Реактивна глазур щоразу розтікається
                по-своєму, тож цятки й сіро-блакитний край на кожній тарілці трохи інші.

                Діаметр 27 см: уміщається повноцінний обід, і нічого не тісниться.
                Неглазуроване кільце на денці тримає тарілку стійко на столі, а в шафі вони
                акуратно складаються стосом.

                Догляд: можна мити в посудомийній машині й ставити в мікрохвильовку. Уникайте
                різких перепадів температури — скажімо, з холодильника одразу в гарячу
                духовку.
                """,
                en="""
                Made in a small pottery and fired at 1,250 °C, these plates are dense,
                chip-resistant and heavy enough to feel good in the hand. The reactive glaze
                pools and breaks differently in every firing, so the speckles and the
                blue-grey rim vary from plate to plate.

                At 27 cm across they take a full dinner without crowding. The unglazed foot
                ring keeps them steady on the table and lets them stack neatly in the
                cupboard.

                Care: dishwasher- and microwave-safe. Avoid sudden changes of temperature,
                such as from the fridge straight into a hot oven.
                """,
            ),
        ),
        DemoProduct(
            sku="KIT-007",
            price="819.00",
            stock=35,
            picture="tabler:scale-outline",
            name=Text(uk="Електронні кухонні ваги", en="Digital Kitchen Scale"),
            short=Text(
                uk="Точність до грама, до 5 кг, з функцією тари.",
                en="Weighs to the gram, up to 5 kg, with tare.",
            ),
            description=Prose(
                uk="""
                Випічка вдається найкраще, коли все зважено, — і кава в пуровері теж. Ці
                тонкі ваги показують вагу з точністю до 1 г і до 5 кг, перемикаються між
                грамами, мілілітрами води й унціями, а кнопка тари дає змогу зважувати
                інгредієнти по черзі в одній мисці.

                Поверхню із загартованого скла легко протерти, а дисплей із підсвіткою видно
                навіть з-під великої миски. Ваги вимикаються самі після трьох хвилин
                бездіяльності; двох батарейок AAA (є в комплекті) вистачає приблизно на рік
                щоденного користування.

                Розмір 22 × 16 × 1,8 см.
                """,
                en="""
                Baking works best by weight, and so does pour-over coffee. This slim scale
                reads to 1 g up to 5 kg, switches between grams, millilitres of water and
                ounces, and its tare button lets you weigh one ingredient after another in the
                same bowl.

                The tempered-glass top wipes clean in a second, and the backlit display stays
                readable under a large mixing bowl. It switches itself off after three minutes
                of rest; two AAA batteries (included) last about a year of daily use.

                Size 22 × 16 × 1.8 cm.
                """,
            ),
        ),
    ],
)

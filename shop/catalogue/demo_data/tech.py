from shop.catalogue.demo_data.base import DemoCategory, DemoProduct, Prose, Text

TECH = DemoCategory(
    slug="tech",
    name=Text(uk="Аксесуари для техніки", en="Tech Accessories"),
    description=Text(
        uk="Зарядки, кабелі й чохли, які служать довго.",
        en="Chargers, cables and cases that last.",
    ),
    products=[
        DemoProduct(
            sku="TEC-001",
            price="1599.00",
            stock=33,
            picture="lucide:plug-zap",
            name=Text(uk="Зарядний пристрій USB-C 65 Вт", en="USB-C Charger 65 W"),
            short=Text(
                uk="Заряджає ноутбук і телефон одночасно.",
                en="Charges a laptop and a phone at once.",
            ),
            description=Prose(
                uk="""
                Одна невелика зарядка замість трьох. Завдяки компонентам на нітриді галію
                (GaN) вона приблизно вдвічі менша за звичайний блок живлення ноутбука, а
                видає до 65 Вт через USB Power Delivery: цього вистачає для більшості
                ноутбуків на 13–15 дюймів, а телефон заряджається з 0 до 50 % приблизно за
                пів години.

                Два порти USB-C і один USB-A самі ділять потужність: якщо під'єднати ноутбук
                і телефон, перший отримає 45 Вт, другий — 20 Вт. Вилка складається, тож
                зарядку зручно брати в дорогу, а працює вона від мережі 100–240 В у
                будь-якій країні.

                Захист від перегріву, перевантаження й короткого замикання. Кабель не входить
                у комплект — до зарядки добре пасує наш плетений кабель USB-C.
                """,
                en="""
                One small charger instead of three. Gallium nitride (GaN) parts make it about
                half the size of a typical laptop brick, yet it delivers up to 65 W over USB
                Power Delivery: enough for most 13–15-inch laptops, and for a phone from 0 to
                50% in about half an hour.

                Two USB-C ports and one USB-A share the power automatically: with a laptop and
                a phone plugged in, the laptop gets 45 W and the phone 20 W. The plug folds
                away for travel, and it works on 100–240 V anywhere in the world.

                Protected against overheating, over-current and short circuits. No cable in
                the box; our braided USB-C cable is a good match.
                """,
            ),
        ),
        DemoProduct(
            sku="TEC-002",
            price="569.00",
            stock=90,
            picture="lucide:cable",
            name=Text(uk="Плетений кабель USB-C, 2 м", en="Braided USB-C Cable 2 m"),
            short=Text(
                uk="Витримує 20 000 згинів у наших тестах.",
                en="Tested for 20,000 bends.",
            ),
            description=Prose(
                uk="""
                Кабель, який переживе телефон. Нейлонове обплетення й посилені з'єднання біля
                обох штекерів витримали в наших тестах 20 000 згинів — там, де звичайні
                кабелі починають перетиратися біля штекера.

                USB-C з обох боків, розрахований на 100 Вт (5 А): заряджає на повній
                швидкості не лише телефони й планшети, а й ноутбуки, і передає дані зі
                швидкістю USB 2.0. Двох метрів вистачає, щоб дотягнутися від розетки за
                диваном чи ліжком. Стяжка-липучка тримає його акуратно згорнутим у сумці.

                Колір графітовий.
                """,
                en="""
                The cable that outlives the phone. A braided nylon jacket and reinforced necks
                at both plugs survived 20,000 bends in our tests, where ordinary cables start
                to fray at the plug.

                USB-C at both ends and rated for 100 W (5 A), so it charges laptops at full
                speed as well as phones and tablets, and moves data at USB 2.0 speed. Two
                metres reach from the socket behind the sofa or the bed, and a Velcro tie
                keeps it tidy in a bag.

                In graphite.
                """,
            ),
        ),
        DemoProduct(
            sku="TEC-003",
            price="1199.00",
            compare_at="1449.00",
            stock=21,
            picture="lucide:smartphone-charging",
            name=Text(uk="Бездротова зарядка", en="Wireless Charging Pad"),
            short=Text(
                uk="Зарядка Qi на 15 Вт із приємною на дотик поверхнею.",
                en="15 W Qi charging with a soft-touch top.",
            ),
            description=Prose(
                uk="""
                Поклали телефон — і він заряджається, не треба шукати кабель у темряві.
                Зарядка видає до 15 Вт для телефонів із Qi (7,5 Вт для iPhone) навіть крізь
                чохол завтовшки до 5 мм, а м'який індикатор показує, що заряджання почалося,
                і потім пригасає, щоб не заважати спати.

                Поверхня soft-touch і гумове кільце знизу не дають ковзати ні телефону, ні
                самій зарядці. Підходить і для бездротових навушників. Кабель USB-C завдовжки
                1 м у комплекті; для повної швидкості потрібен блок живлення від 18 Вт (наш —
                на 65 Вт).

                Перед заряджанням вийміть із чохла банківські картки й магнітні тримачі.
                """,
                en="""
                Put your phone down and it charges, with no cable to find in the dark. The pad
                delivers up to 15 W to Qi phones (7.5 W to iPhones), through cases up to 5 mm
                thick, and a soft light shows that charging has started, then dims so it won't
                keep you awake.

                The soft-touch top and a rubber ring underneath keep phone and pad from
                sliding. It charges wireless earbuds too. A 1 m USB-C cable is included; for
                full speed use a charger of 18 W or more (ours gives 65 W).

                Take bank cards and magnetic holders out of the case before charging.
                """,
            ),
        ),
        DemoProduct(
            sku="TEC-004",
            price="1399.00",
            stock=1,
            picture="lucide:smartphone",
            name=Text(uk="Шкіряний чохол для телефона", en="Leather Phone Case"),
            short=Text(
                uk="Натуральна шкіра, яка з часом стає лише гарнішою.",
                en="Full-grain leather that ages beautifully.",
            ),
            description=Prose(
                uk="""
                Натуральна шкіра рослинного дублення на тонкому каркасі з полікарбонату. Там,
                де її торкається рука, шкіра темнішає й набуває м'якого блиску, тож за кілька
                місяців чохол стане тільки вашим.

                Бортик навколо екрана й камери захищає їх, коли телефон лежить долілиць, а
                підкладка з мікрофібри береже задню панель від подряпин. Кнопки вкриті
                металом і натискаються чітко; бездротова зарядка працює крізь чохол.

                Для iPhone з екраном 6,1 дюйма (моделі 15 і 16). Догляд: крапля бальзаму для
                шкіри двічі на рік зберігає її еластичною.
                """,
                en="""
                Vegetable-tanned full-grain leather wrapped around a slim polycarbonate shell.
                Where your hand holds it, the leather darkens and takes on a soft sheen, so
                after a few months the case is yours alone.

                A raised lip around the screen and the camera protects them when the phone
                lies face down, and a microfibre lining keeps the back free of scratches. The
                buttons are metal-capped for a clear click, and wireless charging works
                through the case.

                Fits 6.1-inch iPhone models (15 and 16). Care: a drop of leather balm twice a
                year keeps it supple.
                """,
            ),
        ),
        DemoProduct(
            sku="TEC-005",
            price="1999.00",
            stock=17,
            picture="lucide:speaker",
            name=Text(uk="Міні-колонка Bluetooth", en="Bluetooth Speaker, Mini"),
            short=Text(
                uk="Потужний звук, дванадцять годин роботи, захист від бризок.",
                en="Big sound, twelve hours, splash-proof.",
            ),
            description=Prose(
                uk="""
                Досить мала, щоб поміститися в кишеню куртки, і досить гучна для пікніка.
                Динамік на 5 Вт і пасивний басовий випромінювач дають звук, повніший, ніж
                можна чекати від такого розміру: чіткий на малій гучності — для подкастів на
                кухні, і соковитий надворі.

                Дванадцять годин музики на одному заряді, заряджання через USB-C за дві з
                половиною години, Bluetooth 5.3 з радіусом дії близько 10 м. Захист від
                бризок IPX5: дощ і душ колонці не страшні (але не занурюйте її у воду), а
                вбудований мікрофон дає змогу відповідати на дзвінки. Дві колонки можна
                об'єднати в стереопару.

                9 × 9 × 4 см, 180 г, із силіконовим ремінцем.
                """,
                en="""
                Small enough for a jacket pocket, loud enough for a picnic. A 5 W driver and a
                passive bass radiator give fuller sound than its size suggests: clear at low
                volume for podcasts in the kitchen, punchy outdoors.

                Twelve hours of music on a charge, USB-C charging in two and a half hours and
                Bluetooth 5.3 with a range of about 10 metres. It is splash-proof to IPX5, so
                rain and the shower are fine (don't submerge it), and the built-in microphone
                takes calls. Pair two for stereo.

                9 × 9 × 4 cm, 180 g, with a silicone strap.
                """,
            ),
        ),
        DemoProduct(
            sku="TEC-006",
            price="1149.00",
            stock=0,
            picture="own:sleeve",
            name=Text(uk="Чохол для ноутбука 14″", en='Laptop Sleeve 14"'),
            short=Text(
                uk="Чохол із вовняної повсті з магнітним клапаном.",
                en="Wool felt sleeve with a magnetic flap.",
            ),
            description=Prose(
                uk="""
                Щільна вовняна повсть завтовшки 5 мм пом'якшує удари й захищає від подряпин,
                тож ноутбук можна класти просто в шопер чи велосипедну сумку. Клапан
                закривається на приховані магніти — жодної блискавки, яка дряпала б кришку,
                а в зовнішню кишеню поміщаються зарядка й миша.

                Внутрішній розмір 33 × 24 см — підходить для більшості ноутбуків на
                13–14 дюймів завтовшки до 2 см. Вовна природно відштовхує легкий дощ і не
                вбирає запахів. Колір — сірий меланж, язичок зі шкіри рослинного дублення.

                Догляд: змітайте пил щіткою, плями чистіть вологою ганчіркою.
                """,
                en="""
                Thick 5 mm wool felt cushions knocks and keeps off scratches, so the laptop can
                go straight into a tote or a bike pannier. The flap closes with hidden magnets,
                with no zip to scrape the lid, and a slip pocket on the front takes the charger
                and a mouse.

                Inside it measures 33 × 24 cm, fitting most 13–14-inch laptops up to 2 cm
                thick. Wool shrugs off light rain and does not hold odours. In grey melange
                with a vegetable-tanned leather tab.

                Care: brush off dust; clean spots with a damp cloth.
                """,
            ),
        ),
        DemoProduct(
            sku="TEC-007",
            price="1299.00",
            stock=25,
            picture="tabler:battery-charging",
            name=Text(uk="Павербанк 10 000 мА·год", en="Power Bank 10,000 mAh"),
            short=Text(
                uk="Тонкий, із наскрізним заряджанням.",
                en="Slim, with pass-through charging.",
            ),
            description=Prose(
                uk="""
                Двічі повністю зарядити телефон — і все це в корпусі, не товщому за сам
                телефон. Павербанк віддає до 20 Вт через USB-C, тож телефон заряджається з
                нуля до половини приблизно за пів години, а через другий порт USB-A
                одночасно можна заряджати навушники чи годинник.

                Завдяки наскрізному заряджанню павербанк можна ввімкнути в розетку й на ніч
                поставити від нього телефон — до ранку обидва будуть заряджені. Чотири
                індикатори показують залишок заряду; сам павербанк заряджається приблизно за
                три години від зарядки на 20 Вт. Стане в пригоді й під час відключень
                світла.

                10 000 мА·год (37 Вт·год) — можна брати в ручну поклажу в літаку.
                14 × 7 × 1,5 см, 210 г. Кабель у комплекті.
                """,
                en="""
                Two full phone charges in a case no thicker than the phone. It delivers up to
                20 W over USB-C, taking a phone from empty to half in about thirty minutes,
                and a second USB-A port charges earbuds or a watch at the same time.

                With pass-through charging you can plug it into the wall and charge your
                phone from it overnight: both are full by morning. Four lights show what is
                left, and it recharges in about three hours from a 20 W charger.

                10,000 mAh (37 Wh), allowed in airline cabin baggage. 14 × 7 × 1.5 cm, 210 g.
                Cable included.
                """,
            ),
        ),
    ],
)

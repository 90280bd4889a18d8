from shop.catalogue.demo_data.base import DemoCategory, DemoProduct, Prose, Text

OFFICE = DemoCategory(
    slug="office",
    name=Text(uk="Офіс", en="Office"),
    description=Text(
        uk="Робоче місце, яке працює так само старанно, як ви.",
        en="A desk that works as hard as you do.",
    ),
    products=[
        DemoProduct(
            sku="OFF-001",
            price="549.00",
            stock=100,
            picture="lucide:notebook-pen",
            name=Text(uk="Блокнот A5 у крапку", en="Dot Grid Notebook A5"),
            short=Text(
                uk="Папір 120 г/м², який любить пір'яні ручки.",
                en="120 gsm paper that loves fountain pens.",
            ),
            description=Prose(
                uk="""
                Блокнот для списків, замальовок і bullet journal. Сітка з крапок допомагає
                тримати рядки рівними, але не заважає, а щільний папір 120 г/м² кольору
                слонової кістки тримає чорнило пір'яних ручок і маркери — нічого не
                розпливається й не просвічує.

                192 пронумеровані сторінки зі змістом на початку, шите скріплення, завдяки
                якому блокнот розкривається рівно, тверда обкладинка з льону, дві
                стрічки-закладки та гумка. Формат A5 (148 × 210 мм), крок крапок 5 мм.

                Папір із сертифікатом FSC і без кислоти, тож записи залишаться чіткими
                десятиліттями.
                """,
                en="""
                A notebook for lists, sketches and bullet journals. The dot grid guides your
                lines without shouting, and the thick 120 gsm ivory paper takes fountain pen
                ink and felt tips without feathering or bleeding through.

                192 numbered pages with an index at the front, a sewn binding that lies flat,
                a hard linen cover, two ribbon markers and an elastic closure. A5
                (148 × 210 mm), dots 5 mm apart.

                The paper is FSC-certified and acid-free, so what you write stays readable for
                decades.
                """,
            ),
        ),
        DemoProduct(
            sku="OFF-002",
            price="1849.00",
            stock=19,
            picture="lucide:laptop",
            name=Text(uk="Алюмінієва підставка для ноутбука", en="Aluminium Laptop Stand"),
            short=Text(
                uk="Піднімає екран до рівня очей і складається в пласку планку.",
                en="Raises your screen to eye level; folds flat.",
            ),
            description=Prose(
                uk="""
                Цілий день дивитися на ноутбук згори вниз — важко для шиї. Ця підставка
                піднімає екран на висоту до 17 см, приблизно до рівня очей, має шість
                положень, а завдяки нахилу під ноутбуком проходить повітря, тож він менше
                гріється.

                Її фрезеровано з цільного шматка анодованого алюмінію; вона тримає ноутбуки
                від 10 до 16 дюймів вагою до 5 кг, а силіконові накладки бережуть від
                подряпин і стіл, і ноутбук. У складеному вигляді — 26 × 5 см, поміщається в
                сумку для ноутбука.

                Найзручніше — разом з окремими клавіатурою й мишею.
                """,
                en="""
                Looking down at a laptop all day is hard on the neck. This stand lifts the
                screen by up to 17 cm, to about eye level, in six steps, and tilts it so that
                air flows underneath and the laptop runs cooler.

                It is machined from a single piece of anodised aluminium and holds laptops
                from 10 to 16 inches and up to 5 kg; silicone pads keep both the desk and the
                laptop free of scratches. Folded, it measures 26 × 5 cm and slips into a
                laptop bag.

                Most comfortable with a separate keyboard and mouse.
                """,
            ),
        ),
        DemoProduct(
            sku="OFF-003",
            price="1199.00",
            stock=26,
            picture="lucide:keyboard",
            name=Text(uk="Повстяний килимок на стіл", en="Desk Mat, Felt"),
            short=Text(
                uk="Вовняна повсть 80 × 30 см — клавіатура на ній звучить тихіше.",
                en="Wool felt, 80 x 30 cm, quiet under the keyboard.",
            ),
            description=Prose(
                uk="""
                М'яка й тепла поверхня під клавіатуру та мишу: друк на ній звучить тихіше, а
                зап'ястя не торкаються холодного дерева чи скла. Пресована повсть із вовни
                мериноса завтовшки 4 мм досить щільна, щоб миша ковзала плавно й точно, а
                корково-гумовий низ не дає килимку з'їжджати.

                На 80 × 30 см поміщаються повнорозмірна клавіатура й миша, ще й із запасом.
                Колір графітовий.

                Догляд: крихти пилососьте або змітайте щіткою; плями чистіть вологою
                ганчіркою з краплею засобу для вовни. Не періть у пральній машині.
                """,
                en="""
                A soft, warm surface for keyboard and mouse that quietens typing and keeps
                your wrists off cold wood or glass. The 4 mm pressed merino felt is dense
                enough for a smooth, precise mouse glide, and a cork-and-rubber underside
                stops it from creeping.

                80 × 30 cm fits a full-size keyboard and a mouse with room to spare. In
                graphite.

                Care: vacuum or brush off crumbs; clean spots with a damp cloth and a drop of
                wool detergent. Not for the washing machine.
                """,
            ),
        ),
        DemoProduct(
            sku="OFF-004",
            price="1299.00",
            stock=11,
            picture="lucide:pen-tool",
            name=Text(uk="Пір'яна ручка, перо M", en="Fountain Pen, Medium Nib"),
            short=Text(
                uk="Плавне сталеве перо й конвертер у комплекті.",
                en="Smooth steel nib, converter included.",
            ),
            description=Prose(
                uk="""
                Перша пір'яна ручка, яка пише, як дорожча. Поліроване сталеве перо середньої
                товщини (M) легко ковзає папером і залишає соковиту рівну лінію; ми
                налаштовуємо кожне перо перед відправкою, тож ручка пише з першого штриха.

                Корпус із латуні під лаком і ковпачок на різьбі — ручка відчутна в руці, але
                не втомлює. Підходить для стандартних міжнародних картриджів, а конвертер у
                комплекті дає змогу заправляти її з флакона будь-яким чорнилом. У коробці —
                два сині картриджі.

                Догляд: промивайте перо теплою водою, коли змінюєте колір чорнила, або раз на
                кілька тижнів.
                """,
                en="""
                A first fountain pen that writes like a better one. The polished steel nib, in
                medium width, glides across the page with a wet, even line, and we tune each
                one before it ships, so it starts on the first stroke.

                The barrel is lacquered brass with a screw cap: weighty enough to feel steady,
                not so heavy it tires the hand. It takes standard international cartridges,
                and the included converter lets you fill it from a bottle of any ink you like.
                Two blue cartridges are in the box.

                Care: flush the nib with lukewarm water when you change ink, or every few
                weeks.
                """,
            ),
        ),
        DemoProduct(
            sku="OFF-005",
            price="2399.00",
            compare_at="2849.00",
            stock=5,
            picture="own:lightbar",
            name=Text(uk="Лампа-планка на монітор", en="Monitor Light Bar"),
            short=Text(
                uk="Освітлює стіл, а не екран.",
                en="Lights the desk, not the screen.",
            ),
            description=Prose(
                uk="""
                Тонка лампа, яка кріпиться на верх монітора й світить під кутом униз, на
                стіл: папери й клавіатура освітлені, а на екрані — жодних відблисків. Очам
                більше не доводиться боротися з яскравим екраном у темній кімнаті.

                Регулятором можна змінити яскравість і колір світла — від теплого 2700 K до
                холодного 6500 K, а автоматичний режим підлаштовує яскравість під освітлення
                в кімнаті. Кріпиться на екрани завтовшки від 1 до 3 см, зокрема вигнуті, і
                живиться від порту USB-C або зарядного пристрою (кабель у комплекті).

                Довжина 45 см, на повній яскравості споживає близько 5 Вт.
                """,
                en="""
                A slim light that clips onto the top of your monitor and shines down at an
                angle onto the desk, so papers and keyboard are lit and nothing reflects in the
                screen. Your eyes stop fighting a bright screen in a dark room.

                The dial dims it and changes the colour from a warm 2,700 K to a cool 6,500 K;
                auto mode matches the brightness to the room. It clamps onto screens 1 to 3 cm
                thick, curved ones included, and runs from a USB-C port or charger (cable
                included).

                45 cm long; it draws about 5 W at full brightness.
                """,
            ),
        ),
        DemoProduct(
            sku="OFF-006",
            price="939.00",
            stock=38,
            picture="lucide:archive",
            name=Text(uk="Органайзер для кабелів", en="Cable Organiser Box"),
            short=Text(
                uk="Ховає подовжувач і клубок дротів.",
                en="Hides a power strip and its tangle.",
            ),
            description=Prose(
                uk="""
                Клубок вилок і зарядок під столом — нарешті прибраний. Подовжувач ховається
                всередину, кабелі виходять крізь прорізи з обох боків, а кришка захищає від
                пилу, допитливих котів і маленьких рук.

                Корпус із вогнестійкого пластику ABS, а дерев'яна кришка водночас править за
                поличку для телефона. Внутрішній розмір 30 × 11 × 10 см — поміщається
                подовжувач на шість розеток із мережевим фільтром, а вентиляційні отвори в
                дні не дають зарядкам перегріватися.

                Не ставте органайзер на килим і не закривайте вентиляційні отвори.
                """,
                en="""
                The tangle of plugs and chargers under the desk, finally put away. The power
                strip goes inside, the cables leave through slots at both ends, and the lid
                keeps out dust, curious cats and small hands.

                The case is flame-retardant ABS, and the wooden lid doubles as a shelf for a
                phone. Inside it measures 30 × 11 × 10 cm, room for a six-socket strip with a
                surge protector, and vents in the base keep chargers from overheating.

                Don't stand it on a carpet or cover the vents.
                """,
            ),
        ),
    ],
)

from shop.catalogue.demo_data.base import DemoCategory, DemoProduct, Prose, Text

COFFEE_TEA = DemoCategory(
    slug="coffee-tea",
    name=Text(uk="Кава та чай", en="Coffee & Tea"),
    description=Text(
        uk="Зерна, листя й усе, щоб смачно їх заварити.",
        en="Beans, leaves and the gear to brew them well.",
    ),
    products=[
        DemoProduct(
            sku="COF-001",
            price="589.00",
            stock=60,
            picture="lucide:bean",
            name=Text(
                uk="Кава в зернах Ефіопія Іргачеффе, 250 г",
                en="Ethiopia Yirgacheffe Beans 250 g",
            ),
            short=Text(
                uk="Квіткова й яскрава, з нотами бергамоту та персика.",
                en="Floral and bright with notes of bergamot and peach.",
            ),
            description=Prose(
                uk="""
                Мита кава від дрібних фермерів із району Іргачеффе, вирощена на висоті
                1900–2100 м. Ми обсмажуємо її світло, щоб зберегти головне: аромат жасмину,
                далі бергамот, стиглий персик і чистий, схожий на чай післясмак.

                Найкраще розкривається в пуровері чи аеропресі; як еспресо — жвава й
                цитрусова. Обсмажуємо щовівторка й щоп'ятниці та відправляємо протягом двох
                днів, тож кава приходить до вас за кілька днів після обсмаження — саме тоді,
                коли смак розкривається.

                Цілі зерна, 250 г, у пакеті з дегазаційним клапаном. Тримайте пакет закритим,
                подалі від світла й тепла, і меліть каву перед самим заварюванням.
                """,
                en="""
                A washed coffee from smallholders around Yirgacheffe, grown at 1,900–2,100 m.
                We roast it light to keep what makes it special: jasmine on the nose, then
                bergamot, ripe peach and a clean, tea-like finish.

                At its best in a pour-over or an AeroPress; as espresso it is lively and
                citrusy. We roast every Tuesday and Friday and ship within two days, so the bag
                reaches you a few days off roast, just as the flavour opens up.

                Whole beans, 250 g, in a bag with a one-way valve. Keep it closed, away from
                light and heat, and grind just before brewing.
                """,
            ),
        ),
        DemoProduct(
            sku="COF-002",
            price="1699.00",
            compare_at="1949.00",
            stock=18,
            picture="lucide:paper-bag",
            name=Text(uk="Кава в зернах Колумбія Уїла, 1 кг", en="Colombia Huila Beans 1 kg"),
            short=Text(
                uk="Шоколад, карамель і округлий солодкий післясмак.",
                en="Chocolate, caramel and a round, sweet finish.",
            ),
            description=Prose(
                uk="""
                Наша кава на кожен день — із сімейних ферм на пагорбах Уїли на півдні
                Колумбії. Середнє обсмаження розкриває молочний шоколад, карамель і нотку
                червоного яблука; кислотність низька, а щільне тіло чудово смакує з молоком.

                Виходить затишне еспресо й капучино, і так само добре — у гейзерній
                кавоварці, френч-пресі чи крапельній кавоварці. Кілограмова упаковка — для
                домівок, де випивають одну-три чашки на день.

                Цілі зерна, 1 кг, у пакеті із зіп-замком і дегазаційним клапаном. Тижневий
                запас тримайте в невеликій герметичній банці, а решту — у закритому пакеті.
                """,
                en="""
                Our everyday coffee, from family farms in the hills of Huila in southern
                Colombia. A medium roast brings out milk chocolate, caramel and a hint of red
                apple, with low acidity and a round body that carries milk well.

                It makes a comforting espresso or cappuccino and is just as good in a moka
                pot, a cafetière or a filter machine. The kilo bag is for households that get
                through a cup or three a day.

                Whole beans, 1 kg, in a resealable bag with a one-way valve. Keep a week's
                worth in a small airtight jar and the rest sealed.
                """,
            ),
        ),
        DemoProduct(
            sku="COF-003",
            price="899.00",
            stock=27,
            picture="own:dripper",
            name=Text(uk="Керамічна воронка-пуровер", en="Pour-Over Dripper"),
            short=Text(
                uk="Керамічний конус для чистого й рівномірного заварювання.",
                en="Ceramic cone for a clean, even extraction.",
            ),
            description=Prose(
                uk="""
                Конус під кутом 60° зі спіральними ребрами всередині й одним широким отвором
                унизу: вода рівномірно проходить крізь каву, і чашка виходить чистою,
                солодкою та прозорою на смак. Глазурована порцеляна, прогріта гарячою водою,
                добре тримає тепло, і температура заварювання не стрибає.

                Воронка стоїть на більшості чашок і графинів, підходить для паперових
                фільтрів розміру 02 і заварює від однієї до чотирьох чашок (до 600 мл).
                Покроковий рецепт — у нашому блозі.

                Догляд: можна мити в посудомийній машині.
                """,
                en="""
                A 60° cone with spiral ribs inside and one generous hole at the bottom: the
                water flows evenly through the coffee, and the cup comes out clean, sweet and
                clear. Rinsed with hot water first, the glazed porcelain holds its heat and
                keeps the brewing temperature steady.

                It sits on most mugs and carafes, takes size 02 paper filters and brews one to
                four cups (up to 600 ml). Our blog has a step-by-step recipe.

                Care: dishwasher-safe.
                """,
            ),
        ),
        DemoProduct(
            sku="COF-004",
            price="2249.00",
            stock=9,
            picture="own:kettle",
            name=Text(uk="Чайник «гусяча шия» 1 л", en="Gooseneck Kettle 1 L"),
            short=Text(
                uk="Тонка точна цівка й вбудований термометр.",
                en="Precise pour and a built-in thermometer.",
            ),
            description=Prose(
                uk="""
                Для пуроверу, де важливо не лише що ви ллєте, а й як. Довгий вузький носик
                дає тонку рівну цівку, яку легко спрямувати саме туди, куди треба, — від
                повільного розкриття кави до рівних кіл, а термометр у кришці показує, коли
                вода охолола до 92–96 °C, які люблять більшість сортів.

                Матована нержавна сталь і товсте дно для газових, електричних та індукційних
                плит; ручка не нагрівається. Об'єм 1 л, для зручного наливання — 800 мл.

                Догляд: ополосніть і витріть після використання; якщо вода жорстка, раз на
                місяць чистіть від накипу лимонною кислотою.
                """,
                en="""
                For pour-over, where how you pour matters as much as what. The long, narrow
                spout gives a thin, steady stream you can place exactly, from a slow bloom to
                even circles, and the thermometer in the lid shows when the water has cooled
                to the 92–96 °C most coffees like.

                Brushed stainless steel on a heavy base for gas, electric and induction hobs;
                the handle stays cool. It holds 1 litre, or 800 ml filled for pouring.

                Care: rinse and dry after use; where the water is hard, descale it with citric
                acid once a month.
                """,
            ),
        ),
        DemoProduct(
            sku="COF-005",
            price="4899.00",
            compare_at="5699.00",
            stock=4,
            picture="own:grinder",
            name=Text(uk="Жорнова кавомолка", en="Burr Grinder"),
            short=Text(
                uk="Сорок ступенів помелу — від еспресо до колд-брю.",
                en="Forty grind settings from espresso to cold brew.",
            ),
            description=Prose(
                uk="""
                Свіжий помел — найбільший крок до смачнішої кави вдома, а рівним його роблять
                саме жорна. Два конічні сталеві жорна діаметром 40 мм подрібнюють зерно до
                однакового розміру, а не рубають його на пил і грудки, як ножова кавомолка,
                тож кава екстрагується рівно й смакує солодше.

                Сорок кроків — від дрібного помелу для еспресо до грубого для колд-брю;
                таймер щоранку відмірює ту саму порцію, а повільний двигун не перегріває каву
                й працює тихіше. У бункер уміщується 250 г зерна.

                Догляд: раз на кілька тижнів вичищайте жорна щіточкою — вони знімаються без
                інструментів. Не мийте їх водою.
                """,
                en="""
                Grinding fresh is the biggest single step up for coffee at home, and burrs are
                what make the grind even. Two 40 mm conical steel burrs crush the beans to a
                consistent size instead of chopping them into dust and boulders like a blade
                grinder, so the coffee extracts evenly and tastes sweeter.

                Forty clicks take you from fine espresso to coarse cold brew; the timer doses
                the same amount every morning, and the slow motor keeps the grounds cool and
                the noise down. The hopper holds 250 g.

                Care: brush out the burrs every few weeks; they lift out without tools. Never
                wash them.
                """,
            ),
        ),
        DemoProduct(
            sku="COF-006",
            price="489.00",
            stock=45,
            picture="lucide:leaf",
            name=Text(uk="Зелений чай Сенча, 100 г", en="Sencha Green Tea 100 g"),
            short=Text(
                uk="Трав'яниста й солодкувата японська сенча першого збору.",
                en="Grassy, sweet Japanese sencha, first flush.",
            ),
            description=Prose(
                uk="""
                Сенча першого весняного збору з префектури Сідзуока: листя лише недовго
                обробляють парою, тож воно зберігає яскраво-зелений колір. Настій
                солодкуватий і трав'янистий, з легкою ноткою морських водоростей і майже без
                гіркоти, якщо заварювати делікатно.

                На 200 мл води температурою 70–80 °C — чайна ложка (близько 3 г) листя,
                настоювати одну хвилину; те саме листя витримує ще два-три заварювання,
                щоразу на кілька секунд коротші. Окріп робить чай гірким.

                100 г розсипного чаю у фольгованому пакеті із зіп-замком — приблизно на
                тридцять чайників. Зберігайте в прохолодному темному місці, щільно закритим.
                """,
                en="""
                Sencha from the first spring picking in Shizuoka, steamed only briefly so the
                leaves stay bright green. The cup is sweet and grassy, with a touch of seaweed
                and very little bitterness when brewed gently.

                Use a teaspoon (about 3 g) per 200 ml of water at 70–80 °C and steep for one
                minute; the same leaves give two or three more infusions, each a few seconds
                shorter. Boiling water makes it bitter.

                100 g of loose leaf in a resealable foil pouch, enough for about thirty pots.
                Keep it cool, dark and airtight.
                """,
            ),
        ),
        DemoProduct(
            sku="COF-007",
            price="1149.00",
            stock=0,
            picture="tabler:teapot",
            name=Text(uk="Скляний чайник із ситечком", en="Glass Teapot with Infuser"),
            short=Text(
                uk="Дивіться, як розкривається листя; 800 мл.",
                en="Watch the leaves unfurl; 800 ml.",
            ),
            description=Prose(
                uk="""
                Боросилікатне скло — таке саме, як у лабораторному посуді, тож окріп можна
                наливати одразу й спостерігати, як розкривається листя та темнішає настій.
                Тонке ситечко з нержавної сталі легко вийняти, коли чай заварився, — і друга
                чашка буде така ж смачна, як перша.

                Об'єм 800 мл — три-чотири чашки, а кришка не зсувається, коли наливаєте.
                Підходить для зеленого, чорного й трав'яного чаю, а також для чаю-квітки, що
                розкривається просто в чайнику.

                Догляд: скляну колбу можна мити в посудомийній машині, а ситечко краще мити
                вручну, щоб сітка не забивалася.
                """,
                en="""
                Borosilicate glass, the kind used in laboratories, so you can pour in boiling
                water straight away and watch the leaves open and the colour deepen. The fine
                stainless-steel infuser lifts out when the tea is ready, so the second cup is
                as good as the first.

                It holds 800 ml, three or four cups, and the lid stays put while you pour. Good
                for green, black and herbal teas, and for flowering teas that bloom in the pot.

                Care: the glass pot is dishwasher-safe; wash the infuser by hand to keep its
                mesh clear.
                """,
            ),
        ),
    ],
)

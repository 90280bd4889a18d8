"""The demo blog posts, written by the shop team about the demo catalogue, in Ukrainian and
English. In a body, {SKU} becomes a link to that product, named in the post's language."""

from dataclasses import dataclass

from shop.catalogue.demo_data import Text


@dataclass(frozen=True)
class DemoPost:
    slug: str
    tags: list[str]
    days_ago: int
    title: Text
    excerpt: Text
    body: Text  # Markdown, as written: line breaks matter in lists and tables


POSTS = [
    DemoPost(
        slug="care-for-a-cast-iron-skillet",
        tags=["Kitchen", "Guides"],
        days_ago=3,
        title=Text(
            uk="Як доглядати за чавунною сковородою",
            en="How to care for a cast iron skillet",
        ),
        excerpt=Text(
            uk="П'ять хвилин догляду після готування — і чавунна сковорода не пригоратиме "
            "десятиліттями.",
            en="Five minutes of care after cooking keeps a cast iron pan non-stick for decades.",
        ),
        body=Text(
            uk="""\
Добре доглянута чавунна сковорода з кожним використанням стає лише кращою, і наша
({KIT-001}) — не виняток. Темна гладенька поверхня — це *прожарка*: тонкі шари олії,
запечені на чавуні. Доглядати за нею нескладно.

## Після кожного готування

1. **Мийте сковороду, поки вона тепла.** Гаряча вода й щітка чи скребок упораються майже з
   усім. Крапля м'якого миючого засобу не зашкодить: сучасні засоби не змивають полімеризовану
   олію.
2. **Ніколи не залишайте її замоченою.** Вода, що застоюється, — єдине, чого чавун справді
   не любить.
3. **Просушіть на плиті.** Хвилина на слабкому вогні — і залишки вологи випаруються.
4. **Нанесіть тонкий шар олії** паперовим рушником, а потім майже весь його зітріть.
   Забагато олії робить поверхню липкою.

## Що готувати спершу

Смажте й запікайте: бекон, картопля й деруни найкраще нарощують прожарку. Томатні соуси, що
довго кипляють, і тушкування у вині відкладіть, доки поверхня добре не сформується, або
готуйте їх в емальованій каструлі ({KIT-004}) — емалі кислота не страшна.

## Що допоможе

Металеві лопатки чавуну не шкодять, але силіконові ({KIT-005}) делікатніші до решти посуду
на кухні. Якщо колись з'явиться іржа, зчистіть її до голого металу, просушіть, змастіть
олією й прогрійте сковороду в духовці годину — і вона знову як нова.
""",
            en="""\
A well-kept {KIT-001} gets better every time you use it. The dark, slick surface is
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
    ),
    DemoPost(
        slug="better-pour-over-coffee-at-home",
        tags=["Coffee & Tea", "Guides"],
        days_ago=10,
        title=Text(
            uk="Смачніша кава в пуровері вдома: п'ять кроків",
            en="Better pour-over coffee at home in five steps",
        ),
        excerpt=Text(
            uk="Ваги, свіжі зерна й рівна цівка: проста схема, з якою кава виходить чистою й "
            "солодкою.",
            en="A scale, fresh beans and a steady pour: the simple routine behind a clean, "
            "sweet cup.",
        ),
        body=Text(
            uk="""\
Кава в пуровері любить точність. Ось схема, за якою її заварює наша команда.

## Що знадобиться

- Воронка-пуровер: {COF-003}
- 15 г кави й 250 г води (приблизно 1:16), зважені на кухонних вагах: {KIT-007}
- Свіжі зерна, змелені середньо-дрібно. У нас це квіткова ефіопська ({COF-001}), а мелемо
  її в жорновій кавомолці ({COF-005})
- Вода, що трохи постояла після кипіння, 92–96 °C, і чайник із тонким носиком, щоб керувати
  цівкою: {COF-004}

## П'ять кроків

1. **Промийте фільтр** гарячою водою: так зникне паперовий присмак, а воронка прогріється.
2. **Дайте каві розкритися:** налийте близько 30 г води, щоб змочити всю каву, і зачекайте
   30–45 секунд, поки з неї вийде газ.
3. **Лийте повільними колами**, доки ваги не покажуть 150 г, не потрапляючи на стінки
   фільтра.
4. **Долийте до 250 г** другим, м'якшим наливанням.
5. **Дайте стекти.** Усе заварювання має тривати близько трьох хвилин.

## Як підлаштувати смак

| Якщо кава на смак… | Спробуйте… |
|---|---|
| кисла або пласка | дрібніший помел або гарячішу воду |
| гірка або різка | грубіший помел |
| слабка | трохи більше кави (1:15) |

Змінюйте щоразу щось одне — і за тиждень знайдете свою чашку.
""",
            en="""\
Pour-over coffee rewards a little precision. This is the routine our team uses with
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
    ),
    DemoPost(
        slug="a-calmer-desk-for-working-from-home",
        tags=["Office", "Home"],
        days_ago=17,
        title=Text(
            uk="Спокійніший робочий стіл: невеликі зміни для роботи з дому",
            en="A calmer desk: small upgrades for working from home",
        ),
        excerpt=Text(
            uk="Висота екрана, світло й менше дротів: чотири невеликі зміни, з якими довгий "
            "день минає легше.",
            en="Screen height, light and fewer cables: four small changes that make long days "
            "easier.",
        ),
        body=Text(
            uk="""\
Щоб краще працювати вдома, не потрібен новий кабінет. Більшість справи зроблять
чотири невеликі зміни.

## 1. Підніміть екран

Верхній край екрана має бути на рівні очей або трохи нижче, приблизно на відстані
витягнутої руки. Ноутбук на підставці ({OFF-002}) опиняється там за секунди; додайте окремі
клавіатуру й мишу, щоб лікті лежали під кутом близько 90 градусів.

## 2. Освітлюйте стіл, а не екран

Відблиски й темна кімната однаково втомлюють очі. Лампа-планка кріпиться на верх монітора й
освітлює стіл, не відбиваючись в екрані: {OFF-005}.

## 3. Приберіть дроти

Клубок зарядок — це візуальний шум, який ви бачите цілий день. Органайзер ховає
подовжувач ({OFF-006}), а повстяний килимок дає клавіатурі й миші тихе, чітко окреслене
місце ({OFF-003}).

## 4. Тримайте папір поруч

Блокнот біля клавіатури ловить справи, перш ніж вони перетворяться на відкриті вкладки
браузера. Папір у нашому блокноті ({OFF-001}) тримає чорнило пір'яної ручки й не просвічує.

> Невеликі недорогі зміни, які приживуться, кращі за великий ремонт, який ви покинете.
""",
            en="""\
You do not need a new office to work better at home. Four small changes do most of
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
    ),
    DemoPost(
        slug="packing-a-day-bag-for-a-spring-hike",
        tags=["Outdoors", "Checklists"],
        days_ago=24,
        title=Text(
            uk="Що покласти в рюкзак для весняного походу",
            en="Packing a day bag for a spring hike",
        ),
        excerpt=Text(
            uk="Весняна погода змінюється щогодини. Короткий список речей для комфортного дня "
            "на природі.",
            en="Spring weather changes by the hour. A short checklist for a comfortable day out.",
        ),
        body=Text(
            uk="""\
Весняний похід — це сонце, злива й холодний вітер, інколи за одне пообіддя. Ось що
ми кладемо в рюкзак ({OUT-005}) перед днем на стежці.

## Список

- **Вода:** розраховуйте приблизно на пів літра на годину ходьби. Термопляшка ({OUT-001})
  збереже воду холодною, а прохолодного ранку — чай гарячим.
- **Непромокальний шар:** легка куртка-дощовик ({OUT-002}) майже нічого не важить і
  складається у власну кишеню.
- **Теплий шар,** навіть якщо на старті світить сонце.
- **Їжа:** більше перекусів, ніж здається потрібним, і повноцінний обід для довших
  маршрутів.
- **Навігація:** офлайн-карта в телефоні й заряджений павербанк ({TEC-007}), щоб телефона
  вистачило до кінця маршруту.
- **Базове:** сонцезахисний крем, невелика аптечка й налобний ліхтарик — раптом прогулянка
  затягнеться.

## Для привалу

У пледа для пікніка ({OUT-003}) водонепроникна основа, тож волога весняна трава не завадить.

## Перед виходом

Перевірте прогноз увечері й ще раз уранці, розкажіть комусь про свій маршрут і повертайте
назад, якщо погода зіпсується. Гори нікуди не подінуться й до наступних вихідних.
""",
            en="""\
Spring hikes mean sun, showers and cold wind, sometimes within one afternoon. Here is
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
    ),
]

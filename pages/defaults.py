"""The information pages' default texts, in Ukrainian and English: what a Ukrainian online
shop publishes (a public offer under the Civil Code, art. 633 and 641; returns under the Law
of Ukraine "On Consumer Rights Protection", art. 8 and 9; personal data under the Law "On
Personal Data Protection"). `{return_days}` is replaced by settings.SHOP_RETURN_DAYS with its
word ("30 днів", "21 день"; "30 days") when a page is shown. Seeded once (by a data migration, or
`pages.services.legal_pages_seed`); staff edit them in the admin afterwards."""

# ruff: noqa: E501  (legal prose: its lines are the text's, not code's)

UK = {
    "offer": (
        "Публічна оферта (договір купівлі-продажу)",
        """Цей документ є публічною офертою відповідно до статей 633 і 641 Цивільного кодексу
України: пропозицією продавця, зазначеного нижче, укласти договір купівлі-продажу товарів, представлених
на сайті SmartShop AI, з будь-якою фізичною особою (покупцем).

## 1. Укладення договору
1.1. Оформлюючи замовлення на сайті, покупець підтверджує, що ознайомився з умовами цієї оферти,
умовами повернення та політикою конфіденційності, і приймає їх повністю (акцепт оферти).

1.2. Договір вважається укладеним з моменту, коли покупець отримує електронний лист із номером
замовлення.

## 2. Товар і ціна
2.1. Ціни на сайті вказано в гривнях з урахуванням усіх податків. Вартість доставки
показується окремо перед підтвердженням замовлення.

2.2. Ціна замовленого товару не змінюється після оформлення замовлення.

## 3. Оплата
3.1. Покупець оплачує замовлення карткою онлайн або під час отримання (післяплата), як обрано
при оформленні. Продавець видає розрахунковий документ відповідно до законодавства України.

## 4. Доставка
4.1. Способи, строки й вартість доставки описано на сторінці «Доставка й оплата».

## 5. Повернення й обмін
5.1. Покупець має право повернути або обміняти товар належної якості; строк повернення —
**{return_days}** з дня отримання (Закон України «Про захист прав споживачів», стаття 9),
а товар неналежної якості — в межах гарантійного строку (стаття 8 того ж Закону).
Порядок описано на сторінці «Повернення й обмін».

## 6. Персональні дані
6.1. Продавець обробляє персональні дані покупця лише для виконання замовлення, відповідно до
Закону України «Про захист персональних даних» і політики конфіденційності.

## 7. Інші умови
7.1. Відносини сторін регулюються законодавством України, зокрема Цивільним кодексом України та
Законом України «Про захист прав споживачів». Спори вирішуються шляхом переговорів, а якщо
згоди не досягнуто — у суді.

7.2. Продавець може змінювати цю оферту; до вже оформлених замовлень застосовується редакція,
чинна на момент оформлення.""",
    ),
    "returns": (
        "Повернення й обмін",
        """Строк повернення — **{return_days}** з дня, коли ви отримали
замовлення. Закон України «Про захист прав споживачів» (стаття 9) дає покупцеві 14 днів на
обмін товару належної якості; наш строк не коротший.

## Товар належної якості
- Товар не був у вжитку, збережено його товарний вигляд, пломби, ярлики й упаковку.
- Потрібен документ про покупку: електронний лист із номером замовлення.
- Не підлягають поверненню товари з переліку, затвердженого постановою Кабінету Міністрів
  України № 172 (наприклад, засоби гігієни, продукти харчування).

## Товар неналежної якості
Якщо товар має недолік, ви можете вимагати заміни, ремонту, знижки ціни або повернення грошей
(стаття 8 Закону України «Про захист прав споживачів»). Доставку такого товару оплачуємо ми.

## Як повернути
1. Напишіть нам або зателефонуйте (контакти внизу сторінки) і назвіть номер замовлення.
2. Надішліть товар на нашу адресу або принесіть до магазину.
3. Гроші повертаємо тим самим способом, яким ви платили, не пізніше ніж за 7 днів після
   отримання товару.""",
    ),
    "delivery-and-payment": (
        "Доставка й оплата",
        """## Доставка
- **Самовивіз із магазину** — безкоштовно, у години роботи магазину.
- **Доставка кур'єром або службою доставки** по Україні — вартість показано під час оформлення
  замовлення; від певної суми доставка безкоштовна.

Замовлення, оформлені до 16:00 у робочий день, відправляємо того ж дня.

## Оплата
- Карткою онлайн (Visa, Mastercard) — гроші списуються під час оформлення.
- Післяплата — оплата під час отримання.

Ціни вказано в гривнях з урахуванням усіх податків.""",
    ),
    "privacy": (
        "Політика конфіденційності",
        """Ця політика пояснює, які персональні дані ми збираємо і як їх обробляємо, відповідно до
Закону України «Про захист персональних даних».

## Які дані ми збираємо
Ім'я, адресу електронної пошти, номер телефону й адресу доставки — лише ті, що ви вводите,
оформлюючи замовлення чи створюючи обліковий запис.

## Навіщо
Щоб виконати й доставити замовлення, повідомити вас про його стан і відповісти на звернення.
Ми не продаємо ваші дані й не надсилаємо рекламу без вашої згоди.

## Кому передаємо
Службі доставки й платіжному сервісу — лише те, що потрібно для доставки й оплати. Дані
платіжної картки ми не бачимо й не зберігаємо.

## Файли cookie
Сайт використовує лише необхідні cookie: кошик, вхід до облікового запису, обрану мову й захист
форм.

## Ваші права
Ви можете дізнатися, які дані про вас ми зберігаємо, виправити їх або вимагати їх видалення:
напишіть нам або видаліть обліковий запис на сторінці «Ваш обліковий запис».""",
    ),
}

EN = {
    "offer": (
        "Public offer (terms of sale)",
        """This document is a public offer under articles 633 and 641 of the Civil Code of Ukraine:
the seller named below offers to conclude a contract of sale for the goods shown on the
SmartShop AI website with any individual (the buyer).

## 1. The contract
1.1. By placing an order on the website the buyer confirms having read these terms, the
returns terms and the privacy policy, and accepts them in full (acceptance of the offer).

1.2. The contract is concluded when the buyer receives the e-mail with the order number.

## 2. Goods and prices
2.1. Prices are in hryvnias and include all taxes. Delivery is shown separately before the
order is confirmed.

2.2. The price of an ordered item does not change after the order is placed.

## 3. Payment
3.1. The buyer pays by card online or on delivery, as chosen at checkout. The seller issues a
receipt as Ukrainian law requires.

## 4. Delivery
4.1. Delivery methods, times and prices are on the "Delivery and payment" page.

## 5. Returns and exchanges
5.1. The buyer may return or exchange goods of proper quality within **{return_days}**
of receiving them (Law of Ukraine "On Consumer Rights Protection", article 9), and goods with
a defect within the warranty period (article 8 of the same law). See "Returns and exchanges".

## 6. Personal data
6.1. The seller processes the buyer's personal data only to fulfil the order, under the Law
of Ukraine "On Personal Data Protection" and the privacy policy.

## 7. Other terms
7.1. These terms are governed by the law of Ukraine, including the Civil Code of Ukraine and
the Law of Ukraine "On Consumer Rights Protection". Disputes are settled by negotiation or,
failing that, in court.

7.2. The seller may change this offer; an order placed earlier keeps the version in force
when it was placed.""",
    ),
    "returns": (
        "Returns and exchanges",
        """We accept returns within **{return_days}** of the day you received your order. The
Law of Ukraine "On Consumer Rights Protection" (article 9) gives a buyer 14 days to exchange
goods of proper quality; our period is never shorter.

## Goods of proper quality
- Unused, with their labels, seals and packaging intact.
- With proof of purchase: the e-mail with your order number.
- Goods on the list approved by Cabinet of Ministers Resolution No. 172 (hygiene products,
  food and the like) cannot be returned.

## Goods with a defect
You may ask for a replacement, a repair, a price reduction or your money back (article 8 of
the Law of Ukraine "On Consumer Rights Protection"). We pay for sending such goods back.

## How to return
1. Write or call us (contacts at the bottom of the page) with your order number.
2. Send the item to our address or bring it to the store.
3. We refund the way you paid, no later than 7 days after we receive the item.""",
    ),
    "delivery-and-payment": (
        "Delivery and payment",
        """## Delivery
- **Pick up at our store**: free, during opening hours.
- **Courier or delivery service** across Ukraine: the price is shown at checkout; above a
  certain order total delivery is free.

Orders placed by 16:00 on a working day are sent the same day.

## Payment
- By card online (Visa, Mastercard): charged when you place the order.
- Cash on delivery: pay when you receive the order.

Prices are in hryvnias and include all taxes.""",
    ),
    "privacy": (
        "Privacy policy",
        """This policy explains what personal data we collect and how we process it, under the Law
of Ukraine "On Personal Data Protection".

## What we collect
Your name, e-mail address, phone number and delivery address: only what you enter when you
place an order or create an account.

## Why
To fulfil and deliver your order, tell you how it is going and answer your questions. We do
not sell your data or send you advertising without your consent.

## Who we share it with
The delivery service and the payment provider: only what they need to deliver and to charge.
We never see or store your card details.

## Cookies
The site uses only necessary cookies: your cart, your log-in, the language you chose and the
protection of forms.

## Your rights
You may ask what data we hold about you, have it corrected or deleted: write to us, or delete
your account on the "Your account" page.""",
    ),
}

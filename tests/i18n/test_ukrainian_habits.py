"""A day in the Ukrainian shop and admin: dates in Kyiv's day, prices typed with a comma or a
dot read as meant (and a tenfold slip caught), order events, payment messages, app names and
blog tags in Ukrainian."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from blog.models import PostStatus
from shop.admin.price_input import price_parse
from shop.models import OrderEvent, OrderStatus, PaymentStatus
from shop.orders.event_text import event_text
from shop.orders.presenters import payment_summary
from tests.blog.factories import PostFactory, TagFactory
from tests.shop.catalogue.test_stock_edits import change_form, hidden
from tests.shop.factories import OrderFactory, PaymentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.production_languages]

UTC = dt.UTC


def test_the_payment_date_is_the_shops_day_not_utcs(settings):
    assert settings.TIME_ZONE == "Europe/Kyiv"
    # 23:30 UTC on 7 December is 01:30 on 8 December in Kyiv.
    order = OrderFactory.create(paid=True, paid_at=dt.datetime(2026, 12, 7, 23, 30, tzinfo=UTC))
    with translation.override("uk"):
        assert "оплачено 8 грудня" in payment_summary(order)
    with translation.override("en"):
        assert "paid on 8 December" in payment_summary(order)


@pytest.mark.parametrize(
    ("typed", "language", "price"),
    [
        ("509,50", "uk", "509.50"),
        ("509.50", "uk", "509.50"),
        ("509,50", "en", "509.50"),  # a Ukrainian habit in the English admin
        ("509.50", "en", "509.50"),
        ("1 234,50", "uk", "1234.50"),
        ("1\u00a0234,50", "uk", "1234.50"),
        ("1,234.50", "en", "1234.50"),
        ("50950", "uk", "50950"),
    ],
)
def test_a_price_is_read_as_the_staff_member_wrote_it(typed, language, price):
    assert price_parse(typed, language=language) == Decimal(price)


@pytest.mark.parametrize("typed", ["abc", "5,0,0", "1.234,5.0", ""])
def test_a_price_no_language_reads_is_refused(typed):
    with pytest.raises(ValueError):
        price_parse(typed, language="uk")


def test_the_admin_price_field_takes_a_comma_and_asks_before_a_tenfold_change(
    staff_client, product
):
    product.price = Decimal("500.00")
    product.save()
    url = reverse("admin:shop_product_change", args=[product.pk])
    page = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="uk")
    field = re.search(r'<input type="text" name="price" value="([^"]*)"[^>]*>', page.text)
    assert field and field.group(1) == "500,00" and 'inputmode="decimal"' in field.group(0)
    shown = hidden(page.text, "initial-stock")

    def save(**changes):
        data = change_form(product, **{"initial-stock": shown}) | changes
        return staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="uk")

    assert save(price="509,50").status_code == 302
    product.refresh_from_db()
    assert product.price == Decimal("509.50")
    # «50950» for «509,50»: more than ten times, so it is asked, not saved.
    refused = save(price="50950")
    assert refused.status_code == 200 and "більш ніж удесятеро" in refused.text
    product.refresh_from_db()
    assert product.price == Decimal("509.50")
    assert save(price="50950", confirm_price="on").status_code == 302
    product.refresh_from_db()
    assert product.price == Decimal("50950")


def test_order_events_and_payment_messages_are_ukrainian_in_the_ukrainian_admin(staff_client):
    order = OrderFactory.create(status=OrderStatus.PENDING_PAYMENT)
    for note in ("Placed", "Paid via demo", "Admin", "Unpaid in time"):
        OrderEvent.objects.create(order=order, to_status=OrderStatus.PENDING_PAYMENT, note=note)
    PaymentFactory.create(
        order=order, status=PaymentStatus.DECLINED, failure_reason="Declined at the demo gateway"
    )
    url = reverse("admin:shop_order_change", args=[order.pk])
    html = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="uk").text
    for ukrainian in ("Оформлено", "Оплачено через", "Дія адміністратора", "Відхилено демо-шлюзом"):
        assert ukrainian in html, ukrainian
    left = ("Placed", "Paid via", "Admin action", "Declined at the demo", "pending_payment")
    for english in left:
        assert f">{english}" not in html and f"{english}<" not in html, english
    english = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Declined at the demo gateway" in english and "Paid via" in english


def test_an_unknown_note_is_shown_as_written():
    with translation.override("uk"):
        assert event_text("Checked by phone with the buyer") == "Checked by phone with the buyer"
        assert event_text("Payment 3f9a1c2e…: the order was already paid") == (
            "Платіж 3f9a1c2e…: замовлення вже було оплачено"
        )


def test_the_admin_names_the_apps_in_ukrainian(staff_client):
    html = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="uk").text
    for name in ("Магазин", "Блог", "Облікові записи", "Інформаційні сторінки"):
        assert name in html, name
    assert ">Shop<" not in html and ">Blog<" not in html


def test_blog_tags_are_ukrainian_on_ukrainian_pages(client):
    tag = TagFactory.create(name="Kitchen", slug="kitchen")
    post = PostFactory.create(slug="brew", status=PostStatus.PUBLISHED)
    post.tags.set([tag])
    assert ">Кухня</a>" in client.get(post.get_absolute_url()).text
    assert ">Kitchen</a>" in client.get("/en" + post.get_absolute_url()).text
    assert "Кухня" in client.get("/blog/tag/kitchen/").text

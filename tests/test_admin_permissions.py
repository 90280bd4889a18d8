"""Staff can do in the admin what their permissions say, and no more: a user who may only view
orders or posts is neither offered nor able to run the actions that change them."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from blog.models import Post, PostGenerationJob, PostStatus
from shop.models import Order, OrderStatus
from tests.accounts.factories import UserFactory
from tests.blog.factories import PostFactory
from tests.shop.conftest import cart_add, checkout
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

ORDER_ACTIONS = [
    "mark_confirm",
    "mark_ship",
    "mark_ready_for_pickup",
    "mark_deliver",
    "mark_collect",
    "mark_cancelled",
]


def staff_with(*codenames: str) -> Client:
    user = UserFactory.create(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    otp_login(client, user)
    return client


def run_action(client: Client, url: str, action: str, *objects):
    return client.post(
        url, {"action": action, "_selected_action": [o.pk for o in objects]}, follow=True
    )


@pytest.fixture
def order(product):
    shopper = Client()
    cart_add(shopper, product, 3)
    checkout(shopper, payment="cod")
    return Order.objects.get()


def test_view_only_staff_are_not_offered_order_actions_and_cannot_post_them(order, product):
    viewer = staff_with("view_order")
    url = reverse("admin:shop_order_changelist")
    page = viewer.get(url)
    assert page.status_code == 200 and order.number in page.text
    for action in ORDER_ACTIONS:
        assert f'value="{action}"' not in page.text
    for action in ["mark_confirm", "mark_cancelled", "record_cash", "refund"]:
        response = run_action(viewer, url, action, order)
        assert response.status_code == 200
        assert "marked" not in response.text and "cancelled." not in response.text
    order.refresh_from_db()
    product.refresh_from_db()
    assert order.status == OrderStatus.PLACED
    assert product.stock == 7  # cancelling would have returned the 3
    assert order.events.count() == 1  # only "placed"


def test_staff_who_may_change_orders_run_the_actions(order, product):
    clerk = staff_with("view_order", "change_order")
    url = reverse("admin:shop_order_changelist")
    page = clerk.get(url)
    for action in ORDER_ACTIONS:
        assert f'value="{action}"' in page.text
    assert 'value="record_cash"' not in page.text and 'value="refund"' not in page.text
    response = run_action(clerk, url, "mark_cancelled", order)
    assert "1 order(s) cancelled." in response.text
    order.refresh_from_db()
    product.refresh_from_db()
    assert (order.status, product.stock) == (OrderStatus.CANCELLED, 10)


def test_view_only_staff_cannot_publish_or_archive_posts():
    draft = PostFactory.create(status=PostStatus.DRAFT, publish_at=None)
    live = PostFactory.create()
    viewer = staff_with("view_post")
    url = reverse("admin:blog_post_changelist")
    page = viewer.get(url)
    assert page.status_code == 200
    assert 'value="publish_now"' not in page.text and 'value="archive"' not in page.text
    run_action(viewer, url, "publish_now", draft)
    run_action(viewer, url, "archive", live)
    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.status, live.status) == (PostStatus.DRAFT, PostStatus.PUBLISHED)

    editor = staff_with("view_post", "change_post")
    run_action(editor, url, "publish_now", draft)
    run_action(editor, url, "archive", live)
    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.status, live.status) == (PostStatus.PUBLISHED, PostStatus.ARCHIVED)


def test_write_a_draft_with_ai_needs_the_permission_to_add_posts(product):
    url = reverse("admin:blog_post_write_with_ai")
    form = {"topic": "Coffee", "keywords": "coffee", "language": "en"}
    form |= {"tone": "practical", "length": "short"}
    for codenames in [("view_post",), ("view_post", "change_post")]:
        client = staff_with(*codenames)
        assert url not in client.get(reverse("admin:blog_post_changelist")).text
        assert client.get(url).status_code == 403
        assert client.post(url, form).status_code == 403
    assert not PostGenerationJob.objects.exists() and not Post.objects.exists()

    writer = staff_with("view_post", "add_post")
    assert writer.get(url).status_code == 200
    assert writer.post(url, form).status_code == 302
    assert PostGenerationJob.objects.count() == 1


def test_every_admin_action_in_the_project_declares_its_permission():
    for model, model_admin in admin.site._registry.items():
        # Django's private list of every action, before permissions filter it (not in the stubs).
        for func, name, _description in model_admin._get_base_actions():  # type: ignore[attr-defined]
            assert getattr(func, "allowed_permissions", None), f"{model.__name__}: {name}"

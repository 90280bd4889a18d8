from django.urls import path

from shop.cart import views as cart
from shop.catalogue import views as catalogue
from shop.checkout import views as checkout
from shop.delivery import views as delivery_views
from shop.orders import views as orders
from shop.payments import views as payments
from shop.payments.monobank import views as monobank
from shop.payments.stripe import views as webhooks

app_name = "shop"

urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("category/<slug:slug>/", catalogue.catalogue, name="category"),
    path("products/<slug:slug>/", catalogue.product_detail, name="product"),
    path("cart/", cart.cart_detail, name="cart"),
    path("cart/add/<int:product_id>/", cart.cart_add_view, name="cart_add"),
    path("cart/update/<int:product_id>/", cart.cart_update_view, name="cart_update"),
    path("cart/remove/<int:product_id>/", cart.cart_remove_view, name="cart_remove"),
    path("cart/clear/", cart.cart_clear_view, name="cart_clear"),
    path("checkout/", checkout.checkout_details, name="checkout"),
    path("checkout/delivery/", checkout.checkout_shipping, name="checkout_shipping"),
    path("checkout/review/", checkout.checkout_review, name="checkout_review"),
    path("checkout/np/", delivery_views.checkout_np, name="checkout_np"),
    path("checkout/np/cities/", delivery_views.np_cities, name="np_cities"),
    path("checkout/np/warehouses/", delivery_views.np_warehouses, name="np_warehouses"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/link/<str:token>/", orders.order_link, name="order_link"),
    # Before orders/<number>/: "find" is not an order number.
    path("orders/find/", orders.order_find, name="order_find"),
    path("orders/find/sent/", orders.order_find_sent, name="order_find_sent"),
    path("orders/<str:number>/", orders.order_detail, name="order_detail"),
    path("orders/<str:number>/pay/", payments.order_pay, name="order_pay"),
    path("orders/<str:number>/paying/", payments.order_paying, name="order_paying"),
    path("pay/demo/<str:reference>/", payments.demo_gateway, name="demo_gateway"),
    path("payments/stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
    path("payments/monobank/webhook/", monobank.monobank_webhook, name="monobank_webhook"),
]

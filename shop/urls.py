from django.urls import path

from shop.views import cart, catalogue

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
]

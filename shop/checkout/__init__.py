"""Checkout: the steps from cart to a placed order (details, delivery, review, place) and the
one service where a cart becomes an order and stock goes down."""

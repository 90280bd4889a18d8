from shop.cart import Cart


def cart_summary(request) -> dict:
    # Counted from the session alone: the header costs no database query.
    session = getattr(request, "session", None)
    return {"cart_count": Cart(session).count if session is not None else 0}

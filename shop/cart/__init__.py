"""The cart: kept in the session, priced at today's prices, changed only through its services."""

"""Delivery: how an order reaches its shopper — the shipping table (`shipping`: methods, prices,
the pickup store, free delivery), Nova Poshta's branches, parcel lockers and couriers, and the
checkout fields a courier needs.

`fields` (phone, postcode and country rules; no models), `client` (the API 2.0 over HTTP),
`services` (the sync into our database), `selectors` (local search), `tariffs` (prices),
`views` (the checkout's picker and its JSON look-ups)."""

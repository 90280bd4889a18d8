"""monobank acquiring (plata by mono): cards, Apple Pay and Google Pay on monobank's hosted page.

`api` speaks its HTTP API (invoices, status, refunds, statement, the public key), `signature`
checks the ECDSA signature of its callbacks, `provider` is the PaymentProvider checkout uses,
`webhooks` acts on its callbacks once each, in order, and `views` receives them.
"""

"""Payments: providers behind one interface (providers), attempts and the exact-amount gate
(services), refunds, reconciliation, and each provider in its own package (stripe, monobank)."""

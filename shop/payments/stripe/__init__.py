"""Stripe Checkout: its configuration, API calls, the provider, webhook events and their view."""

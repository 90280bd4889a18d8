"""An app that registers a URL name with monitoring which does not resolve (a renamed URL),
for the test that start-up then fails loudly. Used only through misregistered_settings."""

"""TODO(lead, after merging i11-sentry): delete this module. `config_error` lives in
core/config.py; monitoring/config.py still imports it from here until the Sentry branch lands
(tests/test_import_direction.py allows only that import of smartshop)."""

from core.config import config_error

__all__ = ["config_error"]

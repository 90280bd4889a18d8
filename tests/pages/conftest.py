from tests.i18n.conftest import skillet

__all__ = ["skillet"]

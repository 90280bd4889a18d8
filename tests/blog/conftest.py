import pytest

from tests.support.openai_server import OpenAIStub

API_KEY = "sk-test-do-not-leak-0123456789"


@pytest.fixture(autouse=True)
def _offline_writer_by_default(settings):
    # Whatever the machine's environment holds, blog tests start with no key: offline writer.
    settings.OPENAI_API_KEY = ""
    settings.OPENAI_BASE_URL = ""
    settings.OPENAI_MODEL = "gpt-4o-mini"


@pytest.fixture
def openai_stub(settings):
    """A running OpenAI-compatible server, with settings pointing the real client at it."""
    stub = OpenAIStub().start()
    settings.OPENAI_API_KEY = API_KEY
    settings.OPENAI_BASE_URL = stub.base_url
    settings.OPENAI_TIMEOUT = 5
    yield stub
    stub.stop()

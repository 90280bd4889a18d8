import pytest


@pytest.mark.django_db
def test_an_upload_name_the_file_system_refuses_is_a_404_not_a_500(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # exists, as on a server with uploads
    (tmp_path / "cover.png").write_bytes(b"\x89PNG")
    assert client.get("/media/cover.png").status_code == 200
    assert client.get("/media/" + "a" * 300).status_code == 404
    assert client.get("/media/missing.png").status_code == 404

"""Upload limits: image size and pixel count (decompression bombs), request body size.

Uploaded through Wagtail's admin as an editor would, with the limits the settings give
(tierslieux/settings/limits.py), not lowered for the test.
"""

import io
import struct
import zlib

import pytest

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model


def png(width: int, height: int) -> bytes:
    """A real black-and-white PNG: 1 bit per pixel, rows of zeros, compressed by zlib,
    so a huge image weighs a few kilobytes (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then the pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("photo", "p@example.org", "pass-1234")
    client.force_login(user)
    return client


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type="image/png")},
    )


@pytest.mark.django_db
class TestImageUploads:
    def test_a_normal_image_is_accepted(self, editor):
        response = upload(editor, "petite.png", png(120, 80))
        assert response.status_code == 302
        assert get_image_model().objects.filter(title="petite.png").exists()

    def test_decompression_bomb_is_refused_with_a_message(self, editor):
        side = int(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS**0.5) + 1000
        bomb = png(side, side)
        assert len(bomb) < 200_000 < side * side // 8  # small file, huge image
        response = upload(editor, "bombe.png", bomb)
        assert response.status_code == 200  # the form again, with its error
        errors = response.context["form"].errors["file"]
        assert any("pixels" in str(error) for error in errors)
        assert not get_image_model().objects.filter(title="bombe.png").exists()

    def test_file_over_the_size_limit_is_refused_with_a_message(self, editor):
        heavy = png(16, 16) + b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        response = upload(editor, "lourde.png", heavy)
        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not get_image_model().objects.filter(title="lourde.png").exists()


@pytest.mark.django_db
def test_request_body_over_the_limit_is_a_400(client):
    """DATA_UPLOAD_MAX_MEMORY_SIZE: a form body that large is refused before it is read
    into memory (a 400, never a 500)."""
    body = io.BytesIO(b"q=" + b"a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    response = client.generic(
        "POST",
        "/admin/login/",
        body.getvalue(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_limits_are_set():
    """Wagtail's own default pixel limit is 128 megapixels; ours is lower."""
    assert 10_000_000 <= settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 100_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024

"""Small JPEG previews of uploaded images, made once at upload and shown in lists."""

import io

from PIL import Image, ImageOps

THUMBNAIL_SIZE = 320  # longest side in pixels


def make_thumbnail(data: bytes) -> tuple[bytes, int, int]:
    """(JPEG bytes of the preview, width, height of the original, as displayed)."""
    with Image.open(io.BytesIO(data)) as image:
        image.seek(0)  # the first frame of an animated GIF or WebP
        image = ImageOps.exif_transpose(image)  # phone photos carry their rotation in EXIF
        width, height = image.size
        if image.mode not in ("RGB", "L"):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, "white")
            image.paste(rgba, mask=rgba.getchannel("A"))
        image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue(), width, height

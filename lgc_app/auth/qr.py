"""The QR code of a TOTP enrolment URI, as a PNG (zxing-cpp, already used for the INS datamatrix): the
authenticator app scans it instead of the user typing the seed."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image


def qr_png(text: str, *, module_pixels: int = 6) -> bytes:
    """A PNG of `text` as a QR code with its quiet zone, `module_pixels` pixels per module."""
    image = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode).to_image(scale=module_pixels,
                                                                                   add_quiet_zones=True)
    height, width = image.shape[:2]
    pixels = memoryview(image).tobytes()  # type: ignore[arg-type]  # stubs lack Image.__buffer__
    buffer = io.BytesIO()
    Image.frombytes("L", (width, height), pixels).save(buffer, format="PNG")
    return buffer.getvalue()

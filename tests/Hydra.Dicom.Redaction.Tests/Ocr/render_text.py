"""Renders text into an 8-bit greyscale image for the OCR binding's tests: raw bytes to argv[1], the text's box on stdout.

Usage: render_text.py OUT WIDTH HEIGHT BACKGROUND FOREGROUND SIZE X Y TEXT  (run with Debian's /usr/bin/python3 and python3-pil)
"""
import sys
from PIL import Image, ImageDraw, ImageFont

out, width, height, background, foreground, size, x, y, text = sys.argv[1:10]
image = Image.new("L", (int(width), int(height)), int(background))
draw = ImageDraw.Draw(image)
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(size))
draw.text((int(x), int(y)), text, fill=int(foreground), font=font)
with open(out, "wb") as f:
    f.write(image.tobytes())
print(*draw.textbbox((int(x), int(y)), text, font=font))

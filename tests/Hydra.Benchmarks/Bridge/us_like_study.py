#!/usr/bin/env python3
"""Ultrasound-like images with identifying text burned into their pixels, for the pixel-cleaning ingest bench.

Usage: us_like_study.py FOLDER COUNT
Writes COUNT 640x480 RGB Ultrasound Image Storage files, as a scanner's screen would look: a speckled sector (the
anatomy), a top band with the patient's name, id, birth date and the hospital, a measurement line at the bottom and a
depth scale. Every image has its own name and id (so no image's text repeats another's) and Burned In Annotation is
absent, as many ultrasound devices send it. Needs Debian's python3-pil, python3-pydicom and fonts-dejavu-core.
"""
import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, UltrasoundImageStorage, generate_uid

WIDTH, HEIGHT = 640, 480
FONTS = "/usr/share/fonts/truetype/dejavu/"
SURNAMES = ["NAKAMURA", "OKONKWO", "FERREIRA", "LINDQVIST", "DUBOIS", "KOWALSKI", "HARTMANN", "MORETTI"]
GIVEN = ["AMELIA", "JONAS", "PRIYA", "MATEO", "INGRID", "KWAME", "SOFIA", "LUKAS"]


def frame(rng, number):
    image = Image.new("RGB", (WIDTH, HEIGHT), (0, 0, 0))
    pixels = image.load()
    apex_x, apex_y = WIDTH // 2, 60
    for y in range(apex_y, HEIGHT - 40):
        for x in range(WIDTH):
            angle = math.atan2(x - apex_x, y - apex_y + 1)
            depth = math.hypot(x - apex_x, y - apex_y)
            if abs(angle) < 0.62 and depth < 400:
                v = int(max(0, min(255, rng.gauss(70 + 40 * math.sin(depth / 23.0), 28))))
                pixels[x, y] = (v, v, v)
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(FONTS + "DejaVuSans-Bold.ttf", 16)
    mono = ImageFont.truetype(FONTS + "DejaVuSansMono.ttf", 14)
    name = f"{SURNAMES[number % len(SURNAMES)]}^{GIVEN[(number // len(SURNAMES)) % len(GIVEN)]}"
    draw.text((8, 6), f"{name}  ID {7100000 + number}", fill=(255, 255, 255), font=bold)
    draw.text((8, 28), f"DOB 19{50 + number % 50:02d}-0{1 + number % 9}-1{number % 10}  ST MARY HOSPITAL", fill=(255, 255, 0), font=mono)
    draw.text((WIDTH - 170, 6), f"2024-03-{10 + number % 19} 10:{number % 60:02d}", fill=(255, 255, 255), font=mono)
    draw.text((8, HEIGHT - 26), f"DIST 4.{number % 10} cm  GA 2{number % 10}w", fill=(0, 255, 0), font=mono)
    for tick in range(5):
        draw.text((WIDTH - 30, 80 + tick * 70), str(tick * 5), fill=(200, 200, 200), font=mono)
    return image


def write(folder, count):
    rng = random.Random(480)
    study, series = generate_uid(), generate_uid()
    paths = []
    for number in range(count):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = UltrasoundImageStorage
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.SOPClassUID, ds.SOPInstanceUID = UltrasoundImageStorage, meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
        ds.Modality, ds.StudyDate, ds.StudyTime = "US", "20240315", "101500"
        ds.PatientName, ds.PatientID = f"{SURNAMES[number % len(SURNAMES)]}^BENCH", f"US-{7100000 + number}"
        ds.InstanceNumber = number + 1
        ds.Rows, ds.Columns = HEIGHT, WIDTH
        ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "RGB", 0
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
        ds.PixelData = frame(rng, number).tobytes()
        path = Path(folder) / f"us{number:05d}.dcm"
        ds.save_as(path, write_like_original=False)
        paths.append(str(path))
    print("\n".join(paths))


if __name__ == "__main__":
    Path(sys.argv[1]).mkdir(parents=True, exist_ok=True)
    write(sys.argv[1], int(sys.argv[2]))

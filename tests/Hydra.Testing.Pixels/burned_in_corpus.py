#!/usr/bin/python3
"""Writes the burned-in text corpus: DICOM files with text rendered into their pixels, and manifest.json.

Usage: /usr/bin/python3 burned_in_corpus.py OUTPUT_FOLDER   (needs PIL and pydicom; numpy is not used)

Anatomy comes from pydicom's test files, upscaled to 512; text is drawn with DejaVu fonts in several sizes,
colours and polarities, at bands, corners, mid-image and rotated. The manifest lists, per file, the strings drawn
and each string's box per frame (the bounding box of its drawn pixels), Burned In Annotation, and hasText.
Everything is seeded: the same corpus every run.
"""
import json
import os
import random
import struct
import sys

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, generate_uid
from PIL import Image, ImageDraw, ImageFont

TEST_FILES = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")
FONTS = "/usr/share/fonts/truetype/dejavu/"
FACES = {"sans": "DejaVuSans.ttf", "mono": "DejaVuSansMono.ttf", "serif": "DejaVuSerif.ttf", "bold": "DejaVuSans-Bold.ttf",
         "monobold": "DejaVuSansMono-Bold.ttf"}
SURNAMES = ["ALVAREZ", "BECKER", "CHANDRA", "DUBOIS", "EKWUEME", "FISCHER", "GARCIA", "HOFFMAN", "IVANOVA", "JOHANSEN",
            "KOWALSKI", "LINDQVIST", "MORENO", "NAKAMURA", "OKAFOR", "PETROV", "QUINTERO", "ROSSI", "SCHMIDT", "TANAKA",
            "VARGAS", "WEBER", "YAMADA", "ZIMMERMAN", "HARTLEY", "MCKENNA", "ABERNATHY", "PALMER", "WAGNER", "FONTAINE"]
GIVEN = ["JOHN", "MARIA", "AHMED", "KEIKO", "OLIVER", "FATIMA", "LUCAS", "INGRID", "PEDRO", "HANNAH", "VICTOR", "CHLOE"]
rng = random.Random(22)


def identifier():
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.choice(SURNAMES)}^{rng.choice(GIVEN)}"
    if kind == 1:
        return f"MRN {rng.randrange(1000000, 9999999)}"
    if kind == 2:
        return f"DOB {rng.randrange(1940, 2010)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return f"{rng.choice(SURNAMES)} {rng.randrange(10000, 99999)}"


def read_gray(name):
    ds = pydicom.dcmread(os.path.join(TEST_FILES, name))
    n = ds.Rows * ds.Columns
    fmt = "<%d%s" % (n, "h" if ds.PixelRepresentation else "H") if ds.BitsAllocated == 16 else None
    values = list(struct.unpack(fmt, ds.PixelData[:2 * n])) if fmt else list(ds.PixelData[:n])
    slope, intercept = float(getattr(ds, "RescaleSlope", 1)), float(getattr(ds, "RescaleIntercept", 0))
    return ds.Columns, ds.Rows, [v * slope + intercept for v in values]


def upscale(width, height, values, size):
    img = Image.new("F", (width, height))
    img.putdata(values)
    return list(img.resize(size, Image.BILINEAR).getdata())


def anatomy(kind, size=(512, 512)):
    """Modality values (HU for CT) of a text-free base image."""
    if kind == "ct":
        return upscale(*read_gray("CT_small.dcm"), size)
    if kind == "mr":
        return upscale(*read_gray("MR_small.dcm"), size)
    if kind == "dfl":
        return upscale(*read_gray("image_dfl.dcm"), size)
    if kind == "noise8":
        return [rng.gauss(110, 25) for _ in range(size[0] * size[1])]
    if kind == "noise16":
        return [rng.gauss(2000, 400) for _ in range(size[0] * size[1])]
    if kind == "ramp":
        return [((i % size[0]) * 4) + rng.randrange(64) for i in range(size[0] * size[1])]
    raise ValueError(kind)


def us_rgb(size):
    """An ultrasound-like colour base: the 8-bit test image, tinted, with a colour-flow blob."""
    width, height, values = read_gray("image_dfl.dcm")
    img = Image.new("L", (width, height))
    img.putdata([round(v) for v in values])
    grey = list(img.resize(size, Image.BILINEAR).getdata())
    out = [(g, round(g * 0.92), round(g * 0.8)) for g in grey]
    cx, cy = size[0] * 2 // 3, size[1] // 2
    for y in range(cy - 40, cy + 40):
        for x in range(cx - 30, cx + 30):
            if (x - cx) ** 2 + (y - cy) ** 2 < 900:
                out[y * size[0] + x] = (200, 30, 30) if x < cx else (30, 60, 210)
    return out


def text_mask(size, text, face, px, at, angle):
    """The alpha (0-255) of text drawn at `at`, rotated by `angle` degrees about its centre, and its bounding box."""
    font = ImageFont.truetype(FONTS + FACES[face], px)
    left, top, right, bottom = font.getbbox(text)
    pad = px
    tile = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
    ImageDraw.Draw(tile).text((pad - left, pad - top), text, font=font, fill=255)
    if angle:
        tile = tile.rotate(angle, resample=Image.BICUBIC, expand=True)
    mask = Image.new("L", size, 0)
    x, y = at
    if x < 0:
        x = size[0] + x - tile.width
    if y < 0:
        y = size[1] + y - tile.height
    mask.paste(tile, (x - pad // 2 if angle else x - pad, y - pad // 2 if angle else y - pad))
    return mask, mask.getbbox()


def blend(values, size, mask, box, ink):
    width = size[0]
    alpha = mask.load()
    for y in range(box[1], box[3]):
        for x in range(box[0], box[2]):
            a = alpha[x, y]
            if a:
                i = y * width + x
                if isinstance(ink, tuple):
                    values[i] = tuple(round((v * (255 - a) + t * a) / 255) for v, t in zip(values[i], ink))
                else:
                    values[i] = (values[i] * (255 - a) + ink * a) / 255


def fill(values, size, box, ink):
    for y in range(max(0, box[1]), min(size[1], box[3])):
        for x in range(max(0, box[0]), min(size[0], box[2])):
            values[y * size[0] + x] = ink


def luminance(v):
    return 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2] if isinstance(v, tuple) else v


def legible(values, size, mask, box, ink, vis):
    """True when nearly every stroke pixel differs from its background by 30% of the visible range (lo, hi)."""
    lo, hi = vis
    clip = lambda v: min(hi, max(lo, luminance(v)))
    alpha, strokes, weak = mask.load(), 0, 0
    for y in range(box[1], box[3]):
        for x in range(box[0], box[2]):
            if alpha[x, y] > 128:
                strokes += 1
                weak += abs(clip(ink) - clip(values[y * size[0] + x])) < 0.3 * (hi - lo)
    return weak <= 0.02 * strokes


def draw_texts(values, size, texts, frame, boxes, strings, vis):
    """texts: (text, face, px, (x, y), angle, ink, paper) with negative x/y from the right/bottom; paper draws a box
    first. Without paper, text that would not stand out from what is under it gets a paper of the far extreme."""
    for text, face, px, at, angle, ink, paper in texts:
        mask, box = text_mask(size, text, face, px, at, angle)
        if paper is None and not legible(values, size, mask, box, ink, vis):
            far = vis[0] if abs(luminance(ink) - vis[0]) > abs(luminance(ink) - vis[1]) else vis[1]
            paper = (round(far),) * 3 if isinstance(ink, tuple) else far
        if paper is not None:
            fill(values, size, (box[0] - 6, box[1] - 6, box[2] + 6, box[3] + 6), paper)
        blend(values, size, mask, box, ink)
        boxes.append({"frame": frame, "x": box[0], "y": box[1], "width": box[2] - box[0], "height": box[3] - box[1], "text": text})
        if text not in strings:
            strings.append(text)


def write(folder, name, size, frames, kind, bia, manifest, strings, boxes, window=None, photometric=None,
          signed=False, intercept=0.0, syntax=ExplicitVRLittleEndian, planar=0, modality="CT", maker=None):
    ds = Dataset()
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7" if kind != "ct16" else "1.2.840.10008.5.1.4.1.1.2"
    ds.SOPInstanceUID = generate_uid()
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.PatientName, ds.PatientID, ds.Modality = "CORPUS^TEST", "CORPUS", modality
    if maker:
        ds.Manufacturer, ds.ManufacturerModelName = maker
    ds.Rows, ds.Columns = size[1], size[0]
    if len(frames) > 1:
        ds.NumberOfFrames = len(frames)
    if bia is not None:
        ds.BurnedInAnnotation = bia
    if kind in ("rgb", "ybr"):
        ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "RGB" if kind == "rgb" else "YBR_FULL", planar
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
        data = bytearray()
        for f in frames:
            if kind == "ybr":
                f = [tuple(round(c) for c in Image.new("RGB", (1, 1), p).convert("YCbCr").getpixel((0, 0))) for p in f]
            if planar:
                for c in range(3):
                    data += bytes(p[c] for p in f)
            else:
                data += bytes(c for p in f for c in p)
        ds.PixelData = bytes(data)
    else:
        bits = 8 if kind == "gray8" else 16
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, photometric or "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = bits, 12 if bits == 16 and not signed else bits, (11 if bits == 16 and not signed else bits - 1), 1 if signed else 0
        if bits == 16:
            ds.RescaleIntercept, ds.RescaleSlope = intercept, 1
        hi = (1 << ds.BitsStored) - 1 if not signed else 32767
        lo = 0 if not signed else -32768
        data = bytearray()
        for f in frames:
            stored = [min(hi, max(lo, round(v - intercept))) for v in f]
            if photometric == "MONOCHROME1":
                stored = [hi - v for v in stored]
            data += struct.pack("<%d%s" % (len(stored), "B" if bits == 8 else ("h" if signed else "H")), *stored)
        ds.PixelData = bytes(data)
        if window:
            ds.WindowCenter, ds.WindowWidth = window
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID = ds.SOPClassUID, ds.SOPInstanceUID
    meta.TransferSyntaxUID = syntax
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, syntax == ImplicitVRLittleEndian
    ds["PixelData"].VR = "OW" if ds.BitsAllocated == 16 else "OB"
    ds.save_as(os.path.join(folder, name), write_like_original=False)
    manifest.append({"file": name, "hasText": bool(strings), "burnedInAnnotation": bia, "photometric": ds.PhotometricInterpretation,
                     "bitsAllocated": int(ds.BitsAllocated), "frames": len(frames), "width": size[0], "height": size[1],
                     "strings": strings, "boxes": boxes})


def main(folder):
    os.makedirs(folder, exist_ok=True)
    manifest = []
    s = (512, 512)
    ct_window, hi, lo = (40, 400), 320, -260

    def image(name, kind, base, texts, bia="NO", size=s, frames=1, on_frames=None, vis=None, **kw):
        if vis is None:
            window = kw.get("window")
            vis = (window[0] - window[1] / 2, window[0] + window[1] / 2) if window else (min(map(luminance, base)), max(map(luminance, base)))
        strings, boxes, out = [], [], []
        for n in range(1, frames + 1):
            values = list(base)
            chosen = texts if on_frames is None else on_frames.get(n, [])
            draw_texts(values, size, chosen, n, boxes, strings, vis)
            out.append(values)
        write(folder, name, size, out, kind, bia, manifest, strings, boxes, **kw)

    ct, mr, dfl = anatomy("ct"), anatomy("mr"), anatomy("dfl")
    ct16 = dict(kind="ct16", intercept=-1024.0, window=ct_window)
    t = identifier
    # Grey 16-bit CT over real anatomy: bands, corners, mid-image, rotated, polarities, sizes.
    image("t01-ct16-top-band.dcm", base=ct, texts=[(t(), "sans", 20, (12, 8), 0, hi, None)], bia="YES", **ct16)
    image("t02-ct16-bottom-band.dcm", base=ct, texts=[(t(), "mono", 16, (12, -10), 0, hi, None)], **ct16)
    image("t03-ct16-corners.dcm", base=ct, bia=None, texts=[(t(), "serif", 18, (6, 6), 0, hi, None), (t(), "serif", 18, (-6, 6), 0, hi, None),
          (t(), "sans", 18, (6, -6), 0, hi, None), (t(), "sans", 18, (-6, -6), 0, hi, None)], **ct16)
    image("t04-ct16-mid-anatomy.dcm", base=ct, texts=[(t(), "bold", 28, (110, 330), 0, hi, None)], **ct16)
    image("t05-ct16-rotated.dcm", base=ct, texts=[(t(), "sans", 24, (110, 200), 4, hi, None)], **ct16)
    image("t06-ct16-rotated-bottom.dcm", base=ct, texts=[(t(), "mono", 22, (40, -30), -3, hi, None)], **ct16)
    image("t07-ct16-dark-on-light.dcm", base=ct, texts=[(t(), "sans", 18, (-20, 20), 0, lo, 300)], **ct16)
    image("t08-ct16-small-14px.dcm", base=ct, texts=[(t(), "mono", 14, (8, 8), 0, hi, None)], **ct16)
    image("t09-ct16-large-40px.dcm", base=ct, texts=[(t(), "bold", 40, (60, 220), 0, hi, None)], **ct16)
    image("t10-ct16-signed.dcm", base=ct, texts=[(t(), "serif", 24, (20, 10), 0, hi, None)], kind="ct16", signed=True, window=ct_window)
    image("t11-ct16-monochrome1.dcm", base=ct, texts=[(t(), "sans", 22, (20, -16), 0, hi, None)], kind="ct16", intercept=-1024.0,
          window=(2047 - ct_window[0], ct_window[1]), photometric="MONOCHROME1", vis=(-160, 240))
    image("t12-ct16-two-lines.dcm", base=ct, texts=[(t(), "sans", 16, (10, 6), 0, hi, None), (t(), "sans", 16, (10, 28), 0, hi, None)], **ct16)
    image("t13-mr16-window.dcm", base=mr, texts=[(t(), "sans", 16, (10, -12), 0, 1500, None)], kind="ct16", window=(600, 1600), modality="MR")
    image("t14-mr16-no-window.dcm", base=mr, texts=[(t(), "bold", 20, (150, 60), 0, 1400, None)], kind="ct16", modality="MR",
          syntax=ImplicitVRLittleEndian)
    image("t15-ct16-small-256.dcm", base=anatomy("ct", (256, 256)), size=(256, 256), texts=[(t(), "sans", 14, (4, 4), 0, hi, None)], **ct16)
    image("t16-noise16.dcm", base=anatomy("noise16"), texts=[(t(), "bold", 30, (70, 260), 0, 4095, None)], kind="ct16", modality="OT")
    # Grey 8-bit.
    image("t17-gray8-top-band.dcm", base=dfl, texts=[(t(), "sans", 18, (10, 8), 0, 250, None)], kind="gray8", modality="OT")
    image("t18-gray8-rotated.dcm", base=dfl, texts=[(t(), "bold", 26, (90, 300), 5, 250, None)], kind="gray8", modality="OT", bia="YES")
    image("t19-gray8-dark-on-light.dcm", base=dfl, texts=[(t(), "serif", 20, (30, -40), 0, 5, 235)], kind="gray8", modality="OT", bia=None)
    image("t20-noise8.dcm", base=anatomy("noise8"), texts=[(t(), "mono", 24, (40, 200), 0, 255, None)], kind="gray8", modality="OT")
    image("t21-gray8-14px-corner.dcm", base=dfl, texts=[(t(), "sans", 14, (-8, -8), 0, 250, None)], kind="gray8", modality="OT",
          syntax=DeflatedExplicitVRLittleEndian)
    # RGB (interleaved and planar), YBR_FULL; coloured text, one of luminance close to its background.
    us = us_rgb((640, 480))
    rgb = dict(kind="rgb", size=(640, 480), modality="US", base=us)
    image("t22-rgb-yellow.dcm", texts=[(t(), "sans", 18, (10, 10), 0, (255, 255, 0), None), (t(), "bold", 24, (200, 220), 0, (0, 255, 0), None)], bia="YES", **rgb)
    image("t23-rgb-planar.dcm", texts=[(t(), "mono", 16, (12, -10), 0, (255, 255, 255), None)], planar=1, **rgb)
    image("t24-rgb-isoluminant.dcm", texts=[(t(), "bold", 30, (80, 140), 0, (220, 40, 40), (96, 96, 96))], **rgb)
    image("t25-rgb-rotated.dcm", texts=[(t(), "serif", 22, (150, 320), 3, (0, 255, 255), None)], bia=None, **rgb)
    image("t26-rgb-dark-on-light.dcm", texts=[(t(), "sans", 20, (-30, 30), 0, (0, 0, 160), (250, 250, 250))], **rgb)
    image("t27-ybr-full.dcm", kind="ybr", size=(640, 480), modality="US", base=us, texts=[(t(), "sans", 20, (10, 10), 0, (255, 255, 255), None)])
    # Multi-frame: text on some frames only.
    image("t28-ct16-multiframe.dcm", base=ct, frames=4, on_frames={1: [(t(), "sans", 20, (12, 8), 0, hi, None)],
          3: [(t(), "bold", 26, (100, 260), 0, hi, None)]}, texts=None, **ct16)
    image("t29-rgb-multiframe.dcm", frames=3, on_frames={2: [(t(), "sans", 18, (10, -10), 0, (255, 255, 255), None)]}, texts=None, **rgb)
    image("t30-gray8-multiframe.dcm", base=dfl, frames=3, kind="gray8", modality="OT", texts=None,
          on_frames={n: [(t(), "mono", 18 + 4 * n, (20 + 60 * n, 40 + 120 * n), 0, 250, None)] for n in (1, 2, 3)})
    image("t31-ct16-device-band.dcm", base=ct, texts=[(t(), "sans", 16, (8, 4), 0, hi, None)], maker=("ACME", "SCANMASTER 9"), **ct16)
    # Text-free: anatomy, noise, windows, frames.
    image("n01-ct16-soft.dcm", base=ct, texts=[], **ct16)
    image("n02-ct16-bone.dcm", base=ct, texts=[], kind="ct16", intercept=-1024.0, window=(500, 2000), bia=None)
    image("n03-ct16-lung.dcm", base=ct, texts=[], kind="ct16", intercept=-1024.0, window=(-600, 1500), bia="YES")
    image("n04-mr16.dcm", base=mr, texts=[], kind="ct16", window=(600, 1600), modality="MR")
    image("n05-gray8.dcm", base=dfl, texts=[], kind="gray8", modality="OT")
    image("n06-noise8.dcm", base=anatomy("noise8"), texts=[], kind="gray8", modality="OT")
    image("n07-noise16.dcm", base=anatomy("noise16"), texts=[], kind="ct16", modality="OT")
    image("n08-rgb-us.dcm", texts=[], **rgb)
    image("n09-ct16-multiframe.dcm", base=ct, frames=3, texts=[], **ct16)
    image("n10-ct16-ramp.dcm", base=anatomy("ramp"), texts=[], kind="ct16", modality="CT")
    image("n11-ct16-signed.dcm", base=ct, texts=[], kind="ct16", signed=True, window=ct_window)
    with open(os.path.join(folder, "manifest.json"), "w") as out:
        json.dump({"images": manifest}, out, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])

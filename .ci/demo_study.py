#!/usr/bin/env python3
"""The demo's CT study, as a scanner would send it, and the check that readers got its pixels back.

Usage: demo_study.py write FOLDER COUNT        COUNT 512x512 16-bit slices with identifying values; prints their paths
       demo_study.py compare ORIGINALS DECRYPTED   pixel data of each decrypted image equals its original's
       demo_study.py write-us FOLDER              an ultrasound image with a patient's name and id burned into its pixels
       demo_study.py ocr FILE found|absent        what tesseract reads in FILE's pixels; fails unless IDENTIFIER is as said
Every identifying value contains IDENTIFIER, so the demo can search the bridge's disk for it. Needs pydicom
(Debian python3-pydicom); write-us and ocr need PIL (python3-pil) and tesseract (tesseract-ocr).
"""
import sys
from array import array
from pathlib import Path

from pydicom import dcmread
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

IDENTIFIER = "HYDRADEMO"
SIZE = 512


def pixels(slice_number):
    # A ramp that moves from slice to slice; CT values stored in 12 bits.
    values = array("H", ((x * 4 + y + slice_number * 64) % 4096 for y in range(SIZE) for x in range(SIZE)))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def image(study, series, frame, number):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyDate = "20240315"
    ds.StudyTime = "101500"
    ds.AccessionNumber = f"ACC-{IDENTIFIER}-42"
    ds.Modality = "CT"
    ds.InstitutionName = f"St {IDENTIFIER} Hospital"
    ds.ReferringPhysicianName = f"{IDENTIFIER}^REFERRER"
    ds.StudyDescription = f"CT CHEST {IDENTIFIER}"
    ds.PatientName = f"{IDENTIFIER}^JANE"
    ds.PatientID = f"MRN-{IDENTIFIER}-4711"
    ds.PatientBirthDate = "19610704"
    ds.PatientSex = "F"
    ds.BodyPartExamined = "CHEST"
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.FrameOfReferenceUID = frame
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = number
    ds.SliceLocation = number * 5.0
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = SIZE
    ds.Columns = SIZE
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.RescaleIntercept = -1024
    ds.RescaleSlope = 1
    # Without it the bridge quarantines the image: pixels might show burned-in text (PS3.15 E.1.1).
    ds.BurnedInAnnotation = "NO"
    ds.PixelData = pixels(number)
    return ds


def write(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    for number in range(1, count + 1):
        path = folder / f"ct{number:04d}.dcm"
        image(study, series, frame, number).save_as(path, write_like_original=False)
        print(path)


def compare(originals, decrypted):
    # De-identification replaces every UID, so images are matched by Instance Number, which it keeps.
    def pixels_by_number(files):
        return {int(ds.InstanceNumber): ds.PixelData for ds in map(dcmread, files)}

    expected = pixels_by_number(originals.glob("*.dcm"))
    received = pixels_by_number(decrypted.rglob("*.dcm"))
    same = sum(1 for number, data in received.items() if expected.get(number) == data)
    print(f"pixel data identical to the original's in {same} of {len(expected)} images")
    return same == len(expected) == len(received)


def write_us(folder):
    """A second patient's ultrasound screen: their name and id in the pixels, Burned In Annotation absent, as many
    ultrasound devices send it. Header values carry IDENTIFIER as well, for step 5's search."""
    from PIL import Image, ImageDraw, ImageFont
    from pydicom.uid import UltrasoundImageStorage

    width, height = 640, 480
    screen = Image.new("RGB", (width, height), (0, 0, 0))
    draw = ImageDraw.Draw(screen)
    draw.pieslice((70, -340, 570, 440), 55, 125, fill=(90, 90, 90))
    for ring in range(60, 440, 36):
        draw.arc((320 - ring, 40 - ring, 320 + ring, 40 + ring), 55, 125, fill=(150, 150, 150), width=3)
    fonts = "/usr/share/fonts/truetype/dejavu/"
    draw.text((10, 8), f"{IDENTIFIER}^OMAR  MRN-{IDENTIFIER}-0815", fill=(255, 255, 255), font=ImageFont.truetype(fonts + "DejaVuSans-Bold.ttf", 18))
    draw.text((10, 34), f"ST {IDENTIFIER} HOSPITAL  2024-03-15", fill=(255, 255, 0), font=ImageFont.truetype(fonts + "DejaVuSansMono.ttf", 16))
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = UltrasoundImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID, ds.SOPInstanceUID = UltrasoundImageStorage, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality, ds.StudyDate, ds.StudyTime, ds.StudyID = "US", "20240315", "111500", "2"
    ds.PatientName, ds.PatientID = f"{IDENTIFIER}^OMAR", f"MRN-{IDENTIFIER}-0815"
    ds.InstitutionName = f"St {IDENTIFIER} Hospital"
    ds.SeriesNumber, ds.InstanceNumber = 1, 1
    ds.Rows, ds.Columns = height, width
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "RGB", 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = screen.tobytes()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "us0001.dcm"
    ds.save_as(path, write_like_original=False)
    print(path)


def ocr(path):
    """Renders the (8-bit RGB or greyscale) image and prints what tesseract reads in it and in its negative."""
    import subprocess
    import tempfile
    from PIL import Image, ImageOps

    ds = dcmread(path)
    mode = "RGB" if ds.SamplesPerPixel == 3 else "L"
    image = Image.frombytes(mode, (ds.Columns, ds.Rows), ds.PixelData).convert("L")
    lines = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, variant in (("image", image), ("negative", ImageOps.invert(image))):
            png = Path(scratch) / f"{name}.png"
            variant.resize((ds.Columns * 2, ds.Rows * 2)).save(png)
            read = subprocess.run(["tesseract", str(png), "-", "--psm", "11"], capture_output=True, text=True, check=True)
            lines += [line for line in read.stdout.splitlines() if len(line.strip()) > 3]
    print("  " + ("\n  ".join(dict.fromkeys(lines)) if lines else "(no text)"))
    return any(IDENTIFIER in line.replace(" ", "") for line in lines)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "write-us":
        write_us(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "ocr":
        # ocr FILE EXPECTED: exit 0 when the identifier is read exactly when EXPECTED is "found".
        sys.exit(0 if ocr(sys.argv[2]) == (sys.argv[3] == "found") else 1)
    elif len(sys.argv) == 4 and sys.argv[1] == "write":
        write(Path(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(0 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The demo's CT study, as a scanner would send it, and the check that readers got its pixels back.

Usage: demo_study.py write FOLDER COUNT        COUNT 512x512 16-bit slices with identifying values; prints their paths
       demo_study.py compare ORIGINALS DECRYPTED   pixel data of each decrypted image equals its original's
Every identifying value contains IDENTIFIER, so the demo can search the bridge's disk for it. Needs pydicom
(Debian python3-pydicom).
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


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "write":
        write(Path(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(0 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

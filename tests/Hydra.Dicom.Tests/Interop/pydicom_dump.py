"""Prints, one JSON line per file, what pydicom reads from its own test corpus, in the canonical form that
Hydra.Dicom.Tests renders from the C# codec (see CanonicalJson.cs). Run by the tests once per test run.

Usage: pydicom_dump.py            -> every file of pydicom's data/test_files and data/charset_files
       pydicom_dump.py FILE...    -> the given files (used for files the C# codec wrote)
"""
import glob
import hashlib
import json
import os
import struct
import sys
import warnings

import pydicom
from pydicom.encaps import generate_pixel_data_fragment
from pydicom.filebase import DicomBytesIO
from pydicom.tag import Tag

TEXT_VRS = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}
SINGLE_TEXT_VRS = {"LT", "ST", "UT", "UR"}
LEADING_INSIGNIFICANT = {"AE", "CS", "DS", "IS", "LO", "SH", "DA", "TM", "DT"}
INT_VRS = {"US": "H", "SS": "h", "UL": "I", "SL": "i", "SV": "q", "UV": "Q"}
FLOAT_VRS = {"FL": "f", "FD": "d"}
SWAP_UNITS = {"OW": 2, "OF": 4, "OL": 4, "OD": 8, "OV": 8}


def sha(data):
    # A value of odd length is padded to even length when written (PS3.5 7.1.1): one trailing NUL is not content.
    data = bytes(data)
    if data.endswith(b"\0"):
        data = data[:-1]
    return hashlib.sha256(data).hexdigest()


def normalise(vr, text):
    text = text.rstrip(" \0")
    if vr == "PN":
        # PS3.5 6.2.1: trailing empty components and component groups may be left out.
        text = text.rstrip("=^ ")
    return text.lstrip(" \0") if vr in LEADING_INSIGNIFICANT else text


def text_values(elem):
    value = elem.value
    if value is None or value == "":
        return []
    values = list(value) if isinstance(value, (list, pydicom.multival.MultiValue)) else [value]
    rendered = []
    for v in values:
        original = getattr(v, "original_string", None)
        text = original if isinstance(original, str) else str(v)
        rendered.append(normalise(elem.VR, text))
    if elem.VR in SINGLE_TEXT_VRS:
        rendered = ["\\".join(rendered)]
    if rendered == [""]:
        return []
    return rendered


def swap(data, unit):
    whole = len(data) - len(data) % unit
    out = bytearray(data)
    for i in range(0, whole, unit):
        out[i:i + unit] = out[i:i + unit][::-1]
    return bytes(out)


def fragments(data):
    fp = DicomBytesIO(data)
    fp.is_little_endian = True
    # The first item is the Basic Offset Table (PS3.5 A.4), then the fragments.
    items = [bytes(f) for f in generate_pixel_data_fragment(fp)]
    return {"offsets": sha(items[0]), "fragments": [sha(f) for f in items[1:]]}


def value_of(elem, little_endian, raw):
    vr = elem.VR
    if vr == "SQ":
        return [render(item, little_endian) for item in elem.value]
    if raw is not None:
        return sha(raw)
    if elem.tag == 0x7FE00010 and elem.is_undefined_length:
        return fragments(elem.value)
    if vr in TEXT_VRS:
        return text_values(elem)
    if vr in INT_VRS or vr in FLOAT_VRS or vr == "AT":
        value = elem.value
        if value is None or value == b"" or value == "":
            return []
        values = list(value) if isinstance(value, (list, pydicom.multival.MultiValue)) else [value]
        if vr == "AT":
            return ["%08X" % int(v) for v in values]
        if vr in FLOAT_VRS:
            return [struct.pack("<" + FLOAT_VRS[vr], v).hex() for v in values]
        return [int(v) for v in values]
    data = elem.value or b""
    if not little_endian and vr in SWAP_UNITS:
        data = swap(data, SWAP_UNITS[vr])
    return sha(data)


def render(ds, little_endian):
    elements = []
    for tag in sorted(ds.keys()):
        raw = ds.get_item(tag)
        raw_value = None
        vr = None
        # Private data elements without a VR in the file (implicit VR, or explicit UN): pydicom guesses one from its
        # private dictionaries, the codec keeps UN; compare their bytes.
        if (isinstance(raw, pydicom.dataelem.RawDataElement) and Tag(tag).is_private
                and not Tag(tag).is_private_creator and raw.length != 0xFFFFFFFF and raw.VR in (None, "UN")):
            raw_value = raw.value or b""
            vr = "UN"
        elem = ds[tag]
        if elem.tag == 0x7FE00010 and elem.is_undefined_length:
            vr = "OB"  # PS3.5 A.4: encapsulated Pixel Data is OB whatever the header says
        entry = {"tag": "%08X" % int(tag), "vr": vr or elem.VR}
        entry["value"] = value_of(elem, little_endian, raw_value)
        elements.append(entry)
    return elements


def dump(path, label):
    result = {"file": label, "path": path}
    warnings.simplefilter("ignore")
    try:
        try:
            ds = pydicom.dcmread(path)
            result["status"] = "ok"
        except pydicom.errors.InvalidDicomError:
            ds = pydicom.dcmread(path, force=True)
            result["status"] = "force"
        little = ds.is_little_endian if ds.is_little_endian is not None else True
        meta = getattr(ds, "file_meta", None)
        result["meta"] = render(meta, True) if meta is not None else []
        result["dataset"] = render(ds, little)
    except Exception as e:  # noqa: BLE001 - every failure is reported to the test, which decides
        result["status"] = "error"
        result["error"] = "%s: %s" % (type(e).__name__, e)
        result.pop("meta", None)
        result.pop("dataset", None)
    return result


def main():
    if len(sys.argv) > 1:
        targets = [(p, os.path.basename(p)) for p in sys.argv[1:]]
    else:
        data = os.path.join(os.path.dirname(pydicom.__file__), "data")
        targets = []
        for folder in ("test_files", "charset_files"):
            for p in sorted(glob.glob(os.path.join(data, folder, "*.dcm"))):
                targets.append((p, folder + "/" + os.path.basename(p)))
    for path, label in targets:
        print(json.dumps(dump(path, label), ensure_ascii=False, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()

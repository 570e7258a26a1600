"""Times pydicom on the files the codec bench command prepared, the same work the C# side times:
parse = dcmread plus a full walk (every element, sequences recursively, every value accessed);
write = dcmwrite of the parsed data set to a sink that discards the bytes.
Prints one JSON object per line: {"file", "mode", "files_per_second"}.

Usage: pydicom_bench.py SECONDS FILE...
"""
import io
import json
import sys
import time
import warnings

import pydicom


class NullSink:
    """A file-like object that counts and discards what is written."""

    name = "null"

    def __init__(self):
        self.position = 0

    def write(self, data):
        self.position += len(data)
        return len(data)

    def tell(self):
        return self.position

    def seek(self, offset, whence=0):
        return self.position

    def read(self, size=-1):
        return b""

    def close(self):
        pass


def walk(ds):
    count = 0
    for elem in ds:
        value = elem.value
        if elem.VR == "SQ":
            for item in value:
                count += walk(item)
        count += 1
    return count


def rate(seconds, action):
    action()  # warm-up
    done = 0
    start = time.perf_counter()
    while True:
        action()
        done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main():
    warnings.simplefilter("ignore")
    seconds = float(sys.argv[1])
    for path in sys.argv[2:]:
        data = open(path, "rb").read()
        parsed = pydicom.dcmread(io.BytesIO(data))
        modes = {
            "parse-memory": lambda: walk(pydicom.dcmread(io.BytesIO(data))),
            "parse-file": lambda: walk(pydicom.dcmread(path)),
            "write": lambda: pydicom.dcmwrite(NullSink(), parsed, write_like_original=True),
        }
        for mode, action in modes.items():
            print(json.dumps({"file": path, "mode": mode, "files_per_second": rate(seconds, action)}), flush=True)


if __name__ == "__main__":
    main()

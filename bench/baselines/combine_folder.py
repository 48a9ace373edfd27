"""What an analyst would otherwise write: read every sheet of every workbook in a folder with pandas and
openpyxl, and concatenate them. A baseline for bench/read-baselines.js and bench/ingest-benchmark.js (prints
JSON: files, rows, seconds, and the process's peak resident memory in MB).

    /usr/bin/python3 bench/baselines/combine_folder.py FOLDER
"""
import json
import pathlib
import resource
import sys
import time

import pandas as pd


def combine_folder(folder: str) -> pd.DataFrame:
    frames = []
    for path in sorted(pathlib.Path(folder).glob("*.xlsx")):
        # keep_default_na=False: otherwise the text "n/a" becomes NaN.
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl", keep_default_na=False)
        for name, frame in sheets.items():
            frames.append(frame.assign(file=path.name, sheet=name))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


if __name__ == "__main__":
    started = time.perf_counter()
    combined = combine_folder(sys.argv[1])
    seconds = time.perf_counter() - started
    # ru_maxrss is in KB on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"files": len(list(pathlib.Path(sys.argv[1]).glob("*.xlsx"))), "rows": len(combined), "seconds": seconds, "peak_rss_mb": peak_mb}))

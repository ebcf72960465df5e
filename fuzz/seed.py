#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the shared fixture tables.

    python3 fuzz/seed.py            (run.sh does this before each run)

Python's json module keeps unpaired surrogates (`\\ud800`) that serde_json
rejects, and writes them back as escapes, so every fixture case survives.
Each seed is named by the SHA-1 of its bytes (as libFuzzer names its own),
so seeding again adds nothing twice; inputs libFuzzer found are kept.
Inputs in fuzz/regressions/<target>/ (committed: they once crashed a
target) are copied in too, so every run replays them first.
"""

import copy
import hashlib
import json
import os
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(FUZZ, "..", "tests", "fixtures")


def dumps(value, pretty=False):
    """Compact (or indented) JSON; ASCII escapes when a lone surrogate is in it."""
    kw = {"indent": 1} if pretty else {"separators": (",", ":")}
    try:
        return json.dumps(value, ensure_ascii=False, **kw).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, **kw).encode("ascii")


def main():
    with open(os.path.join(FIXTURES, "update-cases.json"), encoding="utf-8") as f:
        updates = json.load(f)
    with open(os.path.join(FIXTURES, "customer-cases.json"), encoding="utf-8") as f:
        customers = json.load(f)

    records = updates["records"]
    bodies, texts, pairs = [], [], []
    for case in updates["cases"]:
        current = case.get("current")
        if isinstance(current, str):
            current = records[current]
        if "body" in case:
            bodies.append(case["body"])
            text = dumps(case["body"])
        else:
            text = case["text"].encode("utf-8", "surrogatepass")
        texts.append(text)
        for record in [current] if current is not None else [records["verified"], None]:
            pairs.append((text, record))

    valid = customers["valid"]
    record_values = [valid] + list(records.values())
    for case in customers["cases"]:
        record = copy.deepcopy(valid)
        if "set" in case:
            *parents, last = case["set"]["path"]
            target = record
            for key in parents:
                target = target[key]
            target[last] = case["set"]["value"]
        else:
            *parents, last = case["remove"]
            target = record
            for key in parents:
                target = target[key]
            target.pop(last, None)
        record_values.append(record)

    seeds = {name: [] for name in ["body", "body_with_record", "batch", "record", "tape", "issue_records"]}
    seeds["body"] = texts + [dumps(b, pretty=True) for b in bodies[:20]]
    seeds["body_with_record"] = [
        t + b"\xff" + (dumps(r) if r is not None else b"null") for t, r in pairs
    ] + [b'{"fullName":"x"}\xff{"kyc_status":5}', b'{}\xff[]', b'{}\xff{']
    items = [
        {"update": b, "current": r} if r is not None else {"update": b}
        for b, r in zip(bodies, [records["verified"], None, records["unknown_status"]] * 99)
    ]
    seeds["batch"] = [dumps([item]) for item in items] + [
        dumps(items),
        b"[]",
        b'{"update":{}}',
        b'[{"current":{"kyc_status":1},"update":{}},{"id":1},5,{"update":{"fullName":""}}]',
    ] + [b"[" + t + b"]" for t in texts if t]
    seeds["record"] = [dumps(r) for r in record_values] + [dumps(valid, pretty=True)]
    # tape: an even first byte and JSON text (written as a tape by the
    # target), or an odd one and raw words (a count, then little-endian u32s).
    seeds["tape"] = [b"\x00" + t for t in texts] + [b"\x00" + dumps(r) for r in record_values] + [
        b"\x01\x02\x0a\x00\x00\x00\x00\x00\x00\x00",
        b"\x01\x04\x06\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00ab",
        b"\x03\x03\x0a\x00\x00\x00\x01\x00\x00\x00\xff\xff\xff\xff",
    ]
    seeds["issue_records"] = list(seeds["body_with_record"])
    # Inputs that once crashed a target (committed): replayed on every run.
    for target in seeds:
        directory = os.path.join(FUZZ, "regressions", target)
        if os.path.isdir(directory):
            for name in sorted(os.listdir(directory)):
                with open(os.path.join(directory, name), "rb") as f:
                    seeds[target].append(f.read())

    total = 0
    for target, inputs in seeds.items():
        directory = os.path.join(FUZZ, "corpus", target)
        os.makedirs(directory, exist_ok=True)
        for data in inputs:
            name = hashlib.sha1(data).hexdigest()
            with open(os.path.join(directory, name), "wb") as f:
                f.write(data)
        total += len(set(inputs))
        print(f"seed {target}: {len(set(inputs))} inputs", file=sys.stderr)
    return total


if __name__ == "__main__":
    main()

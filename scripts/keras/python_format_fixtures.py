"""Golden values from Python for kerasm's `str.format` (ts/utils/python_format.ts, tests/utils/python_format.test.ts).

Run (from the repository root; plain Python 3.11, no Keras needed):
    /tmp/kenv-layers/bin/python scripts/keras/python_format_fixtures.py

Formats ints and floats with Python's format-spec mini-language (fill, align, sign, `z`, `#`, `0`,
width, grouping, precision, types d f F e E g G % and none), and whole `str.format` templates as
`ModelCheckpoint` fills them. Each case records Python's text, or the error Python raises.
Writes tests/fixtures/callbacks/python_format.json.
"""
import json
import math
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "callbacks" / "python_format.json"

FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 0.125, 0.375, 1.5, 3.14159265, -2.71828, 0.6931471824645996, 1e-05, 1.5e-7,
          123456.789, 1234567.0, 1e16, 1.2345e21, 9.9999, 0.00012345, 99.995, 1.005, 2.675, 5e-324, 1.7976931348623157e308,
          math.inf, -math.inf, math.nan]
INTS = [0, 1, -1, 7, 42, -42, 1234, -1234567, 1000000, 12345678901]
FLOAT_SPECS = ["", ".2f", ".0f", "#.0f", "f", "F", ".3e", "e", "E", ".0e", "#.0e", "g", "G", ".3g", ".1g", ".0g", "#g", "#.3g",
               ".10g", ".17g", "%", ".1%", ".0%", ".2", ".5", ".1", "10.3f", "<10.3f", "^10.3f", "=10.3f", "*>12.2f", "+.2f",
               " .2f", "-.2f", "z.2f", "+010.2f", "010.2f", ",.2f", "_.2f", "012,.1f", "015_.3f", ",", ",g", "08.3e", "#x<9.1f",
               "0=9.1f", "x^9", "+g", "d", "10", "010", ".2d"]
INT_SPECS = ["", "d", "02d", "03d", "5d", "<5d", "^5d", "=+6d", "+d", " d", ",d", "_d", "010,d", "09,d", "08,d", "08_d", "0=8d",
             ",", "f", ".2f", "e", ".3g", "%", ".1%", "*^9d", "#d", "z", ".2d", "g", "G", "E", "F", "010"]
TEMPLATES = [
    ("ckpt-{epoch:02d}-{val_loss:.2f}.keras", {"epoch": 3, "val_loss": 0.456789}),
    ("weights.{epoch:02d}-{batch:03d}.weights.h5", {"epoch": 1, "batch": 20}),
    ("model-{loss}.keras", {"loss": 0.6931471824645996}),
    ("{{literal}}-{epoch}.keras", {"epoch": 12}),
    ("best.keras", {"epoch": 1}),
    ("m-{val_accuracy:.4f}.keras", {"epoch": 2}),
    ("m-{epoch:02d.keras", {"epoch": 2}),
    ("m-}{epoch}.keras", {"epoch": 2}),
    ("m-{epoch:.2f}.keras", {"epoch": 2}),
    ("m-{loss:d}.keras", {"loss": 0.5}),
]


def run(fn):
    try:
        return {"text": fn()}
    except (ValueError, KeyError, IndexError) as e:
        return {"error": type(e).__name__, "message": str(e)}


def encode(value):
    if isinstance(value, int):
        return {"int": str(value)}
    if math.isnan(value):
        return {"float": "nan"}
    if math.isinf(value):
        return {"float": "inf" if value > 0 else "-inf"}
    return {"float": repr(value)}


def one_per_line(cases):
    """One case a line: a small file, where a failing case is easy to find."""
    return ",\n".join(json.dumps(c) for c in cases)


def main():
    specs = []
    for value in FLOATS:
        for spec in FLOAT_SPECS:
            specs.append({"value": encode(value), "spec": spec, **run(lambda: format(value, spec))})
    for value in INTS:
        for spec in INT_SPECS:
            specs.append({"value": encode(value), "spec": spec, **run(lambda: format(value, spec))})
    templates = [
        {"template": t, "values": {k: encode(v) for k, v in values.items()}, **run(lambda: t.format(**values))}
        for t, values in TEMPLATES
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(f'{{"specs": [\n{one_per_line(specs)}\n],\n"templates": [\n{one_per_line(templates)}\n]}}\n')
    print(f"wrote {len(specs)} specs and {len(templates)} templates to {OUT}")


main()

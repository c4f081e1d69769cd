#!/usr/bin/env python
"""Write a folder where the second annotator's records are the gold files, to score the extractor against them.

    .venv/bin/python scripts/second_reader_as_gold.py dev_a dev_b --out /tmp/second_reader
    .venv/bin/urafiki score /tmp/second_reader

The samples are data/newsroom/second_annotation/<sample>.jsonl (dev samples only: the evaluation set's is
held out). Each article's text is copied beside a gold file holding its original source_url and language and
the second annotator's agreements.
"""

import argparse
import json
import shutil
from pathlib import Path

NEWSROOM = Path(__file__).resolve().parent.parent / "data" / "newsroom"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", nargs="+", choices=["dev_a", "dev_b", "dev_c", "dev_d"])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for sample in args.samples:
        for line in (NEWSROOM / "second_annotation" / f"{sample}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = NEWSROOM / record["file"]
            gold = json.loads(text.with_suffix(".gold.json").read_text(encoding="utf-8"))
            gold["agreements"] = record["agreements"]
            shutil.copy(text, args.out / text.name)
            (args.out / f"{text.stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    print(f"{len(list(args.out.glob('*.txt')))} articles in {args.out}")


if __name__ == "__main__":
    main()

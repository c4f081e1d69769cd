"""Extraction throughput: articles per second on one core (target: 100 or more).

    .venv/bin/python benchmarks/newsroom_extract.py [--articles 3000]

The articles are the seeds and data/newsroom/dev, repeated and varied (paragraphs shuffled, counties and
provinces swapped for others of the registry, sentences dropped), so the caches see new names too. Uses the
SQLite dev database (make data) or DATABASE_URL. Prints the figure and the command that produced it.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402
import jieba  # noqa: E402
import py3langid  # noqa: E402

django.setup()

from urafiki.newsroom.extraction import ExtractionError, extract  # noqa: E402
from urafiki.places.models import Place  # noqa: E402
from urafiki.places.world_cities import african_city  # noqa: E402

SOURCES = [ROOT.parent / "shared" / "seeds", ROOT / "data" / "newsroom" / "dev"]


def base_articles() -> list[str]:
    texts = []
    for folder in SOURCES:
        texts.extend(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
    return texts


def varied(texts: list[str], count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    counties = list(Place.objects.filter(country_code="KE", admin_level=1).values_list("name_en", flat=True))
    provinces = list(Place.objects.filter(country_code="CN", kind="province").values_list("name_en", flat=True))
    result = []
    for index in range(count):
        text = texts[index % len(texts)]
        paragraphs = text.split("\n")
        if rng.random() < 0.5 and len(paragraphs) > 3:
            head, tail = paragraphs[:2], paragraphs[2:]
            rng.shuffle(tail)
            paragraphs = head + tail[: max(1, len(tail) - rng.randrange(0, 2))]
        text = "\n".join(paragraphs)
        for old in ("Kilifi", "Meru", "Mombasa"):
            text = text.replace(old, rng.choice(counties))
        for old in ("Jiangxi", "Hunan", "Shandong"):
            text = text.replace(old, rng.choice(provinces))
        result.append(text)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    articles = varied(base_articles(), args.articles)
    # load the language model, the gazetteers (GeoNames' cities among them), the key index and jieba's dictionary
    # outside the clock: what a process pays once, at its first article, is no part of the throughput
    started = time.perf_counter()
    extract(articles[0])
    extract("5月6日，长沙市与肯尼亚蒙巴萨郡签署友好城市协议书。")
    py3langid.classify("Kilifi Jiangxi Jiujiang")  # the model detect_language asks when English words are few
    african_city("Entebbe")
    jieba.initialize()
    print(f"loading before the first article: {time.perf_counter() - started:.2f} s")
    agreements = errors = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in articles:
        try:
            agreements += len(extract(text).agreements)
        except ExtractionError:
            errors += 1
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"{len(articles)} articles in {elapsed:.2f} s: {len(articles) / elapsed:.0f} articles/s on one core "
          f"({agreements} agreements, {errors} unreadable)")
    # on a shared machine the wall clock also counts the time others held the core; the process's CPU time does not
    print(f"CPU time {cpu:.2f} s: {len(articles) / cpu:.0f} articles per CPU-second")
    print(f"command: .venv/bin/python benchmarks/newsroom_extract.py --articles {args.articles}")


if __name__ == "__main__":
    main()

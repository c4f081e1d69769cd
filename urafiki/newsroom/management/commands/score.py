"""`urafiki score DIR_OR_FILES... [--pred predictions.jsonl] [--json]`: the extractor against gold files;
`urafiki score --reviewed`: the extractor against what reviewers accepted, on the articles they finished.

Without --pred, each X.txt or X.html next to X.gold.json is extracted now. With --pred and --only-predicted,
only the articles of the predictions file are scored: a second annotator's sample against the gold files.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from urafiki.newsroom.extraction import ExtractionError, extract
from urafiki.newsroom.scoring import (
    Score,
    article_next_to,
    article_stem,
    format_table,
    gold_files,
    place_id_party_key,
    read_predictions,
    score_article,
)
from urafiki.newsroom.selectors import reviewed_comparisons
from urafiki.newsroom.sources import SourceError, article_from_file

from .extract import registry_is_loaded


class Command(BaseCommand):
    help = _("Compare the extractor's agreements with gold annotations: precision, recall and F1 by field.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="DIR_OR_FILE",
                            help=_("folders of X.gold.json files, gold files, or articles next to their gold file"))
        parser.add_argument("--pred", metavar="PREDICTIONS.jsonl",
                            help=_("the output of `urafiki extract --json` instead of extracting now"))
        parser.add_argument("--only-predicted", action="store_true",
                            help=_("with --pred: score only the articles the predictions file names (a sample)"))
        parser.add_argument("--reviewed", action="store_true",
                            help=_("instead of gold files: what reviewers accepted, rejected and added in the newsroom"))
        parser.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
        parser.add_argument("--verbose-errors", action="store_true", help=_("list every difference, article by article"))

    def handle(self, *args, paths, pred, only_predicted: bool, reviewed: bool, json: bool, verbose_errors: bool,
               **options):
        if reviewed:
            if paths or pred:
                raise CommandError(_("--reviewed scores the newsroom's reviews: give no file with it."))
            score = Score()
            for label, accepted, proposed in reviewed_comparisons():
                score_article(score, label=label, gold=accepted, predicted=proposed, party_key=place_id_party_key)
            if not score.articles:
                raise CommandError(_("No article of the newsroom has all its drafts reviewed yet."))
            self._report(score, json=json, verbose_errors=verbose_errors)
            return
        if not paths:
            raise CommandError(_("Give folders or files of gold annotations, or --reviewed."))
        if not registry_is_loaded():
            raise CommandError(_("The registry of places is empty, so no party can be recognised: run make data."))
        golds = gold_files(paths)
        if not golds:
            raise CommandError(_("No gold file (*.gold.json) was found in {paths}.").format(paths=", ".join(paths)))
        predictions = None
        if pred:
            try:
                predictions = read_predictions(Path(pred).read_text(encoding="utf-8").splitlines())
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(_("{file} cannot be read as JSON lines: {error}").format(file=pred, error=error)) from None
        if only_predicted:
            if predictions is None:
                raise CommandError(_("--only-predicted needs --pred."))
            golds = [gold for gold in golds if article_stem(gold) in predictions]
        score = Score()
        for gold_path in golds:
            try:
                gold = _json_load(gold_path)
            except (OSError, ValueError) as error:
                raise CommandError(_("{file} cannot be read: {error}").format(file=gold_path, error=error)) from None
            label = article_stem(gold_path)
            predicted = self._predicted(gold_path, predictions)
            score_article(score, label=label, gold=gold.get("agreements") or [], predicted=predicted)
        self._report(score, json=json, verbose_errors=verbose_errors)

    def _report(self, score: Score, *, json: bool, verbose_errors: bool) -> None:
        if json:
            self.stdout.write(_dumps(score.as_json()))
            return
        self.stdout.write(format_table(score))
        if verbose_errors and score.notes:
            self.stdout.write("")
            self.stdout.write("\n".join(score.notes))

    def _predicted(self, gold_path: Path, predictions: dict | None) -> list[dict]:
        stem = article_stem(gold_path)
        if predictions is not None:
            if stem not in predictions:
                self.stderr.write(_("{stem}: no prediction in the predictions file").format(stem=stem))
            return predictions.get(stem, [])
        article_path = article_next_to(gold_path)
        if article_path is None:
            self.stderr.write(_("{stem}: no article (.txt or .html) next to the gold file").format(stem=stem))
            return []
        try:
            article = article_from_file(article_path)
            return [a.as_json() for a in extract(article.text, published=article.published).agreements]
        except (SourceError, ExtractionError) as error:
            self.stderr.write(f"{article_path}: {error}")
            return []


def _json_load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)

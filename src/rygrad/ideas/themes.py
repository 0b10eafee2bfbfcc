"""Themes and near-duplicates among many ideas, to help the secretariat triage a big batch
(a hackathon's hundred ideas).

Offline and deterministic: the same ideas in give the same themes out. Each idea's text
(title and description) becomes a TF-IDF vector over its Danish-stemmed words (Snowball,
common words left out) joined with TF-IDF over character n-grams of those words (so
"venskabsbænk" and "venskab" meet); latent semantic analysis folds words that occur
together, and k-means (fixed seed) groups the ideas, the number of themes chosen by the
silhouette between two and ten. Each theme gets the words that weigh most in it. Two
ideas whose vectors are close (cosine similarity at least NEAR_DUPLICATE) are suggested as
near-duplicates. The secretariat renames, merges and moves afterwards.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import snowballstemmer
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from scipy.sparse import hstack
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from rygrad.core.permissions import Actor

from .models import Idea, Theme

NEAR_DUPLICATE = 0.65
MAX_THEMES = 10
# Ideas below this many are one theme: there is nothing to tell apart.
MIN_IDEAS_TO_GROUP = 4
CHAR_WEIGHT = 0.5
TOP_WORDS = 5
SEED = 0

# Danish function words (after Snowball's list), and words nearly every idea about
# children's well-being uses, which would tie every theme to every other.
_STOP_WORDS_TEXT = """
ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
disse dog du efter eller en end er et for fra få får ham han hans har havde have hende
hendes her hos hun hvad hvis hvor i ikke ind jeg jer jo kan kunne man mange med meget men
mig min mine mit mod ned noget nogen nogle nu når og også om op os over på sig sin sine
sit skal skulle som sådan thi til ud under var vi vil ville vor være været fx ens hele
flere mere kun gang gange hver mellem uden ingen sammen så
unge ung børn barn idé idéer ide ideer selv år lave laver ting altid store små
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
WORD = re.compile(r"[a-z0-9æøåéü]+")
_STEMMER = snowballstemmer.stemmer("danish")


def idea_text(idea: Idea) -> str:
    return f"{idea.title}\n{idea.description}".strip()


def words(text: str) -> list[tuple[str, str]]:
    """(stem, word as written) for each word that carries meaning."""
    found = [w for w in WORD.findall(text.lower())
             if w not in STOP_WORDS and len(w) > 1 and not w.isdigit()]
    return list(zip(_STEMMER.stemWords(found), found, strict=True))


@dataclass
class Vectors:
    """The ideas' vectors (rows normalised to length 1) and the word features' names."""

    matrix: object  # scipy sparse, one row per text
    word_count: int
    stems: list[str]


def vectorise(texts: list[str]) -> Vectors:
    stemmed = [" ".join(stem for stem, _word in words(text)) for text in texts]
    if not any(stemmed):
        stemmed = [text.lower() or "-" for text in texts]
    word_vectoriser = TfidfVectorizer(analyzer=str.split, sublinear_tf=True)
    word_matrix = normalize(word_vectoriser.fit_transform(stemmed))
    parts = [word_matrix]
    try:
        char_vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5),
                                          sublinear_tf=True, min_df=2 if len(texts) > 2 else 1)
        parts.append(normalize(char_vectoriser.fit_transform(stemmed)) * CHAR_WEIGHT)
    except ValueError:  # no n-gram occurs twice: the words alone
        pass
    return Vectors(matrix=normalize(hstack(parts).tocsr()), word_count=word_matrix.shape[1],
                   stems=list(word_vectoriser.get_feature_names_out()))


def _canonical(labels) -> list[int]:
    """Theme numbers in the order their first idea comes, so the output never depends
    on the numbering k-means happened to use."""
    order: dict[int, int] = {}
    for label in labels:
        order.setdefault(int(label), len(order))
    return [order[int(label)] for label in labels]


def cluster(texts: list[str]) -> list[int]:
    """A theme number (0, 1, ...) for each text; the same texts give the same numbers."""
    n = len(texts)
    if n < MIN_IDEAS_TO_GROUP:
        return [0] * n
    vectors = vectorise(texts).matrix
    components = min(15, n - 1, vectors.shape[1] - 1)
    if components >= 2:
        points = normalize(TruncatedSVD(n_components=components, algorithm="arpack",
                                        random_state=SEED).fit_transform(vectors))
    else:
        points = vectors.toarray()
    # Round away the last bits of floating point, so the same input gives the same
    # themes on any machine.
    points = np.round(points, 8)
    distinct = len({tuple(row) for row in points})
    most = min(MAX_THEMES, max(2, round(math.sqrt(n))), n - 1, distinct)
    best, best_score = [0] * n, -2.0
    for k in range(2, most + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(points)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(points, labels, metric="cosine")
        if score > best_score + 1e-9:
            best, best_score = labels, score
    return _canonical(best)


def top_words(texts: list[str], labels: list[int], *, count: int = TOP_WORDS
              ) -> dict[int, list[str]]:
    """For each theme, the words that weigh most in its ideas (as people wrote them)."""
    vectors = vectorise(texts)
    weights = vectors.matrix[:, :vectors.word_count].toarray()
    written: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for stem, word in words(text):
            written[stem][word] += 1
    overall = weights.mean(axis=0)
    result = {}
    for label in sorted(set(labels)):
        rows = [i for i, value in enumerate(labels) if value == label]
        mean = weights[rows].mean(axis=0)
        # Weight within the theme, a little less for words every theme uses.
        score = mean - 0.5 * overall
        order = sorted(range(len(score)), key=lambda j: (-round(float(score[j]), 10),
                                                        vectors.stems[j]))
        chosen = [j for j in order if mean[j] > 0][:count]
        result[label] = [_spelled(written, vectors.stems[j]) for j in chosen]
    return result


def _spelled(written: dict[str, Counter], stem: str) -> str:
    forms = written.get(stem)
    if not forms:
        return stem
    return sorted(forms.items(), key=lambda item: (-item[1], item[0]))[0][0]


def theme_name(words_: list[str]) -> str:
    return " · ".join(words_[:3]) or _("Other ideas")


def _require(actor: Actor, rule: str, message: str) -> None:
    if not actor.can(rule):
        raise ValidationError(message)


@transaction.atomic
def themes_group(*, initiative, by: Actor, ideas) -> list[Theme]:
    """Group `ideas` into new themes (replacing the themes they had; a theme left
    without ideas goes). Returns the new themes in order."""
    _require(by, "ideas.manage", _("Only the secretariat groups ideas into themes."))
    ideas = sorted((i for i in ideas if i.initiative_id == initiative.pk),
                   key=lambda idea: idea.number)
    if not ideas:
        raise ValidationError(_("No ideas to group."))
    texts = [idea_text(idea) for idea in ideas]
    labels = cluster(texts)
    names = top_words(texts, labels)
    old = set(Idea.objects.filter(pk__in=[idea.pk for idea in ideas], theme__isnull=False)
              .values_list("theme_id", flat=True))
    themes = []
    for label in sorted(set(labels)):
        theme = Theme(initiative=initiative, name=theme_name(names[label])[:150],
                      top_words=names[label])
        theme.full_clean()
        theme.save()
        themes.append(theme)
        Idea.objects.filter(pk__in=[idea.pk for idea, value in zip(ideas, labels, strict=True)
                                    if value == label]).update(theme=theme)
    Theme.objects.filter(pk__in=old, ideas__isnull=True).delete()
    return themes


@transaction.atomic
def theme_rename(*, theme: Theme, by: Actor, name: str) -> Theme:
    _require(by, "ideas.manage", _("Only the secretariat names themes."))
    theme.name = name.strip()
    theme.full_clean()
    theme.save(update_fields=["name"])
    return theme


@transaction.atomic
def theme_merge(*, theme: Theme, into: Theme, by: Actor) -> Theme:
    """Move every idea of `theme` into `into` and remove `theme`."""
    _require(by, "ideas.manage", _("Only the secretariat merges themes."))
    if theme.pk == into.pk:
        raise ValidationError({"into": _("A theme cannot be merged into itself.")})
    if theme.initiative_id != into.initiative_id:
        raise ValidationError({"into": _("The theme belongs to another initiative.")})
    theme.ideas.update(theme=into)
    into.top_words = list(dict.fromkeys([*into.top_words, *theme.top_words]))[:TOP_WORDS * 2]
    into.save(update_fields=["top_words"])
    theme.delete()
    return into


@transaction.atomic
def idea_move(*, idea: Idea, theme: Theme | None, by: Actor) -> Idea:
    """Put the idea in another theme (or in none)."""
    _require(by, "ideas.manage", _("Only the secretariat moves ideas between themes."))
    if theme is not None and theme.initiative_id != idea.initiative_id:
        raise ValidationError({"theme": _("The theme belongs to another initiative.")})
    idea.theme = theme
    idea.save(update_fields=["theme"])
    return idea


@dataclass(frozen=True)
class NearDuplicate:
    first: Idea
    second: Idea
    similarity: float


def near_duplicates(ideas, *, threshold: float = NEAR_DUPLICATE,
                    chunk: int = 500) -> list[NearDuplicate]:
    """Pairs of ideas that say nearly the same, most similar first (the later idea is
    the one to merge into the earlier). Computed in chunks of rows, so a few thousand
    ideas never need the whole similarity matrix at once."""
    ideas = sorted(ideas, key=lambda idea: idea.number)
    if len(ideas) < 2:
        return []
    matrix = vectorise([idea_text(idea) for idea in ideas]).matrix
    pairs = []
    for start in range(0, len(ideas), chunk):
        block = (matrix[start:start + chunk] @ matrix.T).toarray()
        for offset, row in enumerate(block):
            i = start + offset
            for j in np.nonzero(row >= threshold)[0]:
                if j > i:
                    pairs.append(NearDuplicate(ideas[i], ideas[j], round(float(row[j]), 3)))
    return sorted(pairs, key=lambda p: (-p.similarity, p.first.number, p.second.number))

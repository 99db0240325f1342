"""The search engine, chosen in this one place from SEARCH_BACKEND and SEARCH_URL.

Unset means the database backend (search.backends.database): the default of `make run`.
Elasticsearch 9 and OpenSearch 2/3 go through the same modelsearch code
(elasticsearchbase) and the same mixins in search/backends/base.py; only the
client library differs (`elasticsearch` or `opensearch-py`).

The index settings below carry the language analysis: one analyzer per site
language (French, English), applied to language-specific fields of each document
(see search/documents.py and the README).
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_str

ENGINE_BACKENDS = {
    "database": "search.backends.database",
    "elasticsearch": "search.backends.elasticsearch",
    "opensearch": "search.backends.opensearch",
}

# French elision list: the articles and short words that take an apostrophe.
FRENCH_ELISION = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]

# Language code -> analyzer used for that language's fields. A language missing
# here is analysed as French (the site's main language).
LANGUAGE_ANALYZERS = {"fr": "ftl_french", "en": "ftl_english"}

ANALYSIS = {
    "char_filter": {
        # Typographic apostrophes (l’emploi) behave like straight ones (l'emploi).
        "ftl_apostrophes": {"type": "mapping", "mappings": ["’ => '", "ʼ => '", "‘ => '"]},
    },
    "filter": {
        "ftl_fr_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISION},
        "ftl_fr_stop": {"type": "stop", "stopwords": "_french_"},
        "ftl_fr_stemmer": {"type": "stemmer", "language": "light_french"},
        "ftl_en_possessive": {"type": "stemmer", "language": "possessive_english"},
        "ftl_en_stop": {"type": "stop", "stopwords": "_english_"},
        "ftl_en_stemmer": {"type": "stemmer", "language": "english"},
        "ftl_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    },
    "analyzer": {
        # The standard tokenizer splits "tiers-lieux" into "tiers" + "lieux", so a
        # query "tiers lieux" finds it; stop words are removed before folding so
        # that "à" and "été" are recognised.
        "ftl_french": {
            "type": "custom",
            "char_filter": ["ftl_apostrophes"],
            "tokenizer": "standard",
            "filter": [
                "ftl_fr_elision",
                "lowercase",
                "ftl_fr_stop",
                "asciifolding",
                "ftl_fr_stemmer",
            ],
        },
        "ftl_english": {
            "type": "custom",
            "char_filter": ["ftl_apostrophes"],
            "tokenizer": "standard",
            "filter": [
                "ftl_en_possessive",
                "lowercase",
                "ftl_en_stop",
                "asciifolding",
                "ftl_en_stemmer",
            ],
        },
        # Autocomplete: prefixes of every word of the title, accents folded.
        "ftl_prefixes": {
            "type": "custom",
            "char_filter": ["ftl_apostrophes"],
            "tokenizer": "standard",
            "filter": ["ftl_fr_elision", "lowercase", "asciifolding", "ftl_edge"],
        },
        "ftl_prefix_query": {
            "type": "custom",
            "char_filter": ["ftl_apostrophes"],
            "tokenizer": "standard",
            "filter": ["ftl_fr_elision", "lowercase", "asciifolding"],
        },
    },
}


def index_settings() -> dict:
    return {
        "settings": {
            "analysis": ANALYSIS,
            "index": {
                "number_of_shards": 1,
                # 0 replicas on one node, a copy on every other node of a cluster:
                # one node can go down and every document stays searchable.
                "auto_expand_replicas": "0-2",
            },
        }
    }


def search_backends_from_env() -> dict:
    engine = (env_str("SEARCH_BACKEND") or "database").strip().lower()
    url = env_str("SEARCH_URL")
    if engine not in ENGINE_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={engine!r} is unknown: use one of "
            f"{', '.join(sorted(ENGINE_BACKENDS))}."
        )
    if engine == "database":
        return {"default": {"BACKEND": ENGINE_BACKENDS[engine]}}
    if not url:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={engine} needs SEARCH_URL (e.g. http://127.0.0.1:9200)."
        )
    return {
        # The database backend stays up to date beside the engine: the search page
        # falls back to it when the engine does not answer.
        "database": {"BACKEND": ENGINE_BACKENDS["database"]},
        "default": {
            "BACKEND": ENGINE_BACKENDS[engine],
            "URLS": [u.strip() for u in url.split(",") if u.strip()],
            "INDEX_PREFIX": env_str("SEARCH_INDEX_PREFIX", "tierslieux_") or "",
            "TIMEOUT": env_int("SEARCH_TIMEOUT", 5),
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": index_settings(),
        },
    }

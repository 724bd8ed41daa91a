# Hand-written scenario texts for tests/tools/gen_sensitive_corpus.py, one module per language.

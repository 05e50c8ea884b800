"""Stories: the articles that report one development, across articles and outlets, kept as articles arrive
(``online``: assignment at ingest, merging of stories whose centroids agree)."""

"""Stories: the articles that report one development, across articles and outlets (``cluster``)."""

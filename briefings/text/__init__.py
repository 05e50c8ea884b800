"""Small pure functions over text: cleaning, sentences, terms and similarity, dates, canonical URLs, and the
near-duplicate fingerprints."""

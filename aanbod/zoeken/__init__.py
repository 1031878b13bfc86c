"""Search in the catalogue: text normalisation, synonyms, ranking, place and facets."""

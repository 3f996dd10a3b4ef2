"""Places: the gazetteer, and where in it an act happened."""

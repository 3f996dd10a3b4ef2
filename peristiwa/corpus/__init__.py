"""Over many results: incidents across outlets, actor profiles, trends and the crisis desk's alerts."""

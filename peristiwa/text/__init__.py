"""Reading the text: what is not the article, sentences, tokens, language, numbers, dates, phrases and clauses."""

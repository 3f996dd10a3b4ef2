"""Read by test_word_lists.py (as text, never imported): one word list and things that are not."""

AGENT_WORDS = ("oleh", "dari", "kepada")
COLUMNS = ("doc_id", "event_id", "type")
VOICES = {"active", "passive", "noun"}

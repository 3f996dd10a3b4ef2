"""Actors: mentions of people, groups and states linked to the knowledge base, and the relations between them."""

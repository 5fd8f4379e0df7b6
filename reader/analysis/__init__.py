"""Text analysis: entities, quotes and speakers, quote matching, and the comparison of two articles."""

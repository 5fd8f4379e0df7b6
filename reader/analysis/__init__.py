"""Text analysis: entities, quotes and speakers, quote matching, comparison, stories."""

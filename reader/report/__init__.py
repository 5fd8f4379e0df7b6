"""Reports of a comparison: plain text, Markdown and JSON renderings, and saving a report."""

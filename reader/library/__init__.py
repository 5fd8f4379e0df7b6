"""The reader's own library folder: articles fetched from the web saved as Markdown
(`folder`), the feeds followed (`subscriptions`), and fetching and refreshing (`refresh`)."""

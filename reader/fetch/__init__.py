"""Fetching from the web for `reader fetch`: HTTP (`http`), RSS and Atom feeds (`feeds`), and
the canonical form of an article's address (`urls`). Everything fetched is untrusted."""

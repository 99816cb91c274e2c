"""Rule grammars: numbers, counts and their categories, read from the tables in ``models/``."""

"""What a scraped page says, worked out from its text alone: its stories (pages, layouts),
dates, places, cited outlets, people, organisations, profiles and the links between
stories. Pure: nothing here imports the database layer (the import-linter contracts in
pyproject.toml hold it to that); newsreader.ingest writes what it finds."""

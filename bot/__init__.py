"""modbot: the application core (domain, config, storage, pipeline, workflow, CLI, web)."""

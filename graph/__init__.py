"""stancegraph's graph side: resolution, RDF building, storage, SPARQL, the HTML view and the CLI."""

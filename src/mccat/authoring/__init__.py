"""What providers start from: file templates with every field explained (`mccat new`), the proposal issue
form made from the schema, and synthetic catalogues for benchmarks and tests."""

"""The catalogue: categories and products as shoppers find them (reads, search, sorting,
paging), their pages and how those are cached, SEO data, and the demo catalogue."""

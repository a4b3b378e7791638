//! Export formats other than JSON: CSV, a Markdown report, an iCalendar file.

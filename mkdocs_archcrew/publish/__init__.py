"""What traceability adds to the published pages: requirement anchors, links from FRS mentions,
coverage notes, banners, and how they reach the HTML without passing through Markdown."""

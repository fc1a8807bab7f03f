"""Writes a page during the build, as a project would from its sources."""

import mkdocs_gen_files

with mkdocs_gen_files.open("generated.md", "w") as page:
    page.write("# Stations\n\nEvery station of {{ product }} is listed here.\n")

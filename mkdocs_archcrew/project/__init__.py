"""A docs project as the core sees it: its inputs, the project read once (`read_project`), and
the project filled for MkDocs (`fill_project`)."""

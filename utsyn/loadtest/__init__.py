"""`make load`: Utsyn served by gunicorn on loopback and driven by locust (see run.py).

Not an app: `data.py` makes the load test's accounts and round (through `manage.py
prepare_load`), `htmlforms.py` reads forms and links the way a browser does, `pages.py` what
the simulated people need from each page, `locustfile.py` holds those people and `run.py` runs
it all on SQLite and PostgreSQL and prints the table.
"""

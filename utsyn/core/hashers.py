"""Password hashing: Argon2id with the parameters OWASP's password storage guidance names.

Django's defaults (100 MiB, 2 passes, 8 lanes) spend about 0.2 s of CPU on every login, on up to
eight threads: on a small app server a handful of people logging in at once held up every other
request. 46 MiB with one pass on one lane is one of OWASP's recommended settings for Argon2id;
a password hashed with other parameters is rehashed with these at its next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 46 * 1024  # KiB
    parallelism = 1

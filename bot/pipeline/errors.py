"""The exception tree of the pipeline; handlers and the command line turn each into one sentence.

    CrosscheckError              anything the pipeline refuses or cannot do, with a message for people
    ├── InputError               the input itself is unusable
    │   ├── EmptyInput           nothing to read (empty file, blank message, no text in a page)
    │   ├── BinaryInput          not text (binary file, image, PDF)
    │   ├── TooLarge             over a size limit
    │   └── OutOfTime            its check ran over the time budget of one message
    └── FetchError               a link could not be fetched
        ├── RefusedURL           not http/https, or it resolves to a private/loopback/reserved address
        ├── FetchTimeout         the server took too long
        ├── UnsupportedContent   not HTML or text, by its declared type or by its bytes
        └── UnreachableURL       DNS failure, connection refused, HTTP error status, too many redirects
    Stopping                     the process is shutting down: the work is left to be done again, not refused

Foreign errors (httpx, socket, trafilatura) are translated into these where they are raised, so callers
catch `CrosscheckError`. Each carries its sentence as a template with `{name}` places and what fills them:
`str(error)` is the English sentence (the command line, logs); the bot renders it in the reader's language
(`replies.error_text`), the templates being msgids of the catalogue (marked `N_` where they are raised).
"""

from __future__ import annotations


class Phrase(str):
    """A part of an error's sentence that is a msgid of its own ("a private network address"): translated
    with the sentence it fills."""

    __slots__ = ()


class CrosscheckError(Exception):
    """Base of every error the pipeline raises on purpose; `str()` is a sentence for the user."""

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class InputError(CrosscheckError):
    """The input cannot be read as an article."""


class EmptyInput(InputError):
    """There is no text to read."""


class BinaryInput(InputError):
    """The input is not text."""


class TooLarge(InputError):
    """The input is over a size limit."""


class OutOfTime(InputError):
    """Checking the input took longer than one message may take."""


class Stopping(Exception):
    """The process is stopping; the work in hand is abandoned so that the next run does it.
    Not a CrosscheckError: nothing is said to the user and the update is not finished."""


class FetchError(CrosscheckError):
    """A link could not be fetched."""


class RefusedURL(FetchError):
    """The link is not one we may fetch (scheme, or a non-public address)."""


class FetchTimeout(FetchError):
    """The server did not answer in time."""


class UnsupportedContent(FetchError):
    """The link does not point to HTML or text."""


class UnreachableURL(FetchError):
    """DNS, connection or HTTP failure, or too many redirects."""

"""Every limit of the ingest package, in one place.

The functions that enforce a limit read it from this module at call time
(``limits.X``), so a test can lower one with ``monkeypatch.setattr(limits, "X", …)``.
"""
from __future__ import annotations

MB = 1024 * 1024

# Upload limit. Keep ``server.maxUploadSize`` in .streamlit/config.toml equal to
# MAX_FILE_BYTES // MB (Streamlit counts that option in MB of 1024 * 1024 bytes).
MAX_FILE_BYTES: int = 10 * MB

# Characters of normalised text that are analysed; the rest is cut off with a notice.
MAX_TEXT_CHARS: int = 200_000
# Tokens (words and symbols, counted as spaCy roughly would) analysed: 200,000 characters
# of prose are ~45,000 tokens, but of "a a a …" 100,000, and the cost follows tokens.
MAX_TEXT_TOKENS: int = 50_000
# A run of symbols (no letter, digit or space) longer than this is cut to its first
# SYMBOL_RUN_KEEP characters: spaCy's tokenizer is quadratic in the length of such a run.
MAX_SYMBOL_RUN: int = 10
SYMBOL_RUN_KEEP: int = 3

# PDF: pages read, and the bounds of the child process that parses the file.
MAX_PDF_PAGES: int = 200
PDF_TIMEOUT_SECONDS: float = 20.0
PDF_MEMORY_BYTES: int = 1024 * MB
# Characters the PDF child sends back at most (beyond this it only counts them).
PDF_CHAR_BUDGET: int = 4 * MAX_TEXT_CHARS

# DOCX (a zip of XML parts): checked before anything is decompressed.
DOCX_MAX_UNCOMPRESSED_BYTES: int = 50 * MB
DOCX_MAX_COMPRESSION_RATIO: int = 100
DOCX_RATIO_MIN_BYTES: int = 1 * MB  # the ratio check applies to members at least this large
DOCX_MAX_MEMBERS: int = 1000
DOCX_MAX_DEPTH: int = 10_000  # XML elements open at once (Word itself stays far below)

# Bytes looked at to tell the kind of a file (PDF header offset, HTML markers).
SNIFF_PDF_BYTES: int = 1024
SNIFF_HTML_CHARS: int = 4096

# HTML: trafilatura picks the main text of pages whose visible text is at most this big (its
# time grows with the number of elements: ~1 s per 5,000 blocks); bigger pages are read whole.
HTML_MAIN_TEXT_MAX_CHARS: int = 500_000
HTML_MAIN_TEXT_MAX_BLOCKS: int = 5_000

# A txt/md first line this long or shorter can be a headline.
MAX_TITLE_CHARS: int = 150

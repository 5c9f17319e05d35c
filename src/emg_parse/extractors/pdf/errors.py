"""The PDF extractor's messages (the one-line errors the user sees)."""

ENCRYPTED_MESSAGE = (
    "encrypted PDF; give its password: --password (asks for it) or EMG_PARSE_PASSWORD"
)
WRONG_PASSWORD_MESSAGE = "wrong password for this encrypted PDF"
UNSUPPORTED_ENCRYPTION_MESSAGE = (
    "encrypted PDF with a security handler that cannot be read; "
    "decrypt it first, e.g. 'qpdf --decrypt --password=PASSWORD in.pdf out.pdf'"
)
DAMAGED_MESSAGE = "not a readable PDF (damaged or incomplete); re-export or re-download it"
NO_TEXT_MESSAGE = "no text layer (scanned image?); run OCR first, e.g. 'ocrmypdf in.pdf out.pdf'"

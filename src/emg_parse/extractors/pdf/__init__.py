"""The PDF extractor, one layer per module (the modules named here, bottom up).

* :mod:`.objects` -- what an engine reads from a page: glyphs and horizontal rules;
  :mod:`.pdfium` and :mod:`.pdfplumber` are the engines (they only read those).
* :mod:`.dedupe` -- fake-bold doubled glyphs dropped.
* :mod:`.words` -- glyphs cut into words (ligatures expanded).
* :mod:`.lines` -- words grouped into physical lines and column fragments.
* :mod:`.running` -- running headers, footers and page numbers: where a fragment is,
  for the rule shared with the text reader (:mod:`emg_parse.extractors.running`).
* :mod:`.columns` -- one page's lines in reading order, column blocks, ``new_block``.
* :mod:`.assembly` -- the pages put together into the document's lines.
* :mod:`.reader` -- reading the pages in forked worker processes.
* :mod:`.extractor` -- :class:`~.extractor.PdfExtractor` on top.
"""

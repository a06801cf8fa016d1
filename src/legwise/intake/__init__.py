"""Outside input turned into findings.

`legwise.intake.text` reads free text with a clinical NLP pipeline (spaCy + medspaCy); it is
imported only when a case carries text, so structured use never loads spaCy.
`legwise.intake.merge.merge_text` puts what the text gave under a case's explicit answers.
"""

"""The words for a relative and the words that give a sex, shared by the readers of who a text
describes (`legwise.intake.people`, `legwise.intake.kin_words`) and of whose leg it is.

Moved here from `legwise.intake.people` (hN23, issue 12 round 23) to make room there; that
module still exports them under the same names.
"""

from __future__ import annotations

RELATIVES = {
    "husband": "male", "wife": "female", "son": "male", "daughter": "female", "mother": "female",
    "mum": "female", "mom": "female", "father": "male", "dad": "male", "partner": None,
    "grandmother": "female", "grandma": "female", "granny": "female", "nan": "female",
    "grandfather": "male", "grandpa": "male", "brother": "male", "sister": "female",
    "boy": "male", "girl": "female", "child": None, "kid": None, "baby": None,
    "aunt": "female", "uncle": "male", "friend": None, "neighbour": None, "neighbor": None,
    "grandad": "male", "granddad": "male", "gran": "female", "nanna": "female", "papa": "male",
    "toddler": None, "teenager": None,
    # hB (issue 12 round 6): the words people type for them
    "hubby": "male", "lad": "male", "lass": "female", "missus": "female", "grandson": "male",
    "granddaughter": "female", "stepson": "male", "stepdaughter": "female",
    # hL17 (round 17): the wider family ("writing about my niece, she's nine")
    "niece": "female", "nephew": "male", "cousin": None, "godson": "male",
    "goddaughter": "female", "stepchild": None,
    # hL20 (round 20): the words of other Englishes and of code-switched text ("Mi granddaddy is
    # 81", "mi hijo Mateo tiene 6 años")
    "granddaddy": "male", "grandaddy": "male", "grandmama": "female", "hijo": "male",
    "hija": "female", "girlfriend": "female", "boyfriend": "male",
    "mam": "female", "mamma": "female", "granda": "male", "grandmaw": "female", "fiance": None,
}  # fmt: skip
SEX_WORDS = {"female": "female", "male": "male", "woman": "female", "man": "male",
             "lady": "female", "gentleman": "male", "gent": "male", "guy": "male",
             "boy": "male", "girl": "female", "f": "female", "m": "male",
             "bloke": "male", "mr": "male", "master": "male", "mrs": "female", "ms": "female",
             "miss": "female", "lad": "male", "lass": "female", "fella": "male",
             "chap": "male"}  # fmt: skip

# Kin, as opposed to the words for a young patient ("a 9-year-old boy"): "her 3-year-old son"
# in a stem about a woman is someone else; "my 8-year-old son" (or a text that opens on him) is
# the person described
KIN = frozenset(RELATIVES) - {"boy", "girl", "child", "kid", "baby", "toddler", "teenager",
                               "lad", "lass"}  # fmt: skip
RELATIVE_WORDS = frozenset(RELATIVES)
# hN23 (round 23): the relative that opens a text (`legwise.intake.people.RELATIVE_OPENING`) is a
# run of letters of its own, or one with an "s" after ("my sons knee"): one of these words
RELATIVE_OR_PLURAL = RELATIVE_WORDS | {f"{w}s" for w in RELATIVES}

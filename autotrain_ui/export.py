"""Export a finished project to run elsewhere: `merged` (full weights in safetensors, with the tokenizer and its chat
template), `gguf` (llama.cpp's format: f16 and q8_0 by default, see gguf_export.py) and `ollama` (a Modelfile beside
the GGUF, see ollama.py). From the Runs view (ui/export_panel.py) and `autotrain export PROJECT --format ...`.

Everything goes to PROJECT/export/:

    merged/                the adapter merged into its base (or the full fine-tune's weights), tokenizer, template
    gguf/NAME-F16.gguf     one file per quantisation (NAME: the project's name)
    gguf/Modelfile         FROM ./NAME-Q8_0.gguf, TEMPLATE, PARAMETER stop, SYSTEM
    downloads/             what the page offers: NAME-merged.zip, NAME-ollama.zip (Modelfile + its GGUF)
    manifest.json          what was made (the model card's "run it on your computer" section reads it)

With push on, gguf/ goes to the model repo's gguf/ folder, with the model card (hub.push_export).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autotrain_ui import gguf_export
from autotrain_ui.gguf_export import DEFAULT_QUANTS, ExportError, Progress, file_name
from autotrain_ui.core.i18n import Message, message
from autotrain_ui.core.params import LLMParams

FORMATS = ("merged", "gguf", "ollama")
MANIFEST = "manifest.json"
SKIP = {"README.md", "training_args.bin"}


@dataclass
class ExportResult:
    project: Path
    formats: list[str]
    merged: Path | None = None
    gguf: list[Path] = field(default_factory=list)
    modelfile: Path | None = None
    notes: list[Message] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)   # what the page offers to download (downloads())

    def downloads(self) -> list[Path]:
        """What the page offers to download: a zip of the merged folder, each GGUF file, the Ollama zip."""
        out = self.project / "export" / "downloads"
        files: list[Path] = []
        name = self.project.name
        if "merged" in self.formats and self.merged:
            files.append(_zip(out / f"{name}-merged.zip", [(p, f"{name}/{p.relative_to(self.merged)}")
                                                          for p in sorted(self.merged.rglob("*")) if p.is_file()]))
        if "gguf" in self.formats:
            files += self.gguf
        if "ollama" in self.formats and self.modelfile:
            target = _modelfile_target(self.modelfile)
            files.append(_zip(out / f"{name}-ollama.zip", [(self.modelfile, f"{name}/Modelfile")] +
                              ([(target, f"{name}/{target.name}")] if target else [])))
        return files


def _zip(path: Path, members: list[tuple[Path, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:  # weights: no gain
        for src, arcname in members:
            zf.write(src, arcname)
    os.replace(partial, path)
    return path


def _modelfile_target(modelfile: Path) -> Path | None:
    for line in modelfile.read_text(encoding="utf-8").splitlines():
        if line.startswith("FROM ./"):
            target = modelfile.parent / line[len("FROM ./"):].strip()
            return target if target.exists() else None
    return None


def _say(progress: Progress | None, fraction: float | None, msg: Message) -> None:
    if progress:
        progress(fraction, msg)


def check(project: Path, formats: list[str], quants: list[str]) -> tuple[LLMParams, Message | None]:
    """The run's parameters, and why this export cannot be made (None: it can)."""
    if not (project / "config.json").exists():
        return None, message("export.not_a_project", project=project)
    params = LLMParams.load(project / "config.json")
    model_dir = project / "model"
    if not ((model_dir / "config.json").exists() or (model_dir / "adapter_config.json").exists()):
        return params, message("export.no_model", name=project.name)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        return params, message("export.unknown_format", format=", ".join(unknown) or "-", choices=", ".join(FORMATS))
    wants_gguf = any(f in formats for f in ("gguf", "ollama"))
    if wants_gguf and params.trainer == "reward":
        return params, message("export.reward_no_gguf")
    if wants_gguf:
        return params, gguf_export.check_quants(quants) or gguf_export.check_family(model_type(project, params))
    return params, None


def model_type(project: Path, params: LLMParams) -> str | None:
    """The family of the trained model: its own config, else the base model's."""
    for path in (project / "model" / "config.json",):
        try:
            return json.loads(path.read_text(encoding="utf-8"))["model_type"]
        except (OSError, ValueError, KeyError):
            pass
    from autotrain_ui.core.models import ModelNotFound, model_type as source_type, resolve_model

    try:
        return source_type(resolve_model(params.model))
    except ModelNotFound:
        return None


def _stored_dtype(folder: Path):
    import torch

    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return torch.float32
    name = config.get("dtype") or config.get("torch_dtype") or "float32"
    return {"bfloat16": torch.bfloat16, "float16": torch.float16}.get(str(name).replace("torch.", ""), torch.float32)


def _copy_sentencepiece(tokenizer, sources: list[Path], target: Path) -> None:
    """llama.cpp reads a Gemma or Phi-3 vocabulary from tokenizer.model (SentencePiece), which transformers 5 does
    not save: copy the base model's when its pieces are this tokenizer's tokens, id for id."""
    if (target / "tokenizer.model").exists():
        return
    for folder in sources:
        path = folder / "tokenizer.model"
        if not path.exists():
            continue
        import sentencepiece

        sp = sentencepiece.SentencePieceProcessor(model_file=str(path))
        if all(tokenizer.convert_tokens_to_ids(sp.id_to_piece(i)) == i for i in range(sp.get_piece_size())):
            shutil.copyfile(path, target / "tokenizer.model")
            return


def _spell_added_tokens(tokenizer, folder: Path) -> None:
    """tokenizer_config.json's added_tokens_decoder, as transformers 4 wrote it (transformers 5 keeps the added tokens
    in tokenizer.json only): llama.cpp's converter reads a SentencePiece vocabulary's special tokens (Gemma's
    <start_of_turn>) from there, and without it would split them into pieces of text."""
    path = folder / "tokenizer_config.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if config.get("added_tokens_decoder"):
        return
    config["added_tokens_decoder"] = {
        str(i): {"content": t.content, "lstrip": t.lstrip, "normalized": t.normalized, "rstrip": t.rstrip,
                 "single_word": t.single_word, "special": t.special}
        for i, t in sorted(tokenizer.added_tokens_decoder.items())}
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def merge(project: Path, params: LLMParams, progress: Progress | None = None) -> Path:
    """PROJECT/export/merged: the adapter merged into its base, saved in the base's dtype (a full fine-tune: its
    own files). Raises ExportError when the base model cannot be found."""
    model_dir, out = project / "model", project / "export" / "merged"
    partial = out.with_name("merged.partial")
    shutil.rmtree(partial, ignore_errors=True)
    sources = [model_dir]
    if (model_dir / "adapter_config.json").exists():
        import torch
        from peft import PeftModel
        from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

        from autotrain_ui.core.models import model_path, ModelNotFound

        _say(progress, 0.0, message("export.step_merge", base=params.model))
        try:
            base_path = model_path(params.model)
        except ModelNotFound as exc:
            raise ExportError(message("export.no_base", base=params.model, reason=str(exc))) from exc
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        cls = AutoModelForSequenceClassification if params.trainer == "reward" else AutoModelForCausalLM
        base = cls.from_pretrained(base_path, dtype=torch.float32, **({"num_labels": 1} if params.trainer == "reward"
                                                                      else {}))
        if len(tokenizer) > base.get_input_embeddings().weight.shape[0]:
            base.resize_token_embeddings(len(tokenizer))  # tokens the run added for its chat template
        model = PeftModel.from_pretrained(base, model_dir).merge_and_unload()
        model = model.to(_stored_dtype(Path(base_path)))
        model.save_pretrained(partial)
        tokenizer.save_pretrained(partial)
        sources.append(Path(base_path))
        del model, base
    else:
        _say(progress, 0.0, message("export.step_copy"))
        partial.mkdir(parents=True)
        for path in model_dir.iterdir():
            if path.is_file() and path.name not in SKIP:
                shutil.copy2(path, partial / path.name)
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        from autotrain_ui.core.models import ModelNotFound, resolve_model

        try:
            source = resolve_model(params.model)
            if source.kind == "folder":
                sources.append(Path(source.path))
        except ModelNotFound:
            pass
    _copy_sentencepiece(tokenizer, sources, partial)
    _spell_added_tokens(tokenizer, partial)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(partial, out)
    return out


def export(project: str | Path, formats: list[str], quants: list[str] | tuple = DEFAULT_QUANTS,
           progress: Progress | None = None) -> ExportResult:
    """Make the asked exports (see the module doc). Raises ExportError with the reason in words."""
    project = Path(project).resolve()
    formats = list(dict.fromkeys(formats))
    quants = list(dict.fromkeys(quants or DEFAULT_QUANTS))
    params, problem = check(project, formats, quants)
    if problem:
        raise ExportError(problem)
    result = ExportResult(project, formats)
    log = project / "export" / "export.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    result.merged = merge(project, params, progress)
    family = model_type(project, params)
    if any(f in formats for f in ("gguf", "ollama")):
        if family not in gguf_export.FAMILIES:
            result.notes.append(message("export.gguf_unchecked", name=gguf_export.family_name(family or "?")))
        result.gguf = _gguf(project, result.merged, quants, progress, log)
    if "ollama" in formats:
        _say(progress, None, message("export.step_modelfile"))
        result.modelfile, why = _write_modelfile(project, result.gguf)
        if why:
            result.notes.append(message("export.no_template", reason=why))
    _say(progress, None, message("export.step_downloads"))
    result.files = result.downloads()
    _write_manifest(result, quants, family)
    _say(progress, 1.0, message("export.done", folder=project / "export"))
    return result


def _gguf(project: Path, merged: Path, quants: list[str], progress: Progress | None, log: Path) -> list[Path]:
    folder = project / "export" / "gguf"
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.gguf"), folder / "Modelfile"]:  # gguf/ holds this export only (it is what is pushed)
        old.unlink(missing_ok=True)
    stem, made = project.name, []
    direct = [q for q in quants if q in gguf_export.CONVERTER_QUANTS]
    needs_f16 = [q for q in quants if q in gguf_export.LLAMA_CPP_QUANTS]
    converted = direct + (["f16"] if needs_f16 and "f16" not in direct else [])
    _say(progress, None, message("export.step_convert", quant=", ".join(converted)))
    made += gguf_export.convert(merged, [(q, folder / file_name(stem, q)) for q in converted], progress, log)
    for quant in needs_f16:
        _say(progress, None, message("export.step_quantize", quant=quant))
        made.append(gguf_export.quantize(folder / file_name(stem, "f16"), folder / file_name(stem, quant), quant))
    if needs_f16 and "f16" not in direct:
        (folder / file_name(stem, "f16")).unlink(missing_ok=True)
        made = [p for p in made if p.exists()]
    return made


def _write_modelfile(project: Path, ggufs: list[Path]) -> tuple[Path, str]:
    """gguf/Modelfile, FROM the q8_0 file when there is one (small, and as good as f16 to the ear)."""
    from transformers import AutoTokenizer

    from autotrain_ui import ollama

    chosen = next((p for p in ggufs if p.name.endswith("-Q8_0.gguf")), ggufs[0])
    tokenizer = AutoTokenizer.from_pretrained(project / "export" / "merged")
    add_bos = gguf_export.metadata(chosen)["add_bos"]
    text, _, why = ollama.modelfile(chosen.name, tokenizer, add_bos, name=project.name.lower())
    path = chosen.parent / "Modelfile"
    path.write_text(text, encoding="utf-8")
    return path, why


def _write_manifest(result: ExportResult, quants: list[str], family: str | None) -> None:
    folder = result.project / "export"
    value = {"formats": result.formats, "quants": quants, "family": family, "finished": time.time(),
             "gguf": [p.name for p in result.gguf], "modelfile": bool(result.modelfile),
             "merged": bool(result.merged), "notes": [str(n) for n in result.notes]}
    (folder / MANIFEST).write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")


def manifest(project: str | Path) -> dict | None:
    try:
        return json.loads((Path(project) / "export" / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

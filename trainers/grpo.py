"""GRPO trainer (TRL): for each prompt the model samples --num-generations answers, the reward menu scores them
(autotrain_ui/core/rewards.py, --rewards), and the model is moved towards the answers that scored above their group's
mean. LoRA by default (the command line and the page turn --peft on); with --grpo-beta above 0 the LoRA's base
is the reference model of the KL term (TRL switches the adapter off for it), so no second copy is loaded."""

from trl import GRPOConfig, GRPOTrainer

from autotrain_ui.core import rewards as menu
from trainers.arguments import training_kwargs
from trainers.examples import load_examples
from trainers.loading import load
from trainers.rewarding import Recorder, SamplesCallback, reward_functions, trl_rows
from trainers.run import fit


def run(params, project_dir, resume=False):
    from datasets import Dataset

    # load
    tokenizer, model = load(params)
    # prepare data: {"prompt" (text, or turns with a chat template), "reference"}
    train_rows, held_out = load_examples(params, project_dir)
    train_ds = Dataset.from_list(trl_rows(train_rows, params.template != "none"))
    # trainer: each device's batch holds --batch-size prompts' groups of --num-generations answers
    chosen = menu.parse(params.rewards)
    recorder = Recorder()
    kwargs = training_kwargs(params, project_dir, len(train_ds), False, model)
    kwargs["per_device_train_batch_size"] = kwargs["per_device_eval_batch_size"] = \
        params.batch_size * params.num_generations
    args = GRPOConfig(num_generations=params.num_generations, beta=params.grpo_beta,
                      temperature=params.generation_temperature,
                      max_completion_length=menu.completion_length(params),
                      reward_weights=[r.weight for r in chosen], log_completions=False, **generation_path(),
                      **kwargs)
    trainer = GRPOTrainer(model=model, reward_funcs=reward_functions(chosen, recorder), args=args,
                          train_dataset=train_ds, processing_class=tokenizer)
    trainer.add_callback(SamplesCallback(project_dir, recorder, chosen))
    # train, save, report (the held-out prompts' mean reward, base and tuned: trainers/rewarding.py)
    fit(trainer, tokenizer, params, project_dir, held_out, resume, seen=train_rows)


def generation_path() -> dict:
    """The fastest way to sample the answers that needs no server of its own: vLLM inside this process ("colocate")
    on a GPU where vLLM is installed (requirements-gpu.txt does not install it), else the model's own generate."""
    import importlib.util

    import torch

    if torch.cuda.is_available() and importlib.util.find_spec("vllm") is not None:
        print("generation: vLLM in this process (colocate)", flush=True)
        return {"use_vllm": True, "vllm_mode": "colocate"}
    print("generation: the model's own generate (vLLM is not installed here, or no GPU)", flush=True)
    return {}

"""What the app and the training process both need, and nothing of either: the parameter schema (params,
field_types), the trainer catalog, data reading and preparation (data/), what the model reads (templates, render,
families), the model resolver (models), the string catalog (i18n, messages), the memory arithmetic (memory,
estimate), the hardware refusals, checkpoints and the run's logs as read (events), the reward menu and the answer
checks, the Hub client. It imports neither autotrain_ui's app modules nor trainers/, and no torch or gradio at import
time (tests/test_layout.py holds the boundary)."""

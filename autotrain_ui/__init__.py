"""AutoTrain UI: the app, the CLI and what they share with the training process (docs/DESIGN.md).

One process-wide setting lives here, because it must be in the environment before torch is first imported, and
every entry point (app.py, the CLI, the trainers through runner.child_env) imports this package first:

OMP_WAIT_POLICY=PASSIVE. torch's OpenMP (libgomp on Linux) keeps its threads spinning while they wait for work. When
the cores are shared (the app's handlers or a chat beside a training run on a 2-vCPU Space, two test workers), a
spinning thread holds a core the thread it waits for needs, and every parallel region waits on both being scheduled:
measured here with 2 threads on 2 busy cores, one greedy generation took 54-72 s spinning against 4 s passive (1.9 s
of CPU against 19-22 s). On an idle machine the difference is within noise. A value the user set is kept.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

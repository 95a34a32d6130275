"""`autotrain ...`: the command line.

    llm.py     `autotrain llm --train ...` (the spec's flags), --inference, --deploy
    data.py    `autotrain data check FILE`
    jobs.py    `autotrain jobs list | show | cancel | resume` (the app's jobs; `show --space` follows a Space's)
    export.py  `autotrain export PROJECT --format merged|gguf|ollama`
    app        `autotrain app` starts the web app (autotrain_ui/app.py)
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: autotrain {llm,data,jobs,export,app} ...\n  autotrain llm --train ...      train (the spec's flags)\n" \
            "  autotrain data check FILE ...  check a data file\n" \
            "  autotrain jobs list | show ID | cancel ID | resume ID   the app's jobs (--projects DIR)\n" \
            "  autotrain jobs show --space USER/SPACE ID   follow a job sent to a Space\n" \
            "  autotrain export PROJECT --format merged|gguf|ollama   run it elsewhere (llama.cpp, Ollama)\n" \
            "  autotrain app                  start the web app"
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "llm":
        from autotrain_ui.cli.llm import llm_main

        return llm_main(rest)
    if command == "data" and rest[:1] == ["check"]:
        from autotrain_ui.cli.data import check_main

        return check_main(rest[1:])
    if command == "jobs":
        from autotrain_ui.cli.jobs import main as jobs_main

        return jobs_main(rest)
    if command == "export":
        from autotrain_ui.cli.export import export_main

        return export_main(rest)
    if command == "app":
        from autotrain_ui.app import main as app_main

        return app_main(rest)
    print(usage, file=sys.stderr)
    return 2


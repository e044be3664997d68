#!/usr/bin/env python3
"""The real Jupyter client against `mfsh kernel`, for the tests (MfshTests/JupyterKernelTests).

Runs with jupyter_client, nbclient and nbformat from PyPI (the tests install them into
.build/jupyter-env) and JUPYTER_PATH pointing at a folder where `mfsh kernel install --prefix`
put the kernelspec. Each mode checks everything it is given and exits non-zero with the
reason on the first mismatch:

    jupyter_peer.py session         kernel_info, execute (streams, results, tables, plots,
                                    errors), complete, inspect, is_complete, interrupt by
                                    message and by SIGINT during a long train, heartbeat,
                                    shutdown through the control channel
    jupyter_peer.py notebook OUT    builds a notebook, runs it with nbclient, validates it
                                    with nbformat and writes it to OUT
    jupyter_peer.py validate FILE   nbformat.validate on an exported .ipynb; prints a summary
"""
import json
import os
import signal
import sys

TIMEOUT = float(os.environ.get("MFSH_TEST_TIME_SCALE", "1")) * 120

TINY_MODEL = """data = load "letters" letters="AKX" angles=0:360:90 points=120 seed=1
parts = holdout data angle=[90]
base = gmm_base components=2 sigma=0.15
mix = mixflow base hidden=[16] seed=1"""


def fail(message):
    print("jupyter_peer: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def run_cell(client, code, on_message=None, silent=False):
    """Executes code; returns (reply content, iopub messages of this request)."""
    msg_id = client.execute(code, silent=silent)
    messages = []
    while True:
        message = client.get_iopub_msg(timeout=TIMEOUT)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(message)
        if on_message:
            on_message(message)
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            break
    reply = client.get_shell_msg(timeout=TIMEOUT)
    check(reply["parent_header"]["msg_id"] == msg_id, "execute_reply answers another request")
    return reply["content"], messages


def of_type(messages, kind):
    return [m["content"] for m in messages if m["msg_type"] == kind]


def stdout_text(messages):
    return "".join(c["text"] for c in of_type(messages, "stream") if c["name"] == "stdout")


def interrupted_train(client, interrupt, label):
    """Starts a train far too long to finish, interrupts it once the kernel has reported its
    progress, and checks that it stopped as Ctrl-C stops it in the REPL."""
    state = {"sent": False}

    def on_message(message):
        if state["sent"] or message["msg_type"] not in ("display_data", "update_display_data"):
            return
        if "transient" in message["content"]:
            state["sent"] = True
            interrupt()

    reply, messages = run_cell(client, "train mix parts.train steps=5000000", on_message)
    check(state["sent"], label + ": the train reported no progress")
    check(reply["status"] == "error" and reply["ename"] == "Interrupted", label + ": reply " + json.dumps(reply)[:300])
    check(of_type(messages, "error"), label + ": no error message on iopub")
    reply, messages = run_cell(client, "print mix.steps")
    steps = int(stdout_text(messages).strip())
    check(0 < steps < 5000000, label + ": the model kept %d steps" % steps)
    return steps


def session():
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="mfsh", startup_timeout=TIMEOUT)
    try:
        client.kernel_info()
        info = client.get_shell_msg(timeout=TIMEOUT)["content"]
        check(info["protocol_version"] == "5.3", "protocol_version " + info["protocol_version"])
        check(info["language_info"]["name"] == "mf", "language " + info["language_info"]["name"])

        reply, messages = run_cell(client, "print 1 + 1\nx = 20\nx + 1")
        check(reply["status"] == "ok", "print cell: " + json.dumps(reply))
        check(stdout_text(messages) == "2\n", "stdout " + repr(stdout_text(messages)))
        results = of_type(messages, "execute_result")
        check(len(results) == 1 and results[0]["data"]["text/plain"] == "21", "execute_result " + json.dumps(results))
        check(results[0]["execution_count"] == reply["execution_count"], "execution counts differ")
        check(of_type(messages, "execute_input")[0]["code"].startswith("print"), "no execute_input")

        reply, messages = run_cell(client, "print 99\ny = 5", silent=True)
        check(reply["status"] == "ok" and not of_type(messages, "stream"), "a silent execution broadcast output")
        reply, messages = run_cell(client, "y")
        check(of_type(messages, "execute_result")[0]["data"]["text/plain"] == "5", "the silent cell did not run")

        # A request signed with another key is dropped; the next good one is answered.
        from jupyter_client.session import Session
        forged = Session(key=b"not-the-key", session=client.session.session)
        forged.send(client.shell_channel.socket, "execute_request", {"code": "forged = 1", "silent": False})
        reply, messages = run_cell(client, "print 7")
        check(stdout_text(messages) == "7\n", "after a forged request: " + repr(stdout_text(messages)))
        client.inspect("forged", 6)
        check(not client.get_shell_msg(timeout=TIMEOUT)["content"]["found"], "the forged request ran")

        reply, messages = run_cell(client, TINY_MODEL + "\ntrain mix parts.train steps=30\nplot mix")
        check(reply["status"] == "ok", "train cell: " + json.dumps(reply)[:400])
        displays = of_type(messages, "display_data")
        check(any("image/svg+xml" in d["data"] and d["data"]["image/svg+xml"].lstrip().startswith("<svg") for d in displays),
              "no SVG display for the plot")
        check(any("transient" in d for d in displays), "no progress display for the train")

        reply, messages = run_cell(client, 'gen = sample mix parts.test n=50 seed=2\nevaluate gen parts.test metrics=["w2"]')
        check(reply["status"] == "ok", "evaluate cell: " + json.dumps(reply)[:400])
        tables = [d["data"] for d in of_type(messages, "display_data") if "text/html" in d["data"]]
        check(tables and "<table>" in tables[0]["text/html"] and "mean" in tables[0]["text/plain"], "no table display")

        reply, messages = run_cell(client, "base2 = gmm_base components=2 sigam=0.1")
        check(reply["status"] == "error", "error cell replied " + reply["status"])
        errors = of_type(messages, "error")
        check(errors and "sigam" in errors[0]["evalue"], "error " + json.dumps(errors))
        check(any("did you mean 'sigma'?" in line for line in errors[0]["traceback"]), "no hint in the traceback")

        code = "gmm_base components=2 sig"
        client.complete(code, len(code))
        completion = client.get_shell_msg(timeout=TIMEOUT)["content"]
        check("sigma=" in completion["matches"], "completion " + json.dumps(completion))
        check(completion["cursor_start"] == len(code) - 3 and completion["cursor_end"] == len(code), "completion cursor")
        client.complete("pa", 2)
        check("parts" in client.get_shell_msg(timeout=TIMEOUT)["content"]["matches"], "no variable completion")

        client.inspect("train mix", 2)
        inspected = client.get_shell_msg(timeout=TIMEOUT)["content"]
        check(inspected["found"] and "steps" in inspected["data"]["text/plain"], "inspect " + json.dumps(inspected)[:300])
        client.inspect("nosuchname", 3)
        check(not client.get_shell_msg(timeout=TIMEOUT)["content"]["found"], "inspect found an unknown name")

        for code, expected in [("fn f(a) {", "incomplete"), ("x = [1,", "incomplete"), ("x = 1", "complete"), ("x = )", "invalid")]:
            client.is_complete(code)
            status = client.get_shell_msg(timeout=TIMEOUT)["content"]["status"]
            check(status == expected, "is_complete(%r) is %s, expected %s" % (code, status, expected))

        steps = interrupted_train(client, manager.interrupt_kernel, "interrupt_request")
        pid = manager.provisioner.process.pid
        interrupted_train(client, lambda: os.kill(pid, signal.SIGINT), "SIGINT")
        check(client.hb_channel.is_beating() and manager.is_alive(), "heartbeat stopped")

        process = manager.provisioner.process
        client.shutdown()
        reply = client.get_control_msg(timeout=TIMEOUT) if hasattr(client, "get_control_msg") else None
        check(reply is None or reply["content"]["status"] == "ok", "shutdown reply")
        check(process.wait(timeout=TIMEOUT) == 0, "kernel exit status %s" % process.returncode)
        print(json.dumps({"interrupted_at_step": steps}))
    finally:
        client.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)


def notebook(path):
    import nbformat
    from nbclient import NotebookClient

    cells = [
        nbformat.v4.new_markdown_cell("## A tiny model\n\n| step | what |\n|---|---|\n| 1 | load |"),
        nbformat.v4.new_code_cell(TINY_MODEL),
        nbformat.v4.new_code_cell("train mix parts.train steps=30\nplot mix"),
        nbformat.v4.new_code_cell('gen = sample mix parts.test n=50 seed=2\nevaluate gen parts.test metrics=["w2", "mmd"]'),
        nbformat.v4.new_code_cell("print undefined_name"),
        nbformat.v4.new_code_cell("len([1, 2, 3])"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    NotebookClient(nb, kernel_name="mfsh", timeout=int(TIMEOUT), allow_errors=True).execute()
    outputs = [[o["output_type"] for o in cell.get("outputs", [])] for cell in nb.cells if cell.cell_type == "code"]
    check("display_data" in outputs[1], "train cell outputs %s" % outputs[1])
    check(any("image/svg+xml" in o.get("data", {}) for o in nb.cells[2].outputs), "no SVG in the plot cell")
    check(any("text/html" in o.get("data", {}) for o in nb.cells[3].outputs), "no HTML table in the metrics cell")
    check(outputs[3] == ["error"], "error cell outputs %s" % outputs[3])
    check(outputs[4] == ["execute_result"] and nb.cells[5].outputs[0]["data"]["text/plain"] == "3", "result cell %s" % outputs[4])
    nbformat.validate(nb)
    nbformat.write(nb, path)
    print(json.dumps({"outputs": outputs}))


def validate(path):
    import nbformat

    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    print(json.dumps({
        "nbformat": [nb.nbformat, nb.nbformat_minor],
        "cells": [cell.cell_type for cell in nb.cells],
        "outputs": [[o["output_type"] for o in cell.get("outputs", [])] for cell in nb.cells],
        "mimes": sorted({m for cell in nb.cells for o in cell.get("outputs", []) for m in o.get("data", {})}),
    }))


if __name__ == "__main__":
    modes = {"session": lambda: session(), "notebook": lambda: notebook(sys.argv[2]), "validate": lambda: validate(sys.argv[2])}
    if len(sys.argv) < 2 or sys.argv[1] not in modes:
        fail("usage: jupyter_peer.py session | notebook OUT.ipynb | validate FILE.ipynb")
    modes[sys.argv[1]]()

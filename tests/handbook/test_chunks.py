from handbook.chunks import build_catalogue, build_chunks
from handbook.contract import NeedsContract
from handbook.pages import Page


def test_need_chunks_carry_slug_area_wave_and_anchor(pages: list[Page]) -> None:
    chunks = build_chunks(pages)
    wave2 = [c for c in chunks if c.need == "attention-and-listening" and c.wave == 2]
    assert len(wave2) == 1
    assert wave2[0].url == "/needs/communication-interaction/attention-and-listening/#wave-2-targeted-support"
    assert wave2[0].area == "communication-interaction"
    assert wave2[0].title == "Attention and listening"


def test_every_need_has_a_page_level_chunk_with_aliases(pages: list[Page], contract: NeedsContract) -> None:
    chunks = build_chunks(pages)
    page_chunks = {c.need: c for c in chunks if c.granularity == "page" and c.need}
    assert set(page_chunks) == set(contract.slugs)
    assert "Also called:" in page_chunks["anxiety"].text


def test_phase_note_chunks_know_their_phase(pages: list[Page]) -> None:
    phases = {c.phase for c in build_chunks(pages) if c.need == "attention-and-listening" and c.phase}
    assert {"early-years", "primary", "secondary"} <= phases


def test_catalogue_fills_strategies_from_the_page(pages: list[Page]) -> None:
    need = build_catalogue(pages).needs["attention-and-listening"]
    first = need.strategies.wave1[0]
    assert first.title.startswith("Say the pupil's name")
    assert first.url.endswith("#wave-1-in-every-classroom")
    assert len(need.strategies.wave2) >= 4
    assert need.training and need.services


def test_catalogue_gives_each_need_the_rows_of_its_own_signs(pages: list[Page]) -> None:
    catalogue = build_catalogue(pages)
    need = catalogue.needs["attention-and-listening"]
    rows = range(need.sign_rows.start, need.sign_rows.stop)
    assert len(rows) == len(need.signs) > 0
    assert [catalogue.sign_texts()[row] for row in rows] == need.signs
    assert {catalogue.sign_owner(row) for row in rows} == {"attention-and-listening"}
    assert catalogue.sign_count == sum(len(n.signs) for n in catalogue.needs.values())


def test_catalogue_records_are_typed_from_the_front_matter(pages: list[Page]) -> None:
    catalogue = build_catalogue(pages)
    module = next(iter(catalogue.training.values()))
    assert module.required_for is not None and module.duration_minutes > 0
    assert catalogue.safeguarding_steps and catalogue.glossary
    assert all(term.term for term in catalogue.glossary)


def test_chunk_records_validate_and_carry_their_search_text(pages: list[Page]) -> None:
    chunk = build_chunks(pages)[0]
    record = chunk.to_record("expanded text")
    assert record.search_text == "expanded text"
    assert record.model_dump(exclude={"search_text"}) == chunk.to_record("x").model_dump(exclude={"search_text"})


def test_chunk_ids_are_positions(pages: list[Page]) -> None:
    chunks = build_chunks(pages)
    assert [c.id for c in chunks] == list(range(len(chunks)))

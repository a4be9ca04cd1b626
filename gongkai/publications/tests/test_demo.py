from io import StringIO

from gongkai.core.bureau import ensure_people
from gongkai.publications import demo, search
from gongkai.publications.models import CleanupCampaign, Document, DocumentStatus


def test_it_loads_the_demo_through_the_review_chain_once(db):
    people = ensure_people(password="x")
    out = StringIO()
    demo.load(people, out)
    assert Document.public.count() == len(demo.DOCUMENTS)
    assert Document.objects.filter(status=DocumentStatus.REVIEW_2).count() == 1
    assert all(d.steps.filter(action="approve").count() == 3 for d in Document.public.all())
    assert Document.public.filter(index_no__contains="/2022-").count() == len(demo.DOCUMENTS) - 1
    assert CleanupCampaign.objects.get(year=2022).items.count() == 5
    assert search.search("约谈").total >= 2
    demo.load(people, out)  # idempotent
    assert Document.objects.count() == len(demo.DOCUMENTS) + 2

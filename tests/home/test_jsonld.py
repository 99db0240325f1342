import datetime
import json

from django.template import Context, Template
from django.utils.html import json_script

from home.jsonld import ld_json_script


def payload(script: str) -> str:
    return script.split(">", 1)[1].rsplit("</script>", 1)[0]


def test_ld_json_script_escapes_as_django_json_script_does():
    data = {"name": "</script><!-- & 'é' -->", "date": datetime.date(2021, 6, 3)}
    script = ld_json_script(data)
    assert script.startswith('<script type="application/ld+json">')
    assert "<" not in payload(script) and ">" not in payload(script)
    assert "&" not in payload(script)
    assert json.loads(payload(script)) == {"name": data["name"], "date": "2021-06-03"}
    assert "'é'" in payload(script)  # accents as they are, readable


def test_ld_json_script_writes_the_json_of_django_json_script():
    data = {"name": "</script><!-- & -->", "nested": [{"url": "https://example.org/?a=1&b=2"}]}
    assert payload(ld_json_script(data)) == payload(json_script(data))


def test_the_template_filter_writes_the_script_and_nothing_for_no_data():
    template = Template("{% load jsonld %}{{ data|ld_json }}")
    assert template.render(Context({"data": {}})) == ""
    html = template.render(Context({"data": {"@type": "Place", "name": "<b>"}}))
    assert json.loads(payload(html)) == {"@type": "Place", "name": "<b>"}

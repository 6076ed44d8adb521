"""Edit categories, the consent form's details, and the versioned terms in English and 简体中文."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sessionhelpers import details

from consent_app import clock
from consent_app.consent import categories, terms
from consent_app.errors import InputError
from consent_app.verify.vocab import OPERATIONS

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_eight_stable_ids_in_form_order_each_with_both_languages():
    assert categories.IDS == OPERATIONS
    assert len(categories.IDS) == 8
    assert set(categories.FACE_IDS) | set(categories.VOICE_IDS) == set(categories.IDS)
    for cat in categories.CATEGORIES:
        for language in ("en", "zh-CN"):
            label, description = cat.text(language)
            assert len(label) > 4
            assert len(description) > 10
        assert not CJK.search(cat.label["en"] + cat.description["en"])
        assert CJK.search(cat.label["zh-CN"])
        assert CJK.search(cat.description["zh-CN"])
    labels = [c.label["en"] for c in categories.CATEGORIES]
    assert len(set(labels)) == 8


def test_categories_are_normalised_and_unknown_ones_refused():
    assert categories.normalise(["voice_conversion", "face_swap", "face_swap"]) == ("face_swap",
                                                                                   "voice_conversion")
    with pytest.raises(InputError, match=r"unknown edit category 'deepfake'; known: face_generation"):
        categories.normalise(["deepfake"])
    with pytest.raises(InputError, match="unsupported language 'fr'"):
        categories.check_language("fr")


def test_consent_details_are_checked():
    good = details().checked()
    assert good.complaints_contact == good.withdrawal_contact
    start = clock.now()
    cases = {
        "project name": details(project=" "),
        "ends": details(valid_from=start, valid_until=start - timedelta(seconds=1)),
        "time zone": details(valid_from=start.replace(tzinfo=None)),
        "cannot start before the consent is given": details(valid_from=start - timedelta(days=2)),
        "already ended": details(valid_from=start - timedelta(minutes=50),
                                 valid_until=start - timedelta(minutes=1)),
        "at most 3660 days": details(valid_until=start + timedelta(days=4000)),
        "territory": details(territory=()),
        "label text": details(marking=""),
        "retention period": details(retention_days=0),
    }
    for expected, bad in cases.items():
        with pytest.raises(InputError, match=expected):
            bad.checked()


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_terms_cover_what_the_deep_synthesis_rules_require(language):
    d = details().checked()
    rendered = terms.render(d, ("face_swap", "tts_voice_clone"), language, studio="Studio X")
    text = rendered.text
    assert rendered.version == terms.current_version() == "v1"
    assert rendered.sha256 == terms.render(d, ("face_swap", "tts_voice_clone"), language,
                                           studio="Studio X").sha256
    for cat in categories.CATEGORIES:  # every category listed; only the chosen ones ticked
        label = cat.text(language)[0]
        line = next(line for line in text.splitlines() if label in line)
        ticked = line.startswith(("[x]", "[√]"))
        assert ticked == (cat.id in ("face_swap", "tts_voice_clone")), line
        assert cat.id not in text  # the subject reads the category's name, not its id
    for needle in (d.marking, d.withdrawal_contact, "180", "Studio X", d.project, "political advertising",
                   "CN; HK" if language == "en" else "CN；HK"):
        assert needle in text
    words = {"en": ["separate consent", "Nothing is ticked for you", "withdraw", "erased", "complain",
                    "Deep Synthesis", "label"],
             "zh-CN": ["单独同意", "没有任何项目被预先勾选", "撤回", "删除", "投诉", "深度合成",
                       "标识"]}[language]
    for word in words:
        assert word in text, word
    assert "DEMO" not in text


def test_demo_terms_say_so_and_guardians_are_named():
    d = details().checked()
    demo = terms.render(d, ("face_swap",), "zh-CN", studio="S", demo=True,
                        attester={"role": "guardian", "name": "Pat", "relationship": "father"})
    assert demo.text.count("DEMO") >= 1
    assert "Pat（father）" in demo.text
    with pytest.raises(InputError, match="no terms template v9"):
        terms.render(d, ("face_swap",), "en", studio="S", version="v9")

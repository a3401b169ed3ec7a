"""Tests of tthc_docs.wordxml: Word's on/off values and the chain of based-on styles."""

from __future__ import annotations

import pytest
from lxml import etree

from tthc_docs.wordxml import W_NS, StyleSheet, is_on, toggle, w


def _styles(body: str):
    return etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{body}</w:styles>')


@pytest.mark.parametrize("value, on", [("1", True), ("true", True), ("on", True), ("TRUE", True),
                                       ("0", False), ("false", False), ("Off", False), ("none", False),
                                       (None, False)])
def test_is_on(value, on):
    assert is_on(value) is on


@pytest.mark.parametrize("xml, expected", [
    ("<w:b/>", True), ('<w:b w:val="0"/>', False), ('<w:b w:val="true"/>', True), (None, None),
])
def test_toggle(xml, expected):
    element = etree.fromstring(xml.replace("<w:b", f'<w:b xmlns:w="{W_NS}"')) if xml else None
    assert toggle(element) is expected


def test_chain_follows_based_on_nearest_first_and_ends_a_loop():
    sheet = StyleSheet(_styles(
        '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:basedOn w:val="Heading1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Title"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Alone"><w:basedOn w:val="Missing"/></w:style>'))
    assert sheet.default_paragraph == "Normal"
    assert [s.get(w("styleId")) for s in sheet.chain("Heading1")] == ["Heading1", "Title", "Normal"]
    assert [s.get(w("styleId")) for s in sheet.chain("Alone")] == ["Alone"]
    assert list(sheet.chain(None)) == list(sheet.chain("Missing")) == []


def test_no_default_paragraph_style():
    sheet = StyleSheet(_styles('<w:style w:type="paragraph" w:styleId="A" w:default="0"/>'))
    assert sheet.default_paragraph is None
    assert StyleSheet(None).by_id == {}

"""The browser's last article, kept beside its corrections (actorgraph/last_article.py)."""
from __future__ import annotations

import json

from actorgraph.correction_store import new_token
from actorgraph.last_article import FILE_NAME, LastArticle, forget, recall, remember
from actorgraph.model import Article


def test_a_pasted_article_comes_back_with_its_text(tmp_path):
    token = new_token()
    assert recall(token, tmp_path) is None
    article = Article("Siege\n\nRebels took the town.", "Siege", "a.html", "html", ("Truncated.",))
    assert remember(token, LastArticle("upload:ab12", article), tmp_path)
    assert recall(token, tmp_path) == LastArticle("upload:ab12", article)
    assert recall(new_token(), tmp_path) is None  # another browser sees nothing


def test_a_sample_is_kept_by_name_only(tmp_path):
    token = new_token()
    remember(token, LastArticle("sample:01_x.txt", Article("the whole text")), tmp_path)
    kept = json.loads((tmp_path / token / FILE_NAME).read_text())
    assert "article" not in kept
    assert recall(token, tmp_path).sample == "01_x.txt"


def test_a_new_article_replaces_the_last_and_forget_removes_it(tmp_path):
    token = new_token()
    remember(token, LastArticle("paste:1", Article("one")), tmp_path)
    remember(token, LastArticle("upload:2", Article("two", source="b.txt")), tmp_path)
    assert recall(token, tmp_path).article.text == "two"
    forget(token, tmp_path)
    assert recall(token, tmp_path) is None


def test_bad_tokens_and_foreign_or_damaged_files_give_nothing(tmp_path):
    assert not remember("../../etc", LastArticle("paste:1", Article("t")), tmp_path)
    assert recall("../../etc", tmp_path) is None
    token = new_token()
    path = tmp_path / token / FILE_NAME
    path.parent.mkdir(parents=True)
    for body in ("{not json", json.dumps([1, 2]), json.dumps({"format": "other", "version": 1}),
                 json.dumps({"format": "actorgraph-last-article", "version": 1, "input_id": 3}),
                 json.dumps({"format": "actorgraph-last-article", "version": 1,
                             "input_id": "paste:1", "article": {"text": "  ", "title": "",
                                                                "source": "", "kind": "text",
                                                                "notices": []}}),
                 json.dumps({"format": "actorgraph-last-article", "version": 1,
                             "input_id": "paste:1", "article": {"text": "x", "title": 1}})):
        path.write_text(body)
        assert recall(token, tmp_path) is None
    # a sample name that is a path is not a sample
    assert LastArticle("sample:../secret.txt").sample is None

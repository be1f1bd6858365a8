"""Tests of lxp_desktop.domain.limits."""

from __future__ import annotations

import pytest

from lxp_desktop.domain import limits
from lxp_desktop.domain.limits import check_summary, check_url, file_size_limit
from lxp_desktop.domain.roc import Term

MB = 1024 * 1024


def test_constants() -> None:
    assert limits.SUMMARY_MAX == 100
    assert limits.OUTCOMES_PER_TERM_DEFAULT == 6
    assert limits.OUTCOMES_SELECTED_PER_YEAR == 6
    assert limits.PERFORMANCES_PER_YEAR == 10
    assert limits.CONFIRMATION_MIN_DAYS == 3
    assert limits.OBJECTION_ANSWER_DAYS == 3
    assert limits.RETENTION_YEARS_DEFAULT == 5
    assert limits.MB == MB


def test_summary_counts_characters_not_bytes() -> None:
    assert check_summary("學" * 100) is None
    message = check_summary("學" * 101)
    assert message is not None and "101" in message and "簡述" in message and "100" in message
    assert check_summary("a" * 100) is None
    assert check_summary("  " + "學" * 100 + "\u3000") is None


def test_summary_required_with_label() -> None:
    for empty in (None, "", "   ", "\u3000"):
        message = check_summary(empty, "成果簡述")
        assert message is not None and "成果簡述" in message
    message = check_summary("字" * 120, "內容簡述")
    assert message is not None and "內容簡述" in message and "120" in message and "20" in message


@pytest.mark.parametrize(
    ("kind", "term", "mb"),
    [
        ("pdf", Term(108, 2), 2), ("jpg", Term(108, 0), 2), ("png", Term(107, 1), 2),
        ("pdf", Term(109, 1), 4), ("document", Term(113, 0), 4), ("PNG", Term(109, 2), 4),
        ("mp3", Term(108, 2), 5), ("mp4", Term(108, 1), 5), ("media", Term(108, 0), 5),
        ("mp3", Term(109, 1), 10), ("mp4", Term(113, 2), 10), ("media", Term(109, 0), 10),
    ],
)  # fmt: skip
def test_file_size_limit(kind: str, term: Term, mb: int) -> None:
    assert file_size_limit(kind, term) == mb * MB
    assert limits.file_size_limit_mb(kind, term) == mb


def test_file_size_limit_unknown_kind() -> None:
    with pytest.raises(ValueError, match="docx"):
        file_size_limit("docx", Term(113, 1))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com", "http://example.com/path?q=1#x", "https://example.com:8080/",
        "HTTPS://Example.COM/作品", "https://youtu.be/abc", "http://localhost/x",
        "https://[2001:db8::1]/", "https://例子.台灣/作品",
    ],
)  # fmt: skip
def test_check_url_valid(url: str) -> None:
    assert check_url(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "", "example.com", "ftp://example.com", "https://", "https:///path", "http://exa mple.com",
        "javascript:alert(1)", "https://example", "https://example.com:99999/", "https://-a.com",
        "https://a..com", None,
    ],
)  # fmt: skip
def test_check_url_invalid(url: str | None) -> None:
    message = check_url(url)
    assert message is not None and "外部連結" in message and "https://" in message


def test_check_url_label() -> None:
    message = check_url("nope", label="作品連結")
    assert message is not None and "作品連結" in message

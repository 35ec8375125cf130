"""URL list files: TOML with per-page options, or one URL a line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from streams.errors import ConfigError
from streams.producer.config import load_pages, pages_from_urls
from streams.producer.redact import secrets
from streams.settings import ProducerSettings

SETTINGS = ProducerSettings(interval_s=60, retries=3)


def test_toml_defaults_and_per_page_overrides(tmp_path: Path) -> None:
    path = tmp_path / "pages.toml"
    path.write_text(
        """
[defaults]
interval_s = 30

[[pages]]
url = "https://news.example/live/1"

[[pages]]
url = "https://other.example/live"
interval_s = 10
respect_robots = false
allow_private = true
headers = { Authorization = "Bearer very-secret" }
""",
        encoding="utf-8",
    )
    first, second = load_pages(path, SETTINGS)
    assert (first.interval_s, first.respect_robots, first.retries) == (30, True, 3)
    assert (second.interval_s, second.respect_robots, second.allow_private) == (10, False, True)
    assert second.headers == {"Authorization": "Bearer very-secret"}
    assert secrets.scrub("Bearer very-secret") == "***"


def test_plain_list_with_comments(tmp_path: Path) -> None:
    path = tmp_path / "pages.txt"
    path.write_text("# live blogs\nhttps://a.example/live#top\n\n  https://b.example/x  \n")
    assert [p.url for p in load_pages(path, SETTINGS)] == [
        "https://a.example/live#top",
        "https://b.example/x",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[pages]]\nurl = "ftp://a.example/"\n', "pages[0]: url"),
        ('[[pages]]\nurl = "https://a.example/"\ninterval_s = -1\n', "pages[0]: interval_s"),
        ('[[pages]]\nurl = "https://a.example/"\nbogus = 1\n', "pages[0]: bogus"),
        ("[[pages]]\ninterval_s = 5\n", "needs a `url`"),
        ('[defaults]\nbogus = 1\n[[pages]]\nurl = "https://a.example/"\n', "unknown option"),
        ("[[pages]\n", "invalid TOML"),
        (
            '[[pages]]\nurl = "https://a.example/"\n[[pages]]\nurl = "https://a.example/"\n',
            "listed twice",
        ),
    ],
)
def test_bad_toml_is_a_clear_config_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pages.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_pages(path, SETTINGS)


def test_bad_line_names_file_and_line_without_credentials(tmp_path: Path) -> None:
    path = tmp_path / "pages.txt"
    path.write_text("https://a.example/\nfile://u:hunter2@x/etc/passwd\n")
    with pytest.raises(ConfigError, match=r"pages.txt:2") as info:
        load_pages(path, SETTINGS)
    assert "hunter2" not in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_pages(tmp_path / "nope.txt", SETTINGS)


def test_urls_from_flags_take_settings_defaults() -> None:
    (page,) = pages_from_urls(["https://a.example/"], SETTINGS)
    assert (page.interval_s, page.max_redirects, page.allow_private) == (60, 5, False)

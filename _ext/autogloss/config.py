"""The ``autogloss_*`` settings, validated once when the configuration is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .warnings import AutoglossWarning, warn


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str
    description: str

    def valid(self, value: Any) -> bool:
        if isinstance(self.default, bool):
            return isinstance(value, bool)
        if isinstance(self.default, int):
            return isinstance(value, int) and not isinstance(value, bool) and value >= 40
        return True


SETTINGS = (
    Setting(
        "autogloss_hover",
        True,
        "html",
        "HTML: show a term's first sentence when a reader hovers or focuses a term link",
    ),
    Setting(
        "autogloss_index_aliases",
        True,
        "env",
        "list every alias in the glossary index too, as a 'see <term>' entry",
    ),
    Setting(
        "autogloss_tip_max_length",
        240,
        "html",
        "longest hover text in characters (at least 40); longer sentences are shortened",
    ),
)


@dataclass(frozen=True)
class AutoglossConfig:
    """The validated settings, read from ``app.config``."""

    hover: bool = True
    index_aliases: bool = True
    tip_max_length: int = 240

    @classmethod
    def from_config(cls, config: Config) -> AutoglossConfig:
        return cls(
            hover=config.autogloss_hover,
            index_aliases=config.autogloss_index_aliases,
            tip_max_length=config.autogloss_tip_max_length,
        )


def validate_config(app: Sphinx, config: Config) -> None:
    """Replace an invalid value by the default, with an ``autogloss.config`` warning."""
    for setting in SETTINGS:
        value = config[setting.name]
        if not setting.valid(value):
            warn(
                AutoglossWarning.config,
                "invalid value %r for %s; using the default %r (%s)",
                value,
                setting.name,
                setting.default,
                setting.description,
                once=True,
            )
            config[setting.name] = setting.default


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=frozenset({type(setting.default)}),
            description=setting.description,
        )
    app.connect("config-inited", validate_config, priority=400)

"""What every sub-command needs: the settings and the opened (migrated) database."""

from __future__ import annotations

import argparse
from pathlib import Path

from lgc_app import config
from lgc_app.persistence.database import Database


def load_settings(args: argparse.Namespace) -> config.Settings:
    return config.load(Path(args.config) if getattr(args, "config", None) else None)


def open_database(args: argparse.Namespace, *, migrate: bool = True) -> Database:
    return Database.open(load_settings(args).database_url, migrate=migrate)

"""The unit of work and its Writer: one place stamps, versions, audits and queues a change,
with the time from the workspace's clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lxp_desktop.domain.clock import FixedClock
from lxp_desktop.services import settings
from lxp_desktop.store.models import AuditEntry, Setting
from lxp_desktop.store.sync_models import OutboxChange


def test_a_change_through_the_unit_of_work_is_stamped_with_its_clock(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.clock = FixedClock(datetime(2025, 3, 1, 8, 30, tzinfo=UTC))
    with workspace.write() as (s, a):
        settings.put(s, a, "label_rows", 9)
    with workspace.unit("測試") as uow:
        row = uow.session.scalars(select(Setting).where(Setting.key == "label_rows")).one()
        changed = uow.writer.change("setting", row, {"value": "12"})
    assert changed == {"value": ("9", "12")}
    with workspace.read() as s:
        row = s.scalars(select(Setting).where(Setting.key == "label_rows")).one()
        assert (row.version, row.updated_at) == (2, datetime(2025, 3, 1, 8, 30, tzinfo=UTC))
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        assert (entry.action, entry.source, entry.at) == (
            "update", "測試", datetime(2025, 3, 1, 8, 30, tzinfo=UTC))
        last = s.scalars(select(OutboxChange).order_by(OutboxChange.seq.desc()).limit(1)).one()
        assert last.row_id == row.id and last.base_version == 1


def test_a_synced_row_changed_outside_the_writer_fails_the_test(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.write() as (s, a):
        settings.put(s, a, "label_rows", 9)
    with pytest.raises(AssertionError, match="outside the Writer"):
        with workspace.write() as (s, _a):
            row = s.scalars(select(Setting).where(Setting.key == "label_rows")).one()
            row.value, row.version = "10", row.version + 1  # around the Writer
            s.flush()

"""The record categories, in the order of the main window's tabs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxp_desktop.services.base import RecordService
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.portfolio import consultations, outcomes, performances
from lxp_desktop.services.students import students


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    service: RecordService[Any]


CATEGORIES: tuple[Category, ...] = (
    Category("students", "學生基本資料", students),
    Category("cadres", "幹部經歷", cadres),
    Category("enrolments", "修課紀錄", enrolments),
    Category("consultations", "課程諮詢紀錄", consultations),
    Category("outcomes", "課程學習成果", outcomes),
    Category("performances", "多元表現", performances),
    Category("courses", "課程", courses),
)

BY_KEY = {c.key: c for c in CATEGORIES}

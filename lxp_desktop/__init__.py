"""LXP Desktop — 學生學習歷程檔案 for the registrar office of a senior high school."""

__version__ = "0.1.0"

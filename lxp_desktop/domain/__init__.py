"""The rules of the 學生學習歷程檔案 as plain Python: no Qt, no SQLAlchemy."""

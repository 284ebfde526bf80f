"""Shuangyong — 双拥工作管理系统."""

"""Matching the 优抚类别 a roster names (by name, alias or code) to a Category."""

from shuangyong.sheets.cells import CellError, text


class CategoryMatcher:
    def __init__(self, categories):
        self.by_key = {}
        for category in categories:
            for key in [category.code, category.name, *filter(None, category.aliases.split("|"))]:
                self.by_key[text(key)] = category
        self.names = "、".join(c.name for c in categories)

    def match(self, value):
        raw = text(value)
        if not raw:
            raise CellError("优抚类别不能为空")
        category = self.by_key.get(raw)
        if category is None:
            raise CellError(f"优抚类别“{raw}”无法识别")
        return category

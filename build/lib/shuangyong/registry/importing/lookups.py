"""Matching the 优抚类别 a roster names (by name, alias or code) to a Category."""

from shuangyong.sheets.cells import CellError, text


class CategoryMatcher:
    """A category by its code, name or an alias; `default` (a sheet-level choice such as `--default-category 11`
    for a 伤残人员 sheet without a 类别 column) fills an empty cell."""

    def __init__(self, categories, default=None):
        self.default = default
        self.by_key = {}
        for category in categories:
            for key in [category.code, category.name, *filter(None, category.aliases.split("|"))]:
                self.by_key[text(key)] = category
        self.names = "、".join(c.name for c in categories)

    def match(self, value):
        raw = text(value)
        if not raw and self.default is not None:
            return self.default
        if not raw:
            raise CellError("优抚类别不能为空")
        category = self.by_key.get(raw)
        if category is None:
            raise CellError(f"优抚类别“{raw}”无法识别")
        return category

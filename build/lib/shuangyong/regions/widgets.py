"""A region dropdown that can be searched: a county has over two hundred towns and villages. A search box in
front of the <select> narrows its options to those whose name or pinyin initials contain the text (凤山镇:
"凤山" or "fsz"); site.js does the narrowing, so without script the plain dropdown remains."""

from django import forms

from shuangyong.pinyin import initials


class RegionSelect(forms.Select):
    template_name = "regions/region_select.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        # the name is the label's last word: "350123100000 凤山镇" and "罗源县凤山镇" both give fsz / lyxfsz
        option["attrs"]["data-py"] = initials(str(label).split()[-1]) if str(label).strip() else ""
        return option

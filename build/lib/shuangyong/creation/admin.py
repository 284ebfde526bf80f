from django.contrib import admin

from shuangyong.creation.models import ItemRule, Rubric, RubricItem, RubricSection

# the rubric is data staff complete here (the skeleton sections); assessments and namings are kept on the pages


class SectionInline(admin.TabularInline):
    model = RubricSection
    extra = 0


class RuleInline(admin.TabularInline):
    model = ItemRule
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "version"]
    inlines = [SectionInline]


@admin.register(RubricItem)
class RubricItemAdmin(admin.ModelAdmin):
    list_display = ["code", "section", "text", "points", "scoring"]
    list_filter = ["section__rubric", "section"]
    inlines = [RuleInline]

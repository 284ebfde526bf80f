"""A model field that holds a catalogue figure's key ("registry.all_persons"). Lists that show any model's rows
(the records behind a figure, the admin) recognise it and show the figure's Chinese label, never the key."""

from django.db import models

from shuangyong.figures.catalogue import CatalogueError, get


class FigureKeyField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(*args, **kwargs)


def figure_label(key: str) -> str:
    """The figure's label; a key the catalogue no longer knows is shown as it is stored, marked."""
    if not key:
        return ""
    try:
        return get(key).label
    except CatalogueError:
        return f"{key}（已停用的指标）"

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class TodoConfig(AppConfig):
    name = "shuangyong.todo"
    verbose_name = "待办事项"

    def ready(self):
        # each domain app declares the work it asks of its users in its todos.py (registry.register_todo)
        autodiscover_modules("todos")

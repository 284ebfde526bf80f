from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "shuangyong.benefits"
    verbose_name = "待遇发放"

    def ready(self):
        from shuangyong.benefits.presenters import person_payments
        from shuangyong.registry.sections import register_person_section

        register_person_section("payments", "benefits/sections/person_payments.html", person_payments)

"""Benefits in the Django admin. Code tables and bank layouts are edited here; standards and wage bases go
through their services (so a back-dated change still schedules 补发); runs, payees, lines and findings are
read-only: they change only through the engine and the approval services."""

from django import forms
from django.contrib import admin

from shuangyong.benefits.models import (
    BankFileLayout,
    BenefitKind,
    DeathGrantRule,
    Enrolment,
    Finding,
    Payee,
    PaymentLine,
    PaymentRun,
    Standard,
    StandardChange,
    WageBase,
)
from shuangyong.benefits.services import standards


class ReadOnlyAdmin(admin.ModelAdmin):
    show_full_result_count = False  # a county's lines run into the millions

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BenefitKind)
class BenefitKindAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_periodic", "requires_enrolment", "sort_order", "is_active")
    list_filter = ("is_periodic", "requires_enrolment", "is_active")


class StandardAdminForm(forms.ModelForm):
    class Meta:
        model = Standard
        fields = list(standards.STANDARD_FIELDS)

    def _post_clean(self):
        super()._post_clean()
        # the service's rules, once the model form has filled the instance in
        if self.instance.kind_id:
            for field, message in standards.standard_problems(self.instance):
                self.add_error(field if field in self.fields else None, message)


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    form = StandardAdminForm
    list_display = ("kind", "category", "disability_nature", "disability_grade", "region", "basis", "amount_fen")
    list_display += ("valid_from", "valid_to")
    list_filter = ("kind", "basis", "category")
    list_select_related = ("kind", "category", "region")
    raw_id_fields = ("region",)

    def save_model(self, request, obj, form, change):
        standards.save_standard(obj, user=request.user)

    def delete_model(self, request, obj):
        standards.delete_standard(obj, user=request.user)


@admin.register(WageBase)
class WageBaseAdmin(admin.ModelAdmin):
    list_display = ("region", "year", "monthly_fen", "valid_from")
    raw_id_fields = ("region",)

    def save_model(self, request, obj, form, change):
        standards.save_wage_base(obj, user=request.user)


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("entitlement", "kind", "valid_from", "valid_to")
    list_filter = ("kind",)
    raw_id_fields = ("entitlement",)


@admin.register(DeathGrantRule)
class DeathGrantRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "death_cause", "grant_kind", "base_kind", "months")


@admin.register(BankFileLayout)
class BankFileLayoutAdmin(admin.ModelAdmin):
    list_display = ("name", "file_format", "encoding", "include_header", "is_default")


@admin.register(StandardChange)
class StandardChangeAdmin(ReadOnlyAdmin):
    list_display = ("kind", "region", "from_month", "reason", "created_at")


@admin.register(PaymentRun)
class PaymentRunAdmin(ReadOnlyAdmin):
    list_display = ("region", "period_start", "period_end", "status", "person_count", "total_fen", "computed_by")
    list_display += ("approved_by",)
    list_filter = ("status", "frequency")
    list_select_related = ("region", "computed_by", "approved_by")


@admin.register(Payee)
class PayeeAdmin(ReadOnlyAdmin):
    list_display = ("name", "run", "region", "total_fen", "bank_status")
    list_filter = ("bank_status",)
    list_select_related = ("run__region",)


@admin.register(PaymentLine)
class PaymentLineAdmin(ReadOnlyAdmin):
    list_display = ("run", "person_id", "kind", "month", "seq", "line_type", "amount_fen", "failed")
    list_filter = ("line_type", "kind")
    list_select_related = ("run__region", "kind")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("run", "code", "message", "state", "resolved_by")
    list_filter = ("code", "state")
    list_select_related = ("run__region", "resolved_by")

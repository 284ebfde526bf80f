"""Roles and what each may do. The one table of rights; accounts.scope applies it to records."""

from django.db import models


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", "县双拥办管理员"
    TOWN_STAFF = "town_staff", "乡镇工作人员"
    VILLAGE_STAFF = "village_staff", "村（社区）工作人员"
    UNIT_STAFF = "unit_staff", "成员单位工作人员"
    LEADER = "leader", "领导（只读）"
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITADMIN = "auditadmin", "审计管理员"
    SYSTEM = "system", "系统（自动化）"


class Cap(models.TextChoices):
    VIEW_RECORDS = "view_records", "查看业务记录"
    EDIT_RECORDS = "edit_records", "编辑业务记录"
    MANAGE_UNITS = "manage_units", "维护单位"
    MANAGE_REGIONS = "manage_regions", "维护行政区划"
    MANAGE_USERS = "manage_users", "管理用户与角色"
    VIEW_AUDIT = "view_audit", "查阅审计日志"
    VIEW_FULL_IDS = "view_full_ids", "查看完整证件号与账号"
    MANAGE_STANDARDS = "manage_standards", "维护抚恤补助标准"
    APPROVE_PAYMENTS = "approve_payments", "审批待遇发放"
    MANAGE_SETTINGS = "manage_settings", "维护地方设置"


# what a county's 双拥办 administrator may do
COUNTY_OFFICE = frozenset(
    {
        Cap.VIEW_RECORDS,
        Cap.EDIT_RECORDS,
        Cap.MANAGE_UNITS,
        Cap.MANAGE_REGIONS,
        Cap.VIEW_FULL_IDS,
        Cap.MANAGE_STANDARDS,
        Cap.APPROVE_PAYMENTS,
        Cap.MANAGE_SETTINGS,
    }
)

# 三员分立 (等保): the system administrator runs the system but neither manages accounts nor reads the audit
# log; the security administrator manages accounts only; the audit administrator reads the audit log only.
CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COUNTY_ADMIN: COUNTY_OFFICE,
    Role.TOWN_STAFF: frozenset({Cap.VIEW_RECORDS, Cap.EDIT_RECORDS, Cap.MANAGE_UNITS}),
    Role.VILLAGE_STAFF: frozenset({Cap.VIEW_RECORDS, Cap.EDIT_RECORDS}),
    Role.UNIT_STAFF: frozenset({Cap.VIEW_RECORDS, Cap.EDIT_RECORDS, Cap.MANAGE_UNITS}),
    Role.LEADER: frozenset({Cap.VIEW_RECORDS}),
    Role.SYSADMIN: frozenset({Cap.MANAGE_UNITS, Cap.MANAGE_REGIONS}),
    Role.SECADMIN: frozenset({Cap.MANAGE_USERS}),
    Role.AUDITADMIN: frozenset({Cap.VIEW_AUDIT}),
    # automation (commands, scheduled runs, the demo): what a county office may do, over the whole installation,
    # never accounts or the audit log; the one account that holds it cannot sign in (accounts.system)
    Role.SYSTEM: COUNTY_OFFICE,
}

# Roles whose scope is a region subtree; unit staff are scoped to their unit; the three administrators
# act on the whole installation.
REGION_ROLES = frozenset({Role.COUNTY_ADMIN, Role.TOWN_STAFF, Role.VILLAGE_STAFF, Role.LEADER})
UNIT_ROLES = frozenset({Role.UNIT_STAFF})
GLOBAL_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN})
# what a person's account may be given (the system role belongs to the system account alone)
PERSON_ROLES = tuple(role for role in Role if role != Role.SYSTEM)

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from shuangyong.archive.models import Attachment, Category
from shuangyong.archive.services import attachments_for, deletable_ids, may_attach

register = template.Library()


@register.inclusion_tag("archive/_panel.html", takes_context=True)
def attachment_panel(context, obj, title="照片与附件"):
    """The record's attachments the viewer may see, with thumbnails, and an upload form posting back here."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = attachments_for(obj, user=user) if user is not None else Attachment.objects.none()
    return {
        "object": obj,
        "panel_title": title,
        "attachments": list(rows),
        "deletable": deletable_ids(user, rows),
        "content_type_id": ContentType.objects.get_for_model(obj).pk,
        "can_upload": user is not None and may_attach(user, obj),
        "categories": Category.objects.filter(is_active=True),
        "this_year": timezone.localdate().year,
        "next": f"{request.get_full_path()}#attachments" if request else "",
        "csrf_token": context.get("csrf_token"),
        "user": user,
    }

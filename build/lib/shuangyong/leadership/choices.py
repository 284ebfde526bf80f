from django.db import models


class Body(models.TextChoices):
    GROUP = "group", "双拥工作领导小组"
    OFFICE = "office", "双拥办"


class Post(models.TextChoices):
    """A post in the group (组长 …) or in the office (主任 …); sort order = the order of the choices."""

    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"
    DIRECTOR = "director", "主任"
    VICE_DIRECTOR = "vice_director", "副主任"
    STAFF = "staff", "工作人员"


POSTS_OF = {
    Body.GROUP: (Post.LEADER, Post.DEPUTY, Post.MEMBER),
    Body.OFFICE: (Post.DIRECTOR, Post.VICE_DIRECTOR, Post.STAFF),
}
# one person at a time may hold these posts
SINGLE_POSTS = {Post.LEADER, Post.DIRECTOR}
POST_ORDER = {post.value: index for index, post in enumerate(Post)}


class DecisionStatus(models.TextChoices):
    OPEN = "open", "未完成"
    DONE = "done", "已完成"

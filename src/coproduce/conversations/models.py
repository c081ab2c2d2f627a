"""Conversations: threads inside an organisation (on an initiative, a proposal, an
agenda item or a "you said, we did" item) and, for a network, questions to its members.
Replies, "this helped", moderation by the owning organisation with every reason kept,
and contributions whose author only the named moderators can see."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class Moderator(models.Model):
    """Someone the organisation's admins named to moderate its conversations. Only they
    see who wrote a contribution marked sensitive."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_moderator_each")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Topic(models.TextChoices):
    GENERAL = "general", _("Anything")
    PROPOSAL = "proposal", _("A proposal")
    AGENDA = "agenda", _("An agenda item")
    SAID = "said", _("Something raised with us")
    QUESTION = "question", _("A question to peers")


class Thread(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="threads")
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("initiative"),
    )
    topic = models.CharField(_("what it is about"), max_length=20, choices=Topic.choices)
    title = models.CharField(_("title"), max_length=200)
    # A network's question to its members: their staff can read and reply.
    network_wide = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The "you said, we did" item it led to; the item links back.
    outcome = models.ForeignKey(
        "influence.InfluenceItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_post_at", "-id"]
        indexes = [models.Index(fields=["organisation", "last_post_at"])]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # The thread's organisation, kept on each post so every read can be scoped by it.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Where the author spoke from: their own organisation, for a network's question.
    from_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("your message"), max_length=5000)
    sensitive = models.BooleanField(
        _("Only the moderators may see that this is from me"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class Helped(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="helped")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="helped_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.post}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hidden")
    SHOW = "show", _("Shown again")
    CLOSE = "close", _("Closed")
    OUTCOME = "outcome", _("Made a “you said, we did” item")


class ModerationNote(models.Model):
    """Every moderation step with its reason, kept and shown on the thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderation")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=ModerationAction.choices)
    reason = models.CharField(_("reason"), max_length=500)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.reason}"

"""The Atom feed of new case studies and the sitemap, with Django's own frameworks."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from coproduce.library import queries
from coproduce.library.models import CaseStudy


class NewCaseStudies(Feed):
    feed_type = Atom1Feed
    title = "Co-production library: new case studies"
    subtitle = "Stories of people and services working as equals."

    def link(self) -> str:
        return reverse("library:home")

    def items(self) -> Any:
        return queries.published().order_by("-published_at", "-id")[:30]

    def item_title(self, item: CaseStudy) -> str:
        return item.title

    def item_description(self, item: CaseStudy) -> str:
        return item.summary

    def item_pubdate(self, item: CaseStudy) -> Any:
        return item.published_at

    def item_updateddate(self, item: CaseStudy) -> Any:
        return item.updated_at


class CaseStudySitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self) -> Any:
        return queries.published().order_by("id").only("slug", "updated_at")

    def lastmod(self, item: CaseStudy) -> Any:
        return item.updated_at


class PublicPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["library:home", "library:glossary", "library:toolkit", "frameworks:framework-list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"pages": PublicPagesSitemap, "case-studies": CaseStudySitemap}

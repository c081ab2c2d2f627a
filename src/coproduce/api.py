"""The API, assembled from each app's router and mounted once under /api/v1/."""

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.assessments import api as assessments_api
from coproduce.core import api as core_api
from coproduce.evidence import api as evidence_api
from coproduce.frameworks import api as frameworks_api
from coproduce.influence import api as influence_api
from coproduce.initiatives import api as initiatives_api
from coproduce.library import api as library_api
from coproduce.opportunities import api as opportunities_api
from coproduce.people import api as people_api
from coproduce.recognition import api as recognition_api
from coproduce.sessions import api as sessions_api

api = core_api.CoproduceAPI(
    title="Coproduce API",
    version="1.0.0",
    description=(
        "Organisation data lives under /orgs/{org_slug}/. Authenticate with "
        "'Authorization: Bearer <token>'; create a token with `coproduce token create --user EMAIL`. "
        "Errors are application/problem+json and name each field that is wrong."
    ),
    auth=core_api.BearerToken(),
    docs_url=None,
    urls_namespace="api",
)
core_api.install_error_handlers(api)
api.add_router("", core_api.router)
api.add_router("", people_api.router)
api.add_router("", frameworks_api.router)
api.add_router("", initiatives_api.router)
api.add_router("", assessments_api.router)
api.add_router("", influence_api.router)
api.add_router("", sessions_api.router)
api.add_router("", recognition_api.router)
api.add_router("", opportunities_api.router)
api.add_router("", evidence_api.router)
api.add_router("", library_api.router)


def api_guide(request: HttpRequest) -> HttpResponse:
    """A readable, accessible page listing every operation in the OpenAPI schema."""
    info, operations = guide_operations()
    return render(request, "api_guide.html", {"operations": operations, "info": info})


@functools.cache
def guide_operations() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The schema's operations, worked out once per process: building the schema took
    about a second (issue 23), and it only changes with a new release."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations: list[dict[str, Any]] = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": operation.get("parameters", []),
                    "statuses": sorted(operation.get("responses", {})),
                    "tag": (operation.get("tags") or ["general"])[0],
                }
            )
    return schema["info"], operations

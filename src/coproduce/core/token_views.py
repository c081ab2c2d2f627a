"""Your API tokens: make one for a program, see which ones work, and stop one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import queries, services
from coproduce.core.forms import ApiTokenForm, add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import ApiToken


@login_required
def api_token_list(request: AuthedRequest) -> HttpResponse:
    organisations = queries.organisations_with_roles(request.user)
    choices = [(org.slug, org.name) for org, _role in organisations]
    form = ApiTokenForm(request.POST if request.method == "POST" else None, organisations=choices)
    issued = None
    if request.method == "POST" and form.is_valid():
        chosen = {org.slug: org for org, _role in organisations}
        try:
            issued = services.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                organisation=chosen.get(form.cleaned_data["organisation"]),
                write=form.cleaned_data["access"] == "write",
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = ApiTokenForm(organisations=choices)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "core/api_tokens.html",
        {
            "form": form,
            "issued": issued,
            "tokens": queries.api_tokens_of(request.user),
        },
        status=status,
    )


@login_required
@require_POST
def api_token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    api_token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(api_token=api_token)
    messages.success(request, _("The token %(name)s no longer works.") % {"name": api_token.name})
    return redirect("core:api-tokens")

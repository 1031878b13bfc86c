"""TEMPORARY: replaced by the real views of each area before this work lands."""

from django.http import HttpResponse


def nog_niet(request, *args, **kwargs):
    return HttpResponse("in aanbouw", status=501)

from django.conf import settings


def kaart(request):
    """Tile server settings for the (optional) map."""
    return {"KAART_TEGELS_URL": settings.KAART_TEGELS_URL, "KAART_ATTRIBUTIE": settings.KAART_ATTRIBUTIE}


def beheer(request):
    """Which parts of /beheer/ the user may open: one query, and only when a template asks."""
    from django.utils.functional import SimpleLazyObject

    from aanbod.beheer.rechten import beheerrollen

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"beheer": {}}
    return {"beheer": SimpleLazyObject(lambda: beheerrollen(user))}

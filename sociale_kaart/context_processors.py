from django.conf import settings


def kaart(request):
    """Tile server settings for the (optional) map."""
    return {"KAART_TEGELS_URL": settings.KAART_TEGELS_URL, "KAART_ATTRIBUTIE": settings.KAART_ATTRIBUTIE}

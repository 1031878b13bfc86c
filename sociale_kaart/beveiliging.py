"""Login protection: lockout after wrong passwords, a second step (TOTP) for curators and administrators,
and sessions that end after inactivity. See docs/security.md and docs/adr/0005-beveiliging.md.

Invariant: a user who must pass the second step (``tweestaps_nodig``) and has not done so in this
session never acts as themselves outside the pages of the second step: /beheer/ and /admin/ send them
there, everywhere else they are anonymous.
"""

from __future__ import annotations

import base64
import time
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from axes.backends import AxesStandaloneBackend
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import LoginView
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

# ---------------------------------------------------------------------------------------------------
# Lockout (django-axes)


class AanmeldPogingen(AxesStandaloneBackend):
    """Counts failed logins and refuses a locked-out username+address (django-axes).

    Logins without a request (``authenticate()`` in a shell, a management command or a test) have no
    address to count against; they pass on to the next backend instead of raising, as axes would.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The client's address for lockout: REMOTE_ADDR, or behind VERTROUWDE_PROXIES proxies the address
    the outermost trusted proxy saw (counted from the right of X-Forwarded-For, which clients can forge
    on the left)."""
    request = getattr(request, "_request", request)  # a DRF Request wraps the Django one
    aantal = settings.VERTROUWDE_PROXIES
    if aantal:
        adressen = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(adressen) >= aantal:
            return adressen[-aantal]
    return request.META.get("REMOTE_ADDR", "")


def geblokkeerd(request, original_response=None, credentials=None):
    """The Dutch lockout page (status 429), with the waiting time in minutes."""
    from axes.helpers import get_cool_off

    wachttijd = get_cool_off(request)
    minuten = max(1, round(wachttijd.total_seconds() / 60)) if wachttijd else None
    return render(request, "registration/geblokkeerd.html", {"minuten": minuten}, status=429)


# ---------------------------------------------------------------------------------------------------
# Who needs the second step


def tweestaps_nodig(user) -> bool:
    """True for a signed-in user who must pass the second step: everyone who switched it on, and with
    TWEE_FACTOR_VERPLICHT every curator, staff member and superuser."""
    if not user.is_authenticated:
        return False
    from aanbod.models import Curator

    curator, toestel = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            curator=Exists(Curator.objects.filter(user=OuterRef("pk"))),
            toestel=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .values_list("curator", "toestel")
        .get()
    )
    if toestel:
        return True
    return settings.TWEE_FACTOR_VERPLICHT and (user.is_superuser or user.is_staff or curator)


NODIG_SLEUTEL = "_tweestaps_nodig"


def tweestaps_nodig_volgens_sessie(request, user) -> bool:
    """``tweestaps_nodig`` remembered in the session for SESSIE_VERLENGEN_NA seconds, so a signed-in
    request costs no extra query (a new role or device counts within that time, or at the next login)."""
    nu = int(time.time())
    bewaard = request.session.get(NODIG_SLEUTEL)
    if bewaard and bewaard[0] == user.pk and nu - bewaard[2] < settings.SESSIE_VERLENGEN_NA:
        return bewaard[1]
    nodig = tweestaps_nodig(user)
    request.session[NODIG_SLEUTEL] = [user.pk, nodig, nu]
    return nodig


def bij_aanmelden(sender, request, user, **kwargs):
    """At login: decide about the second step afresh and start the sliding expiry, so the requests that
    follow neither query nor write the session for it."""
    if request is None or not hasattr(request, "session"):
        return
    nu = int(time.time())
    request.session[SessieVerlengenMiddleware.SLEUTEL] = nu
    request.session[NODIG_SLEUTEL] = [user.pk, tweestaps_nodig(user), nu]


def vergeet_tweestaps_nodig(request) -> None:
    request.session.pop(NODIG_SLEUTEL, None)


def is_geverifieerd(request) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


def bevestigd_toestel(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _veilige_volgende(request, standaard: str) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return volgende
    return standaard


def tweede_stap_url(user, volgende: str) -> str:
    """The verify page (or the enrolment page for who has no device yet), coming back to ``volgende``."""
    naam = "tweestaps_controle" if bevestigd_toestel(user) else "tweestaps_instellen"
    return f"{reverse(naam)}?next={quote(volgende)}"


async def _anoniem():
    return AnonymousUser()


class TweeFactorMiddleware:
    """Holds back a user who must pass the second step and has not (see the module's invariant)."""

    # The areas with administrative rights go straight to the second step; the rest sees an anonymous user.
    BEHEER_PREFIXEN = ("/beheer/", "/admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def vrijgesteld(self) -> tuple[str, ...]:
        return (
            reverse("login"),
            reverse("logout"),
            reverse("tweestaps_controle"),
            reverse("tweestaps_instellen"),
            settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL,
        )

    def __call__(self, request):
        # No session cookie, nobody signed in: nothing to look up (keeps anonymous requests free).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = request.user
            if (
                user.is_authenticated
                and not is_geverifieerd(request)
                and not request.path_info.startswith(self.vrijgesteld)
                and tweestaps_nodig_volgens_sessie(request, user)
            ):
                if request.path_info.startswith(self.BEHEER_PREFIXEN):
                    return HttpResponseRedirect(tweede_stap_url(user, request.get_full_path()))
                if request.path_info.startswith("/api/"):
                    return JsonResponse(
                        {
                            "detail": _("Meld je eerst volledig aan met je tweestapscode."),
                            "code": "tweestaps_vereist",
                            "fields": {},
                        },
                        status=403,
                    )
                request.user = AnonymousUser()
                request.auser = _anoniem
        return self.get_response(request)


class SessieVerlengenMiddleware:
    """Sliding session expiry for signed-in users without a session write on every request.

    The session's expiry is SESSION_COOKIE_AGE after its last save; touching it at most every
    SESSIE_VERLENGEN_NA seconds keeps an active user signed in. Anonymous sessions are never touched.
    """

    SLEUTEL = "_laatst_verlengd"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        sessie = getattr(request, "session", None)
        if sessie is not None and settings.SESSION_COOKIE_NAME in request.COOKIES and not sessie.is_empty():
            if "_auth_user_id" in sessie:
                nu = int(time.time())
                if nu - sessie.get(self.SLEUTEL, 0) >= settings.SESSIE_VERLENGEN_NA:
                    sessie[self.SLEUTEL] = nu
        return response


# ---------------------------------------------------------------------------------------------------
# Views: password, then the second step


class AanmeldView(LoginView):
    """Password login; who needs the second step goes on to it (and a half signed-in user is sent back
    there)."""

    redirect_authenticated_user = True
    template_name = "registration/login.html"

    def get_success_url(self):
        volgende = super().get_success_url()
        if tweestaps_nodig_volgens_sessie(self.request, self.request.user) and not is_geverifieerd(self.request):
            return tweede_stap_url(self.request.user, volgende)
        return volgende

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, tweestaps_verplicht=settings.TWEE_FACTOR_VERPLICHT, pogingen=settings.AXES_FAILURE_LIMIT
        )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code uit je app"),
        min_length=6,
        max_length=8,
        help_text=gettext_lazy(
            "Zes cijfers, bijvoorbeeld uit FreeOTP, Google Authenticator of Microsoft Authenticator."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={
            "required": gettext_lazy("Vul de code uit je app in."),
            "min_length": gettext_lazy("De code heeft zes cijfers."),
            "max_length": gettext_lazy("De code heeft zes cijfers."),
        },
    )

    def __init__(self, *args, toestel: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.toestel = toestel

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        toegestaan, _gegevens = self.toestel.verify_is_allowed()
        if not toegestaan:
            raise forms.ValidationError(_("Te veel foute codes na elkaar. Wacht even en probeer het dan opnieuw."))
        if not self.toestel.verify_token(code):
            raise forms.ValidationError(
                _("Deze code klopt niet. Kijk of de tijd op je telefoon juist staat en neem de nieuwste code.")
            )
        return code


class TweedeStapView(LoginRequiredMixin, FormView):
    """The second step after the password: a code from the user's authenticator app."""

    template_name = "registration/tweestaps_controle.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.toestel = bevestigd_toestel(request.user)
        if self.toestel is None:
            return redirect(
                tweede_stap_url(request.user, _veilige_volgende(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
            )
        if is_geverifieerd(request):
            return redirect(_veilige_volgende(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "toestel": self.toestel}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, next=_veilige_volgende(self.request, ""))

    def form_valid(self, form):
        otp_login(self.request, self.toestel)
        return redirect(_veilige_volgende(self.request, resolve_url(settings.LOGIN_REDIRECT_URL)))


def qr_svg(tekst: str) -> str:
    """A QR code as inline SVG (no style attributes: the CSP allows no inline styles)."""
    beeld = qrcode.make(tekst, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = beeld.to_string(encoding="unicode")
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-uitleg" class="qr" ', 1)
    return mark_safe(svg)  # noqa: S308 - generated by qrcode from our own otpauth URL, no user markup


class TweestapsInstellenView(LoginRequiredMixin, FormView):
    """Switch the second step on for one's own account: scan a QR code, confirm with a first code.

    A user who already has a device must verify with it first; a half signed-in user cannot replace
    their device here (that would skip the second step).
    """

    template_name = "registration/tweestaps_instellen.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        bestaand = bevestigd_toestel(request.user)
        if bestaand is not None and not is_geverifieerd(request):
            return redirect(tweede_stap_url(request.user, request.get_full_path()))
        self.bestaand = bestaand
        if bestaand is None:
            # One unconfirmed device per user, reused so reloading the page keeps the same QR code.
            self.toestel = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by(
                "pk"
            ).first() or TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "toestel": self.bestaand or self.toestel}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            **kwargs,
            bestaand=self.bestaand,
            verplicht=settings.TWEE_FACTOR_VERPLICHT and tweestaps_nodig_zonder_toestel(self.request.user),
            next=_veilige_volgende(self.request, ""),
        )
        if self.bestaand is None:
            context["qr"] = qr_svg(self.toestel.config_url)
            geheim = base64.b32encode(self.toestel.bin_key).decode()
            context["geheim"] = " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))
        return context

    def post(self, request, *args, **kwargs):
        if self.bestaand is not None:
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.toestel.confirmed = True
        self.toestel.save(update_fields=["confirmed"])
        otp_login(self.request, self.toestel)
        vergeet_tweestaps_nodig(self.request)
        messages.success(
            self.request, _("Tweestapsverificatie staat aan. Vanaf nu vragen we na je wachtwoord een code.")
        )
        return redirect(_veilige_volgende(self.request, reverse("tweestaps_instellen")))


def tweestaps_nodig_zonder_toestel(user) -> bool:
    """Whether the rules require the second step for this user, apart from a device they chose."""
    from aanbod.models import Curator

    return user.is_superuser or user.is_staff or Curator.objects.filter(user=user).exists()


class TweestapsUitschakelenView(LoginRequiredMixin, FormView):
    """Remove one's own device (to replace a lost phone, or switch off where it is optional).

    Needs a verified session and a current code, so a stolen password alone cannot remove it.
    """

    form_class = CodeForm
    template_name = "registration/tweestaps_instellen.html"
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.toestel = bevestigd_toestel(request.user)
        if self.toestel is None or not is_geverifieerd(request):
            return redirect("tweestaps_instellen")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "toestel": self.toestel}

    def form_invalid(self, form):
        for fout in form.errors.get("code", []):
            messages.error(self.request, fout)
        return redirect("tweestaps_instellen")

    def form_valid(self, form):
        TOTPDevice.objects.filter(user=self.request.user).delete()
        vergeet_tweestaps_nodig(self.request)
        messages.success(self.request, _("Tweestapsverificatie staat uit. Je kunt ze opnieuw instellen."))
        return redirect("tweestaps_instellen")
